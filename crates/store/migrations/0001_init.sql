-- newsgraph store, schema 1.
-- `seq` is the insertion order (SQLite rowid); the full-text index keys its documents
-- by it and records the last indexed seq in its commit payload.

CREATE TABLE articles (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    url_canon    TEXT UNIQUE,           -- canonical URL, NULL when none
    text_hash    TEXT NOT NULL UNIQUE,  -- hash of the normalised text
    url          TEXT,
    title        TEXT,
    source       TEXT,
    published    TEXT,                  -- as the article gives it (ISO 8601)
    pub_sort     TEXT NOT NULL,         -- `published` or '' : sort key for feeds
    ingested_at  TEXT NOT NULL,         -- RFC 3339 UTC
    text         TEXT NOT NULL,
    record       TEXT NOT NULL          -- the JSON record with `text` emptied
);
CREATE INDEX articles_latest ON articles (pub_sort DESC, seq DESC);
CREATE INDEX articles_source ON articles (source);

-- Store-wide entities, keyed `kind:normalised name`.
CREATE TABLE entities (
    key           TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    name          TEXT NOT NULL,
    mention_count INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_rank ON entities (article_count DESC);
CREATE INDEX entities_kind_rank ON entities (kind, article_count DESC);

-- Every normalised spelling seen for an entity (its name included), for linking.
CREATE TABLE entity_aliases (
    alias    TEXT NOT NULL,
    kind     TEXT NOT NULL,
    key      TEXT NOT NULL,
    spelling TEXT NOT NULL,
    PRIMARY KEY (alias, kind, key)
) WITHOUT ROWID;
CREATE INDEX entity_aliases_key ON entity_aliases (key);

CREATE TABLE entity_descriptors (
    key   TEXT NOT NULL,
    text  TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (key, text)
) WITHOUT ROWID;

-- An article's entity (its local id) linked to the store-wide key.
CREATE TABLE mentions (
    seq      INTEGER NOT NULL REFERENCES articles (seq),
    local_id TEXT NOT NULL,
    key      TEXT NOT NULL,
    name     TEXT NOT NULL,
    count    INTEGER NOT NULL,
    PRIMARY KEY (seq, local_id)
) WITHOUT ROWID;
CREATE INDEX mentions_key ON mentions (key, seq);

CREATE TABLE quotes (
    seq         INTEGER NOT NULL REFERENCES articles (seq),
    local_id    TEXT NOT NULL,
    speaker_key TEXT,
    kind        TEXT NOT NULL,
    pub_sort    TEXT NOT NULL,
    json        TEXT NOT NULL,
    PRIMARY KEY (seq, local_id)
) WITHOUT ROWID;
CREATE INDEX quotes_speaker ON quotes (speaker_key, pub_sort, seq);

CREATE TABLE claims (
    seq            INTEGER NOT NULL REFERENCES articles (seq),
    local_id       TEXT NOT NULL,
    holder_key     TEXT,
    stance         TEXT NOT NULL,
    content_key    TEXT NOT NULL,       -- normalised content, for cross-article answers
    answers_seq    INTEGER,             -- the claim this one answers (any article)
    answers_local  TEXT,
    n_responses    INTEGER NOT NULL DEFAULT 0,
    pub_sort       TEXT NOT NULL,
    json           TEXT NOT NULL,
    PRIMARY KEY (seq, local_id)
) WITHOUT ROWID;
CREATE INDEX claims_holder ON claims (holder_key, pub_sort, seq);
CREATE INDEX claims_answers ON claims (answers_seq, answers_local);
CREATE INDEX claims_board ON claims (answers_seq, n_responses DESC, pub_sort DESC, seq DESC);
CREATE INDEX claims_content ON claims (content_key, stance);

CREATE TABLE times (
    seq    INTEGER NOT NULL REFERENCES articles (seq),
    start  INTEGER NOT NULL,
    end    INTEGER NOT NULL,
    type   TEXT NOT NULL,
    value  TEXT NOT NULL,
    text   TEXT NOT NULL
);
CREATE INDEX times_seq ON times (seq);
CREATE INDEX times_value ON times (value);

CREATE TABLE events (
    seq      INTEGER NOT NULL REFERENCES articles (seq),
    local_id TEXT NOT NULL,
    kind     TEXT NOT NULL,
    day      TEXT,                      -- resolved `when`, else the publication date
    json     TEXT NOT NULL,
    PRIMARY KEY (seq, local_id)
) WITHOUT ROWID;
CREATE INDEX events_day ON events (day);

CREATE TABLE event_entities (
    key      TEXT NOT NULL,
    seq      INTEGER NOT NULL,
    local_id TEXT NOT NULL,
    PRIMARY KEY (key, seq, local_id)
) WITHOUT ROWID;
