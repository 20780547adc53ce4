//! From meaning ([`Spec`]) to TIMEX3 value, against a reference date.

use crate::calendar::{fmt_year, week_value, Date};
use newsgraph_model::Anchor;

/// A calendar unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// From the unit code of `time_lexicon.tsv`.
    pub fn from_code(code: &str) -> Option<Unit> {
        Some(match code {
            "TS" => Unit::Second,
            "TM" => Unit::Minute,
            "TH" => Unit::Hour,
            "D" => Unit::Day,
            "W" => Unit::Week,
            "WE" => Unit::Weekend,
            "F" => Unit::Fortnight,
            "M" => Unit::Month,
            "Q" => Unit::Quarter,
            "Y" => Unit::Year,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            _ => return None,
        })
    }

    /// Coarseness: seconds 0 … centuries 9 (weekends and fortnights sit with weeks).
    fn rank(self) -> u8 {
        match self {
            Unit::Second => 0,
            Unit::Minute => 1,
            Unit::Hour => 2,
            Unit::Day => 3,
            Unit::Week | Unit::Weekend | Unit::Fortnight => 4,
            Unit::Month => 5,
            Unit::Quarter => 6,
            Unit::Year => 7,
            Unit::Decade => 8,
            Unit::Century => 9,
        }
    }

    /// TIMEX3 duration of `n` units (`None` = unknown count: `PXY`).
    pub fn duration(self, n: Option<f64>) -> String {
        let fmt = |v: f64| -> String {
            if v.fract() == 0.0 && v.abs() < 1e15 {
                format!("{}", v as i64)
            } else {
                format!("{v}")
            }
        };
        let (t, scale, letter) = match self {
            Unit::Second => ("T", 1.0, "S"),
            Unit::Minute => ("T", 1.0, "M"),
            Unit::Hour => ("T", 1.0, "H"),
            Unit::Day => ("", 1.0, "D"),
            Unit::Week => ("", 1.0, "W"),
            Unit::Weekend => ("", 1.0, "WE"),
            Unit::Fortnight => ("", 2.0, "W"),
            Unit::Month => ("", 1.0, "M"),
            Unit::Quarter => ("", 1.0, "Q"),
            Unit::Year => ("", 1.0, "Y"),
            Unit::Decade => ("", 10.0, "Y"),
            Unit::Century => ("", 100.0, "Y"),
        };
        match n {
            Some(v) => {
                // A fraction goes to the next smaller unit: 2.5 years → P2Y6M,
                // 5.5 hours → PT5H30M, a minute and a half → PT1M30S.
                if v.fract() != 0.0 && v > 0.0 && v < 1e9 {
                    let smaller = match self {
                        Unit::Year => Some((12.0, "M")),
                        Unit::Hour => Some((60.0, "M")),
                        Unit::Minute => Some((60.0, "S")),
                        Unit::Day => Some((24.0, "H")),
                        _ => None,
                    };
                    if let Some((k, l2)) = smaller {
                        let whole = v.trunc();
                        let part = fmt((v.fract() * k).round());
                        let head = if whole > 0.0 {
                            format!("{}{letter}", fmt(whole))
                        } else {
                            String::new()
                        };
                        return match self {
                            Unit::Day => format!("P{head}T{part}{l2}"),
                            _ => format!("P{t}{head}{part}{l2}"),
                        };
                    }
                }
                format!("P{t}{}{letter}", fmt(v * scale))
            }
            None => match self {
                // Counted decades are years (P20Y); so are vague ones, as TimeBank writes them.
                Unit::Decade => "PXY".into(),
                Unit::Century => "PXCE".into(),
                Unit::Fortnight => "PXW".into(),
                Unit::Quarter => "PXQ".into(),
                _ => format!("P{t}X{letter}"),
            },
        }
    }
}

/// The meaning of a temporal expression before anchoring.
#[derive(Debug, Clone, PartialEq)]
pub enum Spec {
    /// A calendar date, possibly partial; a missing year is inferred from the reference.
    Cal {
        y: Option<i64>,
        m: Option<u32>,
        d: Option<u32>,
    },
    /// A date that recurs every year: month `m`, day `d` or, with `dow`, the first such
    /// weekday on or after it (Thanksgiving: 11-22, Thursday); `dir` −1 the last one
    /// before the reference, +1 the next one, 0 the nearest (last Oct. 23, Thanksgiving).
    Annual {
        y: Option<i64>,
        m: u32,
        d: u32,
        dow: Option<u32>,
        dir: i8,
    },
    /// A day `offset` days from Easter Sunday (Good Friday −2), or with `week` the ISO
    /// week of Easter; year and `dir` as for [`Spec::Annual`].
    Easter {
        y: Option<i64>,
        offset: i64,
        dir: i8,
        week: bool,
    },
    /// A weekday: `dir` −1 the last one, +1 the next one, 0 from the clause's tense.
    Weekday {
        dow: u32,
        dir: i8,
    },
    /// today (0), yesterday (−1), tomorrow (1).
    Deictic(i64),
    /// `n` units from the reference date (last month = Month −1; two weeks ago = Week −2).
    Rel {
        unit: Unit,
        n: Option<i64>,
    },
    /// `n` units from the previous date of the text (two days later, a year earlier).
    RelPrev {
        unit: Unit,
        n: Option<i64>,
    },
    /// The last (dir −1) / next (+1) / this (0) occurrence of a month.
    RelMonth {
        m: u32,
        dir: i8,
    },
    /// A season: year explicit, or `rel` years from the reference.
    Season {
        y: Option<i64>,
        rel: i64,
        s: &'static str,
    },
    /// Quarter `q` of year `y` (inferred when None).
    Quarter {
        y: Option<i64>,
        q: u32,
    },
    /// Quarter `q` of the year `rel` years from the reference (next year's first quarter).
    QuarterOfYear {
        q: u32,
        rel: i64,
    },
    /// Quarter `q` of the year before the one the text speaks of ("the year-ago third
    /// quarter").
    QuarterLastYear(u32),
    /// The quarter `n` quarters from the reference's quarter (the quarter = latest = −1).
    QuarterRel(i64),
    /// "the quarter", "the latest quarter": the quarter the report is about, once the
    /// text has named a finished one ("the fiscal first quarter"), else the last
    /// finished quarter before the reference.
    TopicQuarter,
    /// The quarter of year `y` that corresponds to the reference's latest quarter
    /// ("the 1989 quarter" in a report on the latest quarter).
    YearQuarter(i64),
    /// A month of the year `rel` years from the reference (June last year).
    MonthOfYear {
        m: u32,
        rel: i64,
    },
    /// Half-year `h` of year `y`.
    Half {
        y: Option<i64>,
        h: u32,
    },
    /// A year ago / a year earlier: the same quarter a year before when the text speaks of quarters.
    YearAgo,
    /// A decade: first three digits of its years (199 → the 1990s).
    Decade(i64),
    /// A century: first two digits of its years (19 → the 20th century).
    Century(i64),
    /// PRESENT_REF, PAST_REF, FUTURE_REF.
    Ref(&'static str),
    Duration(String),
    Set(String),
    /// A clock time, on a date when one is given.
    TimeOfDay {
        base: Option<Box<Spec>>,
        h: u32,
        min: u32,
        utc: bool,
    },
    /// A part of a day: Friday morning, last night.
    PartOfDay {
        base: Box<Spec>,
        part: &'static str,
    },
}

impl Spec {
    /// True when the value depends on a reference date.
    pub fn is_relative(&self) -> bool {
        match self {
            Spec::Cal { y, .. } | Spec::Annual { y, .. } | Spec::Easter { y, .. } => y.is_none(),
            Spec::Weekday { .. }
            | Spec::Deictic(_)
            | Spec::Rel { .. }
            | Spec::RelMonth { .. }
            | Spec::QuarterRel(_)
            | Spec::TopicQuarter
            | Spec::QuarterLastYear(_)
            | Spec::QuarterOfYear { .. }
            | Spec::MonthOfYear { .. }
            | Spec::YearAgo => true,
            Spec::Season { y, .. } | Spec::Quarter { y, .. } | Spec::Half { y, .. } => y.is_none(),
            Spec::TimeOfDay { base, .. } => base.as_ref().is_none_or(|b| b.is_relative()),
            Spec::PartOfDay { base, .. } => base.is_relative(),
            _ => false,
        }
    }
}

/// Resolves specs in text order; remembers the previous date and quarter.
#[derive(Debug, Clone)]
pub struct Resolver {
    dct: Option<Date>,
    /// The previous fully or partly known date of the text (for "days later").
    prev: Option<(Date, Unit)>,
    /// The last quarter the text spoke of (for "a year ago" in earnings reports).
    last_quarter: Option<(i64, u32)>,
    /// The clause being resolved has a past-tense cue ("announced Aug. 21").
    past: bool,
}

const PUBLISHED: Anchor = Anchor::Published;
const PREVIOUS: Anchor = Anchor::Previous;

fn quarter_add(y: i64, q: u32, n: i64) -> (i64, u32) {
    let idx = y
        .saturating_mul(4)
        .saturating_add(q as i64 - 1)
        .saturating_add(n);
    (idx.div_euclid(4), (idx.rem_euclid(4) + 1) as u32)
}

impl Resolver {
    pub fn new(dct: Option<Date>) -> Self {
        Resolver {
            dct,
            prev: None,
            last_quarter: None,
            past: false,
        }
    }

    /// (value, anchor) of `spec`; `future` is true when the clause points forward.
    pub fn resolve(&mut self, spec: &Spec, future: bool) -> (String, Option<Anchor>) {
        self.resolve_tensed(spec, future, false)
    }

    /// As [`Resolver::resolve`]; `past` is true when the clause has a past-tense cue, so
    /// a date without a year is the latest one (announced Aug. 21, ended Jan. 31).
    pub fn resolve_tensed(
        &mut self,
        spec: &Spec,
        future: bool,
        past: bool,
    ) -> (String, Option<Anchor>) {
        self.past = past && !future;
        // A report that moves on to "the first nine months" compares whole years next.
        if let Spec::Duration(v) = spec {
            let months = v
                .strip_prefix('P')
                .and_then(|r| r.strip_suffix('M'))
                .and_then(|n| n.parse::<u32>().ok());
            if months.is_some_and(|n| n >= 6) {
                self.last_quarter = None;
            }
        }
        let (value, anchor, date) = self.value(spec, future);
        if let Some(d) = date {
            self.prev = Some(d);
        }
        (value, anchor)
    }

    /// Year for a month (and day) given without one: the latest such date on or
    /// before the reference or the next one after it, whichever is nearer, with the
    /// future counted double (news mostly looks back; four times in a past-tense
    /// clause); a clause about the future takes the next one unless the date passed
    /// less than a month ago.
    fn infer_year(&self, dct: Date, m: u32, d: Option<u32>, future: bool) -> i64 {
        if d.is_none() && m == dct.m {
            return dct.y;
        }
        let day = d.unwrap_or(1).min(28);
        let this = Date::new(dct.y, m, day).unwrap_or(dct);
        let (past, next) = if this.days() <= dct.days() {
            (this, Date::new(dct.y + 1, m, day).unwrap_or(this))
        } else {
            (Date::new(dct.y - 1, m, day).unwrap_or(this), this)
        };
        let back = dct.days() - past.days();
        let ahead = next.days() - dct.days();
        let take_next = if future {
            back > if d.is_some() { 30 } else { 92 }
        } else if self.past {
            // A past-tense clause counts the future four times.
            4 * ahead < back
        } else {
            2 * ahead < back
        };
        if take_next {
            next.y
        } else {
            past.y
        }
    }

    /// Makes quarter `q` of `y` the one the report is about when it has ended (or is
    /// the current one outside a forecast, with none named before) and is not earlier
    /// than one already named.
    fn note_quarter(&mut self, y: i64, q: u32, future: bool) {
        // The current, unfinished quarter only when no finished one was named before.
        let current =
            |d: Date| (y, q) == (d.y, d.quarter()) && !future && self.last_quarter.is_none();
        let done = self
            .dct
            .is_none_or(|d| (y, q) < (d.y, d.quarter()) || current(d));
        if done && self.last_quarter.is_none_or(|l| (y, q) >= l) {
            self.last_quarter = Some((y, q));
        }
    }

    /// Year of a yearly date (`on` gives it in a year): given, or from the reference:
    /// `dir` −1 the last one before it, +1 the next one, 0 the nearest by tense.
    fn feast_year(
        &self,
        y: Option<i64>,
        dir: i8,
        on: &dyn Fn(i64) -> Option<Date>,
        future: bool,
    ) -> (Option<i64>, Option<Anchor>) {
        match (y, self.dct) {
            (Some(y), _) => (Some(y), None),
            (None, Some(r)) => {
                let y = match dir {
                    -1 => {
                        if on(r.y).is_some_and(|t| t < r) {
                            r.y
                        } else {
                            r.y - 1
                        }
                    }
                    1 => {
                        if on(r.y).is_some_and(|t| t > r) {
                            r.y
                        } else {
                            r.y + 1
                        }
                    }
                    _ => on(r.y).map_or(r.y, |t| self.infer_year(r, t.m, Some(t.d), future)),
                };
                (Some(y), Some(PUBLISHED))
            }
            _ => (None, None),
        }
    }

    fn rel_value(d: Date, unit: Unit, n: i64) -> (String, Date, Unit) {
        let n = n.clamp(-100_000, 100_000);
        match unit {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => {
                let days = match unit {
                    Unit::Day => n,
                    Unit::Hour => (n as f64 / 24.0).floor() as i64,
                    _ => 0,
                };
                let t = d.add_days(days);
                (t.iso(), t, Unit::Day)
            }
            Unit::Week | Unit::Fortnight => {
                let k = if unit == Unit::Fortnight { 2 } else { 1 };
                let t = d.add_days(7 * n * k);
                (week_value(t), t, Unit::Week)
            }
            Unit::Weekend => {
                let t = d.add_days(7 * n);
                (format!("{}-WE", week_value(t)), t, Unit::Week)
            }
            Unit::Month => {
                let t = d.add_months(n);
                (format!("{}-{:02}", fmt_year(t.y), t.m), t, Unit::Month)
            }
            Unit::Quarter => {
                let (y, q) = quarter_add(d.y, d.quarter(), n);
                let t = Date::new(y, (q - 1) * 3 + 1, 1).unwrap_or(d);
                (format!("{}-Q{q}", fmt_year(y)), t, Unit::Quarter)
            }
            Unit::Year => {
                let y = d.y + n;
                (fmt_year(y), Date::new(y, 1, 1).unwrap_or(d), Unit::Year)
            }
            Unit::Decade => {
                let dec = d.y.div_euclid(10) + n;
                (format!("{dec}"), d, Unit::Decade)
            }
            Unit::Century => {
                let c = d.y.div_euclid(100) + n;
                (format!("{c:02}"), d, Unit::Century)
            }
        }
    }

    fn unresolved(unit: Unit) -> &'static str {
        match unit {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => "XXXX-XX-XX",
            Unit::Week | Unit::Fortnight => "XXXX-WXX",
            Unit::Weekend => "XXXX-WXX-WE",
            Unit::Month => "XXXX-XX",
            Unit::Quarter => "XXXX-QX",
            Unit::Year => "XXXX",
            Unit::Decade => "XXX",
            Unit::Century => "XX",
        }
    }

    /// Renders a date at a unit's granularity.
    fn render(d: Date, unit: Unit) -> String {
        match unit {
            Unit::Week | Unit::Fortnight | Unit::Weekend => week_value(d),
            Unit::Month => format!("{}-{:02}", fmt_year(d.y), d.m),
            Unit::Quarter => format!("{}-Q{}", fmt_year(d.y), d.quarter()),
            Unit::Year => fmt_year(d.y),
            Unit::Decade => format!("{}", d.y.div_euclid(10)),
            Unit::Century => format!("{:02}", d.y.div_euclid(100)),
            _ => d.iso(),
        }
    }

    #[allow(clippy::type_complexity)]
    fn value(
        &mut self,
        spec: &Spec,
        future: bool,
    ) -> (String, Option<Anchor>, Option<(Date, Unit)>) {
        let dct = self.dct;
        match spec {
            Spec::Cal { y, m, d } => {
                let (year, anchor) = match (y, m, dct) {
                    (Some(y), _, _) => (Some(*y), None),
                    (None, Some(m), Some(dct)) => {
                        (Some(self.infer_year(dct, *m, *d, future)), Some(PUBLISHED))
                    }
                    _ => (None, None),
                };
                let ys = year.map(fmt_year).unwrap_or_else(|| "XXXX".into());
                match (m, d) {
                    (Some(m), Some(d)) => {
                        let date = year.and_then(|y| Date::new(y, *m, *d));
                        (
                            format!("{ys}-{m:02}-{d:02}"),
                            anchor,
                            date.map(|d| (d, Unit::Day)),
                        )
                    }
                    (Some(m), None) => {
                        let date = year.and_then(|y| Date::new(y, *m, 1));
                        (
                            format!("{ys}-{m:02}"),
                            anchor,
                            date.map(|d| (d, Unit::Month)),
                        )
                    }
                    _ => {
                        let date = year.and_then(|y| Date::new(y, 1, 1));
                        (ys, anchor, date.map(|d| (d, Unit::Year)))
                    }
                }
            }
            Spec::Annual { y, m, d, dow, dir } => {
                let on = |year: i64| -> Option<Date> {
                    let first = Date::new(year, *m, *d)?;
                    Some(match dow {
                        Some(w) => {
                            first.add_days((*w as i64 - first.weekday() as i64).rem_euclid(7))
                        }
                        None => first,
                    })
                };
                let (year, anchor) = self.feast_year(*y, *dir, &on, future);
                match year.and_then(on) {
                    Some(t) => (t.iso(), anchor, Some((t, Unit::Day))),
                    None => (format!("XXXX-{m:02}-XX"), None, None),
                }
            }
            Spec::Easter {
                y,
                offset,
                dir,
                week,
            } => {
                let on = |year: i64| crate::calendar::easter(year).map(|t| t.add_days(*offset));
                let (year, anchor) = self.feast_year(*y, *dir, &on, future);
                match year.and_then(on) {
                    Some(t) if *week => (week_value(t), anchor, Some((t, Unit::Week))),
                    Some(t) => (t.iso(), anchor, Some((t, Unit::Day))),
                    None => (
                        (if *week { "XXXX-WXX" } else { "XXXX-XX-XX" }).into(),
                        None,
                        None,
                    ),
                }
            }
            Spec::Weekday { dow, dir } => {
                let Some(dct) = dct else {
                    return (format!("XXXX-WXX-{dow}"), None, None);
                };
                let cur = dct.weekday() as i64;
                let dow_i = *dow as i64;
                let forward = match dir {
                    1 => true,
                    -1 => false,
                    _ => future,
                };
                let offset = if forward {
                    let o = (dow_i - cur).rem_euclid(7);
                    if o == 0 && *dir == 1 {
                        7
                    } else {
                        o
                    }
                } else {
                    let o = (cur - dow_i).rem_euclid(7);
                    -(if o == 0 && *dir == -1 { 7 } else { o })
                };
                let t = dct.add_days(offset);
                (t.iso(), Some(PUBLISHED), Some((t, Unit::Day)))
            }
            Spec::Deictic(n) => match dct {
                Some(d) => {
                    let t = d.add_days(*n);
                    (t.iso(), Some(PUBLISHED), Some((t, Unit::Day)))
                }
                None => ("XXXX-XX-XX".into(), None, None),
            },
            Spec::Rel { unit, n } => match (dct, n) {
                (Some(d), Some(n)) => {
                    let (v, t, u) = Self::rel_value(d, *unit, *n);
                    (v, Some(PUBLISHED), Some((t, u)))
                }
                (Some(_), None) => ("PAST_REF".into(), Some(PUBLISHED), None),
                (None, _) => (Self::unresolved(*unit).into(), None, None),
            },
            Spec::RelPrev { unit, n } => {
                let (base, anchor) = match (self.prev, dct) {
                    (Some((p, _)), _) => (Some(p), PREVIOUS),
                    (None, Some(d)) => (Some(d), PUBLISHED),
                    _ => (None, PREVIOUS),
                };
                match (base, n) {
                    // "that day" after a month: no finer than what the text said.
                    (Some(b), Some(0)) if self.prev.is_some_and(|p| p.1.rank() > unit.rank()) => {
                        let gran = self.prev.map(|p| p.1).unwrap_or(*unit);
                        (Self::render(b, gran), Some(anchor), None)
                    }
                    (Some(b), Some(n)) => {
                        let (v, t, u) = Self::rel_value(b, *unit, *n);
                        (v, Some(anchor), Some((t, u)))
                    }
                    // "days later": after the previous date, at its granularity.
                    (Some(b), None) => {
                        let gran = self.prev.map(|p| p.1).unwrap_or(Unit::Day);
                        (Self::render(b, gran), Some(anchor), None)
                    }
                    (None, _) => (Self::unresolved(*unit).into(), None, None),
                }
            }
            Spec::RelMonth { m, dir } => {
                let Some(d) = dct else {
                    return (format!("XXXX-{m:02}"), None, None);
                };
                let y = match dir {
                    -1 => {
                        if *m < d.m {
                            d.y
                        } else {
                            d.y - 1
                        }
                    }
                    1 => {
                        if *m > d.m {
                            d.y
                        } else {
                            d.y + 1
                        }
                    }
                    _ => d.y,
                };
                let t = Date::new(y, *m, 1);
                (
                    format!("{}-{m:02}", fmt_year(y)),
                    Some(PUBLISHED),
                    t.map(|t| (t, Unit::Month)),
                )
            }
            Spec::Season { y, rel, s } => match (y, dct) {
                (Some(y), _) => (format!("{}-{s}", fmt_year(*y)), None, None),
                (None, Some(d)) => (
                    format!("{}-{s}", fmt_year(d.y + rel)),
                    Some(PUBLISHED),
                    None,
                ),
                (None, None) => (format!("XXXX-{s}"), None, None),
            },
            Spec::Quarter { y, q } => {
                let (year, anchor) = match (y, dct) {
                    (Some(y), _) => (Some(*y), None),
                    (None, Some(d)) => {
                        let y = if *q > d.quarter() && !future {
                            d.y - 1
                        } else {
                            d.y
                        };
                        (Some(y), Some(PUBLISHED))
                    }
                    _ => (None, None),
                };
                // Not a forecast, nor an earlier quarter named in passing ("after a flat
                // second quarter"): see `note_quarter`.
                if let Some(y) = year {
                    self.note_quarter(y, *q, future);
                }
                (
                    format!(
                        "{}-Q{q}",
                        year.map(fmt_year).unwrap_or_else(|| "XXXX".into())
                    ),
                    anchor,
                    None,
                )
            }
            Spec::QuarterOfYear { q, rel } => match dct {
                Some(d) => {
                    // "this year's third quarter" can be the quarter the report is about.
                    let y = d.y + rel;
                    self.note_quarter(y, *q, future);
                    (format!("{}-Q{q}", fmt_year(y)), Some(PUBLISHED), None)
                }
                None => (format!("XXXX-Q{q}"), None, None),
            },
            Spec::QuarterLastYear(q) => {
                let year = match (self.last_quarter, dct) {
                    (Some((y, _)), _) => Some(y - 1),
                    (None, Some(d)) => Some(if *q > d.quarter() && !future {
                        d.y - 2
                    } else {
                        d.y - 1
                    }),
                    (None, None) => None,
                };
                let Some(y) = year else {
                    return (format!("XXXX-Q{q}"), None, None);
                };
                let anchor = if self.last_quarter.is_some() {
                    PREVIOUS
                } else {
                    PUBLISHED
                };
                (format!("{}-Q{q}", fmt_year(y)), Some(anchor), None)
            }
            Spec::QuarterRel(n) => match dct {
                Some(d) => {
                    let (y, q) = quarter_add(d.y, d.quarter(), *n);
                    // "the quarter a year ago" is the comparison, not the topic.
                    if *n > -4 {
                        self.note_quarter(y, q, future);
                    }
                    (format!("{}-Q{q}", fmt_year(y)), Some(PUBLISHED), None)
                }
                None => ("XXXX-QX".into(), None, None),
            },
            Spec::TopicQuarter => match (self.last_quarter, dct) {
                (Some((y, q)), Some(d)) if (y, q) < (d.y, d.quarter()) => {
                    (format!("{}-Q{q}", fmt_year(y)), Some(PREVIOUS), None)
                }
                _ => self.value(&Spec::QuarterRel(-1), future),
            },
            Spec::MonthOfYear { m, rel } => match dct {
                Some(d) => {
                    let y = d.y + rel;
                    (
                        format!("{}-{m:02}", fmt_year(y)),
                        Some(PUBLISHED),
                        Date::new(y, *m, 1).map(|t| (t, Unit::Month)),
                    )
                }
                None => (format!("XXXX-{m:02}"), None, None),
            },
            Spec::YearQuarter(y) => {
                // The quarter the report is about, else the last finished one.
                let q = match (self.last_quarter, dct) {
                    (Some((_, q)), _) => q,
                    (None, Some(d)) => quarter_add(d.y, d.quarter(), -1).1,
                    (None, None) => return (format!("{}-QX", fmt_year(*y)), None, None),
                };
                // "the 1988 period" after the 1989 one is the comparison.
                if self.last_quarter.is_none_or(|(ly, _)| *y >= ly) {
                    self.last_quarter = Some((*y, q));
                }
                (format!("{}-Q{q}", fmt_year(*y)), Some(PUBLISHED), None)
            }
            Spec::Half { y, h } => {
                let year = y.or(dct.map(|d| d.y));
                let anchor = if y.is_none() && dct.is_some() {
                    Some(PUBLISHED)
                } else {
                    None
                };
                (
                    format!(
                        "{}-H{h}",
                        year.map(fmt_year).unwrap_or_else(|| "XXXX".into())
                    ),
                    anchor,
                    None,
                )
            }
            Spec::YearAgo => {
                if let Some((y, q)) = self.last_quarter {
                    return (format!("{}-Q{q}", fmt_year(y - 1)), Some(PREVIOUS), None);
                }
                match dct {
                    Some(d) => (
                        fmt_year(d.y - 1),
                        Some(PUBLISHED),
                        Date::new(d.y - 1, 1, 1).map(|t| (t, Unit::Year)),
                    ),
                    None => ("XXXX".into(), None, None),
                }
            }
            Spec::Decade(dec) => (format!("{dec}"), None, None),
            Spec::Century(c) => (format!("{c:02}"), None, None),
            Spec::Ref(r) => (r.to_string(), None, None),
            Spec::Duration(v) | Spec::Set(v) => (v.clone(), None, None),
            Spec::TimeOfDay { base, h, min, utc } => {
                let (date, anchor, _) = match base {
                    Some(b) => self.value(b, future),
                    // A bare clock time is on the day the text last named.
                    None => match (self.prev, dct) {
                        (Some((p, Unit::Day)), _) => (p.iso(), Some(PREVIOUS), None),
                        (_, Some(d)) => (d.iso(), Some(PUBLISHED), None),
                        _ => ("XXXX-XX-XX".into(), None, None),
                    },
                };
                let zone = if *utc { "Z" } else { "" };
                (format!("{date}T{h:02}:{min:02}{zone}"), anchor, None)
            }
            Spec::PartOfDay { base, part } => {
                let (date, anchor, d) = self.value(base, future);
                (format!("{date}T{part}"), anchor, d)
            }
        }
    }
}
