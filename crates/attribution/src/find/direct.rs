//! The direct pass: each quotation (or run of quoted paragraphs) with the cue clause
//! next to it, before, after or inside the quote.

use super::content::words_in;
use super::cue::{according_at, before_aux, cue_at, verb_use};
use super::is_aux;
use super::source::{source_back, source_for_cue, source_fwd, source_subject};
use super::Attr;
use crate::lexicon::Form;
use crate::text::{Kind, Stretch, Tok};
use crate::words::{is, WordClass};
use newsgraph_model::QuoteKind;

/// The direct pass: attributions of stretches that stand as quotations of their own.
/// Marks used tokens in `used`. Returns the attributions and, per stretch, whether it
/// was taken (embedded stretches are left to the indirect pass).
pub(crate) fn direct(
    toks: &[Tok],
    st: &[Stretch],
    sents: &[(usize, usize)],
    used: &mut [bool],
) -> Vec<Attr> {
    let sent_of = |i: usize| sentence_of(sents, i);
    let mut out: Vec<Attr> = Vec::new();
    let mut taken = vec![false; st.len()];
    for (k, s) in st.iter().enumerate() {
        if taken[k] {
            continue;
        }
        let Some(si) = sent_of(s.open) else { continue };
        let (lo, hi) = sents[si];
        let inner_words = words_in(toks, s.open, s.end);
        let first_inner = toks[s.open + 1..s.end].iter().find(|t| t.is_word());
        let starts_cap =
            first_inner.is_some_and(|t| t.cap || t.lower.starts_with(|c: char| c.is_ascii_digit()));
        let left_ok = {
            let mut j = s.open;
            while j > lo && toks[j - 1].is_punct('—') {
                j -= 1;
            }
            let after_that = (j >= 1 && toks[j - 1].lower == "that")
                || (j >= 2 && toks[j - 1].is_punct(',') && toks[j - 2].lower == "that");
            !after_that
                && (j == lo
                    || toks[j - 1].is_punct(':')
                    || toks[j - 1].is_punct(',')
                    || cue_at(toks, j - 1).is_some())
        };
        let comma_close = s.end >= 2
            && s.end - 2 > s.open
            && matches!(
                toks[s.end - 2].kind,
                Kind::Punct(',') | Kind::Punct('?') | Kind::Punct('!')
            )
            && toks[s.end - 1].kind == Kind::Close;
        let standalone =
            left_ok && starts_cap && (inner_words >= 3 || (comma_close && inner_words >= 1));
        if !standalone {
            continue;
        }
        let end_in_sent = s.end.min(hi);
        let mut attr = Attr {
            kind: QuoteKind::Direct,
            parts: vec![(s.open, s.end)],
            source: None,
            cue: None,
            cue_lemma: None,
            stance: None,
            class: None,
            clause: (lo, hi),
        };
        // right: ,” Trump said. / ,” said Trump. / ,” according to CNN.
        let mut r = end_in_sent;
        while r < hi && (toks[r].is_punct(',') || toks[r].is_punct('—') || toks[r].is_punct('–'))
        {
            r += 1;
        }
        let mut found = false;
        if r < hi && according_at(toks, r) {
            if let Some(src) = source_fwd(toks, r + 2, hi) {
                attr.source = Some(src);
                attr.cue = Some((r, r + 2));
                attr.cue_lemma = Some("according to".into());
                found = true;
            }
        }
        let subordinate =
            r < hi && toks[r].is_word() && is(toks[r].lower.as_str(), WordClass::Subordinator);
        if !found && r < hi && s.end <= hi && !subordinate {
            let mut j = r;
            while j < hi && j < r + 16 {
                if toks[j].is_quote() || toks[j].is_sentence_punct() {
                    break;
                }
                // ", who has not endorsed anyone," — a relative clause, not the cue
                if j > r
                    && toks[j - 1].is_punct(',')
                    && toks[j].is_word()
                    && matches!(toks[j].lower.as_str(), "who" | "which" | "whose")
                {
                    match (j..hi).find(|&x| toks[x].is_punct(',') || toks[x].is_sentence_punct()) {
                        Some(x) if toks[x].is_punct(',') => {
                            j = x + 1;
                            continue;
                        }
                        _ => break,
                    }
                }
                if let Some((c, ce)) = cue_at(toks, j) {
                    if c.form == Form::Ing && j == r {
                        break;
                    }
                    let src =
                        if j == r || toks[r..j].iter().all(|t| t.is_word() && is_aux(&t.lower)) {
                            source_fwd(toks, ce, hi)
                        } else {
                            let b = before_aux(toks, j, r);
                            if b > r {
                                source_back(toks, b, r)
                            } else {
                                None
                            }
                        };
                    if let Some(src) = src {
                        attr.source = Some(src);
                        attr.cue = Some((j, ce));
                        attr.cue_lemma = Some(c.lemma.clone());
                        attr.stance = c.stance;
                        attr.class = Some(c.class);
                        found = true;
                    }
                    break;
                }
                if toks[j].kind == Kind::Break || toks[j].is_punct(';') || toks[j].is_punct(':') {
                    break;
                }
                j += 1;
            }
        }
        // “...” ― Name: a dash and a name closing the paragraph
        if !found
            && s.end < toks.len()
            && matches!(
                toks[s.end].kind,
                Kind::Punct('―') | Kind::Punct('—') | Kind::Punct('–') | Kind::Punct('-')
            )
        {
            let a = s.end + 1;
            let mut e = a;
            while e < toks.len() && e < a + 8 && toks[e].kind != Kind::Break && !toks[e].is_quote()
            {
                e += 1;
            }
            let end_ok = e >= toks.len() || toks[e].kind == Kind::Break || toks[e].is_quote();
            if end_ok && e > a && toks.get(a).is_some_and(|t| t.cap) {
                let mut e2 = e;
                while e2 > a && !toks[e2 - 1].is_word() {
                    e2 -= 1;
                }
                attr.source = Some((a, e2));
                attr.cue = Some((s.end, a));
                attr.cue_lemma = Some("-".into());
                found = true;
            }
        }
        // “Go back,” Trump barked. — an unlisted verb right after a short speaker
        let ends_clause = s.end >= 2
            && s.end - 2 > s.open
            && matches!(
                toks[s.end - 2].kind,
                Kind::Punct(',') | Kind::Punct('?') | Kind::Punct('!')
            );
        if !found && ends_clause && s.end == r && r < hi {
            if let Some((src, v)) = unknown_verb_clause(toks, r, hi) {
                attr.source = Some(src);
                attr.cue = Some((v, v + 1));
                attr.cue_lemma = Some(toks[v].lower.clone());
                found = true;
            }
        }
        // left: X said: “...” / X stated, "..." / Trump told reporters ..., "..."
        if !found && s.open > lo {
            let mut j = s.open;
            let mut best = None;
            while j > lo && j + 24 > s.open {
                j -= 1;
                if toks[j].is_quote() {
                    break;
                }
                if used[j] {
                    break;
                }
                if let Some((c, ce)) = cue_at(toks, j) {
                    if ce <= s.open && verb_use(toks, j, lo, c) {
                        let between_ok = ce == s.open
                            || toks[s.open - 1].is_punct(',')
                            || toks[s.open - 1].is_punct(':')
                            || toks[s.open - 1].is_punct('—');
                        if between_ok && source_for_cue(toks, j, lo, c).is_some() {
                            best = Some((j, ce, c));
                            break;
                        }
                    }
                }
            }
            if let Some((j, ce, c)) = best {
                let src = source_for_cue(toks, j, lo, c);
                if let Some(src) = src {
                    attr.source = Some(src);
                    attr.cue = Some((j, ce));
                    attr.cue_lemma = Some(c.lemma.clone());
                    attr.stance = c.stance;
                    attr.class = Some(c.class);
                    found = true;
                }
            } else if toks[s.open - 1].is_punct(':') && words_in(toks, lo, s.open) >= 1 {
                // "... Republican pollster Daron Shaw: “...”"
                let src = source_back(toks, s.open - 1, lo)
                    .or_else(|| (words_in(toks, lo, s.open) <= 8).then_some((lo, s.open - 1)));
                if let Some(src) = src {
                    attr.source = Some(src);
                    attr.cue = Some((s.open - 1, s.open));
                    attr.cue_lemma = Some(":".into());
                    found = true;
                }
            }
        }
        // no cue clause of its own: a quotation continuing the previous paragraph's
        // quote, or one introduced by the previous paragraph ("... said:")
        let par_start = s.open == 0 || toks[s.open - 1].kind == Kind::Break;
        if !found && par_start && s.open >= 2 {
            let prev_par_end = s.open - 1; // the Break
            if toks[prev_par_end - 1].is_punct(':') {
                if let Some(ps) = sent_of(prev_par_end - 1) {
                    let (plo, phi) = sents[ps];
                    let cue = (plo..phi).rev().find_map(|j| {
                        cue_at(toks, j)
                            .filter(|(c, _)| verb_use(toks, j, plo, c))
                            .map(|(c, ce)| (j, ce, c))
                    });
                    let src = match cue {
                        Some((j, _, c)) => source_for_cue(toks, j, plo, c),
                        None => source_subject(toks, plo, phi),
                    };
                    if let Some(src) = src {
                        if !(src.0..src.1).any(|x| used[x]) {
                            attr.source = Some(src);
                            attr.cue =
                                Some(cue.map(|(j, ce, _)| (j, ce)).unwrap_or((phi - 1, phi)));
                            attr.cue_lemma = Some(
                                cue.map(|(_, _, c)| c.lemma.clone())
                                    .unwrap_or_else(|| ":".into()),
                            );
                            attr.clause = (plo, phi);
                            found = true;
                        }
                    }
                }
            } else if let Some(last) = out.last_mut() {
                let last_end = last.parts.last().map(|p| p.1).unwrap_or(0);
                let back = prev_par_end.saturating_sub(400);
                let prev_par_start = toks[back..prev_par_end]
                    .iter()
                    .rposition(|t| t.kind == Kind::Break)
                    .map(|x| x + back + 1)
                    .unwrap_or(back);
                let adjacent = last.kind == QuoteKind::Direct
                    && last.source.is_some()
                    && last_end >= prev_par_start
                    && last_end <= prev_par_end;
                let own = has_own_cue(toks, s, sents);
                // a continuation paragraph is quoted whole: nothing but punctuation after
                let limit = toks.len().min(s.end + 400);
                let par_end = (s.end..limit)
                    .find(|&x| toks[x].kind == Kind::Break)
                    .unwrap_or(limit);
                let whole = toks[s.end.min(par_end)..par_end]
                    .iter()
                    .all(|t| !t.is_word());
                if adjacent && !own && whole {
                    last.parts.push((s.open, s.end));
                    taken[k] = true;
                    for x in used.iter_mut().take(s.end).skip(s.open) {
                        *x = true;
                    }
                    continue;
                }
            }
        }
        taken[k] = true;
        for x in used.iter_mut().take(s.end).skip(s.open) {
            *x = true;
        }
        if found {
            for r in [attr.source, attr.cue].into_iter().flatten() {
                for x in used.iter_mut().take(r.1).skip(r.0) {
                    *x = true;
                }
            }
            // split quote: the next stretch opens right after this cue clause's
            // sentence (or after its comma) and has no cue clause of its own
            if let Some((_, ce)) = attr.cue {
                let mut m = k + 1;
                while m < st.len() {
                    let n = &st[m];
                    if n.open > ce + 60 {
                        break;
                    }
                    // a short quoted title inside the cue clause (on “Fox and Friends.”)
                    let embedded_title = words_in(toks, n.open, n.end) <= 6
                        && n.open > 0
                        && (toks[n.open - 1].is_word()
                            || toks[n.open - 1].kind == Kind::Possessive)
                        && !toks[ce.min(n.open)..n.open]
                            .iter()
                            .any(|t| t.kind == Kind::Break || t.is_sentence_punct());
                    if embedded_title && !taken[m] {
                        m += 1;
                        continue;
                    }
                    let gap_end = n.open;
                    let same_par = !toks[ce.min(gap_end)..gap_end]
                        .iter()
                        .any(|t| t.kind == Kind::Break);
                    let src_end = attr.source.map(|x| x.1).unwrap_or(ce).max(ce);
                    let gap = &toks[src_end.min(gap_end)..gap_end];
                    // a short quoted title may sit in the gap (on “Fox and Friends.”)
                    let mut long_quote = false;
                    let mut in_q = 0usize;
                    let mut opened = false;
                    for t in gap {
                        match t.kind {
                            Kind::Open => {
                                opened = true;
                                in_q = 0;
                            }
                            Kind::Close => opened = false,
                            Kind::Word if opened => {
                                in_q += 1;
                                long_quote |= in_q > 6;
                            }
                            _ => {}
                        }
                    }
                    // a cue in the gap (outside a ", who ..." clause) starts another attribution
                    let gap_start = src_end.min(gap_end);
                    let mut relative = false;
                    let mut gap_cue = false;
                    for x in gap_start..gap_end {
                        let t = &toks[x];
                        if t.is_word()
                            && matches!(t.lower.as_str(), "who" | "which")
                            && x > 0
                            && toks[x - 1].is_punct(',')
                        {
                            relative = true;
                        } else if t.is_sentence_punct() {
                            relative = false;
                        }
                        if !relative
                            && t.is_word()
                            && cue_at(toks, x).is_some_and(|(c, _)| verb_use(toks, x, gap_start, c))
                        {
                            gap_cue = true;
                        }
                    }
                    let gap_clean = gap.len() <= 40
                        && !gap_cue
                        && !long_quote
                        && !opened
                        && gap.last().is_none_or(|t| {
                            t.is_sentence_punct()
                                || t.is_punct(',')
                                || t.is_punct(':')
                                || t.kind == Kind::Close
                        })
                        && !gap.iter().any(|t| t.kind == Kind::Break);
                    let prev_end = attr.parts.last().map(|p| p.1).unwrap_or(0);
                    let after_cue = n.open >= ce && prev_end <= attr.cue.map(|c| c.0).unwrap_or(0);
                    if same_par && gap_clean && after_cue && !has_own_cue(toks, n, sents) {
                        attr.parts.push((n.open, n.end));
                        for x in used.iter_mut().take(n.end).skip(n.open) {
                            *x = true;
                        }
                        taken[m] = true;
                        m += 1;
                        // later stretches are only joined when contiguous
                        let ne = n.end;
                        if !st.get(m).is_some_and(|x| {
                            toks[ne.min(x.open)..x.open]
                                .iter()
                                .all(|t| !t.is_word() && t.kind != Kind::Break)
                        }) {
                            break;
                        }
                    } else {
                        break;
                    }
                }
            }
        }
        out.push(attr);
    }
    out
}

/// "Trump barked." / "she quipped," : a pronoun or a short name, then a past or
/// present-tense verb, then the clause's end.
pub(super) fn unknown_verb_clause(
    toks: &[Tok],
    r: usize,
    hi: usize,
) -> Option<((usize, usize), usize)> {
    let t = toks.get(r)?;
    // inverted: "remembered Roy Verley, HP's former spokesman."
    if t.is_word()
        && !t.cap
        && t.lower.ends_with("ed")
        && toks.get(r + 1).is_some_and(|x| x.is_word() && x.cap)
    {
        if let Some(src) = source_fwd(toks, r + 1, hi) {
            let end_ok =
                src.1 >= hi || toks[src.1].is_sentence_punct() || toks[src.1].is_punct(',');
            if end_ok {
                return Some((src, r));
            }
        }
    }
    let pron = t.is_word() && matches!(t.lower.as_str(), "he" | "she" | "they" | "i" | "we");
    let mut e = r;
    if pron {
        e = r + 1;
    } else {
        if t.is_word() && t.lower == "the" {
            e += 1;
        }
        while e < hi && e < r + 5 && toks[e].is_word() && toks[e].cap {
            e += 1;
        }
    }
    if e == r || (e == r + 1 && toks[r].lower == "the") {
        return None;
    }
    let v = toks.get(e)?;
    let particle = toks
        .get(e + 1)
        .is_some_and(|a| a.is_word() && matches!(a.lower.as_str(), "back" | "out" | "up" | "in"));
    let verbish = v.is_word()
        && !v.cap
        && (v.lower.ends_with("ed")
            || (v.lower.ends_with('s') && !v.lower.ends_with("ss"))
            || particle);
    let after = toks.get(e + 1);
    let ends = e + 1 >= hi
        || after.is_some_and(|a| {
            a.is_sentence_punct()
                || a.is_punct(',')
                || (a.is_word()
                    && matches!(
                        a.lower.as_str(),
                        "in" | "on" | "at" | "during" | "to" | "from" | "back" | "as" | "with"
                    ))
        });
    (verbish && ends).then_some(((r, e), e))
}

/// Index of the sentence holding token `i` (sentences are sorted and disjoint).
pub(super) fn sentence_of(sents: &[(usize, usize)], i: usize) -> Option<usize> {
    let k = sents.partition_point(|s| s.1 <= i);
    sents.get(k).filter(|s| s.0 <= i && i < s.1).map(|_| k)
}

pub(super) fn has_own_cue(toks: &[Tok], s: &Stretch, sents: &[(usize, usize)]) -> bool {
    let hi = sentence_of(sents, s.end)
        .map(|k| sents[k].1)
        .unwrap_or(s.end);
    let mut j = s.end;
    while j < hi && j < s.end + 10 {
        if cue_at(toks, j).is_some() || according_at(toks, j) {
            return true;
        }
        if toks[j].is_quote() || toks[j].is_sentence_punct() {
            return false;
        }
        j += 1;
    }
    false
}
