//! Scores a model on the dev split without the CLI (same scorer as `newsgraph eval entities`):
//! `cargo run -p newsgraph-nlp --release --example eval_ner -- GUM_DIR MEANTIME_DIR [MODEL]`
use newsgraph_model::EntityKind;
use newsgraph_nlp::corpus::{self, GoldKind, Split};
use newsgraph_nlp::score::{score_doc, Counts};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let mut model = match args.get(3) {
        Some(p) => newsgraph_nlp::EntityModel::load(p.as_ref())?,
        None => newsgraph_nlp::EntityModel::load_default()?,
    };
    if let Ok(ep) = std::env::var("NG_TRAIN_EPOCHS") {
        // Train in memory (no quantisation) on the train split, then score.
        let mut docs = corpus::read_gum(args[1].as_ref(), Split::Train, false)?;
        docs.extend(corpus::read_meantime(args[2].as_ref(), Split::Train)?);
        let gaz = model.gazetteer().clone();
        model = newsgraph_nlp::ner::train(&docs, ep.parse()?, 18, gaz).0;
    }
    let split = if std::env::var("NG_SPLIT").as_deref() == Ok("train") {
        Split::Train
    } else {
        Split::Dev
    };
    let sets = [
        ("gum", corpus::read_gum(args[1].as_ref(), split, true)?),
        ("meantime", corpus::read_meantime(args[2].as_ref(), split)?),
    ];
    let mut dump = std::env::var_os("NG_DUMP")
        .map(std::fs::File::create)
        .transpose()?;
    for (name, docs) in sets {
        let mut by: std::collections::BTreeMap<GoldKind, Counts> = Default::default();
        let mut micro = Counts::default();
        for d in &docs {
            let mut a = newsgraph_nlp::ner::gold_article(d);
            let pred: Vec<_> = newsgraph_nlp::name_mentions(&mut a, &model)
                .into_iter()
                .filter_map(|(s, k)| match k {
                    EntityKind::Person => Some((s, GoldKind::Person)),
                    EntityKind::Organization => Some((s, GoldKind::Organization)),
                    EntityKind::Place => Some((s, GoldKind::Place)),
                    _ => None,
                })
                .collect();
            if let Some(f) = dump.as_mut() {
                use std::io::Write;
                let rec = serde_json::json!({
                    "corpus": name, "id": d.id, "text": d.text,
                    "gold": d.mentions.iter().map(|(s, k)| (s.start, s.end, k.as_str())).collect::<Vec<_>>(),
                    "dont_care": d.dont_care.iter().map(|s| (s.start, s.end)).collect::<Vec<_>>(),
                    "pred": pred.iter().map(|(s, k)| (s.start, s.end, k.as_str())).collect::<Vec<_>>(),
                });
                writeln!(f, "{rec}")?;
            }
            for (k, c) in score_doc(d, &pred) {
                by.entry(k).or_default().add(c);
                micro.add(c);
            }
        }
        println!("{name} ({} docs)", docs.len());
        for (k, c) in by
            .iter()
            .map(|(k, c)| (k.as_str(), c))
            .chain([("micro", &micro)])
        {
            println!(
                "  {k:<13} P {:.3} R {:.3} F1 {:.3}  tp {} fp {} fn {}",
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp,
                c.fp,
                c.fn_
            );
        }
    }
    Ok(())
}
