//! Rules for recurring times (TIMEX3 SET): "daily", "weekly", "every week", "Mondays",
//! "Tuesday nights".

use super::{Hit, G};
use crate::numbers::parse_number;
use crate::times::resolve::Spec;
use crate::tokens::{is_terminal, Kind};

impl G<'_> {
    pub(super) fn rule_set(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        if let Some(v) = self.lex.get("set", w) {
            // "the Javan daily", "a weekly", "the daily Kompas": a newspaper, not a
            // frequency ("a daily rally" is one).
            let prev = if i > 0 { self.toks.get(i - 1) } else { None };
            let next = self.toks.get(i + 1);
            let det = prev
                .is_some_and(|p| matches!(p.lower.as_str(), "the" | "a" | "an" | "this" | "that"));
            let noun_follows = next.is_some_and(|n| {
                n.kind == Kind::Word
                    && !n.cap
                    && !matches!(
                        n.lower.as_str(),
                        "and" | "or" | "said" | "says" | "reported" | "newspaper" | "paper"
                    )
            });
            let newspaper = (det && !noun_follows)
                || next.is_some_and(|n| n.kind == Kind::Word && n.cap)
                || prev.is_some_and(|p| {
                    p.cap
                        && p.kind == Kind::Word
                        && self.sent[i - 1] == self.sent[i]
                        && !self.toks.get(i.wrapping_sub(2)).is_none_or(is_terminal)
                });
            if newspaper {
                return None;
            }
            return Some((i + 1, Spec::Set(v.to_string())));
        }
        // "on Mondays", "Tuesday nights": every such day (or part of it).
        if let Some(set) = self.weekday_set_at(i) {
            return Some(set);
        }
        if !matches!(w, "every" | "each") {
            return None;
        }
        let j = i + 1;
        if let Some((dow, e)) = self.weekday_at(j) {
            return Some((e, Spec::Set(format!("XXXX-WXX-{dow}"))));
        }
        if let Some((p, e)) = self.part_at(j) {
            return Some((e, Spec::Set(format!("XXXX-XX-XXT{p}"))));
        }
        // "each July", "every Jan. 5": that month or day of every year.
        if let Some((m, e, _)) = self.month_at(j) {
            return Some(
                match self
                    .day_at(e)
                    .filter(|(d, _)| *d <= crate::calendar::days_in_month(2000, m))
                {
                    Some((d, e2)) => (e2, Spec::Set(format!("XXXX-{m:02}-{d:02}"))),
                    None => (e, Spec::Set(format!("XXXX-{m:02}"))),
                },
            );
        }
        let (n, k) = match parse_number(self.toks, j) {
            Some(num) if !num.vague => (num.value, num.end),
            _ => (1.0, j),
        };
        let (u, e) = self.unit_at(k)?;
        Some((e, Spec::Set(u.duration(Some(n)))))
    }

    /// A plural weekday ("Mondays") or a weekday before a plural part of the day
    /// ("Tuesday nights"): a set.
    pub(super) fn weekday_set_at(&self, i: usize) -> Option<Hit> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Word || !t.cap {
            return None;
        }
        let (dow, plural) = match t
            .lower
            .strip_suffix('s')
            .and_then(|w| self.lex.get("weekday", w))
            .filter(|_| t.lower.ends_with("days"))
        {
            Some(d) => (d.parse::<u32>().ok()?, true),
            None => (self.weekday_at(i).filter(|(_, e)| *e == i + 1)?.0, false),
        };
        let part = self
            .w(i + 1)
            .strip_suffix('s')
            .and_then(|p| self.lex.get("partofday", p));
        match part {
            Some(p) => Some((i + 2, Spec::Set(format!("XXXX-WXX-{dow}T{p}")))),
            None if plural => Some((i + 1, Spec::Set(format!("XXXX-WXX-{dow}")))),
            None => None,
        }
    }
}
