-- newsgraph store on PostgreSQL, schema 4 (as ../0004_stories.sql): the link stage
-- (near-duplicates and stories), written by the linker (crates/link) through
-- `postgres/link.rs` in the same transaction as the article. Ids are COLLATE "C" so
-- `relink` walks them in byte order, as on SQLite.

CREATE TABLE stories (
    id            TEXT COLLATE "C" PRIMARY KEY,
    label         TEXT,
    article_count BIGINT NOT NULL,
    first_day     INTEGER,             -- days since 1970-01-01 of the earliest dated member
    last_day      INTEGER,
    touched       BIGINT NOT NULL,     -- the link counter at its last update (recency)
    profile       TEXT NOT NULL        -- JSON of `newsgraph_link::StoryProfile`
);
CREATE INDEX stories_touched ON stories (touched DESC);

-- Inverted postings: feature key (`w:word`, `e:place:memphis`, ...) → story.
CREATE TABLE story_keys (
    key      TEXT NOT NULL,
    story    TEXT COLLATE "C" NOT NULL,
    touched  BIGINT NOT NULL,
    last_day INTEGER,
    PRIMARY KEY (key, story)
);
CREATE INDEX story_keys_recent ON story_keys (key, touched DESC);
CREATE INDEX story_keys_story ON story_keys (story);

-- Each article's link: its story (resolve through story_merges) and first copy.
CREATE TABLE article_links (
    seq          BIGINT PRIMARY KEY REFERENCES articles (seq),
    story        TEXT COLLATE "C" NOT NULL,
    duplicate_of TEXT,
    similarity   DOUBLE PRECISION,
    score        DOUBLE PRECISION NOT NULL,
    signature    BYTEA NOT NULL
);
CREATE INDEX article_links_story ON article_links (story, seq);
CREATE INDEX article_links_dup ON article_links (duplicate_of);

-- LSH bands of the MinHash signatures.
CREATE TABLE lsh_bands (
    band BIGINT NOT NULL,
    seq  BIGINT NOT NULL,
    PRIMARY KEY (band, seq)
);

-- Online document frequencies of feature keys; the row '' counts linked articles.
CREATE TABLE link_df (
    key TEXT PRIMARY KEY,
    df  BIGINT NOT NULL
);

-- `relink` merges: the old id stays resolvable.
CREATE TABLE story_merges (
    old       TEXT COLLATE "C" PRIMARY KEY,
    new       TEXT COLLATE "C" NOT NULL,
    merged_at TEXT NOT NULL
);
