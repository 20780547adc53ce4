//! The word classes of `data/word_classes.tsv`: closed-class words and small open sets
//! the finder tests tokens against (auxiliaries between a source and its cue, words
//! that end a source phrase, modifiers between a cue and its clause, ...). They live in
//! a data file so that the rules in `find/` read as rules, and so that a reader can see
//! and extend each set without touching code.

use std::collections::HashMap;
use std::sync::OnceLock;

const WORD_CLASSES: &str = include_str!("../data/word_classes.tsv");

/// One class of the data file; see its header for what each holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordClass {
    Aux,
    LyNotAdverb,
    SourceBoundary,
    Determiner,
    Preposition,
    ClauseGoesOn,
    ClaimObject,
    SourceEnd,
    Skippable,
    HeldClaimNoun,
    ContentNoun,
    TimeAfterQuote,
    Subordinator,
    Verbish,
    PageFurniture,
    NonInvertibleCue,
    ModifierOpener,
}

impl WordClass {
    const ALL: [(WordClass, &'static str); 17] = [
        (WordClass::Aux, "aux"),
        (WordClass::LyNotAdverb, "ly_not_adverb"),
        (WordClass::SourceBoundary, "source_boundary"),
        (WordClass::Determiner, "determiner"),
        (WordClass::Preposition, "preposition"),
        (WordClass::ClauseGoesOn, "clause_goes_on"),
        (WordClass::ClaimObject, "claim_object"),
        (WordClass::SourceEnd, "source_end"),
        (WordClass::Skippable, "skippable"),
        (WordClass::HeldClaimNoun, "held_claim_noun"),
        (WordClass::ContentNoun, "content_noun"),
        (WordClass::TimeAfterQuote, "time_after_quote"),
        (WordClass::Subordinator, "subordinator"),
        (WordClass::Verbish, "verbish"),
        (WordClass::PageFurniture, "page_furniture"),
        (WordClass::NonInvertibleCue, "non_invertible_cue"),
        (WordClass::ModifierOpener, "modifier_opener"),
    ];

    fn bit(self) -> u32 {
        1 << (self as u32)
    }

    fn named(name: &str) -> Option<WordClass> {
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(c, _)| *c)
    }
}

/// Word -> the classes it belongs to, as a bit set.
fn classes() -> &'static HashMap<String, u32> {
    static C: OnceLock<HashMap<String, u32>> = OnceLock::new();
    C.get_or_init(|| parse(WORD_CLASSES).expect("data/word_classes.tsv is well formed"))
}

/// Parses the data file; an unknown class name is an error (a typo would otherwise
/// silently empty a class).
fn parse(text: &str) -> Result<HashMap<String, u32>, String> {
    let mut map: HashMap<String, u32> = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, words) = line
            .split_once('\t')
            .ok_or_else(|| format!("line {}: expected class <TAB> words", n + 1))?;
        let class = WordClass::named(name.trim())
            .ok_or_else(|| format!("line {}: unknown word class {name:?}", n + 1))?;
        for w in words.split_whitespace() {
            *map.entry(w.to_string()).or_default() |= class.bit();
        }
    }
    Ok(map)
}

/// Whether the lowercase word `w` is in `class`.
pub(crate) fn is(w: &str, class: WordClass) -> bool {
    classes().get(w).is_some_and(|bits| bits & class.bit() != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_has_words_and_lookups_keep_classes_apart() {
        let map = classes();
        for (class, name) in WordClass::ALL {
            assert!(
                map.values().any(|b| b & class.bit() != 0),
                "class {name} is empty"
            );
        }
        assert!(is("has", WordClass::Aux));
        assert!(!is("has", WordClass::ContentNoun));
        assert!(is("that", WordClass::SourceBoundary) && is("that", WordClass::Skippable));
        assert!(!is("Has", WordClass::Aux), "lookups are by lowercase form");
    }

    #[test]
    fn a_misspelt_class_is_an_error_naming_the_line() {
        let e = parse("# header\naux\thas\nauxx\thad\n").unwrap_err();
        assert!(e.contains("line 3") && e.contains("auxx"), "{e}");
        assert!(parse("aux has").unwrap_err().contains("line 1"));
    }
}
