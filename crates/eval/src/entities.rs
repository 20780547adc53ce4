//! Scoring of the entities layer on GUM and MEANTIME.
//!
//! Gold: GUM name mentions of persons, organisations and places that carry a Wikipedia
//! identity; MEANTIME `NAM` mentions of PER/ORG/LOC (readers in `newsgraph_nlp::corpus`).
//! Matching is exact on spans after one normalisation applied to gold and predictions
//! alike: a leading `the `/`The ` and a trailing possessive `'s`/`’s` are dropped.
//! Predictions that exactly match a gold name of another kind (or one without identity)
//! are ignored, neither right nor wrong. Only person/organization/place predictions are
//! scored (groups are not in the gold).

use newsgraph_model::{EntityKind, Span};
use newsgraph_nlp::corpus::{self, GoldDoc, GoldKind, Split};
pub use newsgraph_nlp::score::{normalise_span, score_doc, Counts};
use newsgraph_nlp::EntityModel;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum EntityEvalError {
    #[error(transparent)]
    Corpus(#[from] corpus::CorpusError),
    #[error("writing the dump {path}: {source}")]
    Dump {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("loading the entity model")]
    Model(#[from] newsgraph_nlp::EntityModelError),
}

/// Scores of one corpus.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CorpusScore {
    pub corpus: String,
    pub docs: usize,
    pub by_kind: BTreeMap<String, Counts>,
    pub micro: Counts,
}

fn gold_kind(k: EntityKind) -> Option<GoldKind> {
    match k {
        EntityKind::Person => Some(GoldKind::Person),
        EntityKind::Organization => Some(GoldKind::Organization),
        EntityKind::Place => Some(GoldKind::Place),
        _ => None,
    }
}

/// newsgraph's predictions for a gold document: the name mentions of the entity layer.
pub fn predict(doc: &GoldDoc, model: &EntityModel) -> Vec<(Span, GoldKind)> {
    let mut a = newsgraph_nlp::ner::gold_article(doc);
    newsgraph_nlp::name_mentions(&mut a, model)
        .into_iter()
        .filter_map(|(s, k)| Some((s, gold_kind(k)?)))
        .collect()
}

#[derive(Serialize)]
struct DumpDoc<'a> {
    corpus: &'a str,
    id: &'a str,
    text: &'a str,
    gold: Vec<(usize, usize, &'static str)>,
    dont_care: Vec<(usize, usize)>,
    /// Predictions starting here or later are not scored (`GoldDoc::annotated_end`).
    #[serde(skip_serializing_if = "Option::is_none")]
    annotated_end: Option<usize>,
    pred: Vec<(usize, usize, &'static str)>,
}

/// What to evaluate.
#[derive(Debug, Clone)]
pub struct Config {
    pub gum: Option<PathBuf>,
    pub meantime: Option<PathBuf>,
    pub split: Split,
    /// Write gold + predictions as JSON Lines (for `bench/entities/spacy_eval.py`).
    pub dump: Option<PathBuf>,
    /// A model file instead of the shipped one.
    pub model: Option<PathBuf>,
    /// FiNER-ORD CoNLL file (business news; non-commercial: scored, never trained on).
    pub finer: Option<PathBuf>,
}

/// Reads the gold documents of the configured corpora.
pub fn load(cfg: &Config) -> Result<Vec<(String, Vec<GoldDoc>)>, EntityEvalError> {
    let mut sets = Vec::new();
    if let Some(d) = &cfg.gum {
        sets.push(("gum".to_string(), corpus::read_gum(d, cfg.split, true)?));
    }
    if let Some(d) = &cfg.meantime {
        let docs = corpus::read_meantime_topics(d, cfg.split)?;
        let mut topics: Vec<String> = docs.iter().map(|(t, _)| t.clone()).collect();
        topics.dedup();
        if topics.len() > 1 {
            for t in topics {
                let of_topic = docs.iter().filter(|(x, _)| *x == t).map(|(_, d)| d.clone());
                sets.push((format!("meantime/{t}"), of_topic.collect()));
            }
        }
        sets.push((
            "meantime".to_string(),
            docs.into_iter().map(|(_, d)| d).collect(),
        ));
    }
    if let Some(f) = &cfg.finer {
        sets.push((
            "finer-ord".to_string(),
            corpus::conll::read_conll(f, "finer")?,
        ));
    }
    Ok(sets)
}

/// Runs the evaluation; returns one score per corpus.
pub fn run(cfg: &Config) -> Result<Vec<CorpusScore>, EntityEvalError> {
    let model = match &cfg.model {
        Some(p) => EntityModel::load(p),
        None => EntityModel::load_default(),
    }
    .map_err(EntityEvalError::Model)?;
    let mut dump = match &cfg.dump {
        Some(p) => Some((
            std::io::BufWriter::new(std::fs::File::create(p).map_err(|source| {
                EntityEvalError::Dump {
                    path: p.clone(),
                    source,
                }
            })?),
            p.clone(),
        )),
        None => None,
    };
    let mut scores = Vec::new();
    for (name, docs) in load(cfg)? {
        let mut cs = CorpusScore {
            corpus: name.clone(),
            docs: docs.len(),
            ..Default::default()
        };
        for d in &docs {
            let pred = predict(d, &model);
            for (k, c) in score_doc(d, &pred) {
                cs.by_kind.entry(k.as_str().to_string()).or_default().add(c);
                cs.micro.add(c);
            }
            if let Some((w, path)) = dump.as_mut() {
                let rec = DumpDoc {
                    corpus: &name,
                    id: &d.id,
                    text: &d.text,
                    gold: d
                        .mentions
                        .iter()
                        .map(|(s, k)| (s.start, s.end, k.as_str()))
                        .collect(),
                    dont_care: d.dont_care.iter().map(|s| (s.start, s.end)).collect(),
                    annotated_end: d.annotated_end,
                    pred: pred
                        .iter()
                        .map(|(s, k)| (s.start, s.end, k.as_str()))
                        .collect(),
                };
                let line = serde_json::to_string(&rec).unwrap_or_default();
                writeln!(w, "{line}").map_err(|source| EntityEvalError::Dump {
                    path: path.clone(),
                    source,
                })?;
            }
        }
        scores.push(cs);
    }
    if let Some((mut w, path)) = dump {
        w.flush()
            .map_err(|source| EntityEvalError::Dump { path, source })?;
    }
    Ok(scores)
}

/// A plain-text table of scores.
pub fn report(scores: &[CorpusScore]) -> String {
    let mut s = String::new();
    for c in scores {
        s.push_str(&format!("{} ({} docs)\n", c.corpus, c.docs));
        s.push_str(&format!(
            "  {:<14} {:>6} {:>6} {:>6} {:>5} {:>5} {:>5}\n",
            "kind", "P", "R", "F1", "tp", "fp", "fn"
        ));
        let mut rows: Vec<(&str, Counts)> =
            c.by_kind.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        rows.push(("micro", c.micro));
        for (k, v) in rows {
            s.push_str(&format!(
                "  {:<14} {:>6.3} {:>6.3} {:>6.3} {:>5} {:>5} {:>5}\n",
                k,
                v.precision(),
                v.recall(),
                v.f1(),
                v.tp,
                v.fp,
                v.fn_
            ));
        }
    }
    s
}

/// Throughput of the entity layer (segment + entities) over a directory of text files.
#[derive(Debug, Clone, Serialize)]
pub struct BenchResult {
    pub articles: usize,
    pub tokens: usize,
    pub seconds: f64,
    pub articles_per_s: f64,
    pub tokens_per_s: f64,
    pub entities: usize,
}

/// Reads every `.txt` under `dir` (first line title, other lines paragraphs) and times the
/// entity layer on them, single thread. Reading is not timed.
pub fn bench_corpus(dir: &Path, model: &EntityModel) -> Result<BenchResult, EntityEvalError> {
    let files = corpus::files_under(dir, ".txt", corpus::Depth::Recursive)?;
    let mut articles = Vec::with_capacity(files.len());
    for f in &files {
        let bytes = std::fs::read(f).map_err(|source| corpus::CorpusError::Io {
            path: f.clone(),
            source,
        })?;
        let text = String::from_utf8_lossy(&bytes);
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        let title = lines.next().map(str::to_string);
        let body: Vec<(newsgraph_model::BlockKind, String)> = lines
            .map(|l| (newsgraph_model::BlockKind::Paragraph, l.to_string()))
            .collect();
        articles.push(newsgraph_model::Article::from_blocks(
            Default::default(),
            title,
            &body,
        ));
    }
    let t0 = std::time::Instant::now();
    let (mut tokens, mut entities) = (0, 0);
    for a in &mut articles {
        newsgraph_nlp::segment(a);
        newsgraph_nlp::entities(a, model);
        tokens += a.tokens.len();
        entities += a.entities.len();
    }
    let seconds = t0.elapsed().as_secs_f64().max(1e-9);
    Ok(BenchResult {
        articles: articles.len(),
        tokens,
        seconds,
        articles_per_s: articles.len() as f64 / seconds,
        tokens_per_s: tokens as f64 / seconds,
        entities,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scoring_normalises_and_ignores_dont_care() {
        let doc = GoldDoc {
            id: "d".into(),
            text: "the UK's Kim Lee met Acme Corp in Paris".into(),
            blocks: vec![],
            mentions: vec![
                (Span::new(0, 8), GoldKind::Place),
                (Span::new(9, 16), GoldKind::Person),
            ],
            dont_care: vec![Span::new(21, 30)],
            annotated_end: None,
        };
        let pred = vec![
            (Span::new(4, 6), GoldKind::Place), // "UK" = "the UK's" normalised
            (Span::new(9, 12), GoldKind::Person), // "Kim": wrong span
            (Span::new(21, 30), GoldKind::Organization), // don't care
            (Span::new(34, 39), GoldKind::Place), // "Paris": not gold
        ];
        let s = score_doc(&doc, &pred);
        assert_eq!(
            s[&GoldKind::Place],
            Counts {
                tp: 1,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(
            s[&GoldKind::Person],
            Counts {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            s.get(&GoldKind::Organization).copied().unwrap_or_default(),
            Counts::default()
        );
    }
}
