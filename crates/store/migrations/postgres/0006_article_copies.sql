-- newsgraph store on PostgreSQL, schema 6 (as ../0006_article_copies.sql): exact copies
-- at other URLs, one row per copy pointing at the stored article, so `export` gives one
-- row per URL received.
CREATE TABLE article_copies (
    url_canon TEXT COLLATE "C" PRIMARY KEY,
    id        TEXT COLLATE "C" NOT NULL UNIQUE,
    seq       BIGINT NOT NULL REFERENCES articles (seq),
    pub_sort  TEXT COLLATE "C" NOT NULL,
    meta      TEXT NOT NULL                -- JSON of the copy's metadata
);
CREATE INDEX article_copies_seq ON article_copies (seq);
