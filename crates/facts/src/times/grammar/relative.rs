//! Rules for expressions relative to the document date: deictic words ("today",
//! "yesterday"), directions with units ("last week", "the next two years"), counts
//! and "ago", "the year", vague periods ("recently", "the past").

use super::{phrases, Hit, G};
use crate::numbers::{parse_number, parse_ordinal};
use crate::times::resolve::{Spec, Unit};
use crate::tokens::Kind;

impl G<'_> {
    pub(super) fn rule_phrase(&self, i: usize, cat: &'static str) -> Option<(usize, &'static str)> {
        phrases(cat)
            .iter()
            .find(|(p, _)| self.phrase_at(i, p))
            .map(|(p, v)| (i + p.len(), *v))
    }

    pub(super) fn rule_ref(&self, i: usize) -> Option<Hit> {
        let (end, v) = self.rule_phrase(i, "ref")?;
        // "the past two years" is a duration, "the past week" a date: let those rules take it.
        if matches!(self.w(i + 1), "past")
            && (parse_number(self.toks, end).is_some() || self.unit_at(end).is_some())
        {
            return None;
        }
        // Discourse "Now, ..." opening a sentence does not refer to the present (TimeML);
        // "now that ..." does.
        let opens = i == 0
            || self.sent[i - 1] != self.sent[i]
            || matches!(self.w(i - 1), "\"" | "``" | "“");
        if self.w(i) == "now" && opens && self.is(i + 1, ",") {
            return None;
        }
        // "the future of the talks" is their prospects, not a time.
        if v == "FUTURE_REF" && self.is(end, "of") {
            return None;
        }
        Some((end, Spec::Ref(v)))
    }

    /// "Islam will one day be ...", "he hopes she someday runs": an unspecified future
    /// time, not a duration of one day.
    pub(super) fn rule_someday(&self, i: usize) -> Option<Hit> {
        let e = match (self.w(i), self.w(i + 1)) {
            ("someday", _) => i + 1,
            ("one" | "some", "day") => i + 2,
            _ => return None,
        };
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        let modal = self.lex.has("modal", prev);
        let subject = matches!(prev, "he" | "she" | "they" | "we" | "i" | "you" | "it");
        let verb_follows = self
            .toks
            .get(e)
            .is_some_and(|t| t.kind == Kind::Word && !t.cap)
            && !self.lex.has("not_verb_after", self.w(e));
        ((modal || subject) && verb_follows).then_some((e, Spec::Ref("FUTURE_REF")))
    }

    pub(super) fn rule_deictic(&self, i: usize) -> Option<Hit> {
        // "the day before yesterday", "the day after tomorrow": days from today.
        if let Some((end, v)) = self.rule_phrase(i, "deixis") {
            return Some((end, Spec::Deictic(v.parse().ok()?)));
        }
        let w = self.w(i);
        if let Some(n) = self.lex.get("deictic", w) {
            let n: i64 = n.parse().ok()?;
            let base = Spec::Deictic(n);
            if w == "tonight" {
                return Some((
                    i + 1,
                    Spec::PartOfDay {
                        base: Box::new(base),
                        part: "NI",
                    },
                ));
            }
            if let Some((p, e)) = self.part_at(i + 1) {
                return Some((
                    e,
                    Spec::PartOfDay {
                        base: Box::new(base),
                        part: p,
                    },
                ));
            }
            return Some((i + 1, base));
        }
        // this morning, last night
        match (w, self.part_at(i + 1)) {
            ("this", Some((p, e))) => Some((
                e,
                Spec::PartOfDay {
                    base: Box::new(Spec::Deictic(0)),
                    part: p,
                },
            )),
            ("last", Some(("NI", e))) => Some((
                e,
                Spec::PartOfDay {
                    base: Box::new(Spec::Deictic(-1)),
                    part: "NI",
                },
            )),
            _ => None,
        }
    }

    /// this/last/next + unit, month, weekday or season.
    pub(super) fn rule_dir(&self, i: usize) -> Option<Hit> {
        let (dir, j) = self.dir_at(i)?;
        if self.w(i) == "this" && self.is(j, "coming") {
            return self.rule_dir(j);
        }
        // "this past spring": the latest one, in the reference's year.
        if self.w(i) == "this" && matches!(self.w(j), "past" | "last") {
            return self.rule_dir(j).map(|(e, spec)| match spec {
                Spec::Season { y, s, .. } => (e, Spec::Season { y, rel: 0, s }),
                other => (e, other),
            });
        }
        if let Some((u, e)) = self.unit_at(j) {
            let plural = self.w(j).ends_with('s');
            if plural {
                return None;
            }
            let spec = match u {
                Unit::Quarter => Spec::QuarterRel(dir as i64),
                Unit::Day => match dir {
                    0 => Spec::Deictic(0),
                    _ => Spec::RelPrev {
                        unit: Unit::Day,
                        n: Some(dir as i64),
                    },
                },
                Unit::Second | Unit::Minute | Unit::Hour => return None,
                // "the following year", "the previous month": from the text's last date.
                _ if matches!(self.w(i), "following" | "previous" | "prior") => Spec::RelPrev {
                    unit: u,
                    n: Some(dir as i64),
                },
                // "the past decade" is the last ten years.
                Unit::Decade | Unit::Century if self.w(i) == "past" => {
                    Spec::Duration(u.duration(Some(1.0)))
                }
                _ => Spec::Rel {
                    unit: u,
                    n: Some(dir as i64),
                },
            };
            return Some((e, spec));
        }
        if let Some((m, e, _)) = self.month_at(j) {
            // "last Oct. 23": the latest such date before the reference.
            if let Some((d, e2)) = self
                .day_at(e)
                .filter(|(d, _)| *d <= crate::calendar::days_in_month(2000, m))
            {
                return Some((
                    e2,
                    Spec::Annual {
                        y: None,
                        m,
                        d,
                        dow: None,
                        dir,
                    },
                ));
            }
            return Some((e, Spec::RelMonth { m, dir }));
        }
        if self.weekday_at(j).is_some() {
            return self.rule_weekday(j, dir);
        }
        if let Some(s) = self.lex.get("season", self.w(j)) {
            return Some((
                j + 1,
                Spec::Season {
                    y: None,
                    rel: dir as i64,
                    s,
                },
            ));
        }
        None
    }

    /// Counted units: two weeks ago, three days later, five years, the past two months,
    /// a five-year plan, the first nine months.
    pub(super) fn rule_count(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        let has_the = self.is(j, "the");
        if has_the {
            j += 1;
        }
        let mut prefixed = false;
        if self.lex.has("count_modifier", self.w(j)) {
            j += 1;
            prefixed = true;
        }
        if matches!(self.w(j), "a" | "an")
            && self.is(j + 1, "second")
            && !matches!(self.w(j + 2), "ago" | "later" | "earlier")
        {
            return None;
        }
        // "a year", "an additional year"
        let article = matches!(self.w(j), "a" | "an")
            && (self.unit_at(j + 1).is_some()
                || (matches!(self.w(j + 1), "additional" | "extra" | "further")
                    && self.unit_at(j + 2).is_some()));
        let (n, k) = if article {
            (Some(1.0), j + 1)
        } else {
            let num = parse_number(self.toks, j)?;
            // "the 1989 quarter": a year, not a count.
            if num.value > 1e6 || (num.digits && num.value >= 1000.0 && !self.w(j).contains(',')) {
                return None;
            }
            // "a couple of years" is two; other vague counts stay unknown.
            let couple = num.vague && (self.is(j, "couple") || self.is(j + 1, "couple"));
            let end = if couple && self.is(num.end, "of") {
                num.end + 1
            } else {
                num.end
            };
            (
                if num.vague {
                    couple.then_some(2.0)
                } else {
                    Some(num.value)
                },
                end,
            )
        };
        // "two more weeks", "eight trading days"
        let k = if matches!(
            self.w(k),
            "more" | "additional" | "extra" | "further" | "trading" | "business" | "working"
        ) && self.unit_at(k + 1).is_some()
        {
            k + 1
        } else {
            k
        };
        // "2 1/2 years", "two and a half years"
        let (n, k) = match self.half_at(k) {
            Some(e) => (n.map(|v| v + 0.5), e),
            None => (n, k),
        };
        let hyph = self.hyphen(k);
        let k = if hyph { k + 1 } else { k };
        let (unit, e) = self.unit_at(k)?;
        // "a minute and a half"
        let (n, e) = match self.half_at(e) {
            Some(e2) if !hyph => (n.map(|v| v + 0.5), e2),
            _ => (n, e),
        };
        // year-earlier, year-end, day-long: other rules (or none) read these.
        if self.hyphen(e) && matches!(self.w(e + 1), "ago" | "earlier" | "end" | "long") {
            return None;
        }
        // Ages (a 6-year-old) and fractions (three-quarters) are not times.
        if (self.hyphen(e) && matches!(self.w(e + 1), "old" | "olds"))
            || self.is(e, "old")
            || (hyph && self.w(k).ends_with('s'))
        {
            return None;
        }
        if has_the && !prefixed && !matches!(self.w(e), "ago" | "earlier" | "later") && !hyph {
            // "the two years" reads oddly; "the nine months" is common in reports.
            n?;
        }
        let count = n.map(|v| v.round() as i64);
        // "a minute and a half later": without a clock time to count from, a duration.
        let sub_day = matches!(unit, Unit::Second | Unit::Minute | Unit::Hour);
        if sub_day && matches!(self.w(e), "later" | "earlier") {
            return Some((e + 1, Spec::Duration(unit.duration(n))));
        }
        if !prefixed && !hyph {
            match self.w(e) {
                "ago" => {
                    if unit == Unit::Year && count == Some(1) {
                        return Some((e + 1, Spec::YearAgo));
                    }
                    return Some((
                        e + 1,
                        Spec::Rel {
                            unit,
                            n: count.map(|c| -c),
                        },
                    ));
                }
                "earlier" | "before" if self.w(e) == "earlier" || !self.word(e + 1) => {
                    if unit == Unit::Year && count == Some(1) {
                        return Some((e + 1, Spec::YearAgo));
                    }
                    return Some((
                        e + 1,
                        Spec::RelPrev {
                            unit,
                            n: count.map(|c| -c),
                        },
                    ));
                }
                "later" | "after" if self.w(e) == "later" || !self.word(e + 1) => {
                    return Some((e + 1, Spec::RelPrev { unit, n: count }));
                }
                "from" if self.is(e + 1, "now") => {
                    return Some((e + 2, Spec::Rel { unit, n: count }));
                }
                "hence" => return Some((e + 1, Spec::Rel { unit, n: count })),
                _ => {}
            }
        }
        // "will return in two days", "in three weeks' time": a date that many units from
        // now. Without a future clause it is how long something takes ("rebuilt in two
        // days").
        let time_after =
            self.is(e, "time") || (matches!(self.w(e), "'" | "’") && self.is(e + 1, "time"));
        if !prefixed
            && !hyph
            && !has_the
            && i > 0
            && self.is(i - 1, "in")
            && count.is_some()
            && matches!(unit, Unit::Day | Unit::Week | Unit::Month | Unit::Year)
            && (time_after || self.future(i - 1, e))
        {
            let e = if matches!(self.w(e), "'" | "’") && self.is(e + 1, "time") {
                e + 2
            } else if self.is(e, "time") {
                e + 1
            } else {
                e
            };
            return Some((e, Spec::Rel { unit, n: count }));
        }
        if hyph && matches!(self.w(e), "earlier" | "ago") && unit == Unit::Year && count == Some(1)
        {
            // year-earlier, year-ago (adjectives in earnings reports)
            return None;
        }
        // "a year" after once/twice/times/per is a frequency.
        if n == Some(1.0) && matches!(self.w(j), "a" | "an") {
            let prev = if i > 0 { self.w(i - 1) } else { "" };
            if matches!(prev, "once" | "twice" | "times" | "thrice" | "per") {
                return Some((e, Spec::Set(unit.duration(Some(1.0)))));
            }
        }
        Some((e, Spec::Duration(unit.duration(n))))
    }

    /// A year unit word without a number: a year ago, year-earlier, the year-ago quarter.
    pub(super) fn rule_year_ago(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        let has_the = self.is(j, "the");
        if has_the {
            j += 1;
        }
        // "last year's quarter", "the corresponding period last year": the period a year
        // before the one the report is about.
        let period = |k: usize| matches!(self.w(k), "quarter" | "period");
        if self.is(j, "last") && self.is(j + 1, "year") {
            let k = match self.w(j + 2) {
                "'s" | "’s" => j + 3,
                "'" | "’" if self.is(j + 3, "s") => j + 4,
                _ => return None,
            };
            if period(k) {
                return Some((k + 1, Spec::YearAgo));
            }
        }
        if has_the && matches!(self.w(j), "same" | "corresponding" | "comparable") && period(j + 1)
        {
            let k = if self.is(j + 2, "of") { j + 3 } else { j + 2 };
            let k = if self.is(k, "the") { k + 1 } else { k };
            if self.is(k, "last") && self.is(k + 1, "year") {
                return Some((k + 2, Spec::YearAgo));
            }
        }
        if !self.is(j, "year") || !self.hyphen(j + 1) || !matches!(self.w(j + 2), "ago" | "earlier")
        {
            return None;
        }
        let mut e = j + 3;
        if matches!(
            self.w(e),
            "quarter" | "period" | "level" | "levels" | "figure"
        ) {
            e += 1;
        } else if let Some((ord, k)) =
            parse_ordinal(self.toks, e).filter(|(o, _)| (1..=4).contains(o))
        {
            // "the year-ago third quarter"
            let k = if self.hyphen(k) { k + 1 } else { k };
            if !self.is(k, "quarter") {
                return None;
            }
            return Some((k + 1, Spec::QuarterLastYear(ord as u32)));
        } else if has_the {
            return None;
        }
        Some((e, Spec::YearAgo))
    }

    /// "the year", "the full year", "the current fiscal year": the reference's year
    /// ("the year ended ..." is a year-long period); "the year 2000", "the year two
    /// thousand"; "that year", "that same day": the unit of the previous date.
    pub(super) fn rule_the_year(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        if matches!(w, "that" | "the") && (self.is(i + 1, "same") || w == "that") {
            let j = if self.is(i + 1, "same") { i + 2 } else { i + 1 };
            let (unit, e) = self.unit_at(j)?;
            if !matches!(unit, Unit::Day | Unit::Week | Unit::Month | Unit::Year)
                || self.w(j).ends_with('s')
                || self.hyphen(e)
            {
                return None;
            }
            return Some((e, Spec::RelPrev { unit, n: Some(0) }));
        }
        if w != "the" {
            return None;
        }
        let mut j = i + 1;
        if matches!(self.w(j), "full" | "current" | "latest") {
            j += 1;
        }
        if self.is(j, "fiscal") {
            j += 1;
        }
        // "Businessman of the Year" is a title.
        if !self.is(j, "year") || self.hyphen(j + 1) || self.toks.get(j).is_some_and(|t| t.cap) {
            return None;
        }
        let e = j + 1;
        if j == i + 1 {
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
            if let Some(num) = parse_number(self.toks, e).filter(|n| {
                !n.digits
                    && !n.vague
                    && (1000.0..3000.0).contains(&n.value)
                    && n.value.fract() == 0.0
            }) {
                return Some((
                    num.end,
                    Spec::Cal {
                        y: Some(num.value as i64),
                        m: None,
                        d: None,
                    },
                ));
            }
        }
        // "the current year that ..." is still this year; "the year that ..." is anaphoric.
        let named = matches!(self.w(i + 1), "current" | "latest");
        match self.w(e) {
            "ended" | "ending" | "to" => Some((e, Spec::Duration(Unit::Year.duration(Some(1.0))))),
            "before" | "after" | "earlier" | "later" | "ago" | "of" | "in" | "'s" | "s"
            | "when" | "that"
                if !named =>
            {
                None
            }
            _ => Some((
                e,
                Spec::Rel {
                    unit: Unit::Year,
                    n: Some(if self.is(i + 1, "latest") { -1 } else { 0 }),
                },
            )),
        }
    }

    /// Bare plural units: for years, days later, years ago.
    pub(super) fn rule_bare_units(&self, i: usize) -> Option<Hit> {
        let (unit, e) = self.unit_at(i)?;
        if !self.w(i).ends_with('s') {
            return None;
        }
        match self.w(e) {
            "ago" => return Some((e + 1, Spec::Rel { unit, n: None })),
            "later" => return Some((e + 1, Spec::RelPrev { unit, n: None })),
            "earlier" => return Some((e + 1, Spec::RelPrev { unit, n: None })),
            _ => {}
        }
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        if matches!(prev, "for" | "over" | "within") {
            return Some((e, Spec::Duration(unit.duration(None))));
        }
        None
    }

    /// Vague stretches of time before or after the reference: "recent years", "the
    /// coming weeks", "the months ahead" (TimeML durations with an unknown count).
    pub(super) fn rule_vague_period(&self, i: usize) -> Option<Hit> {
        let j = if self.is(i, "the") { i + 1 } else { i };
        let (k, ahead) = match self.w(j) {
            "recent" | "coming" | "upcoming" => (j + 1, false),
            _ if j > i => (j, true),
            _ => return None,
        };
        let (unit, e) = self.unit_at(k)?;
        if !self.w(k).ends_with('s') || matches!(unit, Unit::Second | Unit::Minute | Unit::Weekend)
        {
            return None;
        }
        if ahead && !self.is(e, "ahead") {
            return None;
        }
        Some((
            if ahead { e + 1 } else { e },
            Spec::Duration(unit.duration(None)),
        ))
    }

    /// "a day-long meeting", "a decades-long feud": a duration used as an adjective;
    /// "over the years": an unspecified stretch of years; "for a while".
    pub(super) fn rule_long(&self, i: usize) -> Option<Hit> {
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        // "for a while": a stretch of unknown length and unit.
        if self.is(i, "a")
            && self.is(i + 1, "while")
            && matches!(prev, "for" | "in" | "after" | "within")
        {
            return Some((i + 2, Spec::Duration("PXX".into())));
        }
        if self.is(i, "the") {
            let (unit, e) = self.unit_at(i + 1)?;
            let plural = self.w(i + 1).ends_with('s');
            return (plural
                && unit == Unit::Year
                && matches!(prev, "over" | "through" | "across" | "down"))
            .then(|| (e, Spec::Duration(unit.duration(None))));
        }
        let (unit, e) = self.unit_at(i)?;
        if !self.hyphen(e)
            || !self.is(e + 1, "long")
            || matches!(unit, Unit::Weekend | Unit::Fortnight)
        {
            return None;
        }
        let n = if self.w(i).ends_with('s') {
            None
        } else {
            Some(1.0)
        };
        Some((e + 2, Spec::Duration(unit.duration(n))))
    }
}
