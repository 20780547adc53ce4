//! Scoring of the syntax layer from raw text on UD treebanks (EWT dev, the GUM check
//! split), beside spaCy when its venv is there.
//!
//! Each treebank document becomes an article (its text rebuilt from the word forms, one
//! block per paragraph); the pipeline's own sentence splitter and tokenizer cut it, the
//! syntax layer tags and parses, and the words are aligned to gold by character span
//! (`newsgraph_nlp::syntax::score`). EWT dev is reported in two halves by document (tune:
//! even, check: odd); the GUM check split (every fifth file) is never trained on.
//! spaCy gets the same texts and the same scorer; its trees follow the ClearNLP scheme,
//! so its UAS is only indicative and its LAS is not comparable (its UPOS is).

use newsgraph_model::{Span, SyntaxToken};
use newsgraph_nlp::syntax::conllu::{self, TreebankDoc, TreebankError};
use newsgraph_nlp::syntax::score::{score_doc, Counts};
use newsgraph_nlp::syntax::tags::{DEPRELS, UPOS};
use newsgraph_nlp::syntax::SyntaxModel;
use serde::Serialize;
use std::borrow::Cow;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum SyntaxEvalError {
    #[error(transparent)]
    Treebank(#[from] TreebankError),
    #[error(transparent)]
    Model(#[from] newsgraph_nlp::syntax::ModelError),
    #[error("running spaCy ({cmd}): {detail}")]
    Peer { cmd: String, detail: String },
}

/// One scored set (newsgraph or a peer).
#[derive(Debug, Clone, Serialize)]
pub struct SetScore {
    pub set: String,
    pub system: String,
    pub docs: usize,
    pub seconds: f64,
    pub counts: Counts,
    pub tokens: f64,
    pub sentences: f64,
    pub upos: f64,
    pub lemma: f64,
    pub uas: f64,
    pub las: f64,
}

impl SetScore {
    fn new(set: &str, system: &str, docs: usize, seconds: f64, c: Counts) -> Self {
        SetScore {
            set: set.into(),
            system: system.into(),
            docs,
            seconds,
            counts: c,
            tokens: c.f1(c.aligned),
            sentences: c.sentence_f1(),
            upos: c.f1(c.upos),
            lemma: c.f1(c.lemma),
            uas: c.f1(c.uas),
            las: c.f1(c.las),
        }
    }
}

/// newsgraph's tokens layer and sentences for a document, from its raw text.
pub fn predict(doc: &TreebankDoc, model: &SyntaxModel) -> (Vec<SyntaxToken>, Vec<Span>) {
    let mut a = doc.article();
    newsgraph_nlp::segment(&mut a);
    newsgraph_nlp::syntax::analyse_article(&mut a, model);
    (a.syntax, a.sentences.iter().map(|s| s.span).collect())
}

/// Scores on the gold words and sentences (no segmentation errors): what the tagger and
/// parser do on their own.
pub fn score_gold_words(doc: &TreebankDoc, model: &SyntaxModel) -> Counts {
    let mut c = Counts {
        gold_words: doc.words.len(),
        pred_words: doc.words.len(),
        aligned: doc.words.len(),
        gold_sentences: doc.sentences.len(),
        pred_sentences: doc.sentences.len(),
        sentences: doc.sentences.len(),
        ..Default::default()
    };
    for r in &doc.sentences {
        let ws = &doc.words[r.clone()];
        let forms: Vec<&str> = ws.iter().map(|w| w.form.as_str()).collect();
        for (a, g) in model.analyse(&forms).iter().zip(ws) {
            c.upos += (UPOS[a.upos] == g.upos) as usize;
            c.lemma += (a.lemma == g.lemma) as usize;
            if a.head.map(|h| h + r.start) == g.head {
                c.uas += 1;
                c.las += (DEPRELS[a.deprel] == g.deprel) as usize;
            }
        }
    }
    c
}

pub struct Config {
    pub ewt_dev: Option<PathBuf>,
    pub gum: Option<PathBuf>,
    pub model: Option<PathBuf>,
    /// Python with spaCy and en_core_web_sm, and the script that runs it.
    pub spacy: Option<(PathBuf, PathBuf)>,
    /// Also score newsgraph on the gold words and sentences.
    pub gold_words: bool,
}

/// The evaluation sets: (name, documents).
fn sets(cfg: &Config) -> Result<Vec<(String, Vec<TreebankDoc>)>, SyntaxEvalError> {
    let mut out = Vec::new();
    if let Some(p) = &cfg.ewt_dev {
        let docs = conllu::read_file(p)?;
        let (tune, check): (Vec<_>, Vec<_>) =
            docs.into_iter().enumerate().partition(|(i, _)| i % 2 == 0);
        out.push((
            "ewt-dev tune".into(),
            tune.into_iter().map(|(_, d)| d).collect(),
        ));
        out.push((
            "ewt-dev check".into(),
            check.into_iter().map(|(_, d)| d).collect(),
        ));
    }
    if let Some(p) = &cfg.gum {
        out.push((
            "gum check".into(),
            conllu::read_split(p, newsgraph_nlp::corpus::Split::Dev)?,
        ));
    }
    Ok(out)
}

pub fn run(cfg: &Config) -> Result<Vec<SetScore>, SyntaxEvalError> {
    let model = match &cfg.model {
        Some(p) => SyntaxModel::load(p)?,
        None => SyntaxModel::load_default()?,
    };
    let mut out = Vec::new();
    for (name, docs) in sets(cfg)? {
        let t0 = std::time::Instant::now();
        let mut c = Counts::default();
        for d in &docs {
            let (toks, sents) = predict(d, &model);
            c.add(&score_doc(d, &toks, &sents));
        }
        out.push(SetScore::new(
            &name,
            "newsgraph",
            docs.len(),
            t0.elapsed().as_secs_f64(),
            c,
        ));
        if cfg.gold_words {
            let t0 = std::time::Instant::now();
            let mut c = Counts::default();
            for d in &docs {
                c.add(&score_gold_words(d, &model));
            }
            out.push(SetScore::new(
                &name,
                "gold words",
                docs.len(),
                t0.elapsed().as_secs_f64(),
                c,
            ));
        }
        if let Some((py, script)) = &cfg.spacy {
            let t0 = std::time::Instant::now();
            let preds = run_spacy(py, script, &docs)?;
            let secs = t0.elapsed().as_secs_f64();
            let mut c = Counts::default();
            for (d, (toks, sents)) in docs.iter().zip(&preds) {
                c.add(&score_doc(d, toks, sents));
            }
            out.push(SetScore::new(&name, "spacy sm", docs.len(), secs, c));
        }
    }
    Ok(out)
}

/// One document as the peer parsed it: its tokens and its sentence spans.
type PeerParse = (Vec<SyntaxToken>, Vec<Span>);

/// Runs the spaCy script over the documents' texts (JSON Lines in and out).
fn run_spacy(
    py: &Path,
    script: &Path,
    docs: &[TreebankDoc],
) -> Result<Vec<PeerParse>, SyntaxEvalError> {
    let cmd = format!("{} {}", py.display(), script.display());
    let fail = |detail: String| SyntaxEvalError::Peer {
        cmd: cmd.clone(),
        detail,
    };
    let mut child = std::process::Command::new(py)
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| fail(e.to_string()))?;
    let mut input = String::new();
    for d in docs {
        let paras: Vec<[usize; 2]> = d.paragraphs.iter().map(|s| [s.start, s.end]).collect();
        input.push_str(&serde_json::json!({"text": d.text, "paragraphs": paras}).to_string());
        input.push('\n');
    }
    let mut stdin = child.stdin.take().ok_or_else(|| fail("no stdin".into()))?;
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().map_err(|e| fail(e.to_string()))?;
    let _ = writer.join();
    if !output.status.success() {
        return Err(fail(format!("exit status {}", output.status)));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut preds = Vec::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| fail(e.to_string()))?;
        let toks = v["tokens"]
            .as_array()
            .map(|ts| {
                ts.iter()
                    .map(|t| SyntaxToken {
                        span: Span::new(
                            t["span"][0].as_u64().unwrap_or(0) as usize,
                            t["span"][1].as_u64().unwrap_or(0) as usize,
                        ),
                        pos: Cow::Owned(t["pos"].as_str().unwrap_or("").to_string()),
                        lemma: t["lemma"].as_str().unwrap_or("").to_string(),
                        head: t["head"].as_i64().unwrap_or(-1),
                        dep: Cow::Owned(t["dep"].as_str().unwrap_or("").to_string()),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let sents = v["sentences"]
            .as_array()
            .map(|ss| {
                ss.iter()
                    .map(|s| {
                        Span::new(
                            s[0].as_u64().unwrap_or(0) as usize,
                            s[1].as_u64().unwrap_or(0) as usize,
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        preds.push((toks, sents));
    }
    if preds.len() != docs.len() {
        return Err(fail(format!(
            "{} outputs for {} documents",
            preds.len(),
            docs.len()
        )));
    }
    Ok(preds)
}

/// The table `newsgraph eval syntax` prints.
pub fn report(scores: &[SetScore]) -> String {
    let mut s = format!(
        "{:<14} {:<10} {:>5} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}\n",
        "set", "system", "docs", "words", "tokens", "sents", "UPOS", "lemma", "UAS", "LAS"
    );
    for r in scores {
        let peer = r.system.starts_with("spacy");
        s.push_str(&format!(
            "{:<14} {:<10} {:>5} {:>7} {:>7.4} {:>7.4} {:>7.4} {:>7.4} {:>7.4}{} {:>7}\n",
            r.set,
            r.system,
            r.docs,
            r.counts.gold_words,
            r.tokens,
            r.sentences,
            r.upos,
            r.lemma,
            r.uas,
            if peer { "*" } else { " " },
            if peer {
                "-".to_string()
            } else {
                format!("{:.4}", r.las)
            },
        ));
    }
    if scores.iter().any(|r| r.system.starts_with("gold")) {
        s.push_str("gold words: newsgraph's tagger and parser on the gold words and sentences (no segmentation errors).\n");
    }
    if scores.iter().any(|r| r.system.starts_with("spacy")) {
        s.push_str("* spaCy's trees follow the ClearNLP scheme, not UD: its UAS is indicative only, its LAS not comparable.\n");
    }
    s
}
