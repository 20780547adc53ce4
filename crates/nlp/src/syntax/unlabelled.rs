//! The unlabelled text word clusters are learned from (`newsgraph train clusters`):
//! sentences of cluster keys (`words::normalise_cased`) read from treebank forms, from
//! page texts (JSON files with a `ground_truth.main_content` string, as the WCXB
//! extraction set has; tokenised by `segment`, a line a sentence) and from
//! token-per-line CoNLL files (first column; a blank line ends a sentence).

use super::conllu::{self, TreebankDoc, TreebankError};
use super::words::normalise_cased;
use crate::corpus::{files_under, Depth};
use std::path::{Path, PathBuf};

/// Reading and walking errors are the treebank reader's.
#[derive(Debug, thiserror::Error)]
pub enum UnlabelledError {
    #[error(transparent)]
    Treebank(#[from] TreebankError),
    #[error("{path}: not a page JSON file: {source}")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
}

fn read(path: &Path) -> Result<String, UnlabelledError> {
    std::fs::read_to_string(path).map_err(|source| {
        TreebankError::Io {
            path: path.to_path_buf(),
            source,
        }
        .into()
    })
}

fn key(w: &str, buf: &mut String) -> String {
    normalise_cased(w, buf);
    buf.clone()
}

/// The sentences of treebank documents (their word forms).
pub fn from_treebank(docs: &[TreebankDoc], out: &mut Vec<Vec<String>>) {
    let mut buf = String::new();
    for d in docs {
        for r in &d.sentences {
            out.push(
                d.words[r.clone()]
                    .iter()
                    .map(|w| key(&w.form, &mut buf))
                    .collect(),
            );
        }
    }
}

/// The lines of the `main_content` of every `.json` page file under `dir`.
pub fn from_pages(dir: &Path, out: &mut Vec<Vec<String>>) -> Result<usize, UnlabelledError> {
    let lex = crate::lexicon::Lexicons::get();
    let mut buf = String::new();
    let files = files_under(dir, ".json", Depth::Recursive).map_err(TreebankError::from)?;
    for f in &files {
        let v: serde_json::Value =
            serde_json::from_str(&read(f)?).map_err(|source| UnlabelledError::Json {
                path: f.clone(),
                source,
            })?;
        let text = v
            .pointer("/ground_truth/main_content")
            .and_then(|t| t.as_str())
            .unwrap_or("");
        for line in text.lines() {
            let s: Vec<String> = crate::segment::tokenize(line, lex)
                .into_iter()
                .filter_map(|r| line.get(r))
                .map(|w| key(w, &mut buf))
                .collect();
            if !s.is_empty() {
                out.push(s);
            }
        }
    }
    Ok(files.len())
}

/// The sentences of a token-per-line CoNLL file (the first column of each line).
pub fn from_conll(path: &Path, out: &mut Vec<Vec<String>>) -> Result<(), UnlabelledError> {
    let mut buf = String::new();
    let mut s = Vec::new();
    for line in read(path)?.lines() {
        match line.split_whitespace().next() {
            Some(w) if !line.starts_with("-DOCSTART-") => s.push(key(w, &mut buf)),
            _ if !s.is_empty() => out.push(std::mem::take(&mut s)),
            _ => {}
        }
    }
    if !s.is_empty() {
        out.push(s);
    }
    Ok(())
}

/// Treebank sentences of a `.conllu` file, or of GUM's train split for a folder.
pub fn from_conllu(path: &Path, out: &mut Vec<Vec<String>>) -> Result<(), UnlabelledError> {
    let docs = if path.is_dir() {
        conllu::read_split(path, crate::corpus::Split::Train)?
    } else {
        conllu::read_file(path)?
    };
    from_treebank(&docs, out);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conll_columns_and_page_lines_become_sentences() {
        let dir = std::env::temp_dir().join(format!("ng-unlabelled-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let conll = dir.join("a.conll");
        std::fs::write(&conll, "-DOCSTART- O\n\nMillions O\nof O\n\nThe B-ORG\n").unwrap();
        let page = dir.join("p.json");
        std::fs::write(
            &page,
            r#"{"ground_truth": {"main_content": "It rained in 2004.\n\nThen it stopped."}}"#,
        )
        .unwrap();
        let mut out = Vec::new();
        from_conll(&conll, &mut out).unwrap();
        assert_eq!(out, vec![vec!["Millions", "of"], vec!["The"]]);
        out.clear();
        assert_eq!(from_pages(&dir, &mut out).unwrap(), 1);
        assert_eq!(out[0], vec!["It", "rained", "in", "0000", "."]);
        assert_eq!(out[1], vec!["Then", "it", "stopped", "."]);
        std::fs::write(&page, "not json").unwrap();
        let err = from_pages(&dir, &mut out).unwrap_err().to_string();
        assert!(err.contains("p.json"), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
