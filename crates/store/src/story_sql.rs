//! The SQL of a story's summary columns, shared by both stores (their dialects differ
//! only in how a copy's source is read from its JSON metadata: the macros take that
//! expression over `c.meta`).

/// The sources of a story's articles and of their exact copies at other URLs (a copy
/// is stored once but was carried by its own outlet), one `src` row each. `$story`
/// names the story (`s.id`, `?1`, `$1`); `$copy_source` reads `c.meta`'s source.
macro_rules! story_sources {
    ($story:literal, $copy_source:literal) => {
        concat!(
            "SELECT a.source AS src FROM article_links l JOIN articles a ON a.seq = l.seq
               WHERE l.story = ",
            $story,
            "
             UNION ALL
             SELECT ",
            $copy_source,
            " FROM article_links l
               JOIN article_copies c ON c.seq = l.seq WHERE l.story = ",
            $story
        )
    };
}
pub(crate) use story_sources;

/// A story summary's columns over `stories s`: id, label, article count; outlets (the
/// distinct sources of its articles and their copies); first and last seen (the
/// publication date as given of the earliest and latest member by the feed's sort key,
/// else its ingest time).
macro_rules! story_cols {
    ($copy_source:literal) => {
        concat!(
            "s.id, s.label, s.article_count,
            (SELECT count(DISTINCT src) FROM (",
            crate::story_sql::story_sources!("s.id", $copy_source),
            ") AS sources),
            (SELECT coalesce(a.published, a.ingested_at) FROM article_links l JOIN articles a ON a.seq = l.seq
               WHERE l.story = s.id ORDER BY CASE WHEN a.pub_sort <> '' THEN a.pub_sort ELSE a.ingested_at END, a.seq LIMIT 1),
            (SELECT coalesce(a.published, a.ingested_at) FROM article_links l JOIN articles a ON a.seq = l.seq
               WHERE l.story = s.id ORDER BY CASE WHEN a.pub_sort <> '' THEN a.pub_sort ELSE a.ingested_at END DESC, a.seq DESC LIMIT 1)"
        )
    };
}
pub(crate) use story_cols;

/// A story's outlets with their article counts, most first (`$1`/`?1` the story).
macro_rules! story_outlets {
    ($story:literal, $copy_source:literal) => {
        concat!(
            "SELECT coalesce(src, '') AS src, count(*) FROM (",
            crate::story_sql::story_sources!($story, $copy_source),
            ") AS sources GROUP BY 1 ORDER BY 2 DESC, 1"
        )
    };
}
pub(crate) use story_outlets;
