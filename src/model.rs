//! The output contract `kehoach/1` (docs/SCHEMA.md) as Rust types.
//!
//! Field order follows SCHEMA.md so that pretty JSON reads like the specification. Optional fields may
//! be added (with `skip_serializing_if`), nothing else may change without a new schema version.

use serde::{Deserialize, Serialize};

pub const SCHEMA: &str = "kehoach/1";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PlanDocument {
    pub schema: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    pub plan: Plan,
    pub tables: Vec<TableInfo>,
    pub targets: Vec<Target>,
    pub tasks: Vec<Task>,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Source {
    pub file: String,
    pub sha256: String,
    pub pages: u32,
    pub text_layer: String,
    /// Optional: the PDF's /Producer, when it names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub producer: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Plan {
    pub kind: Option<String>,
    pub number: Option<String>,
    pub issued_on: Option<String>,
    pub issuer: Option<String>,
    pub title: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TableInfo {
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<u32>,
    pub columns: Vec<Column>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Column {
    pub header: String,
    pub role: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Coded {
    pub code: Option<String>,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Task {
    #[serde(rename = "ref")]
    pub reference: String,
    pub table: u32,
    pub section: Option<Coded>,
    pub group: Option<Coded>,
    pub code: Option<String>,
    pub title: Option<String>,
    pub output: Option<String>,
    pub kpi: Option<String>,
    pub lead: Vec<Unit>,
    pub support: Vec<Unit>,
    pub deadline: Option<Deadline>,
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<u32>,
    /// Optional (plans read from an OCR text layer): the words of this record's fields the repair
    /// stage was not sure of, for a reader to check against the page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub review: Vec<Review>,
}

impl Task {
    /// The free-text fields a `review` can name, by name: the group's title, title, output, KPI,
    /// the deadline's raw text, note.
    pub fn text_fields(&self) -> [(&'static str, Option<&str>); 6] {
        [
            ("group", self.group.as_ref().map(|g| g.title.as_str())),
            ("title", self.title.as_deref()),
            ("output", self.output.as_deref()),
            ("kpi", self.kpi.as_deref()),
            ("deadline", self.deadline.as_ref().map(|d| d.raw.as_str())),
            ("note", self.note.as_deref()),
        ]
    }
}

impl Target {
    /// As [`Task::text_fields`]: content, unit of measure, the target's raw text, the deadline's,
    /// note.
    pub fn text_fields(&self) -> [(&'static str, Option<&str>); 5] {
        [
            ("content", self.content.as_deref()),
            ("unit_of_measure", self.unit_of_measure.as_deref()),
            ("target", self.target.as_ref().map(|v| v.raw.as_str())),
            ("deadline", self.deadline.as_ref().map(|d| d.raw.as_str())),
            ("note", self.note.as_deref()),
        ]
    }
}

/// A word to check: in which field, as read, and the runner-up reading (null: the OCR's reading,
/// kept, is no word).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Review {
    pub field: String,
    pub word: String,
    pub other: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Unit {
    pub raw: String,
    pub name: String,
    pub id: Option<String>,
    pub collective: bool,
    pub parent: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Deadline {
    pub raw: String,
    pub kind: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub recurrence: Option<String>,
    pub status: Option<String>,
    pub note: Option<String>,
    pub exceptions: Vec<DeadlineException>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DeadlineException {
    pub note: String,
    pub end: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Target {
    #[serde(rename = "ref")]
    pub reference: String,
    pub table: u32,
    pub section: Option<Coded>,
    pub code: Option<String>,
    pub content: Option<String>,
    pub unit_of_measure: Option<String>,
    pub target: Option<TargetValue>,
    pub lead: Vec<Unit>,
    pub note: Option<String>,
    /// Optional: the deadline a goal of the plan's body states ("… trước ngày 01/01/2026"). Body goals
    /// are targets of table 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Deadline>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<u32>,
    /// Optional: as [`Task::review`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub review: Vec<Review>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TargetValue {
    pub raw: String,
    pub op: String,
    pub value: Option<f64>,
    pub max: Option<f64>,
    /// Optional: a unit written inside the target cell ("≥ 01 khu vực" → "khu vực").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Warning {
    pub code: String,
    pub message: String,
    #[serde(default)]
    pub page: Option<u32>,
    #[serde(rename = "ref", default)]
    pub reference: Option<String>,
}

impl Warning {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Warning { code: code.to_string(), message: message.into(), page: None, reference: None }
    }
    pub fn at(mut self, page: Option<u32>, reference: Option<String>) -> Self {
        self.page = page;
        self.reference = reference;
        self
    }
}
