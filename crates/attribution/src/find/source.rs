//! The source of an attribution: its noun phrase read back from the cue ("the
//! spokesman for Y said") or forward ("said X", "according to X"), and sources that
//! hold nothing ("Studies show").

use super::content::{comma_before, words_in};
use super::cue::{before_aux, cue_at, discourse_at, is_article};
use super::{is_boundary, is_determiner, is_preposition};
use crate::lexicon::{lexicon, Cue, CueClass, Form};
use crate::text::{Kind, Tok};
use crate::words::{is, WordClass};

/// A source that holds nothing (see `data/referring.tsv`): the writer's first person
/// with a belief cue ("We think ..."), a bare quantity ("millions expected to ..."), a bare plural or mass
/// document noun ("Studies show ..."), or "its" with a noun that is neither a
/// description head, a document nor an utterance ("its name suggests ...").
pub(super) fn junk_source(toks: &[Tok], src: (usize, usize), class: CueClass) -> bool {
    let lex = lexicon();
    let words: Vec<&Tok> = toks[src.0..src.1.min(toks.len())]
        .iter()
        .filter(|t| t.is_word() || t.kind == Kind::Possessive)
        .collect();
    // the head is the last word before a prepositional phrase ("advocates for research")
    let head_at = words
        .iter()
        .position(|t| t.is_word() && (is_preposition(&t.lower) || t.lower == "of") && !t.cap)
        .filter(|&k| k > 0)
        .map_or(words.len(), |k| k);
    let Some(head) = words[..head_at].last() else {
        return false;
    };
    let h = head.lower.as_str();
    let sing = match h.strip_suffix("ies") {
        Some(stem) => format!("{stem}y"),
        None => h.strip_suffix('s').unwrap_or(h).to_string(),
    };
    let sing = sing.as_str();
    // the writer's own belief ("We think ..."); what the writer says or asks someone
    // is still reported speech
    let writer = class == CueClass::Belief && lex.writers.contains(h);
    if words.len() == 1 && (writer || lex.quantities.contains(h)) {
        return true;
    }
    let sentence_start = src.0 == 0
        || toks[src.0 - 1].is_sentence_punct()
        || toks[src.0 - 1].kind == Kind::Break
        || toks[src.0 - 1].is_quote();
    // a determiner, a possessor or a name makes a document specific ("a council survey")
    let specific = words.iter().enumerate().any(|(k, t)| {
        t.kind == Kind::Possessive
            || (is_determiner(&t.lower)
                && !is_preposition(&t.lower)
                && !matches!(t.lower.as_str(), "of" | "and" | "or"))
            || (t.cap && (k > 0 || !sentence_start))
            || t.lower.chars().any(|c| c.is_ascii_digit())
    });
    if !specific && (lex.documents.contains(h) || lex.documents.contains(sing)) {
        return true;
    }
    words.len() == 2
        && words[0].lower == "its"
        && ![h, sing].iter().any(|w| {
            lex.heads.contains_key(*w) || lex.documents.contains(*w) || lex.utterances.contains(*w)
        })
}

/// The source noun phrase ending just before `end` (exclusive), not crossing `lo`.
pub(crate) fn source_back(toks: &[Tok], end: usize, lo: usize) -> Option<(usize, usize)> {
    if end <= lo {
        return None;
    }
    let mut e = end;
    // "X, a spokesman for Y, said": step over a trailing appositive
    let mut appositive_from = None;
    let mut hops = 0;
    while e > lo && toks[e - 1].is_punct(',') && hops < 3 {
        let mut k = e - 1;
        let limit = e.saturating_sub(32).max(lo);
        while k > limit
            && !toks[k - 1].is_punct(',')
            && !toks[k - 1].is_sentence_punct()
            && !toks[k - 1].is_quote()
        {
            k -= 1;
        }
        // ", however," / ", for their part,": a discourse adverb, not an appositive
        let adverb = discourse_at(toks, k, e - 1);
        if k > lo && toks[k - 1].is_punct(',') && (k + 1 < e || adverb) {
            if appositive_from.is_none() && !adverb {
                appositive_from = Some(e - 1);
            }
            e = k - 1;
            hops += 1;
        } else {
            return None;
        }
    }
    if e <= lo
        || !(toks[e - 1].is_word()
            || toks[e - 1].kind == Kind::Possessive
            || toks[e - 1].is_punct(')'))
    {
        return None;
    }
    let mut s = e;
    let mut words = 0;
    while s > lo {
        let t = &toks[s - 1];
        let ok = match t.kind {
            Kind::Word => {
                let w = t.lower.as_str();
                if is_boundary(w) {
                    false
                } else if w == "and" {
                    // "Trump and Clinton said": keep when both sides are names
                    s >= 2 && toks[s - 2].cap && toks.get(s).is_some_and(|x| x.cap)
                } else {
                    // a cue word inside a noun phrase is a noun ("the claims"), but not
                    // before an article: "its name suggests the firm" holds a verb
                    cue_at(toks, s - 1)
                        .map(|(c, _)| {
                            matches!(c.form, Form::Base | Form::S)
                                && !(s < e && toks[s].is_word() && is_article(&toks[s].lower))
                        })
                        .unwrap_or(true)
                }
            }
            Kind::Possessive => true,
            Kind::Punct('-') | Kind::Punct('.') | Kind::Punct('&') => true,
            Kind::Punct(')') => {
                // "Rep. Steve Israel (D-N.Y.) said": step over a short parenthesis
                let from = lo.max(s.saturating_sub(12));
                let open = toks[from..s - 1]
                    .iter()
                    .rposition(|x| x.is_punct('('))
                    .map(|p| p + from);
                match open {
                    Some(p) if s - 1 - p <= 8 && p > lo => {
                        s = p + 1;
                        true
                    }
                    _ => false,
                }
            }
            _ => false,
        };
        if !ok || words >= 14 {
            break;
        }
        if t.is_word() {
            words += 1;
        }
        s -= 1;
    }
    if s >= e {
        return None;
    }
    // trim a leading prepositional phrase ("In the interview Trump said")
    if toks[s].is_word() && is_preposition(&toks[s].lower) {
        let mut k = e;
        while k > s
            && (toks[k - 1].cap
                || toks[k - 1].kind == Kind::Possessive
                || toks[k - 1].lower == "the")
        {
            k -= 1;
        }
        if k < e && k > s {
            s = k;
        } else {
            return None;
        }
    }
    // must hold a content word
    if !toks[s..e]
        .iter()
        .any(|t| t.is_word() && !is_determiner(&t.lower))
    {
        return None;
    }
    let end = appositive_from.unwrap_or(e);
    Some((s, end))
}

/// The source noun phrase starting at `start` going forward ("said X", "according to X").
pub(super) fn source_fwd(toks: &[Tok], start: usize, hi: usize) -> Option<(usize, usize)> {
    let mut e = start;
    let mut words = 0;
    while e < hi {
        let t = &toks[e];
        let ok = match t.kind {
            Kind::Word => {
                let w = t.lower.as_str();
                !(words > 0 && is(w, WordClass::SourceEnd))
            }
            Kind::Possessive => true,
            Kind::Punct('-') | Kind::Punct('.') | Kind::Punct('&') => {
                t.end > t.start && e + 1 < hi && toks[e + 1].is_word()
            }
            _ => false,
        };
        if !ok || words >= 12 {
            break;
        }
        if t.is_word() {
            words += 1;
        }
        e += 1;
    }
    (e > start
        && toks[start..e]
            .iter()
            .any(|t| t.is_word() && !is_determiner(&t.lower)))
    .then_some((start, e))
}

/// The source of the cue at `j` (sentence from `lo`): the noun phrase before it, the
/// subject of a coordinated or participial clause ("..., saying", "and said"), or the
/// antecedent of a relative pronoun ("a headline that said").
pub(crate) fn source_for_cue(
    toks: &[Tok],
    j: usize,
    lo: usize,
    cue: &Cue,
) -> Option<(usize, usize)> {
    let b = before_aux(toks, j, lo);
    if cue.form == Form::Ing && b > lo && (comma_before(toks, b) || toks[b - 1].is_punct(':')) {
        return source_subject(toks, lo, b);
    }
    if b == lo && j == lo && toks[j].cap {
        // "Said Comey, ..." / "Said Ellis:"
        return source_fwd(toks, j + 1 + cue.rest.len(), toks.len().min(j + 14));
    }
    source_back(toks, b, lo)
        .or_else(|| and_subject(toks, lo, b))
        .or_else(|| relative_source(toks, lo, b))
}

/// "a headline that said", "Beck, who said": the relative pronoun's antecedent ("who"
/// itself when the antecedent is already another attribution's source).
pub(super) fn relative_source(toks: &[Tok], lo: usize, b: usize) -> Option<(usize, usize)> {
    if b > lo + 1
        && toks[b - 1].is_word()
        && matches!(toks[b - 1].lower.as_str(), "who" | "that" | "which")
    {
        if toks[b - 1].lower == "who" && toks[b - 2].is_punct(',') {
            return Some((b - 1, b));
        }
        let mut e = b - 1;
        if e > lo && toks[e - 1].is_punct(',') {
            e -= 1;
        }
        source_back(toks, e, lo)
    } else {
        None
    }
}

/// "Hayek confirmed it and said ...": a cue after "and" shares the sentence's subject.
pub(super) fn and_subject(toks: &[Tok], lo: usize, b: usize) -> Option<(usize, usize)> {
    if b > lo + 1 && toks[b - 1].is_word() && toks[b - 1].lower == "and" {
        source_subject(toks, lo, b - 1)
    } else {
        None
    }
}

/// The subject at the start of a clause `[lo, b)`: the first noun phrase before a verb-ish
/// word, used for participial cues ("Kayhan criticized X, arguing that ...").
pub(super) fn source_subject(toks: &[Tok], lo: usize, b: usize) -> Option<(usize, usize)> {
    let mut a = lo;
    // skip a fronted phrase ending in a comma ("On Monday, ...")
    if let Some(c) = toks[lo..b].iter().position(|t| t.is_punct(',')) {
        if c < 8
            && words_in(toks, lo, lo + c) <= 7
            && toks[lo].is_word()
            && is_preposition(&toks[lo].lower)
        {
            a = lo + c + 1;
        }
    }
    let mut e = a;
    while e < b
        && (toks[e].is_word() || toks[e].kind == Kind::Possessive)
        && cue_at(toks, e).is_none()
        && e < a + 8
    {
        let w = toks[e].lower.as_str();
        let verbish = w.ends_with("ed") || is(w, WordClass::Verbish);
        if e > a && toks[e].is_word() && !toks[e].cap && !is_determiner(w) && verbish {
            break;
        }
        e += 1;
    }
    (e > a).then_some((a, e))
}
