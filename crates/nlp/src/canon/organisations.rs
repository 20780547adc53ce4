//! Organisations the tagger missed or cut short: "<Name> newspaper" (step 3), capitalised
//! runs with an organisation word (3b), a country before an organisation's name (3c),
//! and the short form of an organisation named in full (3d).

use super::context::{free, has, is_alpha_lower, starts_upper, Ctx};
use super::descriptors::descriptor_with_premodifiers;
use super::{Mention, Origin};
use crate::lexicon::{normalise_phrase, GazKind};
use newsgraph_model::EntityKind;
use std::collections::{HashMap, HashSet};

/// Step 3: "<Name> newspaper / daily / news agency": an organisation.
pub(super) fn described_organisations(cx: &Ctx, ms: &mut Vec<Mention>, taken: &mut [bool]) {
    let n = cx.words.len();
    for j in 1..n {
        let Some(de) = cx.gaz_phrase(j, GazKind::OrgDescriptor) else {
            continue;
        };
        if !is_alpha_lower(cx.words[j]) {
            continue;
        }
        // Capitalised run right before j.
        let mut a = j;
        while a > 0
            && j - a < 4
            && starts_upper(cx.words[a - 1])
            && !has(&cx.obs[a - 1], GazKind::Demonym)
            && !has(&cx.obs[a - 1], GazKind::Country)
            && cx.words[a - 1] != "The"
        {
            a -= 1;
        }
        if a == j || (a == cx.sent_start[a] && j - a == 1 && cx.words[a] == "The") {
            continue;
        }
        let desc = descriptor_with_premodifiers(cx, a, j, de);
        if let Some(m) = ms.iter_mut().find(|m| m.s <= a && m.e >= a && m.e <= j) {
            if m.s == a && m.e == j {
                m.kind = EntityKind::Organization;
                m.descriptors.push(desc);
            }
            continue;
        }
        if !free(taken, a, j) {
            continue;
        }
        ms.push(Mention {
            s: a,
            e: j,
            kind: EntityKind::Organization,
            origin: Origin::Name,
            key: normalise_phrase(cx.text(a, j)),
            descriptors: vec![desc],
        });
        taken[a..j].iter_mut().for_each(|t| *t = true);
    }
}

/// Step 3b: A capitalised run the tagger left untagged with a word only organisations have
/// ("Summer Institute of Linguistics", "Association for Computational Linguistics",
/// "House Public Works Subcommittee") or ending in a legal form ("Kelmore Mining
/// Company"): an organisation. Lowercase joiners may stand between its capitalised
/// words; it stays within the sentence and the free words.
pub(super) fn organisation_runs(cx: &Ctx, ms: &mut Vec<Mention>, taken: &mut [bool]) {
    let n = cx.words.len();
    let mut i = 0;
    while i < n {
        if taken[i] || !starts_upper(cx.words[i]) {
            i += 1;
            continue;
        }
        let (mut j, mut last) = (i + 1, i);
        while j < n && cx.same_sentence(i, j) && !taken[j] {
            if starts_upper(cx.words[j]) {
                last = j;
                j += 1;
            } else if cx.lex.is_name_joiner(cx.words[j])
                && j + 1 < n
                && cx.same_sentence(i, j + 1)
                && !taken[j + 1]
                && starts_upper(cx.words[j + 1])
            {
                j += 1;
            } else {
                break;
            }
        }
        let (mut a, e) = (i, last + 1);
        // Not part of the name: "The", a sentence's first word the article also writes
        // lowercase ("Allow Parliament's perceptions"), titles and roles before it with
        // their joiner ("Head of Public Relations Department").
        if cx.words[a] == "The" || (cx.sent_start[a] == a && cx.obs[a].seen_lower) {
            a += 1;
        }
        while a < e && (has(&cx.obs[a], GazKind::Title) || has(&cx.obs[a], GazKind::Role)) {
            a += 1;
            if a < e && cx.lex.is_name_joiner(cx.words[a]) {
                a += 1;
            }
        }
        if e >= a + 2
            && ((a..e).any(|t| cx.lex.is_org_only_suffix(cx.words[t]))
                || cx.lex.without_legal_form(cx.text(a, e)).is_some())
            // A line in capitals is no name ("RE HAVING A PARTY IN HERE").
            && cx.words[a..e].iter().any(|w| w.chars().any(char::is_lowercase))
            && cx.words[a..e]
                .iter()
                .all(|w| w.chars().any(char::is_alphanumeric))
        {
            ms.push(Mention {
                s: a,
                e,
                kind: EntityKind::Organization,
                origin: Origin::Name,
                key: normalise_phrase(cx.text(a, e)),
                descriptors: vec![],
            });
            taken[a..e].iter_mut().for_each(|t| *t = true);
        }
        i = e.max(i + 1);
    }
}

/// Step 3c: A country right before an organisation's name is part of that name ("U.S.
/// Department of Agriculture", "U.S. Army", "UK Government"): the organisation the
/// tagger found after it, or capitalised words it left untagged that end in an
/// organisation word. Leaves the mentions in text order.
pub(super) fn country_prefixed_organisations(cx: &Ctx, ms: &mut Vec<Mention>, taken: &mut [bool]) {
    let n = cx.words.len();
    let mut k = 0;
    while k < ms.len() {
        let m = &ms[k];
        let (ms_s, e0) = (m.s, m.e);
        if m.kind != EntityKind::Place
            || !m.key.starts_with("country:")
            || e0 >= n
            || !cx.same_sentence(ms_s, e0)
        {
            k += 1;
            continue;
        }
        if let Some(j) = ms.iter().position(|o| {
            o.s == e0 && o.kind == EntityKind::Organization && o.origin == Origin::Name
        }) {
            ms[j].s = ms_s;
            ms[j].key = normalise_phrase(cx.text(ms_s, ms[j].e));
            ms.remove(k);
            continue;
        }
        let (mut j, mut last) = (e0, None);
        while j < n && !taken[j] && cx.same_sentence(ms_s, j) {
            if starts_upper(cx.words[j]) {
                if has(&cx.obs[j], GazKind::OrgSuffix) {
                    last = Some(j);
                }
            } else if !(cx.lex.is_name_joiner(cx.words[j])
                && j + 1 < n
                && starts_upper(cx.words[j + 1]))
            {
                break;
            }
            j += 1;
        }
        if let Some(l) = last {
            let m = &mut ms[k];
            m.e = l + 1;
            m.kind = EntityKind::Organization;
            m.origin = Origin::Name;
            m.key = normalise_phrase(cx.text(ms_s, l + 1));
            taken[e0..=l].iter_mut().for_each(|t| *t = true);
        }
        k += 1;
    }
    ms.sort_by_key(|m| (m.s, m.e));
}

/// Step 3d: An organisation named in full keeps its kind on its short form: a one-word
/// name the tagger typed a person that is a word of exactly one longer organisation
/// name of the article ("Berkeley" beside "UC Berkeley", "Ford" beside "Ford Motor
/// Company") is that organisation, unless a full person name of the article has the
/// word or it is a place's or country's name ("Ohio" of "Ohio State University").
/// Places keep their kind: an organisation is often named after one ("Socotra" beside
/// a "Socotra ... Fund").
pub(super) fn organisation_short_forms(
    cx: &Ctx,
    ms: &mut [Mention],
    person_words: &HashSet<String>,
) {
    {
        let mut org_words: HashMap<String, Option<String>> = HashMap::new();
        for m in ms.iter().filter(|m| {
            m.kind == EntityKind::Organization && m.origin == Origin::Name && m.e - m.s >= 2
        }) {
            for t in m.s..m.e {
                let o = &cx.obs[t];
                if !starts_upper(cx.words[t])
                    || cx.words[t] == "The"
                    || [
                        GazKind::OrgSuffix,
                        GazKind::LegalForm,
                        GazKind::Place,
                        GazKind::Country,
                    ]
                    .iter()
                    .chain(&[GazKind::Demonym, GazKind::Title, GazKind::Role])
                    .any(|k| has(o, *k))
                {
                    continue;
                }
                let w = normalise_phrase(cx.words[t]);
                match org_words.get(&w) {
                    Some(Some(k)) if *k != m.key => {
                        org_words.insert(w, None);
                    }
                    Some(_) => {}
                    None => {
                        org_words.insert(w, Some(m.key.clone()));
                    }
                }
            }
        }
        // Words the tagger also read as a place here are ambiguous: left alone.
        let place_words: HashSet<String> = ms
            .iter()
            .filter(|m| m.kind == EntityKind::Place && m.e - m.s == 1)
            .map(|m| normalise_phrase(cx.words[m.s]))
            .collect();
        for m in ms
            .iter_mut()
            .filter(|m| m.e - m.s == 1 && m.origin == Origin::Name && m.kind == EntityKind::Person)
        {
            let w = normalise_phrase(cx.words[m.s]);
            if person_words.contains(&w)
                || place_words.contains(&w)
                || has(&cx.obs[m.s], GazKind::Place)
                || has(&cx.obs[m.s], GazKind::Country)
            {
                continue;
            }
            if let Some(Some(key)) = org_words.get(&w) {
                m.kind = EntityKind::Organization;
                m.key = key.clone();
            }
        }
    }
}
