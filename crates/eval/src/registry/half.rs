//! The fixed tune/check halves of the cross-document sets, so that a registry change
//! fitted on one half is quoted on the other.
//!
//! - MEANTIME cross-doc: documents in sorted file order (`corpus_airbus` 0–29, then
//!   `corpus_apple` 30–59); even positions are *tune*, odd ones *check*. Both topics are
//!   in both halves (15 documents each), so each half has its own cross-document
//!   clusters; with only two topics a split by topic would leave one topic per half.
//! - ECB+ dev: by topic, as `eval stories` splits it: odd topic numbers (`1_10ecbplus` is
//!   topic 1) are *tune*, even ones *check*; no gold cluster crosses halves.
//!
//! Each half is ingested into its own store: the registry of the check half never sees a
//! tune document.

pub use crate::half::Half;

impl Half {
    /// A MEANTIME document at this position of the sorted file list.
    pub fn keeps_meantime(self, index: usize) -> bool {
        match self {
            Half::All => true,
            Half::Tune => index.is_multiple_of(2),
            Half::Check => !index.is_multiple_of(2),
        }
    }

    /// An ECB+ document by its id (`<topic>_<doc>`); an id without a topic number is in
    /// no half (only in `All`).
    pub fn keeps_ecbplus(self, id: &str) -> bool {
        let topic = id.split('_').next().and_then(|t| t.parse::<u32>().ok());
        match (self, topic) {
            (Half::All, _) => true,
            (Half::Tune, Some(t)) => !t.is_multiple_of(2),
            (Half::Check, Some(t)) => t.is_multiple_of(2),
            (_, None) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_partition_the_documents() {
        for i in 0..60 {
            assert_ne!(Half::Tune.keeps_meantime(i), Half::Check.keeps_meantime(i));
            assert!(Half::All.keeps_meantime(i));
        }
        assert!(Half::Tune.keeps_ecbplus("1_10ecbplus"));
        assert!(!Half::Check.keeps_ecbplus("1_10ecbplus"));
        assert!(Half::Check.keeps_ecbplus("12_3ecb"));
        assert!(!Half::Tune.keeps_ecbplus("12_3ecb"));
        assert!(!Half::Tune.keeps_ecbplus("x_3ecb") && Half::All.keeps_ecbplus("x_3ecb"));
    }
}
