-- newsgraph store on PostgreSQL, schema 1: the tables of ../0001_init.sql (same names,
-- same meaning, same version number) plus what the embedded store keeps in Tantivy:
-- the full-text vector and the facet columns live on `articles`. Columns that lists
-- sort by are COLLATE "C" (byte order, as SQLite), whatever the database's locale.

CREATE TABLE articles (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    url_canon    TEXT UNIQUE,           -- canonical URL, NULL when none
    text_hash    TEXT NOT NULL UNIQUE,  -- hash of the normalised text
    url          TEXT,
    title        TEXT,
    source       TEXT,
    published    TEXT,                  -- as the article gives it (ISO 8601)
    pub_sort     TEXT COLLATE "C" NOT NULL, -- `published` or '' : sort key for feeds
    pub_num      INTEGER NOT NULL,      -- YYYYMMDD (0 unknown): date filters, newest-first
    month        TEXT,                  -- YYYY-MM facet
    layers       INTEGER NOT NULL,      -- bit i set: layer LayerKind::ALL[i] is non-empty
    entity_kinds TEXT[] NOT NULL,       -- kinds of the linked entities (facet)
    ingested_at  TEXT NOT NULL,         -- RFC 3339 UTC
    text         TEXT NOT NULL,
    record       TEXT NOT NULL,         -- the JSON record with `text` emptied
    -- title (A) > entity names (B) > quotes (C) > body (D), English stemming.
    tsv          TSVECTOR NOT NULL
);
CREATE INDEX articles_latest ON articles (pub_sort DESC, seq DESC);
CREATE INDEX articles_source ON articles (source);
CREATE INDEX articles_pub_num ON articles (pub_num DESC, seq DESC);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);

CREATE TABLE entities (
    key           TEXT COLLATE "C" PRIMARY KEY,
    kind          TEXT NOT NULL,
    name          TEXT NOT NULL,
    mention_count BIGINT NOT NULL DEFAULT 0,
    article_count BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX entities_rank ON entities (article_count DESC);
CREATE INDEX entities_kind_rank ON entities (kind, article_count DESC);

CREATE TABLE entity_aliases (
    alias    TEXT NOT NULL,
    kind     TEXT NOT NULL,
    key      TEXT NOT NULL,
    spelling TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (alias, kind, key)
);
CREATE INDEX entity_aliases_key ON entity_aliases (key);

CREATE TABLE entity_descriptors (
    key   TEXT NOT NULL,
    text  TEXT COLLATE "C" NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (key, text)
);

CREATE TABLE mentions (
    seq      BIGINT NOT NULL REFERENCES articles (seq),
    local_id TEXT NOT NULL,
    key      TEXT NOT NULL,
    name     TEXT NOT NULL,
    count    BIGINT NOT NULL,
    PRIMARY KEY (seq, local_id)
);
CREATE INDEX mentions_key ON mentions (key, seq);

CREATE TABLE quotes (
    seq         BIGINT NOT NULL REFERENCES articles (seq),
    local_id    TEXT NOT NULL,
    speaker_key TEXT,
    kind        TEXT NOT NULL,
    pub_sort    TEXT COLLATE "C" NOT NULL,
    json        TEXT NOT NULL,
    PRIMARY KEY (seq, local_id)
);
CREATE INDEX quotes_speaker ON quotes (speaker_key, pub_sort, seq);

CREATE TABLE claims (
    seq            BIGINT NOT NULL REFERENCES articles (seq),
    local_id       TEXT NOT NULL,
    holder_key     TEXT,
    stance         TEXT NOT NULL,
    content_key    TEXT NOT NULL,
    answers_seq    BIGINT,
    answers_local  TEXT,
    n_responses    BIGINT NOT NULL DEFAULT 0,
    pub_sort       TEXT COLLATE "C" NOT NULL,
    json           TEXT NOT NULL,
    PRIMARY KEY (seq, local_id)
);
CREATE INDEX claims_holder ON claims (holder_key, pub_sort, seq);
CREATE INDEX claims_answers ON claims (answers_seq, answers_local);
CREATE INDEX claims_board ON claims (n_responses DESC, pub_sort DESC, seq DESC) WHERE answers_seq IS NULL;
CREATE INDEX claims_content ON claims (content_key, stance);

CREATE TABLE times (
    seq    BIGINT NOT NULL REFERENCES articles (seq),
    start  BIGINT NOT NULL,
    "end"  BIGINT NOT NULL,
    type   TEXT NOT NULL,
    value  TEXT NOT NULL,
    text   TEXT NOT NULL
);
CREATE INDEX times_seq ON times (seq);
CREATE INDEX times_value ON times (value);

CREATE TABLE events (
    seq      BIGINT NOT NULL REFERENCES articles (seq),
    local_id TEXT NOT NULL,
    kind     TEXT NOT NULL,
    day      TEXT COLLATE "C",
    json     TEXT NOT NULL,
    PRIMARY KEY (seq, local_id)
);
CREATE INDEX events_day ON events (day);

CREATE TABLE event_entities (
    key      TEXT NOT NULL,
    seq      BIGINT NOT NULL,
    local_id TEXT NOT NULL,
    PRIMARY KEY (key, seq, local_id)
);
