//! Clusters into entities: kind by vote, canonical name, aliases, descriptors, mention
//! spans and a person's gender (step 7).

use super::clusters::Clusters;
use super::context::Ctx;
use super::descriptors::pre_title;
use super::{not_person_kind, Analysis, Mention, Origin};
use crate::lexicon::{normalise_phrase, GazKind};
use newsgraph_model::{Entity, EntityKind, Gender, Span};
use std::collections::{HashMap, HashSet};

/// Step 7: One entity per cluster (clusters that name only a title are dropped).
pub(super) fn entities(
    cx: &Ctx,
    ms: &[Mention],
    clusters: &Clusters,
    person_words: &HashSet<String>,
) -> Analysis {
    let Clusters { order, by_key } = clusters;
    let lex = cx.lex;
    let mut out = Analysis::default();
    for key in order {
        let idx = &by_key[key];
        // Kind: majority of name mentions (ties: person, organization, place).
        let mut votes: HashMap<EntityKind, usize> = HashMap::new();
        for &i in idx {
            *votes.entry(ms[i].kind).or_default() +=
                if ms[i].origin == Origin::Name { 2 } else { 1 };
        }
        // One sense per article: a person reading of a bare word with nothing that makes
        // it a person's name (no full name here has it, no title before it, the census
        // knows it as no given name or surname: "Yukos") yields to the organisation or
        // place reading the tagger gave the same word elsewhere in the article.
        if votes.contains_key(&EntityKind::Person)
            && (votes.contains_key(&EntityKind::Organization)
                || votes.contains_key(&EntityKind::Place))
            && unsupported_person(cx, ms, idx, person_words)
        {
            votes.remove(&EntityKind::Person);
        }
        let rank = |k: &EntityKind| match k {
            EntityKind::Person => 4,
            EntityKind::Organization => 3,
            EntityKind::Place => 2,
            EntityKind::Group => 1,
            EntityKind::Other => 0,
        };
        let Some(kind) = votes
            .iter()
            .max_by_key(|(k, v)| (**v, rank(k)))
            .map(|(k, _)| *k)
        else {
            continue;
        };
        let name = if let Some(c) = key.strip_prefix("country:") {
            c.to_string()
        } else {
            let cands = idx.iter().filter(|&&i| ms[i].origin == Origin::Name);
            let best = cands
                .max_by_key(|&&i| (ms[i].e - ms[i].s, cx.text(ms[i].s, ms[i].e).chars().count()));
            match best.or(idx.first()) {
                Some(&i) => cx.text(ms[i].s, ms[i].e).to_string(),
                None => continue,
            }
        };
        // A club, award or membership label (not_persons.tsv) that some mention still
        // typed a person, without a full person name of the article behind it.
        let kind = match (kind, cx.lex.not_person(&name)) {
            (EntityKind::Person, Some(np)) if !person_words.contains(&normalise_phrase(&name)) => {
                not_person_kind(np)
            }
            _ => kind,
        };
        // A title alone ("Minister"), or a word that only qualifies one ("Shadow" left
        // of "Shadow Foreign Secretary"), is a descriptor, never a person's name.
        if kind == EntityKind::Person
            && (lex
                .kinds(&name)
                .iter()
                .any(|k| matches!(k, GazKind::Title | GazKind::Role))
                || cx.lex.is_title_premodifier(&name))
        {
            continue;
        }
        // The singular of a group label ("Rebel" of "rebels") that is no census name is a
        // group, not one person.
        let one_word = !name.trim().contains(' ');
        let kind = if kind == EntityKind::Person
            && one_word
            && lex
                .kinds(&format!("{}s", name.trim()))
                .contains(&GazKind::Group)
            && ![GazKind::Surname, GazKind::GivenMale, GazKind::GivenFemale]
                .iter()
                .any(|k| cx.gaz.has(name.trim(), *k))
        {
            EntityKind::Group
        } else {
            kind
        };
        let mut aliases: Vec<String> = Vec::new();
        let mut descriptors: Vec<String> = Vec::new();
        let mut mentions: Vec<Span> = Vec::new();
        let mut sorted = idx.clone();
        sorted.sort_by_key(|&i| ms[i].s);
        for &i in &sorted {
            let m = &ms[i];
            // The mention span keeps a possessive ("Alderton's"); the alias is its base
            // ("Alderton"), so possessives fold into the name they belong to.
            let e = if cx.words.get(m.e).is_some_and(|w| matches!(*w, "'s" | "’s")) {
                m.e + 1
            } else {
                m.e
            };
            let surface = cx.text(m.s, m.e).to_string();
            if surface != name && !aliases.contains(&surface) {
                aliases.push(surface);
            }
            for d in &m.descriptors {
                if !descriptors.contains(d) {
                    descriptors.push(d.clone());
                }
            }
            mentions.push(cx.span(m.s, e));
            if m.origin == Origin::Name && kind != EntityKind::Group {
                out.names.push((cx.span(m.s, m.e), kind));
            }
        }
        mentions.dedup();
        // The same company without its legal form is a spelling of it ("Apple Inc." / "Apple").
        if kind == EntityKind::Organization {
            if let Some(short) = cx.lex.without_legal_form(&name) {
                if !aliases.iter().any(|a| a == short) {
                    aliases.push(short.to_string());
                }
            }
        }
        let gender = if kind == EntityKind::Person {
            person_gender(cx, ms, idx, &name, &descriptors)
        } else {
            None
        };
        out.entities.push(Entity {
            id: format!("e{}", out.entities.len() + 1),
            name,
            kind,
            aliases,
            descriptors,
            mentions,
            registry_ref: None,
            gender,
        });
    }
    out.names.sort_by_key(|(s, _)| *s);
    out
}

/// Whether a cluster's person reading rests on the tagger alone: every name mention is
/// one word, no multi-word person name of the article has it, no person mention has a
/// title or honorific before it, and the census lists it as no given name or surname.
fn unsupported_person(
    cx: &Ctx,
    ms: &[Mention],
    idx: &[usize],
    person_words: &HashSet<String>,
) -> bool {
    idx.iter().all(|&i| {
        let m = &ms[i];
        if m.origin != Origin::Name {
            return true;
        }
        let w = cx.words[m.s];
        let titled = m.kind == EntityKind::Person && pre_title(cx, m.s).is_some();
        let census = [GazKind::Surname, GazKind::GivenMale, GazKind::GivenFemale]
            .iter()
            .any(|k| cx.gaz.has(w, *k));
        m.e - m.s == 1 && !person_words.contains(&normalise_phrase(w)) && !titled && !census
    })
}

/// A person's gender from the words before its mentions ("Mrs May", "spokeswoman Ann
/// Lee"), its descriptors, else its first name in the model's census given names (a
/// one-word name only when it is not a frequent surname).
fn person_gender(
    cx: &Ctx,
    ms: &[Mention],
    idx: &[usize],
    name: &str,
    descriptors: &[String],
) -> Option<Gender> {
    let (mut male, mut female) = (0usize, 0usize);
    let mut vote = |g: Option<Gender>| match g {
        Some(Gender::Male) => male += 1,
        Some(Gender::Female) => female += 1,
        None => {}
    };
    for &i in idx {
        if ms[i].origin == Origin::Name && ms[i].s > 0 {
            vote(cx.lex.title_gender(cx.words[ms[i].s - 1]));
        }
    }
    for d in descriptors {
        for w in d.split_whitespace() {
            vote(cx.lex.title_gender(w));
        }
    }
    // The first name's census gender; a name of one word only when it is no frequent
    // surname too ("Paula" is a woman, "Murray" could be anyone).
    let words = name.split_whitespace().count();
    if male + female == 0
        && (words >= 2 || (words == 1 && !cx.gaz.has(name.trim(), GazKind::Surname)))
    {
        let first = name.split_whitespace().next().unwrap_or("");
        if cx.gaz.has(first, GazKind::GivenMale) {
            male += 1;
        } else if cx.gaz.has(first, GazKind::GivenFemale) {
            female += 1;
        }
    }
    match male.cmp(&female) {
        std::cmp::Ordering::Greater => Some(Gender::Male),
        std::cmp::Ordering::Less => Some(Gender::Female),
        std::cmp::Ordering::Equal => None,
    }
}
