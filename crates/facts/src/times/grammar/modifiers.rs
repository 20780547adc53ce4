//! Modifiers before an expression (TIMEX3 mod): position ("early", "mid-", "the end
//! of") and quantity ("more than", "nearly"); and year-end forms ("by the year's end").

use super::G;
use crate::times::resolve::{Spec, Unit};
use newsgraph_model::TimeMod;

impl G<'_> {
    /// A position modifier before a date: early, mid-, late, the end of, earlier this.
    pub(super) fn date_mod(&self, i: usize) -> Option<(usize, TimeMod)> {
        let w = self.w(i);
        let (m, mut j) = match w {
            "early" => (TimeMod::Start, i + 1),
            "mid" => (TimeMod::Mid, i + 1),
            "late" => (TimeMod::End, i + 1),
            "earlier" if matches!(self.w(i + 1), "this" | "that") => (TimeMod::Start, i + 1),
            "later" if matches!(self.w(i + 1), "this" | "that") => (TimeMod::End, i + 1),
            "the" | "end" | "beginning" | "start" | "middle" | "turn" => {
                let k = if w == "the" { i + 1 } else { i };
                let m = match self.w(k) {
                    "end" => TimeMod::End,
                    "beginning" | "start" | "turn" => TimeMod::Start,
                    "middle" => TimeMod::Mid,
                    _ => return None,
                };
                if !self.is(k + 1, "of") {
                    return None;
                }
                (m, k + 2)
            }
            _ => return None,
        };
        if self.hyphen(j) {
            j += 1;
        }
        Some((j, m))
    }

    /// A quantity modifier before a duration or an "ago": more than, at least, nearly.
    pub(super) fn qual_mod(&self, i: usize) -> Option<(usize, TimeMod)> {
        Some(match (self.w(i), self.w(i + 1)) {
            // "over the past decade" is a preposition, "over two years" a quantity.
            ("over" | "under", "the" | "this" | "that" | "these" | "those") => return None,
            ("more", "than") | ("over", _) => (
                TimeMod::MoreThan,
                if self.w(i) == "over" { i + 1 } else { i + 2 },
            ),
            ("less", "than") | ("under", _) => (
                TimeMod::LessThan,
                if self.w(i) == "under" { i + 1 } else { i + 2 },
            ),
            ("at", "least") => (TimeMod::EqualOrMore, i + 2),
            ("at", "most") | ("up", "to") => (TimeMod::EqualOrLess, i + 2),
            ("nearly", _) | ("almost", _) => (TimeMod::Approx, i + 1),
            ("about", _) | ("around", _) | ("approximately", _) | ("roughly", _) => {
                (TimeMod::Approx, i + 1)
            }
            _ => return None,
        })
        .map(|(m, j)| (j, m))
    }

    /// "by year-end", "since year end", "before the year's end", "at year-end 1988":
    /// the end of a year, after a preposition (a bare "year-end" is mostly an adjective).
    pub(super) fn year_end_at(&self, i: usize) -> Option<(usize, Spec)> {
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        let j = if self.is(i, "the") && matches!(self.w(i + 2), "'s" | "’s" | "'" | "’") {
            i + 1
        } else {
            i
        };
        if !self.is(j, "year") {
            return None;
        }
        let e = match self.w(j + 1) {
            "end" => j + 2,
            "'s" | "’s" if self.is(j + 2, "end") => j + 3,
            "'" | "’" if self.is(j + 2, "s") && self.is(j + 3, "end") => j + 4,
            _ if self.hyphen(j + 1) && self.is(j + 2, "end") => j + 3,
            _ => return None,
        };
        if !self.lex.has("year_end_prep", prev) {
            return None;
        }
        if let Some((y, e2)) = self.year_at(e) {
            return Some((
                e2,
                Spec::Cal {
                    y: Some(y),
                    m: None,
                    d: None,
                },
            ));
        }
        // "since year-end" looks back to the last one.
        let n = if prev == "since" { -1 } else { 0 };
        Some((
            e,
            Spec::Rel {
                unit: Unit::Year,
                n: Some(n),
            },
        ))
    }
}
