//! The content of an attribution: where it starts after its cue (past addressees and
//! modifiers, at "that") and where it ends.

use super::cue::{according_at, cue_at, verb_use};
use super::{is_aux, is_boundary};
use crate::lexicon::Form;
use crate::text::{Kind, Tok};
use crate::words::{is, WordClass};

/// Addressee and modifiers after a cue, skipped before the content: "told reporters
/// at the White House that ...", "said on Tuesday that ...". Returns where the content
/// starts (at "that" when found within reach), else `None`.
pub(super) fn skip_to_that(toks: &[Tok], from: usize, hi: usize) -> Option<usize> {
    let mut j = from;
    while j < hi && j < from + 13 {
        let t = &toks[j];
        if t.is_word() && t.lower == "that" {
            return Some(j);
        }
        // only modifiers and addressees may stand between the cue and "that"
        if t.is_word() && !t.cap && !skippable(&t.lower) {
            return None;
        }
        if t.is_quote() || t.is_sentence_punct() || t.is_punct(';') || t.is_punct(':') {
            return None;
        }
        if t.is_word() && cue_at(toks, j).is_some() {
            return None;
        }
        // "contradicted Trump's assertion that ...": the clause belongs to a noun
        if t.kind == Kind::Possessive || (t.is_word() && is_content_noun(&t.lower)) {
            return None;
        }
        j += 1;
    }
    None
}

/// Words of a modifier or addressee between a cue and its "that" clause ("told
/// reporters at a campaign stop on Tuesday that").
pub(super) fn skippable(w: &str) -> bool {
    w.ends_with("ly")
        || w.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        || is(w, WordClass::Skippable)
}

/// Nouns that report a statement when a possessor holds them ("Trump's claim that").
pub(super) fn claim_noun_cue(w: &str) -> bool {
    is(w, WordClass::HeldClaimNoun)
}

/// Nouns that take their own "that" clause ("the assertion that ...").
pub(super) fn is_content_noun(w: &str) -> bool {
    is(w, WordClass::ContentNoun)
}

/// Where content that starts at `a` ends: the sentence end (before final punctuation),
/// or before ", adding ...", ", according to ...", "; ...".
pub(super) fn content_end(
    toks: &[Tok],
    a: usize,
    hi: usize,
    inside: &[bool],
    used: &[bool],
) -> usize {
    let mut j = a;
    while j < hi {
        let t = &toks[j];
        // another attribution starts here
        if j > a
            && used.get(j).copied().unwrap_or(false)
            && !inside.get(j).copied().unwrap_or(false)
            && !t.is_quote()
        {
            break;
        }
        // `described X as a “disgrace” Wednesday on ...`: a predicative quotation after
        // `as` ends the content (what follows is time, place or a new clause)
        if t.kind == Kind::Close && j > a {
            let mut o = j;
            while o > a && toks[o - 1].kind != Kind::Open {
                o -= 1;
            }
            if o > a + 1 {
                let mut p = o - 2;
                if p > a && matches!(toks[p].lower.as_str(), "a" | "an") {
                    p -= 1;
                }
                let mut n = j + 1;
                if n < hi && toks[n].is_punct(',') {
                    n += 1;
                }
                let tail = n < hi
                    && toks[n].is_word()
                    && is(toks[n].lower.as_str(), WordClass::TimeAfterQuote);
                if tail && p > a && toks[p].is_word() && toks[p].lower == "as" {
                    j += 1;
                    break;
                }
            }
        }
        if inside.get(j).copied().unwrap_or(false) {
            j += 1;
            continue;
        }
        if t.is_punct(';') || ((t.is_punct('—') || t.is_punct('–') || t.is_punct('(')) && j > a)
        {
            break;
        }
        // "... and suggested that ...", "but said ...": a second attribution starts
        if t.is_word() && matches!(t.lower.as_str(), "and" | "but") && j > a {
            let mut k = j + 1;
            while k < hi
                && k < j + 3
                && toks[k].is_word()
                && (is_aux(&toks[k].lower)
                    || toks[k].lower == "he"
                    || toks[k].lower == "she"
                    || toks[k].lower == "they")
            {
                k += 1;
            }
            if cue_at(toks, k).is_some_and(|(c, _)| matches!(c.form, Form::Past | Form::S)) {
                break;
            }
        }
        if t.is_punct(',') || comma_before(toks, j + 1) {
            let mut k = j + 1;
            // a boundary after a closing mark keeps the mark in the content
            let stop = if t.kind == Kind::Close { j + 1 } else { j };
            let pron = |x: usize| {
                x < hi
                    && toks[x].is_word()
                    && matches!(
                        toks[x].lower.as_str(),
                        "he" | "she" | "they" | "we" | "i" | "it"
                    )
            };
            let conj =
                k < hi && toks[k].is_word() && matches!(toks[k].lower.as_str(), "and" | "but");
            // (not right after an opening "that, if elected, he ...")
            let long_enough = words_in(toks, a, j) >= 5;
            if long_enough
                && (pron(k)
                    || (conj
                        && (pron(k + 1) || toks.get(k + 1).is_some_and(|x| x.is_word() && x.cap))))
            {
                j = stop;
                break;
            }
            if k < hi
                && toks[k].is_word()
                && matches!(
                    toks[k].lower.as_str(),
                    "while" | "whereas" | "although" | "though"
                )
            {
                {
                    j = stop;
                    break;
                }
            }
            while k < hi && toks[k].is_word() && is_aux(&toks[k].lower) {
                k += 1;
            }
            if according_at(toks, k) {
                {
                    j = stop;
                    break;
                }
            }
            if let Some((c, _)) = cue_at(toks, k) {
                if c.form == Form::Ing {
                    {
                        j = stop;
                        break;
                    }
                }
            }
            // `,” one of the prosecutors said ...`: a new attribution after a quotation
            if t.kind == Kind::Close {
                let mut x = k;
                while x < hi
                    && x < k + 10
                    && (toks[x].is_word() || toks[x].kind == Kind::Possessive)
                {
                    if cue_at(toks, x).is_some_and(|(c, _)| {
                        matches!(c.form, Form::Past | Form::S) && verb_use(toks, x, k, c)
                    }) && x > k
                    {
                        break;
                    }
                    x += 1;
                }
                if x < hi && x < k + 10 && toks[x].is_word() && x > k {
                    j = stop;
                    break;
                }
            }
            // ", he said." / ", officials said, ..." trailing parenthetical source
            if let Some(e) = trailing_source_cue(toks, k, hi) {
                let _ = e;
                {
                    j = stop;
                    break;
                }
            }
        }
        j += 1;
    }
    // drop final sentence punctuation (keep closing quote marks)
    let mut e = j;
    while e > a && (toks[e - 1].is_sentence_punct() || toks[e - 1].is_punct(',')) {
        e -= 1;
    }
    e
}

/// Does a comma end just before `b` (`,` or `,”`)?
pub(super) fn comma_before(toks: &[Tok], b: usize) -> bool {
    b >= 1
        && (toks[b - 1].is_punct(',')
            || (toks[b - 1].kind == Kind::Close && b >= 2 && toks[b - 2].is_punct(',')))
}

/// At `k`: "SRC CUE" followed by sentence end or a comma (a parenthetical attribution).
/// Returns the cue's start index.
pub(super) fn trailing_source_cue(toks: &[Tok], k: usize, hi: usize) -> Option<usize> {
    let mut j = k;
    while j < hi && j < k + 8 {
        if let Some((c, ce)) = cue_at(toks, j) {
            if j == k || matches!(c.form, Form::Ing) {
                return None;
            }
            let after = toks.get(ce);
            let ends = ce >= hi
                || after.is_some_and(|t| {
                    t.is_sentence_punct() || t.is_punct(',') || t.kind == Kind::Break
                });
            return ends.then_some(j);
        }
        let t = &toks[j];
        if !(t.is_word() || t.kind == Kind::Possessive) || is_boundary(&t.lower) {
            return None;
        }
        j += 1;
    }
    None
}

pub(super) fn words_in(toks: &[Tok], a: usize, b: usize) -> usize {
    toks[a.min(b)..b].iter().filter(|t| t.is_word()).count()
}
