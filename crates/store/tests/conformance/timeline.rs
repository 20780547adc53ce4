//! The timeline: cursor pages over events.

use crate::common::*;
use crate::Backend;
use newsgraph_model::*;
use newsgraph_store::*;

pub(crate) fn timeline_cursor_pages_never_repeat_an_event(b: &mut dyn Backend) {
    let store = b.open();
    // Five events on one day in two articles, one on the next day.
    let mut a = harbour_article(
        "https://g.test/tl1",
        "2025-06-20",
        "Storm day",
        "Crews closed the pier. Police shut the road. Staff left the office.",
    );
    let t = a.text.clone();
    let ev = |id: &str, text: &str, t: &str| -> Event {
        serde_json::from_value(serde_json::json!({
            "id": id, "kind": "action", "text": text, "span": span_of(t, text),
            "actors": [], "targets": [], "places": [], "when": "2025-06-20"
        }))
        .unwrap()
    };
    a.events = vec![
        ev("v1", "closed the pier", &t),
        ev("v2", "shut the road", &t),
        ev("v3", "left the office", &t),
    ];
    let mut b = harbour_article(
        "https://g.test/tl2",
        "2025-06-21",
        "After the storm",
        "Crews opened the pier. Police opened the road. Staff came back.",
    );
    let t2 = b.text.clone();
    b.events = vec![
        ev("v1", "opened the pier", &t2),
        ev("v2", "opened the road", &t2),
        ev("v3", "came back", &t2),
    ];
    b.events[2].when = Some("2025-06-22".into());
    store.put_batch(&[a, b]).unwrap();

    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    for _ in 0..10 {
        let page = store
            .timeline(&TimelineQuery {
                limit: 2,
                after: after.clone(),
                ..Default::default()
            })
            .unwrap();
        if page.is_empty() {
            break;
        }
        for e in &page {
            seen.push((e.date.clone(), e.event.text.clone()));
        }
        after = page.last().map(|e| e.cursor.clone());
    }
    assert_eq!(seen.len(), 6, "{seen:?}");
    let mut unique = seen.clone();
    unique.dedup();
    assert_eq!(unique.len(), 6, "a page repeated an event: {seen:?}");
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "{seen:?}");
    assert_eq!(seen.last().map(|s| s.1.as_str()), Some("came back"));
    assert_eq!(
        store
            .total(&ListTotal::Timeline(TimelineQuery::default()))
            .unwrap(),
        6
    );
    assert!(store
        .timeline(&TimelineQuery {
            after: Some("not a cursor".into()),
            ..Default::default()
        })
        .is_err());
}
