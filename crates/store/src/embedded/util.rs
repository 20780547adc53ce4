//! Small helpers: dates, sort keys, content keys.

use std::time::{SystemTime, UNIX_EPOCH};

/// Current UTC time as RFC 3339 (`2026-11-25T10:30:00Z`).
pub fn now_rfc3339() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(i64::try_from(secs).unwrap_or(0), 0)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Parses the date part of an ISO 8601 value into (year, month?, day?) with the model's
/// one date parser. Accepts `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, optionally followed by a
/// time (`T…` or ` …`).
pub fn parse_iso_date(s: &str) -> Option<(u32, Option<u32>, Option<u32>)> {
    let date = s.trim().split(['T', 't', ' ']).next()?;
    let p = newsgraph_model::DatePrefix::parse(date).ok()?;
    Some((u32::try_from(p.year).ok()?, p.month, p.day))
}

/// A publication time normalised to UTC: `published_utc` is RFC 3339 (`Z`, fractional
/// seconds only when present), `sort` is fixed-width (`YYYY-MM-DDTHH:MM:SS.mmmZ`) so
/// string order is time order. Accepts RFC 3339 / ISO 8601 with `Z`, `±hh:mm` or `±hhmm`
/// offsets, a space for `T`, no seconds, fractional seconds, and RFC 2822 (feeds). A
/// time without an offset is taken as UTC. A date alone has no instant: `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UtcTime {
    pub published_utc: String,
    pub sort: String,
}

pub fn utc_time(s: &str) -> Option<UtcTime> {
    use chrono::{DateTime, FixedOffset, NaiveDateTime, SecondsFormat, Utc};
    let s = s.trim();
    let with_offset = |s: &str| -> Option<DateTime<FixedOffset>> {
        if let Ok(d) = DateTime::parse_from_rfc3339(s) {
            return Some(d);
        }
        for f in [
            "%Y-%m-%dT%H:%M:%S%.f%z",
            "%Y-%m-%d %H:%M:%S%.f%z",
            "%Y-%m-%dT%H:%M%z",
            "%Y-%m-%d %H:%M%z",
            "%Y-%m-%dT%H:%M:%S%.fZ",
            "%Y-%m-%dT%H:%MZ",
        ] {
            if let Ok(d) = DateTime::parse_from_str(s, f) {
                return Some(d);
            }
        }
        // `Z` is not a `%z` offset: read it as +00:00.
        if let Some(rest) = s.strip_suffix(['Z', 'z']) {
            if let Some(d) = naive(rest) {
                return Some(d.and_utc().fixed_offset());
            }
        }
        DateTime::parse_from_rfc2822(s).ok()
    };
    fn naive(s: &str) -> Option<NaiveDateTime> {
        [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
        ]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    }
    let utc: DateTime<Utc> = match with_offset(s) {
        Some(d) => d.with_timezone(&Utc),
        None => naive(s)?.and_utc(),
    };
    Some(UtcTime {
        published_utc: utc.to_rfc3339_opts(SecondsFormat::AutoSi, true),
        sort: utc.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
    })
}

/// The feed sort key of a `published` value: its UTC instant when it has a time, else
/// its normalised date, else `''` (undated articles sort last).
pub fn pub_sort_key(published: Option<&str>) -> String {
    let Some(p) = published else {
        return String::new();
    };
    match utc_time(p) {
        Some(t) => t.sort,
        None => iso_day(p).unwrap_or_default(),
    }
}

/// `YYYYMMDD` as a number for range filters (unknown month/day → 0), 0 when unparsable.
pub fn date_number(s: &str) -> u64 {
    match parse_iso_date(s) {
        Some((y, m, d)) => y as u64 * 10_000 + m.unwrap_or(0) as u64 * 100 + d.unwrap_or(0) as u64,
        None => 0,
    }
}

/// Inclusive numeric bounds of an ISO date prefix used as a filter.
pub fn date_bounds(s: &str) -> Option<(u64, u64)> {
    let (y, m, d) = parse_iso_date(s)?;
    let y = y as u64 * 10_000;
    Some(match (m, d) {
        (None, _) => (y, y + 9999),
        (Some(m), None) => (y + m as u64 * 100, y + m as u64 * 100 + 99),
        (Some(m), Some(d)) => {
            let v = y + m as u64 * 100 + d as u64;
            (v, v)
        }
    })
}

/// `YYYY-MM` of a date, when it has a month.
pub fn month_of(s: &str) -> Option<String> {
    match parse_iso_date(s)? {
        (y, Some(m), _) => Some(format!("{y:04}-{m:02}")),
        _ => None,
    }
}

/// The normalised date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) of an ISO value.
pub fn iso_day(s: &str) -> Option<String> {
    Some(match parse_iso_date(s)? {
        (y, None, _) => format!("{y:04}"),
        (y, Some(m), None) => format!("{y:04}-{m:02}"),
        (y, Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
    })
}

const STOP: &[&str] = &[
    "the", "and", "that", "this", "with", "for", "was", "were", "are", "has", "have", "had", "not",
    "its", "it's", "from", "will", "would", "been", "be", "is", "to", "of", "in", "on", "a", "an",
    "it", "at", "by", "as", "or", "no",
];

/// A key for matching the same claim content across articles: lowercase words,
/// stop words dropped, de-duplicated and sorted.
pub fn content_key(content: &str) -> String {
    let mut words: Vec<String> = content
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| !w.is_empty() && !STOP.contains(&w.as_str()))
        .collect();
    words.sort();
    words.dedup();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_bound() {
        assert_eq!(
            parse_iso_date("2025-06-13T10:00:00Z"),
            Some((2025, Some(6), Some(13)))
        );
        assert_eq!(parse_iso_date("2025-06"), Some((2025, Some(6), None)));
        assert_eq!(parse_iso_date("2025-13"), None);
        assert_eq!(parse_iso_date("XXXX-06-13"), None);
        assert_eq!(parse_iso_date("2025-W27"), None);
        assert_eq!(parse_iso_date("20"), None);
        assert_eq!(parse_iso_date("2025-06-1é"), None);
        assert_eq!(date_number("2025-06-13"), 20250613);
        assert_eq!(date_bounds("2025-06"), Some((20250600, 20250699)));
        assert_eq!(date_bounds("2025"), Some((20250000, 20259999)));
        assert_eq!(month_of("2025-06-13"), Some("2025-06".into()));
        assert_eq!(
            iso_day("2025-06-13T01:02:03+02:00"),
            Some("2025-06-13".into())
        );
        assert_eq!(parse_iso_date("2025-02-30"), None);
        let now = now_rfc3339();
        assert!(now.ends_with('Z') && now.len() == 20, "{now}");
    }

    #[test]
    fn published_times_normalise_to_utc() {
        let t = |s: &str| utc_time(s).map(|t| t.published_utc);
        assert_eq!(
            t("2025-06-13T10:00:00-05:00").as_deref(),
            Some("2025-06-13T15:00:00Z")
        );
        assert_eq!(
            t("2025-06-13T10:00:00-0500").as_deref(),
            Some("2025-06-13T15:00:00Z")
        );
        assert_eq!(
            t("2025-06-13 22:30:00+0200").as_deref(),
            Some("2025-06-13T20:30:00Z")
        );
        assert_eq!(
            t("2025-06-13T10:00:00.250Z").as_deref(),
            Some("2025-06-13T10:00:00.250Z")
        );
        assert_eq!(
            t("2025-06-13T10:00Z").as_deref(),
            Some("2025-06-13T10:00:00Z")
        );
        assert_eq!(
            t("2025-06-13T10:00:00").as_deref(),
            Some("2025-06-13T10:00:00Z")
        );
        assert_eq!(
            t("Fri, 13 Jun 2025 23:30:00 -0500").as_deref(),
            Some("2025-06-14T04:30:00Z")
        );
        assert_eq!(t("2025-06-13"), None);
        assert_eq!(t("yesterday"), None);
        // Sort keys are fixed width: a fraction no longer sorts before the whole second.
        let (a, b) = (
            pub_sort_key(Some("2025-06-13T10:00:00Z")),
            pub_sort_key(Some("2025-06-13T10:00:00.5Z")),
        );
        assert!(a < b, "{a} < {b}");
        // An evening time west of UTC is the next UTC day, after that day's morning.
        assert!(
            pub_sort_key(Some("2025-06-13T23:00:00-05:00"))
                > pub_sort_key(Some("2025-06-14T02:00:00Z"))
        );
        assert_eq!(pub_sort_key(Some("2025-06-13")), "2025-06-13");
        assert_eq!(pub_sort_key(None), "");
    }

    #[test]
    fn content_keys_ignore_order_and_stop_words() {
        assert_eq!(
            content_key("Iran wants talks"),
            content_key("talks, Iran wants.")
        );
        assert_ne!(
            content_key("Iran wants talks"),
            content_key("Iran rejects talks")
        );
    }
}
