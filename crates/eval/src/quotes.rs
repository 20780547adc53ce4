//! Scoring of the quotes layer on PolNeAR (brat standoff: Source / Cue / Content).
//!
//! Metric. Texts are split into word tokens (maximal runs of letters and digits); a
//! predicted quote's content matches a gold Content when their token sets overlap by at
//! least half of the larger of the two (one-to-one, best overlap first). A matched
//! quote's speaker is correct when the predicted speaker span, or any mention of the
//! predicted speaker entity, overlaps the gold Source span. Precision, recall and F1
//! are reported for all attributions and for the "quoted" subset: gold Contents that
//! contain a double quotation mark, and predictions whose content (widened by one
//! character on each side) does. Spans are Unicode code points throughout.
//!
//! The same scorer scores a peer's predictions read from JSON Lines (see
//! [`PeerDoc`]), so our numbers and the peer's come from one implementation.

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use newsgraph_model::{Article, Block, BlockKind, Span};
use serde::{Deserialize, Serialize};

#[derive(Debug, thiserror::Error)]
pub enum QuotesEvalError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {msg}")]
    Parse {
        path: PathBuf,
        line: usize,
        msg: String,
    },
    #[error("no PolNeAR documents under {0}")]
    Empty(PathBuf),
    #[error(transparent)]
    Walk(#[from] newsgraph_nlp::corpus::CorpusError),
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> QuotesEvalError + '_ {
    move |source| QuotesEvalError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// One gold attribution.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoldAttr {
    pub content: Vec<Span>,
    pub source: Vec<Span>,
    pub cue: Vec<Span>,
}

/// One PolNeAR document with its gold attributions.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoldDoc {
    pub name: String,
    pub text: String,
    pub gold: Vec<GoldAttr>,
}

/// A predicted attribution, ours or a peer's.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PredAttr {
    /// Content pieces.
    pub content: Vec<Span>,
    #[serde(default)]
    pub speaker_span: Option<Span>,
    /// Mentions of the speaker entity, when resolved.
    #[serde(default)]
    pub speaker_mentions: Vec<Span>,
}

/// A peer's predictions for one document: `{"name": ..., "quotes": [PredAttr...]}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PeerDoc {
    pub name: String,
    pub quotes: Vec<PredAttr>,
}

/// Reads `DIR/<split>/text/*.txt` and `DIR/<split>/attributions/*.ann`. When an article
/// was annotated by several annotators, the first annotation file (by name) is used.
pub fn load_polnear(dir: &Path, split: &str) -> Result<Vec<GoldDoc>, QuotesEvalError> {
    let ann_dir = dir.join(split).join("attributions");
    let text_dir = dir.join(split).join("text");
    let names =
        newsgraph_nlp::corpus::files_under(&ann_dir, ".ann", newsgraph_nlp::corpus::Depth::Flat)?;
    let mut seen = std::collections::HashSet::new();
    let mut docs = Vec::new();
    for ann in names {
        let stem = ann
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        // strip the _<annotator> suffix
        let base = match stem.rsplit_once('_') {
            Some((b, a)) if a.len() == 4 && a.chars().all(|c| c.is_ascii_hexdigit()) => {
                b.to_string()
            }
            _ => stem.clone(),
        };
        if !seen.insert(base.clone()) {
            continue;
        }
        let tp = text_dir.join(format!("{base}.txt"));
        let Ok(text) = std::fs::read_to_string(&tp) else {
            continue;
        };
        let ann_text = std::fs::read_to_string(&ann).map_err(io_err(&ann))?;
        let gold = parse_ann(&ann_text).map_err(|(line, msg)| QuotesEvalError::Parse {
            path: ann.clone(),
            line,
            msg,
        })?;
        docs.push(GoldDoc {
            name: base,
            text,
            gold,
        });
    }
    if docs.is_empty() {
        return Err(QuotesEvalError::Empty(dir.join(split)));
    }
    Ok(docs)
}

/// Parses brat standoff into attributions. Lines that are neither `T` nor `E` records
/// (notes, continuation lines of covered text with newlines) are skipped.
pub fn parse_ann(s: &str) -> Result<Vec<GoldAttr>, (usize, String)> {
    let mut t: HashMap<&str, (&str, Vec<Span>)> = HashMap::new();
    let mut events: Vec<Vec<(&str, &str)>> = Vec::new();
    for (n, line) in s.lines().enumerate() {
        let mut cols = line.split('\t');
        let id = cols.next().unwrap_or("");
        let body = cols.next().unwrap_or("");
        let is_id = |p: char| {
            id.starts_with(p) && id.len() > 1 && id[1..].chars().all(|c| c.is_ascii_digit())
        };
        if is_id('T') {
            let Some((kind, rest)) = body.split_once(' ') else {
                continue;
            };
            let mut spans = Vec::new();
            for piece in rest.split(';') {
                let mut it = piece.split_whitespace().map(|x| x.parse::<usize>());
                match (it.next(), it.next()) {
                    (Some(Ok(a)), Some(Ok(b))) if a <= b => spans.push(Span::new(a, b)),
                    _ => return Err((n + 1, format!("bad span {piece:?}"))),
                }
            }
            t.insert(id, (kind, spans));
        } else if is_id('E') {
            events.push(
                body.split_whitespace()
                    .filter_map(|a| a.split_once(':'))
                    .collect(),
            );
        }
    }
    let mut out = Vec::new();
    for ev in events {
        let get = |role: &str| -> Vec<Span> {
            ev.iter()
                .filter(|(r, _)| *r == role)
                .filter_map(|(_, id)| t.get(id))
                .flat_map(|(_, s)| s.clone())
                .collect()
        };
        let content = get("Content");
        if content.is_empty() {
            continue;
        }
        out.push(GoldAttr {
            content,
            source: get("Source"),
            cue: get("Cue"),
        });
    }
    Ok(out)
}

/// Builds the article a document is analysed as: its text, one block per line (the
/// first line is the title).
pub fn article_of(doc: &GoldDoc) -> Article {
    let mut blocks = Vec::new();
    let mut pos = 0usize;
    for (i, line) in doc.text.split('\n').enumerate() {
        let n = line.chars().count();
        let lead = line.chars().take_while(|c| c.is_whitespace()).count();
        let trail = line.chars().rev().take_while(|c| c.is_whitespace()).count();
        if n > lead + trail {
            let kind = if i == 0 {
                BlockKind::Title
            } else {
                BlockKind::Paragraph
            };
            blocks.push(Block {
                kind,
                span: Span::new(pos + lead, pos + n - trail),
            });
        }
        pos += n + 1;
    }
    let title = doc.text.lines().next().map(|l| l.trim().to_string());
    Article {
        id: doc.name.clone(),
        title,
        text: doc.text.clone(),
        blocks,
        ..Default::default()
    }
}

/// Our predictions, taken from an analysed article.
pub fn preds_of(article: &Article) -> Vec<PredAttr> {
    article
        .quotes
        .iter()
        .map(|q| PredAttr {
            content: if q.parts.is_empty() {
                vec![q.span]
            } else {
                q.parts.clone()
            },
            speaker_span: q.speaker_span,
            speaker_mentions: q
                .speaker
                .as_ref()
                .and_then(|id| article.entities.iter().find(|e| &e.id == id))
                .map(|e| e.mentions.clone())
                .unwrap_or_default(),
        })
        .collect()
}

/// Counts behind one row of the report.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Counts {
    pub gold: usize,
    pub pred: usize,
    /// Predictions matched to a gold attribution.
    pub pred_matched: usize,
    /// Gold attributions matched by a prediction.
    pub gold_matched: usize,
    /// Matched pairs whose gold has a Source.
    pub with_source: usize,
    pub speaker_correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.pred_matched, self.pred)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.gold_matched, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speaker_correct, self.with_source)
    }
    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.pred += o.pred;
        self.pred_matched += o.pred_matched;
        self.gold_matched += o.gold_matched;
        self.with_source += o.with_source;
        self.speaker_correct += o.speaker_correct;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores of one system.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Report {
    pub docs: usize,
    /// Attributions whose content has quotation marks.
    pub quoted: Counts,
    /// All attributions.
    pub all: Counts,
}

/// Word-token char ranges of a text.
fn word_tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut i = 0;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
        i += 1;
    }
    if let Some(s) = start {
        out.push((s, i));
    }
    out
}

fn token_set(toks: &[(usize, usize)], spans: &[Span]) -> Vec<usize> {
    let mut v: Vec<usize> = Vec::new();
    for s in spans {
        let from = toks.partition_point(|t| t.1 <= s.start);
        for (k, t) in toks.iter().enumerate().skip(from) {
            if t.0 >= s.end {
                break;
            }
            v.push(k);
        }
    }
    v.sort_unstable();
    v.dedup();
    v
}

fn is_dquote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

fn has_quote(chars: &[char], spans: &[Span], widen: usize) -> bool {
    spans.iter().any(|s| {
        let a = s.start.saturating_sub(widen).min(chars.len());
        let b = (s.end + widen).min(chars.len());
        chars[a..b].iter().any(|c| is_dquote(*c))
    })
}

/// Scores one document's predictions against its gold.
pub fn score_doc(doc: &GoldDoc, preds: &[PredAttr]) -> Report {
    let toks = word_tokens(&doc.text);
    let chars: Vec<char> = doc.text.chars().collect();
    let gsets: Vec<Vec<usize>> = doc
        .gold
        .iter()
        .map(|g| token_set(&toks, &g.content))
        .collect();
    let psets: Vec<Vec<usize>> = preds.iter().map(|p| token_set(&toks, &p.content)).collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (gi, g) in gsets.iter().enumerate() {
        for (pi, p) in psets.iter().enumerate() {
            if g.is_empty() || p.is_empty() {
                continue;
            }
            let inter = intersection(g, p);
            let ov = inter as f64 / g.len().max(p.len()) as f64;
            if ov >= 0.5 {
                pairs.push((ov, gi, pi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut g_of_p: Vec<Option<usize>> = vec![None; preds.len()];
    let mut p_of_g: Vec<Option<usize>> = vec![None; doc.gold.len()];
    for (_, gi, pi) in pairs {
        if p_of_g[gi].is_none() && g_of_p[pi].is_none() {
            p_of_g[gi] = Some(pi);
            g_of_p[pi] = Some(gi);
        }
    }
    let g_quoted: Vec<bool> = doc
        .gold
        .iter()
        .map(|g| has_quote(&chars, &g.content, 0))
        .collect();
    let p_quoted: Vec<bool> = preds
        .iter()
        .map(|p| has_quote(&chars, &p.content, 1))
        .collect();
    let mut r = Report {
        docs: 1,
        ..Default::default()
    };
    for (subset, c) in [(false, &mut r.all), (true, &mut r.quoted)] {
        for (gi, g) in doc.gold.iter().enumerate() {
            if subset && !g_quoted[gi] {
                continue;
            }
            c.gold += 1;
            if let Some(pi) = p_of_g[gi] {
                c.gold_matched += 1;
                if !g.source.is_empty() {
                    c.with_source += 1;
                    let p = &preds[pi];
                    let hit = |s: &Span| g.source.iter().any(|gs| gs.overlaps(s));
                    if p.speaker_span.as_ref().is_some_and(hit)
                        || p.speaker_mentions.iter().any(hit)
                    {
                        c.speaker_correct += 1;
                    }
                }
            }
        }
        for pi in 0..preds.len() {
            if subset && !p_quoted[pi] {
                continue;
            }
            c.pred += 1;
            if g_of_p[pi].is_some() {
                c.pred_matched += 1;
            }
        }
    }
    r
}

fn intersection(a: &[usize], b: &[usize]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Sums per-document reports.
pub fn total(reports: &[Report]) -> Report {
    let mut t = Report::default();
    for r in reports {
        t.docs += r.docs;
        t.quoted.add(&r.quoted);
        t.all.add(&r.all);
    }
    t
}

/// Writes the documents and their gold as JSON Lines, for a peer to predict on.
pub fn dump(docs: &[GoldDoc], path: &Path) -> Result<(), QuotesEvalError> {
    let f = std::fs::File::create(path).map_err(io_err(path))?;
    let mut w = std::io::BufWriter::new(f);
    for d in docs {
        let line = serde_json::to_string(d).map_err(|e| QuotesEvalError::Parse {
            path: path.into(),
            line: 0,
            msg: e.to_string(),
        })?;
        writeln!(w, "{line}").map_err(io_err(path))?;
    }
    w.flush().map_err(io_err(path))
}

/// Reads a peer's predictions (JSON Lines of [`PeerDoc`]).
pub fn read_peer(path: &Path) -> Result<HashMap<String, Vec<PredAttr>>, QuotesEvalError> {
    let f = std::fs::File::open(path).map_err(io_err(path))?;
    let mut out = HashMap::new();
    for (n, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line.map_err(io_err(path))?;
        if line.trim().is_empty() {
            continue;
        }
        let d: PeerDoc = serde_json::from_str(&line).map_err(|e| QuotesEvalError::Parse {
            path: path.into(),
            line: n + 1,
            msg: e.to_string(),
        })?;
        out.insert(d.name, d.quotes);
    }
    Ok(out)
}

/// How documents are analysed before scoring.
pub enum Analyser<'a> {
    /// The whole pipeline (entities resolve speakers, times fill `when`).
    Pipeline(&'a newsgraph_pipeline::Pipeline),
    /// The attribution layer alone, on bare text.
    Bare,
}

/// Analyses one document and returns its article.
pub fn analyse(doc: &GoldDoc, how: &Analyser) -> Article {
    let mut a = article_of(doc);
    match how {
        Analyser::Pipeline(p) => p.run(&mut a, newsgraph_pipeline::Depth::Full),
        Analyser::Bare => {
            newsgraph_attribution::quotes(&mut a);
        }
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANN: &str = "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 30\tthat it was raining\n\
T4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n\
T5\tContent 32 47;50 60\t\"Go home now,\"\nE2\tContent:T5\n#1\tAnnotatorNotes T1\tnote\nstray line\n";

    #[test]
    fn parses_brat_events_with_discontinuous_spans() {
        let g = parse_ann(ANN).unwrap();
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].source, vec![Span::new(0, 5)]);
        assert_eq!(g[1].content, vec![Span::new(32, 47), Span::new(50, 60)]);
        assert!(g[1].source.is_empty());
    }

    #[test]
    fn overlap_matching_and_speaker_scoring() {
        let text =
            "Smith said that it was raining hard today. “Go home now,” Jones said.".to_string();
        let doc = GoldDoc {
            name: "d".into(),
            text,
            gold: vec![
                GoldAttr {
                    content: vec![Span::new(11, 41)],
                    source: vec![Span::new(0, 5)],
                    cue: vec![],
                },
                GoldAttr {
                    content: vec![Span::new(43, 57)],
                    source: vec![Span::new(58, 63)],
                    cue: vec![],
                },
            ],
        };
        let preds = vec![
            // 4 of 6 gold tokens: matches; speaker right
            PredAttr {
                content: vec![Span::new(11, 30)],
                speaker_span: Some(Span::new(0, 5)),
                speaker_mentions: vec![],
            },
            // the quote, speaker wrong
            PredAttr {
                content: vec![Span::new(44, 55)],
                speaker_span: Some(Span::new(0, 5)),
                speaker_mentions: vec![],
            },
            // a spurious one
            PredAttr {
                content: vec![Span::new(0, 5)],
                speaker_span: None,
                speaker_mentions: vec![],
            },
        ];
        let r = score_doc(&doc, &preds);
        assert_eq!(
            (
                r.all.gold,
                r.all.pred,
                r.all.gold_matched,
                r.all.pred_matched
            ),
            (2, 3, 2, 2)
        );
        assert_eq!((r.all.with_source, r.all.speaker_correct), (2, 1));
        assert_eq!(
            (r.quoted.gold, r.quoted.pred, r.quoted.gold_matched),
            (1, 1, 1)
        );
        // speaker via a mention of the resolved entity
        let preds2 = vec![PredAttr {
            content: vec![Span::new(44, 55)],
            speaker_span: Some(Span::new(0, 5)),
            speaker_mentions: vec![Span::new(58, 63)],
        }];
        assert_eq!(score_doc(&doc, &preds2).quoted.speaker_correct, 1);
        // below half overlap: no match
        let preds3 = vec![PredAttr {
            content: vec![Span::new(11, 18)],
            ..Default::default()
        }];
        assert_eq!(score_doc(&doc, &preds3).all.gold_matched, 0);
    }
}
