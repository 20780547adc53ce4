//! Figures: numbers with their unit and meaning (killed, injured, displaced,
//! arrested, money, percent, counts), a qualifier, what they are about and who
//! reports them.
//!
//! Rules over the facts tokens, clause by clause: a number (digits, words, vague
//! quantities, or "a"/"one" + a person noun next to a casualty verb), the qualifier
//! before it, then what follows it decides the meaning: a percent sign, a currency,
//! a casualty noun ("fatalities"), or a people noun whose verb ("were killed",
//! "killing") gives the kind. The source is the subject of a reporting verb of the
//! sentence, or what follows "according to".

mod clause;
#[cfg(test)]
mod tests;

use clause::Ctx;

use crate::lexicon::{self};
use crate::numbers::{self, parse_number};
use crate::tokens::{is_terminal, Kind, Tok};
use newsgraph_model::{Article, Figure, FigureKind, Qualifier, Span};
use std::ops::Range;

fn sentences(toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = vec![(0, 0); toks.len()];
    let mut s = 0;
    for i in 0..toks.len() {
        let end_here = is_terminal(&toks[i])
            && !(toks[i].lower == "."
                && i > 0
                && toks[i - 1].kind == Kind::Word
                && toks[i - 1].lower.len() <= 3
                && toks[i - 1].cap);
        if end_here || i + 1 == toks.len() {
            for o in out.iter_mut().take(i + 1).skip(s) {
                *o = (s, i + 1);
            }
            s = i + 1;
        }
    }
    out
}

/// Qualifier forms (`lexicon::figures()` "qualifier") of one to three words, by last
/// word: a phrase of tokens matches when its words joined by spaces are the form.
#[allow(clippy::type_complexity)]
fn qualifiers() -> &'static lexicon::FastMap<&'static str, Vec<(Vec<&'static str>, &'static str)>> {
    static Q: std::sync::OnceLock<
        lexicon::FastMap<&'static str, Vec<(Vec<&'static str>, &'static str)>>,
    > = std::sync::OnceLock::new();
    Q.get_or_init(|| {
        let mut m: lexicon::FastMap<&'static str, Vec<(Vec<&'static str>, &'static str)>> =
            Default::default();
        for (form, q) in lexicon::figures().entries("qualifier") {
            let words: Vec<&'static str> = form.split(' ').collect();
            if (1..=3).contains(&words.len()) && words.iter().all(|w| !w.is_empty()) {
                if let Some(last) = words.last() {
                    m.entry(*last).or_default().push((words, q));
                }
            }
        }
        m
    })
}

fn figure_at(cx: &Ctx, i: usize) -> Option<(Figure, usize, Option<Range<usize>>)> {
    let toks = cx.toks;
    let t = &toks[i];
    // Cheap filter: figures start at a number, a number word or an article.
    if t.kind == Kind::Punct {
        return None;
    }
    // Words a figure can start with: number words, vague quantities, articles.
    if t.kind == Kind::Word && !numbers::word(&t.lower).is_some_and(|w| w.starter) {
        return None;
    }
    if cx.in_time(i) {
        return None;
    }
    let (ss, se) = cx.sent[i];
    // A number, or "a/an/one" + people noun + casualty verb (a man was killed).
    let (num_end, value, vague, digits) = match parse_number(toks, i) {
        Some(n) => (n.end, n.value, n.vague, n.digits),
        None if matches!(t.lower.as_str(), "a" | "an") => (i + 1, 1.0, false, false),
        None => return None,
    };
    let singular_article = matches!(t.lower.as_str(), "a" | "an");
    if digits {
        // Codes, phone numbers, addresses and ages are not figures.
        if cx.identifier_number(i, num_end) {
            return None;
        }
        // "5,000m world record": a glued `m` after a thousand or more is metres, not
        // millions, unless a currency symbol makes it money ("£1,500m").
        let glued_m = t.kind == Kind::Num && t.lower.ends_with('m') && value >= 1e9;
        if glued_m && !(i > 0 && cx.lex.has("cursym", cx.w(i - 1))) {
            return None;
        }
        if cx.w(num_end) == "-" && matches!(cx.w(num_end + 1), "year" | "years")
            || matches!(cx.w(num_end), "block" | "years-old")
        {
            return None;
        }
        if toks
            .get(num_end)
            .is_some_and(|n| n.kind == Kind::Punct && n.lower == "-" && !n.space_before)
            && toks.get(num_end + 1).is_some_and(|n| n.kind == Kind::Num)
        {
            return None;
        }
    }
    let (mut start, mut qualifier) = match cx.qualifier_before(i) {
        Some((s, q)) => (s, q),
        None if vague => (i, Qualifier::AtLeast),
        None => (i, Qualifier::Exact),
    };
    let mut value = value;
    let mut unit: Option<String> = None;
    let mut kind: Option<&'static str> = None;
    let mut end = num_end;
    // Currency symbol before: $1.2 billion, US$5.
    if i > 0 {
        if let Some(c) = cx.lex.get("cursym", cx.w(i - 1)) {
            if !singular_article {
                kind = Some("money");
                unit = Some(c.to_string());
                start = start.min(i - 1);
                if i > 1 && cx.w(i - 2) == "us" && !toks[i - 1].space_before {
                    start = start.min(i - 2);
                }
                // "about £12 million": the qualifier is before the symbol.
                if let Some((qs, q)) = cx.qualifier_before(i - 1) {
                    start = qs;
                    qualifier = q;
                }
            }
        }
    }
    let mut k = num_end;
    if kind.is_none() && !singular_article {
        if let Some(c) = cx.lex.get("curword", cx.w(k)) {
            kind = Some("money");
            unit = Some(c.to_string());
            end = k + 1;
        } else if let Some((c, after)) = cx.linked_currency(num_end) {
            // "3 milliards d'euros": a multiplier, a link word, the currency.
            kind = Some("money");
            unit = Some(c.to_string());
            end = after;
        } else if cx.lex.has("percent", cx.w(k)) {
            kind = Some("percent");
            unit = Some("percent".into());
            end = k + 1;
        } else if cx.w(k) == "per" && cx.w(k + 1) == "cent" {
            kind = Some("percent");
            unit = Some("percent".into());
            end = k + 2;
        }
    }
    let mut about: Option<Range<usize>> = None;
    if kind.is_none() {
        // "dozens of people", "hundreds of civilians"
        if vague && cx.w(k) == "of" {
            k += 1;
        }
        if let Some(kn) = cx
            .lex
            .get("kindnoun", cx.w(k))
            .filter(|_| !singular_article)
        {
            // 1,060 fatalities / 28 dead
            kind = Some(kn);
            unit = Some("people".into());
            end = k + 1;
            about = cx.about(end, se);
        } else if let Some(pe) = cx.person_after(k, 6, se) {
            unit = Some("people".into());
            end = pe;
            if let Some((kd, ve)) = cx.verb_after(pe, se) {
                kind = Some(kd);
                about = cx.about(ve, se);
            } else if let Some(kd) = cx.verb_before(start, ss) {
                kind = Some(kd);
            } else if let Some(kn) = cx.lex.get("kindnoun", cx.w(pe)) {
                kind = Some(kn);
            } else if !singular_article && !vague && value >= 2.0 {
                kind = Some("count");
            } else {
                return None;
            }
        } else if singular_article {
            // "An upset customer was shot": any short noun phrase, then the verb.
            let mut e = k;
            while e < se
                && e - k < 3
                && toks[e].kind == Kind::Word
                && !cx.lex.has("be_or_adverb", cx.w(e))
                && !cx.lex.has("verb", cx.w(e))
            {
                e += 1;
            }
            if e == k {
                return None;
            }
            // "a juvenile shot in the ...": the participle right after the noun.
            let (kd, _) = if matches!(cx.w(e), "was" | "is" | "has" | "had") {
                cx.verb_after(e, se)?
            } else {
                let kd = cx.verb_kind(e).filter(|_| {
                    matches!(cx.w(e), "shot" | "killed" | "wounded" | "injured" | "slain")
                })?;
                (kd, e + 1)
            };
            kind = Some(kd);
            unit = Some("people".into());
            end = e;
        } else if let Some(kd) = cx.verb_before(start, ss).filter(|_| {
            toks.get(k).is_none_or(|n| {
                n.kind == Kind::Punct
                    || cx.lex.has("clause_break", n.lower.as_str())
                    || matches!(
                        n.lower.as_str(),
                        "in" | "on" | "at" | "including" | "during" | "or" | "from"
                    )
            })
        }) {
            // "killing 12", "injuring two" with the noun left out
            kind = Some(kd);
            unit = Some("people".into());
        } else if !vague
            && value >= 2.0
            && toks.get(k).is_some_and(|n| {
                n.kind == Kind::Word
                    && n.lower.len() > 1
                    && !cx.lex.has("count_stop", n.lower.as_str())
                    && (n.lower.ends_with('s') || n.cap || digits)
            })
        {
            // "100 U.S. cities", "40 British warships": the unit is the plural noun after
            // the capitalised modifiers. A capitalised plural is the noun itself ("787
            // Dreamliners worth ..."), and without a plural after them the first
            // capitalised word stays the unit ("787 Dreamliner will ...").
            let plural = |t: &Tok| {
                // "us" of "U.S." is no plural (the tokenizer drops its dots)
                t.lower.len() > 3 && t.lower.ends_with('s') && !t.lower.ends_with("ss")
            };
            let mut u = k;
            while u + 1 < se
                && u < k + 2
                && toks[u].cap
                && !plural(&toks[u])
                && !cx.lex.has("measure", &toks[u].lower)
                && toks[u + 1].kind == Kind::Word
                && !cx.lex.has("count_stop", toks[u + 1].lower.as_str())
            {
                u += 1;
            }
            if u > k && (toks[u].cap || !plural(&toks[u])) {
                u = k;
            }
            kind = Some("count");
            unit = Some(toks[u].lower.clone());
            end = u + 1;
        } else {
            return None;
        }
    }
    // "the bodies of two men", "the deaths of three people"
    if matches!(kind, Some("count")) && start >= 2 && cx.w(start - 1) == "of" {
        if let Some(kn) = cx.lex.get("kindnoun", cx.w(start - 2)) {
            kind = Some(kn);
        }
    }
    let kind = kind?;
    if kind == "shot" {
        return None;
    }
    // "Neither the driver nor their three children were injured": a negated casualty.
    if !matches!(kind, "count" | "money" | "percent") && cx.negated(start, end, ss, se) {
        return None;
    }
    if singular_article && matches!(kind, "count") {
        return None;
    }
    // Every kind the rules and `data/figures.tsv` give is a `FigureKind` (a test checks
    // the data); "shot" was resolved above.
    let kind: FigureKind = kind.parse().ok()?;
    if !value.is_finite() {
        value = 0.0;
    }
    let source = cx.source(start..end, ss, se);
    let tokspan =
        |r: &Range<usize>| -> (usize, usize) { (toks[r.start].start, toks[r.end - 1].end) };
    let src_bytes = source.as_ref().map(|r| {
        let (a, b) = tokspan(r);
        a..b
    });
    let src_text = src_bytes
        .as_ref()
        .map(|r| cx.text.get(r.clone()).unwrap_or("").to_string());
    let about_text = about.as_ref().map(|r| {
        let (a, b) = tokspan(r);
        cx.text.get(a..b).unwrap_or("").to_string()
    });
    let fig = Figure {
        text: String::new(),
        // A byte range until `figures` converts it to code points.
        span: Span::new(toks[start].start, toks[end - 1].end),
        value,
        unit,
        kind,
        qualifier,
        source: None,
        source_text: src_text,
        about: about_text,
    };
    Some((fig, end, src_bytes))
}

/// Fills `figures` (needs entities, times).
pub fn figures(article: &mut Article) {
    let spans: Vec<Span> = article.times.iter().map(|t| t.span).collect();
    let found = find_figures_bytes(&article.text, &spans);
    let ix = crate::tokens::char_index_shared(&article.text);
    // Every mention with its entity's index, by start: a source phrase's entity is
    // found by binary search, not by a scan of every mention per figure (a long
    // article has tens of thousands of each).
    let mut mentions: Vec<(Span, usize)> = article
        .entities
        .iter()
        .enumerate()
        .flat_map(|(k, e)| e.mentions.iter().map(move |m| (*m, k)))
        .collect();
    mentions.sort_unstable_by_key(|(m, _)| m.start);
    let longest = mentions.iter().map(|(m, _)| m.len()).max().unwrap_or(0);
    let mut figs = Vec::with_capacity(found.len());
    for (mut f, src) in found {
        if let Some(r) = src {
            // The source's entity: the first (in entity order) with a mention that
            // overlaps the source phrase. An overlapping mention starts before the
            // phrase ends and at most `longest` before it starts.
            let sspan = ix.span(r);
            let lo = mentions.partition_point(|(m, _)| m.start + longest < sspan.start);
            let hi = mentions.partition_point(|(m, _)| m.start < sspan.end);
            f.source = mentions[lo..hi.max(lo)]
                .iter()
                .filter(|(m, _)| m.overlaps(&sspan))
                .map(|&(_, k)| k)
                .min()
                .map(|k| article.entities[k].id.clone());
        }
        f.span = ix.span(f.span.start..f.span.end);
        figs.push(f);
    }
    article.figures = figs;
}

/// Figures with byte spans, and their source's byte range (internal).
fn find_figures_bytes(text: &str, time_spans: &[Span]) -> Vec<(Figure, Option<Range<usize>>)> {
    let toks = crate::tokens::tokenize_shared(text);
    let ix = crate::tokens::char_index_shared(text);
    let mut times: Vec<Range<usize>> = time_spans.iter().map(|s| ix.bytes(*s)).collect();
    times.sort_by_key(|r| r.start);
    let cx = Ctx {
        text,
        toks: &toks,
        lex: lexicon::figures(),
        sent: sentences(&toks),
        times,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match figure_at(&cx, i) {
            Some((mut fig, end, src)) => {
                fig.text = text
                    .get(fig.span.start..fig.span.end)
                    .unwrap_or("")
                    .to_string();
                out.push((fig, src));
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}
