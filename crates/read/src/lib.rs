//! Readers and cleaners: turn any news input (scraped text dumps, HTML, RSS/Atom feeds,
//! WARC archives, JSON Lines, URLs) into clean [`newsgraph_model::Article`]s, with the
//! page furniture cut out and labelled.
