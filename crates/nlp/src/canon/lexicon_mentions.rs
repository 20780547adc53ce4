//! Mentions the lexicons find where the tagger found nothing: countries, places,
//! demonyms and groups (step 2), listed companies, outlets and parties (2a), and titled
//! persons (2b).

use super::context::{free, has, starts_upper, Ctx};
use super::{Mention, Origin};
use crate::lexicon::{normalise_phrase, GazKind};
use newsgraph_model::EntityKind;
use std::collections::HashMap;

/// Step 2: Lexicon mentions where the tagger found nothing: groups ("hardliners",
/// "Iranian authorities"), demonyms ("American" → the United States), countries and
/// places.
pub(super) fn lexicon_mentions(cx: &Ctx, ms: &mut Vec<Mention>, taken: &mut [bool]) {
    let n = cx.words.len();
    let mut i = 0;
    while i < n {
        let mut next = i + 1;
        if let Some(e) = cx.gaz_phrase(i, GazKind::Group) {
            if free(taken, i, e) {
                ms.push(Mention {
                    s: i,
                    e,
                    kind: EntityKind::Group,
                    origin: Origin::Group,
                    key: group_key(cx.text(i, e)),
                    descriptors: vec![],
                });
                taken[i..e].iter_mut().for_each(|t| *t = true);
                next = e;
            }
        } else if let Some(e) = cx
            .gaz_phrase(i, GazKind::Demonym)
            .filter(|&e| cx.proper(i, e))
        {
            if free(taken, i, e) {
                let txt = cx.text(i, e);
                let next_w = cx
                    .words
                    .get(e)
                    .map(|w| w.to_lowercase())
                    .unwrap_or_default();
                let plural =
                    txt.ends_with('s') && cx.lex.country(txt).is_some() && !txt.ends_with("ss");
                if cx.lex.is_collective(&next_w) {
                    let g = cx.text(i, e + 1);
                    ms.push(Mention {
                        s: i,
                        e: e + 1,
                        kind: EntityKind::Group,
                        origin: Origin::Group,
                        key: format!("group:{}", normalise_phrase(g)),
                        descriptors: vec![],
                    });
                    taken[i..e + 1].iter_mut().for_each(|t| *t = true);
                    next = e + 1;
                } else if plural && cx.words.get(e).is_none_or(|w| !starts_upper(w)) {
                    ms.push(Mention {
                        s: i,
                        e,
                        kind: EntityKind::Group,
                        origin: Origin::Group,
                        key: format!("group:{}", normalise_phrase(txt)),
                        descriptors: vec![],
                    });
                    taken[i..e].iter_mut().for_each(|t| *t = true);
                    next = e;
                } else if let Some(c) = cx.lex.country(txt) {
                    ms.push(Mention {
                        s: i,
                        e,
                        kind: EntityKind::Place,
                        origin: Origin::Demonym,
                        key: format!("country:{c}"),
                        descriptors: vec![],
                    });
                    taken[i..e].iter_mut().for_each(|t| *t = true);
                    next = e;
                }
            }
        } else if let Some(e) = cx
            .gaz_phrase(i, GazKind::Country)
            .or_else(|| cx.gaz_phrase(i, GazKind::Place))
        {
            if free(taken, i, e) && cx.proper(i, e) {
                let txt = cx.text(i, e);
                let key = match cx.lex.country(txt) {
                    Some(c) if cx.lex.kinds(txt).contains(&GazKind::Country) => {
                        format!("country:{c}")
                    }
                    _ => normalise_phrase(txt),
                };
                ms.push(Mention {
                    s: i,
                    e,
                    kind: EntityKind::Place,
                    origin: Origin::Name,
                    key,
                    descriptors: vec![],
                });
                taken[i..e].iter_mut().for_each(|t| *t = true);
                next = e;
            }
        }
        i = next;
    }
}

/// Step 2a: Listed companies, news outlets and parties of the model's gazetteer where the
/// tagger found nothing: capitalised, and a lone word only where it is not just
/// capitalised because it opens a sentence.
pub(super) fn listed_organisations(cx: &Ctx, ms: &mut Vec<Mention>, taken: &mut [bool]) {
    let n = cx.words.len();
    let mut mid_caps: HashMap<u64, usize> = HashMap::new();
    for t in (0..n).filter(|&t| cx.sent_start[t] != t && cx.obs[t].cap) {
        *mid_caps.entry(cx.obs[t].lw).or_default() += 1;
    }
    let mut i = 0;
    while i < n {
        let mut next = i + 1;
        let phrase = [GazKind::Company, GazKind::Publisher, GazKind::Party]
            .into_iter()
            .filter_map(|k| cx.gaz_phrase(i, k))
            .max();
        if let Some(e) = phrase {
            // A lone word must be a name throughout the article: never lowercase, and
            // capitalised mid-sentence at least twice ("Apple", not "Justice").
            let lone_ok = e - i >= 2
                || (!cx.obs[i].seen_lower
                    && cx.words[i].chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && mid_caps.get(&cx.obs[i].lw).copied().unwrap_or(0) >= 2);
            // Tagger names strictly inside the phrase are parts of it ("U.S." of "U.S.
            // Army", "New York" of "AM New York"): the phrase replaces them.
            let inside = |m: &Mention| m.s >= i && m.e <= e && m.e - m.s < e - i;
            let overlapping = |m: &Mention| m.s < e && m.e > i;
            let only_parts = e - i >= 2
                && ms
                    .iter()
                    .filter(|m| overlapping(m))
                    .all(|m| inside(m) && m.origin == Origin::Name);
            if (free(taken, i, e) || only_parts)
                && cx.proper(i, e)
                && starts_upper(cx.words[e - 1])
                && lone_ok
            {
                ms.retain(|m| !overlapping(m));
                ms.push(Mention {
                    s: i,
                    e,
                    kind: EntityKind::Organization,
                    origin: Origin::Name,
                    key: normalise_phrase(cx.text(i, e)),
                    descriptors: vec![],
                });
                taken[i..e].iter_mut().for_each(|t| *t = true);
                next = e;
            }
        }
        i = next;
    }
}

/// Step 2b: "<Title> <Capitalised words>": a person ("Prime Minister Benjamin Netanyahu").
pub(super) fn titled_persons(cx: &Ctx, ms: &mut Vec<Mention>, taken: &mut [bool]) {
    let n = cx.words.len();
    let mut i = 0;
    while i < n {
        let mut next = i + 1;
        if let Some(te) = cx
            .gaz_phrase(i, GazKind::Title)
            .filter(|_| starts_upper(cx.words[i]))
        {
            let mut e = te;
            while e < n
                && e - te < 3
                && starts_upper(cx.words[e])
                && cx.words[e].chars().any(char::is_alphabetic)
                && !has(&cx.obs[e], GazKind::Title)
                && !has(&cx.obs[e], GazKind::Country)
                && !has(&cx.obs[e], GazKind::Demonym)
            {
                e += 1;
            }
            if e > te && free(taken, te, e) && cx.words.get(e).is_none_or(|w| !starts_upper(w)) {
                ms.push(Mention {
                    s: te,
                    e,
                    kind: EntityKind::Person,
                    origin: Origin::Name,
                    key: normalise_phrase(cx.text(te, e)),
                    descriptors: vec![],
                });
                taken[te..e].iter_mut().for_each(|t| *t = true);
                next = e;
            } else {
                next = te;
            }
        }
        i = next;
    }
}

/// Group key: first word, lowercased, without a plural `s` or agentive `r`
/// ("hardliners", "hardline factions" → "hardline").
fn group_key(text: &str) -> String {
    let t = normalise_phrase(text);
    let first = t.split(' ').next().unwrap_or("");
    let mut k = first.strip_suffix('s').unwrap_or(first);
    if k.ends_with("ner") {
        k = &k[..k.len() - 1];
    }
    format!("group:{k}")
}
