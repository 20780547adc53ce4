//! The conformance suite: every behaviour of the `Store` trait, run against each
//! implementation — the embedded store (real SQLite + Tantivy files in a temp dir) and
//! the PostgreSQL store (a fresh database on the server of `$NEWSGRAPH_TEST_PG`, which
//! `scripts/test` starts; under `CI=true` a missing server fails the run).
//!
//! Each behaviour is a function over a [`Backend`]; `conformance!` makes one test per
//! behaviour and backend.

#[path = "../common/mod.rs"]
mod common;

mod articles;
mod claims;
mod migrations;
mod registry;
mod search;
mod stories;
mod timeline;

use articles::*;
use claims::*;
use registry::*;
use search::*;
use stories::*;
use timeline::*;

use newsgraph_store::*;

/// A way to open (and re-open) one store.
trait Backend {
    /// The store with the link stage's configuration `cfg`.
    fn open_with(&mut self, cfg: newsgraph_link::LinkConfig) -> Box<dyn Store>;

    fn open(&mut self) -> Box<dyn Store> {
        self.open_with(newsgraph_link::LinkConfig::default())
    }
}

struct Embedded(tempfile::TempDir);

impl Backend for Embedded {
    fn open_with(&mut self, cfg: newsgraph_link::LinkConfig) -> Box<dyn Store> {
        let mut s = EmbeddedStore::open(self.0.path()).unwrap();
        s.set_link_config(cfg);
        Box::new(s)
    }
}

struct Postgres(String);

impl Backend for Postgres {
    fn open_with(&mut self, cfg: newsgraph_link::LinkConfig) -> Box<dyn Store> {
        let mut s = PostgresStore::connect(&self.0, 4).unwrap();
        s.set_link_config(cfg);
        Box::new(s)
    }
}

macro_rules! conformance {
    ($($name:ident),* $(,)?) => {
        mod embedded {
            $(#[test]
            fn $name() {
                super::$name(&mut super::Embedded(tempfile::tempdir().unwrap()));
            })*
        }
        mod postgres {
            $(#[test]
            fn $name() {
                if let Some(url) = newsgraph_store::testing::test_database(stringify!($name)) {
                    super::$name(&mut super::Postgres(url));
                }
            })*
        }
    };
}

conformance!(
    put_get_duplicates_and_reopen,
    entities_link_across_articles_and_pages_gather_quotes_and_claims,
    search_filters_facets_and_snippets,
    latest_pages_and_empty_store,
    big_and_odd_articles_round_trip,
    merge_and_split_persist_and_refuse_bad_corrections,
    short_names_resolve_by_context_then_commonness,
    bare_surnames_fold_into_their_clear_owner_and_fuller_names_join_by_context,
    the_kind_most_articles_give_a_name_decides_its_registry_entity,
    feed_orders_by_the_utc_instant_and_keeps_the_original,
    claims_board_is_newest_first_among_equally_answered,
    timeline_cursor_pages_never_repeat_an_event,
    totals_and_entity_summaries,
    stories_and_copies_are_linked_in_the_write_and_exported,
    prepared_articles_store_what_plain_puts_store,
    exact_copies_at_other_urls_export_one_row_per_url,
    bad_filters_are_clear_errors_and_an_empty_store_exports_nothing,
    relink_merges_and_old_ids_resolve,
    search_folds_accents_and_counts_every_article,
    denials_answer_reworded_claims_across_the_outlets_of_a_story,
);
