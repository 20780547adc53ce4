//! Temporal expressions: recognition by a small hand-written grammar over the
//! facts tokenizer, then normalisation to TIMEX3 values against a reference date
//! (the article's `published` date, the previous date of the text, or the date a
//! quote was said).
//!
//! Two steps, kept apart so a quote's relative dates can be re-resolved later:
//! [`recognise`] turns text into [`Mention`]s (span + a [`Spec`], the meaning before
//! any anchoring), and [`Resolver`] turns a `Spec` into a value.

mod grammar;
mod resolve;

use crate::calendar::{parse_iso_date, Date};
use crate::tokens::tokenize;
use newsgraph_model::{Anchor, Article, CharIndex, Time, TimeMod, TimeType};

pub use grammar::{recognise, Mention};
pub use resolve::{Resolver, Spec, Unit};

/// Fills `times` from `text`, resolving against `published` when it parses as a date.
pub fn times(article: &mut Article) {
    let dct = article.published.as_deref().and_then(parse_iso_date);
    let found = times_with_reference(&article.text, dct);
    article.times = found;
}

/// Finds and normalises every temporal expression of `text` against `dct` (the
/// document creation time); without it, values keep `X` placeholders.
pub fn times_with_reference(text: &str, dct: Option<Date>) -> Vec<Time> {
    let toks = crate::tokens::tokenize_shared(text);
    let mentions = recognise(text, &toks);
    // Shared with figures and events: the index is built once per article.
    let ix = crate::tokens::char_index_shared(text);
    let mut resolver = Resolver::new(dct);
    let mut out = Vec::with_capacity(mentions.len());
    for m in &mentions {
        let (value, anchor) = resolver.resolve_tensed(&m.spec, m.future, m.past);
        let kind = m.spec.time_type();
        let text_s = text.get(m.start..m.end).unwrap_or("").to_string();
        // "days later": after (or before) the previous date, count unknown.
        let mut md = m.r#mod;
        if md.is_none() && matches!(m.spec, Spec::RelPrev { n: None, .. }) {
            let lower = text_s.to_lowercase();
            md = if lower.ends_with("later") {
                Some(TimeMod::After)
            } else if lower.ends_with("earlier") {
                Some(TimeMod::Before)
            } else {
                None
            };
        }
        out.push(Time {
            text: text_s,
            span: ix.span(m.start..m.end),
            kind,
            value,
            r#mod: md,
            anchor,
        });
    }
    // "Days later, on June 22": a count-less "later"/"earlier" right before the date it
    // introduces is that date (not the previous date it would otherwise copy).
    for k in 1..mentions.len() {
        let (a, b) = (&mentions[k - 1], &mentions[k]);
        if !matches!(a.spec, Spec::RelPrev { n: None, .. }) || b.start < a.end {
            continue;
        }
        let gap = text
            .get(a.end..b.start)
            .unwrap_or("x")
            .trim()
            .trim_start_matches(',');
        let joined = matches!(gap.trim(), "" | "on" | "in" | "at");
        let next = &out[k];
        let absolute = next.kind == TimeType::Date
            && !next.value.starts_with('X')
            && !next.value.ends_with("_REF")
            && parse_iso_date(&next.value).is_some();
        if joined && absolute {
            let (value, anchor) = (next.value.clone(), next.anchor.clone());
            let t = &mut out[k - 1];
            t.value = value;
            t.anchor = anchor;
            t.r#mod = None;
        }
    }
    out
}

/// Re-resolves the times lying inside each `(range, when, anchor)` (ranges in code
/// points) against `when`: used for relative dates inside a quote, which count from
/// the day the quote was said. Only times that were anchored to the publication date
/// (or unresolved) change; their anchor becomes `anchor`. One recognition pass.
pub fn reanchor(article: &mut Article, plans: &[(newsgraph_model::Span, Date, Anchor)]) {
    if plans.is_empty() {
        return;
    }
    let ix = CharIndex::new(&article.text);
    // Times by span: one lookup per recognised expression, not a scan of every time.
    let at: std::collections::HashMap<newsgraph_model::Span, usize> = article
        .times
        .iter()
        .enumerate()
        .rev()
        .map(|(k, t)| (t.span, k))
        .collect();
    for (range, when, label) in plans {
        // Recognise the quote's own text only.
        let lo = ix.byte_of(range.start);
        let Some(part) = article.text.get(lo..ix.byte_of(range.end)) else {
            continue;
        };
        let toks = tokenize(part);
        let mut resolver = Resolver::new(Some(*when));
        for m in recognise(part, &toks) {
            let span = ix.span(m.start + lo..m.end + lo);
            if !m.spec.is_relative() {
                continue;
            }
            let (value, _) = resolver.resolve_tensed(&m.spec, m.future, m.past);
            if let Some(t) = at.get(&span).map(|&k| &mut article.times[k]) {
                if t.anchor.as_ref().is_none_or(|a| *a == Anchor::Published) {
                    t.value = value;
                    t.anchor = Some(label.clone());
                }
            }
        }
    }
}

impl Spec {
    pub fn time_type(&self) -> TimeType {
        match self {
            Spec::Duration(_) => TimeType::Duration,
            Spec::Set(_) => TimeType::Set,
            Spec::TimeOfDay { .. } | Spec::PartOfDay { .. } => TimeType::Time,
            _ => TimeType::Date,
        }
    }
}

#[cfg(test)]
mod tests;
