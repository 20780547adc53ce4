//! `schema/article.schema.json` against the records we print: the seed's record (read
//! and cleaned) and an article with one element in every layer must validate, and every
//! top-level field the model serialises must be declared in the schema. A small
//! validator for the keywords the schema uses (type, enum, required, properties,
//! items, $ref, oneOf, minItems, maxItems, minimum) is enough here.

use newsgraph_model::*;
use serde_json::Value;

const SCHEMA: &str = include_str!("../../../schema/article.schema.json");

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_u64() || v.is_i64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        _ => false,
    }
}

fn validate(root: &Value, s: &Value, v: &Value, path: &str, errs: &mut Vec<String>) {
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        return validate(root, &root["$defs"][name], v, path, errs);
    }
    if let Some(one) = s.get("oneOf").and_then(Value::as_array) {
        let n = one
            .iter()
            .filter(|alt| {
                let mut e = Vec::new();
                validate(root, alt, v, path, &mut e);
                e.is_empty()
            })
            .count();
        if n != 1 {
            errs.push(format!("{path}: matches {n} of oneOf"));
        }
        return;
    }
    match s.get("type") {
        Some(Value::String(t)) if !type_ok(t, v) => errs.push(format!("{path}: not {t}: {v}")),
        Some(Value::Array(ts)) if !ts.iter().any(|t| t.as_str().is_some_and(|t| type_ok(t, v))) => {
            errs.push(format!("{path}: not any of {ts:?}: {v}"))
        }
        _ => {}
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            errs.push(format!("{path}: {v} not in enum"));
        }
    }
    if let (Some(min), Some(n)) = (s.get("minimum").and_then(Value::as_f64), v.as_f64()) {
        if n < min {
            errs.push(format!("{path}: {n} < {min}"));
        }
    }
    if let Some(o) = v.as_object() {
        for r in s
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(k) = r.as_str() {
                if !o.contains_key(k) {
                    errs.push(format!("{path}: missing {k}"));
                }
            }
        }
        if let Some(props) = s.get("properties").and_then(Value::as_object) {
            for (k, val) in o {
                match props.get(k) {
                    Some(ps) => validate(root, ps, val, &format!("{path}.{k}"), errs),
                    None => errs.push(format!("{path}: field {k} not declared in the schema")),
                }
            }
        }
    }
    if let Some(a) = v.as_array() {
        if let Some(n) = s.get("minItems").and_then(Value::as_u64) {
            if (a.len() as u64) < n {
                errs.push(format!("{path}: fewer than {n} items"));
            }
        }
        if let Some(n) = s.get("maxItems").and_then(Value::as_u64) {
            if (a.len() as u64) > n {
                errs.push(format!("{path}: more than {n} items"));
            }
        }
        if let Some(items) = s.get("items") {
            for (i, x) in a.iter().enumerate() {
                validate(root, items, x, &format!("{path}[{i}]"), errs);
            }
        }
    }
}

fn layer<T: serde::de::DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).expect("layer JSON matches the model")
}

fn check(v: &Value) {
    let schema: Value = serde_json::from_str(SCHEMA).expect("schema is JSON");
    let mut errs = Vec::new();
    validate(&schema, &schema, v, "$", &mut errs);
    assert!(errs.is_empty(), "{errs:#?}");
}

#[test]
fn every_layer_validates() {
    let mut a = Article::from_blocks(
        Meta {
            url: Some("https://x.test/a".into()),
            authors: vec!["A".into()],
            ..Default::default()
        },
        Some("Title".into()),
        &[(BlockKind::Paragraph, "Body “text” said Ann.".into())],
    );
    // Layers built from JSON (not struct literals), so a field added to the model
    // elsewhere shows up here as a failing test, not as a compile error.
    let sp = serde_json::json!([6, 10]);
    a.furniture = layer(
        serde_json::json!([{"kind": "latest", "label": "Latest", "items": [{"text": "x", "time": "17:20", "url": "https://x.test/b"}]}]),
    );
    a.sentences = layer(serde_json::json!([{"span": sp}]));
    a.entities = layer(
        serde_json::json!([{"id": "e1", "name": "Ann", "kind": "person", "aliases": [], "descriptors": ["d"], "mentions": [sp]}]),
    );
    a.quotes = layer(
        serde_json::json!([{"id": "q1", "kind": "direct", "text": "text", "span": sp, "speaker": "e1", "speaker_text": "Ann",
        "cue": "said", "cue_span": sp, "venue": "v", "when": "2025-07-08", "speaker_span": sp, "parts": [sp], "cue_lemma": "say"}]),
    );
    a.claims = layer(
        serde_json::json!([{"id": "c1", "holder": null, "holder_text": "h", "content": "c", "span": sp, "stance": "deny", "answers": "c0", "cue": null}]),
    );
    a.times = layer(
        serde_json::json!([{"text": "June", "span": sp, "type": "date", "value": "2025-06", "mod": "MID", "anchor": null}]),
    );
    a.figures = layer(
        serde_json::json!([{"text": "28", "span": sp, "value": 28.0, "unit": "people", "kind": "killed", "qualifier": "at_least", "source_text": "s"}]),
    );
    a.events = layer(
        serde_json::json!([{"id": "v1", "kind": "attack", "cameo": "19", "text": "t", "span": sp, "actors": ["e1"], "targets": [], "places": []}]),
    );
    a.origin = Some("file.txt".into());
    check(&serde_json::to_value(&a).unwrap());
}

newsgraph_testkit::require_shared_under_ci!();

#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared (the seed example)")]
fn seed_record_validates() {
    let mut n = 0;
    newsgraph_read::read(
        &newsgraph_read::Input::Path(newsgraph_testkit::seed_path!()),
        &Default::default(),
        &mut |r| {
            check(&serde_json::to_value(r.unwrap()).unwrap());
            n += 1;
        },
    )
    .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn the_validator_rejects_a_wrong_record() {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    let mut v = serde_json::to_value(Article::from_blocks(Meta::default(), None, &[])).unwrap();
    v["blocks"] = serde_json::json!([{"kind": "banner", "span": [0]}]);
    v["extra"] = Value::Bool(true);
    let mut errs = Vec::new();
    validate(&schema, &schema, &v, "$", &mut errs);
    assert_eq!(errs.len(), 3, "{errs:?}");
}
