//! Stage 5 — normalise: cell text into typed values.
//!
//! Takes the reassembled tables and body lines; returns plan metadata and, per table, its rows as
//! section rows or items whose cells are parsed: units named from the registry, deadlines and
//! targets read, codes split from titles. Diagnostics (unknown units, unparsed deadlines) are kept
//! on the item for the records stage, which knows the refs.
//!
//! Invariants: never reads the PDF or positions; never drops text — whatever is not understood is
//! kept raw (a `text` deadline, an unknown unit with its raw name) and flagged.

pub mod deadline;
pub mod goals;
pub mod meta;
pub mod target;
pub mod units;

use crate::model::{Coded, Column, Deadline, Plan, TableInfo, TargetValue, Unit};
use crate::rules::Rules;
use crate::tables::{Cell, Row, Table, TableDoc, TableKind};
use regex::Regex;
use std::sync::OnceLock;

/// A leading item code: "1.", "1.1", "2.1.", "10.3" (not "100%", not a date).
pub fn code_regex() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"^(\d{1,3}(?:\.\d{1,3})*)(?:\.|\)|\s)\s*(\S.*)?$").unwrap())
}

fn roman_regex() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"^([IVXL]{1,5})(?:[.\-\)]|\s)\s*(\S.*)?$").unwrap())
}

/// Splits "1.1 Rà soát …" into ("1.1", "Rà soát …"). Text without a leading code gives (None, text).
pub fn split_code(text: &str) -> (Option<String>, String) {
    let t = text.trim();
    if let Some(c) = code_regex().captures(t) {
        let code = c[1].to_string();
        let rest = c.get(2).map(|m| m.as_str().trim().to_string()).unwrap_or_default();
        // "2026 …" or "01 dự thảo" are not codes: codes are short and not zero-padded.
        if !code.starts_with('0') && code.split('.').all(|p| p.len() <= 2) {
            return (Some(code), rest);
        }
    }
    (None, t.to_string())
}

/// Splits a section row's text "I. Về chuyển đổi số" into ("I", "Về chuyển đổi số").
pub fn split_roman(text: &str) -> Option<(String, String)> {
    let c = roman_regex().captures(text.trim())?;
    Some((c[1].to_string(), c.get(2).map(|m| m.as_str().trim().to_string()).unwrap_or_default()))
}

pub fn is_roman(s: &str) -> bool {
    let s = s.trim().trim_end_matches('.');
    !s.is_empty() && s.len() <= 5 && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
}

#[derive(Debug, Clone, PartialEq)]
pub enum GroupCell {
    /// The table has no group column.
    None,
    /// Covered by a merged cell from above (or left blank under a group): same group.
    Covered,
    Text(String),
}

#[derive(Debug, Clone)]
pub struct Item {
    pub stt: Option<String>,
    pub group: GroupCell,
    pub task: Option<String>,
    pub output: Option<String>,
    pub kpi: Option<String>,
    pub note: Option<String>,
    pub content: Option<String>,
    pub unit_of_measure: Option<String>,
    pub lead: Vec<Unit>,
    pub support: Vec<Unit>,
    pub deadline: Option<Deadline>,
    pub target: Option<TargetValue>,
    pub pages: Vec<u32>,
    /// Raw unit names the registry does not know.
    pub unknown_units: Vec<String>,
}

#[derive(Debug, Clone)]
pub enum NormRow {
    Section(Coded),
    Item(Box<Item>),
}

#[derive(Debug, Clone)]
pub struct NormTable {
    pub kind: TableKind,
    pub info: TableInfo,
    pub has_group: bool,
    pub has_stt: bool,
    pub rows: Vec<NormRow>,
}

/// What stage 5 hands on.
#[derive(Debug, Clone, Default)]
pub struct NormalDoc {
    pub plan: Plan,
    pub tables: Vec<NormTable>,
    /// The numbered goals of the plan's body (targets of table 0).
    pub goals: Vec<goals::Goal>,
    pub page_count: u32,
    pub producer: Option<String>,
}

/// The stage's trait.
pub trait Normaliser {
    fn normalise(&self, doc: TableDoc) -> NormalDoc;
}

#[derive(Debug, Default, Clone)]
pub struct RegistryNormaliser;

impl Normaliser for RegistryNormaliser {
    fn normalise(&self, doc: TableDoc) -> NormalDoc {
        normalise(doc, Rules::get())
    }
}

fn text_of(t: &Table, r: &Row, role: &str) -> Option<String> {
    let c = t.col(role)?;
    r.cells.get(c).and_then(|c| c.text()).map(|s| s.to_string())
}

fn is_section_row(t: &Table, r: &Row) -> Option<Coded> {
    let filled: Vec<(usize, &str)> = r.cells.iter().enumerate().filter_map(|(i, c)| c.text().map(|s| (i, s))).collect();
    if r.full_width || filled.len() == 1 {
        let (_, txt) = *filled.first()?;
        if let Some((code, title)) = split_roman(txt) {
            return Some(Coded { code: Some(code), title });
        }
        if r.full_width {
            return Some(Coded { code: None, title: txt.to_string() });
        }
        return None;
    }
    // "I | Hoàn thiện thể chế | | | …": a Roman numeral in the STT column and one other cell.
    if filled.len() == 2 {
        let stt = t.col("stt")?;
        let (i0, s0) = filled[0];
        if i0 == stt && is_roman(s0) {
            return Some(Coded { code: Some(s0.trim().trim_end_matches('.').to_string()), title: filled[1].1.to_string() });
        }
    }
    None
}

pub fn normalise(doc: TableDoc, rules: &Rules) -> NormalDoc {
    let plan = meta::extract(&doc.body, rules);
    let matcher = units::UnitMatcher::new(rules, plan.issuer.as_deref());
    let mut out = NormalDoc { plan, tables: Vec::new(), goals: goals::extract(&doc.body), page_count: doc.page_count, producer: doc.producer.clone() };
    for t in &doc.tables {
        let info = TableInfo {
            title: t.title(),
            pages: t.pages.clone(),
            columns: t.headers.iter().zip(&t.roles).map(|(h, r)| Column { header: h.split_whitespace().collect::<Vec<_>>().join(" "), role: r.clone() }).collect(),
        };
        let has_group = t.col("group").is_some();
        let mut rows = Vec::new();
        for r in &t.rows {
            if let Some(sec) = is_section_row(t, r) {
                rows.push(NormRow::Section(sec));
                continue;
            }
            if r.cells.iter().all(|c| c.is_blank()) {
                continue;
            }
            let mut unknown = Vec::new();
            let mut unit_list = |role: &str| -> Vec<Unit> {
                match text_of(t, r, role) {
                    Some(txt) => {
                        let (us, unk) = matcher.units(&txt);
                        unknown.extend(unk);
                        us
                    }
                    None => Vec::new(),
                }
            };
            let lead = unit_list("lead");
            let support = unit_list("support");
            let group = match t.col("group") {
                None => GroupCell::None,
                Some(c) => match &r.cells[c] {
                    Cell::Covered => GroupCell::Covered,
                    Cell::Text(s) if s.trim().is_empty() => GroupCell::Covered,
                    Cell::Text(s) => GroupCell::Text(s.clone()),
                },
            };
            let item = Item {
                stt: text_of(t, r, "stt").map(|s| s.trim().trim_end_matches('.').to_string()),
                group,
                task: text_of(t, r, "task"),
                output: text_of(t, r, "output"),
                kpi: text_of(t, r, "kpi"),
                note: text_of(t, r, "note"),
                content: text_of(t, r, "content"),
                unit_of_measure: text_of(t, r, "unit_of_measure").map(|s| s.replace('\n', " ")),
                lead,
                support,
                deadline: text_of(t, r, "deadline").and_then(|s| deadline::parse(&s.replace('\n', " "))),
                target: text_of(t, r, "target").and_then(|s| target::parse(&s.replace('\n', " "))),
                pages: r.pages.clone(),
                unknown_units: unknown,
            };
            rows.push(NormRow::Item(Box::new(item)));
        }
        out.tables.push(NormTable { kind: t.kind, info, has_group, has_stt: t.col("stt").is_some(), rows });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_split_from_titles() {
        assert_eq!(split_code("1.1 Rà soát, đề xuất"), (Some("1.1".into()), "Rà soát, đề xuất".into()));
        assert_eq!(split_code("5.1. Hoàn thành"), (Some("5.1".into()), "Hoàn thành".into()));
        assert_eq!(split_code("1. Ban hành hoặc"), (Some("1".into()), "Ban hành hoặc".into()));
        assert_eq!(split_code("Tham mưu Thường trực"), (None, "Tham mưu Thường trực".into()));
        assert_eq!(split_code("01 dự thảo Nghị quyết").0, None);
        assert_eq!(split_code("100% giấy tờ").0, None);
        assert_eq!(split_code("2026 - 2030 kế hoạch").0, None);
        assert_eq!(split_roman("I. Về chuyển đổi số"), Some(("I".into(), "Về chuyển đổi số".into())));
        assert!(is_roman("IV"));
        assert!(!is_roman("Ia"));
    }
}
