//! The model file: magic `NGSYNTX\0`, format version (u32 LE), then a deflated payload of
//! the tagger, parser, arc labeler and tree-bounds weight tables (`i8`, one scale each;
//! the bounds' margin as f32), the
//! ambiguity classes (`form\tmask` lines, `lexicon.rs`), the word clusters (`clusters.rs`), the lemmatiser (see `lemma.rs`), the hyphen
//! rule (`hyphen.rs`) and the word splits (`splits.rs`).

use super::bounds::Bounds;
use super::clusters::Clusters;
use super::hyphen::HyphenRule;
use super::lemma::Lemmatiser;
use super::lexicon::Lexicon;
use super::parser::Parser;
use super::perceptron::Weights;
use super::splits::SplitRule;
use super::tagger::Tagger;
use super::tags::{DEPRELS, UPOS};
use std::io::{Read, Write};

/// Version of the file layout *and* of the feature templates: a model trained with
/// other features is refused.
pub const MODEL_VERSION: u32 = 4;
const MAGIC: &[u8; 8] = b"NGSYNTX\0";
/// The payload is never larger than this when inflated (a guard against a bomb).
const MAX_PAYLOAD: u64 = 256 << 20;

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a syntax model (bad magic)")]
    Magic,
    #[error("syntax model version {0}, this build reads version {MODEL_VERSION}: retrain with `newsgraph train syntax`")]
    Version(u32),
    #[error("corrupt syntax model: {0}")]
    Corrupt(String),
    #[error("reading the syntax model: {0}")]
    Io(#[from] std::io::Error),
}

/// A cursor over the inflated payload.
pub(crate) struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn bad(&self, what: &str) -> ModelError {
        ModelError::Corrupt(format!("{what} at byte {}", self.pos))
    }

    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).filter(|e| *e <= self.b.len());
        let Some(end) = end else {
            return Err(self.bad("truncated"));
        };
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    pub fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.bytes(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn text(&mut self) -> Result<&'a str, ModelError> {
        let n = self.u32()? as usize;
        let b = self.bytes(n)?;
        std::str::from_utf8(b).map_err(|_| self.bad("text section not UTF-8"))
    }
}

/// Everything the syntax layer needs, loaded once and shared (`Sync`).
#[derive(Debug, Clone)]
pub struct SyntaxModel {
    pub(crate) tagger: Tagger,
    pub(crate) parser: Parser,
    /// Forms → the UPOS tags seen with them in training (lowercased and as cased).
    pub(crate) lexicon: Lexicon,
    pub(crate) lemmatiser: Lemmatiser,
    pub(crate) hyphen: HyphenRule,
    /// Tokens the treebanks hold as several words (`cannot`).
    pub(crate) splits: SplitRule,
    /// Sentence ends inside the pipeline's sentences.
    pub(crate) bounds: Bounds,
}

/// The shipped model.
static DEFAULT: &[u8] = include_bytes!("../../data/syntax.model");

impl SyntaxModel {
    /// The model shipped in `crates/nlp/data/syntax.model`.
    pub fn load_default() -> Result<Self, ModelError> {
        Self::from_bytes(DEFAULT)
    }

    pub fn load(path: &std::path::Path) -> Result<Self, ModelError> {
        Self::from_bytes(&std::fs::read(path)?)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut payload = Vec::new();
        self.tagger.weights.write(&mut payload);
        payload.push(self.tagger.second.is_some() as u8);
        if let Some(w) = &self.tagger.second {
            w.write(&mut payload);
        }
        self.parser.weights.write(&mut payload);
        self.parser.arcs.write(&mut payload);
        self.bounds.weights.write(&mut payload);
        payload.extend_from_slice(&self.bounds.margin.to_le_bytes());
        push_text(&mut payload, &Lexicon::write_table(&self.lexicon.lower));
        let mut s = String::new();
        self.lexicon.clusters.write(&mut s);
        push_text(&mut payload, &s);
        let mut s = String::new();
        self.lemmatiser.write(&mut s);
        push_text(&mut payload, &s);
        let mut s = String::new();
        self.hyphen.write(&mut s);
        push_text(&mut payload, &s);
        let mut s = String::new();
        self.splits.write(&mut s);
        push_text(&mut payload, &s);
        let mut out = Vec::with_capacity(payload.len() / 3);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&MODEL_VERSION.to_le_bytes());
        let mut enc = flate2::write::DeflateEncoder::new(out, flate2::Compression::best());
        // Writing into a Vec cannot fail.
        let _ = enc.write_all(&payload);
        enc.finish().unwrap_or_default()
    }

    pub fn from_bytes(b: &[u8]) -> Result<Self, ModelError> {
        if b.len() < 12 || &b[..8] != MAGIC {
            return Err(ModelError::Magic);
        }
        let v = u32::from_le_bytes([b[8], b[9], b[10], b[11]]);
        if v != MODEL_VERSION {
            return Err(ModelError::Version(v));
        }
        let mut payload = Vec::new();
        flate2::read::DeflateDecoder::new(&b[12..])
            .take(MAX_PAYLOAD)
            .read_to_end(&mut payload)
            .map_err(|e| ModelError::Corrupt(format!("payload: {e}")))?;
        let mut r = Reader {
            b: &payload,
            pos: 0,
        };
        let weights = Weights::read(&mut r)?;
        let second = match r.bytes(1)?[0] {
            0 => None,
            1 => Some(Weights::read(&mut r)?),
            _ => return Err(r.bad("tagger passes")),
        };
        if second.as_ref().is_some_and(|w| w.classes() != UPOS.len()) {
            return Err(r.bad("second tagger pass"));
        }
        let tagger = Tagger { weights, second };
        let mut parser = Parser {
            weights: Weights::read(&mut r)?,
            arcs: Weights::read(&mut r)?,
            clusters: false,
        };
        let bounds_weights = Weights::read(&mut r)?;
        let margin = f32::from_bits(r.u32()?);
        if bounds_weights.classes() != 2 || margin.is_nan() {
            return Err(r.bad("tree bounds"));
        }
        let bounds = Bounds {
            weights: bounds_weights,
            margin,
        };
        if tagger.weights.classes() != UPOS.len()
            || parser.weights.classes() != 3
            || parser.arcs.classes() != DEPRELS.len()
        {
            return Err(r.bad("class counts"));
        }
        let lower = Lexicon::read_table(r.text()?).ok_or_else(|| r.bad("ambiguity classes"))?;
        let clusters =
            Clusters::read(r.text()?).map_err(|e| r.bad(&format!("word clusters {e}")))?;
        // The parser was trained with cluster features exactly when the model has clusters.
        parser.clusters = !clusters.is_empty();
        let lexicon = Lexicon { lower, clusters };
        let lemmatiser = Lemmatiser::read(r.text()?).ok_or_else(|| r.bad("lemma rules"))?;
        let hyphen = HyphenRule::read(r.text()?);
        let splits = SplitRule::read(r.text()?).ok_or_else(|| r.bad("word splits"))?;
        Ok(SyntaxModel {
            hyphen,
            splits,
            bounds,
            tagger,
            parser,
            lexicon,
            lemmatiser,
        })
    }
}

fn push_text(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}
