//! Token readers: what one token (or a short run) is as a piece of a date — a month
//! name, a day number, a year, a unit, a weekday, a part of the day, a direction word.

use super::G;
use crate::numbers::{parse_number, parse_ordinal};
use crate::times::resolve::Unit;
use crate::tokens::Kind;

impl G<'_> {
    /// Month name at `i`: (month, end, strong). Abbreviations take their dot.
    pub(super) fn month_at(&self, i: usize) -> Option<(u32, usize, bool)> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Word || !t.cap {
            return None;
        }
        let m: u32 = self.lex.get("month", &t.lower)?.parse().ok()?;
        let full = t.lower.len() > 4 || matches!(t.lower.as_str(), "june" | "july");
        let mut end = i + 1;
        let mut dotted = false;
        if !full
            && self
                .toks
                .get(end)
                .is_some_and(|d| d.lower == "." && !d.space_before)
        {
            end += 1;
            dotted = true;
        }
        // Only "May" and undotted abbreviations need more context to be a month.
        let strong = (full && t.lower != "may") || (dotted && t.lower != "mar");
        Some((m, end, strong))
    }

    pub(super) fn day_at(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Num {
            return None;
        }
        let d: u32 = if t.lower.len() <= 2 && t.lower.bytes().all(|c| c.is_ascii_digit()) {
            t.lower.parse().ok()?
        } else {
            let (v, _) = parse_ordinal(self.toks, i)?;
            u32::try_from(v).ok()?
        };
        (1..=31).contains(&d).then_some((d, i + 1))
    }

    pub(super) fn year_at(&self, i: usize) -> Option<(i64, usize)> {
        let t = self.toks.get(i)?;
        if t.kind == Kind::Word {
            return self.spelled_year_at(i);
        }
        if t.kind != Kind::Num || t.lower.len() != 4 || !t.lower.bytes().all(|c| c.is_ascii_digit())
        {
            return None;
        }
        let y: i64 = t.lower.parse().ok()?;
        (1000..=2999).contains(&y).then_some((y, i + 1))
    }

    /// A year read out in words, as in broadcast transcripts: "nineteen ninety-six",
    /// "twenty fifteen" (century word, then a two-digit number of at least ten).
    pub(super) fn spelled_year_at(&self, i: usize) -> Option<(i64, usize)> {
        let century: i64 = match self.w(i) {
            "eighteen" => 18,
            "nineteen" => 19,
            "twenty" => 20,
            _ => return None,
        };
        let next = self.toks.get(i + 1)?;
        if next.kind != Kind::Word {
            return None;
        }
        let num = parse_number(self.toks, i + 1)?;
        if num.digits
            || num.vague
            || !(10.0..100.0).contains(&num.value)
            || num.value.fract() != 0.0
        {
            return None;
        }
        Some((century * 100 + num.value as i64, num.end))
    }

    pub(super) fn unit_at(&self, i: usize) -> Option<(Unit, usize)> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Word {
            return None;
        }
        let u = Unit::from_code(self.lex.get("unit", &t.lower)?)?;
        Some((u, i + 1))
    }

    pub(super) fn weekday_at(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Word || !t.cap {
            return None;
        }
        let d: u32 = self.lex.get("weekday", &t.lower)?.parse().ok()?;
        if t.lower.len() <= 5 && !t.lower.ends_with("day") {
            // Abbreviation: only with its dot.
            if self
                .toks
                .get(i + 1)
                .is_some_and(|d| d.lower == "." && !d.space_before)
            {
                return Some((d, i + 2));
            }
            return None;
        }
        Some((d, i + 1))
    }

    /// A half after a count: "1/2" (as in "5 1/2") or "and a half"; the end.
    pub(super) fn half_at(&self, i: usize) -> Option<usize> {
        if self.w(i) == "1/2" && self.toks.get(i).is_some_and(|t| t.kind == Kind::Num) {
            return Some(i + 1);
        }
        (self.is(i, "and") && self.is(i + 1, "a") && self.is(i + 2, "half")).then_some(i + 3)
    }

    pub(super) fn part_at(&self, i: usize) -> Option<(&'static str, usize)> {
        let p = self.lex.get("partofday", self.w(i))?;
        Some((p, i + 1))
    }

    /// Direction word: this (0), last (−1), next (+1).
    pub(super) fn dir_at(&self, i: usize) -> Option<(i8, usize)> {
        Some(match self.w(i) {
            "this" | "current" => (0, i + 1),
            "last" | "past" | "previous" | "prior" => (-1, i + 1),
            "next" | "coming" | "following" => (1, i + 1),
            _ => return None,
        })
    }
}
