//! Finding attributions over tokens: the direct pass (quotation marks and the cue
//! clause next to them) and the indirect pass (a reporting cue with its source and
//! content inside one sentence). Everything here works on token indices; `lib.rs`
//! turns the result into model spans.

use newsgraph_model::{QuoteKind, Stance};

use crate::lexicon::{lexicon, Cue, CueClass, Form};
use crate::text::{Kind, Stretch, Tok};

/// One attribution found, in token indices (ranges are `[a, b)`).
#[derive(Debug, Clone)]
pub(crate) struct Attr {
    pub kind: QuoteKind,
    /// Content ranges, in text order (several for a quote split around its cue).
    pub parts: Vec<(usize, usize)>,
    pub source: Option<(usize, usize)>,
    pub cue: Option<(usize, usize)>,
    pub cue_lemma: Option<String>,
    pub stance: Option<Stance>,
    pub class: Option<CueClass>,
    /// The sentence (token range) holding the cue clause, for venue and time lookup.
    pub clause: (usize, usize),
}

impl Attr {
    pub fn start(&self) -> usize {
        self.parts.first().map(|p| p.0).unwrap_or(0)
    }
}

/// Auxiliaries and adverbs that may stand between a source and its cue.
fn is_aux(w: &str) -> bool {
    matches!(
        w,
        "has"
            | "have"
            | "had"
            | "also"
            | "later"
            | "previously"
            | "once"
            | "repeatedly"
            | "recently"
            | "again"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "did"
            | "does"
            | "do"
            | "not"
            | "n't"
            | "never"
            | "often"
            | "even"
            | "then"
            | "further"
            | "already"
            | "reportedly"
            | "long"
            | "just"
            | "publicly"
            | "privately"
            | "only"
            | "still"
            | "flatly"
            | "first"
            | "earlier"
            | "has.also"
            | "should"
            | "must"
            | "always"
            | "since"
            | "openly"
            | "simply"
            | "now"
            | "quickly"
            | "immediately"
            | "initially"
            | "similarly"
            | "frequently"
            | "consistently"
            | "specifically"
            | "explicitly"
            | "correctly"
            | "falsely"
            | "wrongly"
            | "recently."
            | "had."
            | "doesn't"
            | "didn't"
            | "hasn't"
            | "haven't"
            | "won't"
            | "wouldn't"
    ) || (w.len() > 4
        && w.ends_with("ly")
        && !matches!(
            w,
            "daily"
                | "family"
                | "italy"
                | "rally"
                | "ally"
                | "early"
                | "kelly"
                | "sally"
                | "holly"
                | "reilly"
        ))
}

/// Words that end a source noun phrase when walking back from a cue.
fn is_boundary(w: &str) -> bool {
    matches!(
        w,
        "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "because"
            | "but"
            | "while"
            | "when"
            | "although"
            | "though"
            | "if"
            | "as"
            | "so"
            | "after"
            | "before"
            | "where"
            | "whereas"
            | "or"
            | "than"
            | "yet"
            | "is"
            | "was"
            | "are"
            | "were"
            | "be"
            | "been"
            | "being"
            | "what"
            | "how"
            | "why"
            | "until"
            | "unless"
            | "whether"
            | "once"
            | "to"
            | "said"
            | "says"
            | "told"
            | "not"
            | "because."
            | "however"
            | "meanwhile"
            | "with"
            | "without"
            | "against"
            | "about"
            | "like"
            | "into"
            | "onto"
            | "over"
            | "under"
            | "by"
    )
}

fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
            | "this"
            | "these"
            | "those"
            | "no"
            | "any"
            | "some"
            | "every"
            | "each"
            | "another"
            | "such"
            | "one"
            | "whose"
            | "of"
            | "in"
            | "for"
            | "to"
            | "on"
            | "at"
            | "by"
            | "with"
            | "from"
            | "and"
            | "or"
            | "new"
            | "false"
            | "recent"
            | "previous"
            | "similar"
            | "many"
            | "several"
            | "more"
            | "most"
            | "few"
            | "these."
            | "first"
            | "latest"
            | "public"
    )
}

fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "at"
            | "during"
            | "after"
            | "before"
            | "for"
            | "with"
            | "from"
            | "by"
            | "to"
            | "since"
            | "following"
            | "amid"
            | "despite"
            | "speaking"
            | "asked"
            | "earlier"
            | "later"
            | "last"
    )
}

/// The cue starting at token `i`, with the exclusive end of its tokens.
pub(crate) fn cue_at(toks: &[Tok], i: usize) -> Option<(&'static Cue, usize)> {
    let t = toks.get(i)?;
    if !t.is_word() {
        return None;
    }
    // a capitalised cue word inside a sentence is a name ("the United States")
    if t.cap && i > 0 && toks[i - 1].is_word() && toks[i - 1].cap {
        return None;
    }
    let cands = lexicon().cues.get(t.lower.as_str())?;
    'c: for c in cands {
        let mut j = i + 1;
        for w in &c.rest {
            match toks.get(j) {
                Some(x) if x.is_word() && &x.lower == w => j += 1,
                _ => continue 'c,
            }
        }
        return Some((c, j));
    }
    None
}

/// A short attribution clause at `j`: "Maher replied", "said O'Donnell", "the host
/// told reporters".
pub(crate) fn cue_clause_at(toks: &[Tok], j: usize) -> bool {
    let mut k = j;
    while k < toks.len() && k < j + 8 {
        let t = &toks[k];
        if let Some((c, ce)) = cue_at(toks, k) {
            if !verb_use(toks, k, j, c) {
                k = ce;
                continue;
            }
            if c.form == Form::Ing && k == j {
                return false;
            }
            // the clause ends soon after the cue: "Maher replied." / "he said of ..." /
            // "Trump told reporters"
            let next = toks.get(ce);
            // "She adds, “What ...”": the clause introduces the next quotation
            if next.is_some_and(|t| t.is_punct(',') || t.is_punct(':'))
                && toks.get(ce + 1).is_some_and(|t| t.kind == Kind::Open)
            {
                return false;
            }
            return next.is_none_or(|t| {
                !t.is_word()
                    || matches!(
                        t.lower.as_str(),
                        "in" | "on"
                            | "at"
                            | "of"
                            | "to"
                            | "during"
                            | "after"
                            | "before"
                            | "from"
                            | "with"
                            | "about"
                            | "as"
                            | "me"
                            | "us"
                            | "him"
                            | "her"
                            | "them"
                            | "reporters"
                            | "journalists"
                            | "today"
                            | "yesterday"
                            | "later"
                            | "last"
                            | "this"
                            | "earlier"
                            | "monday"
                            | "tuesday"
                            | "wednesday"
                            | "thursday"
                            | "friday"
                            | "saturday"
                            | "sunday"
                            | "recently"
                            | "then"
                            | "again"
                            | "afterward"
                            | "afterwards"
                            | "while"
                            | "when"
                            | "via"
                            | "through"
                            | "and"
                            | "but"
                    )
                    || (t.cap && matches!(c.lemma.as_str(), "tell" | "ask"))
            });
        }
        if according_at(toks, k) {
            return true;
        }
        if !(t.is_word() || t.kind == Kind::Possessive || t.is_punct(','))
            || (t.is_word() && is_boundary(&t.lower))
        {
            return false;
        }
        k += 1;
    }
    false
}

/// "according to" at `i`.
fn according_at(toks: &[Tok], i: usize) -> bool {
    toks.get(i).is_some_and(|t| t.lower == "according")
        && toks.get(i + 1).is_some_and(|t| t.lower == "to")
}

/// Plausibly a verb use of the cue word at `i` (not "the claims", "a call").
fn verb_use(toks: &[Tok], i: usize, lo: usize, cue: &Cue) -> bool {
    if i > lo {
        let p = &toks[i - 1];
        if p.kind == Kind::Possessive && !(cue.form == Form::Ing && p.lower == "'s") {
            return false;
        }
        let ing_after_prep = cue.form == Form::Ing
            && matches!(
                p.lower.as_str(),
                "for" | "by" | "after" | "when" | "while" | "before"
            );
        if p.is_word()
            && is_determiner(&p.lower)
            && !matches!(p.lower.as_str(), "and" | "or" | "to" | "first")
            && !ing_after_prep
        {
            return false;
        }
        if p.is_word() && p.lower == "to" && cue.form != Form::Base {
            return false;
        }
        // passive "was asked", "is expected": not a speech act by the subject
        if cue.form == Form::Past
            && p.is_word()
            && matches!(
                p.lower.as_str(),
                "was" | "were" | "is" | "are" | "been" | "be" | "being" | "get" | "got"
            )
        {
            return false;
        }
    }
    // idioms that are not reporting: "claimed the lives of", "claimed responsibility"
    if cue.lemma == "claim" {
        let n1 = toks.get(i + 1).map(|t| t.lower.as_str()).unwrap_or("");
        let n2 = toks.get(i + 2).map(|t| t.lower.as_str()).unwrap_or("");
        let object_noun = |w: &str| {
            matches!(
                w,
                "lives"
                    | "life"
                    | "victory"
                    | "credit"
                    | "seat"
                    | "seats"
                    | "title"
                    | "nomination"
                    | "crown"
                    | "mantle"
                    | "share"
                    | "stake"
                    | "ownership"
            )
        };
        if object_noun(n1)
            || (matches!(n1, "the" | "a" | "his" | "her" | "their" | "its") && object_noun(n2))
        {
            return false;
        }
    }
    if matches!(cue.form, Form::Base | Form::S) && i > lo {
        // "coordinated attacks", "renewed calls": a modifier before a noun
        let p = &toks[i - 1];
        if p.is_word() && !p.cap && (p.lower.ends_with("ed") || p.lower.ends_with("ing")) {
            return false;
        }
    }
    if cue.form == Form::S
        && toks
            .get(i + 1 + cue.rest.len())
            .is_some_and(|n| n.is_word() && matches!(n.lower.as_str(), "were" | "are" | "have"))
    {
        // "cup hopes were dashed", "the charges are": a plural noun agreeing with its own
        // verb ("what he believes was ..." and "the kingdom hopes will ..." stay cues)
        return false;
    }
    if matches!(cue.form, Form::Base | Form::S) {
        // a noun reading is likely when a preposition or determiner-like word precedes
        if i > lo
            && toks[i - 1].is_word()
            && matches!(
                toks[i - 1].lower.as_str(),
                "of" | "in" | "for" | "with" | "by" | "on" | "at" | "from"
            )
        {
            return false;
        }
    }
    true
}

/// Index just past the source noun phrase's end, skipping auxiliaries/adverbs backward
/// from the cue at `i`. Returns `None` when something other than a word precedes.
fn before_aux(toks: &[Tok], i: usize, lo: usize) -> usize {
    let mut j = i;
    let ing = toks.get(i).is_some_and(|t| t.lower.ends_with("ing"));
    while j > lo {
        let p = &toks[j - 1];
        let progressive = ing
            && (matches!(
                p.lower.as_str(),
                "is" | "are" | "was" | "were" | "been" | "am" | "be"
            ) || (p.kind == Kind::Possessive && p.lower == "'s"));
        if (p.is_word() && is_aux(&p.lower)) || progressive {
            j -= 1;
        } else {
            break;
        }
    }
    j
}

fn is_article(w: &str) -> bool {
    matches!(w, "the" | "a" | "an")
}

/// "The report, published by TechLeak on Friday, claimed ...": the comma before the cue
/// at `b` closes a participial or relative phrase after a short subject noun phrase, so
/// the cue is not an inverted trailing one ("C, claimed X").
fn subject_then_phrase(toks: &[Tok], lo: usize, b: usize) -> bool {
    let Some(c1) = (lo..b.saturating_sub(1)).find(|&k| toks[k].is_punct(',')) else {
        return false;
    };
    let head = &toks[lo..c1];
    let np = !head.is_empty()
        && head.len() <= 4
        && head.iter().all(|t| {
            t.kind == Kind::Possessive
                || (t.is_word() && !is_aux(&t.lower) && !is_boundary(&t.lower))
        })
        && (head[0].cap || is_determiner(&head[0].lower));
    let phrase = toks.get(c1 + 1).is_some_and(|t| {
        t.is_word()
            && !t.cap
            && (t.lower.ends_with("ed")
                || t.lower.ends_with("ing")
                || matches!(t.lower.as_str(), "who" | "which"))
    });
    np && phrase
}

/// The words `[a, b)` are exactly a discourse adverb of `data/discourse.tsv`.
fn discourse_at(toks: &[Tok], a: usize, b: usize) -> bool {
    b > a
        && b <= toks.len()
        && lexicon().discourse.iter().any(|d| {
            d.len() == b - a
                && toks[a..b]
                    .iter()
                    .zip(d)
                    .all(|(t, w)| t.is_word() && &t.lower == w)
        })
}

/// "Unions, however, claimed ...": the comma before `b` closes a discourse adverb set
/// off by commas after the subject, so the cue at `b` is not an inverted trailing one.
fn adverb_before(toks: &[Tok], lo: usize, b: usize) -> bool {
    if b < lo + 3 || !toks[b - 1].is_punct(',') {
        return false;
    }
    let longest = lexicon().discourse.iter().map(Vec::len).max().unwrap_or(0);
    (1..=longest).any(|n| {
        b > lo + n + 1 && toks[b - n - 2].is_punct(',') && discourse_at(toks, b - n - 1, b - 1)
    })
}

/// A source that holds nothing (see `data/referring.tsv`): the writer's first person
/// with a belief cue ("We think ..."), a bare quantity ("millions expected to ..."), a bare plural or mass
/// document noun ("Studies show ..."), or "its" with a noun that is neither a
/// description head, a document nor an utterance ("its name suggests ...").
fn junk_source(toks: &[Tok], src: (usize, usize), class: CueClass) -> bool {
    let lex = lexicon();
    let words: Vec<&Tok> = toks[src.0..src.1.min(toks.len())]
        .iter()
        .filter(|t| t.is_word() || t.kind == Kind::Possessive)
        .collect();
    // the head is the last word before a prepositional phrase ("advocates for research")
    let head_at = words
        .iter()
        .position(|t| t.is_word() && (is_preposition(&t.lower) || t.lower == "of") && !t.cap)
        .filter(|&k| k > 0)
        .map_or(words.len(), |k| k);
    let Some(head) = words[..head_at].last() else {
        return false;
    };
    let h = head.lower.as_str();
    let sing = match h.strip_suffix("ies") {
        Some(stem) => format!("{stem}y"),
        None => h.strip_suffix('s').unwrap_or(h).to_string(),
    };
    let sing = sing.as_str();
    // the writer's own belief ("We think ..."); what the writer says or asks someone
    // is still reported speech
    let writer = class == CueClass::Belief && lex.writers.contains(h);
    if words.len() == 1 && (writer || lex.quantities.contains(h)) {
        return true;
    }
    let sentence_start = src.0 == 0
        || toks[src.0 - 1].is_sentence_punct()
        || toks[src.0 - 1].kind == Kind::Break
        || toks[src.0 - 1].is_quote();
    // a determiner, a possessor or a name makes a document specific ("a council survey")
    let specific = words.iter().enumerate().any(|(k, t)| {
        t.kind == Kind::Possessive
            || (is_determiner(&t.lower)
                && !is_preposition(&t.lower)
                && !matches!(t.lower.as_str(), "of" | "and" | "or"))
            || (t.cap && (k > 0 || !sentence_start))
            || t.lower.chars().any(|c| c.is_ascii_digit())
    });
    if !specific && (lex.documents.contains(h) || lex.documents.contains(sing)) {
        return true;
    }
    words.len() == 2
        && words[0].lower == "its"
        && ![h, sing].iter().any(|w| {
            lex.heads.contains_key(*w) || lex.documents.contains(*w) || lex.utterances.contains(*w)
        })
}

/// The source noun phrase ending just before `end` (exclusive), not crossing `lo`.
pub(crate) fn source_back(toks: &[Tok], end: usize, lo: usize) -> Option<(usize, usize)> {
    if end <= lo {
        return None;
    }
    let mut e = end;
    // "X, a spokesman for Y, said": step over a trailing appositive
    let mut appositive_from = None;
    let mut hops = 0;
    while e > lo && toks[e - 1].is_punct(',') && hops < 3 {
        let mut k = e - 1;
        let limit = e.saturating_sub(32).max(lo);
        while k > limit
            && !toks[k - 1].is_punct(',')
            && !toks[k - 1].is_sentence_punct()
            && !toks[k - 1].is_quote()
        {
            k -= 1;
        }
        // ", however," / ", for their part,": a discourse adverb, not an appositive
        let adverb = discourse_at(toks, k, e - 1);
        if k > lo && toks[k - 1].is_punct(',') && (k + 1 < e || adverb) {
            if appositive_from.is_none() && !adverb {
                appositive_from = Some(e - 1);
            }
            e = k - 1;
            hops += 1;
        } else {
            return None;
        }
    }
    if e <= lo
        || !(toks[e - 1].is_word()
            || toks[e - 1].kind == Kind::Possessive
            || toks[e - 1].is_punct(')'))
    {
        return None;
    }
    let mut s = e;
    let mut words = 0;
    while s > lo {
        let t = &toks[s - 1];
        let ok = match t.kind {
            Kind::Word => {
                let w = t.lower.as_str();
                if is_boundary(w) {
                    false
                } else if w == "and" {
                    // "Trump and Clinton said": keep when both sides are names
                    s >= 2 && toks[s - 2].cap && toks.get(s).is_some_and(|x| x.cap)
                } else {
                    // a cue word inside a noun phrase is a noun ("the claims"), but not
                    // before an article: "its name suggests the firm" holds a verb
                    cue_at(toks, s - 1)
                        .map(|(c, _)| {
                            matches!(c.form, Form::Base | Form::S)
                                && !(s < e && toks[s].is_word() && is_article(&toks[s].lower))
                        })
                        .unwrap_or(true)
                }
            }
            Kind::Possessive => true,
            Kind::Punct('-') | Kind::Punct('.') | Kind::Punct('&') => true,
            Kind::Punct(')') => {
                // "Rep. Steve Israel (D-N.Y.) said": step over a short parenthesis
                let from = lo.max(s.saturating_sub(12));
                let open = toks[from..s - 1]
                    .iter()
                    .rposition(|x| x.is_punct('('))
                    .map(|p| p + from);
                match open {
                    Some(p) if s - 1 - p <= 8 && p > lo => {
                        s = p + 1;
                        true
                    }
                    _ => false,
                }
            }
            _ => false,
        };
        if !ok || words >= 14 {
            break;
        }
        if t.is_word() {
            words += 1;
        }
        s -= 1;
    }
    if s >= e {
        return None;
    }
    // trim a leading prepositional phrase ("In the interview Trump said")
    if toks[s].is_word() && is_preposition(&toks[s].lower) {
        let mut k = e;
        while k > s
            && (toks[k - 1].cap
                || toks[k - 1].kind == Kind::Possessive
                || toks[k - 1].lower == "the")
        {
            k -= 1;
        }
        if k < e && k > s {
            s = k;
        } else {
            return None;
        }
    }
    // must hold a content word
    if !toks[s..e]
        .iter()
        .any(|t| t.is_word() && !is_determiner(&t.lower))
    {
        return None;
    }
    let end = appositive_from.unwrap_or(e);
    Some((s, end))
}

/// The source noun phrase starting at `start` going forward ("said X", "according to X").
fn source_fwd(toks: &[Tok], start: usize, hi: usize) -> Option<(usize, usize)> {
    let mut e = start;
    let mut words = 0;
    while e < hi {
        let t = &toks[e];
        let ok = match t.kind {
            Kind::Word => {
                let w = t.lower.as_str();
                !(words > 0
                    && matches!(
                        w,
                        "in" | "on"
                            | "at"
                            | "during"
                            | "who"
                            | "which"
                            | "when"
                            | "while"
                            | "as"
                            | "after"
                            | "before"
                            | "that"
                            | "to"
                            | "and"
                            | "but"
                            | "because"
                            | "about"
                            | "told"
                            | "said"
                            | "wrote"
                            | "last"
                            | "this"
                            | "earlier"
                            | "later"
                            | "adding"
                            | "saying"
                            | "referring"
                    ))
            }
            Kind::Possessive => true,
            Kind::Punct('-') | Kind::Punct('.') | Kind::Punct('&') => {
                t.end > t.start && e + 1 < hi && toks[e + 1].is_word()
            }
            _ => false,
        };
        if !ok || words >= 12 {
            break;
        }
        if t.is_word() {
            words += 1;
        }
        e += 1;
    }
    (e > start
        && toks[start..e]
            .iter()
            .any(|t| t.is_word() && !is_determiner(&t.lower)))
    .then_some((start, e))
}

/// Addressee and modifiers after a cue, skipped before the content: "told reporters
/// at the White House that ...", "said on Tuesday that ...". Returns where the content
/// starts (at "that" when found within reach), else `None`.
fn skip_to_that(toks: &[Tok], from: usize, hi: usize) -> Option<usize> {
    let mut j = from;
    while j < hi && j < from + 13 {
        let t = &toks[j];
        if t.is_word() && t.lower == "that" {
            return Some(j);
        }
        // only modifiers and addressees may stand between the cue and "that"
        if t.is_word() && !t.cap && !skippable(&t.lower) {
            return None;
        }
        if t.is_quote() || t.is_sentence_punct() || t.is_punct(';') || t.is_punct(':') {
            return None;
        }
        if t.is_word() && cue_at(toks, j).is_some() {
            return None;
        }
        // "contradicted Trump's assertion that ...": the clause belongs to a noun
        if t.kind == Kind::Possessive || (t.is_word() && is_content_noun(&t.lower)) {
            return None;
        }
        j += 1;
    }
    None
}

/// Words of a modifier or addressee between a cue and its "that" clause ("told
/// reporters at a campaign stop on Tuesday that").
fn skippable(w: &str) -> bool {
    w.ends_with("ly")
        || w.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        || matches!(
            w,
            "in" | "on"
                | "at"
                | "during"
                | "after"
                | "before"
                | "to"
                | "with"
                | "via"
                | "by"
                | "from"
                | "for"
                | "of"
                | "over"
                | "through"
                | "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
                | "its"
                | "our"
                | "this"
                | "that"
                | "last"
                | "next"
                | "early"
                | "late"
                | "earlier"
                | "later"
                | "recent"
                | "separate"
                | "same"
                | "also"
                | "again"
                | "then"
                | "repeatedly"
                | "once"
                | "twice"
                | "privately"
                | "publicly"
                | "him"
                | "her."
                | "them"
                | "us"
                | "me"
                | "you"
                | "reporters"
                | "journalists"
                | "supporters"
                | "audience"
                | "crowd"
                | "voters"
                | "people"
                | "members"
                | "lawmakers"
                | "students"
                | "listeners"
                | "viewers"
                | "donors"
                | "delegates"
                | "statement"
                | "interview"
                | "email"
                | "e-mail"
                | "letter"
                | "tweet"
                | "tweets"
                | "post"
                | "posts"
                | "speech"
                | "conference"
                | "news"
                | "press"
                | "rally"
                | "event"
                | "stop"
                | "hearing"
                | "campaign"
                | "morning"
                | "afternoon"
                | "evening"
                | "night"
                | "week"
                | "weekend"
                | "month"
                | "year"
                | "day"
                | "time"
                | "hours"
                | "radio"
                | "television"
                | "phone"
                | "call"
                | "town"
                | "hall"
                | "meeting"
                | "video"
                | "message"
                | "program"
                | "show"
                | "appearance"
                | "briefing"
                | "memo"
                | "court"
                | "filing"
                | "book"
                | "op-ed"
                | "column"
                | "editorial"
                | "article"
                | "report"
                | "debate"
                | "forum"
                | "visit"
                | "trip"
                | "remarks"
                | "testimony"
                | "session"
                | "way"
                | "part"
                | "response"
                | "reply"
                | "answer"
                | "question"
                | "questions"
                | "told"
                | "friday"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "saturday"
                | "sunday"
                | "today"
                | "yesterday"
                | "tonight"
                | "ago"
                | "both"
                | "other"
                | "several"
                | "own"
                | "new"
                | "first"
                | "second"
                | "final"
                | "private"
                | "public"
                | "closed-door"
                | "brief"
                | "telephone"
                | "online"
                | "social"
                | "media"
                | "network"
                | "cable"
                | "local"
                | "national"
        )
}

/// Nouns that report a statement when a possessor holds them ("Trump's claim that").
fn claim_noun_cue(w: &str) -> bool {
    matches!(
        w,
        "claim"
            | "claims"
            | "assertion"
            | "contention"
            | "suggestion"
            | "argument"
            | "insistence"
            | "warning"
            | "promise"
            | "pledge"
            | "statement"
            | "belief"
            | "view"
            | "emphasis"
            | "allegation"
            | "accusation"
            | "charge"
            | "prediction"
            | "assurance"
            | "admission"
            | "acknowledgment"
            | "denial"
            | "position"
    )
}

/// Nouns that take their own "that" clause ("the assertion that ...").
fn is_content_noun(w: &str) -> bool {
    matches!(
        w,
        "assertion"
            | "assertions"
            | "claim"
            | "claims"
            | "allegation"
            | "allegations"
            | "suggestion"
            | "suggestions"
            | "report"
            | "reports"
            | "idea"
            | "notion"
            | "belief"
            | "fact"
            | "view"
            | "argument"
            | "charge"
            | "charges"
            | "accusation"
            | "accusations"
            | "rumor"
            | "rumors"
            | "news"
            | "impression"
            | "evidence"
            | "concern"
            | "concerns"
            | "fear"
            | "fears"
            | "hope"
            | "hopes"
            | "possibility"
            | "statement"
            | "remarks"
            | "comments"
            | "theory"
            | "promise"
            | "warning"
            | "conclusion"
            | "finding"
            | "findings"
            | "sense"
            | "message"
            | "point"
    )
}

/// Where content that starts at `a` ends: the sentence end (before final punctuation),
/// or before ", adding ...", ", according to ...", "; ...".
fn content_end(toks: &[Tok], a: usize, hi: usize, inside: &[bool], used: &[bool]) -> usize {
    let mut j = a;
    while j < hi {
        let t = &toks[j];
        // another attribution starts here
        if j > a
            && used.get(j).copied().unwrap_or(false)
            && !inside.get(j).copied().unwrap_or(false)
            && !t.is_quote()
        {
            break;
        }
        // `described X as a “disgrace” Wednesday on ...`: a predicative quotation after
        // `as` ends the content (what follows is time, place or a new clause)
        if t.kind == Kind::Close && j > a {
            let mut o = j;
            while o > a && toks[o - 1].kind != Kind::Open {
                o -= 1;
            }
            if o > a + 1 {
                let mut p = o - 2;
                if p > a && matches!(toks[p].lower.as_str(), "a" | "an") {
                    p -= 1;
                }
                let mut n = j + 1;
                if n < hi && toks[n].is_punct(',') {
                    n += 1;
                }
                let tail = n < hi
                    && toks[n].is_word()
                    && matches!(
                        toks[n].lower.as_str(),
                        "during"
                            | "on"
                            | "at"
                            | "in"
                            | "after"
                            | "before"
                            | "while"
                            | "when"
                            | "but"
                            | "amid"
                            | "last"
                            | "earlier"
                            | "yesterday"
                            | "today"
                            | "tonight"
                            | "monday"
                            | "tuesday"
                            | "wednesday"
                            | "thursday"
                            | "friday"
                            | "saturday"
                            | "sunday"
                    );
                if tail && p > a && toks[p].is_word() && toks[p].lower == "as" {
                    j += 1;
                    break;
                }
            }
        }
        if inside.get(j).copied().unwrap_or(false) {
            j += 1;
            continue;
        }
        if t.is_punct(';') || ((t.is_punct('—') || t.is_punct('–') || t.is_punct('(')) && j > a)
        {
            break;
        }
        // "... and suggested that ...", "but said ...": a second attribution starts
        if t.is_word() && matches!(t.lower.as_str(), "and" | "but") && j > a {
            let mut k = j + 1;
            while k < hi
                && k < j + 3
                && toks[k].is_word()
                && (is_aux(&toks[k].lower)
                    || toks[k].lower == "he"
                    || toks[k].lower == "she"
                    || toks[k].lower == "they")
            {
                k += 1;
            }
            if cue_at(toks, k).is_some_and(|(c, _)| matches!(c.form, Form::Past | Form::S)) {
                break;
            }
        }
        if t.is_punct(',') || comma_before(toks, j + 1) {
            let mut k = j + 1;
            // a boundary after a closing mark keeps the mark in the content
            let stop = if t.kind == Kind::Close { j + 1 } else { j };
            let pron = |x: usize| {
                x < hi
                    && toks[x].is_word()
                    && matches!(
                        toks[x].lower.as_str(),
                        "he" | "she" | "they" | "we" | "i" | "it"
                    )
            };
            let conj =
                k < hi && toks[k].is_word() && matches!(toks[k].lower.as_str(), "and" | "but");
            // (not right after an opening "that, if elected, he ...")
            let long_enough = words_in(toks, a, j) >= 5;
            if long_enough
                && (pron(k)
                    || (conj
                        && (pron(k + 1) || toks.get(k + 1).is_some_and(|x| x.is_word() && x.cap))))
            {
                j = stop;
                break;
            }
            if k < hi
                && toks[k].is_word()
                && matches!(
                    toks[k].lower.as_str(),
                    "while" | "whereas" | "although" | "though"
                )
            {
                {
                    j = stop;
                    break;
                }
            }
            while k < hi && toks[k].is_word() && is_aux(&toks[k].lower) {
                k += 1;
            }
            if according_at(toks, k) {
                {
                    j = stop;
                    break;
                }
            }
            if let Some((c, _)) = cue_at(toks, k) {
                if c.form == Form::Ing {
                    {
                        j = stop;
                        break;
                    }
                }
            }
            // `,” one of the prosecutors said ...`: a new attribution after a quotation
            if t.kind == Kind::Close {
                let mut x = k;
                while x < hi
                    && x < k + 10
                    && (toks[x].is_word() || toks[x].kind == Kind::Possessive)
                {
                    if cue_at(toks, x).is_some_and(|(c, _)| {
                        matches!(c.form, Form::Past | Form::S) && verb_use(toks, x, k, c)
                    }) && x > k
                    {
                        break;
                    }
                    x += 1;
                }
                if x < hi && x < k + 10 && toks[x].is_word() && x > k {
                    j = stop;
                    break;
                }
            }
            // ", he said." / ", officials said, ..." trailing parenthetical source
            if let Some(e) = trailing_source_cue(toks, k, hi) {
                let _ = e;
                {
                    j = stop;
                    break;
                }
            }
        }
        j += 1;
    }
    // drop final sentence punctuation (keep closing quote marks)
    let mut e = j;
    while e > a && (toks[e - 1].is_sentence_punct() || toks[e - 1].is_punct(',')) {
        e -= 1;
    }
    e
}

/// Does a comma end just before `b` (`,` or `,”`)?
fn comma_before(toks: &[Tok], b: usize) -> bool {
    b >= 1
        && (toks[b - 1].is_punct(',')
            || (toks[b - 1].kind == Kind::Close && b >= 2 && toks[b - 2].is_punct(',')))
}

/// At `k`: "SRC CUE" followed by sentence end or a comma (a parenthetical attribution).
/// Returns the cue's start index.
fn trailing_source_cue(toks: &[Tok], k: usize, hi: usize) -> Option<usize> {
    let mut j = k;
    while j < hi && j < k + 8 {
        if let Some((c, ce)) = cue_at(toks, j) {
            if j == k || matches!(c.form, Form::Ing) {
                return None;
            }
            let after = toks.get(ce);
            let ends = ce >= hi
                || after.is_some_and(|t| {
                    t.is_sentence_punct() || t.is_punct(',') || t.kind == Kind::Break
                });
            return ends.then_some(j);
        }
        let t = &toks[j];
        if !(t.is_word() || t.kind == Kind::Possessive) || is_boundary(&t.lower) {
            return None;
        }
        j += 1;
    }
    None
}

fn words_in(toks: &[Tok], a: usize, b: usize) -> usize {
    toks[a.min(b)..b].iter().filter(|t| t.is_word()).count()
}

/// The direct pass: attributions of stretches that stand as quotations of their own.
/// Marks used tokens in `used`. Returns the attributions and, per stretch, whether it
/// was taken (embedded stretches are left to the indirect pass).
pub(crate) fn direct(
    toks: &[Tok],
    st: &[Stretch],
    sents: &[(usize, usize)],
    used: &mut [bool],
) -> Vec<Attr> {
    let sent_of = |i: usize| sentence_of(sents, i);
    let mut out: Vec<Attr> = Vec::new();
    let mut taken = vec![false; st.len()];
    for (k, s) in st.iter().enumerate() {
        if taken[k] {
            continue;
        }
        let Some(si) = sent_of(s.open) else { continue };
        let (lo, hi) = sents[si];
        let inner_words = words_in(toks, s.open, s.end);
        let first_inner = toks[s.open + 1..s.end].iter().find(|t| t.is_word());
        let starts_cap =
            first_inner.is_some_and(|t| t.cap || t.lower.starts_with(|c: char| c.is_ascii_digit()));
        let left_ok = {
            let mut j = s.open;
            while j > lo && toks[j - 1].is_punct('—') {
                j -= 1;
            }
            let after_that = (j >= 1 && toks[j - 1].lower == "that")
                || (j >= 2 && toks[j - 1].is_punct(',') && toks[j - 2].lower == "that");
            !after_that
                && (j == lo
                    || toks[j - 1].is_punct(':')
                    || toks[j - 1].is_punct(',')
                    || cue_at(toks, j - 1).is_some())
        };
        let comma_close = s.end >= 2
            && s.end - 2 > s.open
            && matches!(
                toks[s.end - 2].kind,
                Kind::Punct(',') | Kind::Punct('?') | Kind::Punct('!')
            )
            && toks[s.end - 1].kind == Kind::Close;
        let standalone =
            left_ok && starts_cap && (inner_words >= 3 || (comma_close && inner_words >= 1));
        if !standalone {
            continue;
        }
        let end_in_sent = s.end.min(hi);
        let mut attr = Attr {
            kind: QuoteKind::Direct,
            parts: vec![(s.open, s.end)],
            source: None,
            cue: None,
            cue_lemma: None,
            stance: None,
            class: None,
            clause: (lo, hi),
        };
        // right: ,” Trump said. / ,” said Trump. / ,” according to CNN.
        let mut r = end_in_sent;
        while r < hi && (toks[r].is_punct(',') || toks[r].is_punct('—') || toks[r].is_punct('–'))
        {
            r += 1;
        }
        let mut found = false;
        if r < hi && according_at(toks, r) {
            if let Some(src) = source_fwd(toks, r + 2, hi) {
                attr.source = Some(src);
                attr.cue = Some((r, r + 2));
                attr.cue_lemma = Some("according to".into());
                found = true;
            }
        }
        let subordinate = r < hi
            && toks[r].is_word()
            && matches!(
                toks[r].lower.as_str(),
                "when"
                    | "as"
                    | "while"
                    | "after"
                    | "before"
                    | "because"
                    | "if"
                    | "since"
                    | "until"
                    | "and"
                    | "but"
                    | "or"
                    | "which"
                    | "that"
            );
        if !found && r < hi && s.end <= hi && !subordinate {
            let mut j = r;
            while j < hi && j < r + 16 {
                if toks[j].is_quote() || toks[j].is_sentence_punct() {
                    break;
                }
                // ", who has not endorsed anyone," — a relative clause, not the cue
                if j > r
                    && toks[j - 1].is_punct(',')
                    && toks[j].is_word()
                    && matches!(toks[j].lower.as_str(), "who" | "which" | "whose")
                {
                    match (j..hi).find(|&x| toks[x].is_punct(',') || toks[x].is_sentence_punct()) {
                        Some(x) if toks[x].is_punct(',') => {
                            j = x + 1;
                            continue;
                        }
                        _ => break,
                    }
                }
                if let Some((c, ce)) = cue_at(toks, j) {
                    if c.form == Form::Ing && j == r {
                        break;
                    }
                    let src =
                        if j == r || toks[r..j].iter().all(|t| t.is_word() && is_aux(&t.lower)) {
                            source_fwd(toks, ce, hi)
                        } else {
                            let b = before_aux(toks, j, r);
                            if b > r {
                                source_back(toks, b, r)
                            } else {
                                None
                            }
                        };
                    if let Some(src) = src {
                        attr.source = Some(src);
                        attr.cue = Some((j, ce));
                        attr.cue_lemma = Some(c.lemma.clone());
                        attr.stance = c.stance;
                        attr.class = Some(c.class);
                        found = true;
                    }
                    break;
                }
                if toks[j].kind == Kind::Break || toks[j].is_punct(';') || toks[j].is_punct(':') {
                    break;
                }
                j += 1;
            }
        }
        // “...” ― Name: a dash and a name closing the paragraph
        if !found
            && s.end < toks.len()
            && matches!(
                toks[s.end].kind,
                Kind::Punct('―') | Kind::Punct('—') | Kind::Punct('–') | Kind::Punct('-')
            )
        {
            let a = s.end + 1;
            let mut e = a;
            while e < toks.len() && e < a + 8 && toks[e].kind != Kind::Break && !toks[e].is_quote()
            {
                e += 1;
            }
            let end_ok = e >= toks.len() || toks[e].kind == Kind::Break || toks[e].is_quote();
            if end_ok && e > a && toks.get(a).is_some_and(|t| t.cap) {
                let mut e2 = e;
                while e2 > a && !toks[e2 - 1].is_word() {
                    e2 -= 1;
                }
                attr.source = Some((a, e2));
                attr.cue = Some((s.end, a));
                attr.cue_lemma = Some("-".into());
                found = true;
            }
        }
        // “Go back,” Trump barked. — an unlisted verb right after a short speaker
        let ends_clause = s.end >= 2
            && s.end - 2 > s.open
            && matches!(
                toks[s.end - 2].kind,
                Kind::Punct(',') | Kind::Punct('?') | Kind::Punct('!')
            );
        if !found && ends_clause && s.end == r && r < hi {
            if let Some((src, v)) = unknown_verb_clause(toks, r, hi) {
                attr.source = Some(src);
                attr.cue = Some((v, v + 1));
                attr.cue_lemma = Some(toks[v].lower.clone());
                found = true;
            }
        }
        // left: X said: “...” / X stated, "..." / Trump told reporters ..., "..."
        if !found && s.open > lo {
            let mut j = s.open;
            let mut best = None;
            while j > lo && j + 24 > s.open {
                j -= 1;
                if toks[j].is_quote() {
                    break;
                }
                if used[j] {
                    break;
                }
                if let Some((c, ce)) = cue_at(toks, j) {
                    if ce <= s.open && verb_use(toks, j, lo, c) {
                        let between_ok = ce == s.open
                            || toks[s.open - 1].is_punct(',')
                            || toks[s.open - 1].is_punct(':')
                            || toks[s.open - 1].is_punct('—');
                        if between_ok && source_for_cue(toks, j, lo, c).is_some() {
                            best = Some((j, ce, c));
                            break;
                        }
                    }
                }
            }
            if let Some((j, ce, c)) = best {
                let src = source_for_cue(toks, j, lo, c);
                if let Some(src) = src {
                    attr.source = Some(src);
                    attr.cue = Some((j, ce));
                    attr.cue_lemma = Some(c.lemma.clone());
                    attr.stance = c.stance;
                    attr.class = Some(c.class);
                    found = true;
                }
            } else if toks[s.open - 1].is_punct(':') && words_in(toks, lo, s.open) >= 1 {
                // "... Republican pollster Daron Shaw: “...”"
                let src = source_back(toks, s.open - 1, lo)
                    .or_else(|| (words_in(toks, lo, s.open) <= 8).then_some((lo, s.open - 1)));
                if let Some(src) = src {
                    attr.source = Some(src);
                    attr.cue = Some((s.open - 1, s.open));
                    attr.cue_lemma = Some(":".into());
                    found = true;
                }
            }
        }
        // no cue clause of its own: a quotation continuing the previous paragraph's
        // quote, or one introduced by the previous paragraph ("... said:")
        let par_start = s.open == 0 || toks[s.open - 1].kind == Kind::Break;
        if !found && par_start && s.open >= 2 {
            let prev_par_end = s.open - 1; // the Break
            if toks[prev_par_end - 1].is_punct(':') {
                if let Some(ps) = sent_of(prev_par_end - 1) {
                    let (plo, phi) = sents[ps];
                    let cue = (plo..phi).rev().find_map(|j| {
                        cue_at(toks, j)
                            .filter(|(c, _)| verb_use(toks, j, plo, c))
                            .map(|(c, ce)| (j, ce, c))
                    });
                    let src = match cue {
                        Some((j, _, c)) => source_for_cue(toks, j, plo, c),
                        None => source_subject(toks, plo, phi),
                    };
                    if let Some(src) = src {
                        if !(src.0..src.1).any(|x| used[x]) {
                            attr.source = Some(src);
                            attr.cue =
                                Some(cue.map(|(j, ce, _)| (j, ce)).unwrap_or((phi - 1, phi)));
                            attr.cue_lemma = Some(
                                cue.map(|(_, _, c)| c.lemma.clone())
                                    .unwrap_or_else(|| ":".into()),
                            );
                            attr.clause = (plo, phi);
                            found = true;
                        }
                    }
                }
            } else if let Some(last) = out.last_mut() {
                let last_end = last.parts.last().map(|p| p.1).unwrap_or(0);
                let back = prev_par_end.saturating_sub(400);
                let prev_par_start = toks[back..prev_par_end]
                    .iter()
                    .rposition(|t| t.kind == Kind::Break)
                    .map(|x| x + back + 1)
                    .unwrap_or(back);
                let adjacent = last.kind == QuoteKind::Direct
                    && last.source.is_some()
                    && last_end >= prev_par_start
                    && last_end <= prev_par_end;
                let own = has_own_cue(toks, s, sents);
                // a continuation paragraph is quoted whole: nothing but punctuation after
                let limit = toks.len().min(s.end + 400);
                let par_end = (s.end..limit)
                    .find(|&x| toks[x].kind == Kind::Break)
                    .unwrap_or(limit);
                let whole = toks[s.end.min(par_end)..par_end]
                    .iter()
                    .all(|t| !t.is_word());
                if adjacent && !own && whole {
                    last.parts.push((s.open, s.end));
                    taken[k] = true;
                    for x in used.iter_mut().take(s.end).skip(s.open) {
                        *x = true;
                    }
                    continue;
                }
            }
        }
        taken[k] = true;
        for x in used.iter_mut().take(s.end).skip(s.open) {
            *x = true;
        }
        if found {
            for r in [attr.source, attr.cue].into_iter().flatten() {
                for x in used.iter_mut().take(r.1).skip(r.0) {
                    *x = true;
                }
            }
            // split quote: the next stretch opens right after this cue clause's
            // sentence (or after its comma) and has no cue clause of its own
            if let Some((_, ce)) = attr.cue {
                let mut m = k + 1;
                while m < st.len() {
                    let n = &st[m];
                    if n.open > ce + 60 {
                        break;
                    }
                    // a short quoted title inside the cue clause (on “Fox and Friends.”)
                    let embedded_title = words_in(toks, n.open, n.end) <= 6
                        && n.open > 0
                        && (toks[n.open - 1].is_word()
                            || toks[n.open - 1].kind == Kind::Possessive)
                        && !toks[ce.min(n.open)..n.open]
                            .iter()
                            .any(|t| t.kind == Kind::Break || t.is_sentence_punct());
                    if embedded_title && !taken[m] {
                        m += 1;
                        continue;
                    }
                    let gap_end = n.open;
                    let same_par = !toks[ce.min(gap_end)..gap_end]
                        .iter()
                        .any(|t| t.kind == Kind::Break);
                    let src_end = attr.source.map(|x| x.1).unwrap_or(ce).max(ce);
                    let gap = &toks[src_end.min(gap_end)..gap_end];
                    // a short quoted title may sit in the gap (on “Fox and Friends.”)
                    let mut long_quote = false;
                    let mut in_q = 0usize;
                    let mut opened = false;
                    for t in gap {
                        match t.kind {
                            Kind::Open => {
                                opened = true;
                                in_q = 0;
                            }
                            Kind::Close => opened = false,
                            Kind::Word if opened => {
                                in_q += 1;
                                long_quote |= in_q > 6;
                            }
                            _ => {}
                        }
                    }
                    // a cue in the gap (outside a ", who ..." clause) starts another attribution
                    let gap_start = src_end.min(gap_end);
                    let mut relative = false;
                    let mut gap_cue = false;
                    for x in gap_start..gap_end {
                        let t = &toks[x];
                        if t.is_word()
                            && matches!(t.lower.as_str(), "who" | "which")
                            && x > 0
                            && toks[x - 1].is_punct(',')
                        {
                            relative = true;
                        } else if t.is_sentence_punct() {
                            relative = false;
                        }
                        if !relative
                            && t.is_word()
                            && cue_at(toks, x).is_some_and(|(c, _)| verb_use(toks, x, gap_start, c))
                        {
                            gap_cue = true;
                        }
                    }
                    let gap_clean = gap.len() <= 40
                        && !gap_cue
                        && !long_quote
                        && !opened
                        && gap.last().is_none_or(|t| {
                            t.is_sentence_punct()
                                || t.is_punct(',')
                                || t.is_punct(':')
                                || t.kind == Kind::Close
                        })
                        && !gap.iter().any(|t| t.kind == Kind::Break);
                    let prev_end = attr.parts.last().map(|p| p.1).unwrap_or(0);
                    let after_cue = n.open >= ce && prev_end <= attr.cue.map(|c| c.0).unwrap_or(0);
                    if same_par && gap_clean && after_cue && !has_own_cue(toks, n, sents) {
                        attr.parts.push((n.open, n.end));
                        for x in used.iter_mut().take(n.end).skip(n.open) {
                            *x = true;
                        }
                        taken[m] = true;
                        m += 1;
                        // later stretches are only joined when contiguous
                        let ne = n.end;
                        if !st.get(m).is_some_and(|x| {
                            toks[ne.min(x.open)..x.open]
                                .iter()
                                .all(|t| !t.is_word() && t.kind != Kind::Break)
                        }) {
                            break;
                        }
                    } else {
                        break;
                    }
                }
            }
        }
        out.push(attr);
    }
    out
}

/// "Trump barked." / "she quipped," : a pronoun or a short name, then a past or
/// present-tense verb, then the clause's end.
fn unknown_verb_clause(toks: &[Tok], r: usize, hi: usize) -> Option<((usize, usize), usize)> {
    let t = toks.get(r)?;
    // inverted: "remembered Roy Verley, HP's former spokesman."
    if t.is_word()
        && !t.cap
        && t.lower.ends_with("ed")
        && toks.get(r + 1).is_some_and(|x| x.is_word() && x.cap)
    {
        if let Some(src) = source_fwd(toks, r + 1, hi) {
            let end_ok =
                src.1 >= hi || toks[src.1].is_sentence_punct() || toks[src.1].is_punct(',');
            if end_ok {
                return Some((src, r));
            }
        }
    }
    let pron = t.is_word() && matches!(t.lower.as_str(), "he" | "she" | "they" | "i" | "we");
    let mut e = r;
    if pron {
        e = r + 1;
    } else {
        if t.is_word() && t.lower == "the" {
            e += 1;
        }
        while e < hi && e < r + 5 && toks[e].is_word() && toks[e].cap {
            e += 1;
        }
    }
    if e == r || (e == r + 1 && toks[r].lower == "the") {
        return None;
    }
    let v = toks.get(e)?;
    let particle = toks
        .get(e + 1)
        .is_some_and(|a| a.is_word() && matches!(a.lower.as_str(), "back" | "out" | "up" | "in"));
    let verbish = v.is_word()
        && !v.cap
        && (v.lower.ends_with("ed")
            || (v.lower.ends_with('s') && !v.lower.ends_with("ss"))
            || particle);
    let after = toks.get(e + 1);
    let ends = e + 1 >= hi
        || after.is_some_and(|a| {
            a.is_sentence_punct()
                || a.is_punct(',')
                || (a.is_word()
                    && matches!(
                        a.lower.as_str(),
                        "in" | "on" | "at" | "during" | "to" | "from" | "back" | "as" | "with"
                    ))
        });
    (verbish && ends).then_some(((r, e), e))
}

/// Index of the sentence holding token `i` (sentences are sorted and disjoint).
fn sentence_of(sents: &[(usize, usize)], i: usize) -> Option<usize> {
    let k = sents.partition_point(|s| s.1 <= i);
    sents.get(k).filter(|s| s.0 <= i && i < s.1).map(|_| k)
}

fn has_own_cue(toks: &[Tok], s: &Stretch, sents: &[(usize, usize)]) -> bool {
    let hi = sentence_of(sents, s.end)
        .map(|k| sents[k].1)
        .unwrap_or(s.end);
    let mut j = s.end;
    while j < hi && j < s.end + 10 {
        if cue_at(toks, j).is_some() || according_at(toks, j) {
            return true;
        }
        if toks[j].is_quote() || toks[j].is_sentence_punct() {
            return false;
        }
        j += 1;
    }
    false
}

/// The source of the cue at `j` (sentence from `lo`): the noun phrase before it, the
/// subject of a coordinated or participial clause ("..., saying", "and said"), or the
/// antecedent of a relative pronoun ("a headline that said").
pub(crate) fn source_for_cue(
    toks: &[Tok],
    j: usize,
    lo: usize,
    cue: &Cue,
) -> Option<(usize, usize)> {
    let b = before_aux(toks, j, lo);
    if cue.form == Form::Ing && b > lo && (comma_before(toks, b) || toks[b - 1].is_punct(':')) {
        return source_subject(toks, lo, b);
    }
    if b == lo && j == lo && toks[j].cap {
        // "Said Comey, ..." / "Said Ellis:"
        return source_fwd(toks, j + 1 + cue.rest.len(), toks.len().min(j + 14));
    }
    source_back(toks, b, lo)
        .or_else(|| and_subject(toks, lo, b))
        .or_else(|| relative_source(toks, lo, b))
}

/// "a headline that said", "Beck, who said": the relative pronoun's antecedent ("who"
/// itself when the antecedent is already another attribution's source).
fn relative_source(toks: &[Tok], lo: usize, b: usize) -> Option<(usize, usize)> {
    if b > lo + 1
        && toks[b - 1].is_word()
        && matches!(toks[b - 1].lower.as_str(), "who" | "that" | "which")
    {
        if toks[b - 1].lower == "who" && toks[b - 2].is_punct(',') {
            return Some((b - 1, b));
        }
        let mut e = b - 1;
        if e > lo && toks[e - 1].is_punct(',') {
            e -= 1;
        }
        source_back(toks, e, lo)
    } else {
        None
    }
}

/// "Hayek confirmed it and said ...": a cue after "and" shares the sentence's subject.
fn and_subject(toks: &[Tok], lo: usize, b: usize) -> Option<(usize, usize)> {
    if b > lo + 1 && toks[b - 1].is_word() && toks[b - 1].lower == "and" {
        source_subject(toks, lo, b - 1)
    } else {
        None
    }
}

/// The subject at the start of a clause `[lo, b)`: the first noun phrase before a verb-ish
/// word, used for participial cues ("Kayhan criticized X, arguing that ...").
fn source_subject(toks: &[Tok], lo: usize, b: usize) -> Option<(usize, usize)> {
    let mut a = lo;
    // skip a fronted phrase ending in a comma ("On Monday, ...")
    if let Some(c) = toks[lo..b].iter().position(|t| t.is_punct(',')) {
        if c < 8
            && words_in(toks, lo, lo + c) <= 7
            && toks[lo].is_word()
            && is_preposition(&toks[lo].lower)
        {
            a = lo + c + 1;
        }
    }
    let mut e = a;
    while e < b
        && (toks[e].is_word() || toks[e].kind == Kind::Possessive)
        && cue_at(toks, e).is_none()
        && e < a + 8
    {
        let w = toks[e].lower.as_str();
        let verbish = w.ends_with("ed")
            || matches!(
                w,
                "has"
                    | "have"
                    | "had"
                    | "is"
                    | "was"
                    | "are"
                    | "were"
                    | "will"
                    | "would"
                    | "can"
                    | "could"
                    | "may"
                    | "might"
                    | "should"
                    | "must"
                    | "did"
                    | "does"
                    | "do"
                    | "also"
                    | "then"
            );
        if e > a && toks[e].is_word() && !toks[e].cap && !is_determiner(w) && verbish {
            break;
        }
        e += 1;
    }
    (e > a).then_some((a, e))
}

/// The indirect pass over one sentence `[lo, hi)`.
pub(crate) fn indirect(
    toks: &[Tok],
    lo: usize,
    hi: usize,
    inside: &[bool],
    used: &mut [bool],
    out: &mut Vec<Attr>,
) {
    // a source whose own content was only a modifier ("said in a statement, adding ...")
    let mut pending: Option<(usize, usize)> = None;
    // "Paul Ryan: FBI decision defies explanation" / "Q: You open your book ...": a short
    // name and a colon opening a paragraph
    if (lo == 0 || toks[lo - 1].kind == Kind::Break) && !used[lo] {
        if let Some(c) = (lo..hi.min(lo + 7)).find(|&x| toks[x].is_punct(':')) {
            let head = &toks[lo..c];
            let names = !head.is_empty()
                && head.iter().all(|t| {
                    (t.is_word() && (t.cap || t.lower == "of"))
                        || t.kind == Kind::Possessive
                        || t.is_punct('.')
                })
                && head
                    .iter()
                    .any(|t| t.is_word() && !t.lower.chars().any(|ch| ch.is_ascii_digit()))
                && !head.iter().any(|t| {
                    matches!(
                        t.lower.as_str(),
                        "update"
                            | "updated"
                            | "note"
                            | "photo"
                            | "video"
                            | "watch"
                            | "related"
                            | "read"
                            | "correction"
                            | "source"
                            | "also"
                            | "more"
                            | "share"
                            | "editor"
                            | "credit"
                            | "image"
                            | "caption"
                            | "tags"
                            | "via"
                            | "subscribe"
                    )
                });
            let par_end = (c..toks.len())
                .find(|&x| toks[x].kind == Kind::Break)
                .unwrap_or(toks.len());
            if names
                && words_in(toks, c + 1, par_end) >= 3
                && !(c + 1..par_end).any(|x| used[x] && !inside[x])
            {
                let mut e = par_end;
                while e > c + 1 && (toks[e - 1].is_sentence_punct()) {
                    e -= 1;
                }
                push_attr(
                    toks,
                    out,
                    used,
                    inside,
                    vec![(c + 1, e)],
                    Some((lo, c)),
                    (c, c + 1),
                    ":".into(),
                    None,
                    None,
                    (lo, hi),
                );
                return;
            }
        }
    }
    let mut i = lo;
    while i < hi {
        if used[i] || inside[i] || !toks[i].is_word() {
            i += 1;
            continue;
        }
        // According to X, C. / C, according to X.
        if according_at(toks, i) {
            if let Some(src) = source_fwd(toks, i + 2, hi) {
                let cue = (i, i + 2);
                let parts = if i == lo || (i == lo + 1 && !toks[lo].is_word()) {
                    let mut a = src.1;
                    while a < hi && toks[a].is_punct(',') {
                        a += 1;
                    }
                    let e = content_end(toks, a, hi, inside, used);
                    vec![(a, e)]
                } else {
                    let mut e = i;
                    while e > lo && (toks[e - 1].is_punct(',') || toks[e - 1].is_punct('—')) {
                        e -= 1;
                    }
                    let a = clause_start(toks, lo, e, used);
                    let mut p = vec![(a, e)];
                    let mut r = src.1;
                    if r < hi && toks[r].is_punct(',') {
                        r += 1;
                        let e2 = content_end(toks, r, hi, inside, used);
                        if words_in(toks, r, e2) >= 2 {
                            p.push((r, e2));
                        }
                    }
                    p
                };
                if parts.iter().all(|p| words_in(toks, p.0, p.1) >= 1)
                    && !parts.iter().any(|p| (p.0..p.1).any(|x| used[x]))
                {
                    push_attr(
                        toks,
                        out,
                        used,
                        inside,
                        parts,
                        Some(src),
                        cue,
                        "according to".into(),
                        None,
                        None,
                        (lo, hi),
                    );
                    i = src.1;
                    continue;
                }
            }
            i += 2;
            continue;
        }
        // "Trump's claim that C", "his insistence that C"
        if claim_noun_cue(&toks[i].lower)
            && toks.get(i + 1).is_some_and(|t| t.lower == "that")
            && i > lo
        {
            let p = &toks[i - 1];
            let src = if p.kind == Kind::Possessive {
                let mut s0 = i - 1;
                while s0 > lo && toks[s0 - 1].is_word() && toks[s0 - 1].cap && i - s0 < 6 {
                    s0 -= 1;
                }
                (s0 < i - 1).then_some((s0, i))
            } else if p.is_word() && matches!(p.lower.as_str(), "his" | "her" | "their" | "its") {
                Some((i - 1, i))
            } else {
                None
            };
            if let Some(src) = src {
                let a = i + 1;
                let e = content_end(toks, a, hi, inside, used);
                if words_in(toks, a, e) >= 3 && !(src.0..e).any(|x| used[x] && !inside[x]) {
                    push_attr(
                        toks,
                        out,
                        used,
                        inside,
                        vec![(a, e)],
                        Some(src),
                        (i, i + 1),
                        toks[i].lower.clone(),
                        None,
                        None,
                        (lo, hi),
                    );
                    i = e;
                    continue;
                }
            }
        }
        let Some((c, ce)) = cue_at(toks, i) else {
            i += 1;
            continue;
        };
        if !verb_use(toks, i, lo, c) {
            i = ce;
            continue;
        }
        // "continue" reports speech only before a quotation or a colon ("he continued:")
        if c.lemma == "continue"
            && !toks
                .get(ce)
                .is_some_and(|t| t.is_punct(':') || t.is_punct(',') || t.is_quote())
        {
            i = ce;
            continue;
        }
        let b = before_aux(toks, i, lo);
        // "X has drawn criticism for suggesting C": the subject said it
        if c.form == Form::Ing
            && b > lo
            && toks[b - 1].is_word()
            && matches!(
                toks[b - 1].lower.as_str(),
                "for" | "by" | "after" | "when" | "while" | "before"
            )
            && matches!(c.class, CueClass::Speech | CueClass::Write)
        {
            if let Some(src) = source_subject(toks, lo, b - 1) {
                let a = skip_to_that(toks, ce, hi).unwrap_or(ce);
                let e = content_end(toks, a, hi, inside, used);
                if words_in(toks, a, e) >= 3
                    && !(a..e).any(|x| used[x] && !inside[x])
                    && !(src.0..src.1).any(|x| used[x])
                {
                    push_attr(
                        toks,
                        out,
                        used,
                        inside,
                        vec![(a, e)],
                        Some(src),
                        (i, ce),
                        c.lemma.clone(),
                        c.stance,
                        Some(c.class),
                        (lo, hi),
                    );
                    i = e;
                    continue;
                }
            }
        }
        // participle after a comma: "..., arguing that C"
        if c.form == Form::Ing && b > lo && (comma_before(toks, b) || toks[b - 1].is_punct('—')) {
            let src = out
                .iter()
                .rev()
                .take(24)
                .filter(|a| a.cue.is_some_and(|c| c.0 >= lo && c.1 <= i))
                .find_map(|a| a.source)
                .or(pending)
                .or_else(|| source_subject(toks, lo, b - 1));
            let a = skip_to_that(toks, ce, hi).unwrap_or(ce);
            let e = content_end(toks, a, hi, inside, used);
            if words_in(toks, a, e) >= 2 && src.is_some() && !(a..e).any(|x| used[x]) {
                push_attr(
                    toks,
                    out,
                    used,
                    inside,
                    vec![(a, e)],
                    src,
                    (i, ce),
                    c.lemma.clone(),
                    c.stance,
                    Some(c.class),
                    (lo, hi),
                );
                i = e;
                continue;
            }
            i = ce;
            continue;
        }
        // "Tad Devine, an adviser, said ...": the comma closes an appositive
        let appositive = b == i
            && b > lo
            && toks[b - 1].is_punct(',')
            && source_back(toks, b, lo).is_some_and(|(s0, s1)| {
                let first_comma = (s0..s1).find(|&x| toks[x].is_punct(','));
                (s0 == lo || toks[s0 - 1].is_punct(','))
                    && first_comma.is_some_and(|fc| {
                        fc > s0
                            && fc - s0 <= 6
                            && toks[s0..fc]
                                .iter()
                                .all(|t| t.cap || !t.is_word() || is_determiner(&t.lower))
                    })
            });
        // inverted trailing: "C, said X." (speech verbs only: not "..., offered X")
        let invertible = matches!(c.class, CueClass::Speech | CueClass::Write)
            && !matches!(
                c.lemma.as_str(),
                "offer"
                    | "express"
                    | "discuss"
                    | "announce"
                    | "reveal"
                    | "disclose"
                    | "mention"
                    | "promise"
                    | "pledge"
                    | "vow"
                    | "continue"
                    | "report"
                    | "state"
            );
        if b > lo
            && comma_before(toks, b)
            && b == i
            && !appositive
            && invertible
            && !adverb_before(toks, lo, b)
            && !subject_then_phrase(toks, lo, b)
        {
            if let Some(mut src) = source_fwd(toks, ce, hi) {
                // "..., says Paul Rieckhoff, founder and CEO of IAVA." — the appositive too
                let relative = src.1 < hi
                    && toks[src.1].is_word()
                    && matches!(toks[src.1].lower.as_str(), "who" | "whose");
                if src.1 < hi && (toks[src.1].is_punct(',') || relative) {
                    let mut e = src.1 + 1;
                    while e < hi
                        && !toks[e].is_sentence_punct()
                        && !toks[e].is_quote()
                        && !toks[e].is_punct(';')
                        && cue_at(toks, e).is_none()
                    {
                        e += 1;
                    }
                    if (e >= hi || toks[e].is_sentence_punct()) && e - src.1 <= 20 {
                        src.1 = e;
                    }
                }
                let tail_ok = src.1 >= hi
                    || toks[src.1].is_sentence_punct()
                    || toks[src.1].is_punct(',')
                    || toks[src.1].kind == Kind::Break;
                if tail_ok {
                    let e = b - 1;
                    let a = clause_start(toks, lo, e, used);
                    if words_in(toks, a, e) >= 2 && !(a..e).any(|x| used[x] && !inside[x]) {
                        push_attr(
                            toks,
                            out,
                            used,
                            inside,
                            vec![(a, e)],
                            Some(src),
                            (i, ce),
                            c.lemma.clone(),
                            c.stance,
                            Some(c.class),
                            (lo, hi),
                        );
                        i = src.1;
                        continue;
                    }
                }
            }
            // not a trailing attribution: try the source before the cue
        }
        let Some(src) = source_back(toks, b, lo)
            .or_else(|| and_subject(toks, lo, b))
            .or_else(|| relative_source(toks, lo, b))
        else {
            i = ce;
            continue;
        };
        if (src.0..src.1).any(|x| used[x]) || junk_source(toks, src, c.class) {
            i = ce;
            continue;
        }
        // "an amber warning of gales", "a strong showing": an -ing form that is also a
        // noun is a verb here only after "is", "was", "been" or before "that"
        if c.form == Form::Ing
            && c.ing_noun
            && b == i
            && toks.get(ce).is_none_or(|t| t.lower != "that")
        {
            i = ce;
            continue;
        }
        // SRC CUE [addressee/modifiers] [that] C
        let mut a = ce;
        if a < hi
            && (toks[a].is_punct(',') || toks[a].is_punct(':'))
            && !(a + 1 < hi && toks[a + 1].is_word() && !toks[a + 1].cap)
        {
            a += 1;
        }
        if let Some(t) = skip_to_that(toks, a, hi) {
            a = t;
        } else if c.lemma == "accuse" {
            // "accused the North's leader, Kim Jong Un, of “fanatic recklessness”":
            // the accused is the object, the content starts at "of"
            let mut k = a;
            while k < hi && k < a + 10 && !toks[k].is_quote() && !toks[k].is_sentence_punct() {
                if toks[k].is_word() && toks[k].lower == "of" && k > a {
                    a = k;
                    break;
                }
                k += 1;
            }
        }
        // "charged that ...": a cue that reports only a clause (not "charges £5")
        let clause_follows = toks
            .get(a)
            .is_some_and(|t| t.lower == "that" || t.is_quote())
            || toks.get(ce).is_some_and(|t| t.is_punct(':'))
            || (src.0 > lo && comma_before(toks, src.0));
        if c.needs_clause && !clause_follows {
            i = ce;
            continue;
        }
        let mut e = content_end(toks, a, hi, inside, used);
        // "Ruth Vale, who claimed C, resigned": the relative clause ends at its comma
        if src.1 == src.0 + 1
            && toks[src.0].lower == "who"
            && src.0 > lo
            && toks[src.0 - 1].is_punct(',')
        {
            if let Some(k) = (a..e).find(|&k| toks[k].is_punct(',')) {
                e = k;
            }
        }
        let e = e;
        let after_comma = ce < hi && toks[ce].is_punct(',');
        // "said in a statement," / "said in June 2012": a modifier, not the content
        let modifier_only = words_in(toks, a, e) <= 6
            && toks.get(a).is_some_and(|t| {
                t.is_word()
                    && matches!(
                        t.lower.as_str(),
                        "in" | "on"
                            | "at"
                            | "during"
                            | "after"
                            | "before"
                            | "last"
                            | "this"
                            | "earlier"
                            | "later"
                            | "yesterday"
                            | "today"
                            | "from"
                            | "via"
                            | "through"
                            | "monday"
                            | "tuesday"
                            | "wednesday"
                            | "thursday"
                            | "friday"
                            | "saturday"
                            | "sunday"
                    )
            });
        let parenthetical = src.0 > lo
            && comma_before(toks, src.0)
            && (words_in(toks, a, e) == 0 || after_comma || modifier_only);
        if modifier_only && !parenthetical {
            pending = Some(src);
            i = ce;
            continue;
        }
        if words_in(toks, a, e) >= 1 && !parenthetical {
            if !(a..e).any(|x| used[x] && !inside[x]) {
                push_attr(
                    toks,
                    out,
                    used,
                    inside,
                    vec![(a, e)],
                    Some(src),
                    (i, ce),
                    c.lemma.clone(),
                    c.stance,
                    Some(c.class),
                    (lo, hi),
                );
                i = e.max(ce);
                continue;
            }
        } else if parenthetical {
            // "C, SRC said." or "C1, SRC said, C2."
            let e1 = src.0 - 1;
            let a1 = clause_start(toks, lo, e1, used);
            let mut parts = vec![];
            if words_in(toks, a1, e1) >= 2 {
                parts.push((a1, e1));
            }
            let mut r = ce;
            if r < hi && toks[r].is_punct(',') {
                r += 1;
                let e2 = content_end(toks, r, hi, inside, used);
                if words_in(toks, r, e2) >= 2 {
                    parts.push((r, e2));
                }
            }
            if !parts.is_empty()
                && !parts
                    .iter()
                    .any(|p| (p.0..p.1).any(|x| used[x] && !inside[x]))
            {
                let end = parts.last().map(|p| p.1).unwrap_or(ce);
                push_attr(
                    toks,
                    out,
                    used,
                    inside,
                    parts,
                    Some(src),
                    (i, ce),
                    c.lemma.clone(),
                    c.stance,
                    Some(c.class),
                    (lo, hi),
                );
                i = end.max(ce);
                continue;
            }
        }
        i = ce;
    }
}

/// Start of the content that precedes a trailing attribution: the sentence start, or
/// just after the last used token.
fn clause_start(toks: &[Tok], lo: usize, e: usize, used: &[bool]) -> usize {
    let mut a = e;
    while a > lo && !used[a - 1] {
        a -= 1;
    }
    while a < e && !(toks[a].is_word() || toks[a].is_quote()) {
        a += 1;
    }
    a
}

#[allow(clippy::too_many_arguments)]
fn push_attr(
    toks: &[Tok],
    out: &mut Vec<Attr>,
    used: &mut [bool],
    inside: &[bool],
    parts: Vec<(usize, usize)>,
    source: Option<(usize, usize)>,
    cue: (usize, usize),
    lemma: String,
    stance: Option<Stance>,
    class: Option<CueClass>,
    clause: (usize, usize),
) {
    let mixed = parts
        .iter()
        .any(|p| (p.0..p.1).any(|x| toks[x].is_quote() || inside.get(x).copied().unwrap_or(false)));
    for r in parts.iter().copied().chain([cue]).chain(source) {
        for x in used.iter_mut().take(r.1).skip(r.0) {
            *x = true;
        }
    }
    out.push(Attr {
        kind: if mixed {
            QuoteKind::Mixed
        } else {
            QuoteKind::Indirect
        },
        parts,
        source,
        cue: Some(cue),
        cue_lemma: Some(lemma),
        stance,
        class,
        clause,
    });
}
