//! Stage 6 — records: the plan document of SCHEMA.md.
//!
//! Takes normalised tables; attaches section and group rows to their tasks (merged group cells
//! carried down), assigns refs, and turns the items' diagnostics into warnings with refs and pages.
//!
//! Invariants: never reads text positions or the PDF; never changes a value the normaliser produced;
//! every item row becomes exactly one task or target.

use crate::model::{Coded, PlanDocument, Review, Source, Target, Task, Warning, SCHEMA};
use crate::normalise::{split_code, GroupCell, NormRow, NormalDoc};
use crate::tables::TableKind;
use std::collections::{HashMap, HashSet};

/// The stage's trait.
pub trait RecordBuilder {
    fn build(&self, doc: NormalDoc, source: Option<Source>) -> PlanDocument;
}

#[derive(Debug, Default, Clone)]
pub struct DefaultRecords;

impl RecordBuilder for DefaultRecords {
    fn build(&self, doc: NormalDoc, source: Option<Source>) -> PlanDocument {
        build(doc, source)
    }
}

fn seg(c: &Option<Coded>) -> String {
    c.as_ref().and_then(|c| c.code.clone()).unwrap_or_else(|| "-".into())
}

/// Whether `code` is a child of `parent` ("2.1" of "2").
fn is_child(code: &str, parent: &str) -> bool {
    code.strip_prefix(parent).map(|r| r.starts_with('.')).unwrap_or(false)
}

pub fn build(doc: NormalDoc, source: Option<Source>) -> PlanDocument {
    let mut out = PlanDocument {
        schema: SCHEMA.into(),
        source,
        plan: doc.plan.clone(),
        tables: Vec::new(),
        targets: Vec::new(),
        tasks: Vec::new(),
        warnings: Vec::new(),
    };
    let mut used_refs: HashSet<String> = HashSet::new();
    // Goals of the plan's body: table 0.
    let mut uncoded_goals: HashMap<String, u32> = HashMap::new();
    for g in &doc.goals {
        let sec = g.section.code.clone().unwrap_or_else(|| "-".into());
        let last = match &g.code {
            Some(c) => c.clone(),
            None => {
                let n = uncoded_goals.entry(sec.clone()).or_insert(0);
                *n += 1;
                format!("#{n}")
            }
        };
        let r = unique(format!("0/{sec}/{last}"), &mut used_refs, &mut out.warnings, Some(g.page));
        out.targets.push(Target {
            reference: r,
            table: 0,
            section: Some(g.section.clone()),
            code: g.code.clone(),
            content: Some(g.content.clone()),
            unit_of_measure: g.unit_of_measure.clone(),
            target: g.target.clone(),
            lead: Vec::new(),
            note: None,
            deadline: g.deadline.clone(),
            pages: vec![g.page],
            review: Vec::new(),
        });
    }
    for (ti, t) in doc.tables.iter().enumerate() {
        let tno = (ti + 1) as u32;
        out.tables.push(t.info.clone());
        let mut section: Option<Coded> = None;
        let mut group: Option<Coded> = None;
        let mut uncoded: HashMap<String, u32> = HashMap::new();
        let mut last_code: Option<String> = None;
        out.warnings.extend(t.notes.iter().cloned());
        for row in &t.rows {
            let item = match row {
                NormRow::Section(s) => {
                    section = Some(s.clone());
                    group = None;
                    last_code = None;
                    continue;
                }
                NormRow::Item(i) => i,
            };
            let page = item.pages.first().copied();
            if t.kind == TableKind::Indicator {
                let code = item.stt.clone();
                let mut r = format!("{tno}/{}/{}", seg(&section), code.clone().unwrap_or_else(|| "-".into()));
                r = unique(r, &mut used_refs, &mut out.warnings, page);
                for u in &item.unknown_units {
                    out.warnings.push(Warning::new("unknown_unit", format!("unit not in the registry: {u}")).at(page, Some(r.clone())));
                }
                for (c, m) in &item.notes {
                    out.warnings.push(Warning::new(c, m.clone()).at(page, Some(r.clone())));
                }
                out.targets.push(Target {
                    reference: r,
                    table: tno,
                    section: section.clone(),
                    code,
                    content: item.content.clone(),
                    unit_of_measure: item.unit_of_measure.clone(),
                    target: item.target.clone(),
                    lead: item.lead.clone(),
                    note: item.note.clone(),
                    deadline: None,
                    pages: item.pages.clone(),
                    review: Vec::new(),
                });
                continue;
            }
            // Task tables.
            let (code, title);
            match (&item.stt, t.has_group) {
                (Some(stt), true) => {
                    let child = group.as_ref().and_then(|g| g.code.as_deref()).map(|g| is_child(stt, g)).unwrap_or(false);
                    if child {
                        // "2.1" under group 2: its text may sit in the group column.
                        code = Some(stt.clone());
                        title = item.task.clone().or_else(|| match &item.group {
                            GroupCell::Text(s) => Some(s.clone()),
                            _ => None,
                        });
                    } else {
                        if let GroupCell::Text(g) = &item.group {
                            group = Some(Coded { code: Some(stt.clone()), title: g.clone() });
                        } else {
                            group = Some(Coded { code: Some(stt.clone()), title: String::new() });
                        }
                        code = None;
                        title = item.task.clone();
                    }
                }
                (Some(stt), false) => {
                    code = Some(stt.clone());
                    title = item.task.clone();
                }
                (None, _) => {
                    if let GroupCell::Text(g) = &item.group {
                        let (gc, gt) = split_code(g);
                        group = Some(Coded { code: gc, title: gt });
                    }
                    match &item.task {
                        Some(tt) => {
                            let (c, rest) = split_code(tt);
                            code = c;
                            title = Some(rest);
                        }
                        None => {
                            code = None;
                            title = None;
                        }
                    }
                }
            }
            if let (Some(c), Some(prev)) = (&code, &last_code) {
                if !code_follows(prev, c) {
                    out.warnings.push(Warning::new("code_order", format!("task code {c} does not follow {prev}")).at(page, None));
                }
            }
            if code.is_some() {
                last_code = code.clone();
            }
            let key = format!("{}/{}", seg(&section), seg(&group));
            let last = match &code {
                Some(c) => c.clone(),
                None => {
                    let n = uncoded.entry(key.clone()).or_insert(0);
                    *n += 1;
                    format!("#{n}")
                }
            };
            let r = unique(format!("{tno}/{key}/{last}"), &mut used_refs, &mut out.warnings, page);
            for u in &item.unknown_units {
                out.warnings.push(Warning::new("unknown_unit", format!("unit not in the registry: {u}")).at(page, Some(r.clone())));
            }
            for (c, m) in &item.notes {
                out.warnings.push(Warning::new(c, m.clone()).at(page, Some(r.clone())));
            }
            if let Some(d) = &item.deadline {
                if d.kind == "text" {
                    out.warnings.push(Warning::new("unparsed_deadline", format!("deadline not understood: {}", d.raw)).at(page, Some(r.clone())));
                }
            }
            if item.lead.is_empty() && t.info.columns.iter().any(|c| c.role == "lead") {
                out.warnings.push(Warning::new("no_lead", "task has no lead unit").at(page, Some(r.clone())));
            }
            out.tasks.push(Task {
                reference: r,
                table: tno,
                section: section.clone(),
                group: group.clone().filter(|g| !g.title.is_empty() || g.code.is_some()),
                code,
                title,
                output: item.output.clone(),
                kpi: item.kpi.clone(),
                lead: item.lead.clone(),
                support: item.support.clone(),
                deadline: item.deadline.clone(),
                note: item.note.clone(),
                pages: item.pages.clone(),
                review: Vec::new(),
            });
        }
    }
    if out.tables.is_empty() {
        out.warnings.push(Warning::new("no_table", "no appendix table found"));
    }
    if !doc.doubts.is_empty() {
        for t in &mut out.tasks {
            t.review = review(&t.text_fields(), &t.pages, &doc.doubts);
        }
        for t in &mut out.targets {
            t.review = review(&t.text_fields(), &t.pages, &doc.doubts);
        }
    }
    out
}

/// The doubted words (`TableDoc::doubts`) of a record's pages that its fields hold, word for word:
/// where a reader should check the record against the page.
fn review(fields: &[(&str, Option<&str>)], pages: &[u32], doubts: &[crate::tables::DoubtedWord]) -> Vec<Review> {
    let trim = crate::tables::review_word;
    let mut out: Vec<Review> = Vec::new();
    for &(field, text) in fields {
        let Some(text) = text else { continue };
        let words: Vec<String> = text.split_whitespace().map(trim).collect();
        // (the word, with a neighbour it has on its line beside it in the field: that occurrence)
        let holds = |d: &crate::tables::DoubtedWord| {
            (0..words.len()).any(|i| {
                let side = |n: &Option<String>, j: Option<usize>| n.as_ref().map(|n| j.and_then(|j| words.get(j)) == Some(n));
                words[i] == d.word
                    && match (side(&d.before, i.checked_sub(1)), side(&d.after, Some(i + 1))) {
                        (None, None) => true,
                        (Some(a), Some(b)) => a || b,
                        (Some(a), None) | (None, Some(a)) => a,
                    }
            })
        };
        for d in doubts.iter().filter(|d| pages.is_empty() || pages.contains(&d.page)) {
            if holds(d) && !out.iter().any(|r| r.field == field && r.word == d.word) {
                out.push(Review { field: field.to_string(), word: d.word.clone(), other: d.other.clone() });
            }
        }
    }
    out
}

/// Whether `next` plausibly follows `prev` ("1.2" after "1.1", "2.1" after "1.3", "3" after "2.6").
fn code_follows(prev: &str, next: &str) -> bool {
    let p: Vec<u32> = prev.split('.').filter_map(|x| x.parse().ok()).collect();
    let n: Vec<u32> = next.split('.').filter_map(|x| x.parse().ok()).collect();
    if p.is_empty() || n.is_empty() {
        return true;
    }
    p < n || n.len() != p.len()
}

fn unique(r: String, used: &mut HashSet<String>, warnings: &mut Vec<Warning>, page: Option<u32>) -> String {
    if used.insert(r.clone()) {
        return r;
    }
    let mut k = 2;
    loop {
        let alt = format!("{r}~{k}");
        if used.insert(alt.clone()) {
            warnings.push(Warning::new("duplicate_ref", format!("ref {r} appears more than once; this one is {alt}")).at(page, Some(alt.clone())));
            return alt;
        }
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_order() {
        assert!(code_follows("1.1", "1.2"));
        assert!(code_follows("1.3", "2.1"));
        assert!(code_follows("2.6", "3"));
        assert!(!code_follows("1.2", "1.1"));
        assert!(is_child("2.1", "2"));
        assert!(!is_child("21", "2"));
    }

    /// A doubted word points at the field that holds it, the occurrence its neighbours on the line
    /// name; a record on other pages, or the same word with other neighbours, is not pointed at.
    #[test]
    fn review_points_at_the_occurrence_of_a_doubted_word() {
        use crate::tables::DoubtedWord;
        let d = |page: u32, word: &str, before: Option<&str>, after: Option<&str>, other: Option<&str>| DoubtedWord { page, word: word.into(), before: before.map(Into::into), after: after.map(Into::into), other: other.map(Into::into) };
        let doubts = [d(11, "mang", Some("tầng"), Some("phục"), Some("mạng")), d(11, "t#", Some("giấy"), None, None), d(12, "Quy", None, Some("phát"), Some("Quỹ"))];
        let fields = [("title", Some("Hạ tầng mang phục vụ giải quyết TTHC")), ("output", Some("Báo cáo về hạ tầng mang")), ("kpi", Some("100% giấy t# có liên quan.")), ("note", None)];
        let got = review(&fields, &[11], &doubts);
        let want = vec![
            Review { field: "title".into(), word: "mang".into(), other: Some("mạng".into()) },
            Review { field: "output".into(), word: "mang".into(), other: Some("mạng".into()) },
            Review { field: "kpi".into(), word: "t#".into(), other: None },
        ];
        assert_eq!(got, want);
        // (on page 12 only "Quy" is doubted, and no field holds it before "phát")
        assert!(review(&fields, &[12], &doubts).is_empty());
        assert!(review(&[("title", Some("Mang lại hiệu quả"))], &[11], &doubts).is_empty());
    }
}
