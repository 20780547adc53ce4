//! CoNLL-style NER files (one token per line, blank lines between sentences, BIO / IOB1
//! / IOB2 tags) → [`GoldDoc`]s, for the extra open training and scoring sets in
//! `../shared/data/entities/` (wikigold, BTC, WNUT-17, SEC filings, FiNER-ORD, …).
//!
//! Columns: `token tag` (any whitespace), or `index token tag …` when a line has three or
//! more columns (Universal NER). `#` lines are comments; `# newdoc` and `-DOCSTART-`
//! start a new document; files without document marks are cut into documents of
//! [`SENTENCES_PER_DOC`] sentences (document-level features need some context). Tag types
//! map to person / organisation / place by [`conll_kind`]; other types (MISC, product…)
//! and mentions without a capitalised word (descriptions, pronouns) are don't-care.

use super::TextBuilder;
use super::{capitalised, no_space_after, no_space_before, CorpusError, GoldDoc, GoldKind};
use newsgraph_model::{BlockKind, Span};
use std::path::Path;

/// Sentences per document for files without document marks.
pub const SENTENCES_PER_DOC: usize = 25;

/// The kind a tag type (without its `B-`/`I-` prefix) stands for; `None` for types the
/// tagger does not learn.
pub fn conll_kind(t: &str) -> Option<GoldKind> {
    match t.to_ascii_lowercase().as_str() {
        "per" | "person" | "politician" => Some(GoldKind::Person),
        "org" | "organisation" | "organization" | "politicalparty" | "corporation" | "group"
        | "company" => Some(GoldKind::Organization),
        "loc" | "location" | "country" | "gpe" | "geo-loc" | "place" => Some(GoldKind::Place),
        _ => None,
    }
}

struct Builder {
    prefix: String,
    docs: Vec<GoldDoc>,
    tb: TextBuilder,
    mentions: Vec<(Span, GoldKind)>,
    dont_care: Vec<Span>,
    sentences: usize,
    /// Open mention: type, start span, end span, has a capitalised word.
    open: Option<(String, Span, Span, bool)>,
    prev: String,
    in_sentence: bool,
}

impl Builder {
    fn close_mention(&mut self) {
        if let Some((t, s, e, cap)) = self.open.take() {
            let span = Span::new(s.start, e.end);
            match conll_kind(&t) {
                Some(k) if cap => self.mentions.push((span, k)),
                _ => self.dont_care.push(span),
            }
        }
    }
    fn end_sentence(&mut self) {
        self.close_mention();
        if self.in_sentence {
            self.tb.end_block();
            self.sentences += 1;
            self.in_sentence = false;
        }
    }
    fn end_doc(&mut self) {
        self.end_sentence();
        if self.sentences == 0 {
            return;
        }
        let tb = std::mem::take(&mut self.tb);
        let (text, blocks) = tb.finish();
        self.docs.push(GoldDoc {
            id: format!("{}-{}", self.prefix, self.docs.len() + 1),
            text,
            blocks,
            mentions: std::mem::take(&mut self.mentions),
            dont_care: std::mem::take(&mut self.dont_care),
            annotated_end: None,
        });
        self.sentences = 0;
    }
    fn token(&mut self, form: &str, tag: &str) {
        if !self.in_sentence {
            self.tb.new_block(if self.sentences == 0 {
                BlockKind::Title
            } else {
                BlockKind::Paragraph
            });
            self.in_sentence = true;
            self.prev.clear();
        }
        let space = !no_space_before(form) && !no_space_after(&self.prev);
        let span = self.tb.token(form, space);
        self.prev = form.to_string();
        let (bio, ty) = match tag.split_once('-') {
            Some((b, t)) if matches!(b, "B" | "I" | "E" | "S") => (b, t),
            _ => ("O", ""),
        };
        let continues =
            bio != "B" && bio != "S" && bio != "O" && self.open.as_ref().is_some_and(|o| o.0 == ty);
        if continues {
            if let Some(o) = self.open.as_mut() {
                o.2 = span;
                o.3 |= capitalised(form);
            }
        } else {
            self.close_mention();
            if bio != "O" {
                self.open = Some((ty.to_string(), span, span, capitalised(form)));
            }
        }
    }
}

/// Reads one CoNLL file into documents named `prefix-N`.
pub fn read_conll(path: &Path, prefix: &str) -> Result<Vec<GoldDoc>, CorpusError> {
    let src = super::read(path)?;
    let mut b = Builder {
        prefix: prefix.to_string(),
        docs: Vec::new(),
        tb: TextBuilder::new(),
        mentions: Vec::new(),
        dont_care: Vec::new(),
        sentences: 0,
        open: None,
        prev: String::new(),
        in_sentence: false,
    };
    let mut marked = false;
    for line in src.lines() {
        let l = line.trim();
        if l.starts_with("# newdoc") {
            marked = true;
            b.end_doc();
            continue;
        }
        if l.starts_with('#') && l.contains(" = ") {
            continue;
        }
        if l.is_empty() {
            b.end_sentence();
            if !marked && b.sentences >= SENTENCES_PER_DOC {
                b.end_doc();
            }
            continue;
        }
        let cols: Vec<&str> = l.split_whitespace().collect();
        if cols.first() == Some(&"-DOCSTART-") {
            marked = true;
            b.end_doc();
            continue;
        }
        let (form, tag) = match cols.len() {
            0 | 1 => continue,
            2 => (cols[0], cols[1]),
            _ => (cols[1], cols[2]),
        };
        b.token(form, tag);
    }
    b.end_doc();
    Ok(b.docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(d: &GoldDoc, s: Span) -> String {
        d.text.chars().skip(s.start).take(s.len()).collect()
    }

    #[test]
    fn bio_and_iob1_tags_make_mentions() {
        let dir = std::env::temp_dir().join(format!("ng-conll-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("x.conll");
        // IOB1 (I- opens after O), BIO, a MISC span and a lowercase "organisation".
        std::fs::write(
            &f,
            "-DOCSTART- O\n\nGeneral I-ORG\nMotors I-ORG\nsaid O\nKim B-PER\nLee I-PER\n, O\n\
             Japanese I-MISC\nthe B-ORG\nministry I-ORG\n. O\n\nParis B-LOC\n",
        )
        .unwrap();
        let docs = read_conll(&f, "x").unwrap();
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(
            d.text,
            "General Motors said Kim Lee, Japanese the ministry.\nParis"
        );
        let got: Vec<(String, GoldKind)> = d
            .mentions
            .iter()
            .map(|(s, k)| (text_of(d, *s), *k))
            .collect();
        assert_eq!(
            got,
            vec![
                ("General Motors".into(), GoldKind::Organization),
                ("Kim Lee".into(), GoldKind::Person),
                ("Paris".into(), GoldKind::Place)
            ]
        );
        let dc: Vec<String> = d.dont_care.iter().map(|s| text_of(d, *s)).collect();
        assert_eq!(dc, vec!["Japanese", "the ministry"]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
