//! The seed article end to end: the binary on `../shared/examples/seed/article.txt`,
//! checked against what `../shared/examples/seed/expected.md` asks for. This is the
//! smallest complete test of the product: every layer touches it.
//!
//! Reported as ignored when the shared folder is not beside the repository (and a
//! failure under `CI=true`).

use serde_json::Value;
use std::process::Command;

newsgraph_testkit::require_shared_under_ci!();

fn extract(published: Option<&str>) -> Value {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    cmd.arg("extract");
    if let Some(p) = published {
        cmd.args(["--published", p]);
    }
    let out = cmd
        .arg(newsgraph_testkit::seed_path!())
        .output()
        .expect("run newsgraph");
    assert!(
        out.status.success(),
        "extract failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("utf-8 output");
    let mut lines = stdout.lines();
    let record = serde_json::from_str(lines.next().expect("one record")).expect("JSON record");
    assert!(lines.next().is_none(), "the seed is one article");
    record
}

fn slice(r: &Value, span: &Value) -> String {
    let chars: Vec<char> = r["text"].as_str().unwrap().chars().collect();
    let (s, e) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    chars[s..e].iter().collect()
}

fn blocks(r: &Value, kind: &str) -> Vec<String> {
    r["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["kind"] == kind)
        .map(|b| slice(r, &b["span"]))
        .collect()
}

fn entity<'a>(r: &'a Value, name: &str) -> &'a Value {
    r["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("no entity named {name}: {}", r["entities"]))
}

fn entity_name(r: &Value, id: &Value) -> String {
    r["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| &e["id"] == id)
        .map(|e| e["name"].as_str().unwrap().to_string())
        .unwrap_or_default()
}

#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared (the seed example)")]
fn seed_structure_and_furniture() {
    let r = extract(Some("2025-07-08"));
    assert_eq!(
        r["title"],
        "Iran rejects claims of seeking talks with the US"
    );
    assert_eq!(
        r["published"].as_str().unwrap().get(..10),
        Some("2025-07-08")
    );
    assert_eq!(blocks(&r, "heading").len(), 3);
    // expected.md says "eleven body paragraphs", but the file holds nine body lines
    // between the title and "Lire aussi" besides the three headings; each is one
    // paragraph and none is lost.
    let paragraphs = blocks(&r, "paragraph");
    assert_eq!(paragraphs.len(), 9, "{paragraphs:#?}");
    assert!(paragraphs[0].starts_with("Iran has refuted claims"));
    assert!(paragraphs[8].ends_with("complicating prospects for diplomacy."));
    let text = r["text"].as_str().unwrap();
    assert!(
        !text.contains("Lire aussi") && !text.contains("Latest News") && !text.contains("17:20")
    );

    let furniture = r["furniture"].as_array().unwrap();
    let related = furniture
        .iter()
        .find(|f| f["kind"] == "related")
        .expect("related block");
    assert_eq!(related["label"], "Lire aussi");
    let latest = furniture
        .iter()
        .find(|f| f["kind"] == "latest")
        .expect("latest block");
    let items = latest["items"].as_array().unwrap();
    assert_eq!(items.len(), 7);
    assert!(items
        .iter()
        .all(|i| i["time"].is_string() && i["text"].is_string()));
    assert_eq!(items[0]["time"], "17:20");
    assert_eq!(items[6]["time"], "14:20");
}

#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared (the seed example)")]
fn seed_entities() {
    let r = extract(Some("2025-07-08"));
    for (name, kind) in [
        ("Donald Trump", "person"),
        ("Esmaeil Baqaei", "person"),
        ("Benjamin Netanyahu", "person"),
        ("Masoud Pezeshkian", "person"),
        ("Tucker Carlson", "person"),
        ("Tasnim", "organization"),
        ("Kayhan", "organization"),
        ("Javan", "organization"),
        ("Ham Mihan", "organization"),
        ("Iran", "place"),
        ("Israel", "place"),
        ("United States", "place"),
        ("Fordow", "place"),
        ("Isfahan", "place"),
        ("Natanz", "place"),
    ] {
        assert_eq!(entity(&r, name)["kind"], kind, "{name}");
    }
    let aliases = |n: &str| entity(&r, n)["aliases"].to_string();
    assert!(aliases("Donald Trump").contains("\"Trump\""));
    assert!(aliases("Masoud Pezeshkian").contains("\"Pezeshkian\""));
    for a in ["U.S.", "US", "American"] {
        assert!(
            aliases("United States").contains(&format!("\"{a}\"")),
            "United States alias {a}"
        );
    }
    let descriptors = |n: &str| entity(&r, n)["descriptors"].to_string();
    assert!(descriptors("Donald Trump").contains("former U.S. President"));
    assert!(descriptors("Esmaeil Baqaei").contains("Iranian foreign ministry spokesperson"));
    assert!(descriptors("Benjamin Netanyahu").contains("Israeli Prime Minister"));
    assert!(descriptors("Tucker Carlson").contains("U.S. commentator"));
    // Nothing from the furniture is an entity mention: every mention lies in the text.
    let n = r["text"].as_str().unwrap().chars().count() as u64;
    for e in r["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            assert!(m[1].as_u64().unwrap() <= n);
        }
    }
}

#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared (the seed example)")]
fn seed_quotes_and_claims() {
    let r = extract(Some("2025-07-08"));
    let quotes = r["quotes"].as_array().unwrap();
    let find = |needle: &str| {
        quotes
            .iter()
            .find(|q| q["text"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("no quote containing {needle:?}"))
    };
    let q = find("No request for a meeting");
    assert_eq!(q["kind"], "direct");
    assert_eq!(entity_name(&r, &q["speaker"]), "Esmaeil Baqaei");
    assert_eq!(q["cue"], "stated");
    assert!(q["venue"].as_str().unwrap_or("").contains("Tasnim"));
    assert_eq!(q["when"], "2025-07-08");

    let q = find("We have scheduled Iran talks");
    assert_eq!(entity_name(&r, &q["speaker"]), "Donald Trump");
    assert_eq!(q["when"], "2025-07-07");
    assert!(q["venue"].as_str().unwrap_or("").contains("White House"));

    for (needle, speaker) in [
        ("these same Americans", "Kayhan"),
        ("too soft", "Javan"),
        ("positive approach", "Ham Mihan"),
        ("open to dialogue", "Masoud Pezeshkian"),
        ("absent from the global media", "Ham Mihan"),
        ("failed to reflect public distrust", "Javan"),
    ] {
        assert_eq!(
            entity_name(&r, &find(needle)["speaker"]),
            speaker,
            "{needle}"
        );
    }

    // Trump's claim, and a denial by Iran or its spokesperson that answers it.
    let claims = r["claims"].as_array().unwrap();
    let trump = claims
        .iter()
        .find(|c| c["stance"] == "assert" && entity_name(&r, &c["holder"]) == "Donald Trump")
        .expect("Trump's claim");
    let denials: Vec<String> = claims
        .iter()
        .filter(|c| c["stance"] == "deny" && c["answers"] == trump["id"])
        .map(|c| entity_name(&r, &c["holder"]))
        .collect();
    assert!(
        denials.iter().any(|h| h == "Iran"),
        "Iran denies: {denials:?}"
    );
    assert!(
        denials.iter().any(|h| h == "Esmaeil Baqaei"),
        "Baqaei denies: {denials:?}"
    );
}

#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared (the seed example)")]
fn seed_times_figures_events_resolve_with_published_and_stay_partial_without() {
    let r = extract(Some("2025-07-08"));
    let times = r["times"].as_array().unwrap();
    let value = |text: &str| -> Vec<String> {
        times
            .iter()
            .filter(|t| t["text"].as_str().unwrap().contains(text))
            .map(|t| t["value"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(value("last month").iter().all(|v| v == "2025-06") && !value("last month").is_empty());
    assert_eq!(value("Tuesday"), vec!["2025-07-08"]);
    assert_eq!(value("Monday"), vec!["2025-07-07"]);
    assert_eq!(value("June 13"), vec!["2025-06-13"]);
    assert_eq!(value("June 22"), vec!["2025-06-22"]);
    assert_eq!(value("June 24"), vec!["2025-06-24"]);
    assert!(value("two weeks ago")
        .iter()
        .any(|v| v.starts_with("2025-W26") || v.starts_with("2025-06-2")));
    let mid = times
        .iter()
        .find(|t| t["text"] == "mid-June")
        .expect("mid-June");
    assert_eq!(mid["value"], "2025-06");
    assert_eq!(mid["mod"], "MID");

    let figures = r["figures"].as_array().unwrap();
    let killed: Vec<(f64, &str, String)> = figures
        .iter()
        .filter(|f| f["kind"] == "killed")
        .map(|f| {
            let src = f["source_text"].as_str().unwrap_or("").to_string();
            (
                f["value"].as_f64().unwrap(),
                f["qualifier"].as_str().unwrap(),
                src,
            )
        })
        .collect();
    assert!(
        killed.contains(&(1060.0, "at_least", "Iranian authorities".into())),
        "{killed:?}"
    );
    assert!(
        killed.contains(&(28.0, "exact", "Israeli officials".into())),
        "{killed:?}"
    );

    let events = r["events"].as_array().unwrap();
    let names = |ids: &Value| -> Vec<String> {
        ids.as_array()
            .unwrap()
            .iter()
            .map(|i| entity_name(&r, i))
            .collect()
    };
    assert!(events.iter().any(|e| e["kind"] == "attack"
        && e["when"] == "2025-06-22"
        && names(&e["actors"]).contains(&"United States".to_string())
        && names(&e["places"]).contains(&"Natanz".to_string())));
    assert!(events.iter().any(|e| e["kind"] == "attack"
        && e["when"] == "2025-06-13"
        && names(&e["actors"]).contains(&"Israel".to_string())));
    assert!(events
        .iter()
        .any(|e| e["kind"] == "ceasefire" && e["when"] == "2025-06-24"));

    // Without a publication date, what depends on it stays unresolved.
    let r = extract(None);
    assert!(r["published"].is_null());
    let times = r["times"].as_array().unwrap();
    let v = |text: &str| {
        times
            .iter()
            .find(|t| t["text"] == text)
            .map(|t| t["value"].as_str().unwrap().to_string())
    };
    assert_eq!(v("June 13").as_deref(), Some("XXXX-06-13"));
    assert!(!times
        .iter()
        .any(|t| t["value"].as_str().unwrap().starts_with("2025")));
}
