use crate::Span;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeType {
    Date,
    Time,
    Duration,
    Set,
}

/// TIMEX3 modifier: where in the period, or how the value bounds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimeMod {
    Before,
    After,
    OnOrBefore,
    OnOrAfter,
    LessThan,
    MoreThan,
    EqualOrLess,
    EqualOrMore,
    Start,
    Mid,
    End,
    Approx,
}

/// What a relative expression's value was resolved against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Anchor {
    /// The article's publication date (`"published"`).
    Published,
    /// The date mentioned before it (`"previous"`): "two days later".
    Previous,
    /// The day a quote was said, by quote id (`"quote:q3"`).
    Quote(String),
}

impl Anchor {
    const QUOTE_PREFIX: &'static str = "quote:";

    /// Parses the record form (`published`, `previous`, `quote:<id>`).
    pub fn parse(s: &str) -> Option<Anchor> {
        match s {
            "published" => Some(Anchor::Published),
            "previous" => Some(Anchor::Previous),
            _ => s
                .strip_prefix(Self::QUOTE_PREFIX)
                .filter(|id| !id.is_empty())
                .map(|id| Anchor::Quote(id.to_string())),
        }
    }
}

impl fmt::Display for Anchor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Anchor::Published => f.write_str("published"),
            Anchor::Previous => f.write_str("previous"),
            Anchor::Quote(id) => write!(f, "{}{id}", Self::QUOTE_PREFIX),
        }
    }
}

impl Serialize for Anchor {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Anchor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Anchor::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "anchor {s:?} is not published, previous or quote:<id>"
            ))
        })
    }
}

/// A temporal expression normalised TIMEX3-style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Time {
    pub text: String,
    pub span: Span,
    #[serde(rename = "type")]
    pub kind: TimeType,
    /// TIMEX3 value: `2025-06-13`, `2025-06`, `2025-W26`, `XXXX-06-13`, `P2W`, ...
    pub value: String,
    /// TIMEX3 modifier, when the text gives one ("mid-June" → `MID`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#mod: Option<TimeMod>,
    /// What the value was resolved against; null when absolute.
    pub anchor: Option<Anchor>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchor_and_mod_keep_their_record_form() {
        for s in ["published", "previous", "quote:q3"] {
            let a: Anchor = serde_json::from_value(serde_json::json!(s)).unwrap();
            assert_eq!(serde_json::to_value(&a).unwrap(), serde_json::json!(s));
        }
        assert_eq!(Anchor::parse("quote:q3"), Some(Anchor::Quote("q3".into())));
        for bad in ["quote:", "Published", ""] {
            assert!(serde_json::from_value::<Anchor>(serde_json::json!(bad)).is_err());
        }
        assert_eq!(
            serde_json::to_value(TimeMod::EqualOrMore).unwrap(),
            serde_json::json!("EQUAL_OR_MORE")
        );
    }
}
