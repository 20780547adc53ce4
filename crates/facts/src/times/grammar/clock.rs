//! Rules for times of day: clock times with their zone and day ("3 p.m. GMT
//! Tuesday"), parts of the day ("Monday morning", "tonight").

use super::{Hit, G};
use crate::times::resolve::Spec;
use crate::tokens::Kind;

impl G<'_> {
    /// A part of the day before its day ("afternoon yesterday", "evening Friday"), or
    /// after "mid" ("mid-afternoon"): on the day named, else on the reference day.
    pub(super) fn rule_part_day(&self, i: usize) -> Option<Hit> {
        let (p, e) = self.part_at(i)?;
        if let Some(n) = self
            .lex
            .get("deictic", self.w(e))
            .and_then(|n| n.parse::<i64>().ok())
            .filter(|_| self.w(e) != "tonight")
        {
            return Some((
                e + 1,
                Spec::PartOfDay {
                    base: Box::new(Spec::Deictic(n)),
                    part: p,
                },
            ));
        }
        if let Some((dow, e2)) = self.weekday_at(e) {
            return Some((
                e2,
                Spec::PartOfDay {
                    base: Box::new(Spec::Weekday { dow, dir: 0 }),
                    part: p,
                },
            ));
        }
        let mid = (i >= 1 && self.is(i - 1, "mid"))
            || (i >= 2 && self.hyphen(i - 1) && self.is(i - 2, "mid"));
        mid.then(|| {
            (
                e,
                Spec::PartOfDay {
                    base: Box::new(Spec::Deictic(0)),
                    part: p,
                },
            )
        })
    }

    pub(super) fn rule_clock(&self, i: usize) -> Option<Hit> {
        let t = self.toks.get(i)?;
        let w = t.lower.as_str();
        // "High Noon", "Midnight Express": a capitalised title, not a clock time.
        if matches!(w, "noon" | "midday" | "midnight")
            && t.cap
            && i > 0
            && self.sent[i - 1] == self.sent[i]
            && self.toks[i - 1].cap
            && self.toks[i - 1].kind == Kind::Word
        {
            return None;
        }
        if matches!(w, "noon" | "midday") {
            return Some(self.clock_day(
                i + 1,
                Spec::TimeOfDay {
                    base: None,
                    h: 12,
                    min: 0,
                    utc: false,
                },
            ));
        }
        if w == "midnight" {
            return Some(self.clock_day(
                i + 1,
                Spec::TimeOfDay {
                    base: None,
                    h: 24,
                    min: 0,
                    utc: false,
                },
            ));
        }
        if t.kind != Kind::Num {
            return None;
        }
        let (digits, glued) = match w.find(|c: char| c.is_alphabetic()) {
            Some(p) => w.split_at(p),
            None => (w, ""),
        };
        let (h, min): (u32, u32) = match digits.split_once(':') {
            Some((h, m)) if m.len() == 2 && h.len() <= 2 => (h.parse().ok()?, m.parse().ok()?),
            None if digits.len() <= 2 => (digits.parse().ok()?, 0),
            _ => return None,
        };
        let mut e = i + 1;
        let ampm = if matches!(glued, "am" | "pm") {
            Some(glued)
        } else if glued.is_empty()
            && matches!(self.w(e), "am" | "pm")
            && self.toks[e].lower.len() == 2
        {
            // "3 p.m." / "3 pm"; a bare "am" after a number is the time marker.
            e += 1;
            Some(self.w(e - 1))
        } else if !glued.is_empty() {
            return None;
        } else if self.is(e, "in")
            && self.is(e + 1, "the")
            && matches!(self.w(e + 2), "morning" | "afternoon" | "evening")
        {
            // "4 in the morning", "3 in the afternoon"
            e += 3;
            Some(if self.w(e - 1) == "morning" {
                "am"
            } else {
                "pm"
            })
        } else {
            None
        };
        if ampm.is_none() && !digits.contains(':') {
            return None;
        }
        if h > 24 || min > 59 || (ampm.is_some() && !(1..=12).contains(&h)) {
            return None;
        }
        let h = match ampm {
            Some("pm") if h < 12 => h + 12,
            Some("am") if h == 12 => 0,
            _ => h,
        };
        // A ratio or verse number (3:2, John 3:16) is not a time: hh:mm needs two-digit
        // minutes and no number right before it.
        if ampm.is_none() {
            let after_num = i > 0 && self.toks[i - 1].kind == Kind::Num;
            let two = digits.split_once(':').is_some_and(|(_, m)| m.len() == 2);
            if after_num || !two {
                return None;
            }
        }
        // Time zone abbreviation; UTC/GMT times are written with ISO 8601's "Z".
        let utc = matches!(self.w(e), "gmt" | "utc");
        if self.lex.has("timezone", self.w(e)) {
            e += 1;
        }
        // "10 p.m. Wednesday", "5 p.m. EST, Nov. 9", "noon on Thursday": the day it is on.
        Some(self.clock_day(
            e,
            Spec::TimeOfDay {
                base: None,
                h,
                min,
                utc,
            },
        ))
    }

    /// A weekday, date or deictic day right after a clock time becomes its base.
    pub(super) fn clock_day(&self, e: usize, clock: Spec) -> Hit {
        let Spec::TimeOfDay { h, min, utc, .. } = clock else {
            return (e, clock);
        };
        let mut k = e;
        if self.is(k, ",") || self.is(k, "on") {
            k += 1;
        }
        let day = self
            .weekday_at(k)
            .map(|(dow, end)| (end, Spec::Weekday { dow, dir: 0 }))
            .or_else(|| {
                self.rule_month(k)
                    .filter(|(_, s)| matches!(s, Spec::Cal { d: Some(_), .. }))
            })
            .or_else(|| self.rule_day_month(k))
            .or_else(|| {
                self.lex
                    .get("deictic", self.w(k))
                    .and_then(|n| n.parse().ok())
                    .map(|n| (k + 1, Spec::Deictic(n)))
            });
        match day {
            Some((end, base)) => (
                end,
                Spec::TimeOfDay {
                    base: Some(Box::new(base)),
                    h,
                    min,
                    utc,
                },
            ),
            None => (e, clock),
        }
    }
}
