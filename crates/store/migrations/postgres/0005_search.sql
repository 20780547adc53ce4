-- newsgraph store on PostgreSQL, schema 5: search moves to a narrow table of its own.
--
-- Why: a search touches every matching row twice (facets count them all; the page
-- ranks them). On `articles` a row is ~1 KB and its `tsv` is TOASTed, so a word
-- matching 20,000 of 100,000 articles read ~6,000 heap pages and ranked by
-- `ts_rank_cd` over each match's detoasted document vector (2.8 s at p95). Here a row
-- is ~250 bytes (40 to a page), the document vector is only used through its GIN
-- index, and ranking reads `head` (title and entity names), a few dozen lexemes
-- stored inline. Unfiltered facets, the widest case, come from `search_totals`,
-- counted by the writers.
--
-- Accent folding: the `news` text search configuration is `english` with the
-- `unaccent` filter in front of the stemmer (the extension ships with Debian's
-- postgresql package, contrib), so "Zurich" finds "Zürich" as on the embedded store.
-- Where the extension cannot be created, `news` is plain `english` and the
-- migration still applies (the notice says why).

DO $$
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS unaccent;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'newsgraph: no unaccent extension (%): search does not fold accents', SQLERRM;
    END;
    CREATE TEXT SEARCH CONFIGURATION news (COPY = english);
    IF EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = 'unaccent') THEN
        ALTER TEXT SEARCH CONFIGURATION news
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
    END IF;
END
$$;

-- The document vector: title (A) > entity names and aliases (B) > quotes (C) > body
-- (D). One definition for the write path and the backfill below.
CREATE FUNCTION news_document(title TEXT, names TEXT, quotes TEXT, body TEXT)
RETURNS TSVECTOR LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('news', coalesce(title, '')), 'A') ||
           setweight(to_tsvector('news', coalesce(names, '')), 'B') ||
           setweight(to_tsvector('news', coalesce(quotes, '')), 'C') ||
           setweight(to_tsvector('news', coalesce(body, '')), 'D')
$$;

-- The ranking vector: title (A) and entity names (B).
CREATE FUNCTION news_head(title TEXT, names TEXT)
RETURNS TSVECTOR LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('news', coalesce(title, '')), 'A') ||
           setweight(to_tsvector('news', coalesce(names, '')), 'B')
$$;

-- One row per article: what search filters, counts and orders by. Written with the
-- article, never updated (corrections keep kinds; no article is deleted).
CREATE TABLE search_docs (
    seq      BIGINT PRIMARY KEY REFERENCES articles (seq),
    source   TEXT COLLATE "C",
    month    TEXT COLLATE "C",          -- YYYY-MM facet
    pub_num  INTEGER NOT NULL,          -- YYYYMMDD (0 unknown): date filters
    pub_sort TEXT COLLATE "C" NOT NULL, -- as articles.pub_sort: newest first
    layers   INTEGER NOT NULL,          -- bit i: layer LayerKind::ALL[i] is non-empty
    kinds    INTEGER NOT NULL,          -- bit i: an entity of kind i (search::KINDS)
    head     TSVECTOR NOT NULL,         -- news_head(): ranking
    tsv      TSVECTOR NOT NULL          -- news_document(): matching, through the index
);
-- Out of line and uncompressed: the vector is read by the index, not by row scans
-- (only a phrase query rechecks it), and a narrow row keeps scans of matches cheap.
ALTER TABLE search_docs ALTER COLUMN tsv SET STORAGE EXTERNAL;

-- The facets of "every article": (facet, value) → articles. facet is `source`,
-- `month`, `kind`, `layer`, or `all` (value '', the article count). Added to by each
-- write batch under the writers' lock.
CREATE TABLE search_totals (
    facet TEXT COLLATE "C" NOT NULL,
    value TEXT COLLATE "C" NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (facet, value)
);

-- Backfill from the stored articles (their records hold entity names and quotes).
INSERT INTO search_docs (seq, source, month, pub_num, pub_sort, layers, kinds, head, tsv)
SELECT a.seq, a.source, a.month, a.pub_num, a.pub_sort, a.layers,
       (SELECT coalesce(sum(DISTINCT CASE k WHEN 'person' THEN 1 WHEN 'organization' THEN 2
                   WHEN 'place' THEN 4 WHEN 'group' THEN 8 WHEN 'other' THEN 16 ELSE 0 END), 0)
        FROM unnest(a.entity_kinds) k)::INTEGER,
       news_head(a.title, n.names),
       news_document(a.title, n.names, q.quotes, left(a.text, 400000))
FROM articles a
CROSS JOIN LATERAL (
    SELECT string_agg(concat_ws(' ', e->>'name',
               (SELECT string_agg(x, ' ') FROM jsonb_array_elements_text(
                   CASE WHEN jsonb_typeof(e->'aliases') = 'array' THEN e->'aliases' ELSE '[]' END) x)),
           ' ') AS names
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(a.record::jsonb->'entities') = 'array'
                                   THEN a.record::jsonb->'entities' ELSE '[]' END) e) n
CROSS JOIN LATERAL (
    SELECT string_agg(x->>'text', ' ') AS quotes
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(a.record::jsonb->'quotes') = 'array'
                                   THEN a.record::jsonb->'quotes' ELSE '[]' END) x) q;

-- Indexes after the backfill: one build each instead of 100,000 insertions.
CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv);
CREATE INDEX search_docs_head ON search_docs USING GIN (head);
CREATE INDEX search_docs_latest ON search_docs (pub_sort DESC, seq DESC);
CREATE INDEX search_docs_source ON search_docs (source);
CREATE INDEX search_docs_pub_num ON search_docs (pub_num);

INSERT INTO search_totals (facet, value, count)
SELECT 'all', '', count(*) FROM search_docs HAVING count(*) > 0
UNION ALL
SELECT 'source', source, count(*) FROM search_docs WHERE source IS NOT NULL GROUP BY source
UNION ALL
SELECT 'month', month, count(*) FROM search_docs WHERE month IS NOT NULL GROUP BY month
UNION ALL
SELECT 'kind', k.name, count(*) FROM search_docs d
    JOIN (VALUES ('person', 1), ('organization', 2), ('place', 4), ('group', 8), ('other', 16))
        AS k(name, bit) ON d.kinds & k.bit <> 0
    GROUP BY k.name
UNION ALL
SELECT 'layer', l.name, count(*) FROM search_docs d
    JOIN (VALUES ('entities', 1), ('quotes', 2), ('claims', 4), ('times', 8), ('figures', 16),
                 ('events', 32), ('furniture', 64))
        AS l(name, bit) ON d.layers & l.bit <> 0
    GROUP BY l.name;

-- The document vector now lives in search_docs only.
DROP INDEX IF EXISTS articles_tsv;
ALTER TABLE articles DROP COLUMN IF EXISTS tsv;
