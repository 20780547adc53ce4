//! Events: who did what to whom, where and when.
//!
//! A trigger word of `data/events.tsv` (with its kind and CAMEO root) opens an
//! event; its arguments come from the entity mentions of the same clause: before
//! the trigger, actors (or places after in/at/near); after it, targets (after on /
//! against / targeting), places (after in / at / near), co-actors (after with /
//! alongside). `when` is the nearest date of the sentence. Each attributed quote is
//! also a `statement` event of its speaker.
//!
//! Relative dates inside quotes are re-anchored to the day the quote was said by
//! [`reanchor_quotes`], the pipeline's own `reanchor` stage (it runs before claims and
//! events, which read the quotes' dates).

use crate::calendar::{parse_iso_date, Date};
use crate::times::reanchor;
use crate::tokens::{is_terminal, tokenize, Kind, Tok};
use newsgraph_model::{
    containing, starting_in, Anchor, Article, Cameo, CharIndex, EntityKind, Event, Span, Time,
    TimeType,
};
use std::sync::OnceLock;

/// A trigger phrase: (tokens, kind, cameo).
type Trigger = (Vec<String>, &'static str, Option<Cameo>);

/// Trigger phrases, tokenized like the text, longest first.
fn triggers() -> &'static [Trigger] {
    static T: OnceLock<Vec<Trigger>> = OnceLock::new();
    T.get_or_init(|| {
        let src = include_str!("../../data/events.tsv");
        let mut v = Vec::new();
        for line in src.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&'static str> = line.split('\t').collect();
            if f.len() < 3 {
                continue;
            }
            let toks: Vec<String> = tokenize(f[0]).into_iter().map(|t| t.lower).collect();
            // "-": no CAMEO root; anything else must be one (checked by a test).
            let cameo = Cameo::parse(f[2].trim());
            v.push((toks, f[1].trim(), cameo));
        }
        v.sort_by_key(|t| std::cmp::Reverse(t.0.len()));
        v
    })
}

/// A date-like time of the sentence: (span, value).
fn is_datey(kind: TimeType) -> bool {
    matches!(kind, TimeType::Date | TimeType::Time)
}

/// The date a quote was said: its `when`, else a date of the cue's sentence lying
/// outside the quote.
fn quote_date(
    q: &newsgraph_model::Quote,
    sentences: &[Span],
    times: &[&Time],
) -> Option<(Date, String)> {
    if let Some(d) = q.when.as_deref().and_then(parse_iso_date) {
        return Some((d, q.when.clone().unwrap_or_default()));
    }
    let cue = q.cue_span?;
    let sent = containing(sentences, &cue).unwrap_or(cue);
    // The quote may span several sentences; look in the cue's sentence only.
    starting_in(times, |t| t.span, sent)
        .iter()
        .copied()
        .filter(|t| is_datey(t.kind) && sent.contains(&t.span) && !q.span.contains(&t.span))
        .filter_map(|t| parse_iso_date(&t.value).map(|d| (t.span, d, t.value.clone())))
        .min_by_key(|(s, _, _)| s.start.abs_diff(cue.start))
        .map(|(_, d, v)| (d, v))
}

/// The article's times ordered by start (a stable sort: text order is kept for equal
/// starts), for range lookups by [`starting_in`].
fn times_by_start(article: &Article) -> Vec<&Time> {
    let mut times: Vec<&Time> = article.times.iter().collect();
    times.sort_by_key(|t| t.span.start);
    times
}

/// Whether any span of `sorted` (ordered by start, none longer than `max_len`)
/// overlaps `q`: a binary search, then a walk back over the few that could reach it.
fn overlaps_sorted<T>(sorted: &[T], span_of: impl Fn(&T) -> Span, max_len: usize, q: Span) -> bool {
    let hi = sorted.partition_point(|x| span_of(x).start < q.end.max(q.start + 1));
    sorted[..hi]
        .iter()
        .rev()
        .take_while(|x| span_of(x).start + max_len >= q.start)
        .any(|x| span_of(x).overlaps(&q))
}

/// Sentence spans: the article's, else split on terminal punctuation and newlines.
fn sentence_spans(article: &Article, toks: &[Tok], ix: &CharIndex) -> Vec<Span> {
    if !article.sentences.is_empty() {
        return article.sentences.iter().map(|s| s.span).collect();
    }
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let text = &article.text;
    for (i, t) in toks.iter().enumerate() {
        let s = *start.get_or_insert(t.start);
        let newline_next = toks
            .get(i + 1)
            .is_some_and(|n| text.get(t.end..n.start).is_some_and(|g| g.contains('\n')));
        if is_terminal(t) || newline_next || i + 1 == toks.len() {
            out.push(ix.span(s..t.end));
            start = None;
        }
    }
    out
}

/// Re-resolves the relative dates inside each quote against the day it was said
/// ("two weeks ago" in a quote said on Monday counts from that Monday), and fills
/// the quote's `when` when it was empty.
pub fn reanchor_quotes(article: &mut Article) {
    if article.quotes.is_empty() || article.times.is_empty() {
        return;
    }
    let toks = crate::tokens::tokenize_shared(&article.text);
    let ix = crate::tokens::char_index_shared(&article.text);
    let sentences = sentence_spans(article, &toks, &ix);
    let times = times_by_start(article);
    let mut plans = Vec::new();
    for (k, q) in article.quotes.iter().enumerate() {
        if let Some((d, v)) = quote_date(q, &sentences, &times) {
            plans.push((k, q.span, d, v, q.id.clone()));
        }
    }
    let batch: Vec<(Span, Date, Anchor)> = plans
        .iter()
        .map(|(_, span, d, _, id)| (*span, *d, Anchor::Quote(id.clone())))
        .collect();
    reanchor(article, &batch);
    for (k, _, _, v, _) in plans {
        if article.quotes[k].when.is_none() {
            article.quotes[k].when = Some(v);
        }
    }
}

struct Mention<'a> {
    span: Span,
    entity: &'a str,
    kind: EntityKind,
}

/// Fills `events` (needs entities, times, quotes after [`reanchor_quotes`]).
pub fn events(article: &mut Article) {
    let text = &article.text;
    let toks = crate::tokens::tokenize_shared(text);
    let ix = crate::tokens::char_index_shared(text);
    let sentences = sentence_spans(article, &toks, &ix);
    let mut mentions: Vec<Mention> = article
        .entities
        .iter()
        .flat_map(|e| {
            e.mentions.iter().map(move |m| Mention {
                span: *m,
                entity: e.id.as_str(),
                kind: e.kind,
            })
        })
        .collect();
    mentions.sort_by_key(|m| m.span);
    let mention_max = mentions.iter().map(|m| m.span.len()).max().unwrap_or(0);
    let times = times_by_start(article);
    let tok_spans: Vec<Span> = crate::tokens::char_spans(text, &toks);
    let mut out: Vec<Event> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some((len, kind, cameo)) = match_trigger(&toks, i) else {
            i += 1;
            continue;
        };
        let kind = disambiguate(&toks, i, kind);
        let Some(kind) = kind else {
            i += len;
            continue;
        };
        // A trigger word inside a name is no event ("the Met Office said").
        let trig_span = Span::new(tok_spans[i].start, tok_spans[i + len - 1].end);
        if in_name(&toks, i, &mentions, mention_max, trig_span) {
            i += len;
            continue;
        }
        let cameo = if kind == "protest" {
            Cameo::root(14)
        } else {
            cameo
        };
        let mut end = i + len;
        // "bombing campaign", "peace talks": keep a following head noun.
        if matches!(
            toks.get(end).map(|t| t.lower.as_str()),
            Some("campaign" | "campaigns" | "operation")
        ) {
            end += 1;
        }
        let span = Span::new(tok_spans[i].start, tok_spans[end - 1].end);
        let sent = containing(&sentences, &span).unwrap_or(span);
        let (np, governed) = np_start(&toks, i);
        let np_from = if governed {
            Some(tok_spans[np].start)
        } else {
            None
        };
        // Arguments lie in the sentence: only its mentions are passed.
        let in_sent = starting_in(&mentions, |m| m.span, sent);
        let (mut actors, mut targets, places) = arguments(
            text, &ix, &toks, &tok_spans, in_sent, sent, span, kind, np_from,
        );
        // "Pezeshkian has drawn criticism": the subject undergoes the event.
        if undergone(&toks, i) {
            for a in actors.drain(..) {
                push_unique(&mut targets, &a);
            }
        }
        let when = nearest_time(&times, sent, span);
        out.push(Event {
            id: String::new(),
            kind: kind.to_string(),
            cameo,
            text: text.get(ix.bytes(span)).unwrap_or("").to_string(),
            span,
            actors,
            targets,
            places,
            when,
        });
        i = end;
    }
    // Statements: each quote with a speaker. The trigger events are in text order;
    // the statements' cues are kept ordered as they come.
    let triggers = out.len();
    let event_max = out.iter().map(|e| e.span.len()).max().unwrap_or(0);
    let mut cues: std::collections::BTreeSet<Span> = std::collections::BTreeSet::new();
    let mut cue_max = 0;
    for q in &article.quotes {
        let Some(cue) = q.cue_span else { continue };
        if q.speaker.is_none() && q.speaker_text.is_none() {
            continue;
        }
        let stated = cues
            .range(
                ..Span {
                    start: cue.end.max(cue.start + 1),
                    end: 0,
                },
            )
            .rev()
            .take_while(|c| c.start + cue_max >= cue.start)
            .any(|c| c.overlaps(&cue));
        if stated || overlaps_sorted(&out[..triggers], |e| e.span, event_max, cue) {
            continue;
        }
        let sent = containing(&sentences, &cue).unwrap_or(cue);
        let outside = |s: &Span| !q.span.overlaps(s);
        let mut actors: Vec<String> = q.speaker.iter().cloned().collect();
        let mut places = Vec::new();
        for m in starting_in(&mentions, |m| m.span, sent)
            .iter()
            .filter(|m| sent.contains(&m.span) && outside(&m.span))
        {
            let prev = word_before(text, &ix, m.span);
            if matches!(prev.as_str(), "at" | "in") && m.kind == EntityKind::Place
                || (prev == "at" && m.kind == EntityKind::Organization)
            {
                push_unique(&mut places, m.entity);
            } else if matches!(prev.as_str(), "alongside" | "with")
                && !actors.iter().any(|a| a == m.entity)
            {
                push_unique(&mut actors, m.entity);
            }
        }
        out.push(Event {
            id: String::new(),
            kind: "statement".into(),
            cameo: Cameo::root(1),
            text: q.cue.clone().unwrap_or_default(),
            span: cue,
            actors,
            targets: Vec::new(),
            places,
            when: statement_date(&times, q, sent, cue),
        });
        cues.insert(cue);
        cue_max = cue_max.max(cue.len());
    }
    out.sort_by_key(|e| e.span);
    for (k, e) in out.iter_mut().enumerate() {
        e.id = format!("ev{}", k + 1);
    }
    article.events = out;
}

/// Trigger indices by first token, and a filter of those first tokens.
fn trigger_index() -> &'static (
    crate::lexicon::FastMap<&'static str, Vec<usize>>,
    crate::lexicon::WordFilter,
) {
    static I: OnceLock<(
        crate::lexicon::FastMap<&'static str, Vec<usize>>,
        crate::lexicon::WordFilter,
    )> = OnceLock::new();
    I.get_or_init(|| {
        let mut m: crate::lexicon::FastMap<&'static str, Vec<usize>> = Default::default();
        let mut filter = crate::lexicon::WordFilter::default();
        for (k, (p, _, _)) in triggers().iter().enumerate() {
            if let Some(first) = p.first() {
                m.entry(first.as_str()).or_default().push(k);
                filter.insert(first);
            }
        }
        (m, filter)
    })
}

fn match_trigger(toks: &[Tok], i: usize) -> Option<(usize, &'static str, Option<Cameo>)> {
    if toks[i].kind != Kind::Word {
        return None;
    }
    let all = triggers();
    let (index, filter) = trigger_index();
    if !filter.may_contain(&toks[i].lower) {
        return None;
    }
    index
        .get(toks[i].lower.as_str())?
        .iter()
        .map(|&k| &all[k])
        .find(|(p, _, _)| {
            p.iter()
                .enumerate()
                .all(|(k, w)| toks.get(i + k).is_some_and(|t| &t.lower == w))
        })
        .map(|(p, k, c)| (p.len(), *k, *c))
}

/// Reads a trigger in context: a hunger or general strike is a protest; "deal" and
/// "met" in set phrases are no events.
fn disambiguate(toks: &[Tok], i: usize, kind: &'static str) -> Option<&'static str> {
    let w = toks[i].lower.as_str();
    let prev = if i > 0 {
        toks[i - 1].lower.as_str()
    } else {
        ""
    };
    let next = toks.get(i + 1).map(|t| t.lower.as_str()).unwrap_or("");
    if matches!(w, "strike" | "strikes") {
        // "a dock strike", "strikes by rail workers over pay": a labour dispute.
        let ctx = crate::lexicon::event_context();
        let near = toks[i.saturating_sub(3)..(i + 4).min(toks.len())]
            .iter()
            .any(|t| ctx.has("labour", t.lower.trim_end_matches("'s")));
        if near {
            return Some("protest");
        }
        if matches!(next, "a" | "an" | "the" | "back" | "out") || prev == "to" {
            return None;
        }
    }
    if w == "deal" && matches!(prev, "great" | "good") {
        return None;
    }
    if w == "met"
        && matches!(next, "with")
        && toks.get(i + 2).is_some_and(|t| {
            matches!(
                t.lower.as_str(),
                "criticism" | "sharp" | "skepticism" | "scepticism" | "resistance" | "silence"
            )
        })
    {
        return None;
    }
    if w == "met" && matches!(next, "by") {
        return None;
    }
    Some(kind)
}

fn push_unique(v: &mut Vec<String>, id: &str) {
    if !v.iter().any(|x| x == id) {
        v.push(id.to_string());
    }
}

/// The lowercase word right before a span, skipping articles ("at the White House" → "at").
fn word_before(text: &str, ix: &CharIndex, span: Span) -> String {
    let b = ix.byte_of(span.start);
    let mut before = text.get(..b).unwrap_or("");
    for _ in 0..3 {
        let t = before.trim_end();
        let w = t
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let lower = w.to_lowercase();
        if matches!(lower.as_str(), "the" | "a" | "an") && !w.is_empty() {
            before = &t[..t.len() - w.len()];
            continue;
        }
        return lower;
    }
    String::new()
}

/// Start (token index) of the noun phrase ending at trigger token `i`, and whether a
/// preposition governs it.
fn np_start(toks: &[Tok], i: usize) -> (usize, bool) {
    let mut k = i;
    while k > 0 {
        let t = &toks[k - 1];
        let w = t.lower.as_str();
        // A lowercase past participle ("the wounded") ends the modifiers.
        let participle = w.ends_with("ed") && w.len() > 5 && !t.cap;
        let modifier = t.kind == Kind::Word
            && !participle
            && !crate::lexicon::event_context().has("np_prep", w)
            && !matches!(
                w,
                "the"
                    | "a"
                    | "an"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "to"
                    | "with"
                    | "on"
                    | "at"
                    | "for"
                    | "as"
                    | "while"
                    | "but"
                    | "that"
                    | "has"
                    | "have"
                    | "had"
                    | "was"
                    | "were"
                    | "is"
                    | "are"
                    | "launched"
                    | "joined"
                    | "said"
                    | "carried"
                    | "conducted"
                    | "claimed"
                    | "reported"
                    | "confirmed"
            )
            && i - k < 6;
        if !modifier {
            break;
        }
        k -= 1;
    }
    let mut j = k;
    while j > 0
        && matches!(
            toks[j - 1].lower.as_str(),
            "the" | "a" | "an" | "its" | "their"
        )
    {
        j -= 1;
    }
    let governed =
        j > 0 && crate::lexicon::event_context().has("np_prep", toks[j - 1].lower.as_str());
    (k, governed)
}

#[allow(clippy::too_many_arguments)]
fn arguments(
    text: &str,
    ix: &CharIndex,
    toks: &[Tok],
    tok_spans: &[Span],
    mentions: &[Mention],
    sent: Span,
    trig: Span,
    kind: &str,
    np_from: Option<usize>,
) -> (Vec<String>, Vec<String>, Vec<String>) {
    // Clause bounds: the sentence, cut at clause-breaking words and semicolons.
    let mut lo = sent.start;
    let mut hi = sent.end;
    let first = tok_spans.partition_point(|s| s.start < sent.start);
    for (t, s) in toks[first..].iter().zip(&tok_spans[first..]) {
        if s.start >= sent.end {
            break;
        }
        let brk =
            crate::lexicon::event_context().has("clause_break", t.lower.as_str()) || t.lower == ";";
        if brk && s.end <= trig.start {
            lo = lo.max(s.end);
        }
        if brk && s.start >= trig.end {
            hi = hi.min(s.start);
        }
    }
    let (mut actors, mut targets, mut places) = (Vec::new(), Vec::new(), Vec::new());
    let mut after_between = false;
    let trig_word = text.get(ix.bytes(trig)).unwrap_or("").to_lowercase();
    for m in mentions
        .iter()
        .filter(|m| m.span.start >= lo && m.span.end <= hi)
    {
        let prev = word_before(text, ix, m.span);
        let place_prep = matches!(
            prev.as_str(),
            "in" | "at" | "near" | "across" | "inside" | "outside"
        );
        if m.span.end <= trig.start {
            // Inside a prepositional phrase only the phrase's own modifiers act.
            if let Some(f) = np_from {
                if m.span.start >= f {
                    push_unique(&mut actors, m.entity);
                }
                continue;
            }
            if place_prep && m.kind == EntityKind::Place {
                push_unique(&mut places, m.entity);
            } else if !matches!(prev.as_str(), "of" | "to" | "from" | "against" | "on") {
                push_unique(&mut actors, m.entity);
            }
        } else if m.span.start >= trig.end {
            if place_prep && m.kind == EntityKind::Place {
                push_unique(&mut places, m.entity);
            } else if (matches!(prev.as_str(), "with" | "alongside" | "between" | "and")
                && matches!(kind, "talks" | "agreement" | "ceasefire" | "fighting"))
                || prev == "between"
                || (prev == "and" && after_between)
            {
                after_between = prev == "between";
                push_unique(&mut actors, m.entity);
            } else if matches!(
                prev.as_str(),
                "on" | "against" | "targeting" | "at" | "into" | "of"
            ) || (prev == trig_word
                && matches!(
                    kind,
                    "attack" | "arrest" | "criticism" | "threat" | "fighting"
                ))
            {
                push_unique(&mut targets, m.entity);
            }
        }
    }
    // Places in a list after "at": Fordow, Isfahan, and Natanz.
    let listed: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.span.start >= trig.end && m.span.end <= hi && m.kind == EntityKind::Place)
        .collect();
    for w in listed.windows(2) {
        if places.iter().any(|p| p == w[0].entity) {
            let gap = text
                .get(ix.byte_of(w[0].span.end)..ix.byte_of(w[1].span.start))
                .unwrap_or("");
            if gap.trim().trim_matches(',').trim().is_empty()
                || matches!(gap.trim().trim_start_matches(',').trim(), "and" | "or")
            {
                push_unique(&mut places, w[1].entity);
                targets.retain(|t| t != w[1].entity);
            }
        }
    }
    actors.retain(|a| !places.contains(a));
    (actors, targets, places)
}

/// Whether trigger token `i` is part of a name: inside an entity mention, or (without
/// entities) capitalised mid-sentence next to another capitalised word ("Met Office").
fn in_name(toks: &[Tok], i: usize, mentions: &[Mention], max_len: usize, trig: Span) -> bool {
    if overlaps_sorted(mentions, |m| m.span, max_len, trig) {
        return true;
    }
    let t = &toks[i];
    let sentence_start = i == 0 || is_terminal(&toks[i - 1]) || toks[i - 1].kind != Kind::Word;
    let cap_word = |k: usize| toks.get(k).is_some_and(|n| n.kind == Kind::Word && n.cap);
    t.cap && !sentence_start && (cap_word(i + 1) || (i > 0 && cap_word(i - 1)))
}

/// Whether a verb of suffering (`event_context.tsv`, "undergo") governs the noun
/// trigger at `i` ("has drawn criticism", "faced fierce protests").
fn undergone(toks: &[Tok], i: usize) -> bool {
    let ctx = crate::lexicon::event_context();
    let mut k = i;
    for _ in 0..3 {
        if k == 0 {
            return false;
        }
        k -= 1;
        let w = toks[k].lower.as_str();
        if ctx.has("undergo", w) {
            return true;
        }
        let modifier = toks[k].kind == Kind::Word
            && (matches!(
                w,
                "a" | "an" | "the" | "some" | "much" | "more" | "widespread"
            ) || w.ends_with("ful")
                || w.ends_with("ous")
                || w.ends_with("ive")
                || matches!(w, "fierce" | "sharp" | "heavy" | "strong" | "harsh"));
        if !modifier {
            return false;
        }
    }
    false
}

/// When a statement was made: the quote's own `when` or a date of the cue's sentence
/// outside the quoted words, and only a calendar day (or month): a bare year in the
/// sentence is what was said about ("had owned the land since 1920"), not when.
fn statement_date(
    times: &[&Time],
    q: &newsgraph_model::Quote,
    sent: Span,
    cue: Span,
) -> Option<String> {
    let dated = |w: &str| {
        let b = w.as_bytes();
        parse_iso_date(w).is_some()
            || (b.len() == 7 && b[4] == b'-' && w.bytes().filter(u8::is_ascii_digit).count() == 6)
    };
    if let Some(w) = q.when.clone().filter(|w| dated(w)) {
        return Some(w);
    }
    nearest(
        starting_in(times, |t| t.span, sent)
            .iter()
            .copied()
            .filter(|t| {
                is_datey(t.kind)
                    && sent.contains(&t.span)
                    && !q.span.overlaps(&t.span)
                    && !t.value.ends_with("_REF")
                    && dated(&t.value)
            }),
        cue,
    )
}

/// The value of the time nearest `to` (by the gap between the spans).
fn nearest<'t>(times: impl Iterator<Item = &'t newsgraph_model::Time>, to: Span) -> Option<String> {
    times
        .min_by_key(|t| {
            if t.span.start >= to.end {
                t.span.start - to.end
            } else {
                to.start.saturating_sub(t.span.end)
            }
        })
        .map(|t| t.value.clone())
}

/// The value of the date of the sentence nearest the trigger.
fn nearest_time(times: &[&Time], sent: Span, trig: Span) -> Option<String> {
    nearest(
        starting_in(times, |t| t.span, sent)
            .iter()
            .copied()
            .filter(|t| is_datey(t.kind) && sent.contains(&t.span) && !t.value.ends_with("_REF")),
        trig,
    )
}

#[cfg(test)]
mod tests;
