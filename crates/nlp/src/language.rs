//! The article's language when its source does not declare one: `whatlang` (trigram
//! profiles of 69 languages, small and dependency-light; `lingua` is more accurate on
//! short strings but ships ~100 MB of models) over the start of the text, reported as
//! a BCP-47 tag (the ISO 639-1 code where one exists: `en`, `fr`, `zh`).
//!
//! Readers normalise a declared language themselves; this only fills a missing one.

use newsgraph_model::Article;

/// How much of the text is looked at: enough for a confident guess on prose, and a cap
/// so a 50 MB dump costs no more than an article.
const SAMPLE_BYTES: usize = 2048;

/// whatlang's ISO 639-3 codes → BCP-47 (ISO 639-1 where it exists; `cmn` is `zh`, `pes` `fa`).
const BCP47: &[(&str, &str)] = &[
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("cym", "cy"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nob", "nb"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("yid", "yi"),
    ("zul", "zu"),
];

/// The BCP-47 tag of the text's language, when whatlang is confident.
pub fn detect(text: &str) -> Option<&'static str> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = whatlang::detect(&text[..end])?;
    if !info.is_reliable() {
        return None;
    }
    let code = info.lang().code();
    BCP47
        .iter()
        .find(|(iso3, _)| *iso3 == code)
        .map(|(_, tag)| *tag)
}

/// Sets `article.language` from its text when the source gave none (a declared
/// language, even one we would guess differently, is kept).
pub fn fill_missing(article: &mut Article) {
    if article
        .language
        .as_deref()
        .is_some_and(|l| !l.trim().is_empty())
    {
        return;
    }
    if let Some(tag) = detect(&article.text) {
        article.language = Some(tag.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_prose_and_keeps_declared_languages() {
        assert_eq!(
            detect("The foreign ministry said on Tuesday that talks with the United States would not resume until sanctions were lifted."),
            Some("en")
        );
        assert_eq!(
            detect("Le ministère des affaires étrangères a déclaré mardi que les négociations ne reprendraient pas avant la levée des sanctions."),
            Some("fr")
        );
        assert_eq!(detect(""), None);
        assert_eq!(detect("12 34 56"), None);
        let mut a = Article {
            text: "Die Regierung hat am Dienstag erklärt, dass die Gespräche mit den Vereinigten Staaten nicht fortgesetzt werden.".into(),
            ..Default::default()
        };
        fill_missing(&mut a);
        assert_eq!(a.language.as_deref(), Some("de"));
        a.language = Some("en-GB".into());
        fill_missing(&mut a);
        assert_eq!(a.language.as_deref(), Some("en-GB"));
    }

    #[test]
    fn every_whatlang_language_has_a_tag() {
        for l in whatlang::Lang::all() {
            assert!(BCP47.iter().any(|(c, _)| *c == l.code()), "{}", l.code());
        }
    }

    #[test]
    fn a_multibyte_sample_edge_is_not_a_panic() {
        let s = "é".repeat(SAMPLE_BYTES);
        let _ = detect(&s);
    }
}
