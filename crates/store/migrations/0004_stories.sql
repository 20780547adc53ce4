-- newsgraph store, schema 4: the link stage (near-duplicates and stories).
-- Written by the linker (crates/link) through `embedded/link.rs`, in the same
-- transaction as the article.

-- A story: its compact profile (JSON of `newsgraph_link::StoryProfile`) and the
-- columns lists sort on. `touched` is the link counter at its last update (recency).
CREATE TABLE stories (
    id            TEXT PRIMARY KEY,
    label         TEXT,
    article_count INTEGER NOT NULL,
    first_day     INTEGER,             -- days since 1970-01-01 of the earliest dated member
    last_day      INTEGER,
    touched       INTEGER NOT NULL,
    profile       TEXT NOT NULL
);
CREATE INDEX stories_touched ON stories (touched DESC);

-- Inverted postings: feature key (`w:word`, `e:place:memphis`, ...) → story.
CREATE TABLE story_keys (
    key      TEXT NOT NULL,
    story    TEXT NOT NULL,
    touched  INTEGER NOT NULL,
    last_day INTEGER,
    PRIMARY KEY (key, story)
) WITHOUT ROWID;
CREATE INDEX story_keys_recent ON story_keys (key, touched DESC);
CREATE INDEX story_keys_story ON story_keys (story);

-- Each article's link: its story (as assigned; resolve through story_merges) and the
-- first stored copy of its text.
CREATE TABLE article_links (
    seq          INTEGER PRIMARY KEY REFERENCES articles (seq),
    story        TEXT NOT NULL,
    duplicate_of TEXT,
    similarity   REAL,
    score        REAL NOT NULL,
    signature    BLOB NOT NULL
);
CREATE INDEX article_links_story ON article_links (story, seq);
CREATE INDEX article_links_dup ON article_links (duplicate_of);

-- LSH bands of the MinHash signatures.
CREATE TABLE lsh_bands (
    band INTEGER NOT NULL,
    seq  INTEGER NOT NULL,
    PRIMARY KEY (band, seq)
) WITHOUT ROWID;

-- Online document frequencies of feature keys; the row '' counts linked articles.
CREATE TABLE link_df (
    key TEXT PRIMARY KEY,
    df  INTEGER NOT NULL
) WITHOUT ROWID;

-- `relink` merges: the old id stays resolvable.
CREATE TABLE story_merges (
    old       TEXT PRIMARY KEY,
    new       TEXT NOT NULL,
    merged_at TEXT NOT NULL
);
