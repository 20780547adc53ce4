//! Canonical entities: the tagger's names plus lexicon mentions (countries, places,
//! demonyms, groups, "X newspaper" organisations), merged within the article under one
//! canonical name, with aliases, descriptors (titles and appositives) and mention spans.
//!
//! Merging rules, in order: countries by their lexicon name (`U.S.`, `US`, `American` →
//! United States); a person's short form (`Trump`) to the full name that ends or starts
//! with it; an acronym to the organisation it abbreviates; otherwise the same normalised
//! text. A definite role nominal (`the president`) joins the nearest person the article
//! titled so. Ids `e1`, `e2`… follow the order of first mention.

use crate::corpus::GoldKind;
use crate::lexicon::{normalise_phrase, GazKind, Lexicons, NotPerson};
use crate::ner::{self, EntityModel};
use crate::tagger::{self, gaz_bit, Obs};
use newsgraph_model::{Article, Entity, EntityKind, Gender, Span};
use std::collections::HashMap;

/// What the entity stage produced.
#[derive(Debug, Default)]
pub struct Analysis {
    pub entities: Vec<Entity>,
    /// Proper-name mentions (spans without possessive) with their entity's kind.
    pub names: Vec<(Span, EntityKind)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// A proper name (tagger or gazetteer).
    Name,
    /// A demonym adjective standing for its country ("American").
    Demonym,
    /// A group phrase ("hardliners", "Iranian authorities").
    Group,
    /// A definite role nominal ("the president").
    Nominal,
}

#[derive(Debug, Clone)]
struct Mention {
    s: usize,
    e: usize,
    kind: EntityKind,
    origin: Origin,
    /// Cluster key.
    key: String,
    descriptors: Vec<String>,
}

fn kind(k: GoldKind) -> EntityKind {
    match k {
        GoldKind::Person => EntityKind::Person,
        GoldKind::Organization => EntityKind::Organization,
        GoldKind::Place => EntityKind::Place,
    }
}

/// Collective nouns that make "<demonym> <noun>" a group ("Iranian authorities").
const COLLECTIVES: &[&str] = &[
    "officials",
    "authorities",
    "forces",
    "troops",
    "leaders",
    "lawmakers",
    "diplomats",
    "media",
    "people",
    "citizens",
    "protesters",
    "protestors",
    "militants",
    "negotiators",
    "soldiers",
    "police",
    "politicians",
    "hardliners",
    "voters",
    "residents",
    "students",
    "activists",
    "workers",
    "fighters",
    "ministers",
    "officers",
    "nationals",
    "civilians",
];

/// Words that stop a leftward descriptor scan.
const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "by",
    "to",
    "with",
    "and",
    "or",
    "for",
    "at",
    "in",
    "on",
    "from",
    "alongside",
    "said",
    "says",
    "told",
    "as",
    "that",
    "this",
    "his",
    "her",
    "their",
    "its",
    "our",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "has",
    "had",
    "have",
    "who",
    "which",
    "when",
    "while",
    "after",
    "before",
    "but",
    "than",
    "then",
    "also",
    "about",
    "against",
    "between",
    "during",
    "into",
    "over",
    "under",
    "via",
    "per",
    "including",
    "speaking",
    "according",
    "met",
    "meet",
    "meets",
    "called",
    "asked",
    "urged",
    "accused",
    "criticized",
    "criticised",
    "praised",
    "interview",
    "not",
    "no",
    "if",
    "because",
    "so",
    "like",
    "both",
    "all",
    "new",
];

/// Lowercase words that may stand between the capitalised words of one organisation's
/// name ("Bank of England", "Association for Computational Linguistics").
const JOINERS: [&str; 5] = ["of", "for", "and", "&", "on"];

fn is_possessive(w: &str) -> bool {
    matches!(w, "'s" | "’s" | "'" | "’")
}

fn has(o: &Obs, k: GazKind) -> bool {
    o.gaz & (gaz_bit(k, false) | gaz_bit(k, true)) != 0
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_alpha_lower(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
}

struct Ctx<'a> {
    article: &'a Article,
    words: Vec<&'a str>,
    obs: Vec<Obs>,
    lex: &'static Lexicons,
    /// The model's gazetteer (companies, parties, given names).
    gaz: &'a crate::gazetteer::Gazetteer,
    /// Token index → sentence start token index.
    sent_start: Vec<usize>,
}

impl<'a> Ctx<'a> {
    fn text(&self, s: usize, e: usize) -> &'a str {
        let toks = &self.article.tokens;
        match (toks.get(s), e.checked_sub(1).and_then(|i| toks.get(i))) {
            (Some(a), Some(b)) if a.start_byte <= b.end_byte => self
                .article
                .text
                .get(a.start_byte..b.end_byte)
                .unwrap_or(""),
            _ => "",
        }
    }

    fn span(&self, s: usize, e: usize) -> Span {
        let toks = &self.article.tokens;
        match (toks.get(s), e.checked_sub(1).and_then(|i| toks.get(i))) {
            (Some(a), Some(b)) => Span::new(a.span.start, b.span.end.max(a.span.start)),
            _ => Span::default(),
        }
    }

    /// Extent of the gazetteer phrase of kind `k` starting at `i` (B bit then I bits).
    fn gaz_phrase(&self, i: usize, k: GazKind) -> Option<usize> {
        let b = gaz_bit(k, false);
        let inside = gaz_bit(k, true);
        if self.obs.get(i)?.gaz & b == 0 {
            return None;
        }
        let mut e = i + 1;
        while e < self.obs.len() && self.obs[e].gaz & inside != 0 {
            e += 1;
        }
        Some(e)
    }

    /// Whether tokens `[s, e)` are exactly one gazetteer phrase of kind `k`.
    fn exactly(&self, s: usize, e: usize, k: GazKind) -> bool {
        let (b, inside) = (gaz_bit(k, false), gaz_bit(k, true));
        e > s
            && self.obs[s].gaz & b != 0
            && self.obs[s + 1..e].iter().all(|o| o.gaz & inside != 0)
            && self.obs.get(e).is_none_or(|o| o.gaz & inside == 0)
    }

    /// A capitalised proper-name-looking match: uppercase first letter; short single tokens
    /// must be all caps ("US", not "Us"/"us").
    fn proper(&self, s: usize, e: usize) -> bool {
        let w = self.words[s];
        if !starts_upper(w) {
            return false;
        }
        if e == s + 1 && w.chars().count() <= 3 && w.chars().any(char::is_alphabetic) {
            return w
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        }
        true
    }
}

/// Runs the tagger and the merging rules over a segmented article.
#[allow(clippy::needless_range_loop)]
pub fn analyse(article: &Article, model: &EntityModel) -> Analysis {
    let lex = Lexicons::get();
    let words = ner::words(article);
    let obs = tagger::observe(&words, lex, &model.gazetteer);
    let mut sent_start = vec![0usize; words.len()];
    for (s, e) in ner::sentence_token_ranges(article) {
        for x in &mut sent_start[s..e.min(words.len())] {
            *x = s;
        }
    }
    let cx = Ctx {
        article,
        words,
        obs,
        lex,
        gaz: &model.gazetteer,
        sent_start,
    };
    let tagged = ner::tag_obs(article, model, &cx.obs);
    let n = cx.words.len();
    let mut taken = vec![false; n];
    let mut ms: Vec<Mention> = Vec::new();

    // Words of the multi-word person names the tagger found: a listed club or award name
    // that is one of them is that person's short form here ("Chelsea" beside "Chelsea
    // Clinton"), not the club.
    let person_words: std::collections::HashSet<String> = tagged
        .iter()
        .filter(|t| kind(t.kind) == EntityKind::Person && t.tokens.end - t.tokens.start >= 2)
        .flat_map(|t| (t.tokens.start..t.tokens.end.min(n)).map(|i| cx.words[i]))
        // A membership label in a tagged span is its descriptor, not a name word.
        .filter(|w| lex.not_person(w) != Some(NotPerson::Label))
        .map(normalise_phrase)
        .collect();

    // 1. Tagger names, trimmed.
    for t in &tagged {
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
            && lex.not_person(cx.words[s]) == Some(NotPerson::Label)
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
            if let Some(np) = lex.not_person(txt) {
                k = not_person_kind(np);
            }
        }
        let (mut k, mut origin, mut key) = (k, Origin::Name, normalise_phrase(txt));
        // A party's name is an organisation, never a person ("Labour said"); so is a
        // name ending in a word only organisations end with ("… Kilroy-Silk Party").
        if k == EntityKind::Person
            && (cx.exactly(s, e, GazKind::Party)
                || (e - s >= 2 && lex.is_org_only_suffix(cx.words[e - 1])))
        {
            k = EntityKind::Organization;
        }
        // Nor is it a place: the tagger reads "US National Park Service" or "The Ohio
        // State University" as a place from its first words.
        // Also when a joiner follows that word ("U.S. Department of Agriculture").
        if k == EntityKind::Place
            && e - s >= 2
            && (s..e).any(|t| {
                lex.is_org_only_suffix(cx.words[t])
                    && (t + 1 == e || JOINERS.contains(&cx.words[t + 1]))
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
        if let Some(c) = lex.country(txt) {
            let kinds = lex.kinds(txt);
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

    // 1a. Two names the tagger ran together after an organisation's last word: "the
    // Wikimedia Foundation and Creative Commons" (two organisations), "CEO of the Refugee
    // Council Enver Solomon" (an organisation, then a person by a given name).
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
            if !lex.is_org_only_suffix(cx.words[t])
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
    let free = |taken: &[bool], s: usize, e: usize| taken[s..e].iter().all(|t| !t);
    // 1b. Names found once are names everywhere in the article: other occurrences of a
    // tagged name, and the surname of a tagged full person name.
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
                        if !free(&taken, i, i + len) || !starts_upper(cx.words[i + len - 1]) {
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

    // 2. Lexicon mentions where the tagger found nothing.
    let mut i = 0;
    while i < n {
        let mut next = i + 1;
        if let Some(e) = cx.gaz_phrase(i, GazKind::Group) {
            if free(&taken, i, e) {
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
            if free(&taken, i, e) {
                let txt = cx.text(i, e);
                let next_w = cx
                    .words
                    .get(e)
                    .map(|w| w.to_lowercase())
                    .unwrap_or_default();
                let plural =
                    txt.ends_with('s') && lex.country(txt).is_some() && !txt.ends_with("ss");
                if COLLECTIVES.contains(&next_w.as_str()) {
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
                } else if let Some(c) = lex.country(txt) {
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
            if free(&taken, i, e) && cx.proper(i, e) {
                let txt = cx.text(i, e);
                let key = match lex.country(txt) {
                    Some(c) if lex.kinds(txt).contains(&GazKind::Country) => format!("country:{c}"),
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

    // 2a. Listed companies, news outlets and parties of the model's gazetteer where the
    // tagger found nothing: capitalised, and a lone word only where it is not just
    // capitalised because it opens a sentence.
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
            if (free(&taken, i, e) || only_parts)
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

    // 2b. "<Title> <Capitalised words>": a person ("Prime Minister Benjamin Netanyahu").
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
            if e > te && free(&taken, te, e) && cx.words.get(e).is_none_or(|w| !starts_upper(w)) {
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

    // 3. "<Name> newspaper / daily / news agency": an organisation.
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
        let desc = descriptor_with_premodifiers(&cx, a, j, de);
        if let Some(m) = ms.iter_mut().find(|m| m.s <= a && m.e >= a && m.e <= j) {
            if m.s == a && m.e == j {
                m.kind = EntityKind::Organization;
                m.descriptors.push(desc);
            }
            continue;
        }
        if !free(&taken, a, j) {
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
    // 3b. A capitalised run the tagger left untagged with a word only organisations have
    // ("Summer Institute of Linguistics", "Association for Computational Linguistics",
    // "House Public Works Subcommittee") or ending in a legal form ("Kelmore Mining
    // Company"): an organisation. Lowercase joiners may stand
    // between its capitalised words; it stays within the sentence and the free words.
    let same_sentence = |a: usize, b: usize| cx.sent_start[a] == cx.sent_start[b];
    let mut i = 0;
    while i < n {
        if taken[i] || !starts_upper(cx.words[i]) {
            i += 1;
            continue;
        }
        let (mut j, mut last) = (i + 1, i);
        while j < n && same_sentence(i, j) && !taken[j] {
            if starts_upper(cx.words[j]) {
                last = j;
                j += 1;
            } else if JOINERS.contains(&cx.words[j])
                && j + 1 < n
                && same_sentence(i, j + 1)
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
            if a < e && JOINERS.contains(&cx.words[a]) {
                a += 1;
            }
        }
        if e >= a + 2
            && ((a..e).any(|t| lex.is_org_only_suffix(cx.words[t]))
                || lex.without_legal_form(cx.text(a, e)).is_some())
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
    // 3c. A country right before an organisation's name is part of that name ("U.S.
    // Department of Agriculture", "U.S. Army", "UK Government"): the organisation the
    // tagger found after it, or capitalised words it left untagged that end in an
    // organisation word.
    let mut k = 0;
    while k < ms.len() {
        let m = &ms[k];
        let (ms_s, e0) = (m.s, m.e);
        if m.kind != EntityKind::Place
            || !m.key.starts_with("country:")
            || e0 >= n
            || !same_sentence(ms_s, e0)
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
        while j < n && !taken[j] && same_sentence(ms_s, j) {
            if starts_upper(cx.words[j]) {
                if has(&cx.obs[j], GazKind::OrgSuffix) {
                    last = Some(j);
                }
            } else if !(JOINERS.contains(&cx.words[j])
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

    // 3d. An organisation named in full keeps its kind on its short form: a one-word
    // name the tagger typed a person that is a word of exactly one longer
    // organisation name of the article ("Berkeley" beside "UC Berkeley", "Ford" beside
    // "Ford Motor Company") is that organisation, unless a full person name of the
    // article has the word or it is a place's or country's name ("Ohio" of "Ohio State
    // University"). Places keep their kind: an organisation is often named after one
    // ("Socotra" beside a "Socotra ... Fund").
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
        let place_words: std::collections::HashSet<String> = ms
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

    // 4. Person short forms → full names; acronyms → organisations.
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

    // 5. Descriptors of names: titles before, appositives after.
    for m in ms.iter_mut().filter(|m| {
        m.origin == Origin::Name && matches!(m.kind, EntityKind::Person | EntityKind::Organization)
    }) {
        if m.kind == EntityKind::Person {
            if let Some(d) = pre_title(&cx, m.s) {
                m.descriptors.push(d);
            }
        }
        if let Some(d) = appositive(&cx, m.e) {
            m.descriptors.push(d);
        }
    }

    // 6. Clusters.
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

    // 7. Entities.
    let mut out = Analysis::default();
    for key in &order {
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
            && unsupported_person(&cx, &ms, idx, &person_words)
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
        let kind = match (kind, lex.not_person(&name)) {
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
                || lex.is_title_premodifier(&name))
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
            if let Some(short) = lex.without_legal_form(&name) {
                if !aliases.iter().any(|a| a == short) {
                    aliases.push(short.to_string());
                }
            }
        }
        let gender = if kind == EntityKind::Person {
            person_gender(&cx, &ms, idx, &name, &descriptors)
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

/// Group key: first word, lowercased, without a plural `s` or agentive `r`
/// ("hardliners", "hardline factions" → "hardline").
/// Whether a cluster's person reading rests on the tagger alone: every name mention is
/// one word, no multi-word person name of the article has it, no person mention has a
/// title or honorific before it, and the census lists it as no given name or surname.
fn unsupported_person(
    cx: &Ctx,
    ms: &[Mention],
    idx: &[usize],
    person_words: &std::collections::HashSet<String>,
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

/// The kind of a name of not_persons.tsv.
fn not_person_kind(np: NotPerson) -> EntityKind {
    match np {
        NotPerson::Organization => EntityKind::Organization,
        NotPerson::Other => EntityKind::Other,
        NotPerson::Label => EntityKind::Group,
    }
}

fn group_key(text: &str) -> String {
    let t = normalise_phrase(text);
    let first = t.split(' ').next().unwrap_or("");
    let mut k = first.strip_suffix('s').unwrap_or(first);
    if k.ends_with("ner") {
        k = &k[..k.len() - 1];
    }
    format!("group:{k}")
}

/// The title/role words right before a person's name ("former U.S. President",
/// "Iranian foreign ministry spokesperson").
fn pre_title(cx: &Ctx, s: usize) -> Option<String> {
    let ss = *cx.sent_start.get(s)?;
    let mut a = s;
    let mut titled = false;
    while a > ss && s - a < 6 {
        let w = cx.words[a - 1];
        let o = &cx.obs[a - 1];
        let lw = w.to_lowercase();
        if STOP.contains(&lw.as_str()) && !has(o, GazKind::Title) {
            break;
        }
        // A lowercase word joins a lowercase compound ("foreign ministry spokesperson");
        // before a capitalised title only a title premodifier does ("former President",
        // not "kind Mayor" or "accuse Mr").
        let lower_ok = is_alpha_lower(w)
            && (a < s && is_alpha_lower(cx.words[a]) || cx.lex.is_title_premodifier(w));
        let ok = has(o, GazKind::Title)
            || has(o, GazKind::Role)
            || has(o, GazKind::Party)
            || has(o, GazKind::Country)
            || has(o, GazKind::Demonym)
            || lower_ok;
        if !ok {
            break;
        }
        if a == s && (has(o, GazKind::Title) || has(o, GazKind::Role)) {
            titled = true;
        }
        if a == s && !titled {
            break;
        }
        a -= 1;
    }
    if !titled || a == s {
        return None;
    }
    // Honorifics ("Mr", "Mrs") say nothing a reader would file under the person.
    let mut end = s;
    while end > a && cx.lex.is_honorific(cx.words[end - 1]) {
        end -= 1;
    }
    while a < end && cx.lex.is_honorific(cx.words[a]) {
        a += 1;
    }
    if a >= end {
        return None;
    }
    Some(cx.text(a, end).to_string())
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

/// ", the X of Y," right after a name: an appositive with a role noun.
fn appositive(cx: &Ctx, e: usize) -> Option<String> {
    let mut j = e;
    if cx.words.get(j).is_some_and(|w| is_possessive(w)) {
        return None;
    }
    if cx.words.get(j) != Some(&",") {
        return None;
    }
    j += 1;
    let start = j;
    let mut has_role = false;
    while j < cx.words.len() && j - start < 10 {
        let w = cx.words[j];
        if matches!(
            w,
            "," | "." | ";" | ":" | "(" | ")" | "“" | "”" | "\"" | "—" | "–"
        ) {
            break;
        }
        if has(&cx.obs[j], GazKind::Role) || has(&cx.obs[j], GazKind::Title) {
            has_role = true;
        }
        j += 1;
    }
    let end_ok = cx
        .words
        .get(j)
        .is_none_or(|w| matches!(*w, "," | "." | ";" | ")" | "—" | "–"));
    if !has_role || !end_ok || j == start {
        return None;
    }
    let first = cx.words[start].to_lowercase();
    if !matches!(first.as_str(), "a" | "an" | "the") && !is_alpha_lower(cx.words[start]) {
        return None;
    }
    let s = if matches!(first.as_str(), "a" | "an" | "the") {
        start + 1
    } else {
        start
    };
    if s >= j {
        return None;
    }
    // Verbs would make it a clause, not an appositive.
    if (s..j).any(|t| {
        matches!(
            cx.words[t],
            "said" | "says" | "is" | "was" | "has" | "had" | "will" | "would"
        )
    }) {
        return None;
    }
    Some(cx.text(s, j).to_string())
}

/// "conservative … newspaper": lowercase modifiers between a determiner and the name,
/// joined to the descriptor noun after it.
fn descriptor_with_premodifiers(cx: &Ctx, name_s: usize, desc_s: usize, desc_e: usize) -> String {
    let noun = cx.text(desc_s, desc_e).to_string();
    let mut a = name_s;
    while a > 0
        && name_s - a < 3
        && is_alpha_lower(cx.words[a - 1])
        && !STOP.contains(&cx.words[a - 1])
    {
        a -= 1;
    }
    if a < name_s && a > 0 && matches!(cx.words[a - 1], "the" | "The" | "a" | "A") {
        format!("{} {}", cx.text(a, name_s), noun)
    } else {
        noun
    }
}
