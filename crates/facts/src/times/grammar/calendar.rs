//! Rules for calendar expressions: month and day names, years and decades, quarters
//! and halves, seasons, holidays, weekends and numeric dates ("12/03/2024").

use super::{Hit, G};
use crate::numbers::parse_ordinal;
use crate::times::resolve::{Spec, Unit};
use crate::tokens::Kind;

impl G<'_> {
    /// Holidays: fixed (`12-25`) or a weekday on or after a day (`11-22-4`, Thanksgiving),
    /// optionally after last/next/this or before a year.
    pub(super) fn rule_holiday(&self, i: usize) -> Option<Hit> {
        let (dir, i) = match self.dir_at(i) {
            Some((dir, j)) => (dir, j),
            None => (0, i),
        };
        if !self.toks.get(i).is_some_and(|t| t.cap) {
            return None;
        }
        let (end, v) = self.rule_phrase(i, "holiday")?;
        // Movable feasts: "easter+N" days from Easter Sunday; "Easter week".
        if let Some(off) = v.strip_prefix("easter") {
            let offset: i64 = off.trim_start_matches('+').parse().ok()?;
            let week = offset == 0 && self.is(end, "week");
            let end = if week { end + 1 } else { end };
            let (end, y) = match self.year_at(end) {
                Some((y, e)) => (e, Some(y)),
                None => (end, None),
            };
            return Some((
                end,
                Spec::Easter {
                    y,
                    offset,
                    dir,
                    week,
                },
            ));
        }
        let mut parts = v.split('-').map(|p| p.parse::<u32>().ok());
        let (m, d) = (parts.next()??, parts.next()??);
        let dow = parts.next().flatten();
        let (mut end, mut y) = (end, None);
        if let Some((yy, e)) = self.year_at(end) {
            y = Some(yy);
            end = e;
        }
        if dow.is_none() && dir == 0 {
            return Some((
                end,
                Spec::Cal {
                    y,
                    m: Some(m),
                    d: Some(d),
                },
            ));
        }
        Some((end, Spec::Annual { y, m, d, dow, dir }))
    }

    /// After a month-day date ending at `i`: "and 25", "or 26", "to 28" as a day of the
    /// same month (not "and 25 people", "and 25,000"); the day, its end and a year
    /// written after it.
    pub(super) fn coordinated_day(&self, i: usize, m: u32) -> Option<(u32, usize, Option<i64>)> {
        if !matches!(self.w(i), "and" | "or" | "to" | "through") {
            return None;
        }
        let t = self.toks.get(i + 1)?;
        if t.kind != Kind::Num || t.lower.len() > 2 || !t.lower.bytes().all(|c| c.is_ascii_digit())
        {
            return None;
        }
        let d: u32 = t.lower.parse().ok()?;
        if d == 0 || d > crate::calendar::days_in_month(2000, m) {
            return None;
        }
        // "June 2 or 3, 2026": the year is both days'.
        let k = if self.is(i + 2, ",") { i + 3 } else { i + 2 };
        if let Some((y, e)) = self.year_at(k) {
            return Some((d, e, Some(y)));
        }
        // A word after the number makes it a count ("and 25 people"), unless it ends the clause.
        let next = self.toks.get(i + 2);
        if next.is_some_and(|n| {
            n.kind != Kind::Punct
                && !matches!(n.lower.as_str(), "and" | "in" | "at" | "on" | "when" | "as")
        }) {
            return None;
        }
        Some((d, i + 2, None))
    }

    /// Month-first dates: June 13, Nov. 20, 1998, June 1998, June.
    pub(super) fn rule_month(&self, i: usize) -> Option<Hit> {
        let (m, j, strong) = self.month_at(i)?;
        if let Some((d, k)) = self.day_at(j) {
            if d > crate::calendar::days_in_month(2000, m) {
                return None;
            }
            // Optional ", 1998" or " 1998".
            let k2 = if self.is(k, ",") { k + 1 } else { k };
            if let Some((y, e)) = self.year_at(k2) {
                return Some((
                    e,
                    Spec::Cal {
                        y: Some(y),
                        m: Some(m),
                        d: Some(d),
                    },
                ));
            }
            return Some((
                k,
                Spec::Cal {
                    y: None,
                    m: Some(m),
                    d: Some(d),
                },
            ));
        }
        let j2 = if self.is(j, "of") || self.is(j, ",") {
            j + 1
        } else {
            j
        };
        if let Some((y, e)) = self.year_at(j2) {
            return Some((
                e,
                Spec::Cal {
                    y: Some(y),
                    m: Some(m),
                    d: None,
                },
            ));
        }
        // June last year, January this year
        if self.is(j + 1, "year") {
            if let Some((dir, _)) = self.dir_at(j) {
                return Some((j + 2, Spec::MonthOfYear { m, rel: dir as i64 }));
            }
        }
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        // "the annual March for Life", "the March of the Mothers", "a March on Washington":
        // a protest march.
        let protest = m == 3
            && (matches!(self.w(j), "for" | "against")
                || (self.is(j, "of") && self.is(j + 1, "the"))
                || (self.is(j, "on") && self.toks.get(j + 1).is_some_and(|t| t.cap)));
        if protest && !self.lex.has("month_not_march", prev) {
            return None;
        }
        let abbrev = self.toks.get(i).is_some_and(|t| {
            t.lower.len() <= 4 && !matches!(t.lower.as_str(), "may" | "june" | "july")
        });
        if strong || (self.lex.has("date_prep", prev) && !abbrev) {
            return Some((
                j,
                Spec::Cal {
                    y: None,
                    m: Some(m),
                    d: None,
                },
            ));
        }
        None
    }

    /// Day-first dates: 13 June 2025, the 13th of June.
    pub(super) fn rule_day_month(&self, i: usize) -> Option<Hit> {
        let (d, j) = self.day_at(i)?;
        let j = if self.is(j, "of") { j + 1 } else { j };
        let (m, k, _) = self.month_at(j)?;
        if d > crate::calendar::days_in_month(2000, m) {
            return None;
        }
        let k2 = if self.is(k, ",") { k + 1 } else { k };
        if let Some((y, e)) = self.year_at(k2) {
            return Some((
                e,
                Spec::Cal {
                    y: Some(y),
                    m: Some(m),
                    d: Some(d),
                },
            ));
        }
        Some((
            k,
            Spec::Cal {
                y: None,
                m: Some(m),
                d: Some(d),
            },
        ))
    }

    /// Weekdays: Friday, Friday, Nov. 20, Friday morning.
    pub(super) fn rule_weekday(&self, i: usize, dir: i8) -> Option<Hit> {
        let (dow, j) = self.weekday_at(i)?;
        if self.is(j, ",") || self.is(j, "the") {
            if let Some((e, spec)) = self
                .rule_month(j + 1)
                .or_else(|| self.rule_day_month(j + 1))
            {
                if matches!(spec, Spec::Cal { d: Some(_), .. }) {
                    return Some((e, spec));
                }
            }
        }
        let base = Spec::Weekday { dow, dir };
        if let Some((p, e)) = self.part_at(j) {
            return Some((
                e,
                Spec::PartOfDay {
                    base: Box::new(base),
                    part: p,
                },
            ));
        }
        Some((j, base))
    }

    pub(super) fn rule_quarter(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        let has_the = self.is(j, "the");
        if has_the {
            j += 1;
        }
        if self.is(j, "fiscal") {
            j += 1;
        }
        // next year's first quarter
        if let Some((dir, k)) = self.dir_at(j).filter(|_| self.is(j + 1, "year")) {
            let k = match self.w(k + 1) {
                "'s" | "’s" => k + 2,
                "'" | "’" if self.is(k + 2, "s") => k + 3,
                _ => return None,
            };
            let k = if self.is(k, "fiscal") { k + 1 } else { k };
            let (ord, e) = parse_ordinal(self.toks, k).filter(|(o, _)| (1..=4).contains(o))?;
            let e = if self.hyphen(e) { e + 1 } else { e };
            if !self.is(e, "quarter") {
                return None;
            }
            return Some((
                e + 1,
                Spec::QuarterOfYear {
                    q: ord as u32,
                    rel: dir as i64,
                },
            ));
        }
        // the 1989 third quarter, the 1989 quarter, the 1989 period
        let mut year = None;
        if has_the {
            if let Some((y, e)) = self.year_at(j) {
                year = Some(y);
                j = e;
                if matches!(self.w(j), "quarter" | "period") {
                    return Some((j + 1, Spec::YearQuarter(y)));
                }
            }
        }
        // Q3 / Q3 2024
        if self.is(j, "q") {
            let t = self.toks.get(j + 1)?;
            let q: u32 = t.lower.parse().ok()?;
            if !(1..=4).contains(&q) || t.space_before {
                return None;
            }
            if let Some((y, e)) = self.year_at(j + 2) {
                return Some((e, Spec::Quarter { y: Some(y), q }));
            }
            return Some((j + 2, Spec::Quarter { y: None, q }));
        }
        if matches!(self.w(j), "latest" | "current" | "quarter" | "period") {
            // the quarter, the latest quarter, the latest period
            let (k, n) = match self.w(j) {
                "latest" => (j + 1, -1),
                "current" => (j + 1, 0),
                _ => (j, -1),
            };
            if !has_the || !matches!(self.w(k), "quarter" | "period") {
                return None;
            }
            if self.w(k) == "period" && self.w(j) != "latest" {
                return None;
            }
            // "the quarter a year ago/earlier": four quarters further back.
            if self.is(k + 1, "a")
                && self.is(k + 2, "year")
                && matches!(self.w(k + 3), "ago" | "earlier")
            {
                return Some((k + 4, Spec::QuarterRel(n - 4)));
            }
            return Some((
                k + 1,
                if n == -1 {
                    Spec::TopicQuarter
                } else {
                    Spec::QuarterRel(n)
                },
            ));
        }
        // "the last half of 1989" is the second half; "the first two quarters of 1990"
        // the first.
        let halves = match (self.w(j), self.w(j + 1), self.w(j + 2)) {
            ("last" | "latter", "half", _) if has_the => Some((2, j + 2)),
            ("first", "two", "quarters") => Some((1, j + 3)),
            ("last", "two", "quarters") if has_the => Some((2, j + 3)),
            _ => None,
        };
        if let Some((h, e)) = halves {
            if self.is(e, "of") {
                if let Some((y, e2)) = self.year_at(e + 1) {
                    return Some((e2, Spec::Half { y: Some(y), h }));
                }
            }
            if self.w(j + 1) == "half" && !self.is(e, "of") {
                return Some((e, Spec::Half { y: year, h }));
            }
        }
        let (ord, k) = parse_ordinal(self.toks, j)?;
        let k = if self.is(k, "fiscal") { k + 1 } else { k };
        let k = if self.hyphen(k) { k + 1 } else { k };
        let half = match self.w(k) {
            "quarter" => false,
            "half" => true,
            _ => return None,
        };
        if (half && !(1..=2).contains(&ord)) || (!half && !(1..=4).contains(&ord)) {
            return None;
        }
        let ord = ord as u32;
        let mut e = k + 1;
        let mut y = year;
        if self.is(e, "of") || self.is(e, ",") {
            if let Some((yy, e2)) = self.year_at(e + 1) {
                y = Some(yy);
                e = e2;
            }
        } else if let Some((yy, e2)) = self.year_at(e) {
            y = Some(yy);
            e = e2;
        }
        Some((
            e,
            if half {
                Spec::Half { y, h: ord }
            } else {
                Spec::Quarter { y, q: ord }
            },
        ))
    }

    pub(super) fn rule_year(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        if self.is(j, "fiscal") {
            j += 1;
            if self.is(j, "year") {
                j += 1;
            }
        }
        let (y, e) = self.year_at(j)?;
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        let prev_tok = if i > 0 { self.toks.get(i - 1) } else { None };
        if prev_tok
            .is_some_and(|t| matches!(t.lower.as_str(), "$" | "€" | "£" | "#" | "no" | "number"))
        {
            return None;
        }
        let next = self.w(e);
        if matches!(next, "%" | "percent" | "per") {
            return None;
        }
        let next_plural = self.toks.get(e).is_some_and(|t| {
            t.kind == Kind::Word
                && !t.cap
                && t.lower.len() > 3
                && (t.lower.ends_with('s')
                    || matches!(
                        t.lower.as_str(),
                        "people" | "men" | "women" | "children" | "staff" | "personnel" | "police"
                    ))
        });
        const STRONG: &[&str] = &[
            "in", "since", "until", "till", "by", "from", "during", "before", "after", "through",
            "of", "-", "fiscal", "circa", "early", "late", "mid", "summer", "spring", "autumn",
            "fall", "winter",
        ];
        if next_plural && !STRONG.contains(&prev) {
            return None;
        }
        Some((
            e,
            Spec::Cal {
                y: Some(y),
                m: None,
                d: None,
            },
        ))
    }

    pub(super) fn rule_decade(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        let has_the = self.is(j, "the");
        if has_the {
            j += 1;
        }
        let t = self.toks.get(j)?;
        // the 1990s / the '90s
        if t.kind == Kind::Num {
            if let Some(d) = t.lower.strip_suffix('s') {
                if d.len() == 4 && d.ends_with('0') && d.bytes().all(|c| c.is_ascii_digit()) {
                    let v: i64 = d.parse().ok()?;
                    return Some((j + 1, Spec::Decade(v / 10)));
                }
            }
        }
        if matches!(t.lower.as_str(), "'" | "’") {
            let n = self.toks.get(j + 1)?;
            if let Some(d) = n.lower.strip_suffix('s') {
                if d.len() == 2
                    && d.ends_with('0')
                    && !n.space_before
                    && d.bytes().all(|c| c.is_ascii_digit())
                {
                    let v: i64 = d.parse().ok()?;
                    let century = if v <= 20 { 200 } else { 190 };
                    return Some((j + 2, Spec::Decade(century + v / 10)));
                }
            }
        }
        // the sixties, the nineties (with "the": "in her nineties" is an age)
        if has_the && t.kind == Kind::Word {
            let tens = match t.lower.as_str() {
                "twenties" => 2,
                "thirties" => 3,
                "forties" => 4,
                "fifties" => 5,
                "sixties" => 6,
                "seventies" => 7,
                "eighties" => 8,
                "nineties" => 9,
                _ => 0,
            };
            if tens > 0 {
                return Some((j + 1, Spec::Decade(190 + tens)));
            }
        }
        // the 20th century / the nineteenth century
        let (ord, k) = parse_ordinal(self.toks, j)?;
        if self.is(k, "century") && (1..=40).contains(&ord) {
            return Some((k + 1, Spec::Century(ord - 1)));
        }
        None
    }

    pub(super) fn rule_season(&self, i: usize) -> Option<Hit> {
        // "the summer": this year's season (unless "the fall of ..." something).
        if self.is(i, "the") {
            let s = self.lex.get("season", self.w(i + 1))?;
            // "the fall" is too often a drop ("blamed for the fall"); "last fall" is read by rule_dir.
            if self.w(i + 1) != "fall"
                && !self.toks.get(i + 1).is_some_and(|t| t.cap)
                && self.year_at(i + 2).is_none()
                && !self.is(i + 2, "of")
                && !self.word_after_season(i + 2)
            {
                return Some((i + 2, Spec::Season { y: None, rel: 0, s }));
            }
            return None;
        }
        let s = self.lex.get("season", self.w(i))?;
        if let Some((y, e)) = self.year_at(i + 1) {
            return Some((
                e,
                Spec::Season {
                    y: Some(y),
                    rel: 0,
                    s,
                },
            ));
        }
        if self.is(i + 1, "of") {
            if let Some((y, e)) = self.year_at(i + 2) {
                return Some((
                    e,
                    Spec::Season {
                        y: Some(y),
                        rel: 0,
                        s,
                    },
                ));
            }
        }
        // "in summer", "during the early summer": after a preposition or a position word.
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        if self.lex.has("season_prep", prev) && !self.word_after_season(i + 1) && s != "FA" {
            return Some((i + 1, Spec::Season { y: None, rel: 0, s }));
        }
        None
    }

    /// A noun right after a season word makes it a modifier ("summer camp", "winter
    /// coats"), not a time.
    pub(super) fn word_after_season(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| {
            t.kind == Kind::Word && !t.cap && !self.lex.has("season_not_modifier", t.lower.as_str())
        })
    }

    /// An all-numeric date: `03/04/2024`, `3.4.2024`, `2024/03/04`. A part over 12 is the
    /// day; with both parts 12 or under, slashes read month first (the US convention
    /// of most English-language news) and dots day first (the European one).
    pub(super) fn rule_numeric_date(&self, i: usize) -> Option<Hit> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Num {
            return None;
        }
        let sep = if t.lower.contains('/') {
            '/'
        } else if t.lower.matches('.').count() == 2 {
            '.'
        } else {
            return None;
        };
        let parts: Vec<&str> = t.lower.split(sep).collect();
        if parts.len() != 3
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let n: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        if n.len() != 3 {
            return None;
        }
        let (y, a, b) = if parts[0].len() == 4 {
            (n[0], n[1], n[2])
        } else if parts[2].len() == 4 {
            (n[2], n[0], n[1])
        } else {
            return None;
        };
        if !(1000..=2999).contains(&y) {
            return None;
        }
        let (m, d) = if parts[0].len() == 4 {
            (a, b)
        } else if a > 12 || sep == '.' && b <= 12 {
            (b, a)
        } else {
            (a, b)
        };
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        crate::calendar::Date::new(y as i64, m, d)?;
        Some((
            i + 1,
            Spec::Cal {
                y: Some(y as i64),
                m: Some(m),
                d: Some(d),
            },
        ))
    }

    pub(super) fn rule_weekend(&self, i: usize) -> Option<Hit> {
        if !(self.is(i, "the") && self.is(i + 1, "weekend")) {
            return None;
        }
        let fut = self.future(i, i + 2);
        Some((
            i + 2,
            Spec::Rel {
                unit: Unit::Weekend,
                n: Some(if fut { 0 } else { -1 }),
            },
        ))
    }
}
