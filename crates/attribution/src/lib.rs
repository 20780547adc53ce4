//! Who said what: direct, indirect and mixed quotes tied to their speakers, and the
//! claims an article reports with the stances (assert, deny, doubt) toward them.
//!
//! The stage is rule-based over its own light tokenization (see `text`): quotation
//! marks are paired into stretches, a stretch that stands as a quotation is attributed
//! from the cue clause next to it (`find::direct`), then every sentence is scanned for
//! reporting cues with a source and a content (`find::indirect`). Speakers are resolved
//! to entities through `article.entities` mentions, pronouns and descriptions
//! (`speaker`), venue and time come from the cue clause (`venue`). Claims and denials
//! are derived from the quotes and from claim nouns (`claims`).
//!
//! All spans written are in Unicode code points; no input can make the stage panic.

mod claims;
mod find;
mod lexicon;
mod speaker;
mod text;
mod venue;
mod words;

use newsgraph_model::{Article, CharIndex, Quote, Span};

pub use claims::claims;

/// Fills `quotes` (uses entities for speakers and times for `when` when present).
pub fn quotes(article: &mut Article) {
    let found = analyse(&article.text);
    let ix = CharIndex::new(&article.text);
    let resolver = speaker::Resolver::new(article);
    // Times by start (stable: text order kept), for each quote's date lookup.
    let mut times: Vec<&newsgraph_model::Time> = article.times.iter().collect();
    times.sort_by_key(|t| t.span.start);
    let mut out = Vec::with_capacity(found.attrs.len());
    for a in &found.attrs {
        let toks = &found.toks;
        let span_of = |r: (usize, usize)| -> Option<Span> {
            if r.1 <= r.0 || r.1 > toks.len() {
                return None;
            }
            Some(ix.span(toks[r.0].start..toks[r.1 - 1].end))
        };
        // content spans: direct quotes without their outer marks
        let mut parts: Vec<Span> = Vec::new();
        for &(p0, p1) in &a.parts {
            let (mut p0, mut p1) = (p0, p1);
            if a.kind == newsgraph_model::QuoteKind::Direct {
                if p0 < p1 && toks[p0].kind == text::Kind::Open {
                    p0 += 1;
                }
                if p1 > p0 && toks[p1 - 1].kind == text::Kind::Close {
                    p1 -= 1;
                }
            }
            if let Some(s) = span_of((p0, p1)) {
                parts.push(s);
            }
        }
        let (Some(first), Some(last)) = (parts.first().copied(), parts.last().copied()) else {
            continue;
        };
        let span = Span::new(first.start, last.end.max(first.start));
        let text = parts
            .iter()
            .map(|p| slice(&article.text, &ix, *p))
            .collect::<Vec<_>>()
            .join(" ");
        let speaker_span = a.source.and_then(span_of);
        let speaker_text = speaker_span.map(|s| slice(&article.text, &ix, s).to_string());
        let cue_span = a.cue.and_then(span_of);
        let speaker =
            speaker_span.and_then(|s| resolver.resolve(s, speaker_text.as_deref().unwrap_or("")));
        let clause = span_of(a.clause).unwrap_or(span);
        let venue = venue::venue(toks, a, &article.text);
        let when = cue_span.and_then(|c| venue::when(&times, clause, &parts, c));
        out.push(Quote {
            id: String::new(),
            kind: a.kind,
            text,
            span,
            speaker,
            speaker_text,
            cue: cue_span.map(|c| slice(&article.text, &ix, c).to_string()),
            cue_span,
            venue,
            when,
            speaker_span,
            parts: if parts.len() > 1 { parts } else { Vec::new() },
            cue_lemma: a.cue_lemma.clone(),
        });
    }
    out.sort_by_key(|q| (q.span.start, q.span.end));
    for (i, q) in out.iter_mut().enumerate() {
        q.id = format!("q{}", i + 1);
    }
    article.quotes = out;
}

fn slice<'a>(text: &'a str, ix: &CharIndex, s: Span) -> &'a str {
    text.get(ix.bytes(s)).unwrap_or("")
}

/// Longest stretch of tokens the indirect pass reads as one sentence.
const MAX_SENTENCE_TOKENS: usize = 600;

/// The token-level analysis of a text, shared by quotes and claims.
pub(crate) struct Analysis {
    pub toks: std::rc::Rc<Vec<text::Tok>>,
    pub attrs: Vec<find::Attr>,
}

pub(crate) fn analyse(s: &str) -> Analysis {
    let toks = text::tokenize_shared(s);
    let st = text::stretches(&toks);
    let inside = text::inside_mask(toks.len(), &st);
    let sents = text::sentences(&toks, &inside, &|j| find::cue_clause_at(&toks, j));
    let mut used = vec![false; toks.len()];
    let mut attrs = find::direct(&toks, &st, &sents, &mut used);
    for &(lo, hi) in &sents {
        // a run-on "sentence" (no punctuation for pages) is read in windows, so every
        // scan stays bounded
        let mut a = lo;
        while a < hi {
            let b = hi.min(a + MAX_SENTENCE_TOKENS);
            find::indirect(&toks, a, b, &inside, &mut used, &mut attrs);
            a = b;
        }
    }
    attrs.sort_by_key(|a| a.start());
    let mut attrs = join_unattributed(&toks, attrs);
    // a short quotation nobody is said to have said is a title or a scare quote
    attrs.retain(|a| {
        a.source.is_some()
            || a.parts
                .iter()
                .map(|p| toks[p.0..p.1].iter().filter(|t| t.is_word()).count())
                .sum::<usize>()
                >= 4
    });
    Analysis { toks, attrs }
}

/// A quotation left without a cue clause continues the attribution just before it:
/// it joins that attribution when it follows it in the same paragraph with nothing
/// but punctuation between, and takes its speaker when it opens the next paragraph.
fn join_unattributed(toks: &[text::Tok], attrs: Vec<find::Attr>) -> Vec<find::Attr> {
    let extent = |a: &find::Attr| -> usize {
        a.parts
            .iter()
            .map(|p| p.1)
            .chain(a.source.map(|s| s.1))
            .chain(a.cue.map(|c| c.1))
            .max()
            .unwrap_or(0)
    };
    let mut out: Vec<find::Attr> = Vec::with_capacity(attrs.len());
    for a in attrs {
        let orphan = a.source.is_none() && a.kind == newsgraph_model::QuoteKind::Direct;
        if let (true, Some(prev)) = (orphan, out.last_mut()) {
            let open = a.start();
            let end = extent(prev);
            if prev.source.is_some() && end <= open && open - end <= 80 {
                let gap = &toks[end..open];
                let breaks = gap.iter().filter(|t| t.kind == text::Kind::Break).count();
                // “A,” he added on Twitter. “B.” — a short modifier may sit in between
                let short_tail = gap.len() <= 12
                    && gap
                        .last()
                        .is_some_and(|t| t.is_sentence_punct() || t.is_punct(','))
                    && !gap
                        .iter()
                        .enumerate()
                        .any(|(k, t)| t.is_quote() || find::cue_at(toks, end + k).is_some());
                if breaks == 0 && (gap.iter().all(|t| !t.is_word()) || short_tail) {
                    prev.parts.extend(a.parts.iter().copied());
                    continue;
                }
                let opens_par = open > 0 && toks[open - 1].kind == text::Kind::Break;
                if breaks == 1
                    && opens_par
                    && gap
                        .iter()
                        .skip_while(|t| t.kind != text::Kind::Break)
                        .all(|t| !t.is_word())
                {
                    let mut a = a;
                    a.source = prev.source;
                    out.push(a);
                    continue;
                }
            }
        }
        out.push(a);
    }
    out
}

#[cfg(test)]
mod first_user_tests;
#[cfg(test)]
mod tests;
