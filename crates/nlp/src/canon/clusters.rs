//! Mentions into clusters: person short forms and acronyms take their full name's key
//! (step 4); mentions with one key are one cluster, and a definite role nominal ("the
//! president") joins the nearest person titled so (6).

use super::context::{has, is_alpha_lower, starts_upper, Ctx};
use super::{Mention, Origin};
use crate::lexicon::{normalise_phrase, GazKind};
use newsgraph_model::EntityKind;
use std::collections::HashMap;

/// Step 4: Person short forms → full names; acronyms → organisations.
pub(super) fn short_forms(cx: &Ctx, ms: &mut [Mention]) {
    // The first full name ending (surname) and starting with each token: hash lookups,
    // not a scan of every full name per mention (quadratic on long articles).
    let mut by_last: HashMap<String, String> = HashMap::new();
    let mut by_first: HashMap<String, String> = HashMap::new();
    for m in ms
        .iter()
        .filter(|m| m.kind == EntityKind::Person && m.origin == Origin::Name && m.e - m.s >= 2)
    {
        let last = normalise_phrase(cx.words[m.e - 1]);
        by_last.entry(last).or_insert_with(|| m.key.clone());
        let first = normalise_phrase(cx.words[m.s]);
        by_first.entry(first).or_insert_with(|| m.key.clone());
    }
    for m in ms
        .iter_mut()
        .filter(|m| m.origin == Origin::Name && !m.key.starts_with("country:"))
    {
        if m.e - m.s == 1 && !(has(&cx.obs[m.s], GazKind::Place) && m.kind != EntityKind::Person) {
            // Prefer a full name ending with the token (surname), else starting with it.
            let tok = normalise_phrase(cx.words[m.s]);
            if let Some(key) = by_last.get(&tok).or_else(|| by_first.get(&tok)) {
                m.key = key.clone();
                m.kind = EntityKind::Person;
            }
        }
    }
    // The first organisation with each initialism.
    let mut orgs: HashMap<String, String> = HashMap::new();
    for m in ms
        .iter()
        .filter(|m| m.kind == EntityKind::Organization && m.e - m.s >= 2)
    {
        let initials: String = (m.s..m.e)
            .filter_map(|t| cx.words[t].chars().next().filter(|c| c.is_uppercase()))
            .collect();
        orgs.entry(initials).or_insert_with(|| m.key.clone());
    }
    for m in ms
        .iter_mut()
        .filter(|m| m.e - m.s == 1 && m.origin == Origin::Name)
    {
        let w = cx.words[m.s];
        if w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()) {
            if let Some(key) = orgs.get(w) {
                m.key = key.clone();
                m.kind = EntityKind::Organization;
            }
        }
    }
}

/// The clusters of the mentions: keys in first-mention order, each with its mentions'
/// indices (in text order).
pub(super) struct Clusters {
    pub(super) order: Vec<String>,
    pub(super) by_key: HashMap<String, Vec<usize>>,
}

/// Step 6: Clusters: one per cluster key, then the role nominals joined to theirs.
#[allow(clippy::needless_range_loop)]
pub(super) fn clusters(cx: &Ctx, ms: &mut Vec<Mention>, taken: &[bool]) -> Clusters {
    let n = cx.words.len();
    let mut order: Vec<String> = Vec::new();
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, m) in ms.iter().enumerate() {
        let v = by_key.entry(m.key.clone()).or_default();
        if v.is_empty() {
            order.push(m.key.clone());
        }
        v.push(i);
    }
    // Nominals: "the president" → nearest person titled so. The roles each cluster is
    // titled with are collected once (a scan of every cluster per "the <role>" was
    // quadratic on long articles); keys stay in first-mention order for ties.
    let mut titled_with: HashMap<String, Vec<&String>> = HashMap::new();
    for key in &order {
        let mut roles: Vec<String> = by_key[key]
            .iter()
            .filter(|&&i| ms[i].kind == EntityKind::Person)
            .flat_map(|&i| &ms[i].descriptors)
            .map(|d| normalise_phrase(d))
            .filter(|d| !d.starts_with("former"))
            .filter_map(|d| d.split(' ').next_back().map(str::to_string))
            .collect();
        roles.sort();
        roles.dedup();
        for r in roles {
            titled_with.entry(r).or_default().push(key);
        }
    }
    let mut nominals: Vec<(String, usize, usize)> = Vec::new();
    for j in 1..n {
        if !matches!(cx.words[j - 1], "the" | "The")
            || !is_alpha_lower(cx.words[j])
            || !has(&cx.obs[j], GazKind::Role)
            || taken[j]
        {
            continue;
        }
        if cx.words.get(j + 1).is_some_and(|w| {
            starts_upper(w) || is_alpha_lower(w) && has(&cx.obs[j + 1], GazKind::Role)
        }) {
            continue; // "the president Joe ..." is a title, not a nominal
        }
        let role = normalise_phrase(cx.words[j]);
        let mut best: Option<(usize, &String)> = None;
        for &key in titled_with.get(&role).into_iter().flatten() {
            // Mentions are in text order: the last one starting before `j`.
            let idx = &by_key[key];
            let before = idx.partition_point(|&i| ms[i].s < j);
            let last_before = before.checked_sub(1).map(|p| ms[idx[p]].s);
            if let Some(lb) = last_before {
                if best.is_none_or(|(b, _)| lb > b) {
                    best = Some((lb, key));
                }
            }
        }
        if let Some((_, key)) = best {
            nominals.push((key.clone(), j - 1, j + 1));
        }
    }
    for (key, s, e) in nominals {
        ms.push(Mention {
            s,
            e,
            kind: EntityKind::Person,
            origin: Origin::Nominal,
            key: key.clone(),
            descriptors: vec![],
        });
        by_key.entry(key).or_default().push(ms.len() - 1);
    }
    Clusters { order, by_key }
}
