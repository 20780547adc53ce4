//! The tune and check halves of a dev set: a change fitted on the tune half is quoted on
//! the check half (a gain on tune alone is no gain). Every `eval` reports both.
//!
//! By default a document's half follows a stable hash of its id (FNV-1a, 64 bits; even
//! = tune), so it does not move when documents are added, removed or listed in another
//! order, and `--limit` keeps each document in its half. Sets with a structure that a
//! hash would cut across have their own rule (the cross-document sets of `registry`).

/// Which documents of a set are scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Half {
    Tune,
    Check,
    All,
}

impl Half {
    /// The two halves, in the order reports list them.
    pub const BOTH: [Half; 2] = [Half::Tune, Half::Check];

    pub fn name(self) -> &'static str {
        match self {
            Half::Tune => "tune",
            Half::Check => "check",
            Half::All => "all",
        }
    }

    pub fn parse(s: &str) -> Option<Half> {
        match s {
            "tune" => Some(Half::Tune),
            "check" => Some(Half::Check),
            "all" => Some(Half::All),
            _ => None,
        }
    }

    /// The half a document belongs to by its id.
    pub fn of_id(id: &str) -> Half {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in id.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        if h.is_multiple_of(2) {
            Half::Tune
        } else {
            Half::Check
        }
    }

    /// Whether this half keeps the document with this id.
    pub fn keeps_id(self, id: &str) -> bool {
        self == Half::All || Half::of_id(id) == self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_fall_into_two_near_equal_halves_that_do_not_move() {
        let ids: Vec<String> = (0..1000).map(|i| format!("doc-{i}")).collect();
        let tune = ids.iter().filter(|i| Half::Tune.keeps_id(i)).count();
        assert!((400..600).contains(&tune), "{tune} of 1000 in tune");
        for id in &ids {
            assert_ne!(Half::Tune.keeps_id(id), Half::Check.keeps_id(id));
            assert!(Half::All.keeps_id(id));
            assert_eq!(Half::of_id(id), Half::of_id(&id.clone()));
        }
        // the FNV-1a value of "a" is even: a fixed point that catches a changed hash
        assert_eq!(Half::of_id("a"), Half::Tune);
        assert_eq!(Half::parse("check"), Some(Half::Check));
        assert_eq!(Half::parse("dev"), None);
    }
}
