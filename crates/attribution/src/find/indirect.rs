//! The indirect pass: a reporting cue inside one sentence with its source (the
//! subject) and its content (the clause it introduces), and the attribution record
//! built from what the passes found.

use super::content::{claim_noun_cue, comma_before, content_end, skip_to_that, words_in};
use super::cue::{according_at, adverb_before, before_aux, cue_at, subject_then_phrase, verb_use};
use super::is_determiner;
use super::source::{
    and_subject, junk_source, relative_source, source_back, source_fwd, source_subject,
};
use super::Attr;
use crate::lexicon::{Cue, CueClass, Form};
use crate::text::{Kind, Tok};
use crate::words::{is, WordClass};
use newsgraph_model::{QuoteKind, Stance};

/// The indirect pass over one sentence `[lo, hi)`.
pub(crate) fn indirect(
    toks: &[Tok],
    lo: usize,
    hi: usize,
    inside: &[bool],
    used: &mut [bool],
    out: &mut Vec<Attr>,
) {
    let sent = Sentence {
        toks,
        inside,
        clause: (lo, hi),
    };
    // a source whose own content was only a modifier ("said in a statement, adding ...")
    let mut pending: Option<(usize, usize)> = None;
    // "Paul Ryan: FBI decision defies explanation" / "Q: You open your book ...": a short
    // name and a colon opening a paragraph
    if (lo == 0 || toks[lo - 1].kind == Kind::Break) && !used[lo] {
        if let Some(c) = (lo..hi.min(lo + 7)).find(|&x| toks[x].is_punct(':')) {
            let head = &toks[lo..c];
            let names = !head.is_empty()
                && head.iter().all(|t| {
                    (t.is_word() && (t.cap || t.lower == "of"))
                        || t.kind == Kind::Possessive
                        || t.is_punct('.')
                })
                && head
                    .iter()
                    .any(|t| t.is_word() && !t.lower.chars().any(|ch| ch.is_ascii_digit()))
                && !head
                    .iter()
                    .any(|t| is(t.lower.as_str(), WordClass::PageFurniture));
            let par_end = (c..toks.len())
                .find(|&x| toks[x].kind == Kind::Break)
                .unwrap_or(toks.len());
            if names
                && words_in(toks, c + 1, par_end) >= 3
                && !(c + 1..par_end).any(|x| used[x] && !inside[x])
            {
                let mut e = par_end;
                while e > c + 1 && (toks[e - 1].is_sentence_punct()) {
                    e -= 1;
                }
                push_attr(
                    &sent,
                    used,
                    out,
                    vec![(c + 1, e)],
                    Some((lo, c)),
                    CueMark::bare((c, c + 1), ":".into()),
                );
                return;
            }
        }
    }
    let mut i = lo;
    while i < hi {
        if used[i] || inside[i] || !toks[i].is_word() {
            i += 1;
            continue;
        }
        // According to X, C. / C, according to X.
        if according_at(toks, i) {
            if let Some(src) = source_fwd(toks, i + 2, hi) {
                let cue = (i, i + 2);
                let parts = if i == lo || (i == lo + 1 && !toks[lo].is_word()) {
                    let mut a = src.1;
                    while a < hi && toks[a].is_punct(',') {
                        a += 1;
                    }
                    let e = content_end(toks, a, hi, inside, used);
                    vec![(a, e)]
                } else {
                    let mut e = i;
                    while e > lo && (toks[e - 1].is_punct(',') || toks[e - 1].is_punct('—')) {
                        e -= 1;
                    }
                    let a = clause_start(toks, lo, e, used);
                    let mut p = vec![(a, e)];
                    let mut r = src.1;
                    if r < hi && toks[r].is_punct(',') {
                        r += 1;
                        let e2 = content_end(toks, r, hi, inside, used);
                        if words_in(toks, r, e2) >= 2 {
                            p.push((r, e2));
                        }
                    }
                    p
                };
                if parts.iter().all(|p| words_in(toks, p.0, p.1) >= 1)
                    && !parts.iter().any(|p| (p.0..p.1).any(|x| used[x]))
                {
                    push_attr(
                        &sent,
                        used,
                        out,
                        parts,
                        Some(src),
                        CueMark::bare(cue, "according to".into()),
                    );
                    i = src.1;
                    continue;
                }
            }
            i += 2;
            continue;
        }
        // "Trump's claim that C", "his insistence that C"
        if claim_noun_cue(&toks[i].lower)
            && toks.get(i + 1).is_some_and(|t| t.lower == "that")
            && i > lo
        {
            let p = &toks[i - 1];
            let src = if p.kind == Kind::Possessive {
                let mut s0 = i - 1;
                while s0 > lo && toks[s0 - 1].is_word() && toks[s0 - 1].cap && i - s0 < 6 {
                    s0 -= 1;
                }
                (s0 < i - 1).then_some((s0, i))
            } else if p.is_word() && matches!(p.lower.as_str(), "his" | "her" | "their" | "its") {
                Some((i - 1, i))
            } else {
                None
            };
            if let Some(src) = src {
                let a = i + 1;
                let e = content_end(toks, a, hi, inside, used);
                if words_in(toks, a, e) >= 3 && !(src.0..e).any(|x| used[x] && !inside[x]) {
                    push_attr(
                        &sent,
                        used,
                        out,
                        vec![(a, e)],
                        Some(src),
                        CueMark::bare((i, i + 1), toks[i].lower.clone()),
                    );
                    i = e;
                    continue;
                }
            }
        }
        let Some((c, ce)) = cue_at(toks, i) else {
            i += 1;
            continue;
        };
        if !verb_use(toks, i, lo, c) {
            i = ce;
            continue;
        }
        // "continue" reports speech only before a quotation or a colon ("he continued:")
        if c.lemma == "continue"
            && !toks
                .get(ce)
                .is_some_and(|t| t.is_punct(':') || t.is_punct(',') || t.is_quote())
        {
            i = ce;
            continue;
        }
        let b = before_aux(toks, i, lo);
        // "X has drawn criticism for suggesting C": the subject said it
        if c.form == Form::Ing
            && b > lo
            && toks[b - 1].is_word()
            && matches!(
                toks[b - 1].lower.as_str(),
                "for" | "by" | "after" | "when" | "while" | "before"
            )
            && matches!(c.class, CueClass::Speech | CueClass::Write)
        {
            if let Some(src) = source_subject(toks, lo, b - 1) {
                let a = skip_to_that(toks, ce, hi).unwrap_or(ce);
                let e = content_end(toks, a, hi, inside, used);
                if words_in(toks, a, e) >= 3
                    && !(a..e).any(|x| used[x] && !inside[x])
                    && !(src.0..src.1).any(|x| used[x])
                {
                    push_attr(
                        &sent,
                        used,
                        out,
                        vec![(a, e)],
                        Some(src),
                        CueMark::of(c, (i, ce)),
                    );
                    i = e;
                    continue;
                }
            }
        }
        // participle after a comma: "..., arguing that C"
        if c.form == Form::Ing && b > lo && (comma_before(toks, b) || toks[b - 1].is_punct('—')) {
            let src = out
                .iter()
                .rev()
                .take(24)
                .filter(|a| a.cue.is_some_and(|c| c.0 >= lo && c.1 <= i))
                .find_map(|a| a.source)
                .or(pending)
                .or_else(|| source_subject(toks, lo, b - 1));
            let a = skip_to_that(toks, ce, hi).unwrap_or(ce);
            let e = content_end(toks, a, hi, inside, used);
            if words_in(toks, a, e) >= 2 && src.is_some() && !(a..e).any(|x| used[x]) {
                push_attr(&sent, used, out, vec![(a, e)], src, CueMark::of(c, (i, ce)));
                i = e;
                continue;
            }
            i = ce;
            continue;
        }
        // "Tad Devine, an adviser, said ...": the comma closes an appositive
        let appositive = b == i
            && b > lo
            && toks[b - 1].is_punct(',')
            && source_back(toks, b, lo).is_some_and(|(s0, s1)| {
                let first_comma = (s0..s1).find(|&x| toks[x].is_punct(','));
                (s0 == lo || toks[s0 - 1].is_punct(','))
                    && first_comma.is_some_and(|fc| {
                        fc > s0
                            && fc - s0 <= 6
                            && toks[s0..fc]
                                .iter()
                                .all(|t| t.cap || !t.is_word() || is_determiner(&t.lower))
                    })
            });
        // inverted trailing: "C, said X." (speech verbs only: not "..., offered X")
        let invertible = matches!(c.class, CueClass::Speech | CueClass::Write)
            && !is(c.lemma.as_str(), WordClass::NonInvertibleCue);
        if b > lo
            && comma_before(toks, b)
            && b == i
            && !appositive
            && invertible
            && !adverb_before(toks, lo, b)
            && !subject_then_phrase(toks, lo, b)
        {
            if let Some(mut src) = source_fwd(toks, ce, hi) {
                // "..., says Paul Rieckhoff, founder and CEO of IAVA." — the appositive too
                let relative = src.1 < hi
                    && toks[src.1].is_word()
                    && matches!(toks[src.1].lower.as_str(), "who" | "whose");
                if src.1 < hi && (toks[src.1].is_punct(',') || relative) {
                    let mut e = src.1 + 1;
                    while e < hi
                        && !toks[e].is_sentence_punct()
                        && !toks[e].is_quote()
                        && !toks[e].is_punct(';')
                        && cue_at(toks, e).is_none()
                    {
                        e += 1;
                    }
                    if (e >= hi || toks[e].is_sentence_punct()) && e - src.1 <= 20 {
                        src.1 = e;
                    }
                }
                let tail_ok = src.1 >= hi
                    || toks[src.1].is_sentence_punct()
                    || toks[src.1].is_punct(',')
                    || toks[src.1].kind == Kind::Break;
                if tail_ok {
                    let e = b - 1;
                    let a = clause_start(toks, lo, e, used);
                    if words_in(toks, a, e) >= 2 && !(a..e).any(|x| used[x] && !inside[x]) {
                        push_attr(
                            &sent,
                            used,
                            out,
                            vec![(a, e)],
                            Some(src),
                            CueMark::of(c, (i, ce)),
                        );
                        i = src.1;
                        continue;
                    }
                }
            }
            // not a trailing attribution: try the source before the cue
        }
        let Some(src) = source_back(toks, b, lo)
            .or_else(|| and_subject(toks, lo, b))
            .or_else(|| relative_source(toks, lo, b))
        else {
            i = ce;
            continue;
        };
        if (src.0..src.1).any(|x| used[x]) || junk_source(toks, src, c.class) {
            i = ce;
            continue;
        }
        // "an amber warning of gales", "a strong showing": an -ing form that is also a
        // noun is a verb here only after "is", "was", "been" or before "that"
        if c.form == Form::Ing
            && c.ing_noun
            && b == i
            && toks.get(ce).is_none_or(|t| t.lower != "that")
        {
            i = ce;
            continue;
        }
        // SRC CUE [addressee/modifiers] [that] C
        let mut a = ce;
        if a < hi
            && (toks[a].is_punct(',') || toks[a].is_punct(':'))
            && !(a + 1 < hi && toks[a + 1].is_word() && !toks[a + 1].cap)
        {
            a += 1;
        }
        if let Some(t) = skip_to_that(toks, a, hi) {
            a = t;
        } else if c.lemma == "accuse" {
            // "accused the North's leader, Kim Jong Un, of “fanatic recklessness”":
            // the accused is the object, the content starts at "of"
            let mut k = a;
            while k < hi && k < a + 10 && !toks[k].is_quote() && !toks[k].is_sentence_punct() {
                if toks[k].is_word() && toks[k].lower == "of" && k > a {
                    a = k;
                    break;
                }
                k += 1;
            }
        }
        // "charged that ...": a cue that reports only a clause (not "charges £5")
        let clause_follows = toks
            .get(a)
            .is_some_and(|t| t.lower == "that" || t.is_quote())
            || toks.get(ce).is_some_and(|t| t.is_punct(':'))
            || (src.0 > lo && comma_before(toks, src.0));
        if c.needs_clause && !clause_follows {
            i = ce;
            continue;
        }
        let mut e = content_end(toks, a, hi, inside, used);
        // "Ruth Vale, who claimed C, resigned": the relative clause ends at its comma
        if src.1 == src.0 + 1
            && toks[src.0].lower == "who"
            && src.0 > lo
            && toks[src.0 - 1].is_punct(',')
        {
            if let Some(k) = (a..e).find(|&k| toks[k].is_punct(',')) {
                e = k;
            }
        }
        let e = e;
        let after_comma = ce < hi && toks[ce].is_punct(',');
        // "said in a statement," / "said in June 2012": a modifier, not the content
        let modifier_only = words_in(toks, a, e) <= 6
            && toks
                .get(a)
                .is_some_and(|t| t.is_word() && is(t.lower.as_str(), WordClass::ModifierOpener));
        let parenthetical = src.0 > lo
            && comma_before(toks, src.0)
            && (words_in(toks, a, e) == 0 || after_comma || modifier_only);
        if modifier_only && !parenthetical {
            pending = Some(src);
            i = ce;
            continue;
        }
        if words_in(toks, a, e) >= 1 && !parenthetical {
            if !(a..e).any(|x| used[x] && !inside[x]) {
                push_attr(
                    &sent,
                    used,
                    out,
                    vec![(a, e)],
                    Some(src),
                    CueMark::of(c, (i, ce)),
                );
                i = e.max(ce);
                continue;
            }
        } else if parenthetical {
            // "C, SRC said." or "C1, SRC said, C2."
            let e1 = src.0 - 1;
            let a1 = clause_start(toks, lo, e1, used);
            let mut parts = vec![];
            if words_in(toks, a1, e1) >= 2 {
                parts.push((a1, e1));
            }
            let mut r = ce;
            if r < hi && toks[r].is_punct(',') {
                r += 1;
                let e2 = content_end(toks, r, hi, inside, used);
                if words_in(toks, r, e2) >= 2 {
                    parts.push((r, e2));
                }
            }
            if !parts.is_empty()
                && !parts
                    .iter()
                    .any(|p| (p.0..p.1).any(|x| used[x] && !inside[x]))
            {
                let end = parts.last().map(|p| p.1).unwrap_or(ce);
                push_attr(&sent, used, out, parts, Some(src), CueMark::of(c, (i, ce)));
                i = end.max(ce);
                continue;
            }
        }
        i = ce;
    }
}

/// Start of the content that precedes a trailing attribution: the sentence start, or
/// just after the last used token.
pub(super) fn clause_start(toks: &[Tok], lo: usize, e: usize, used: &[bool]) -> usize {
    let mut a = e;
    while a > lo && !used[a - 1] {
        a -= 1;
    }
    while a < e && !(toks[a].is_word() || toks[a].is_quote()) {
        a += 1;
    }
    a
}

/// The sentence the indirect pass is reading: its tokens, which of them lie inside
/// quotation marks, and its token range (filed as the attribution's clause).
struct Sentence<'a> {
    toks: &'a [Tok],
    inside: &'a [bool],
    clause: (usize, usize),
}

/// The cue an attribution is filed under: its token span and what the lexicon says of
/// it (a ":" or "according to" has no lexicon entry, so no stance or class).
struct CueMark {
    span: (usize, usize),
    lemma: String,
    stance: Option<Stance>,
    class: Option<CueClass>,
}

impl CueMark {
    /// A cue the lexicon knows.
    fn of(cue: &Cue, span: (usize, usize)) -> CueMark {
        CueMark {
            span,
            lemma: cue.lemma.clone(),
            stance: cue.stance,
            class: Some(cue.class),
        }
    }

    /// A cue that is punctuation or a fixed phrase, named by `lemma`.
    fn bare(span: (usize, usize), lemma: String) -> CueMark {
        CueMark {
            span,
            lemma,
            stance: None,
            class: None,
        }
    }
}

/// Files one indirect (or mixed) attribution and marks its tokens used.
fn push_attr(
    sent: &Sentence,
    used: &mut [bool],
    out: &mut Vec<Attr>,
    parts: Vec<(usize, usize)>,
    source: Option<(usize, usize)>,
    cue: CueMark,
) {
    let mixed = parts.iter().any(|p| {
        (p.0..p.1).any(|x| sent.toks[x].is_quote() || sent.inside.get(x).copied().unwrap_or(false))
    });
    for r in parts.iter().copied().chain([cue.span]).chain(source) {
        for x in used.iter_mut().take(r.1).skip(r.0) {
            *x = true;
        }
    }
    out.push(Attr {
        kind: if mixed {
            QuoteKind::Mixed
        } else {
            QuoteKind::Indirect
        },
        parts,
        source,
        cue: Some(cue.span),
        cue_lemma: Some(cue.lemma),
        stance: cue.stance,
        class: cue.class,
        clause: sent.clause,
    });
}
