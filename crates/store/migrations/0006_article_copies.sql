-- newsgraph store, schema 6: exact copies at other URLs.
-- An article whose normalised text is already stored (under another URL) is not stored
-- again; its own URL and metadata are kept here, pointing at the stored article, so
-- `export` gives one row per URL received (the copy's row: the stored record with the
-- copy's id, url, source, published, title, `duplicate_of` the stored one).
CREATE TABLE article_copies (
    url_canon TEXT PRIMARY KEY,       -- the copy's canonical URL (unique, like articles')
    id        TEXT NOT NULL UNIQUE,   -- the copy's own article id (from its URL)
    seq       INTEGER NOT NULL REFERENCES articles (seq),
    pub_sort  TEXT NOT NULL,          -- the copy's own feed-order key (`--since`)
    meta      TEXT NOT NULL           -- JSON: the copy's id, url, source, language,
                                      -- published, authors, title, origin
);
CREATE INDEX article_copies_seq ON article_copies (seq);
