//! What the clause around a number says about it: the verb that gives a count its
//! kind, the qualifier before it, the source that reports it, a negation, what it is
//! about; and whether the number is part of a date or an identifier instead.

use crate::lexicon::{self, Lexicon};
use crate::numbers;
use crate::tokens::{Kind, Tok};
use newsgraph_model::Qualifier;
use std::ops::Range;

use super::qualifiers;

pub(super) struct Ctx<'a> {
    pub(super) text: &'a str,
    pub(super) toks: &'a [Tok],
    pub(super) lex: &'static Lexicon,
    /// Sentence token range of each token.
    pub(super) sent: Vec<(usize, usize)>,
    /// Byte ranges of the times layer: numbers inside are dates, not figures.
    pub(super) times: Vec<Range<usize>>,
}

impl<'a> Ctx<'a> {
    pub(super) fn w(&self, i: usize) -> &str {
        self.toks.get(i).map(|t| t.lower.as_str()).unwrap_or("")
    }

    /// A currency word joined to a number that ends in a multiplier by a link word of
    /// the lexicon (`curlink`: French "de", "d'"): "3 milliards d'euros", "2 milliards
    /// de dollars". The currency and the token after it.
    pub(super) fn linked_currency(&self, num_end: usize) -> Option<(&'static str, usize)> {
        if num_end == 0 || !lexicon::numbers().has("mult", self.w(num_end - 1)) {
            return None;
        }
        // The link is one token ("de") or a word and its apostrophe ("d'", "d’").
        let glued = self
            .toks
            .get(num_end + 1)
            .is_some_and(|t| !t.space_before && matches!(t.lower.as_str(), "'" | "’"));
        let (link, after) = if glued {
            (
                format!("{}{}", self.w(num_end), self.w(num_end + 1)),
                num_end + 2,
            )
        } else {
            (self.w(num_end).to_string(), num_end + 1)
        };
        if !self.lex.has("curlink", &link) {
            return None;
        }
        let cur = self.lex.get("curword", self.w(after))?;
        Some((cur, after + 1))
    }

    pub(super) fn in_time(&self, i: usize) -> bool {
        let t = &self.toks[i];
        // `times` is sorted by start: the candidates are those starting before the token ends.
        let upto = self.times.partition_point(|r| r.start < t.end);
        self.times[..upto]
            .iter()
            .rev()
            .take(4)
            .any(|r| t.start < r.end)
    }

    /// Qualifier phrase ending right before token `i`: (start token, qualifier).
    pub(super) fn qualifier_before(&self, i: usize) -> Option<(usize, Qualifier)> {
        // The lexicon's qualifier forms of up to three words, by their last word.
        let cands = qualifiers().get(self.w(i.checked_sub(1)?))?;
        for len in [3usize, 2, 1] {
            if i < len {
                continue;
            }
            let hit = cands.iter().find(|(words, _)| {
                words.len() == len
                    && words
                        .iter()
                        .enumerate()
                        .all(|(k, w)| self.w(i - len + k) == *w)
            });
            if let Some((_, q)) = hit {
                let q = match *q {
                    "at_least" => Qualifier::AtLeast,
                    "at_most" => Qualifier::AtMost,
                    _ => Qualifier::About,
                };
                return Some((i - len, q));
            }
        }
        None
    }

    /// Casualty kind from a verb or adjective at `k`, resolving "shot": shot dead /
    /// shot and killed / fatally shot are killings, shot alone an injury.
    pub(super) fn verb_kind(&self, k: usize) -> Option<&'static str> {
        // "suffered a gunshot wound", "sustained fatal injuries"
        if matches!(
            self.w(k),
            "suffered" | "sustained" | "suffering" | "sustaining"
        ) {
            let mut fatal = false;
            for j in k + 1..k + 6 {
                match self.w(j) {
                    "fatal" | "mortal" | "deadly" => fatal = true,
                    "wound" | "wounds" | "injury" | "injuries" => {
                        return Some(if fatal { "killed" } else { "injured" })
                    }
                    _ => {}
                }
                if self.toks.get(j).is_none_or(|t| t.kind == Kind::Punct) {
                    break;
                }
            }
            return None;
        }
        let v = self.lex.get("verb", self.w(k))?;
        if v == "shot" {
            let next: Vec<&str> = (k + 1..k + 4).map(|j| self.w(j)).collect();
            if matches!(next[0], "dead")
                || (next[0] == "and" && matches!(next[1], "killed"))
                || (next[0] == "to" && next[1] == "death")
            {
                return Some("killed");
            }
            if k > 0 && self.w(k - 1) == "fatally" {
                return Some("killed");
            }
            return Some("injured");
        }
        Some(v)
    }

    /// The kind given by a verb after a people noun ending at `e` ("were killed",
    /// "dead", "have been injured", "died").
    pub(super) fn verb_after(&self, e: usize, sent_end: usize) -> Option<(&'static str, usize)> {
        let mut k = e;
        let mut steps = 0;
        while k < sent_end && steps < 5 {
            let w = self.w(k);
            if let Some(kind) = self.verb_kind(k) {
                // Active voice ("the gunman shot two people"): the noun is the doer.
                let next = self.w(k + 1);
                let object = matches!(
                    next,
                    "a" | "an"
                        | "the"
                        | "his"
                        | "her"
                        | "him"
                        | "them"
                        | "their"
                        | "its"
                        | "another"
                        | "himself"
                        | "herself"
                ) || numbers::is_card(next)
                    || self.toks.get(k + 1).is_some_and(|t| t.kind == Kind::Num);
                if steps == 0 && object {
                    return None;
                }
                return Some((kind, k + 1));
            }
            if !(self.lex.has("be_or_adverb", w) || w == "not") {
                return None;
            }
            k += 1;
            steps += 1;
        }
        None
    }

    /// The kind given by a verb right before the figure ("killed at least 28", "killing two").
    pub(super) fn verb_before(&self, s: usize, sent_start: usize) -> Option<&'static str> {
        let mut k = s;
        for _ in 0..2 {
            if k <= sent_start {
                return None;
            }
            k -= 1;
            if let Some(kind) = self.verb_kind(k) {
                if matches!(
                    kind,
                    "killed" | "injured" | "arrested" | "displaced" | "abducted"
                ) {
                    return Some(kind);
                }
            }
            if !matches!(self.w(k), "another" | "an" | "additional" | "other") {
                return None;
            }
        }
        None
    }

    /// Up to `max` modifier words, then a people noun: (end of noun).
    pub(super) fn person_after(&self, j: usize, max: usize, sent_end: usize) -> Option<usize> {
        for k in j..=j + max {
            if k >= sent_end {
                return None;
            }
            let w = self.w(k);
            if self.lex.has("person", w) {
                return Some(k + 1);
            }
            let t = &self.toks[k];
            // modifiers: adjectives, nationalities, ages ("25-year-old")
            let numword = numbers::is_card(w) || lexicon::numbers().has("vague", w);
            let glued_next = self
                .toks
                .get(k + 1)
                .is_some_and(|n| n.kind == Kind::Punct && n.lower == "-" && !n.space_before);
            let ok = (t.kind == Kind::Word
                && !numword
                && !self.lex.has("verb", w)
                && !self.lex.has("be_or_adverb", w)
                && !matches!(
                    w,
                    "of" | "in"
                        | "and"
                        | "were"
                        | "from"
                        | "at"
                        | "on"
                        | "a"
                        | "an"
                        | "the"
                        | "left"
                        | "after"
                        | "with"
                        | "to"
                        | "by"
                        | "for"
                ))
                || (t.kind == Kind::Punct && t.lower == "-")
                || (t.kind == Kind::Num && glued_next);
            if !ok {
                return None;
            }
        }
        None
    }

    /// Source of a figure in sentence [ss, se): "according to X", or the subject of
    /// the nearest reporting verb. Returns the token range of the source phrase.
    pub(super) fn source(&self, fig: Range<usize>, ss: usize, se: usize) -> Option<Range<usize>> {
        for k in ss..se.saturating_sub(1) {
            if self.w(k) == "according" && self.w(k + 1) == "to" {
                let start = k + 2;
                let mut end = start;
                while end < se && end - start < 8 && self.toks[end].kind != Kind::Punct {
                    end += 1;
                }
                return (end > start).then_some(start..end);
            }
        }
        // nearest reporting verb
        let mut best: Option<usize> = None;
        for k in ss..se {
            if self.lex.has("report", self.w(k)) && !(k >= fig.start && k < fig.end) {
                let d = if k < fig.start {
                    fig.start - k
                } else {
                    k - fig.end
                };
                if best.is_none_or(|b| {
                    let db = if b < fig.start {
                        fig.start - b
                    } else {
                        b - fig.end
                    };
                    d < db
                }) {
                    best = Some(k);
                }
            }
        }
        let v = best?;
        // subject: the words before the verb, back to a clause break
        let lower_bound = if v > fig.start { fig.end.max(ss) } else { ss };
        let mut start = v;
        while start > lower_bound {
            let p = start - 1;
            let t = &self.toks[p];
            if t.kind == Kind::Punct || self.lex.has("clause_break", t.lower.as_str()) || v - p > 6
            {
                break;
            }
            start = p;
        }
        if start == v {
            return None;
        }
        let phrase_is_pronoun = v - start == 1 && self.lex.has("pronoun", self.w(start));
        (!phrase_is_pronoun).then_some(start..v)
    }

    /// A number written as part of a name or code rather than a quantity: after an
    /// identifier word ("Route 66", "No. 10"), glued to a letter by a hyphen ("K-9",
    /// "F-16"), an emergency number before a call word ("911 hang-up"), a street address
    /// ("4500 SW 71st Avenue"). The words come from `figures.tsv`.
    pub(super) fn identifier_number(&self, i: usize, num_end: usize) -> bool {
        let toks = self.toks;
        if i > 0 && self.lex.has("idbefore", self.w(i - 1)) {
            return true;
        }
        if i >= 2
            && toks[i - 1].lower == "-"
            && !toks[i - 1].space_before
            && !toks[i].space_before
            && toks[i - 2].kind == Kind::Word
        {
            return true;
        }
        let digits = toks[i].lower.as_str();
        if self.lex.has("emergency", digits) && self.lex.has("callword", self.w(num_end)) {
            return true;
        }
        // Street address: up to four capitalised, compass or ordinal words, then a street word.
        let mut k = num_end;
        while k < toks.len() && k < num_end + 4 {
            let t = &toks[k];
            if self.lex.has("street", &t.lower) && t.cap && k > num_end {
                return true;
            }
            let ordinal = t.kind == Kind::Num
                && ["st", "nd", "rd", "th"]
                    .iter()
                    .any(|s| t.lower.ends_with(s));
            if !(t.cap && t.kind == Kind::Word || ordinal) {
                break;
            }
            k += 1;
        }
        false
    }

    /// A negator (`figures.tsv`, "negator") governs the figure `[start, end)`: in the few
    /// words of its clause before it ("neither ... nor three children"), or between it
    /// and its verb ("three people were not hurt").
    pub(super) fn negated(&self, start: usize, end: usize, ss: usize, se: usize) -> bool {
        let mut k = start;
        while k > ss && start - k < 8 {
            k -= 1;
            let t = &self.toks[k];
            if t.kind == Kind::Punct || self.lex.has("clause_break", t.lower.as_str()) {
                break;
            }
            if self.lex.has("negator", &t.lower) {
                return true;
            }
        }
        let mut k = end;
        while k < se && k < end + 4 {
            if self.lex.has("negator", self.w(k)) {
                return true;
            }
            if !self.lex.has("be_or_adverb", self.w(k)) {
                return false;
            }
            k += 1;
        }
        false
    }

    /// "from Israeli strikes" after a casualty figure: what it is about.
    pub(super) fn about(&self, e: usize, se: usize) -> Option<Range<usize>> {
        if !matches!(self.w(e), "from" | "in" | "during") {
            return None;
        }
        let start = e + 1;
        let mut end = start;
        while end < se && end - start < 8 {
            let t = &self.toks[end];
            if t.kind == Kind::Punct
                || matches!(
                    t.lower.as_str(),
                    "while" | "but" | "whereas" | "since" | "according"
                )
            {
                break;
            }
            end += 1;
        }
        (end > start).then_some(start..end)
    }
}
