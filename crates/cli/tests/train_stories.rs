//! `newsgraph train stories` end to end on a small GVA-format set: it runs the ingest
//! path, trains, and writes a join model the linker loads; bad input names itself.

use std::path::Path;
use std::process::Command;

mod common;
use common::{TempDir, BIN};

const TOWNS: &[&str] = &["Velden", "Carrow", "Ashby", "Morland", "Tressel", "Dunmore"];
const STREETS: &[&str] = &["Hollow Road", "Mill Lane", "Quarry Street", "Bay Avenue"];
const NAMES: &[&str] = &[
    "Ann Lee", "Bo Day", "Cy Moss", "Di Park", "Ed Roe", "Flo Kay",
];

/// GVA-format lines: 6 incidents (ids 2..=12, even as in the dev half; bit 1 set on
/// 2, 6, 10: the tune half), 3 outlets each, reported on the same or the next day.
fn gva_fixture(path: &Path) {
    let mut out = String::new();
    for (k, incident) in (2..=12).step_by(2).enumerate() {
        for outlet in 0..3 {
            let day = 3 + k * 2 + outlet % 2;
            let body = format!(
                "Police in {town} said {name}, 24, was shot on {street} late on Saturday. \
                 {name} was taken to {town} General Hospital, outlet {outlet} reported. \
                 Officers from {town} are looking for a second man seen near {street}.",
                town = TOWNS[k],
                name = NAMES[k],
                street = STREETS[k % STREETS.len()],
            );
            let line = serde_json::json!({
                "incident_id": incident.to_string(),
                "id": format!("{incident}-{outlet}"),
                "title": format!("Man shot on {} in {}", STREETS[k % STREETS.len()], TOWNS[k]),
                "dct": format!("2014-03-{day:02}"),
                "uri": format!("http://web.archive.org/web/2014/http://www.outlet{outlet}.com/story/{incident}"),
                "content": body,
            });
            out.push_str(&line.to_string());
            out.push('\n');
        }
    }
    std::fs::write(path, out).unwrap();
}

#[test]
fn trains_a_join_model_the_linker_loads() {
    let dir = TempDir::new("ok");
    let gva = dir.0.join("docs.jsonl");
    gva_fixture(&gva);
    let model = dir.0.join("join_model.json");
    let out = Command::new(BIN)
        .args(["train", "stories", "--set", "gva", "--orders", "2", "--gva"])
        .arg(&gva)
        .arg("--out")
        .arg(&model)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("gva: 18 records (9 tune, 18 dated)"), "{err}");
    let json = std::fs::read_to_string(&model).unwrap();
    let m = newsgraph_link::JoinModel::from_json(&json).expect("a model the linker loads");
    assert!(m.provenance.contains("train stories"), "{}", m.provenance);
    assert!(
        m.provenance
            .contains("command: newsgraph train stories --set gva"),
        "{}",
        m.provenance
    );
    // `--skip undated` is the default: that half keeps the rule.
    assert!(m.undated.is_none());
    // The file drives a linker through the same setting `eval stories --config` uses.
    let mut cfg = newsgraph_link::LinkConfig::default();
    cfg.set("join_model", model.to_str().unwrap()).unwrap();
    assert_eq!(cfg.join_model.as_ref(), Some(&m));
}

#[test]
fn bad_inputs_are_named() {
    let dir = TempDir::new("bad");
    let missing = dir.0.join("nowhere.jsonl.gz");
    let out = Command::new(BIN)
        .args(["train", "stories", "--set", "gva", "--gva"])
        .arg(&missing)
        .arg("--out")
        .arg(dir.0.join("m.json"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nowhere.jsonl.gz"), "{err}");
    // Records that are not of the set: a clear error, no model written.
    let gva = dir.0.join("docs.jsonl");
    gva_fixture(&gva);
    let records = dir.0.join("records.jsonl");
    std::fs::write(
        &records,
        "{\"id\":\"x\",\"url\":\"other:1\",\"text\":\"t\"}\n",
    )
    .unwrap();
    let out = Command::new(BIN)
        .args(["train", "stories", "--set", "gva", "--gva"])
        .arg(&gva)
        .arg("--records")
        .arg(&records)
        .arg("--out")
        .arg(dir.0.join("m.json"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no record of the gva documents") || err.contains("records.jsonl"),
        "{err}"
    );
    assert!(!dir.0.join("m.json").exists());
}
