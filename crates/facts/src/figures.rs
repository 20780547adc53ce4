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

use crate::lexicon::{self, Lexicon};
use crate::numbers::{self, parse_number};
use crate::tokens::{is_terminal, Kind, Tok};
use newsgraph_model::{Article, Figure, FigureKind, Qualifier, Span};
use std::ops::Range;

/// Words that end the clause a figure's verb or source is looked for in.
const CLAUSE_BREAKS: &[&str] = &[
    "while", "but", "whereas", "although", "though", "as", "and", "after", "before", "when",
];
/// Words after a number that are not what it counts.
const COUNT_STOP: &[&str] = &[
    "and", "or", "to", "of", "in", "on", "at", "by", "for", "the", "a", "an", "is", "was", "were",
    "are", "has", "have", "had", "said", "says", "as", "with", "from", "than", "that", "this",
    "it", "he", "she", "they", "we", "but", "when", "after", "before", "while", "per", "more",
    "less", "times", "out", "up", "am", "pm", "percent", "cent",
];
const PRONOUNS: &[&str] = &[
    "he", "she", "it", "they", "we", "i", "you", "who", "which", "that", "this",
];
const BE: &[&str] = &[
    "was",
    "were",
    "is",
    "are",
    "been",
    "be",
    "being",
    "had",
    "have",
    "has",
    "reportedly",
    "also",
    "later",
    "all",
    "both",
    "then",
    "subsequently",
];

struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Tok],
    lex: &'static Lexicon,
    /// Sentence token range of each token.
    sent: Vec<(usize, usize)>,
    /// Byte ranges of the times layer: numbers inside are dates, not figures.
    times: Vec<Range<usize>>,
}

impl<'a> Ctx<'a> {
    fn w(&self, i: usize) -> &str {
        self.toks.get(i).map(|t| t.lower.as_str()).unwrap_or("")
    }

    /// A currency word joined to a number that ends in a multiplier by a link word of
    /// the lexicon (`curlink`: French "de", "d'"): "3 milliards d'euros", "2 milliards
    /// de dollars". The currency and the token after it.
    fn linked_currency(&self, num_end: usize) -> Option<(&'static str, usize)> {
        if num_end == 0 || !lexicon::numbers().has("mult", self.w(num_end - 1)) {
            return None;
        }
        // The link is one token ("de") or a word and its apostrophe ("d'", "d’").
        let glued = self
            .toks
            .get(num_end + 1)
            .is_some_and(|t| !t.space_before && matches!(t.lower.as_str(), "'" | "’"));
        let (link, after) = if glued {
            (
                format!("{}{}", self.w(num_end), self.w(num_end + 1)),
                num_end + 2,
            )
        } else {
            (self.w(num_end).to_string(), num_end + 1)
        };
        if !self.lex.has("curlink", &link) {
            return None;
        }
        let cur = self.lex.get("curword", self.w(after))?;
        Some((cur, after + 1))
    }

    fn in_time(&self, i: usize) -> bool {
        let t = &self.toks[i];
        // `times` is sorted by start: the candidates are those starting before the token ends.
        let upto = self.times.partition_point(|r| r.start < t.end);
        self.times[..upto]
            .iter()
            .rev()
            .take(4)
            .any(|r| t.start < r.end)
    }

    /// Qualifier phrase ending right before token `i`: (start token, qualifier).
    fn qualifier_before(&self, i: usize) -> Option<(usize, Qualifier)> {
        // The lexicon's qualifier forms of up to three words, by their last word.
        let cands = qualifiers().get(self.w(i.checked_sub(1)?))?;
        for len in [3usize, 2, 1] {
            if i < len {
                continue;
            }
            let hit = cands.iter().find(|(words, _)| {
                words.len() == len
                    && words
                        .iter()
                        .enumerate()
                        .all(|(k, w)| self.w(i - len + k) == *w)
            });
            if let Some((_, q)) = hit {
                let q = match *q {
                    "at_least" => Qualifier::AtLeast,
                    "at_most" => Qualifier::AtMost,
                    _ => Qualifier::About,
                };
                return Some((i - len, q));
            }
        }
        None
    }

    /// Casualty kind from a verb or adjective at `k`, resolving "shot": shot dead /
    /// shot and killed / fatally shot are killings, shot alone an injury.
    fn verb_kind(&self, k: usize) -> Option<&'static str> {
        // "suffered a gunshot wound", "sustained fatal injuries"
        if matches!(
            self.w(k),
            "suffered" | "sustained" | "suffering" | "sustaining"
        ) {
            let mut fatal = false;
            for j in k + 1..k + 6 {
                match self.w(j) {
                    "fatal" | "mortal" | "deadly" => fatal = true,
                    "wound" | "wounds" | "injury" | "injuries" => {
                        return Some(if fatal { "killed" } else { "injured" })
                    }
                    _ => {}
                }
                if self.toks.get(j).is_none_or(|t| t.kind == Kind::Punct) {
                    break;
                }
            }
            return None;
        }
        let v = self.lex.get("verb", self.w(k))?;
        if v == "shot" {
            let next: Vec<&str> = (k + 1..k + 4).map(|j| self.w(j)).collect();
            if matches!(next[0], "dead")
                || (next[0] == "and" && matches!(next[1], "killed"))
                || (next[0] == "to" && next[1] == "death")
            {
                return Some("killed");
            }
            if k > 0 && self.w(k - 1) == "fatally" {
                return Some("killed");
            }
            return Some("injured");
        }
        Some(v)
    }

    /// The kind given by a verb after a people noun ending at `e` ("were killed",
    /// "dead", "have been injured", "died").
    fn verb_after(&self, e: usize, sent_end: usize) -> Option<(&'static str, usize)> {
        let mut k = e;
        let mut steps = 0;
        while k < sent_end && steps < 5 {
            let w = self.w(k);
            if let Some(kind) = self.verb_kind(k) {
                // Active voice ("the gunman shot two people"): the noun is the doer.
                let next = self.w(k + 1);
                let object = matches!(
                    next,
                    "a" | "an"
                        | "the"
                        | "his"
                        | "her"
                        | "him"
                        | "them"
                        | "their"
                        | "its"
                        | "another"
                        | "himself"
                        | "herself"
                ) || numbers::is_card(next)
                    || self.toks.get(k + 1).is_some_and(|t| t.kind == Kind::Num);
                if steps == 0 && object {
                    return None;
                }
                return Some((kind, k + 1));
            }
            if !(BE.contains(&w) || w == "not") {
                return None;
            }
            k += 1;
            steps += 1;
        }
        None
    }

    /// The kind given by a verb right before the figure ("killed at least 28", "killing two").
    fn verb_before(&self, s: usize, sent_start: usize) -> Option<&'static str> {
        let mut k = s;
        for _ in 0..2 {
            if k <= sent_start {
                return None;
            }
            k -= 1;
            if let Some(kind) = self.verb_kind(k) {
                if matches!(
                    kind,
                    "killed" | "injured" | "arrested" | "displaced" | "abducted"
                ) {
                    return Some(kind);
                }
            }
            if !matches!(self.w(k), "another" | "an" | "additional" | "other") {
                return None;
            }
        }
        None
    }

    /// Up to `max` modifier words, then a people noun: (end of noun).
    fn person_after(&self, j: usize, max: usize, sent_end: usize) -> Option<usize> {
        for k in j..=j + max {
            if k >= sent_end {
                return None;
            }
            let w = self.w(k);
            if self.lex.has("person", w) {
                return Some(k + 1);
            }
            let t = &self.toks[k];
            // modifiers: adjectives, nationalities, ages ("25-year-old")
            let numword = numbers::is_card(w) || lexicon::numbers().has("vague", w);
            let glued_next = self
                .toks
                .get(k + 1)
                .is_some_and(|n| n.kind == Kind::Punct && n.lower == "-" && !n.space_before);
            let ok = (t.kind == Kind::Word
                && !numword
                && !self.lex.has("verb", w)
                && !BE.contains(&w)
                && !matches!(
                    w,
                    "of" | "in"
                        | "and"
                        | "were"
                        | "from"
                        | "at"
                        | "on"
                        | "a"
                        | "an"
                        | "the"
                        | "left"
                        | "after"
                        | "with"
                        | "to"
                        | "by"
                        | "for"
                ))
                || (t.kind == Kind::Punct && t.lower == "-")
                || (t.kind == Kind::Num && glued_next);
            if !ok {
                return None;
            }
        }
        None
    }

    /// Source of a figure in sentence [ss, se): "according to X", or the subject of
    /// the nearest reporting verb. Returns the token range of the source phrase.
    fn source(&self, fig: Range<usize>, ss: usize, se: usize) -> Option<Range<usize>> {
        for k in ss..se.saturating_sub(1) {
            if self.w(k) == "according" && self.w(k + 1) == "to" {
                let start = k + 2;
                let mut end = start;
                while end < se && end - start < 8 && self.toks[end].kind != Kind::Punct {
                    end += 1;
                }
                return (end > start).then_some(start..end);
            }
        }
        // nearest reporting verb
        let mut best: Option<usize> = None;
        for k in ss..se {
            if self.lex.has("report", self.w(k)) && !(k >= fig.start && k < fig.end) {
                let d = if k < fig.start {
                    fig.start - k
                } else {
                    k - fig.end
                };
                if best.is_none_or(|b| {
                    let db = if b < fig.start {
                        fig.start - b
                    } else {
                        b - fig.end
                    };
                    d < db
                }) {
                    best = Some(k);
                }
            }
        }
        let v = best?;
        // subject: the words before the verb, back to a clause break
        let lower_bound = if v > fig.start { fig.end.max(ss) } else { ss };
        let mut start = v;
        while start > lower_bound {
            let p = start - 1;
            let t = &self.toks[p];
            if t.kind == Kind::Punct || CLAUSE_BREAKS.contains(&t.lower.as_str()) || v - p > 6 {
                break;
            }
            start = p;
        }
        if start == v {
            return None;
        }
        let phrase_is_pronoun = v - start == 1 && PRONOUNS.contains(&self.w(start));
        (!phrase_is_pronoun).then_some(start..v)
    }

    /// A number written as part of a name or code rather than a quantity: after an
    /// identifier word ("Route 66", "No. 10"), glued to a letter by a hyphen ("K-9",
    /// "F-16"), an emergency number before a call word ("911 hang-up"), a street address
    /// ("4500 SW 71st Avenue"). The words come from `figures.tsv`.
    fn identifier_number(&self, i: usize, num_end: usize) -> bool {
        let toks = self.toks;
        if i > 0 && self.lex.has("idbefore", self.w(i - 1)) {
            return true;
        }
        if i >= 2
            && toks[i - 1].lower == "-"
            && !toks[i - 1].space_before
            && !toks[i].space_before
            && toks[i - 2].kind == Kind::Word
        {
            return true;
        }
        let digits = toks[i].lower.as_str();
        if self.lex.has("emergency", digits) && self.lex.has("callword", self.w(num_end)) {
            return true;
        }
        // Street address: up to four capitalised, compass or ordinal words, then a street word.
        let mut k = num_end;
        while k < toks.len() && k < num_end + 4 {
            let t = &toks[k];
            if self.lex.has("street", &t.lower) && t.cap && k > num_end {
                return true;
            }
            let ordinal = t.kind == Kind::Num
                && ["st", "nd", "rd", "th"]
                    .iter()
                    .any(|s| t.lower.ends_with(s));
            if !(t.cap && t.kind == Kind::Word || ordinal) {
                break;
            }
            k += 1;
        }
        false
    }

    /// A negator (`figures.tsv`, "negator") governs the figure `[start, end)`: in the few
    /// words of its clause before it ("neither ... nor three children"), or between it
    /// and its verb ("three people were not hurt").
    fn negated(&self, start: usize, end: usize, ss: usize, se: usize) -> bool {
        let mut k = start;
        while k > ss && start - k < 8 {
            k -= 1;
            let t = &self.toks[k];
            if t.kind == Kind::Punct || CLAUSE_BREAKS.contains(&t.lower.as_str()) {
                break;
            }
            if self.lex.has("negator", &t.lower) {
                return true;
            }
        }
        let mut k = end;
        while k < se && k < end + 4 {
            if self.lex.has("negator", self.w(k)) {
                return true;
            }
            if !BE.contains(&self.w(k)) {
                return false;
            }
            k += 1;
        }
        false
    }

    /// "from Israeli strikes" after a casualty figure: what it is about.
    fn about(&self, e: usize, se: usize) -> Option<Range<usize>> {
        if !matches!(self.w(e), "from" | "in" | "during") {
            return None;
        }
        let start = e + 1;
        let mut end = start;
        while end < se && end - start < 8 {
            let t = &self.toks[end];
            if t.kind == Kind::Punct
                || matches!(
                    t.lower.as_str(),
                    "while" | "but" | "whereas" | "since" | "according"
                )
            {
                break;
            }
            end += 1;
        }
        (end > start).then_some(start..end)
    }
}

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
                && !BE.contains(&cx.w(e))
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
                    || CLAUSE_BREAKS.contains(&n.lower.as_str())
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
                    && !COUNT_STOP.contains(&n.lower.as_str())
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
                && !COUNT_STOP.contains(&toks[u + 1].lower.as_str())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_in_the_data_is_a_figure_kind() {
        for line in include_str!("../data/figures.tsv").lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if !line.starts_with('#') && f.len() >= 3 && matches!(f[0], "kindnoun" | "verb") {
                let kind = f[2].trim();
                assert!(
                    kind == "shot" || kind.parse::<FigureKind>().is_ok(),
                    "{line}"
                );
            }
        }
    }

    #[test]
    fn a_multiplier_linked_to_a_currency_is_money() {
        for (text, unit) in [
            (
                "Emmanuel Macron a annoncé mardi un plan de 3 milliards d'euros.",
                "EUR",
            ),
            (
                "Le port recevra 2 milliards de dollars, selon le ministre.",
                "USD",
            ),
        ] {
            let f = figs(text);
            let money: Vec<&Figure> = f.iter().filter(|x| x.kind == FigureKind::Money).collect();
            assert_eq!(money.len(), 1, "{text}: {f:?}");
            assert_eq!(money[0].unit.as_deref(), Some(unit), "{text}");
            assert!(money[0].text.starts_with(['3', '2']) && money[0].text.ends_with('s'));
            assert!((money[0].value - 2e9).abs() < 1.0 || (money[0].value - 3e9).abs() < 1.0);
        }
        // Without a multiplier the link is not read: "page 3 de dollars" is nothing.
        assert!(figs("Voir la page 3 de dollars.")
            .iter()
            .all(|x| x.kind != FigureKind::Money));
    }

    fn figs(text: &str) -> Vec<Figure> {
        let mut a = Article {
            text: text.to_string(),
            ..Default::default()
        };
        crate::times(&mut a);
        figures(&mut a);
        a.figures
    }

    #[test]
    fn casualty_counts_with_qualifiers_and_sources() {
        let t = "Officials in the province reported at least 1,060 fatalities from air strikes, while the army confirmed 28 deaths.";
        let f = figs(t);
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(
            (f[0].value, f[0].kind.as_str(), f[0].qualifier),
            (1060.0, "killed", Qualifier::AtLeast)
        );
        assert_eq!(
            f[0].source_text.as_deref(),
            Some("Officials in the province")
        );
        assert_eq!(f[0].about.as_deref(), Some("air strikes"));
        assert_eq!(
            (f[1].value, f[1].kind.as_str(), f[1].qualifier),
            (28.0, "killed", Qualifier::Exact)
        );
        assert_eq!(f[1].source_text.as_deref(), Some("the army"));
    }

    #[test]
    fn people_nouns_take_their_verb() {
        let f = figs(
            "Two dozen people were injured and a 25-year-old man was shot and killed, police said.",
        );
        let kinds: Vec<(f64, &str)> = f.iter().map(|x| (x.value, x.kind.as_str())).collect();
        assert!(kinds.contains(&(24.0, "injured")), "{f:?}");
        assert!(kinds.contains(&(1.0, "killed")), "{f:?}");
        assert_eq!(f[0].source_text.as_deref(), Some("police"));
        let f = figs("The gunman killed 12 and wounded nearly 50 others.");
        let kinds: Vec<(f64, &str, Qualifier)> = f
            .iter()
            .map(|x| (x.value, x.kind.as_str(), x.qualifier))
            .collect();
        assert!(kinds.contains(&(12.0, "killed", Qualifier::Exact)), "{f:?}");
        assert!(
            kinds.contains(&(50.0, "injured", Qualifier::AtMost)),
            "{f:?}"
        );
    }

    /// Issue 15, finding 7: numbers that are not the quantity they look like.
    #[test]
    fn first_user_figures() {
        // A distance in a sports story is not 5 billion of anything.
        let f = figs("She set a 5,000m world record in Oslo on a windy night.");
        assert!(f.iter().all(|x| x.value < 1e6), "{f:?}");
        // A currency amount after "about" is approximate; "£1,500m" is still money.
        let f = figs("The harbour scheme will cost about £12 million, the council said.");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (f[0].value, f[0].unit.as_deref(), f[0].qualifier),
            (12e6, Some("GBP"), Qualifier::About)
        );
        let f = figs("The port sold bonds worth £1,500m last year.");
        assert_eq!(f[0].value, 1.5e9, "{f:?}");
        // "milliard" is a multiplier, never a unit.
        let f = figs("Le port a reçu 3 milliards pour les quais.");
        assert!(
            f.iter()
                .all(|x| x.unit.as_deref() != Some("milliards") && (x.value - 3e9).abs() < 1.0),
            "{f:?}"
        );
        // The unit is the noun after a capitalised modifier.
        let f = figs("Protests spread to more than 100 U.S. cities over the weekend.");
        assert_eq!(f[0].unit.as_deref(), Some("cities"), "{f:?}");
        assert_eq!(f[0].qualifier, Qualifier::AtLeast);
        // ... but a capitalised plural is the noun, and so is a unit of measure.
        for (t, unit) in [
            (
                "The ferry line bought 20 Seaswifts earlier this year.",
                "seaswifts",
            ),
            ("The laptop ships in 2 GHz models only.", "ghz"),
            (
                "The yard will deliver 12 Seaswift ferries next spring.",
                "ferries",
            ),
        ] {
            let f = figs(t);
            assert_eq!(f[0].unit.as_deref(), Some(unit), "{t}: {f:?}");
        }
        // A negated casualty is not a count of victims.
        let f = figs("Neither the ferry captain nor his two deckhands were injured in the crash.");
        assert!(f.iter().all(|x| x.kind != FigureKind::Injured), "{f:?}");
        let f = figs("Three passengers were not hurt, and two workers were injured.");
        let kinds: Vec<(f64, &str)> = f.iter().map(|x| (x.value, x.kind.as_str())).collect();
        assert_eq!(kinds, vec![(2.0, "injured")], "{f:?}");
        // Names, codes and addresses.
        for t in [
            "Officers called in a K-9 unit to search the harbour warehouse.",
            "Deputies answered a 911 hang-up at the marina.",
            "Police were called to 4500 SW 71st Avenue shortly after midnight.",
            "The ferry left from 12 Harbour Road, police said.",
            "Flight 370 vanished over the ocean.",
        ] {
            assert!(figs(t).is_empty(), "{t}: {:?}", figs(t));
        }
        // A plain count of calls is still a count.
        let f = figs("The centre took 300 calls about the storm.");
        assert_eq!(f.len(), 1, "{f:?}");
    }

    #[test]
    fn money_percent_and_counts() {
        let f = figs("The fund lost $1.2 billion, or 12 percent, according to the central bank, and closed 300 branches.");
        assert_eq!(
            (f[0].value, f[0].kind.as_str(), f[0].unit.as_deref()),
            (1.2e9, "money", Some("USD"))
        );
        assert_eq!(f[0].text, "$1.2 billion");
        assert_eq!(f[0].source_text.as_deref(), Some("the central bank"));
        assert_eq!((f[1].value, f[1].kind.as_str()), (12.0, "percent"));
        assert_eq!(
            (f[2].value, f[2].kind.as_str(), f[2].unit.as_deref()),
            (300.0, "count", Some("branches"))
        );
    }

    #[test]
    fn dates_and_ages_are_not_figures() {
        let f =
            figs("On June 13, 2025 a 6-year-old boy was found in the 100 block of Main Street.");
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn spans_are_code_points() {
        let t = "Café “news”: at least 1,060 fatalities.";
        let f = figs(t);
        let chars: Vec<char> = t.chars().collect();
        assert_eq!(
            chars[f[0].span.start..f[0].span.end]
                .iter()
                .collect::<String>(),
            "at least 1,060 fatalities"
        );
    }

    newsgraph_testkit::require_shared_under_ci!();

    #[test]
    #[cfg_attr(not(shared_data), ignore = "needs ../shared (the seed example)")]
    fn seed_article_figures() {
        let text =
            std::fs::read_to_string(newsgraph_testkit::seed_path!()).expect("the seed article");
        let f = figs(&text);
        let killed: Vec<&Figure> = f.iter().filter(|x| x.kind == FigureKind::Killed).collect();
        assert!(
            killed.iter().any(|x| x.value == 1060.0
                && x.qualifier == Qualifier::AtLeast
                && x.source_text.as_deref() == Some("Iranian authorities")),
            "{f:?}"
        );
        assert!(
            killed.iter().any(|x| x.value == 28.0
                && x.qualifier == Qualifier::Exact
                && x.source_text.as_deref() == Some("Israeli officials")),
            "{f:?}"
        );
    }

    #[test]
    fn never_panics_on_noise() {
        let seeds = [
            "at least 1,060 fatalities $1.2bn 12% a man was shot",
            "killing 99999999999999999999999999 people",
            "€ 5 £ US$ 3 per cent",
        ];
        for text in newsgraph_testkit::mutations(
            &seeds,
            "a0 9,.$%-'’é\u{200b}\nkilledpeople",
            3000,
            13,
            0x2545_F491_4F6C_DD1D,
        ) {
            let _ = figs(&text);
        }
    }
}
