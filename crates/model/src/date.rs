//! Calendar dates as the record writes them (ISO 8601 `YYYY-MM-DD`): the one strict
//! parser every crate uses for `published`, `--published`, API and UI date filters and
//! TIMEX3 values, so `2025-13-45` or `2025-02-30` is refused the same way everywhere.

use std::fmt;

/// A valid proleptic Gregorian date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

/// A date given to year, month or day precision (`2025`, `2025-06`, `2025-06-13`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DatePrefix {
    pub year: i64,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// Why a date string was refused; its message names the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input:?} is not a valid ISO 8601 date: {reason}")]
pub struct DateError {
    pub input: String,
    pub reason: String,
}

pub fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in month `m` of year `y` (0 for a month outside 1..=12).
pub fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

fn error(input: &str, reason: impl Into<String>) -> DateError {
    DateError {
        input: input.to_string(),
        reason: reason.into(),
    }
}

fn digits(s: &str, r: std::ops::Range<usize>) -> Option<u32> {
    let part = s.get(r)?;
    if part.is_empty() || !part.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

fn check(input: &str, year: i64, month: Option<u32>, day: Option<u32>) -> Result<(), DateError> {
    if let Some(m) = month {
        if !(1..=12).contains(&m) {
            return Err(error(input, format!("month {m} is not 1-12")));
        }
        if let Some(d) = day {
            let last = days_in_month(year, m);
            if d == 0 || d > last {
                return Err(error(
                    input,
                    format!("day {d} is not 1-{last} in {year:04}-{m:02}"),
                ));
            }
        }
    }
    Ok(())
}

impl CivilDate {
    /// Parses a full date: `YYYY-MM-DD` (optionally followed by a time, `T…` or ` …`)
    /// or the basic form `YYYYMMDD`.
    pub fn parse(s: &str) -> Result<CivilDate, DateError> {
        let t = s.trim();
        let b = t.as_bytes();
        let (y, m, d, rest) = if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
            (digits(t, 0..4), digits(t, 5..7), digits(t, 8..10), &t[10..])
        } else if b.len() >= 8 && b[..8].iter().all(u8::is_ascii_digit) {
            (digits(t, 0..4), digits(t, 4..6), digits(t, 6..8), &t[8..])
        } else {
            return Err(error(s, "expected YYYY-MM-DD"));
        };
        let (Some(y), Some(m), Some(d)) = (y, m, d) else {
            return Err(error(s, "expected YYYY-MM-DD"));
        };
        if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
            return Err(error(s, "unexpected text after the date"));
        }
        check(s, y as i64, Some(m), Some(d))?;
        Ok(CivilDate {
            year: y as i64,
            month: m,
            day: d,
        })
    }
}

impl DatePrefix {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` exactly (a date filter).
    pub fn parse(s: &str) -> Result<DatePrefix, DateError> {
        let t = s.trim();
        let b = t.as_bytes();
        let expected = || error(s, "expected YYYY, YYYY-MM or YYYY-MM-DD");
        let year = digits(t, 0..4).ok_or_else(expected)? as i64;
        let (month, day) = match b.len() {
            4 => (None, None),
            7 if b[4] == b'-' => (Some(digits(t, 5..7).ok_or_else(expected)?), None),
            10 if b[4] == b'-' && b[7] == b'-' => (
                Some(digits(t, 5..7).ok_or_else(expected)?),
                Some(digits(t, 8..10).ok_or_else(expected)?),
            ),
            _ => return Err(expected()),
        };
        check(s, year, month, day)?;
        Ok(DatePrefix { year, month, day })
    }
}

impl CivilDate {
    /// Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's days-from-civil: the
    /// year is shifted to start in March so the leap day is the year's last day).
    /// Saturates instead of overflowing for absurd years.
    pub fn days(self) -> i64 {
        let y = if self.month <= 2 {
            self.year.saturating_sub(1)
        } else {
            self.year
        };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = self.month as i64;
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era.saturating_mul(146_097).saturating_add(doe - 719_468)
    }

    /// The date `z` days after 1970-01-01 (the inverse of [`CivilDate::days`]).
    pub fn from_days(z: i64) -> CivilDate {
        let z = z.saturating_add(719_468);
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = era
            .saturating_mul(400)
            .saturating_add(yoe + if month <= 2 { 1 } else { 0 });
        CivilDate { year, month, day }
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_dates_are_checked_against_the_calendar() {
        assert_eq!(
            CivilDate::parse("2025-07-08T14:20:00Z").map(|d| d.to_string()),
            Ok("2025-07-08".into())
        );
        assert_eq!(CivilDate::parse("19980108").map(|d| d.day), Ok(8));
        assert!(CivilDate::parse("2024-02-29").is_ok());
        for bad in [
            "2025-13-45",
            "2025-02-30",
            "2023-02-29",
            "2025-07-00",
            "2025-07-08x",
        ] {
            let e = CivilDate::parse(bad).unwrap_err();
            assert!(e.to_string().contains(bad), "{e}");
        }
        assert!(CivilDate::parse("é025-07-08").is_err());
        assert!(CivilDate::parse("2025-02-30")
            .unwrap_err()
            .to_string()
            .contains("day 30 is not 1-28"));
    }

    #[test]
    fn day_numbers_round_trip_and_count_days() {
        let d = |s| CivilDate::parse(s).unwrap();
        assert_eq!(d("1970-01-01").days(), 0);
        assert_eq!(d("1970-01-02").days(), 1);
        assert_eq!(d("1969-12-31").days(), -1);
        assert_eq!(d("2014-03-01").days() - d("2014-02-28").days(), 1);
        assert_eq!(d("2016-03-01").days() - d("2016-02-28").days(), 2);
        for z in (-800_000..800_000).step_by(997) {
            assert_eq!(CivilDate::from_days(z).days(), z);
        }
        assert_eq!(
            CivilDate::from_days(d("2024-02-29").days()),
            d("2024-02-29")
        );
        // Absurd inputs give absurd dates, not a panic.
        let _ = CivilDate::from_days(i64::MAX).days();
        let _ = CivilDate::from_days(i64::MIN).days();
    }

    #[test]
    fn prefixes_are_year_month_or_day() {
        assert_eq!(
            DatePrefix::parse("2025-06"),
            Ok(DatePrefix {
                year: 2025,
                month: Some(6),
                day: None
            })
        );
        assert!(DatePrefix::parse("2025").is_ok());
        for bad in [
            "2025-6",
            "2025-06-1x",
            "2025-13",
            "2025-02-30",
            "2025-06-13T00",
        ] {
            assert!(DatePrefix::parse(bad).is_err(), "{bad}");
        }
    }
}
