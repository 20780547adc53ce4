-- newsgraph store on PostgreSQL, schema 7 (as ../0007_postings_cover.sql): the postings'
-- recency index carries `last_day`, so the link stage's recency scan reads no table rows.
DROP INDEX story_keys_recent;
CREATE INDEX story_keys_recent ON story_keys (key, touched DESC, last_day);
