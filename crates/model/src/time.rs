use crate::Span;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeType {
    Date,
    Time,
    Duration,
    Set,
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
    /// TIMEX3 modifier (`MID`, `START`, `APPROX`, ...), when the text gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#mod: Option<String>,
    /// What the value was resolved against: `published`, `previous`, a quote's date,
    /// or null when absolute.
    pub anchor: Option<String>,
}
