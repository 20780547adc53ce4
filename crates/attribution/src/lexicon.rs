//! The lexicons under `data/`, parsed once.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use newsgraph_model::{EntityKind, Gender, Stance};

const CUES: &str = include_str!("../data/cues.tsv");
const REFERRING: &str = include_str!("../data/referring.tsv");
const VENUES: &str = include_str!("../data/venues.tsv");
const CLAIM_NOUNS: &str = include_str!("../data/claim_nouns.tsv");
const DISCOURSE: &str = include_str!("../data/discourse.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueClass {
    Speech,
    Write,
    Belief,
    Evidence,
    Evaluate,
    Request,
    Deny,
}

/// Grammatical form of a cue word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// "saying": a participle, often after a comma ("..., saying that ...").
    Ing,
    /// "said"/"told"/"written" as a past form (may be passive after "was").
    Past,
    /// The base form ("say"): also a noun for many verbs ("a claim").
    Base,
    /// "-s" form ("claims"): also a plural noun for many verbs.
    S,
}

#[derive(Debug, Clone)]
pub(crate) struct Cue {
    pub lemma: String,
    pub class: CueClass,
    pub stance: Option<Stance>,
    pub form: Form,
    /// Further words a multi-word cue needs after its first word ("out" of "point out").
    pub rest: Vec<String>,
    /// Reports only with a clause for content ("charged that ..."; `needs` = clause).
    pub needs_clause: bool,
    /// Its -ing form is also a noun ("a warning", "a strong showing"; `needs` = ing-noun).
    pub ing_noun: bool,
}

#[derive(Debug)]
pub(crate) struct Lexicon {
    /// First word form (lowercase) -> cues starting with it (longest `rest` first).
    pub cues: HashMap<String, Vec<Cue>>,
    /// Pronouns: word -> kinds.
    pub pronouns: HashMap<String, Vec<EntityKind>>,
    /// Description heads: word -> kinds.
    pub heads: HashMap<String, Vec<EntityKind>>,
    /// Pronouns and heads that say the referent's gender ("she", "spokesman").
    pub genders: HashMap<String, Gender>,
    /// Venue triggers: (words, how many trailing trigger words to keep, mode).
    pub venues: Vec<(Vec<String>, usize, VenueMode)>,
    /// Nouns of `referring.tsv` by role: documents ("poll"), utterances ("statement"),
    /// bare quantities ("millions"), the writer's first person ("we").
    pub documents: HashSet<String>,
    pub utterances: HashSet<String>,
    pub quantities: HashSet<String>,
    pub writers: HashSet<String>,
    /// `claim_nouns.tsv`: noun -> the words that may open its claim ("that", "of").
    pub claim_nouns: HashMap<String, Vec<String>>,
    /// Discourse adverbs set off by commas ("however", "for their part"), lowercase words.
    pub discourse: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VenueMode {
    /// Whatever noun phrase follows.
    Any,
    /// Only a capitalised name follows ("on CNN").
    Media,
    /// Only a capitalised place follows ("at the White House").
    Place,
}

pub(crate) fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(build)
}

fn data_lines(s: &str) -> impl Iterator<Item = Vec<&str>> {
    s.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// Regular inflections of a verb: (-s, -ed, -ing).
fn inflect(v: &str) -> (String, String, String) {
    let s = if v.ends_with('s')
        || v.ends_with("sh")
        || v.ends_with("ch")
        || v.ends_with('x')
        || v.ends_with('z')
    {
        format!("{v}es")
    } else if v.ends_with('y') && !v.ends_with("ay") && !v.ends_with("ey") && !v.ends_with("oy") {
        format!("{}ies", &v[..v.len() - 1])
    } else {
        format!("{v}s")
    };
    let (ed, ing) = if let Some(stem) = v.strip_suffix('e') {
        (format!("{v}d"), format!("{stem}ing"))
    } else if v.ends_with('y') && !v.ends_with("ay") && !v.ends_with("ey") && !v.ends_with("oy") {
        (format!("{}ied", &v[..v.len() - 1]), format!("{v}ing"))
    } else {
        (format!("{v}ed"), format!("{v}ing"))
    };
    (s, ed, ing)
}

fn classify_form(form: &str, lemma_first: &str) -> Form {
    if form == lemma_first {
        Form::Base
    } else if form.ends_with("ing") {
        Form::Ing
    } else if form.ends_with('s') && !form.ends_with("ss") {
        Form::S
    } else {
        Form::Past
    }
}

fn kinds(s: &str) -> Vec<EntityKind> {
    s.split(',')
        .filter_map(|k| match k.trim() {
            "person" => Some(EntityKind::Person),
            "organization" => Some(EntityKind::Organization),
            "place" => Some(EntityKind::Place),
            "group" => Some(EntityKind::Group),
            "other" => Some(EntityKind::Other),
            _ => None,
        })
        .collect()
}

fn build() -> Lexicon {
    let mut cues: HashMap<String, Vec<Cue>> = HashMap::new();
    for cols in data_lines(CUES) {
        if cols.len() < 3 {
            continue;
        }
        let lemma = cols[0].to_lowercase();
        let class = match cols[1] {
            "speech" => CueClass::Speech,
            "write" => CueClass::Write,
            "belief" => CueClass::Belief,
            "evidence" => CueClass::Evidence,
            "evaluate" => CueClass::Evaluate,
            "request" => CueClass::Request,
            "deny" => CueClass::Deny,
            _ => continue,
        };
        let stance = match cols[2] {
            "assert" => Some(Stance::Assert),
            "deny" => Some(Stance::Deny),
            "doubt" => Some(Stance::Doubt),
            _ => None,
        };
        let needs = |what: &str| {
            cols.get(4)
                .is_some_and(|n| n.split(',').any(|x| x.trim() == what))
        };
        let (needs_clause, ing_noun) = (needs("clause"), needs("ing-noun"));
        let words: Vec<&str> = lemma.split_whitespace().collect();
        let Some(first) = words.first() else { continue };
        let forms: Vec<String> = match cols.get(3).filter(|f| !f.is_empty()) {
            Some(f) => f
                .split(',')
                .map(|x| x.trim().to_lowercase())
                .filter(|x| !x.is_empty())
                .collect(),
            None => {
                let (s, ed, ing) = inflect(first);
                let rest = words[1..].join(" ");
                [first.to_string(), s, ed, ing]
                    .into_iter()
                    .map(|f| {
                        if rest.is_empty() {
                            f
                        } else {
                            format!("{f} {rest}")
                        }
                    })
                    .collect()
            }
        };
        for f in forms {
            let fw: Vec<&str> = f.split_whitespace().collect();
            let Some(head) = fw.first() else { continue };
            let form = classify_form(head, first);
            let cue = Cue {
                lemma: lemma.clone(),
                class,
                stance,
                form,
                rest: fw[1..].iter().map(|s| s.to_string()).collect(),
                needs_clause,
                ing_noun,
            };
            let v = cues.entry(head.to_string()).or_default();
            if !v.iter().any(|c| c.rest == cue.rest && c.lemma == cue.lemma) {
                v.push(cue);
            }
        }
    }
    for v in cues.values_mut() {
        v.sort_by_key(|c| std::cmp::Reverse(c.rest.len()));
    }
    let mut pronouns = HashMap::new();
    let mut heads = HashMap::new();
    let mut genders = HashMap::new();
    let (mut documents, mut utterances, mut quantities, mut writers) = (
        HashSet::new(),
        HashSet::new(),
        HashSet::new(),
        HashSet::new(),
    );
    for cols in data_lines(REFERRING) {
        if cols.len() < 3 {
            continue;
        }
        let k = kinds(cols[2]);
        match cols.get(3).copied() {
            Some("male") => {
                genders.insert(cols[0].to_lowercase(), Gender::Male);
            }
            Some("female") => {
                genders.insert(cols[0].to_lowercase(), Gender::Female);
            }
            _ => {}
        }
        match cols[1] {
            "pronoun" => {
                pronouns.insert(cols[0].to_lowercase(), k);
            }
            "head" => {
                heads.insert(cols[0].to_lowercase(), k);
            }
            "document" => {
                documents.insert(cols[0].to_lowercase());
            }
            "utterance" => {
                utterances.insert(cols[0].to_lowercase());
            }
            "quantity" => {
                quantities.insert(cols[0].to_lowercase());
            }
            "writer" => {
                writers.insert(cols[0].to_lowercase());
            }
            _ => {}
        }
    }
    let mut venues = Vec::new();
    for cols in data_lines(VENUES) {
        if cols.len() < 2 {
            continue;
        }
        let words: Vec<String> = cols[0]
            .split_whitespace()
            .map(|w| w.to_lowercase())
            .collect();
        let (keep, mode) = match cols[1] {
            "drop" => (0, VenueMode::Any),
            "media" => (0, VenueMode::Media),
            "place" => (0, VenueMode::Place),
            k => (
                k.strip_prefix("keep-")
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0),
                VenueMode::Any,
            ),
        };
        venues.push((words, keep, mode));
    }
    let claim_nouns = data_lines(CLAIM_NOUNS)
        .filter(|cols| cols.len() >= 2)
        .map(|cols| {
            let opens = cols[1]
                .split(',')
                .map(|w| w.trim().to_lowercase())
                .collect();
            (cols[0].to_lowercase(), opens)
        })
        .collect();
    let discourse = data_lines(DISCOURSE)
        .filter_map(|cols| {
            let words: Vec<String> = cols
                .first()?
                .split_whitespace()
                .map(str::to_lowercase)
                .collect();
            (!words.is_empty()).then_some(words)
        })
        .collect();
    Lexicon {
        cues,
        pronouns,
        heads,
        genders,
        venues,
        documents,
        utterances,
        quantities,
        writers,
        claim_nouns,
        discourse,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_has_regular_and_irregular_forms() {
        let l = lexicon();
        assert!(l.cues.contains_key("said"));
        assert!(l.cues.contains_key("emphasized"));
        assert!(l.cues.contains_key("denies"));
        assert!(l.cues.contains_key("criticized"));
        assert!(l.cues.contains_key("arguing"));
        assert_eq!(l.cues["refuted"][0].stance, Some(Stance::Deny));
        assert_eq!(l.cues["claimed"][0].stance, Some(Stance::Assert));
        assert!(l.cues["pointed"]
            .iter()
            .any(|c| c.rest == vec!["out".to_string()]));
        assert_eq!(l.pronouns["he"], vec![EntityKind::Person]);
        assert!(l.heads.contains_key("newspaper"));
        assert!(!l.venues.is_empty());
    }

    #[test]
    fn inflection_rules() {
        assert_eq!(
            inflect("note"),
            ("notes".into(), "noted".into(), "noting".into())
        );
        assert_eq!(
            inflect("worry"),
            ("worries".into(), "worried".into(), "worrying".into())
        );
        assert_eq!(
            inflect("stress"),
            ("stresses".into(), "stressed".into(), "stressing".into())
        );
    }
}
