//! Scoring of the cross-article entity registry (`newsgraph eval registry`).
//!
//! Every document of a set goes through the product's own path — the full pipeline, then
//! `Store::put_batch` into a fresh embedded store, then `Store::get` — and each gold named
//! mention is assigned the `ref` of the system mention that covers it (the shortest one
//! whose span contains it). B-cubed P/R/F1 are computed over the gold mentions; a gold
//! mention no system mention covers is a cluster of its own. In the same run the same
//! mentions are also clustered by the article-local name key (`kind:normalised name` of
//! the covering entity, no registry), the baseline the registry replaces.
//!
//! Sets: MEANTIME cross-document (`../shared/data/entities/meantime-crossdoc`, PER/ORG/LOC
//! instances) and ECB+ dev (`../shared/data/stories/ecbplus-dev`, HUMAN/LOC chains, see
//! [`ecbplus`]), each scored on its fixed tune and check halves ([`half`]), every half
//! in its own store. The CLI scores spaCy sm + exact name on the dump in the same run
//! (`bench/registry/spacy_registry.py`).

pub mod bcubed;
pub mod ecbplus;
pub mod half;

pub use bcubed::{bcubed, BCubed};
pub use half::Half;

use newsgraph_model::{Article, Block, BlockKind, Span};
use newsgraph_pipeline::{Depth, Pipeline};
use newsgraph_store::{EmbeddedStore, PutOutcome, Store};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// One gold document of a cross-document set.
#[derive(Debug, Clone)]
pub struct CrossDoc {
    pub id: String,
    pub text: String,
    pub blocks: Vec<(BlockKind, Span)>,
    /// Gold named mentions with their corpus-level instance.
    pub mentions: Vec<(Span, String)>,
}

#[derive(Debug, thiserror::Error)]
pub enum RegistryEvalError {
    #[error("{0}")]
    Corpus(String),
    #[error("setting up the pipeline: {0}")]
    Pipeline(#[from] newsgraph_pipeline::PipelineError),
    #[error("store: {0}")]
    Store(#[from] newsgraph_store::StoreError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// What to evaluate.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub meantime: Option<PathBuf>,
    pub ecbplus: Option<PathBuf>,
    /// Write each document's text, gold and system mentions as JSON Lines
    /// (input of `bench/registry/spacy_registry.py`).
    pub dump: Option<PathBuf>,
    /// Keep the stores here (one sub-folder per set) instead of a temporary folder.
    pub keep_store: Option<PathBuf>,
    /// MEANTIME documents scored: `Dev` is the fifth the shipped NER model was not
    /// trained on (`All` scores the 60, 48 of which it was).
    pub split: Option<newsgraph_nlp::corpus::Split>,
    /// Halves scored, each in its own store (none: `All`).
    pub halves: Vec<Half>,
}

/// Scores of one set.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SetScore {
    pub corpus: String,
    /// `tune`, `check` or `all` ([`Half`]).
    pub half: String,
    pub docs: usize,
    /// Documents the store refused as duplicates of an earlier one (their mentions count
    /// as uncovered).
    pub duplicates: usize,
    pub gold_mentions: usize,
    pub gold_entities: usize,
    /// Gold mentions some system mention covers.
    pub covered: usize,
    /// Clustered by the registry `ref`.
    pub registry: BCubed,
    /// Clustered by the article entity's own name key (the baseline).
    pub name_key: BCubed,
    /// spaCy sm + exact name on the same documents, when its peer ran.
    pub spacy: Option<PeerScore>,
}

/// A peer's score on one set and half (`bench/registry/spacy_registry.py --json`).
#[derive(Debug, Clone, Copy, Default, Serialize, serde::Deserialize)]
pub struct PeerScore {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Gold mentions some peer mention covers.
    pub covered: usize,
}

/// Reads the MEANTIME cross-document set: the documents of the NER `split` and `half`.
pub fn load_meantime(
    dir: &std::path::Path,
    split: newsgraph_nlp::corpus::Split,
    half: Half,
) -> Result<Vec<CrossDoc>, RegistryEvalError> {
    let docs = newsgraph_nlp::corpus::read_meantime_crossdoc(dir)
        .map_err(|e| RegistryEvalError::Corpus(e.to_string()))?;
    Ok(docs
        .into_iter()
        .enumerate()
        .filter(|(i, _)| split.keeps(*i) && half.keeps_meantime(*i))
        .map(|(_, (d, inst))| CrossDoc {
            id: d.id,
            text: d.text,
            blocks: d.blocks,
            mentions: d.mentions.iter().map(|m| m.0).zip(inst).collect(),
        })
        .collect())
}

/// Runs the evaluation over the configured sets.
pub fn run(cfg: &Config) -> Result<Vec<SetScore>, RegistryEvalError> {
    let pipeline = Pipeline::new()?;
    let halves = if cfg.halves.is_empty() {
        vec![Half::All]
    } else {
        cfg.halves.clone()
    };
    let mut sets: Vec<(&str, Half, Vec<CrossDoc>)> = Vec::new();
    if let Some(d) = &cfg.meantime {
        let split = cfg.split.unwrap_or(newsgraph_nlp::corpus::Split::All);
        let name = if split == newsgraph_nlp::corpus::Split::Dev {
            "meantime-crossdoc-dev"
        } else {
            "meantime-crossdoc"
        };
        for &h in &halves {
            sets.push((name, h, load_meantime(d, split, h)?));
        }
    }
    if let Some(d) = &cfg.ecbplus {
        let all = ecbplus::read(d).map_err(RegistryEvalError::Corpus)?;
        for &h in &halves {
            let docs = all
                .iter()
                .filter(|doc| h.keeps_ecbplus(&doc.id))
                .cloned()
                .collect();
            sets.push(("ecbplus-dev", h, docs));
        }
    }
    let mut dump = match &cfg.dump {
        Some(p) => Some((
            std::io::BufWriter::new(std::fs::File::create(p).map_err(|source| {
                RegistryEvalError::Io {
                    path: p.clone(),
                    source,
                }
            })?),
            p.clone(),
        )),
        None => None,
    };
    let mut out = Vec::new();
    for (name, half, docs) in &sets {
        let folder = format!("{name}-{}", half.name());
        let dir = match &cfg.keep_store {
            Some(k) => k.join(&folder),
            None => std::env::temp_dir().join(format!(
                "newsgraph-eval-registry-{}-{folder}",
                std::process::id()
            )),
        };
        let _ = std::fs::remove_dir_all(&dir);
        let scored = score_set(name, *half, docs, &pipeline, &dir, dump.as_mut());
        if cfg.keep_store.is_none() {
            let _ = std::fs::remove_dir_all(&dir);
        }
        out.push(scored?);
    }
    if let Some((mut w, path)) = dump {
        w.flush()
            .map_err(|source| RegistryEvalError::Io { path, source })?;
    }
    Ok(out)
}

/// A system mention: span, registry ref, article name key.
type SysMention = (Span, String, String);

fn article_of(doc: &CrossDoc) -> Article {
    Article {
        id: doc.id.clone(),
        title: doc
            .blocks
            .iter()
            .find(|b| b.0 == BlockKind::Title)
            .map(|b| doc.text.chars().skip(b.1.start).take(b.1.len()).collect()),
        text: doc.text.clone(),
        blocks: doc
            .blocks
            .iter()
            .map(|(k, s)| Block { kind: *k, span: *s })
            .collect(),
        ..Default::default()
    }
}

#[derive(Serialize)]
struct DumpDoc<'a> {
    corpus: &'a str,
    half: &'a str,
    id: &'a str,
    text: &'a str,
    gold: Vec<(usize, usize, &'a str)>,
    /// System mentions: start, end, ref, name key.
    sys: Vec<(usize, usize, &'a str, &'a str)>,
}

fn score_set(
    name: &str,
    half: Half,
    docs: &[CrossDoc],
    pipeline: &Pipeline,
    dir: &std::path::Path,
    mut dump: Option<&mut (std::io::BufWriter<std::fs::File>, PathBuf)>,
) -> Result<SetScore, RegistryEvalError> {
    let store = EmbeddedStore::open(dir)?;
    let mut duplicates = 0;
    for chunk in docs.chunks(64) {
        let arts: Vec<Article> = chunk
            .iter()
            .map(|d| {
                let mut a = article_of(d);
                pipeline.run(&mut a, Depth::Full);
                a
            })
            .collect();
        for o in store.put_batch(&arts)? {
            if matches!(o, PutOutcome::Duplicate { .. }) {
                duplicates += 1;
            }
        }
    }
    store.commit()?;
    let mut by_ref: Vec<(&str, String)> = Vec::new();
    let mut by_key: Vec<(&str, String)> = Vec::new();
    let mut covered = 0;
    for d in docs {
        let sys: Vec<SysMention> = match store.get(&d.id)? {
            Some(a) => a
                .entities
                .iter()
                .flat_map(|e| {
                    let r = e.registry_ref.clone().unwrap_or_default();
                    let k = newsgraph_store::entity_key(e.kind, &e.name).unwrap_or_default();
                    e.mentions.iter().map(move |m| (*m, r.clone(), k.clone()))
                })
                .collect(),
            None => Vec::new(),
        };
        for (i, (g, inst)) in d.mentions.iter().enumerate() {
            let cover = sys
                .iter()
                .filter(|(s, r, _)| s.start <= g.start && g.end <= s.end && !r.is_empty())
                .min_by_key(|(s, _, _)| (s.len(), s.start));
            match cover {
                Some((_, r, k)) => {
                    covered += 1;
                    by_ref.push((inst, r.clone()));
                    by_key.push((inst, k.clone()));
                }
                None => {
                    let own = format!("uncovered:{}:{i}", d.id);
                    by_ref.push((inst, own.clone()));
                    by_key.push((inst, own));
                }
            }
        }
        if let Some((w, path)) = dump.as_mut() {
            let rec = DumpDoc {
                corpus: name,
                half: half.name(),
                id: &d.id,
                text: &d.text,
                gold: d
                    .mentions
                    .iter()
                    .map(|(s, i)| (s.start, s.end, i.as_str()))
                    .collect(),
                sys: sys
                    .iter()
                    .map(|(s, r, k)| (s.start, s.end, r.as_str(), k.as_str()))
                    .collect(),
            };
            let line = serde_json::to_string(&rec).unwrap_or_default();
            writeln!(w, "{line}").map_err(|source| RegistryEvalError::Io {
                path: path.clone(),
                source,
            })?;
        }
    }
    let gold_entities = by_ref
        .iter()
        .map(|(g, _)| *g)
        .collect::<std::collections::HashSet<_>>()
        .len();
    Ok(SetScore {
        corpus: name.to_string(),
        half: half.name().to_string(),
        docs: docs.len(),
        duplicates,
        gold_mentions: by_ref.len(),
        gold_entities,
        covered,
        registry: bcubed(&by_ref),
        name_key: bcubed(&by_key),
        spacy: None,
    })
}

/// A plain-text table of scores.
pub fn report(scores: &[SetScore]) -> String {
    let mut s = String::new();
    for c in scores {
        s.push_str(&format!(
            "{} {} ({} docs, {} duplicates; {} gold mentions of {} entities)\n",
            c.corpus, c.half, c.docs, c.duplicates, c.gold_mentions, c.gold_entities,
        ));
        s.push_str(&format!(
            "  {:<24} {:>6} {:>6} {:>6} {:>8}\n",
            "B-cubed", "P", "R", "F1", "covered"
        ));
        let ours = c.covered as f64 / c.gold_mentions.max(1) as f64;
        let mut rows = vec![
            ("registry ref", c.registry, ours),
            ("name key", c.name_key, ours),
        ];
        if let Some(p) = c.spacy {
            let b = BCubed {
                precision: p.precision,
                recall: p.recall,
                f1: p.f1,
            };
            rows.push((
                "spaCy sm + exact name",
                b,
                p.covered as f64 / c.gold_mentions.max(1) as f64,
            ));
        }
        for (k, v, cov) in rows {
            s.push_str(&format!(
                "  {:<24} {:>6.3} {:>6.3} {:>6.3} {:>8.3}\n",
                k, v.precision, v.recall, v.f1, cov
            ));
        }
    }
    s
}
