//! CoNLL-U treebanks (UD English EWT, GUM's `dep/` files) read as documents: the running
//! text rebuilt from the word forms and `SpaceAfter=No` (one paragraph per line, laid
//! out as an [`Article`](newsgraph_model::Article) would be), and every syntactic word
//! with its code-point span, UPOS, lemma, head and relation.
//!
//! Multi-word tokens (`don't` = `do` + `n't`) give their words the spans of the parts
//! of the surface form when the parts spell it, else the whole token's span.

use newsgraph_model::Span;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One syntactic word of a treebank.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldWord {
    pub span: Span,
    pub form: String,
    pub upos: String,
    pub lemma: String,
    /// Index of the head within the document's words, `None` for the root.
    pub head: Option<usize>,
    /// The relation, universal part only (`nsubj:pass` → `nsubj`).
    pub deprel: String,
}

/// One document: text, paragraph spans, words, sentences (as word ranges).
#[derive(Debug, Clone, Default)]
pub struct TreebankDoc {
    pub id: String,
    pub text: String,
    pub paragraphs: Vec<Span>,
    pub words: Vec<GoldWord>,
    pub sentences: Vec<Range<usize>>,
}

impl TreebankDoc {
    /// The article this document is read as: its text, one paragraph block per line.
    pub fn article(&self) -> newsgraph_model::Article {
        use newsgraph_model::{Article, Block, BlockKind};
        Article {
            id: self.id.clone(),
            text: self.text.clone(),
            blocks: self
                .paragraphs
                .iter()
                .map(|s| Block {
                    kind: BlockKind::Paragraph,
                    span: *s,
                })
                .collect(),
            ..Default::default()
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TreebankError {
    #[error(transparent)]
    Walk(#[from] crate::corpus::CorpusError),
    #[error("reading {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {what}")]
    Format {
        path: PathBuf,
        line: usize,
        what: String,
    },
}

/// Builds the document text: paragraphs on their own lines, sentences separated by a space.
#[derive(Default)]
struct Builder {
    doc: TreebankDoc,
    chars: usize,
    para_start: Option<usize>,
    space_pending: bool,
}

impl Builder {
    fn push_str(&mut self, s: &str) -> Span {
        if self.para_start.is_none() {
            if !self.doc.text.is_empty() {
                self.doc.text.push('\n');
                self.chars += 1;
            }
            self.para_start = Some(self.chars);
        } else if self.space_pending {
            self.doc.text.push(' ');
            self.chars += 1;
        }
        let start = self.chars;
        self.doc.text.push_str(s);
        self.chars += s.chars().count();
        Span::new(start, self.chars)
    }

    fn end_paragraph(&mut self) {
        if let Some(s) = self.para_start.take() {
            self.doc.paragraphs.push(Span::new(s, self.chars));
        }
        self.space_pending = false;
    }
}

/// A word line of the sentence being read (heads still sentence-relative).
struct RawWord {
    span: Span,
    form: String,
    upos: String,
    lemma: String,
    head: usize,
    deprel: String,
}

fn space_after(misc: &str) -> bool {
    !misc.split('|').any(|m| m == "SpaceAfter=No")
}

/// Parses a CoNLL-U file into documents (split at `# newdoc`; a file without it is one document).
pub fn parse(src: &str, path: &Path) -> Result<Vec<TreebankDoc>, TreebankError> {
    let mut docs = Vec::new();
    let mut b = Builder::default();
    let mut sent: Vec<RawWord> = Vec::new();
    // A multi-word token being spread over its words: (last word id, surface, surface span, chars used).
    let mut mwt: Option<(usize, Span, String, usize)> = None;
    let fail = |line: usize, what: &str| TreebankError::Format {
        path: path.to_path_buf(),
        line,
        what: what.to_string(),
    };
    let flush_sentence = |b: &mut Builder, sent: &mut Vec<RawWord>| {
        if sent.is_empty() {
            return;
        }
        let base = b.doc.words.len();
        for w in sent.drain(..) {
            b.doc.words.push(GoldWord {
                span: w.span,
                form: w.form,
                upos: w.upos,
                lemma: w.lemma,
                head: (w.head > 0).then(|| base + w.head - 1),
                deprel: w.deprel,
            });
        }
        b.doc.sentences.push(base..b.doc.words.len());
        b.space_pending = true;
    };
    for (ln, line) in src.lines().enumerate() {
        let ln = ln + 1;
        if line.is_empty() {
            flush_sentence(&mut b, &mut sent);
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim();
            if let Some(id) = c.strip_prefix("newdoc id =").or(c.strip_prefix("newdoc")) {
                flush_sentence(&mut b, &mut sent);
                b.end_paragraph();
                let done = std::mem::take(&mut b);
                if !done.doc.words.is_empty() {
                    docs.push(done.doc);
                }
                b.doc.id = id.trim().to_string();
            } else if c.starts_with("newpar") && !c.starts_with("newpar_") {
                flush_sentence(&mut b, &mut sent);
                b.end_paragraph();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(fail(ln, "not 10 tab-separated columns"));
        }
        let id = cols[0];
        if id.contains('.') {
            continue; // empty node (enhanced graphs only)
        }
        if let Some((a, z)) = id.split_once('-') {
            let z: usize = z.parse().map_err(|_| fail(ln, "bad token range"))?;
            let _: usize = a.parse().map_err(|_| fail(ln, "bad token range"))?;
            let span = b.push_str(cols[1]);
            b.space_pending = space_after(cols[9]);
            mwt = Some((z, span, cols[1].to_string(), 0));
            continue;
        }
        let n: usize = id.parse().map_err(|_| fail(ln, "bad word id"))?;
        if n != sent.len() + 1 {
            return Err(fail(ln, "word ids out of order"));
        }
        let head: usize = cols[6].parse().map_err(|_| fail(ln, "bad head"))?;
        let span = match &mut mwt {
            Some((last, whole, surface, used)) if n <= *last => {
                // The word's part of the surface form, when the parts spell it; the
                // last word takes what is left.
                let rest: String = surface.chars().skip(*used).collect();
                let k = cols[1].chars().count();
                let s = if rest.to_lowercase().starts_with(&cols[1].to_lowercase()) {
                    let start = whole.start + *used;
                    *used += k;
                    let end = if n == *last { whole.end } else { start + k };
                    Span::new(start, end)
                } else {
                    *whole
                };
                if n == *last {
                    mwt = None;
                }
                s
            }
            _ => {
                let s = b.push_str(cols[1]);
                b.space_pending = space_after(cols[9]);
                s
            }
        };
        let deprel = cols[7].split(':').next().unwrap_or("").to_string();
        sent.push(RawWord {
            span,
            form: cols[1].to_string(),
            upos: cols[3].to_string(),
            lemma: cols[2].to_string(),
            head,
            deprel,
        });
    }
    flush_sentence(&mut b, &mut sent);
    b.end_paragraph();
    if !b.doc.words.is_empty() {
        docs.push(b.doc);
    }
    for d in &docs {
        for (i, s) in d.sentences.iter().enumerate() {
            if d.words[s.clone()]
                .iter()
                .any(|w| w.head.is_some_and(|h| h >= s.end || h < s.start))
            {
                return Err(fail(
                    0,
                    &format!("sentence {i} of {} has a head outside it", d.id),
                ));
            }
        }
    }
    Ok(docs)
}

/// Reads one CoNLL-U file.
pub fn read_file(path: &Path) -> Result<Vec<TreebankDoc>, TreebankError> {
    let src = std::fs::read_to_string(path).map_err(|source| TreebankError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut docs = parse(&src, path)?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("doc");
    for (i, d) in docs.iter_mut().enumerate() {
        if d.id.is_empty() {
            d.id = format!("{stem}-{i}");
        }
    }
    Ok(docs)
}

/// The `.conllu` files of a folder, sorted by name (the order the GUM split counts in).
pub fn list(dir: &Path) -> Result<Vec<PathBuf>, TreebankError> {
    use crate::corpus::{files_under, Depth};
    Ok(files_under(dir, ".conllu", Depth::Flat)?)
}

/// Every document of the `.conllu` files of `dir` (GUM's `dep/` folder, or a folder
/// holding it) whose file index (in name order) the split keeps: the same document split
/// as the NER model's ([`crate::corpus::Split`]).
pub fn read_split(
    dir: &Path,
    split: crate::corpus::Split,
) -> Result<Vec<TreebankDoc>, TreebankError> {
    let dir = if dir.join("dep").is_dir() {
        dir.join("dep")
    } else {
        dir.to_path_buf()
    };
    let mut out = Vec::new();
    for (i, f) in list(&dir)?.iter().enumerate() {
        if split.keeps(i) {
            out.extend(read_file(f)?);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiword_tokens_split_their_surface_and_text_is_rebuilt() {
        let src = "# newdoc id = d1\n# newpar\n\
1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n\
1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n\n\
# newpar\n\
1\tNo\tno\tINTJ\tUH\t_\t0\tdiscourse:x\t_\t_\n\n";
        let docs = parse(src, Path::new("t.conllu")).unwrap();
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.text, "I don't know. Yes\nNo");
        let chars: Vec<char> = d.text.chars().collect();
        let words: Vec<String> = d
            .words
            .iter()
            .map(|w| chars[w.span.start..w.span.end].iter().collect())
            .collect();
        assert_eq!(words, vec!["I", "do", "n't", "know", ".", "Yes", "No"]);
        // Heads: sentence-relative 1-based → document index.
        assert_eq!(d.words[0].head, Some(3));
        assert_eq!(d.words[3].head, None);
        assert_eq!(d.words[5].head, None);
        assert_eq!(d.words[6].deprel, "discourse");
        assert_eq!(d.sentences, vec![0..5, 5..6, 6..7]);
        assert_eq!(d.paragraphs, vec![Span::new(0, 17), Span::new(18, 20)]);
    }

    #[test]
    fn malformed_lines_are_errors_not_panics() {
        for bad in [
            "1\tx\n",
            "a\tb\tc\td\te\tf\tg\th\ti\tj\n",
            "2\tx\tx\tX\tX\t_\t0\troot\t_\t_\n",
        ] {
            assert!(parse(bad, Path::new("b")).is_err(), "{bad:?}");
        }
    }
}
