//! Proleptic Gregorian civil-calendar arithmetic on day numbers (days since
//! 1970-01-01), ISO weeks and weekdays. Years are `i64`; every operation saturates
//! instead of overflowing, so absurd inputs give absurd dates, never a panic.

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub y: i64,
    pub m: u32,
    pub d: u32,
}

/// Years outside this range are clamped: keeps every product below i64 overflow.
const MAX_YEAR: i64 = 1_000_000;

use newsgraph_model::CivilDate;
pub use newsgraph_model::{days_in_month, is_leap};

impl Date {
    /// A valid date, or None.
    pub fn new(y: i64, m: u32, d: u32) -> Option<Date> {
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) || y.abs() > MAX_YEAR {
            return None;
        }
        Some(Date { y, m, d })
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        self.civil().days()
    }

    pub fn from_days(z: i64) -> Date {
        let c = CivilDate::from_days(z.clamp(-MAX_YEAR * 366, MAX_YEAR * 366));
        Date {
            y: c.year,
            m: c.month,
            d: c.day,
        }
    }

    fn civil(self) -> CivilDate {
        CivilDate {
            year: self.y,
            month: self.m,
            day: self.d,
        }
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days().saturating_add(n))
    }

    /// Adds months, clamping the day to the target month's length.
    pub fn add_months(self, n: i64) -> Date {
        let total = (self.y.clamp(-MAX_YEAR, MAX_YEAR) * 12 + self.m as i64 - 1)
            .saturating_add(n.clamp(-MAX_YEAR * 12, MAX_YEAR * 12));
        let y = total.div_euclid(12);
        let m = (total.rem_euclid(12) + 1) as u32;
        let d = self.d.min(days_in_month(y, m));
        Date { y, m, d }
    }

    /// ISO weekday, Monday = 1 … Sunday = 7.
    pub fn weekday(self) -> u32 {
        ((self.days() + 3).rem_euclid(7) + 1) as u32
    }

    /// ISO week-numbering year and week.
    pub fn iso_week(self) -> (i64, u32) {
        let thursday = self.days() - self.weekday() as i64 + 4;
        let ty = Date::from_days(thursday).y;
        let jan1 = Date { y: ty, m: 1, d: 1 }.days();
        (ty, ((thursday - jan1) / 7 + 1) as u32)
    }

    /// The quarter (1–4).
    pub fn quarter(self) -> u32 {
        (self.m - 1) / 3 + 1
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{}-{:02}-{:02}", fmt_year(self.y), self.m, self.d)
    }
}

/// A year as TIMEX3 writes it: four digits when it fits.
/// Easter Sunday of Gregorian year `y` (the anonymous Gregorian computus); None before
/// the Gregorian reform or beyond the supported years.
pub fn easter(y: i64) -> Option<Date> {
    if !(1583..=MAX_YEAR).contains(&y) {
        return None;
    }
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let g = (b - (b + 8) / 25 + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    Date::new(y, (n / 31) as u32, (n % 31 + 1) as u32)
}

pub fn fmt_year(y: i64) -> String {
    if (0..=9999).contains(&y) {
        format!("{y:04}")
    } else {
        y.to_string()
    }
}

/// `YYYY-Www` of the ISO week containing the date.
pub fn week_value(d: Date) -> String {
    let (y, w) = d.iso_week();
    format!("{}-W{:02}", fmt_year(y), w)
}

/// Parses the start of an ISO 8601 date (`2025-07-08`, `2025-07-08T14:20:00Z`,
/// `20250708`) with the one strict parser of `newsgraph_model`.
pub fn parse_iso_date(s: &str) -> Option<Date> {
    let c = CivilDate::parse(s).ok()?;
    Date::new(c.year, c.month, c.day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_clamp_absurd_years() {
        assert_eq!(Date::new(2000, 3, 1).unwrap().days(), 11_017);
        assert_eq!(Date::from_days(i64::MAX), Date::from_days(MAX_YEAR * 366));
    }

    #[test]
    fn weekdays_and_iso_weeks() {
        let d = Date::new(2025, 7, 8).unwrap();
        assert_eq!(d.weekday(), 2); // Tuesday
        assert_eq!(week_value(d), "2025-W28");
        assert_eq!(week_value(Date::new(2021, 1, 3).unwrap()), "2020-W53");
        assert_eq!(week_value(Date::new(2024, 12, 30).unwrap()), "2025-W01");
    }

    #[test]
    fn month_arithmetic_clamps_days() {
        let d = Date::new(2024, 3, 31).unwrap();
        assert_eq!(d.add_months(-1), Date::new(2024, 2, 29).unwrap());
        assert_eq!(d.add_months(-15).iso(), "2022-12-31");
        let _ = d.add_months(i64::MAX);
        let _ = d.add_days(i64::MIN);
    }

    #[test]
    fn parses_iso_prefixes() {
        assert_eq!(
            parse_iso_date("2025-07-08T14:20:00Z"),
            Date::new(2025, 7, 8)
        );
        assert_eq!(parse_iso_date("19980108"), Date::new(1998, 1, 8));
        assert_eq!(parse_iso_date("2025-13-08"), None);
        assert_eq!(parse_iso_date("é025-07-08"), None);
    }
}
