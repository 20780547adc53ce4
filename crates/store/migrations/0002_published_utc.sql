-- newsgraph store, schema 2: `published` normalised to UTC.
-- `published_utc` is the RFC 3339 UTC instant of `published` (NULL for a date alone or an
-- unparsable value); `pub_sort` becomes that instant in fixed width, so the feed orders by
-- time and not by the text of the timestamp. The Rust side of the migration
-- (`db::renormalise_published`) fills both for rows stored before it.
ALTER TABLE articles ADD COLUMN published_utc TEXT;
