//! `kehoach export`: the store's task and target records for the tracking system.
//!
//! By default the latest version of each plan (see `store` for the version order); `all_versions`
//! exports every version. Records come from each version's stored `kehoach/1` document, so they are
//! exactly what `extract` wrote.
//!
//! - JSON Lines: one record per line, a SCHEMA.md Task or Target with three fields added in front:
//!   `"record": "task" | "target"` (how a consumer tells them apart), `"plan"` (`id`, `number`,
//!   `issuer`, `title`) and `"version"` (`n`, `latest`, `sha256`, `file`, `issued_on`).
//! - CSV: one row per task (targets are in the JSON Lines only); units as their canonical names
//!   joined by "; "; deadline raw/kind/start/end columns. UTF-8 with a byte-order mark and CRLF line
//!   ends, which is what Excel needs to open Vietnamese text correctly.

use crate::model::{Target, Task, Unit};
use crate::store::{Store, VersionInfo};
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Csv,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "jsonl" => Ok(Format::Jsonl),
            "csv" => Ok(Format::Csv),
            _ => Err(format!("unknown export format {s:?} (jsonl or csv)")),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub format: Format,
    /// Only the plans this key names (a plan number, or `#ID`).
    pub plan: Option<String>,
    pub all_versions: bool,
}

/// Why an export stopped: the output went away (`Io`, e.g. a closed pipe) or the store could not
/// give what was asked (`Other`: no such plan, an unreadable version).
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Other(String),
}

impl From<csv::Error> for ExportError {
    fn from(e: csv::Error) -> Self {
        match e.into_kind() {
            csv::ErrorKind::Io(io) => ExportError::Io(io),
            k => ExportError::Other(format!("csv: {k:?}")),
        }
    }
}

impl From<crate::store::StoreError> for ExportError {
    fn from(e: crate::store::StoreError) -> Self {
        ExportError::Other(e.to_string())
    }
}

impl From<serde_json::Error> for ExportError {
    fn from(e: serde_json::Error) -> Self {
        ExportError::Other(e.to_string())
    }
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct ExportCounts {
    pub plans: usize,
    pub versions: usize,
    pub tasks: usize,
    pub targets: usize,
}

#[derive(Serialize)]
pub struct PlanRef<'a> {
    pub id: i64,
    pub number: Option<&'a str>,
    pub issuer: Option<&'a str>,
    pub title: Option<&'a str>,
}

#[derive(Serialize)]
pub struct VersionRef<'a> {
    pub n: u32,
    pub latest: bool,
    pub sha256: &'a str,
    pub file: &'a str,
    pub issued_on: Option<&'a str>,
}

#[derive(Serialize)]
struct TaskLine<'a> {
    record: &'static str,
    plan: &'a PlanRef<'a>,
    version: &'a VersionRef<'a>,
    #[serde(flatten)]
    task: &'a Task,
}

#[derive(Serialize)]
struct TargetLine<'a> {
    record: &'static str,
    plan: &'a PlanRef<'a>,
    version: &'a VersionRef<'a>,
    #[serde(flatten)]
    target: &'a Target,
}

/// The CSV columns, in order.
pub const CSV_COLUMNS: &[&str] = &[
    "plan_id",
    "plan_number",
    "issuer",
    "plan_title",
    "version",
    "file",
    "ref",
    "table",
    "section_code",
    "section_title",
    "group_code",
    "group_title",
    "code",
    "title",
    "output",
    "kpi",
    "lead",
    "support",
    "deadline_raw",
    "deadline_kind",
    "deadline_start",
    "deadline_end",
    "note",
    "pages",
    "review",
];

/// A record's review pointers (`Task::review`) in one CSV cell: "field: word → other", "?" for a
/// word not read at all, "; " between them.
fn review_cell(review: &[crate::model::Review]) -> String {
    review.iter().map(|r| format!("{}: {} → {}", r.field, r.word, r.other.as_deref().unwrap_or("?"))).collect::<Vec<_>>().join("; ")
}

fn names(units: &[Unit]) -> String {
    units.iter().map(|u| u.name.as_str()).collect::<Vec<_>>().join("; ")
}

/// The versions an export covers, by plan id, oldest first (with the plan's latest version flagged).
fn selected(store: &Store, opts: &ExportOptions) -> Result<Vec<(VersionInfo, bool)>, ExportError> {
    let all = store.all_versions()?;
    let plan_ids: Option<Vec<i64>> = match &opts.plan {
        Some(k) => {
            let ids = store.find_plans(k)?;
            if ids.is_empty() {
                return Err(ExportError::Other(format!("no plan {k} in the store")));
            }
            Some(ids)
        }
        None => None,
    };
    let mut out = Vec::new();
    for (i, v) in all.iter().enumerate() {
        if let Some(ids) = &plan_ids {
            if !ids.contains(&v.plan_id) {
                continue;
            }
        }
        let latest = all.get(i + 1).map(|n| n.plan_id != v.plan_id).unwrap_or(true);
        if latest || opts.all_versions {
            out.push((v.clone(), latest));
        }
    }
    Ok(out)
}

/// Writes the export to `out`. Errors are one line (no store, unknown plan, write failure).
pub fn export(store: &Store, opts: &ExportOptions, out: &mut dyn Write) -> Result<ExportCounts, ExportError> {
    let versions = selected(store, opts)?;
    let plans = store.plans()?;
    let mut counts = ExportCounts::default();
    enum Sink<'w> {
        Json(&'w mut dyn Write),
        Csv(csv::Writer<&'w mut dyn Write>),
    }
    let mut sink = match opts.format {
        Format::Csv => {
            out.write_all("\u{feff}".as_bytes())?;
            let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
            w.write_record(CSV_COLUMNS)?;
            Sink::Csv(w)
        }
        Format::Jsonl => Sink::Json(out),
    };
    let mut last_plan = None;
    for (v, latest) in &versions {
        let doc = store.load_document(v.id)?;
        let p = plans.iter().find(|p| p.id == v.plan_id).ok_or_else(|| ExportError::Other(format!("version {} has no plan", v.id)))?;
        if last_plan != Some(p.id) {
            counts.plans += 1;
            last_plan = Some(p.id);
        }
        counts.versions += 1;
        let plan = PlanRef { id: p.id, number: p.number.as_deref(), issuer: p.issuer.as_deref(), title: p.title.as_deref() };
        let version =
            VersionRef { n: v.version, latest: *latest, sha256: &v.sha256, file: &v.file, issued_on: v.issued_on.as_deref() };
        match &mut sink {
            Sink::Json(out) => {
                for t in &doc.tasks {
                    let line = serde_json::to_string(&TaskLine { record: "task", plan: &plan, version: &version, task: t })?;
                    writeln!(out, "{line}")?;
                }
                for t in &doc.targets {
                    let line =
                        serde_json::to_string(&TargetLine { record: "target", plan: &plan, version: &version, target: t })?;
                    writeln!(out, "{line}")?;
                }
            }
            Sink::Csv(w) => {
                for t in &doc.tasks {
                    let d = t.deadline.as_ref();
                    let s = |o: Option<&String>| o.cloned().unwrap_or_default();
                    let row: Vec<String> = vec![
                        p.id.to_string(),
                        s(p.number.as_ref()),
                        s(p.issuer.as_ref()),
                        s(p.title.as_ref()),
                        v.version.to_string(),
                        v.file.clone(),
                        t.reference.clone(),
                        t.table.to_string(),
                        s(t.section.as_ref().and_then(|c| c.code.as_ref())),
                        s(t.section.as_ref().map(|c| &c.title)),
                        s(t.group.as_ref().and_then(|c| c.code.as_ref())),
                        s(t.group.as_ref().map(|c| &c.title)),
                        s(t.code.as_ref()),
                        s(t.title.as_ref()),
                        s(t.output.as_ref()),
                        s(t.kpi.as_ref()),
                        names(&t.lead),
                        names(&t.support),
                        s(d.map(|d| &d.raw)),
                        s(d.map(|d| &d.kind)),
                        s(d.and_then(|d| d.start.as_ref())),
                        s(d.and_then(|d| d.end.as_ref())),
                        s(t.note.as_ref()),
                        t.pages.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(","),
                        review_cell(&t.review),
                    ];
                    w.write_record(&row)?;
                }
            }
        }
        counts.tasks += doc.tasks.len();
        counts.targets += doc.targets.len();
    }
    match &mut sink {
        Sink::Json(out) => out.flush()?,
        Sink::Csv(w) => w.flush()?,
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Review;

    #[test]
    fn a_review_in_one_csv_cell() {
        let r = |f: &str, w: &str, o: Option<&str>| Review { field: f.into(), word: w.into(), other: o.map(Into::into) };
        assert_eq!(review_cell(&[]), "");
        assert_eq!(review_cell(&[r("title", "mang", Some("mạng")), r("kpi", "t#", None)]), "title: mang → mạng; kpi: t# → ?");
        assert_eq!(CSV_COLUMNS.last(), Some(&"review"));
    }
}
