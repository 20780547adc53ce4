use crate::Span;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A CAMEO root code (01 "make public statement" … 20 "use unconventional mass
/// violence"), written as its two digits in the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cameo(u8);

impl Cameo {
    /// A root code, 1..=20.
    pub fn root(code: u8) -> Option<Cameo> {
        (1..=20).contains(&code).then_some(Cameo(code))
    }

    /// Parses the record form (`"14"`).
    pub fn parse(s: &str) -> Option<Cameo> {
        if s.len() != 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok().and_then(Cameo::root)
    }

    pub fn code(self) -> u8 {
        self.0
    }
}

impl std::fmt::Display for Cameo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}", self.0)
    }
}

impl Serialize for Cameo {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Cameo {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Cameo::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("CAMEO root {s:?} is not 01..20")))
    }
}

/// Who did what to whom, where and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    /// Event kind from the documented list (attack, talks, ceasefire, statement, ...).
    pub kind: String,
    /// CAMEO root code the kind maps to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<Cameo>,
    pub text: String,
    pub span: Span,
    pub actors: Vec<String>,
    pub targets: Vec<String>,
    pub places: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cameo_roots_are_two_digits_01_to_20() {
        let c: Cameo = serde_json::from_value(serde_json::json!("04")).unwrap();
        assert_eq!(c.code(), 4);
        assert_eq!(serde_json::to_value(c).unwrap(), serde_json::json!("04"));
        for bad in ["4", "00", "21", "1a", "004"] {
            assert!(Cameo::parse(bad).is_none(), "{bad}");
        }
    }
}
