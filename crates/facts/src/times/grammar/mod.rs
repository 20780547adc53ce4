//! Recognition: a hand-written grammar over the facts tokens. At each token the
//! rules are tried and the longest match wins; matched tokens are skipped.
//!
//! Span conventions follow TimeML: prepositions are left out ("on June 13" → "June
//! 13"), determiners of the expression are kept ("the third quarter", "the past").

mod calendar;
mod clock;
mod modifiers;
mod readers;
mod relative;
mod sets;

use super::resolve::{Spec, Unit};
use crate::lexicon::{self, Lexicon};
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
                if self.lex.has("past_cue", w) || participle {
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
