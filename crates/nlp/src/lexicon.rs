//! Lexicons: data files under `crates/nlp/data/`, embedded at build time and parsed once.
//! Each file states its source in its header comment.

use newsgraph_model::Gender;
use rustc_hash::FxHashMap;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbrevKind {
    /// Precedes a name or number; never ends a sentence.
    Title,
    /// A month; ends a sentence only before a sentence starter.
    Month,
    /// May end a sentence.
    Other,
}

/// What a gazetteer knows about a word or phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GazKind {
    Country,
    Demonym,
    Place,
    Title,
    Role,
    OrgSuffix,
    OrgDescriptor,
    Group,
    /// A common given name (tagger feature).
    FirstName,
    // Kinds of the model-borne gazetteer (`crate::gazetteer`), built from open lexicons.
    /// A listed company's name, with or without its legal form ("General Motors").
    Company,
    /// The first word of a multi-word company name ("Ford" of "Ford Motor").
    CompanyHead,
    /// A stock ticker ("GM").
    Ticker,
    /// A political party ("Labour", "Liberal Democrat").
    Party,
    /// A news outlet ("The Guardian").
    Publisher,
    /// A company legal form ("plc", "GmbH").
    LegalForm,
    /// A given name more often male in the US census.
    GivenMale,
    /// A given name more often female in the US census.
    GivenFemale,
    /// A frequent surname.
    Surname,
}

/// All lexicons, parsed.
#[derive(Debug)]
pub struct Lexicons {
    abbrevs: HashMap<String, AbbrevKind>,
    starters: HashSet<String>,
    /// Lowercased phrase → kinds.
    pub(crate) gaz: FxHashMap<String, Vec<GazKind>>,
    /// Any lowercased name/alias/demonym of a country → canonical country name.
    pub(crate) country_of: HashMap<String, String>,
    /// Longest phrase in the gazetteer, in words.
    pub(crate) max_phrase_words: usize,
    /// First word of a gazetteer phrase → the most words of a phrase starting with it,
    /// so the tagger tries only the lengths that can match at a word.
    phrase_starts: FxHashMap<String, usize>,
    /// Normalised title/role → the gender it implies ("Mrs", "spokeswoman").
    title_gender: HashMap<String, Gender>,
    /// Normalised honorifics ("mr", "mrs."): titles that are never descriptors.
    honorifics: HashSet<String>,
    /// `premodifier` rows of titles.tsv ("former", "acting"): the lowercase words that
    /// may stand before a capitalised title in a descriptor.
    title_premodifiers: HashSet<String>,
    /// Normalised company legal forms ("inc.", "plc").
    legal_forms: HashSet<String>,
    /// Normalised `org-only` suffixes ("party", "university"): never a surname.
    org_only: HashSet<String>,
    /// not_persons.tsv: normalised name → what it names instead of a person.
    not_persons: HashMap<String, NotPerson>,
    /// The words of canon_words.tsv, by kind (exact lowercase forms).
    canon_collectives: HashSet<String>,
    canon_stops: HashSet<String>,
    canon_joiners: HashSet<String>,
}

const ABBREVIATIONS: &str = include_str!("../data/abbreviations.txt");
const STARTERS: &str = include_str!("../data/sentence_starters.txt");
const COUNTRIES: &str = include_str!("../data/countries.tsv");
const PLACES: &str = include_str!("../data/places.txt");
const TITLES: &str = include_str!("../data/titles.tsv");
const ORG_SUFFIXES: &str = include_str!("../data/org_suffixes.txt");
const GROUPS: &str = include_str!("../data/groups.txt");
const FIRST_NAMES: &str = include_str!("../data/first_names.txt");
const NOT_PERSONS: &str = include_str!("../data/not_persons.tsv");
const ORGANISATIONS: &str = include_str!("../data/organisations.tsv");
const CANON_WORDS: &str = include_str!("../data/canon_words.tsv");

/// What a name of not_persons.tsv names instead of a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotPerson {
    /// A sports club called by its short name ("Chelsea").
    Organization,
    /// An award ("Oscar").
    Other,
    /// A party or membership label: a group alone, a descriptor before a name ("Tory").
    Label,
}

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

impl Lexicons {
    /// The embedded lexicons (parsed on first use).
    pub fn get() -> &'static Lexicons {
        static LEX: OnceLock<Lexicons> = OnceLock::new();
        LEX.get_or_init(Lexicons::parse)
    }

    fn parse() -> Lexicons {
        let mut abbrevs = HashMap::new();
        for l in lines(ABBREVIATIONS) {
            let mut it = l.split('\t');
            let w = it.next().unwrap_or("").trim();
            let kind = match it.next().map(str::trim) {
                Some("title") => AbbrevKind::Title,
                Some("month") => AbbrevKind::Month,
                _ => AbbrevKind::Other,
            };
            if !w.is_empty() {
                abbrevs.insert(w.to_string(), kind);
            }
        }
        let starters = lines(STARTERS).map(|l| l.trim().to_string()).collect();
        let mut gaz: FxHashMap<String, Vec<GazKind>> = FxHashMap::default();
        let add = |gaz: &mut FxHashMap<String, Vec<GazKind>>, w: &str, k: GazKind| {
            let key = normalise_phrase(w);
            if key.is_empty() {
                return;
            }
            let v = gaz.entry(key).or_default();
            if !v.contains(&k) {
                v.push(k);
            }
        };
        let mut country_of = HashMap::new();
        for l in lines(COUNTRIES) {
            let mut it = l.split('\t');
            let name = it.next().unwrap_or("").trim();
            if name.is_empty() {
                continue;
            }
            let aliases = it.next().unwrap_or("");
            let demonyms = it.next().unwrap_or("");
            add(&mut gaz, name, GazKind::Country);
            country_of.insert(normalise_phrase(name), name.to_string());
            for a in aliases.split('|').map(str::trim).filter(|a| !a.is_empty()) {
                add(&mut gaz, a, GazKind::Country);
                country_of.insert(normalise_phrase(a), name.to_string());
            }
            for d in demonyms.split('|').map(str::trim).filter(|a| !a.is_empty()) {
                add(&mut gaz, d, GazKind::Demonym);
                country_of.insert(normalise_phrase(d), name.to_string());
            }
        }
        for l in lines(PLACES) {
            add(&mut gaz, l.trim(), GazKind::Place);
        }
        let mut title_gender = HashMap::new();
        let mut honorifics = HashSet::new();
        let mut title_premodifiers = HashSet::new();
        for l in lines(TITLES) {
            let mut it = l.split('\t');
            let w = it.next().unwrap_or("").trim();
            let kind = it.next().map(str::trim);
            // Premodifiers ("former") only qualify a title; they are no gazetteer entry.
            if kind == Some("premodifier") {
                title_premodifiers.insert(normalise_phrase(w));
                continue;
            }
            let k = if kind == Some("role") {
                GazKind::Role
            } else {
                GazKind::Title
            };
            if kind == Some("honorific") {
                honorifics.insert(normalise_phrase(w));
            }
            match it.next().map(str::trim) {
                Some("male") => {
                    title_gender.insert(normalise_phrase(w), Gender::Male);
                }
                Some("female") => {
                    title_gender.insert(normalise_phrase(w), Gender::Female);
                }
                _ => {}
            }
            add(&mut gaz, w, k);
        }
        let mut legal_forms = HashSet::new();
        let mut org_only = HashSet::new();
        for l in lines(ORG_SUFFIXES) {
            let mut it = l.split('\t');
            let w = it.next().unwrap_or("").trim();
            let kind = it.next().map(str::trim);
            if it.next().map(str::trim) == Some("org-only") {
                org_only.insert(normalise_phrase(w));
            }
            let k = if kind == Some("descriptor") {
                GazKind::OrgDescriptor
            } else {
                GazKind::OrgSuffix
            };
            if kind == Some("legal") {
                legal_forms.insert(normalise_phrase(w));
            }
            add(&mut gaz, w, k);
        }
        for l in lines(GROUPS) {
            add(&mut gaz, l.trim(), GazKind::Group);
        }
        for l in lines(FIRST_NAMES) {
            add(&mut gaz, l.trim(), GazKind::FirstName);
        }
        // Well-known organisations (organisations.tsv): outlets share the publisher kind of
        // the model's outlet list, everything else the company kind, so the tagger's
        // trained weights for those bits apply to them.
        for l in lines(ORGANISATIONS) {
            let mut it = l.split('\t');
            let name = it.next().unwrap_or("").trim();
            let k = match it.next().map(str::trim) {
                Some("outlet") => GazKind::Publisher,
                _ => GazKind::Company,
            };
            add(&mut gaz, name, k);
        }
        // Kept out of `gaz`: these are no tagger features, only corrections of its output.
        let mut not_persons = HashMap::new();
        for l in lines(NOT_PERSONS) {
            let mut it = l.split('\t');
            let name = normalise_phrase(it.next().unwrap_or("").trim());
            let kind = match it.next().map(str::trim) {
                Some("org") => NotPerson::Organization,
                Some("other") => NotPerson::Other,
                Some("label") => NotPerson::Label,
                _ => continue,
            };
            if !name.is_empty() {
                not_persons.insert(name, kind);
            }
        }
        let (mut canon_collectives, mut canon_stops, mut canon_joiners) =
            (HashSet::new(), HashSet::new(), HashSet::new());
        for l in lines(CANON_WORDS) {
            let Some((kind, w)) = l.split_once('\t') else {
                continue;
            };
            let set = match kind.trim() {
                "collective" => &mut canon_collectives,
                "stop" => &mut canon_stops,
                "joiner" => &mut canon_joiners,
                _ => continue,
            };
            set.insert(w.trim().to_string());
        }
        let mut phrase_starts: FxHashMap<String, usize> = FxHashMap::default();
        for k in gaz.keys() {
            let first = k.split(' ').next().unwrap_or(k);
            let m = phrase_starts.entry(first.to_string()).or_default();
            *m = (*m).max(k.split(' ').count());
        }
        let max_phrase_words = phrase_starts.values().copied().max().unwrap_or(1);
        Lexicons {
            abbrevs,
            starters,
            gaz,
            country_of,
            max_phrase_words,
            phrase_starts,
            title_gender,
            honorifics,
            title_premodifiers,
            legal_forms,
            org_only,
            not_persons,
            canon_collectives,
            canon_stops,
            canon_joiners,
        }
    }

    /// Whether a lowercase noun after a demonym makes a group ("authorities").
    pub(crate) fn is_collective(&self, w: &str) -> bool {
        self.canon_collectives.contains(w)
    }

    /// Whether a word ends a leftward title or premodifier scan ("said", "the"); `w`
    /// is compared as given (the list is lowercase).
    pub(crate) fn is_scan_stop(&self, w: &str) -> bool {
        self.canon_stops.contains(w)
    }

    /// Whether a word may join the capitalised words of one organisation's name ("of").
    pub(crate) fn is_name_joiner(&self, w: &str) -> bool {
        self.canon_joiners.contains(w)
    }

    /// What `name`, taken for a person's, names instead (not_persons.tsv), if listed.
    pub fn not_person(&self, name: &str) -> Option<NotPerson> {
        self.not_persons.get(&normalise_phrase(name)).copied()
    }

    /// An organisation name without its trailing legal forms ("Apple Inc." → "Apple"),
    /// when it had any and something remains.
    pub fn without_legal_form<'n>(&self, name: &'n str) -> Option<&'n str> {
        let mut rest = name.trim_end();
        let mut cut = false;
        loop {
            let r = rest.trim_end_matches([',', ' ']);
            let Some((head, last)) = r.rsplit_once(' ') else {
                break;
            };
            if !self.legal_forms.contains(&normalise_phrase(last)) {
                break;
            }
            rest = head.trim_end_matches([',', ' ']);
            cut = true;
        }
        Some(rest).filter(|r| cut && !r.is_empty())
    }

    /// Whether a word only ever ends organisation names ("Party", "University").
    pub fn is_org_only_suffix(&self, w: &str) -> bool {
        self.org_only.contains(&normalise_phrase(w))
    }

    /// The gender a title or role word implies ("Mrs" → female), if any.
    pub fn title_gender(&self, w: &str) -> Option<Gender> {
        self.title_gender.get(&normalise_phrase(w)).copied()
    }

    /// Whether a lowercase word may modify a following capitalised title ("former").
    pub fn is_title_premodifier(&self, w: &str) -> bool {
        self.title_premodifiers.contains(&normalise_phrase(w))
    }

    /// Whether a word is an honorific ("Mr", "Mrs."): a title that is never a descriptor.
    pub fn is_honorific(&self, w: &str) -> bool {
        self.honorifics.contains(&normalise_phrase(w))
    }

    /// The kind of an abbreviation (with its period), if listed.
    pub fn abbrev(&self, w: &str) -> Option<AbbrevKind> {
        self.abbrevs.get(w).copied()
    }

    pub fn is_sentence_starter(&self, w: &str) -> bool {
        self.starters.contains(w)
    }

    /// The gazetteer kinds of a phrase (case-insensitive; ’ and ' are the same).
    pub fn kinds(&self, phrase: &str) -> &[GazKind] {
        self.gaz
            .get(&normalise_phrase(phrase))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The most words of a gazetteer phrase whose first word is `first` (a normalised
    /// word; 0 when no phrase starts with it).
    pub(crate) fn max_phrase_words_from(&self, first: &str) -> usize {
        self.phrase_starts.get(first).copied().unwrap_or(0)
    }

    /// The gazetteer kinds of an already normalised phrase.
    pub(crate) fn kinds_norm(&self, key: &str) -> &[GazKind] {
        self.gaz.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The canonical country of a name, alias or demonym ("U.S.", "American" → "United States").
    pub fn country(&self, phrase: &str) -> Option<&str> {
        let key = normalise_phrase(phrase);
        self.country_of.get(&key).map(String::as_str).or_else(|| {
            // "the Netherlands" → "Netherlands"
            key.strip_prefix("the ")
                .and_then(|k| self.country_of.get(k))
                .map(String::as_str)
        })
    }
}

/// Lowercase, single spaces, typographic apostrophes as ASCII.
pub fn normalise_phrase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in w.chars() {
            match c {
                '’' | '‘' => out.push('\''),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_gazetteer_phrase_is_within_its_first_words_length() {
        let l = Lexicons::get();
        for k in l.gaz.keys() {
            let first = k.split(' ').next().unwrap_or(k);
            assert!(
                l.max_phrase_words_from(first) >= k.split(' ').count(),
                "{k}"
            );
        }
        assert!(l.max_phrase_words_from("united") >= 2);
        assert_eq!(l.max_phrase_words_from("zzqx"), 0);
    }

    #[test]
    fn lexicons_parse_and_map_demonyms() {
        let l = Lexicons::get();
        assert_eq!(l.abbrev("U.S."), Some(AbbrevKind::Other));
        assert_eq!(l.abbrev("Mr."), Some(AbbrevKind::Title));
        assert_eq!(l.country("American"), Some("United States"));
        assert_eq!(l.country("U.S."), Some("United States"));
        assert_eq!(l.country("the Netherlands"), Some("Netherlands"));
        assert!(l.kinds("Isfahan").contains(&GazKind::Place));
        assert!(l.kinds("hardliners").contains(&GazKind::Group));
        assert!(l.kinds("news agency").contains(&GazKind::OrgDescriptor));
        assert!(l.country("Tasnim").is_none());
        assert_eq!(l.title_gender("Mrs"), Some(Gender::Female));
        assert_eq!(l.title_gender("spokesman"), Some(Gender::Male));
        assert_eq!(l.title_gender("President"), None);
        assert!(l.is_honorific("Mr.") && l.is_honorific("mr") && !l.is_honorific("Dr"));
        assert!(
            l.kinds("Mr").contains(&GazKind::Title),
            "honorifics still precede names"
        );
        assert_eq!(l.without_legal_form("Apple Inc."), Some("Apple"));
        assert_eq!(
            l.without_legal_form("Acme Holdings, Ltd."),
            Some("Acme Holdings")
        );
        assert_eq!(l.without_legal_form("Boeing"), None);
        assert!(l.kinds("The Onion").contains(&GazKind::Publisher));
        assert!(l.kinds("U.S. Army").contains(&GazKind::Company));
        assert_eq!(l.without_legal_form("Corp."), None);
    }
}
