//! Reporting cues in the token stream: where a cue word stands, whether it is used as
//! a verb, and whether a short attribution clause ("Maher replied") starts at a token.

use super::{is_aux, is_boundary, is_determiner};
use crate::lexicon::{lexicon, Cue, Form};
use crate::text::{Kind, Tok};
use crate::words::{is, WordClass};

/// The cue starting at token `i`, with the exclusive end of its tokens.
pub(crate) fn cue_at(toks: &[Tok], i: usize) -> Option<(&'static Cue, usize)> {
    let t = toks.get(i)?;
    if !t.is_word() {
        return None;
    }
    // a capitalised cue word inside a sentence is a name ("the United States")
    if t.cap && i > 0 && toks[i - 1].is_word() && toks[i - 1].cap {
        return None;
    }
    let cands = lexicon().cues.get(t.lower.as_str())?;
    'c: for c in cands {
        let mut j = i + 1;
        for w in &c.rest {
            match toks.get(j) {
                Some(x) if x.is_word() && &x.lower == w => j += 1,
                _ => continue 'c,
            }
        }
        return Some((c, j));
    }
    None
}

/// A short attribution clause at `j`: "Maher replied", "said O'Donnell", "the host
/// told reporters".
pub(crate) fn cue_clause_at(toks: &[Tok], j: usize) -> bool {
    let mut k = j;
    while k < toks.len() && k < j + 8 {
        let t = &toks[k];
        if let Some((c, ce)) = cue_at(toks, k) {
            if !verb_use(toks, k, j, c) {
                k = ce;
                continue;
            }
            if c.form == Form::Ing && k == j {
                return false;
            }
            // the clause ends soon after the cue: "Maher replied." / "he said of ..." /
            // "Trump told reporters"
            let next = toks.get(ce);
            // "She adds, “What ...”": the clause introduces the next quotation
            if next.is_some_and(|t| t.is_punct(',') || t.is_punct(':'))
                && toks.get(ce + 1).is_some_and(|t| t.kind == Kind::Open)
            {
                return false;
            }
            return next.is_none_or(|t| {
                !t.is_word()
                    || is(t.lower.as_str(), WordClass::ClauseGoesOn)
                    || (t.cap && matches!(c.lemma.as_str(), "tell" | "ask"))
            });
        }
        if according_at(toks, k) {
            return true;
        }
        if !(t.is_word() || t.kind == Kind::Possessive || t.is_punct(','))
            || (t.is_word() && is_boundary(&t.lower))
        {
            return false;
        }
        k += 1;
    }
    false
}

/// "according to" at `i`.
pub(super) fn according_at(toks: &[Tok], i: usize) -> bool {
    toks.get(i).is_some_and(|t| t.lower == "according")
        && toks.get(i + 1).is_some_and(|t| t.lower == "to")
}

/// Plausibly a verb use of the cue word at `i` (not "the claims", "a call").
pub(super) fn verb_use(toks: &[Tok], i: usize, lo: usize, cue: &Cue) -> bool {
    if i > lo {
        let p = &toks[i - 1];
        if p.kind == Kind::Possessive && !(cue.form == Form::Ing && p.lower == "'s") {
            return false;
        }
        let ing_after_prep = cue.form == Form::Ing
            && matches!(
                p.lower.as_str(),
                "for" | "by" | "after" | "when" | "while" | "before"
            );
        if p.is_word()
            && is_determiner(&p.lower)
            && !matches!(p.lower.as_str(), "and" | "or" | "to" | "first")
            && !ing_after_prep
        {
            return false;
        }
        if p.is_word() && p.lower == "to" && cue.form != Form::Base {
            return false;
        }
        // passive "was asked", "is expected": not a speech act by the subject
        if cue.form == Form::Past
            && p.is_word()
            && matches!(
                p.lower.as_str(),
                "was" | "were" | "is" | "are" | "been" | "be" | "being" | "get" | "got"
            )
        {
            return false;
        }
    }
    // idioms that are not reporting: "claimed the lives of", "claimed responsibility"
    if cue.lemma == "claim" {
        let n1 = toks.get(i + 1).map(|t| t.lower.as_str()).unwrap_or("");
        let n2 = toks.get(i + 2).map(|t| t.lower.as_str()).unwrap_or("");
        let object_noun = |w: &str| is(w, WordClass::ClaimObject);
        if object_noun(n1)
            || (matches!(n1, "the" | "a" | "his" | "her" | "their" | "its") && object_noun(n2))
        {
            return false;
        }
    }
    if matches!(cue.form, Form::Base | Form::S) && i > lo {
        // "coordinated attacks", "renewed calls": a modifier before a noun
        let p = &toks[i - 1];
        if p.is_word() && !p.cap && (p.lower.ends_with("ed") || p.lower.ends_with("ing")) {
            return false;
        }
    }
    if cue.form == Form::S
        && toks
            .get(i + 1 + cue.rest.len())
            .is_some_and(|n| n.is_word() && matches!(n.lower.as_str(), "were" | "are" | "have"))
    {
        // "cup hopes were dashed", "the charges are": a plural noun agreeing with its own
        // verb ("what he believes was ..." and "the kingdom hopes will ..." stay cues)
        return false;
    }
    if matches!(cue.form, Form::Base | Form::S) {
        // a noun reading is likely when a preposition or determiner-like word precedes
        if i > lo
            && toks[i - 1].is_word()
            && matches!(
                toks[i - 1].lower.as_str(),
                "of" | "in" | "for" | "with" | "by" | "on" | "at" | "from"
            )
        {
            return false;
        }
    }
    true
}

/// Index just past the source noun phrase's end, skipping auxiliaries/adverbs backward
/// from the cue at `i`. Returns `None` when something other than a word precedes.
pub(super) fn before_aux(toks: &[Tok], i: usize, lo: usize) -> usize {
    let mut j = i;
    let ing = toks.get(i).is_some_and(|t| t.lower.ends_with("ing"));
    while j > lo {
        let p = &toks[j - 1];
        let progressive = ing
            && (matches!(
                p.lower.as_str(),
                "is" | "are" | "was" | "were" | "been" | "am" | "be"
            ) || (p.kind == Kind::Possessive && p.lower == "'s"));
        if (p.is_word() && is_aux(&p.lower)) || progressive {
            j -= 1;
        } else {
            break;
        }
    }
    j
}

pub(super) fn is_article(w: &str) -> bool {
    matches!(w, "the" | "a" | "an")
}

/// "The report, published by TechLeak on Friday, claimed ...": the comma before the cue
/// at `b` closes a participial or relative phrase after a short subject noun phrase, so
/// the cue is not an inverted trailing one ("C, claimed X").
pub(super) fn subject_then_phrase(toks: &[Tok], lo: usize, b: usize) -> bool {
    let Some(c1) = (lo..b.saturating_sub(1)).find(|&k| toks[k].is_punct(',')) else {
        return false;
    };
    let head = &toks[lo..c1];
    let np = !head.is_empty()
        && head.len() <= 4
        && head.iter().all(|t| {
            t.kind == Kind::Possessive
                || (t.is_word() && !is_aux(&t.lower) && !is_boundary(&t.lower))
        })
        && (head[0].cap || is_determiner(&head[0].lower));
    let phrase = toks.get(c1 + 1).is_some_and(|t| {
        t.is_word()
            && !t.cap
            && (t.lower.ends_with("ed")
                || t.lower.ends_with("ing")
                || matches!(t.lower.as_str(), "who" | "which"))
    });
    np && phrase
}

/// The words `[a, b)` are exactly a discourse adverb of `data/discourse.tsv`.
pub(super) fn discourse_at(toks: &[Tok], a: usize, b: usize) -> bool {
    b > a
        && b <= toks.len()
        && lexicon().discourse.iter().any(|d| {
            d.len() == b - a
                && toks[a..b]
                    .iter()
                    .zip(d)
                    .all(|(t, w)| t.is_word() && &t.lower == w)
        })
}

/// "Unions, however, claimed ...": the comma before `b` closes a discourse adverb set
/// off by commas after the subject, so the cue at `b` is not an inverted trailing one.
pub(super) fn adverb_before(toks: &[Tok], lo: usize, b: usize) -> bool {
    if b < lo + 3 || !toks[b - 1].is_punct(',') {
        return false;
    }
    let longest = lexicon().discourse.iter().map(Vec::len).max().unwrap_or(0);
    (1..=longest).any(|n| {
        b > lo + n + 1 && toks[b - n - 2].is_punct(',') && discourse_at(toks, b - n - 1, b - 1)
    })
}
