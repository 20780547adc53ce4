//! What the replay example needs: exported records with their gold labels as
//! [`TrainDoc`]s (the tune/check split from the label).

#![allow(dead_code)]

use newsgraph_link::train::TrainDoc;
use newsgraph_link::EntityFeature;
use newsgraph_model::Article;
use std::collections::HashMap;
use std::io::BufRead;

/// Records of `records` (JSON Lines from `newsgraph export`) whose `url` the gold file
/// (`{url: label}`) names, with their entity keys as the store resolved them.
pub fn load(records: &str, gold: &str) -> Vec<TrainDoc> {
    let gold: HashMap<String, String> =
        serde_json::from_reader(std::fs::File::open(gold).expect("gold file")).expect("gold json");
    let file = std::fs::File::open(records).expect("records file");
    let mut docs = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line.expect("read");
        let a: Article = serde_json::from_str(&line).expect("record");
        let Some(g) = a.url.as_ref().and_then(|u| gold.get(u)) else {
            continue;
        };
        let entities = a
            .entities
            .iter()
            .map(|e| EntityFeature {
                key: e.registry_ref.clone().unwrap_or_else(|| {
                    format!("{:?}:{}", e.kind, e.name.to_lowercase()).to_lowercase()
                }),
                mentions: e.mentions.len().max(1) as u32,
            })
            .collect();
        docs.push(TrainDoc {
            article: a,
            entities,
            story: g.clone(),
            tune: is_tune(g),
        });
    }
    docs
}

/// GVA labels (`gva…`) split on bit 1 of the incident number (dev ids are all even),
/// others (ECB+ `<topic>ecb[plus]`) on bit 0 of the topic: odd = tune.
pub fn is_tune(label: &str) -> bool {
    let n: u64 = label
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or(0);
    if label.starts_with("gva") {
        (n / 2) % 2 == 1
    } else {
        n % 2 == 1
    }
}
