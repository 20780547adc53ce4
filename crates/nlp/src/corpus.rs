//! Readers for the entity gold corpora (GUM `.conllu` with `Entity=` annotations and
//! MEANTIME NAF-style XML), shared by `newsgraph train ner` and `newsgraph eval entities`.
//!
//! Both readers rebuild the document's running text (GUM from `SpaceAfter=No`, MEANTIME by
//! detokenising) laid out as an [`Article`] would be (one block per line), and give gold
//! mentions as code-point spans into that text.
//!
//! Mentions kept: names of persons, organisations and places. GUM marks every mention
//! (pronouns and descriptions too); a mention counts as a *name* when, after a leading
//! determiner, it is made of proper nouns (with inner `of`, `and`, `-`...). Mentions that
//! are names of other kinds, or names without a Wikipedia identity when `identity_only`,
//! are returned as `dont_care`: a prediction there is neither right nor wrong.

pub mod cat;
pub mod conll;

use newsgraph_model::{BlockKind, Span};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Kinds scored and trained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GoldKind {
    Person,
    Organization,
    Place,
}

impl GoldKind {
    pub fn as_str(self) -> &'static str {
        match self {
            GoldKind::Person => "person",
            GoldKind::Organization => "organization",
            GoldKind::Place => "place",
        }
    }
}

/// One gold document.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    pub id: String,
    pub text: String,
    /// Blocks of `text` (the first is the title).
    pub blocks: Vec<(BlockKind, Span)>,
    /// Name mentions to find.
    pub mentions: Vec<(Span, GoldKind)>,
    /// Name mentions of other kinds (or not scored): predictions matching them exactly are ignored.
    pub dont_care: Vec<Span>,
    /// Where the annotation stops (code points), when it covers only the start of the
    /// text: MEANTIME annotates the title, the dateline and the first four sentences
    /// ([`annotated_end`]). Names after it are neither gold nor wrong, and training
    /// learns nothing from the text after it (it would learn that names there are none).
    pub annotated_end: Option<usize>,
}

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("reading {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Cat {
        path: PathBuf,
        #[source]
        source: cat::CatError,
    },
}

fn read(path: &Path) -> Result<String, CorpusError> {
    std::fs::read_to_string(path).map_err(|source| CorpusError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// How deep [`files_under`] looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// The folder's own files.
    Flat,
    /// The folder and every folder below it.
    Recursive,
}

/// The files under `dir` whose name ends with `suffix` (`.xml`, `.xml.gz`), sorted by
/// path: the one directory walk every gold reader uses. Symlinks are followed; a folder
/// that cannot be read is an error naming it.
pub fn files_under(dir: &Path, suffix: &str, depth: Depth) -> Result<Vec<PathBuf>, CorpusError> {
    let walk = walkdir::WalkDir::new(dir).follow_links(true);
    let walk = match depth {
        Depth::Flat => walk.max_depth(1),
        Depth::Recursive => walk,
    };
    let mut out = Vec::new();
    for entry in walk {
        let entry = entry.map_err(|e| CorpusError::Io {
            path: e.path().unwrap_or(dir).to_path_buf(),
            source: e.into(),
        })?;
        if entry.file_type().is_file() && entry.file_name().to_string_lossy().ends_with(suffix) {
            out.push(entry.into_path());
        }
    }
    out.sort();
    Ok(out)
}

/// Which documents of a corpus: a fixed document-level split (every fifth document,
/// in file-name order, is held out as `Dev`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    Train,
    Dev,
    All,
}

impl Split {
    pub fn keeps(self, index: usize) -> bool {
        match self {
            Split::All => true,
            Split::Dev => index % 5 == 2,
            Split::Train => index % 5 != 2,
        }
    }
}

/// Builds text + blocks from lines of tokens; returns token char spans. Shared with the
/// other gold readers (the cross-document sets in `newsgraph_eval::registry`).
pub struct TextBuilder {
    text: String,
    chars: usize,
    blocks: Vec<(BlockKind, Span)>,
    block_start: Option<usize>,
    block_kind: BlockKind,
    pending_space: bool,
}

impl Default for TextBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl TextBuilder {
    pub fn new() -> Self {
        TextBuilder {
            text: String::new(),
            chars: 0,
            blocks: Vec::new(),
            block_start: None,
            block_kind: BlockKind::Paragraph,
            pending_space: false,
        }
    }
    /// Starts a new block (line) of `kind` at the next token.
    pub fn new_block(&mut self, kind: BlockKind) {
        self.end_block();
        self.block_kind = kind;
    }
    pub fn end_block(&mut self) {
        if let Some(s) = self.block_start.take() {
            self.blocks
                .push((self.block_kind, Span::new(s, self.chars)));
        }
        self.pending_space = false;
    }
    /// Appends a token; returns its span.
    pub fn token(&mut self, form: &str, space_before: bool) -> Span {
        if self.block_start.is_none() {
            if !self.text.is_empty() {
                self.text.push('\n');
                self.chars += 1;
            }
            self.block_start = Some(self.chars);
        } else if self.pending_space || space_before {
            self.text.push(' ');
            self.chars += 1;
        }
        let form: String = form
            .chars()
            .map(|c| if c.is_whitespace() { '_' } else { c })
            .collect();
        let s = self.chars;
        self.text.push_str(&form);
        self.chars += form.chars().count();
        self.pending_space = false;
        Span::new(s, self.chars)
    }

    /// The text and its blocks (ends the open block).
    pub fn finish(mut self) -> (String, Vec<(BlockKind, Span)>) {
        self.end_block();
        (self.text, self.blocks)
    }
}

pub fn is_det(w: &str) -> bool {
    matches!(w, "the" | "The" | "THE" | "a" | "A" | "an" | "An")
}

fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "and"
            | "&"
            | "-"
            | "de"
            | "del"
            | "della"
            | "la"
            | "le"
            | "du"
            | "von"
            | "van"
            | "der"
            | "den"
            | "the"
            | "for"
            | "on"
            | "upon"
            | "al"
            | "el"
            | "bin"
            | "ibn"
            | "da"
            | "dos"
            | "y"
            | "."
            | "in"
    )
}

pub fn capitalised(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Given the tokens (form, upos) of a mention, the sub-range that is a name, if it is one:
/// leading determiners and a trailing possessive are dropped.
fn name_range(toks: &[(&str, &str)]) -> Option<(usize, usize)> {
    let mut s = 0;
    let mut e = toks.len();
    while s < e && is_det(toks[s].0) {
        s += 1;
    }
    if e > s && matches!(toks[e - 1].0, "'s" | "’s" | "'" | "’") {
        e -= 1;
    }
    if s >= e {
        return None;
    }
    let propn = |t: &(&str, &str)| t.1 == "PROPN";
    if !propn(&toks[s])
        || !(propn(&toks[e - 1]) || (capitalised(toks[e - 1].0) && toks[e - 1].1 != "PRON"))
    {
        return None;
    }
    for t in &toks[s..e] {
        let ok = propn(t)
            || (capitalised(t.0)
                && matches!(
                    t.1,
                    "NOUN" | "ADJ" | "NUM" | "X" | "SYM" | "ADP" | "DET" | "VERB" | "CCONJ"
                ))
            || is_connector(t.0);
        if !ok {
            return None;
        }
    }
    Some((s, e))
}

fn gum_kind(etype: &str) -> Option<GoldKind> {
    match etype {
        "person" => Some(GoldKind::Person),
        "organization" => Some(GoldKind::Organization),
        "place" => Some(GoldKind::Place),
        _ => None,
    }
}

/// Reads one GUM `.conllu` file. With `identity_only`, only names with a Wikipedia
/// identity are gold (the others are don't-care); else every person/org/place name is.
pub fn read_gum_file(path: &Path, identity_only: bool) -> Result<GoldDoc, CorpusError> {
    let src = read(path)?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tb = TextBuilder::new();
    let mut tok_spans: Vec<Span> = Vec::new();
    let mut forms: Vec<String> = Vec::new();
    let mut upos: Vec<String> = Vec::new();
    // Open mentions: (entity id, start token, fields).
    let mut open: Vec<(String, usize, Vec<String>)> = Vec::new();
    let mut mentions: Vec<(usize, usize, Vec<String>)> = Vec::new();
    let mut first_par = true;
    let mut space_next = false;
    for line in src.lines() {
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim();
            if c.starts_with("newpar") && !c.starts_with("newpar_block") {
                tb.new_block(if first_par {
                    BlockKind::Title
                } else {
                    BlockKind::Paragraph
                });
                first_par = false;
                space_next = false;
            } else if c.starts_with("sent_id") {
                space_next = tb.block_start.is_some();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 || cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let i = forms.len();
        let span = tb.token(cols[1], space_next);
        space_next = !cols[9].split('|').any(|m| m == "SpaceAfter=No");
        tok_spans.push(span);
        forms.push(cols[1].to_string());
        upos.push(cols[3].to_string());
        let Some(ent) = cols[9].split('|').find_map(|m| m.strip_prefix("Entity=")) else {
            continue;
        };
        let b = ent.as_bytes();
        let mut j = 0;
        while j < b.len() {
            if b[j] == b'(' {
                let mut k = j + 1;
                while k < b.len() && b[k] != b'(' && b[k] != b')' {
                    k += 1;
                }
                let fields: Vec<String> = ent[j + 1..k].split('-').map(str::to_string).collect();
                if k < b.len() && b[k] == b')' {
                    mentions.push((i, i + 1, fields));
                    j = k + 1;
                } else {
                    let key = fields.first().cloned().unwrap_or_default();
                    open.push((key, i, fields));
                    j = k;
                }
            } else if b[j] == b')' {
                j += 1;
            } else {
                let mut k = j;
                while k < b.len() && b[k] != b'(' && b[k] != b')' {
                    k += 1;
                }
                let key = &ent[j..k];
                if k < b.len() && b[k] == b')' {
                    if let Some(pos) = open.iter().rposition(|(kk, _, _)| kk == key) {
                        let (_, st, fields) = open.remove(pos);
                        mentions.push((st, i + 1, fields));
                    }
                    j = k + 1;
                } else {
                    j = k;
                }
            }
        }
    }
    tb.end_block();
    let mut gold = Vec::new();
    let mut dont_care = Vec::new();
    for (st, en, fields) in mentions {
        let toks: Vec<(&str, &str)> = (st..en)
            .map(|t| (forms[t].as_str(), upos[t].as_str()))
            .collect();
        let Some((mut s, e)) = name_range(&toks) else {
            continue;
        };
        // Titles are not part of a person's name ("US President Donald Trump" → "Donald Trump").
        let lex = crate::Lexicons::get();
        let etype = fields.get(1).map(String::as_str).unwrap_or("");
        use crate::lexicon::GazKind as G;
        while etype == "person"
            && s + 1 < e
            && lex
                .kinds(toks[s].0)
                .iter()
                .any(|k| matches!(k, G::Title | G::Role | G::Country | G::Demonym))
            && toks[s + 1].1 == "PROPN"
        {
            s += 1;
        }
        let span = Span::new(tok_spans[st + s].start, tok_spans[st + e - 1].end);
        let has_identity = fields.len() >= 8 && !fields[7].is_empty();
        match gum_kind(etype) {
            Some(k) if has_identity || !identity_only => gold.push((span, k)),
            _ => dont_care.push(span),
        }
    }
    gold.sort_by_key(|g| (g.0, g.1));
    gold.dedup_by_key(|g| g.0);
    dont_care.sort();
    dont_care.dedup();
    dont_care.retain(|d| !gold.iter().any(|g| g.0 == *d));
    Ok(GoldDoc {
        id,
        text: tb.text,
        blocks: tb.blocks,
        mentions: gold,
        dont_care,
        annotated_end: None,
    })
}

/// Reads every GUM document of a split under `dir` (its `dep/` folder, or `dir` itself).
pub fn read_gum(
    dir: &Path,
    split: Split,
    identity_only: bool,
) -> Result<Vec<GoldDoc>, CorpusError> {
    let dep = if dir.join("dep").is_dir() {
        dir.join("dep")
    } else {
        dir.to_path_buf()
    };
    let files = files_under(&dep, ".conllu", Depth::Recursive)?;
    let mut out = Vec::new();
    for (i, f) in files.iter().enumerate() {
        if split.keeps(i) {
            out.push(read_gum_file(f, identity_only)?);
        }
    }
    Ok(out)
}

/// Tokens written without a space before them when detokenising.
pub fn no_space_before(w: &str) -> bool {
    matches!(
        w,
        "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "%" | "'s" | "’s" | "n't" | "'" | "..."
    )
}

/// Tokens written without a space after them when detokenising.
pub fn no_space_after(w: &str) -> bool {
    matches!(w, "(" | "[" | "$" | "#" | "US$" | "£" | "€")
}

/// Reads one MEANTIME document.
pub fn read_meantime_file(path: &Path) -> Result<GoldDoc, CorpusError> {
    Ok(read_meantime_instances(path)?.0)
}

/// Reads one MEANTIME document with the corpus-level instance of each gold mention
/// (aligned with `GoldDoc::mentions`): the `instance_id` of the `ENTITY` its `REFERS_TO`
/// relation targets in the cross-document layer, else a document-local id (an entity
/// annotated in this document only).
pub fn read_meantime_instances(path: &Path) -> Result<(GoldDoc, Vec<String>), CorpusError> {
    let src = read(path)?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let doc = cat::parse(&src).map_err(|source| CorpusError::Cat {
        path: path.to_path_buf(),
        source,
    })?;
    // (m_id, syntactic_type, t_ids) of the entity mentions; kind and corpus instance of
    // each entity.
    let mut mentions: Vec<(&str, &str, &[String])> = Vec::new();
    let mut ent_type: HashMap<&str, &str> = HashMap::new();
    let mut instance_of: HashMap<&str, String> = HashMap::new();
    for m in &doc.markables {
        let Some(m_id) = m.attr("m_id") else { continue };
        match m.tag.as_str() {
            "ENTITY_MENTION" => {
                mentions.push((m_id, m.attr("syntactic_type").unwrap_or(""), &m.anchors))
            }
            "ENTITY" => {
                let Some(t) = m.attr("ent_type") else {
                    continue;
                };
                ent_type.insert(m_id, t);
                let inst = m
                    .attr("instance_id")
                    .filter(|i| !i.is_empty())
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("{id}#{m_id}"));
                instance_of.insert(m_id, inst);
            }
            _ => {}
        }
    }
    let refers: Vec<(&[String], &str)> = doc
        .relations
        .iter()
        .filter(|r| r.tag == "REFERS_TO")
        .filter_map(|r| Some((r.sources.as_slice(), r.target.as_deref()?)))
        .collect();
    let layout = meantime_layout(&doc);
    let span_of = &layout.tokens;
    let mut kind_of: HashMap<&str, (&str, &str)> = HashMap::new();
    for (srcs, t) in &refers {
        if let (Some(k), Some(i)) = (ent_type.get(t), instance_of.get(t)) {
            for s in srcs.iter() {
                kind_of.insert(s.as_str(), (*k, i.as_str()));
            }
        }
    }
    let mut gold = Vec::new();
    let mut dont_care = Vec::new();
    for (m, st, tids) in &mentions {
        if *st != "NAM" || tids.is_empty() {
            continue;
        }
        let mut spans: Vec<(Span, &str)> = tids
            .iter()
            .filter_map(|t| span_of.get(t.as_str()).map(|t| (t.span, t.form)))
            .collect();
        spans.sort_by_key(|x| x.0);
        let Some(span) = meantime_name(&spans) else {
            continue;
        };
        let (kind, inst) = kind_of.get(m).copied().unwrap_or(("", ""));
        match kind {
            "PER" => gold.push((span, GoldKind::Person, inst)),
            "ORG" => gold.push((span, GoldKind::Organization, inst)),
            "LOC" => gold.push((span, GoldKind::Place, inst)),
            _ => dont_care.push(span),
        }
    }
    gold.sort_by_key(|g| (g.0, g.1));
    gold.dedup_by_key(|g| g.0);
    let instances: Vec<String> = gold.iter().map(|g| g.2.to_string()).collect();
    let gold: Vec<(Span, GoldKind)> = gold.into_iter().map(|g| (g.0, g.1)).collect();
    dont_care.sort();
    dont_care.dedup();
    dont_care.retain(|d| !gold.iter().any(|g| g.0 == *d));
    let annotated_end = annotated_end(&doc, &layout);
    Ok((
        GoldDoc {
            id,
            text: layout.text,
            blocks: layout.blocks,
            mentions: gold,
            dont_care,
            annotated_end,
        },
        instances,
    ))
}

/// Where a MEANTIME document's annotation stops: the end of the last sentence any
/// markable (entity, event, time, value) is anchored in. MEANTIME annotates sentences 0–5
/// only (title, dateline, four body sentences; 59 of the 60 English documents, the other
/// one sentence 6), so the names after them are not marked however many there are.
/// `None` when nothing is anchored or the annotation reaches the last sentence.
fn annotated_end(doc: &cat::CatDoc, layout: &MeantimeText) -> Option<usize> {
    let sentence = |t: &LaidToken| t.sentence.parse::<usize>().ok();
    let last = doc
        .markables
        .iter()
        .flat_map(|m| &m.anchors)
        .filter_map(|a| layout.tokens.get(a.as_str()).and_then(sentence))
        .max()?;
    let end = layout
        .tokens
        .values()
        .filter(|t| sentence(t).is_some_and(|s| s <= last))
        .map(|t| t.span.end)
        .max()?;
    (end < layout.text.chars().count()).then_some(end)
}

/// A MEANTIME document laid out as an article would be, shared by every MEANTIME gold
/// reader (entities here, TIMEX3 and VALUE markables in `newsgraph_eval::times`).
pub struct MeantimeText<'a> {
    pub text: String,
    pub blocks: Vec<(BlockKind, Span)>,
    /// Each token by `t_id`: its span in `text`, form and sentence number.
    pub tokens: HashMap<&'a str, LaidToken<'a>>,
}

/// A token of a [`MeantimeText`].
#[derive(Debug, Clone, Copy)]
pub struct LaidToken<'a> {
    pub span: Span,
    pub form: &'a str,
    pub sentence: &'a str,
}

/// Lays out the tokens of a MEANTIME document: sentence 0 is the title, sentence 1 the
/// dateline, the rest one paragraph; tokens are joined with light detokenisation.
pub fn meantime_layout(doc: &cat::CatDoc) -> MeantimeText<'_> {
    let mut tb = TextBuilder::new();
    let mut tokens: HashMap<&str, LaidToken> = HashMap::new();
    let mut last_sent = "";
    let mut prev_form = "";
    let mut dq_open = false;
    for t in &doc.tokens {
        let (form, s) = (t.form.as_str(), t.sentence.as_str());
        if t.t_id.is_empty() || s.is_empty() {
            continue;
        }
        if s != last_sent {
            let n: usize = s.parse().unwrap_or(0);
            if n <= 2 {
                tb.new_block(if n == 0 {
                    BlockKind::Title
                } else {
                    BlockKind::Paragraph
                });
                prev_form = "";
            }
            last_sent = s;
        }
        let mut space = !no_space_before(form) && !no_space_after(prev_form);
        if form == "\"" {
            if dq_open {
                space = false;
            }
            dq_open = !dq_open;
        } else if prev_form == "\"" && dq_open {
            space = false;
        }
        let span = tb.token(form, space);
        tokens.insert(
            &t.t_id,
            LaidToken {
                span,
                form,
                sentence: s,
            },
        );
        prev_form = form;
    }
    tb.end_block();
    let (text, blocks) = tb.finish();
    MeantimeText {
        text,
        blocks,
        tokens,
    }
}

/// The name proper inside a MEANTIME `NAM` extent, whose extents include pre-modifiers
/// ("United States airframer Boeing", "Spokeswoman Sandy Angers"): the last run of
/// capitalised tokens (with inner `of`, `and`, `&`, `-`...), without leading titles or
/// roles, a leading `The` or a trailing possessive.
fn meantime_name(toks: &[(Span, &str)]) -> Option<Span> {
    let lex = crate::Lexicons::get();
    let mut e = toks.len();
    while e > 0 && !capitalised(toks[e - 1].1) {
        e -= 1;
    }
    if e == 0 {
        let (f, l) = (toks.first()?, toks.last()?);
        return Some(Span::new(f.0.start, l.0.end));
    }
    let mut s = e - 1;
    while s > 0
        && (capitalised(toks[s - 1].1)
            || (is_connector(toks[s - 1].1) && s >= 2 && capitalised(toks[s - 2].1)))
    {
        s -= 1;
    }
    while s + 1 < e
        && (is_det(toks[s].1)
            || lex.kinds(toks[s].1).iter().any(|k| {
                matches!(
                    k,
                    crate::lexicon::GazKind::Title | crate::lexicon::GazKind::Role
                )
            }))
    {
        s += 1;
    }
    Some(Span::new(toks[s].0.start, toks[e - 1].0.end))
}

/// Reads every MEANTIME document under `dir` (recursively, file-name order) with the
/// corpus-level instance of each gold mention (see [`read_meantime_instances`]).
pub fn read_meantime_crossdoc(dir: &Path) -> Result<Vec<(GoldDoc, Vec<String>)>, CorpusError> {
    files_under(dir, ".xml", Depth::Recursive)?
        .iter()
        .map(|f| read_meantime_instances(f))
        .collect()
}

/// Reads every MEANTIME document of a split with its topic (the name of the folder it is
/// in, `corpus_airbus`); the split is the same as [`read_meantime`]'s.
pub fn read_meantime_topics(
    dir: &Path,
    split: Split,
) -> Result<Vec<(String, GoldDoc)>, CorpusError> {
    let files = files_under(dir, ".xml", Depth::Recursive)?;
    let mut out = Vec::new();
    for (i, f) in files.iter().enumerate() {
        if split.keeps(i) {
            let topic = f
                .parent()
                .and_then(|p| p.file_name())
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.push((topic, read_meantime_file(f)?));
        }
    }
    Ok(out)
}

/// Reads every MEANTIME document of a split under `dir` (recursively).
pub fn read_meantime(dir: &Path, split: Split) -> Result<Vec<GoldDoc>, CorpusError> {
    let files = files_under(dir, ".xml", Depth::Recursive)?;
    let mut out = Vec::new();
    for (i, f) in files.iter().enumerate() {
        if split.keeps(i) {
            out.push(read_meantime_file(f)?);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_drop_determiners_and_reject_descriptions() {
        assert_eq!(
            name_range(&[("the", "DET"), ("UK", "PROPN"), ("'s", "PART")]),
            Some((1, 2))
        );
        assert_eq!(name_range(&[("She", "PRON")]), None);
        assert_eq!(
            name_range(&[("an", "DET"), ("Iraqi", "ADJ"), ("architect", "NOUN")]),
            None
        );
        assert_eq!(
            name_range(&[
                ("Royal", "PROPN"),
                ("Institute", "PROPN"),
                ("of", "ADP"),
                ("British", "ADJ"),
                ("Architects", "PROPN")
            ]),
            Some((0, 5))
        );
    }

    #[test]
    fn meantime_annotation_ends_with_its_last_annotated_sentence() {
        // Sentences 0-2 are annotated (Boeing, Alan Mulally); sentence 3 names Airbus
        // unmarked, as MEANTIME leaves every sentence after its first ones.
        let xml = r#"<?xml version="1.0" ?><Document doc_name="d">
<token t_id="1" sentence="0" number="0">Boeing</token>
<token t_id="2" sentence="0" number="1">wins</token>
<token t_id="3" sentence="1" number="2">May</token>
<token t_id="4" sentence="1" number="3">1</token>
<token t_id="5" sentence="2" number="4">Alan</token>
<token t_id="6" sentence="2" number="5">Mulally</token>
<token t_id="7" sentence="2" number="6">spoke</token>
<token t_id="8" sentence="2" number="7">.</token>
<token t_id="9" sentence="3" number="8">Airbus</token>
<token t_id="10" sentence="3" number="9">lost</token>
<token t_id="11" sentence="3" number="10">.</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM"><token_anchor t_id="5"/><token_anchor t_id="6"/></ENTITY_MENTION>
<ENTITY m_id="3" ent_type="ORG" instance_id="Boeing"/>
<ENTITY m_id="4" ent_type="PER" instance_id="Mulally"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><target m_id="3"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="2"/><target m_id="4"/></REFERS_TO>
</Relations></Document>"#;
        let dir = std::env::temp_dir().join(format!("ng-meantime-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("d.xml");
        std::fs::write(&f, xml).unwrap();
        let d = read_meantime_file(&f).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        let end = d.annotated_end.expect("the last sentence is not annotated");
        let t: String = d.text.chars().take(end).collect();
        assert!(t.ends_with("Alan Mulally spoke."), "{t:?}");
        assert_eq!(d.mentions.len(), 2);
        // Unmarked names after the annotation are neither right nor wrong; before it, a
        // name that is not gold is a false positive.
        let at = |w: &str| {
            let s = d.text.find(w).unwrap();
            let s = d.text[..s].chars().count();
            Span::new(s, s + w.chars().count())
        };
        let c = crate::score::score_doc(
            &d,
            &[
                (at("Airbus"), GoldKind::Organization),
                (at("wins"), GoldKind::Organization),
            ],
        );
        assert_eq!(c[&GoldKind::Organization].fp, 1);
        assert_eq!(c[&GoldKind::Organization].fn_, 1);
    }

    #[test]
    fn gum_fixture_rebuilds_text_and_mentions() {
        let dir = std::env::temp_dir().join(format!("ng-gum-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("GUM_news_x.conllu");
        let conll = "# newpar\n# sent_id = x-1\n\
1\tKim\tKim\tPROPN\tNNP\t_\t0\troot\t_\tEntity=(1-person-new-x-x-1-coref-Kim_Lee\n\
2\tLee\tLee\tPROPN\tNNP\t_\t1\tflat\t_\tEntity=1)|SpaceAfter=No\n\
3\t's\t's\tPART\tPOS\t_\t1\tcase\t_\t_\n\
4\tvisit\tvisit\tNOUN\tNN\t_\t1\tx\t_\t_\n\
5\tto\tto\tADP\tIN\t_\t1\tx\t_\t_\n\
6\tthe\tthe\tDET\tDT\t_\t1\tx\t_\tEntity=(2-place-new-x-x-1-coref\n\
7\tUK\tUK\tPROPN\tNNP\t_\t1\tx\t_\tEntity=2)\n\n\
# newpar\n# sent_id = x-2\n\
1\tShe\tshe\tPRON\tPRP\t_\t0\troot\t_\tEntity=(1-person-giv-x-x-1-coref-Kim_Lee)\n";
        std::fs::write(&f, conll).unwrap();
        let d = read_gum_file(&f, true).unwrap();
        assert_eq!(d.text, "Kim Lee's visit to the UK\nShe");
        let t: Vec<char> = d.text.chars().collect();
        let g: Vec<String> = d
            .mentions
            .iter()
            .map(|(s, _)| t[s.start..s.end].iter().collect())
            .collect();
        assert_eq!(g, vec!["Kim Lee"]);
        assert_eq!(d.dont_care.len(), 1); // "UK": a name without identity
        let d = read_gum_file(&f, false).unwrap();
        assert_eq!(d.mentions.len(), 2);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
