//! Recognition: a hand-written grammar over the facts tokens. At each token the
//! rules are tried and the longest match wins; matched tokens are skipped.
//!
//! Span conventions follow TimeML: prepositions are left out ("on June 13" → "June
//! 13"), determiners of the expression are kept ("the third quarter", "the past").

use super::resolve::{Spec, Unit};
use crate::lexicon::{self, Lexicon};
use crate::numbers::{parse_number, parse_ordinal};
use crate::tokens::{is_terminal, tokenize, Kind, Tok};
use newsgraph_model::TimeMod;
use std::sync::OnceLock;

/// One recognised expression: byte range, meaning, TIMEX3 modifier, and whether its
/// clause points to the future or (by a past-tense cue) to the past: decides which
/// way a bare weekday or a date without a year looks.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub spec: Spec,
    pub r#mod: Option<TimeMod>,
    pub future: bool,
    pub past: bool,
}

/// Words after which a bare year or an ambiguous month name is read as a date.
const DATE_PREPS: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "of",
    "from",
    "to",
    "during",
    "before",
    "after",
    "through",
    "between",
    "and",
    "last",
    "this",
    "next",
    "early",
    "late",
    "mid",
    "-",
    "fiscal",
    "around",
    "circa",
    "on",
    "year",
    "the",
    "'s",
    "s",
    "for",
    "as",
    "at",
    "within",
    "throughout",
    "into",
    "over",
    "than",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "or",
    ",",
    "(",
];

/// Words that show a clause talks about the past (for the weekday direction).
const PAST_CUES: &[&str] = &[
    "said",
    "was",
    "were",
    "had",
    "did",
    "told",
    "ago",
    "last",
    "earlier",
    "yesterday",
];

/// Multi-token forms of a lexicon category, tokenized like the text.
fn phrases(cat: &'static str) -> &'static [(Vec<String>, &'static str)] {
    static REF: OnceLock<Vec<(Vec<String>, &'static str)>> = OnceLock::new();
    static HOL: OnceLock<Vec<(Vec<String>, &'static str)>> = OnceLock::new();
    static DEIXIS: OnceLock<Vec<(Vec<String>, &'static str)>> = OnceLock::new();
    let cell = match cat {
        "ref" => &REF,
        "deixis" => &DEIXIS,
        _ => &HOL,
    };
    cell.get_or_init(|| {
        let mut v: Vec<(Vec<String>, &'static str)> = lexicon::time()
            .entries(cat)
            .map(|(form, val)| (tokenize(form).into_iter().map(|t| t.lower).collect(), val))
            .collect();
        v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        v
    })
}

struct G<'a> {
    toks: &'a [Tok],
    lex: &'static Lexicon,
    /// Sentence number of each token.
    sent: Vec<usize>,
}

type Hit = (usize, Spec);

impl<'a> G<'a> {
    fn w(&self, i: usize) -> &str {
        self.toks.get(i).map(|t| t.lower.as_str()).unwrap_or("")
    }

    fn is(&self, i: usize, s: &str) -> bool {
        self.w(i) == s
    }

    fn word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    fn phrase_at(&self, i: usize, p: &[String]) -> bool {
        p.iter().enumerate().all(|(k, s)| self.w(i + k) == s)
    }

    /// A hyphen glued between two tokens (`mid-June`, `five-year`).
    fn hyphen(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Punct && matches!(t.lower.as_str(), "-" | "‐" | "–"))
    }

    /// Month name at `i`: (month, end, strong). Abbreviations take their dot.
    fn month_at(&self, i: usize) -> Option<(u32, usize, bool)> {
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

    fn day_at(&self, i: usize) -> Option<(u32, usize)> {
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

    fn year_at(&self, i: usize) -> Option<(i64, usize)> {
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
    fn spelled_year_at(&self, i: usize) -> Option<(i64, usize)> {
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

    fn unit_at(&self, i: usize) -> Option<(Unit, usize)> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Word {
            return None;
        }
        let u = Unit::from_code(self.lex.get("unit", &t.lower)?)?;
        Some((u, i + 1))
    }

    fn weekday_at(&self, i: usize) -> Option<(u32, usize)> {
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
    fn half_at(&self, i: usize) -> Option<usize> {
        if self.w(i) == "1/2" && self.toks.get(i).is_some_and(|t| t.kind == Kind::Num) {
            return Some(i + 1);
        }
        (self.is(i, "and") && self.is(i + 1, "a") && self.is(i + 2, "half")).then_some(i + 3)
    }

    fn part_at(&self, i: usize) -> Option<(&'static str, usize)> {
        let p = self.lex.get("partofday", self.w(i))?;
        Some((p, i + 1))
    }

    /// Direction word: this (0), last (−1), next (+1).
    fn dir_at(&self, i: usize) -> Option<(i8, usize)> {
        Some(match self.w(i) {
            "this" | "current" => (0, i + 1),
            "last" | "past" | "previous" | "prior" => (-1, i + 1),
            "next" | "coming" | "following" => (1, i + 1),
            _ => return None,
        })
    }

    /// Is the clause around tokens [i, j) about the future (`Some(true)`) or the past
    /// (`Some(false)`)? The nearest tense cue wins; `None` when there is none.
    fn tense(&self, i: usize, j: usize) -> Option<bool> {
        let s = self.sent.get(i).copied().unwrap_or(0);
        // "until Tuesday", "by Friday", "as early as Monday", "as soon as Monday".
        let left = |k: usize| if i >= k { self.w(i - k) } else { "" };
        let forced = matches!(left(1), "until" | "till" | "by")
            || (left(1) == "as" && matches!(left(2), "early" | "soon") && left(3) == "as");
        // "Until Thursday, they had not ...": a past perfect in the clause wins.
        let had = |idx: usize| self.sent.get(idx) == Some(&s) && self.w(idx) == "had";
        if forced {
            return Some(!(1..=8).any(|k| had(j + k - 1) || i.checked_sub(k + 1).is_some_and(had)));
        }
        // "has cancelled all sailings on Friday" (not "has cared for him since Friday")
        let weekday = self.weekday_at(i).is_some() && left(1) != "since";
        for k in 1..=12usize {
            for idx in [i.checked_sub(k), Some(j + k - 1)].into_iter().flatten() {
                if idx >= self.toks.len() || self.sent[idx] != s {
                    continue;
                }
                let w = self.w(idx);
                let prev_apos = idx > 0 && matches!(self.w(idx - 1), "'" | "’");
                // "is to resume", "set to meet"
                let to_future =
                    w == "to" && idx > 0 && matches!(self.w(idx - 1), "set" | "is" | "are");
                if self.lex.has("future", w) || (w == "ll" && prev_apos) || to_future {
                    // "next to" is a place; "had been due to" a future that has passed.
                    if w == "next" && self.is(idx + 1, "to") {
                        continue;
                    }
                    // "the plan" is a noun; "plans to" points forward.
                    if w.starts_with("plan") && !self.is(idx + 1, "to") {
                        continue;
                    }
                    let back = |n: usize| if idx >= n { self.w(idx - n) } else { "" };
                    return Some(!(back(1) == "had" || (back(1) == "been" && back(2) == "had")));
                }
                let participle = w.len() > 4 && w.ends_with("ed") && self.word(idx);
                // "has cancelled all sailings on Friday": a present perfect before the
                // time cannot be at a finished past time, so the time lies ahead.
                // Only a weekday: a month or a date ("have gathered evidence in the
                // October slaying") keeps its year from the other cues.
                if participle && idx < i && weekday && self.present_perfect(idx) {
                    return Some(true);
                }
                if PAST_CUES.contains(&w) || participle {
                    return Some(false);
                }
            }
        }
        None
    }

    /// The participle at `idx` is an active present perfect: "has cancelled", "have
    /// already cancelled", "'ve cancelled" (not "has been cancelled", not "had").
    fn present_perfect(&self, idx: usize) -> bool {
        let aux = |k: usize| {
            self.lex.has("perfect", self.w(k))
                || (k > 0 && self.w(k) == "ve" && matches!(self.w(k - 1), "'" | "’"))
        };
        let adverb = |k: usize| {
            let a = self.w(k);
            self.word(k) && (a.ends_with("ly") || matches!(a, "already" | "just" | "now"))
        };
        (idx > 0 && aux(idx - 1)) || (idx > 1 && adverb(idx - 1) && aux(idx - 2))
    }

    fn future(&self, i: usize, j: usize) -> bool {
        self.tense(i, j) == Some(true)
    }

    // ---- rules ------------------------------------------------------------------

    fn rule_phrase(&self, i: usize, cat: &'static str) -> Option<(usize, &'static str)> {
        phrases(cat)
            .iter()
            .find(|(p, _)| self.phrase_at(i, p))
            .map(|(p, v)| (i + p.len(), *v))
    }

    fn rule_ref(&self, i: usize) -> Option<Hit> {
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
    fn rule_someday(&self, i: usize) -> Option<Hit> {
        let e = match (self.w(i), self.w(i + 1)) {
            ("someday", _) => i + 1,
            ("one" | "some", "day") => i + 2,
            _ => return None,
        };
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        let modal = matches!(
            prev,
            "will"
                | "would"
                | "could"
                | "may"
                | "might"
                | "can"
                | "shall"
                | "should"
                | "must"
                | "'ll"
        );
        let subject = matches!(prev, "he" | "she" | "they" | "we" | "i" | "you" | "it");
        let verb_follows = self
            .toks
            .get(e)
            .is_some_and(|t| t.kind == Kind::Word && !t.cap)
            && !matches!(
                self.w(e),
                "ago"
                    | "later"
                    | "earlier"
                    | "after"
                    | "before"
                    | "of"
                    | "and"
                    | "or"
                    | "in"
                    | "to"
                    | "for"
                    | "at"
            );
        ((modal || subject) && verb_follows).then_some((e, Spec::Ref("FUTURE_REF")))
    }

    /// Holidays: fixed (`12-25`) or a weekday on or after a day (`11-22-4`, Thanksgiving),
    /// optionally after last/next/this or before a year.
    fn rule_holiday(&self, i: usize) -> Option<Hit> {
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

    fn rule_deictic(&self, i: usize) -> Option<Hit> {
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

    /// A part of the day before its day ("afternoon yesterday", "evening Friday"), or
    /// after "mid" ("mid-afternoon"): on the day named, else on the reference day.
    fn rule_part_day(&self, i: usize) -> Option<Hit> {
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

    /// After a month-day date ending at `i`: "and 25", "or 26", "to 28" as a day of the
    /// same month (not "and 25 people", "and 25,000"); the day, its end and a year
    /// written after it.
    fn coordinated_day(&self, i: usize, m: u32) -> Option<(u32, usize, Option<i64>)> {
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
    fn rule_month(&self, i: usize) -> Option<Hit> {
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
        if protest
            && !matches!(
                prev,
                "in" | "since"
                    | "until"
                    | "by"
                    | "last"
                    | "next"
                    | "this"
                    | "early"
                    | "late"
                    | "mid"
                    | "during"
                    | "-"
            )
        {
            return None;
        }
        let abbrev = self.toks.get(i).is_some_and(|t| {
            t.lower.len() <= 4 && !matches!(t.lower.as_str(), "may" | "june" | "july")
        });
        if strong || (DATE_PREPS.contains(&prev) && !abbrev) {
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
    fn rule_day_month(&self, i: usize) -> Option<Hit> {
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
    fn rule_weekday(&self, i: usize, dir: i8) -> Option<Hit> {
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

    /// this/last/next + unit, month, weekday or season.
    fn rule_dir(&self, i: usize) -> Option<Hit> {
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
    fn rule_count(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        let has_the = self.is(j, "the");
        if has_the {
            j += 1;
        }
        let mut prefixed = false;
        if matches!(
            self.w(j),
            "past"
                | "last"
                | "next"
                | "first"
                | "coming"
                | "previous"
                | "final"
                | "following"
                | "recent"
                | "latest"
                | "same"
                | "initial"
                | "further"
                | "additional"
                | "other"
        ) {
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
    fn rule_year_ago(&self, i: usize) -> Option<Hit> {
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
    fn rule_the_year(&self, i: usize) -> Option<Hit> {
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
    fn rule_bare_units(&self, i: usize) -> Option<Hit> {
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
    fn rule_vague_period(&self, i: usize) -> Option<Hit> {
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
    fn rule_long(&self, i: usize) -> Option<Hit> {
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

    fn rule_quarter(&self, i: usize) -> Option<Hit> {
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

    fn rule_year(&self, i: usize) -> Option<Hit> {
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

    fn rule_decade(&self, i: usize) -> Option<Hit> {
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

    fn rule_clock(&self, i: usize) -> Option<Hit> {
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
        if matches!(
            self.w(e),
            "gmt" | "utc" | "est" | "edt" | "cst" | "cdt" | "pst" | "pdt" | "bst" | "cet"
        ) {
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
    fn clock_day(&self, e: usize, clock: Spec) -> Hit {
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

    fn rule_set(&self, i: usize) -> Option<Hit> {
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
    fn weekday_set_at(&self, i: usize) -> Option<Hit> {
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

    fn rule_season(&self, i: usize) -> Option<Hit> {
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
        if matches!(
            prev,
            "in" | "during"
                | "over"
                | "since"
                | "until"
                | "through"
                | "early"
                | "late"
                | "mid"
                | "-"
        ) && !self.word_after_season(i + 1)
            && s != "FA"
        {
            return Some((i + 1, Spec::Season { y: None, rel: 0, s }));
        }
        None
    }

    /// A noun right after a season word makes it a modifier ("summer camp", "winter
    /// coats"), not a time.
    fn word_after_season(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| {
            t.kind == Kind::Word
                && !t.cap
                && !matches!(
                    t.lower.as_str(),
                    "and"
                        | "or"
                        | "when"
                        | "as"
                        | "to"
                        | "of"
                        | "in"
                        | "at"
                        | "on"
                        | "for"
                        | "with"
                        | "after"
                        | "before"
                        | "that"
                        | "is"
                        | "was"
                        | "will"
                        | "has"
                        | "had"
                )
        })
    }

    /// An all-numeric date: `03/04/2024`, `3.4.2024`, `2024/03/04`. A part over 12 is the
    /// day; with both parts 12 or under, slashes read month first (the US convention
    /// of most English-language news) and dots day first (the European one).
    fn rule_numeric_date(&self, i: usize) -> Option<Hit> {
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

    fn rule_weekend(&self, i: usize) -> Option<Hit> {
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

    /// The longest core expression at `i`.
    fn core(&self, i: usize) -> Option<Hit> {
        let rules: [&dyn Fn(usize) -> Option<Hit>; 23] = [
            &|i| self.rule_numeric_date(i),
            &|i| self.rule_ref(i),
            &|i| self.rule_someday(i),
            &|i| self.rule_holiday(i),
            &|i| self.rule_deictic(i),
            &|i| self.rule_part_day(i),
            &|i| self.rule_month(i),
            &|i| self.rule_day_month(i),
            &|i| self.rule_weekday(i, 0),
            &|i| self.rule_dir(i),
            &|i| {
                if self.is(i, "the") {
                    self.rule_dir(i + 1)
                } else {
                    None
                }
            },
            &|i| self.rule_count(i),
            &|i| self.rule_year_ago(i),
            &|i| self.rule_the_year(i),
            &|i| self.rule_bare_units(i),
            &|i| self.rule_vague_period(i),
            &|i| self.rule_long(i),
            &|i| self.rule_quarter(i),
            &|i| self.rule_year(i),
            &|i| self.rule_decade(i),
            &|i| self.rule_clock(i),
            &|i| self.rule_set(i),
            &|i| self.rule_season(i).or_else(|| self.rule_weekend(i)),
        ];
        let mut best: Option<Hit> = None;
        for r in rules {
            if let Some((e, s)) = r(i) {
                if e > i && best.as_ref().is_none_or(|b| e > b.0) {
                    best = Some((e, s));
                }
            }
        }
        best
    }

    /// A position modifier before a date: early, mid-, late, the end of, earlier this.
    fn date_mod(&self, i: usize) -> Option<(usize, TimeMod)> {
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
    fn qual_mod(&self, i: usize) -> Option<(usize, TimeMod)> {
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
    fn year_end_at(&self, i: usize) -> Option<(usize, Spec)> {
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
        if !matches!(
            prev,
            "by" | "since"
                | "at"
                | "before"
                | "until"
                | "till"
                | "after"
                | "through"
                | "to"
                | "from"
                | "near"
                | "toward"
                | "towards"
                | "around"
                | "of"
        ) {
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

    fn parse_at(&self, i: usize) -> Option<(usize, Spec, Option<TimeMod>)> {
        if let Some((e, spec)) = self.year_end_at(i) {
            return Some((e, spec, Some(TimeMod::End)));
        }
        if let Some((j, m)) = self.date_mod(i) {
            // "the end of the year": the unit after "the" is the current one.
            if self.is(j, "the") {
                if let Some((u, e)) = self.unit_at(j + 1) {
                    if matches!(
                        u,
                        Unit::Year
                            | Unit::Month
                            | Unit::Week
                            | Unit::Quarter
                            | Unit::Decade
                            | Unit::Century
                            | Unit::Day
                    ) && !self.w(j + 1).ends_with('s')
                    {
                        let spec = match u {
                            Unit::Quarter => Spec::QuarterRel(0),
                            Unit::Day => Spec::Deictic(0),
                            _ => Spec::Rel {
                                unit: u,
                                n: Some(0),
                            },
                        };
                        return Some((e, spec, Some(m)));
                    }
                }
            }
            if let Some((e, spec)) = self.core(j) {
                if !matches!(
                    spec,
                    Spec::Duration(_) | Spec::Set(_) | Spec::TimeOfDay { .. } | Spec::Ref(_)
                ) {
                    return Some((e, spec, Some(m)));
                }
            }
        }
        if let Some((j, m)) = self.qual_mod(i) {
            if let Some((e, spec)) = self.core(j) {
                if matches!(
                    spec,
                    Spec::Duration(_) | Spec::Rel { .. } | Spec::RelPrev { .. } | Spec::YearAgo
                ) {
                    return Some((e, spec, Some(m)));
                }
            }
        }
        self.core(i).map(|(e, s)| (e, s, None))
    }
}

/// Words that can start a temporal expression: tokens not in this set (and not
/// numbers) are skipped without trying the rules.
fn starters() -> &'static lexicon::FastSet<String> {
    static S: OnceLock<lexicon::FastSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        let mut set: lexicon::FastSet<String> = Default::default();
        let t = lexicon::time();
        for cat in [
            "month",
            "weekday",
            "unit",
            "season",
            "partofday",
            "deictic",
            "set",
        ] {
            set.extend(t.entries(cat).map(|(f, _)| f.to_string()));
        }
        set.extend(
            t.entries("weekday")
                .filter(|(f, _)| f.ends_with("day"))
                .map(|(f, _)| format!("{f}s")),
        );
        for cat in ["ref", "holiday"] {
            set.extend(phrases(cat).iter().filter_map(|(p, _)| p.first().cloned()));
        }
        let n = lexicon::numbers();
        for cat in ["card", "ord", "mult", "vague"] {
            set.extend(
                n.entries(cat)
                    .filter_map(|(f, _)| f.split_whitespace().next().map(str::to_string)),
            );
        }
        for w in [
            "the",
            "a",
            "an",
            "this",
            "last",
            "next",
            "past",
            "coming",
            "previous",
            "prior",
            "current",
            "following",
            "early",
            "mid",
            "late",
            "earlier",
            "later",
            "end",
            "beginning",
            "start",
            "middle",
            "turn",
            "more",
            "over",
            "less",
            "under",
            "at",
            "up",
            "nearly",
            "almost",
            "about",
            "around",
            "approximately",
            "roughly",
            "every",
            "each",
            "fiscal",
            "q",
            "noon",
            "midday",
            "midnight",
            "first",
            "final",
            "recent",
            "latest",
            "same",
            "initial",
            "further",
            "additional",
            "other",
            "year",
            "'",
            "’",
            "that",
            "upcoming",
            "someday",
            "some",
        ] {
            set.insert(w.to_string());
        }
        set
    })
}

/// Finds the temporal expressions of `text` (tokenized as `toks`), in text order.
pub fn recognise(_text: &str, toks: &[Tok]) -> Vec<Mention> {
    let mut sent = Vec::with_capacity(toks.len());
    let mut s = 0usize;
    for t in toks {
        sent.push(s);
        if is_terminal(t) {
            s += 1;
        }
    }
    let g = G {
        toks,
        lex: lexicon::time(),
        sent,
    };
    let starts = starters();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // Only start at a word or number.
        if toks[i].kind != Kind::Num && !starts.contains(toks[i].lower.as_str()) {
            i += 1;
            continue;
        }
        match g.parse_at(i) {
            Some((end, spec, m)) if end > i => {
                let end = end.min(toks.len());
                let tense = g.tense(i, end);
                let (future, past) = (tense == Some(true), tense == Some(false));
                // Trim trailing punctuation other than an abbreviation's dot.
                let mut last = end - 1;
                while last > i && toks[last].kind == Kind::Punct && toks[last].lower == "," {
                    last -= 1;
                }
                // "April 24 and 25": the second day is a date of the same month.
                let mut spec = spec;
                let mut also = None;
                if let Spec::Cal {
                    y,
                    m: Some(mo),
                    d: Some(d1),
                } = spec
                {
                    if let Some((d, k, y2)) = g.coordinated_day(end, mo) {
                        let y = y.or(y2);
                        spec = Spec::Cal {
                            y,
                            m: Some(mo),
                            d: Some(d1),
                        };
                        also = Some((
                            k,
                            Spec::Cal {
                                y,
                                m: Some(mo),
                                d: Some(d),
                            },
                        ));
                    }
                }
                out.push(Mention {
                    start: toks[i].start,
                    end: toks[last].end,
                    spec,
                    r#mod: m,
                    future,
                    past,
                });
                i = end;
                // The second day runs from its number to the year written after it, if any.
                if let Some((k, spec2)) = also.filter(|(k, _)| *k <= toks.len() && *k > end + 1) {
                    out.push(Mention {
                        start: toks[end + 1].start,
                        end: toks[k - 1].end,
                        spec: spec2,
                        r#mod: None,
                        future,
                        past,
                    });
                    i = k;
                }
            }
            _ => i += 1,
        }
    }
    out
}
