//! Claims and stances: assertions made with a claim cue ("claimed", "insisted") or
//! named by a claim noun ("Trump's assertion that ..."), and the denials and doubts
//! that answer them.

use std::collections::HashSet;

use newsgraph_model::{Article, CharIndex, Claim, QuoteKind, Span, Stance};

use crate::lexicon::lexicon;
use crate::speaker::Resolver;
use crate::text::{self, Kind, Tok};

const STOP: &[&str] = &[
    "the", "a", "an", "that", "of", "to", "in", "on", "with", "and", "or", "it", "its", "was",
    "is", "has", "have", "had", "been", "be", "for", "by", "from", "at", "as", "this", "these",
    "those", "their", "his", "her", "they", "he", "she", "we", "not", "no", "would", "could",
    "will", "are", "were", "which", "who", "claims", "claim",
];

fn content_words(s: &str) -> HashSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(|w| {
            let w = w.to_lowercase();
            let w = w.strip_suffix('s').map(str::to_string).unwrap_or(w);
            // a few near-synonyms of news claims, folded so a denial meets its claim
            match w.as_str() {
                "negotiation" | "talk" | "dialogue" | "meeting" => "talk".to_string(),
                _ => w,
            }
        })
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

/// Fills `claims` (needs quotes).
pub fn claims(article: &mut Article) {
    let ix = CharIndex::new(&article.text);
    let toks = text::tokenize_shared(&article.text);
    let resolver = Resolver::new(article);
    let lex = lexicon();
    let stance_of = |lemma: &str| -> Option<Stance> {
        let first = lemma.split_whitespace().next().unwrap_or(lemma);
        lex.cues
            .get(first)
            .and_then(|v| v.iter().find(|c| c.lemma == lemma))
            .and_then(|c| c.stance)
    };
    let mut out: Vec<Claim> = Vec::new();
    // 1. claims carried by quotes whose cue takes a stance
    for q in &article.quotes {
        let Some(stance) = q.cue_lemma.as_deref().and_then(stance_of) else {
            continue;
        };
        if q.kind == QuoteKind::Direct && stance != Stance::Deny {
            continue;
        }
        out.push(Claim {
            id: String::new(),
            holder: q.speaker.clone(),
            holder_text: q.speaker_text.clone(),
            content: q.text.clone(),
            span: q.span,
            stance,
            answers: None,
            cue: q.cue.clone(),
            when: q.when.clone(),
        });
    }
    let mut seen: HashSet<(usize, usize)> =
        out.iter().map(|c| (c.span.start, c.span.end)).collect();
    // 2. claims named by a noun: "X's assertion that C", "claims of C", "the claim that C"
    for i in 0..toks.len() {
        let Some(opens) = toks[i]
            .is_word()
            .then(|| lex.claim_nouns.get(toks[i].lower.as_str()))
            .flatten()
        else {
            continue;
        };
        let Some(next) = toks.get(i + 1) else {
            continue;
        };
        if !(next.is_word() && opens.contains(&next.lower)) {
            continue;
        }
        let a = i + 2;
        let e = clause_end(&toks, a);
        if e <= a || toks[a..e].iter().filter(|t| t.is_word()).count() < 2 {
            continue;
        }
        let span = ix.span(toks[a].start..toks[e - 1].end);
        // the holder: a possessor right before the noun ("Trump's assertion")
        let (holder, holder_text) = if i >= 2 && toks[i - 1].kind == Kind::Possessive {
            let mut s = i - 1;
            while s > 0 && toks[s - 1].is_word() && toks[s - 1].cap && i - s < 5 {
                s -= 1;
            }
            if s < i - 1 {
                let hs = ix.span(toks[s].start..toks[i - 2].end);
                let ht = article.text.get(ix.bytes(hs)).unwrap_or("").to_string();
                (resolver.resolve(hs, &ht), Some(ht))
            } else {
                (None, None)
            }
        } else if i >= 1
            && toks[i - 1].is_word()
            && matches!(toks[i - 1].lower.as_str(), "his" | "her" | "their" | "its")
        {
            let hs = ix.span(toks[i - 1].start..toks[i - 1].end);
            let ht = toks[i - 1].lower.clone();
            (resolver.resolve(hs, &ht), Some(ht))
        } else {
            (None, None)
        };
        if !seen.insert((span.start, span.end)) {
            continue;
        }
        out.push(Claim {
            id: String::new(),
            holder,
            holder_text,
            content: article.text.get(ix.bytes(span)).unwrap_or("").to_string(),
            span,
            stance: Stance::Assert,
            answers: None,
            cue: Some(toks[i].lower.clone()),
            when: None,
        });
    }
    let mut when_of: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for q in &article.quotes {
        if let (Some(s), Some(w)) = (q.speaker.as_deref(), q.when.as_deref()) {
            when_of.entry(s).or_insert(w);
        }
    }
    out.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end)));
    for (i, c) in out.iter_mut().enumerate() {
        c.id = format!("c{}", i + 1);
        if c.when.is_none() {
            if let Some(w) = c.holder.as_ref().and_then(|h| when_of.get(h.as_str())) {
                c.when = Some((*w).to_string());
            }
        }
    }
    link(&mut out);
    article.claims = out;
}

/// End of a claim's content: the sentence end or a clause comma.
fn clause_end(toks: &[Tok], a: usize) -> usize {
    let mut j = a;
    while j < toks.len() {
        let t = &toks[j];
        if t.kind == Kind::Break
            || t.is_sentence_punct()
            || t.is_punct(';')
            || t.is_punct(',')
            || t.is_quote()
        {
            break;
        }
        j += 1;
    }
    j
}

/// Links each denial or doubt to the assertion it answers: one nested in it, else the
/// held assertion sharing most content words, else the one other answers of the same
/// holder point to.
fn link(claims: &mut [Claim]) {
    let asserts: Vec<usize> = (0..claims.len())
        .filter(|&i| claims[i].stance == Stance::Assert)
        .collect();
    let words: Vec<HashSet<String>> = claims.iter().map(|c| content_words(&c.content)).collect();
    let mut answers: Vec<Option<usize>> = vec![None; claims.len()];
    for d in 0..claims.len() {
        if claims[d].stance == Stance::Assert {
            continue;
        }
        let ds = claims[d].span;
        // only nearby assertions are candidates (bounded work on huge inputs): the
        // window of `asserts` (ascending) found by binary search, not a filter of all
        let near = &asserts
            [asserts.partition_point(|&a| a + 200 < d)..asserts.partition_point(|&a| a <= d + 200)];
        let nested: Vec<usize> = near
            .iter()
            .copied()
            .filter(|&a| ds.contains(&claims[a].span) && claims[a].span != ds)
            .collect();
        let held_nested = nested
            .iter()
            .copied()
            .find(|&a| claims[a].holder.is_some() || claims[a].holder_text.is_some());
        let by_overlap = near
            .iter()
            .copied()
            .filter(|&a| claims[a].holder.is_some() || claims[a].holder_text.is_some())
            .filter(|&a| !ds.contains(&claims[a].span) || nested.contains(&a))
            .map(|a| {
                // the denial names the claim's holder ("following remarks by ... Trump")
                let named = claims[a]
                    .holder_text
                    .as_deref()
                    .and_then(|h| h.split_whitespace().last())
                    .map(|h| h.trim_matches(|c: char| !c.is_alphanumeric()))
                    .is_some_and(|h| {
                        h.len() > 2
                            && h.chars().next().is_some_and(char::is_uppercase)
                            && claims[d].content.contains(h)
                    });
                (
                    words[d].intersection(&words[a]).count() + if named { 3 } else { 0 },
                    a,
                )
            })
            .filter(|(n, _)| *n >= 1)
            .max_by_key(|(n, a)| (*n, std::cmp::Reverse(*a)))
            .map(|(_, a)| a);
        answers[d] = held_nested.or(by_overlap).or(nested.first().copied());
    }
    // a holder's other denials answer the same claim
    for d in 0..claims.len() {
        if claims[d].stance == Stance::Assert
            || answers[d].is_some_and(|a| claims[a].holder.is_some())
        {
            continue;
        }
        let Some(h) = claims[d].holder.clone() else {
            continue;
        };
        if let Some(a) = (d.saturating_sub(200)..claims.len().min(d + 200))
            .filter(|&o| o != d && claims[o].holder.as_ref() == Some(&h))
            .find_map(|o| answers[o].filter(|&a| claims[a].holder.is_some()))
        {
            answers[d] = Some(a);
        }
    }
    for d in 0..claims.len() {
        if let Some(a) = answers[d] {
            claims[d].answers = Some(claims[a].id.clone());
        }
    }
}

#[allow(dead_code)]
fn span_text(text: &str, ix: &CharIndex, s: Span) -> String {
    text.get(ix.bytes(s)).unwrap_or("").to_string()
}
