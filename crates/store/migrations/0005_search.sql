-- newsgraph store, schema 5: the PostgreSQL store's search tables (see
-- postgres/0005_search.sql: `search_docs`, `search_totals`, accent folding). The
-- embedded store searches with Tantivy, whose index already folds accents and keeps
-- its own facet columns, so its SQLite schema does not change; the version moves so
-- that schema N means the same thing on both stores.
SELECT 1;
