-- newsgraph store on PostgreSQL, schema 2 (as ../0002_published_utc.sql): `published`
-- normalised to UTC. `published_utc` is the RFC 3339 UTC instant of `published` (NULL
-- for a date alone or an unparsable value); `pub_sort` becomes that instant in fixed
-- width. The Rust side (`migrate::renormalise_published`) fills both for stored rows.
ALTER TABLE articles ADD COLUMN published_utc TEXT;
