//! Names the tagger found: trimmed and typed (step 1), split where two ran together
//! (1a), and found again wherever the article repeats them (1b).

use super::context::{free, has, is_alpha_lower, is_possessive, starts_upper, Ctx};
use super::{kind, not_person_kind, Mention, Origin};
use crate::lexicon::{normalise_phrase, GazKind, NotPerson};
use crate::ner::NameSpan;
use newsgraph_model::EntityKind;
use std::collections::{HashMap, HashSet};

/// Words of the multi-word person names the tagger found: a listed club or award name
/// that is one of them is that person's short form here ("Chelsea" beside "Chelsea
/// Clinton"), not the club.
pub(super) fn person_words(cx: &Ctx, tagged: &[NameSpan]) -> HashSet<String> {
    let n = cx.words.len();
    tagged
        .iter()
        .filter(|t| kind(t.kind) == EntityKind::Person && t.tokens.end - t.tokens.start >= 2)
        .flat_map(|t| (t.tokens.start..t.tokens.end.min(n)).map(|i| cx.words[i]))
        // A membership label in a tagged span is its descriptor, not a name word.
        .filter(|w| cx.lex.not_person(w) != Some(NotPerson::Label))
        .map(normalise_phrase)
        .collect()
}

/// Step 1: Tagger names, trimmed: titles, party labels and descriptor nouns cut off, each
/// typed by what the lexicons know of it.
pub(super) fn tagger_names(
    cx: &Ctx,
    tagged: &[NameSpan],
    person_words: &HashSet<String>,
    ms: &mut Vec<Mention>,
    taken: &mut [bool],
) {
    let n = cx.words.len();
    for t in tagged {
        let (mut s, mut e) = (t.tokens.start, t.tokens.end.min(n));
        let mut k = kind(t.kind);
        // A listed company, outlet or party is an organisation whatever the tagger says
        // ("General Motors" is not General Motors the person).
        let org_phrase = |a: usize, b: usize| {
            cx.exactly(a, b, GazKind::Company)
                || cx.exactly(a, b, GazKind::Publisher)
                || cx.exactly(a, b, GazKind::Party)
        };
        if org_phrase(s, e) || (matches!(cx.words[s], "the" | "The") && org_phrase(s + 1, e)) {
            k = EntityKind::Organization;
        }
        let mut descriptors = Vec::new();
        while s < e
            && (matches!(cx.words[s], "the" | "The")
                || (k == EntityKind::Person
                    && (has(&cx.obs[s], GazKind::Title)
                        || has(&cx.obs[s], GazKind::Role)
                        || !starts_upper(cx.words[s]))))
        {
            s += 1;
        }
        // Titles and party labels inside a person's span are descriptors, not names:
        // "Labour MP George Foulkes" → George Foulkes (pre_title keeps "Labour MP").
        if k == EntityKind::Person {
            if let Some(t) = (s..e.saturating_sub(1))
                .rev()
                .find(|&t| has(&cx.obs[t], GazKind::Title) || has(&cx.obs[t], GazKind::Role))
            {
                s = t + 1;
            }
        }
        while e > s
            && (is_possessive(cx.words[e - 1])
                || !cx.words[e - 1].chars().any(char::is_alphanumeric))
        {
            e -= 1;
        }
        while e > s + 1
            && is_alpha_lower(cx.words[e - 1])
            && (has(&cx.obs[e - 1], GazKind::OrgDescriptor) || k == EntityKind::Person)
        {
            if has(&cx.obs[e - 1], GazKind::OrgDescriptor) {
                descriptors.push(cx.text(e - 1, t.tokens.end.min(n)).to_string());
            }
            e -= 1;
        }
        // A party or membership label before a full name is a descriptor ("Tory Edward
        // Turnour" → Edward Turnour, "Tory").
        if k == EntityKind::Person
            && e - s >= 3
            && cx.lex.not_person(cx.words[s]) == Some(NotPerson::Label)
            && starts_upper(cx.words[s + 1])
        {
            descriptors.push(cx.words[s].to_string());
            s += 1;
        }
        if s >= e {
            continue;
        }
        let txt = cx.text(s, e);
        // A club, an award or a membership label the tagger took for a person
        // (not_persons.tsv), unless the article names a person with that word.
        if k == EntityKind::Person && !(e - s == 1 && person_words.contains(&normalise_phrase(txt)))
        {
            if let Some(np) = cx.lex.not_person(txt) {
                k = not_person_kind(np);
            }
        }
        let (mut k, mut origin, mut key) = (k, Origin::Name, normalise_phrase(txt));
        // A party's name is an organisation, never a person ("Labour said"); so is a
        // name ending in a word only organisations end with ("… Kilroy-Silk Party").
        if k == EntityKind::Person
            && (cx.exactly(s, e, GazKind::Party)
                || (e - s >= 2 && cx.lex.is_org_only_suffix(cx.words[e - 1])))
        {
            k = EntityKind::Organization;
        }
        // Nor is it a place: the tagger reads "US National Park Service" or "The Ohio
        // State University" as a place from its first words.
        // Also when a joiner follows that word ("U.S. Department of Agriculture").
        if k == EntityKind::Place
            && e - s >= 2
            && (s..e).any(|t| {
                cx.lex.is_org_only_suffix(cx.words[t])
                    && (t + 1 == e || cx.lex.is_name_joiner(cx.words[t + 1]))
            })
        {
            k = EntityKind::Organization;
        }
        // A group label is a group, never one person: alone ("Christians said") or
        // followed by words that are not a name ("Muslims in the UK").
        if k == EntityKind::Person
            && cx.exactly(s, s + 1, GazKind::Group)
            && (e - s == 1 || cx.words[s + 1..e].iter().any(|w| is_alpha_lower(w)))
        {
            k = EntityKind::Group;
        }
        if let Some(c) = cx.lex.country(txt) {
            let kinds = cx.lex.kinds(txt);
            if kinds.contains(&GazKind::Country) {
                k = EntityKind::Place;
                key = format!("country:{c}");
            } else if kinds.contains(&GazKind::Demonym) {
                k = EntityKind::Place;
                origin = Origin::Demonym;
                key = format!("country:{c}");
            }
        }
        for x in &mut taken[s..e] {
            *x = true;
        }
        ms.push(Mention {
            s,
            e,
            kind: k,
            origin,
            key,
            descriptors,
        });
    }
}

/// Step 1a: Two names the tagger ran together after an organisation's last word: "the
/// Wikimedia Foundation and Creative Commons" (two organisations), "CEO of the Refugee
/// Council Enver Solomon" (an organisation, then a person by a given name).
pub(super) fn split_run_together(cx: &Ctx, ms: &mut Vec<Mention>) {
    let mut split: Vec<Mention> = Vec::new();
    for m in ms
        .iter_mut()
        .filter(|m| m.kind == EntityKind::Organization && m.e - m.s >= 3)
    {
        let given = |t: usize| {
            has(&cx.obs[t], GazKind::GivenMale)
                || has(&cx.obs[t], GazKind::GivenFemale)
                || has(&cx.obs[t], GazKind::FirstName)
        };
        let cut = (m.s + 1..m.e - 1).find_map(|t| {
            if !cx.lex.is_org_only_suffix(cx.words[t])
                || !starts_upper(cx.words[t + 1]) && cx.words[t + 1] != "and"
            {
                return None;
            }
            if cx.words[t + 1] == "and" && t + 2 < m.e && starts_upper(cx.words[t + 2]) {
                Some((t + 1, t + 2, EntityKind::Organization))
            } else if t + 2 < m.e
                && starts_upper(cx.words[t + 2])
                && (given(t + 1) || (t + 3 == m.e && has(&cx.obs[t + 2], GazKind::Surname)))
            {
                Some((t + 1, t + 1, EntityKind::Person))
            } else {
                None
            }
        });
        if let Some((left_end, right_start, kind)) = cut {
            split.push(Mention {
                s: right_start,
                e: m.e,
                kind,
                origin: Origin::Name,
                key: normalise_phrase(cx.text(right_start, m.e)),
                descriptors: vec![],
            });
            m.e = left_end;
            m.key = normalise_phrase(cx.text(m.s, m.e));
        }
    }
    ms.extend(split);
}

/// Step 1b: Names found once are names everywhere in the article: other occurrences of a
/// tagged name, and the surname of a tagged full person name.
pub(super) fn repeat_known_names(cx: &Ctx, ms: &mut Vec<Mention>, taken: &mut [bool]) {
    let n = cx.words.len();
    {
        // Each known name keeps the cluster key it was given, so a repeat of a country
        // ("the United States" twice) joins the country, not a new name of its own.
        let mut known: HashMap<Vec<String>, (EntityKind, Origin, Option<String>)> = HashMap::new();
        let norm_toks = |s: usize, e: usize| -> Vec<String> {
            (s..e).map(|t| normalise_phrase(cx.words[t])).collect()
        };
        for m in ms
            .iter()
            .filter(|m| m.origin == Origin::Name && m.e - m.s <= 4)
        {
            known
                .entry(norm_toks(m.s, m.e))
                .or_insert((m.kind, m.origin, Some(m.key.clone())));
            if m.kind == EntityKind::Person && m.e - m.s >= 2 && starts_upper(cx.words[m.e - 1]) {
                known.entry(norm_toks(m.e - 1, m.e)).or_insert((
                    EntityKind::Person,
                    Origin::Name,
                    None,
                ));
            }
        }
        if !known.is_empty() {
            let mut i = 0;
            while i < n {
                let mut step = 1;
                if !taken[i] && starts_upper(cx.words[i]) {
                    for len in (1..=4.min(n - i)).rev() {
                        if !free(taken, i, i + len) || !starts_upper(cx.words[i + len - 1]) {
                            continue;
                        }
                        // A longer capitalised run is another name ("Fillmore Street").
                        if cx.words.get(i + len).is_some_and(|w| starts_upper(w)) && len < 4 {
                            continue;
                        }
                        if let Some((k, origin, key)) = known.get(&norm_toks(i, i + len)) {
                            let txt = cx.text(i, i + len);
                            ms.push(Mention {
                                s: i,
                                e: i + len,
                                kind: *k,
                                origin: *origin,
                                key: key.clone().unwrap_or_else(|| normalise_phrase(txt)),
                                descriptors: vec![],
                            });
                            taken[i..i + len].iter_mut().for_each(|t| *t = true);
                            step = len;
                            break;
                        }
                    }
                }
                i += step;
            }
        }
    }
}
