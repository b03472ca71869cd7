//! Field-level comparison of an extracted plan with its golden file, and the quality report.
//!
//! Golden files omit page numbers (they depend on the producer's layout): pages are checked for
//! plausibility instead. Every other field of every task, target, table and the plan is compared.

use crate::model::{PlanDocument, Target, Task, Unit};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The golden file of a corpus PDF: `corpus/000-lo.pdf` → `<golden_dir>/000.json` (both producers of
/// a plan share one golden file).
pub fn golden_for(pdf: &Path, golden_dir: &Path) -> PathBuf {
    let stem = pdf.file_stem().unwrap_or_default().to_string_lossy().to_string();
    let id = stem.split('-').next().unwrap_or(&stem).to_string();
    golden_dir.join(format!("{id}.json"))
}

/// One difference: document, ref, field, expected and actual values.
#[derive(Debug, Clone)]
pub struct Diff {
    pub reference: String,
    pub field: String,
    pub expected: String,
    pub got: String,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub document: String,
    /// field → (matches, total)
    pub fields: BTreeMap<String, (usize, usize)>,
    pub diffs: Vec<Diff>,
    /// Values compared with the tone-mark placement style folded ([`compare_ocr`]).
    pub tone_style_folded: bool,
}

impl Report {
    fn tally(&mut self, reference: &str, field: &str, expected: Value, got: Value) {
        let e = self.fields.entry(field.to_string()).or_insert((0, 0));
        e.1 += 1;
        let same = if self.tone_style_folded { fold_value(&expected) == fold_value(&got) } else { expected == got };
        if same {
            e.0 += 1;
        } else {
            self.diffs.push(Diff { reference: reference.to_string(), field: field.to_string(), expected: short(&expected), got: short(&got) });
        }
    }

    pub fn total(&self) -> (usize, usize) {
        self.fields.values().fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    }

    /// Differences outside the given pending fields.
    pub fn failures(&self, pending: &[&str]) -> Vec<&Diff> {
        self.diffs.iter().filter(|d| !pending.contains(&d.field.as_str())).collect()
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 400 {
        s.chars().take(400).collect::<String>() + "…"
    } else {
        s
    }
}

/// The fields produced by normalisation (issue 3); the others are text fields (issue 2).
pub const NORMALISED_FIELDS: &[&str] = &[
    "plan.number", "plan.issued_on", "plan.issuer", "lead", "support", "deadline", "target", "target.lead", "target.deadline",
];

fn raws(us: &[Unit]) -> Value {
    json!(us.iter().map(|u| u.raw.clone()).collect::<Vec<_>>())
}

/// A deadline or a target as normalised: everything but its raw text, which is its own field
/// (`deadline.raw`, `target.deadline.raw`, `target.raw`).
fn without_raw<T: serde::Serialize>(x: &Option<T>) -> Value {
    let mut v = serde_json::to_value(x).unwrap();
    v.as_object_mut().map(|o| o.remove("raw"));
    v
}

/// Units as normalised: name, id, collective, parent. The raw text is its own field (`lead.raw`,
/// `support.raw`, `target.lead.raw`), so OCR damage to a name the registry still recognises is
/// counted there and not twice (issue 8: units are scored after normalisation).
fn units(us: &[Unit]) -> Value {
    json!(us.iter().map(|u| json!({ "name": u.name, "id": u.id, "collective": u.collective, "parent": u.parent })).collect::<Vec<_>>())
}

fn task_fields(t: &Task) -> Vec<(&'static str, Value)> {
    vec![
        ("section", json!(t.section)),
        ("group", json!(t.group)),
        ("code", json!(t.code)),
        ("title", json!(t.title)),
        ("output", json!(t.output)),
        ("kpi", json!(t.kpi)),
        ("note", json!(t.note)),
        ("lead.raw", raws(&t.lead)),
        ("support.raw", raws(&t.support)),
        ("deadline.raw", json!(t.deadline.as_ref().map(|d| d.raw.clone()))),
        ("lead", units(&t.lead)),
        ("support", units(&t.support)),
        ("deadline", without_raw(&t.deadline)),
    ]
}

fn target_fields(t: &Target) -> Vec<(&'static str, Value)> {
    vec![
        ("section", json!(t.section)),
        ("code", json!(t.code)),
        ("content", json!(t.content)),
        ("unit_of_measure", json!(t.unit_of_measure)),
        ("note", json!(t.note)),
        ("target.raw", json!(t.target.as_ref().map(|v| v.raw.clone()))),
        ("target.lead.raw", raws(&t.lead)),
        ("target", without_raw(&t.target)),
        ("target.lead", units(&t.lead)),
        ("target.deadline.raw", json!(t.deadline.as_ref().map(|d| d.raw.clone()))),
        ("target.deadline", without_raw(&t.deadline)),
    ]
}

/// Every string in a value with each word's tone mark in the inventory's style ("hóa" → "hoá",
/// "ủy" → "uỷ").
fn fold_value(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(crate::repair::syllable::fold_tone_style_text(s)),
        Value::Array(a) => Value::Array(a.iter().map(fold_value).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, x)| (k.clone(), fold_value(x))).collect()),
        _ => v.clone(),
    }
}

/// Compares `got` against `golden`. `document` names the report.
pub fn compare(document: &str, golden: &PlanDocument, got: &PlanDocument) -> Report {
    compare_with(Report { document: document.to_string(), ..Default::default() }, golden, got)
}

/// [`compare`] for a plan read by OCR: the tone-mark placement style is folded in every value
/// ("đảng uỷ" and "đảng ủy" are the same field), as the issue scores OCR text. A scan cannot show
/// which style the golden file's source used: the repair writes the inventory's.
pub fn compare_ocr(document: &str, golden: &PlanDocument, got: &PlanDocument) -> Report {
    compare_with(Report { document: document.to_string(), tone_style_folded: true, ..Default::default() }, golden, got)
}

fn compare_with(mut r: Report, golden: &PlanDocument, got: &PlanDocument) -> Report {
    let p = |d: &PlanDocument| {
        vec![
            ("plan.kind", json!(d.plan.kind)),
            ("plan.number", json!(d.plan.number)),
            ("plan.issued_on", json!(d.plan.issued_on)),
            ("plan.issuer", json!(d.plan.issuer)),
            ("plan.title", json!(d.plan.title)),
        ]
    };
    for ((f, e), (_, g)) in p(golden).into_iter().zip(p(got)) {
        r.tally("plan", f, e, g);
    }
    for (i, gt) in golden.tables.iter().enumerate() {
        let ot = got.tables.get(i);
        let reference = format!("table {}", i + 1);
        r.tally(&reference, "tables.title", json!(gt.title), json!(ot.map(|t| t.title.clone())));
        r.tally(&reference, "tables.columns", json!(gt.columns), json!(ot.map(|t| t.columns.clone())));
    }
    if got.tables.len() > golden.tables.len() {
        r.tally("tables", "tables.count", json!(golden.tables.len()), json!(got.tables.len()));
    }
    let pages = got.source.as_ref().map(|s| s.pages).unwrap_or(u32::MAX);
    let by_ref: BTreeMap<&str, &Task> = got.tasks.iter().map(|t| (t.reference.as_str(), t)).collect();
    for gt in &golden.tasks {
        let ot = by_ref.get(gt.reference.as_str());
        r.tally(&gt.reference, "task.found", json!(true), json!(ot.is_some()));
        let Some(ot) = ot else { continue };
        for ((f, e), (_, g)) in task_fields(gt).into_iter().zip(task_fields(ot)) {
            r.tally(&gt.reference, f, e, g);
        }
        r.tally(&gt.reference, "pages", json!(true), json!(plausible_pages(&ot.pages, pages)));
    }
    let golden_refs: std::collections::HashSet<&str> = golden.tasks.iter().map(|t| t.reference.as_str()).collect();
    for ot in &got.tasks {
        if !golden_refs.contains(ot.reference.as_str()) {
            r.tally(&ot.reference, "task.extra", json!(null), json!(ot.title));
        }
    }
    let by_ref: BTreeMap<&str, &Target> = got.targets.iter().map(|t| (t.reference.as_str(), t)).collect();
    for gt in &golden.targets {
        let ot = by_ref.get(gt.reference.as_str());
        r.tally(&gt.reference, "target.found", json!(true), json!(ot.is_some()));
        let Some(ot) = ot else { continue };
        for ((f, e), (_, g)) in target_fields(gt).into_iter().zip(target_fields(ot)) {
            r.tally(&gt.reference, f, e, g);
        }
        r.tally(&gt.reference, "pages", json!(true), json!(plausible_pages(&ot.pages, pages)));
    }
    let golden_refs: std::collections::HashSet<&str> = golden.targets.iter().map(|t| t.reference.as_str()).collect();
    for ot in &got.targets {
        if !golden_refs.contains(ot.reference.as_str()) {
            r.tally(&ot.reference, "target.extra", json!(null), json!(ot.content));
        }
    }
    r
}

fn plausible_pages(p: &[u32], max: u32) -> bool {
    !p.is_empty() && p.windows(2).all(|w| w[0] < w[1]) && p.iter().all(|&x| x >= 1 && x <= max)
}

/// A table of exact-match rates: one row per field, one column per document.
pub fn render(reports: &[Report]) -> String {
    let mut fields: Vec<String> = reports.iter().flat_map(|r| r.fields.keys().cloned()).collect();
    fields.sort();
    fields.dedup();
    let mut out = String::new();
    let w = 18usize;
    out.push_str(&format!("{:<22}", "field"));
    for r in reports {
        out.push_str(&format!("{:>w$}", truncate(&r.document, w - 1)));
    }
    out.push('\n');
    for f in &fields {
        let tag = if NORMALISED_FIELDS.contains(&f.as_str()) { " (norm)" } else { "" };
        out.push_str(&format!("{:<22}", format!("{f}{tag}")));
        for r in reports {
            match r.fields.get(f) {
                Some((ok, n)) => out.push_str(&format!("{:>w$}", format!("{:.1}% {ok}/{n}", 100.0 * *ok as f64 / *n as f64))),
                None => out.push_str(&format!("{:>w$}", "-")),
            }
        }
        out.push('\n');
    }
    // Text fields (extraction, issue 2) and normalised fields (issue 3) summed separately.
    for (label, norm) in [("TEXT FIELDS", false), ("NORMALISED FIELDS", true)] {
        out.push_str(&format!("{:<22}", label));
        for r in reports {
            let (ok, n) = r
                .fields
                .iter()
                .filter(|(f, _)| NORMALISED_FIELDS.contains(&f.as_str()) == norm)
                .fold((0usize, 0usize), |a, (_, (ok, n))| (a.0 + *ok, a.1 + *n));
            out.push_str(&format!("{:>w$}", format!("{:.2}%", 100.0 * ok as f64 / n.max(1) as f64)));
        }
        out.push('\n');
    }
    out.push_str(&format!("{:<22}", "ALL FIELDS"));
    for r in reports {
        let (ok, n) = r.total();
        out.push_str(&format!("{:>w$}", format!("{:.2}%", 100.0 * ok as f64 / n.max(1) as f64)));
    }
    out.push('\n');
    out
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n).collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Scanned plans (issue 8): the text-level measures beside the exact fields.

/// Tokens of a cell for syllable scoring: punctuation stripped at the ends, tone-mark placement
/// style folded (as `repair-check` scores, `train::score`), case kept.
fn syllables(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '%' | '&')))
        .filter(|t| !t.is_empty())
        .map(crate::repair::syllable::fold_tone_style)
        .collect()
}

/// Longest common subsequence of two token lists.
fn lcs(a: &[String], b: &[String]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    for x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { prev[j + 1].max(cur[j]) };
        }
        prev = cur;
    }
    prev[b.len()]
}

fn task_texts(t: &Task) -> Vec<String> {
    let mut v = vec![t.title.clone().unwrap_or_default(), t.output.clone().unwrap_or_default(), t.kpi.clone().unwrap_or_default(), t.note.clone().unwrap_or_default()];
    v.push(t.group.as_ref().map(|g| g.title.clone()).unwrap_or_default());
    v.extend(t.lead.iter().chain(&t.support).map(|u| u.raw.clone()));
    v.push(t.deadline.as_ref().map(|d| d.raw.clone()).unwrap_or_default());
    v
}

fn target_texts(t: &Target) -> Vec<String> {
    let mut v = vec![t.content.clone().unwrap_or_default(), t.unit_of_measure.clone().unwrap_or_default(), t.note.clone().unwrap_or_default()];
    v.push(t.target.as_ref().map(|x| x.raw.clone()).unwrap_or_default());
    v.extend(t.lead.iter().map(|u| u.raw.clone()));
    v
}

/// Cell-text syllable accuracy of `got` against `golden`: over every task and target of the golden
/// file (matched by ref; a record not found scores nothing), the syllables of its text cells (title,
/// output, KPI, note, group title, raw units, raw deadline; content, unit of measure, raw target)
/// that `got` has in the same order (longest common subsequence), over all golden syllables.
/// Returns (right, total).
pub fn syllable_accuracy(golden: &PlanDocument, got: &PlanDocument) -> (usize, usize) {
    let score = |g: Vec<String>, o: Option<Vec<String>>| -> (usize, usize) {
        let gs: Vec<String> = g.iter().flat_map(|c| syllables(c)).collect();
        let os: Vec<String> = o.map(|o| o.iter().flat_map(|c| syllables(c)).collect()).unwrap_or_default();
        (lcs(&gs, &os), gs.len())
    };
    let tasks: BTreeMap<&str, &Task> = got.tasks.iter().map(|t| (t.reference.as_str(), t)).collect();
    let targets: BTreeMap<&str, &Target> = got.targets.iter().map(|t| (t.reference.as_str(), t)).collect();
    let mut acc = (0, 0);
    for t in &golden.tasks {
        let s = score(task_texts(t), tasks.get(t.reference.as_str()).map(|o| task_texts(o)));
        acc = (acc.0 + s.0, acc.1 + s.1);
    }
    for t in &golden.targets {
        let s = score(target_texts(t), targets.get(t.reference.as_str()).map(|o| target_texts(o)));
        acc = (acc.0 + s.0, acc.1 + s.1);
    }
    acc
}

/// The got-side tokens of `o` that the longest common subsequence with `g` leaves out: the words
/// read wrong (or not in the golden text at all).
fn unmatched(g: &[String], o: &[String]) -> Vec<bool> {
    let (n, m) = (g.len(), o.len());
    let mut t = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i][j] = if g[i] == o[j] { t[i + 1][j + 1] + 1 } else { t[i + 1][j].max(t[i][j + 1]) };
        }
    }
    let mut out = vec![true; m];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if g[i] == o[j] {
            out[j] = false;
            (i, j) = (i + 1, j + 1);
        } else if t[i + 1][j] >= t[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// How the review pointers (`Task::review`, `Target::review`) of `got` cover its errors, over the
/// free-text fields they point into (task: group title, title, output, KPI, raw deadline, note;
/// target: content, unit of measure, raw target, raw deadline, note) of the records `golden` and
/// `got` share: (words flagged, words, wrong words flagged, wrong words). A word is wrong when
/// the longest common subsequence with the golden field leaves it out; flagged when a review entry
/// of its record and field names it.
pub fn review_coverage(golden: &PlanDocument, got: &PlanDocument) -> (usize, usize, usize, usize) {
    let mut acc = (0, 0, 0, 0);
    let mut add = |g: &[(&'static str, Option<&str>)], o: &[(&'static str, Option<&str>)], review: &[crate::model::Review]| {
        for (&(field, gt), &(_, ot)) in g.iter().zip(o) {
            let (gt, ot) = (gt.unwrap_or_default(), ot.unwrap_or_default());
            let (gs, os) = (syllables(gt), syllables(ot));
            let flagged_words: Vec<String> = review.iter().filter(|r| r.field == *field).flat_map(|r| syllables(&r.word)).collect();
            for (w, wrong) in os.iter().zip(unmatched(&gs, &os)) {
                let flagged = flagged_words.contains(w);
                acc.0 += flagged as usize;
                acc.1 += 1;
                acc.2 += (flagged && wrong) as usize;
                acc.3 += wrong as usize;
                if wrong && std::env::var_os("KEHOACH_DEBUG_REVIEW").is_some() {
                    eprintln!("{} {field}: {w} in «{ot}»", if flagged { "FLAGGED" } else { "missed" });
                }
            }
        }
    };
    let tasks: BTreeMap<&str, &Task> = got.tasks.iter().map(|t| (t.reference.as_str(), t)).collect();
    let targets: BTreeMap<&str, &Target> = got.targets.iter().map(|t| (t.reference.as_str(), t)).collect();
    for t in &golden.tasks {
        if let Some(o) = tasks.get(t.reference.as_str()) {
            add(&t.text_fields(), &o.text_fields(), &o.review);
        }
    }
    for t in &golden.targets {
        if let Some(o) = targets.get(t.reference.as_str()) {
            add(&t.text_fields(), &o.text_fields(), &o.review);
        }
    }
    acc
}

/// One column of the scanned-plans report.
#[derive(Debug, Clone)]
pub struct ScanRow {
    pub document: String,
    pub report: Report,
    pub syllables: (usize, usize),
    /// [`review_coverage`].
    pub review: (usize, usize, usize, usize),
    pub seconds: f64,
}

/// Scanned and born-digital plans side by side: refs found, cell-text syllables, exact fields,
/// deadlines, units and targets.
pub fn render_scanned(rows: &[ScanRow]) -> String {
    let w = 18usize;
    let mut out = format!("{:<26}", "measure");
    for r in rows {
        out.push_str(&format!("{:>w$}", truncate(&r.document, w - 1)));
    }
    out.push('\n');
    let frac = |ok: usize, n: usize| format!("{:.2}% {ok}/{n}", 100.0 * ok as f64 / n.max(1) as f64);
    let field = |r: &Report, names: &[&str]| names.iter().filter_map(|f| r.fields.get(*f)).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    let lines: Vec<(&str, Box<dyn Fn(&ScanRow) -> String>)> = vec![
        ("refs found (tasks+targets)", Box::new(move |r: &ScanRow| { let (ok, n) = field(&r.report, &["task.found", "target.found"]); format!("{ok}/{n}") })),
        ("extra records", Box::new(move |r: &ScanRow| { let (_, n) = field(&r.report, &["task.extra", "target.extra"]); format!("{n}") })),
        ("cell-text syllables", Box::new(move |r: &ScanRow| frac(r.syllables.0, r.syllables.1))),
        ("exact fields (all)", Box::new(move |r: &ScanRow| { let (ok, n) = r.report.total(); frac(ok, n) })),
        ("deadlines (normalised)", Box::new(move |r: &ScanRow| { let (ok, n) = field(&r.report, &["deadline", "target.deadline"]); frac(ok, n) })),
        ("units (lead+support)", Box::new(move |r: &ScanRow| { let (ok, n) = field(&r.report, &["lead", "support", "target.lead"]); frac(ok, n) })),
        ("targets (normalised)", Box::new(move |r: &ScanRow| { let (ok, n) = field(&r.report, &["target"]); frac(ok, n) })),
        ("units raw text", Box::new(move |r: &ScanRow| { let (ok, n) = field(&r.report, &["lead.raw", "support.raw", "target.lead.raw"]); frac(ok, n) })),
        ("deadlines raw text", Box::new(move |r: &ScanRow| { let (ok, n) = field(&r.report, &["deadline.raw", "target.deadline.raw"]); frac(ok, n) })),
        ("words flagged for review", Box::new(move |r: &ScanRow| frac(r.review.0, r.review.1))),
        ("wrong words flagged", Box::new(move |r: &ScanRow| if r.review.3 == 0 { "-".into() } else { frac(r.review.2, r.review.3) })),
        ("seconds", Box::new(move |r: &ScanRow| format!("{:.1}", r.seconds))),
    ];
    for (label, f) in &lines {
        out.push_str(&format!("{:<26}", label));
        for r in rows {
            out.push_str(&format!("{:>w$}", f(r)));
        }
        out.push('\n');
    }
    out
}

/// The OCR repair model `kehoach check --scanned` repairs plan `id` with: trained as `repair-check`
/// trains its held-out models (`train::held_out_split`), without that plan.
/// Returns the model and the plans its language model was trained on.
pub fn held_out_model(id: &str, pairs_dir: &Path, plans_dir: &Path) -> std::io::Result<(crate::repair::ocr::OcrRepair, Vec<String>)> {
    held_out(id, pairs_dir, plans_dir, false)
}

/// Like [`held_out_model`], for text Tesseract's Vietnamese model read (`extract --ocr` pages): the
/// same held-out language model, the channel learned from the held-out plans' `pairs-NNN-vie.tsv`,
/// `train::vie_params`.
pub fn held_out_vie_model(id: &str, pairs_dir: &Path, plans_dir: &Path) -> std::io::Result<crate::repair::ocr::OcrRepair> {
    held_out(id, pairs_dir, plans_dir, true).map(|(m, _)| m)
}

fn held_out(id: &str, pairs_dir: &Path, plans_dir: &Path, vie: bool) -> std::io::Result<(crate::repair::ocr::OcrRepair, Vec<String>)> {
    use crate::repair::{lm, ocr, train};
    let all: Vec<(String, Vec<train::Pair>)> = train::all_pairs(pairs_dir).into_iter().filter(|(d, _)| !train::is_derived(d)).collect();
    let plan_lines = train::plan_lines(plans_dir)?;
    let docs: Vec<&str> = all.iter().map(|(d, _)| d.as_str()).collect();
    let split = train::held_out_split(id, &docs, &plan_lines);
    let (channel_pairs, params) = if vie { (train::vie_pairs(pairs_dir), train::vie_params(ocr::Params::default())) } else { (train::channel_pairs(pairs_dir), ocr::Params::default()) };
    let (counts, ch) = train::training_counts(&lm::generic_counts(), &plan_lines, &channel_pairs, |d| split.lm.iter().any(|x| x == d), |d| split.channel.iter().any(|x| x == d), lm::PLAN_WEIGHT);
    Ok((ocr::OcrRepair::new(&counts, &ch, params), split.lm))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_a_reading_got_wrong() {
        let w = |s: &str| syllables(s);
        assert_eq!(unmatched(&w("hạ tầng mạng phục vụ"), &w("hạ tầng mang phục vụ")), [false, false, true, false, false]);
        assert_eq!(unmatched(&w("giấy tờ có"), &w("giấy t# x có")), [false, true, true, false]);
        assert_eq!(unmatched(&w("a b"), &w("")), Vec::<bool>::new());
    }
}
