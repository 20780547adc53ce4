use crate::Span;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    AtLeast,
    AtMost,
    About,
}

/// What a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    Killed,
    Injured,
    Displaced,
    Arrested,
    Missing,
    Abducted,
    Hostages,
    Rescued,
    /// Killed and injured together ("casualties").
    Casualties,
    Money,
    Percent,
    /// A count of something else (people, homes, cities).
    Count,
}

impl FigureKind {
    pub const ALL: [FigureKind; 12] = [
        FigureKind::Killed,
        FigureKind::Injured,
        FigureKind::Displaced,
        FigureKind::Arrested,
        FigureKind::Missing,
        FigureKind::Abducted,
        FigureKind::Hostages,
        FigureKind::Rescued,
        FigureKind::Casualties,
        FigureKind::Money,
        FigureKind::Percent,
        FigureKind::Count,
    ];

    /// The record form (`killed`, `money`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Killed => "killed",
            FigureKind::Injured => "injured",
            FigureKind::Displaced => "displaced",
            FigureKind::Arrested => "arrested",
            FigureKind::Missing => "missing",
            FigureKind::Abducted => "abducted",
            FigureKind::Hostages => "hostages",
            FigureKind::Rescued => "rescued",
            FigureKind::Casualties => "casualties",
            FigureKind::Money => "money",
            FigureKind::Percent => "percent",
            FigureKind::Count => "count",
        }
    }

    /// Killed, injured and the other harms a casualty report counts.
    pub fn is_casualty(self) -> bool {
        !matches!(
            self,
            FigureKind::Money | FigureKind::Percent | FigureKind::Count
        )
    }
}

impl FromStr for FigureKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FigureKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown figure kind {s:?}"))
    }
}

impl std::fmt::Display for FigureKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A number with its unit and meaning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub text: String,
    pub span: Span,
    pub value: f64,
    /// Unit: `people`, `USD`, `percent`, ...
    pub unit: Option<String>,
    /// What is counted.
    pub kind: FigureKind,
    pub qualifier: Qualifier,
    /// Who reports it (entity id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_text: Option<String>,
    /// What it is about, in the text's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_record_form() {
        for k in FigureKind::ALL {
            assert_eq!(k.as_str().parse::<FigureKind>(), Ok(k));
            assert_eq!(
                serde_json::to_value(k).unwrap(),
                serde_json::json!(k.as_str())
            );
        }
        assert!("shot".parse::<FigureKind>().is_err());
    }
}
