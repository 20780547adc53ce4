//! Schema migrations (PostgreSQL).

use crate::common::*;
use newsgraph_model::*;
use newsgraph_store::*;

/// PostgreSQL only: migration 5 builds `search_docs` and `search_totals` from the
/// articles already stored (entity names and quotes come from their records): a
/// database taken back to schema 4 and opened again searches as before.
#[test]
pub(crate) fn postgres_schema_5_backfills_search_from_stored_articles() {
    let Some(url) = newsgraph_store::testing::test_database("schema5_backfill") else {
        return;
    };
    let queries = [
        SearchQuery {
            text: Some("talks".into()),
            ..Default::default()
        },
        SearchQuery {
            text: Some("Baqaei".into()),
            ..Default::default()
        },
        SearchQuery {
            text: Some("zurich".into()),
            ..Default::default()
        },
        SearchQuery {
            entity_kind: Some(EntityKind::Person),
            ..Default::default()
        },
        SearchQuery::default(),
    ];
    let before: Vec<SearchResults> = {
        let store = PostgresStore::connect(&url, 2).unwrap();
        store
            .put_batch(&[
                article_one(),
                article_two(),
                plain("Bankers in Zürich and talks.", "Alpine Wire"),
            ])
            .unwrap();
        queries.iter().map(|q| store.search(q).unwrap()).collect()
    };
    assert!(before[1].total == 1 && before[2].total == 1);
    let mut client = ::postgres::Client::connect(&url, ::postgres::NoTls).unwrap();
    client
        .batch_execute(
            "DROP TABLE search_docs, search_totals;
             DROP FUNCTION news_document, news_head;
             DROP TEXT SEARCH CONFIGURATION news;
             ALTER TABLE articles ADD COLUMN tsv TSVECTOR;
             CREATE INDEX articles_tsv ON articles USING GIN (tsv);
             DELETE FROM schema_migrations WHERE version = 5;",
        )
        .unwrap();
    let store = PostgresStore::connect(&url, 2).unwrap();
    for (q, b) in queries.iter().zip(&before) {
        let a = store.search(q).unwrap();
        assert_eq!(a.total, b.total, "{q:?}");
        assert_eq!(a.facets, b.facets, "{q:?}");
        let ids = |r: &SearchResults| {
            r.hits
                .iter()
                .map(|h| h.article.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&a), ids(b), "{q:?}");
        let scores = |r: &SearchResults| r.hits.iter().map(|h| h.score).collect::<Vec<_>>();
        assert_eq!(
            scores(&a),
            scores(b),
            "{q:?}: ranked on the same head vectors"
        );
    }
}
