//! Where and when a statement was made, from its cue clause.

use newsgraph_model::{Span, Time};

use crate::find::Attr;
use crate::lexicon::{lexicon, VenueMode};
use crate::text::{Kind, Tok};

const NOT_NAMES: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "the",
    "a",
    "an",
];

/// Words that end a venue phrase.
fn stops(w: &str) -> bool {
    matches!(
        w,
        "on" | "that"
            | "alongside"
            | "and"
            | "who"
            | "which"
            | "where"
            | "when"
            | "after"
            | "before"
            | "about"
            | "last"
            | "this"
            | "as"
            | "while"
            | "earlier"
            | "later"
            | "said"
            | "told"
            | "to"
            | "in"
            | "during"
            | "at"
            | "yesterday"
            | "today"
            | "tonight"
            | "but"
            | "if"
            | "because"
    )
}

/// The venue named in the attribution clause, outside the content.
pub(crate) fn venue(toks: &[Tok], a: &Attr, text: &str) -> Option<String> {
    // near the cue and the source, never across a quotation mark
    a.cue?;
    let (clo, chi) = a.clause;
    let anchor_lo = a
        .cue
        .map(|c| c.0)
        .into_iter()
        .chain(a.source.map(|s| s.0))
        .min()
        .unwrap_or(clo);
    let anchor_hi = a
        .cue
        .map(|c| c.1)
        .into_iter()
        .chain(a.source.map(|s| s.1))
        .max()
        .unwrap_or(chi);
    let mut lo = anchor_lo.saturating_sub(16).max(clo);
    let mut hi = (anchor_hi + 16).min(chi).min(toks.len());
    if let Some(q) = (lo..anchor_lo.min(hi)).rev().find(|&x| toks[x].is_quote()) {
        lo = q + 1;
    }
    if let Some(q) = (anchor_hi.min(hi)..hi).find(|&x| toks[x].is_quote()) {
        hi = q;
    }
    let in_content = |i: usize| a.parts.iter().any(|p| p.0 <= i && i < p.1);
    for (trigger, keep, mode) in &lexicon().venues {
        let n = trigger.len();
        let mut i = lo;
        while i + n <= hi {
            let hit = (0..n).all(|k| {
                toks[i + k].is_word() && toks[i + k].lower == trigger[k] && !in_content(i + k)
            });
            if !hit {
                i += 1;
                continue;
            }
            let mut s = i + n;
            let next_ok = |j: usize| {
                toks.get(j)
                    .is_some_and(|t| t.is_word() && t.cap && !NOT_NAMES.contains(&t.lower.as_str()))
            };
            match mode {
                VenueMode::Any => {}
                VenueMode::Media | VenueMode::Place => {
                    let the = toks.get(s).is_some_and(|t| t.lower == "the");
                    if !(next_ok(s) || (the && next_ok(s + 1))) {
                        i += 1;
                        continue;
                    }
                }
            }
            // skip a leading determiner unless kept words precede it
            let mut start_tok = i + n - (*keep).min(n);
            if *keep == 0 {
                while s < hi
                    && toks[s].is_word()
                    && matches!(toks[s].lower.as_str(), "the" | "a" | "an")
                {
                    s += 1;
                }
                start_tok = s;
            }
            let mut e = i + n;
            let mut words = 0;
            while e < hi && !in_content(e) && words < 10 {
                let t = &toks[e];
                let ok = match t.kind {
                    Kind::Word => !(e > i + n && stops(&t.lower)) || (t.lower == "of"),
                    Kind::Possessive | Kind::Punct('-') | Kind::Punct('&') => true,
                    _ => false,
                };
                if !ok {
                    break;
                }
                if t.is_word() {
                    words += 1;
                }
                e += 1;
            }
            if e > s && start_tok < e {
                let v = text.get(toks[start_tok].start..toks[e - 1].end)?;
                return Some(v.to_string());
            }
            i += 1;
        }
    }
    None
}

/// The TIMEX3 value of the time expression in the cue clause (outside the content),
/// the one nearest the cue.
/// `times` are the article's, ordered by start: only those starting in the clause are
/// looked at (a binary search, not a scan per quote).
pub(crate) fn when(times: &[&Time], clause: Span, parts: &[Span], cue: Span) -> Option<String> {
    newsgraph_model::starting_in(times, |t| t.span, clause)
        .iter()
        .filter(|t| clause.contains(&t.span) && !parts.iter().any(|p| p.overlaps(&t.span)))
        .min_by_key(|t| {
            if t.span.end <= cue.start {
                cue.start - t.span.end
            } else {
                t.span.start.saturating_sub(cue.end)
            }
        })
        .map(|t| t.value.clone())
}
