-- newsgraph store, schema 7: the postings' recency index covers the link stage's query.
-- `stories_by_keys` walks a key's postings newest first and skips stories dormant before
-- the article's window (`last_day`); without `last_day` in the index each posting it
-- passed was a lookup of its table row (16 keys x up to 40 rows per linked article).
DROP INDEX story_keys_recent;
CREATE INDEX story_keys_recent ON story_keys (key, touched DESC, last_day);
