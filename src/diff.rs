//! Two versions of a plan compared task by task and target by target: `kehoach-diff/1`
//! (docs/SCHEMA.md, "A diff").
//!
//! The library works on two [`PlanDocument`]s and reads no files (except [`load_document`], which turns a
//! command-line argument into one). So the store can reuse it as is: `kehoach diff --db FILE PLAN`
//! fetches the plan's two latest versions from the store as `PlanDocument`s and calls
//! [`diff_documents`], then prints with [`render_text`] or serde_json, like `kehoach diff OLD NEW`.
//!
//! ## Matching
//!
//! Tasks are matched one-to-one across the versions:
//! 1. **Anchors**: a pair with the same `ref` whose similarity is at least [`REF_THRESHOLD`] and which
//!    is the best pair of both its tasks (no other task on either side scores higher with them; this
//!    keeps a new task that took a renumbered task's ref from stealing its match).
//! 2. **The rest**: every remaining pair scoring at least [`THRESHOLD`], greedily by descending
//!    similarity (ties: same ref first, then document order).
//!
//! Similarity ([`task_similarity`]) is a weighted mean of word similarities ([`similarity`]: word-level
//! Levenshtein on diacritic-folded words, 1 − edits / longer length) of the title (0.6), the group title
//! (0.1), the output (0.15) and the KPI (0.15), each field counted only when both tasks have it (the
//! title always). The context fields separate tasks with the same title ("Hoàn thành ban hành." in seven
//! groups of plan 000). Targets: content (0.8) and section title (0.2).
//!
//! The thresholds were measured on the corpus (`cargo run --release --example diff_threshold`, README
//! "Comparing versions"): the lowest similarity of a true pair is 0.70 (000 → 003, a reworded title);
//! the highest of a pair of two tasks that both have no counterpart (deleted, new, unrelated) is 0.37
//! (001's Phụ lục II against its Phụ lục III; 0.355 for 001's Phụ lục III against 002, whose 17 true
//! pairs score 0.72 and up; 0.154 against 000's appendix); a wrong pair sharing a ref reaches 0.324.
//! Tasks with the same title in different groups score up to 0.92 against each other, but less than
//! their own true pairs: one-to-one matching, not the threshold, keeps them apart.

use crate::model::{Coded, Deadline, PlanDocument, Plan, Review, Target, TargetValue, Task, Unit};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

pub const DIFF_SCHEMA: &str = "kehoach-diff/1";

/// Pairs below this similarity are never matched (added + removed instead).
pub const THRESHOLD: f64 = 0.5;
/// Pairs with the same ref are matched first from this similarity on (mutual best only).
pub const REF_THRESHOLD: f64 = 0.4;

#[derive(Debug, Clone)]
pub struct DiffOptions {
    pub threshold: f64,
    pub ref_threshold: f64,
    /// Compare only this table (1-based ordinal) of the old document.
    pub old_table: Option<u32>,
    /// Compare only this table of the new document.
    pub new_table: Option<u32>,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions { threshold: THRESHOLD, ref_threshold: REF_THRESHOLD, old_table: None, new_table: None }
    }
}

// ---------------------------------------------------------------------------------------------
// The output shape

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PlanDiff {
    pub schema: String,
    pub old: Side,
    pub new: Side,
    pub added: Vec<Task>,
    pub removed: Vec<Task>,
    pub changed: Vec<TaskChange>,
    pub unchanged: usize,
    pub targets: TargetsDiff,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Side {
    pub file: String,
    pub plan: Plan,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TaskChange {
    pub old_ref: String,
    pub new_ref: String,
    pub similarity: f64,
    pub fields: TaskFields,
    /// Optional: the changed text fields each of whose changes swaps words a `review` of either
    /// version names for their other readings, or words the scan could not read: a scan's
    /// misreading, maybe no real change.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ocr_doubt: Vec<String>,
}

/// Old and new value of a field.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Change<T> {
    pub old: T,
    pub new: T,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct UnitsChange {
    pub added: Vec<Unit>,
    pub removed: Vec<Unit>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DeadlineChange {
    pub old: Option<Deadline>,
    pub new: Option<Deadline>,
    /// New `end` minus old `end` in days (positive: later); null when either has no `end`.
    pub days: Option<i64>,
}

/// Only what changed (SCHEMA.md order).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct TaskFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Change<Option<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<Change<Option<Coded>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<Change<Option<Coded>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Change<Option<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<Change<Option<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kpi: Option<Change<Option<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<UnitsChange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support: Option<UnitsChange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<DeadlineChange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Change<Option<String>>>,
}

impl TaskFields {
    pub fn is_empty(&self) -> bool {
        *self == TaskFields::default()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct TargetsDiff {
    pub added: Vec<Target>,
    pub removed: Vec<Target>,
    pub changed: Vec<TargetChange>,
    /// Optional (an addition to SCHEMA.md's shape): matched targets without a change.
    #[serde(default)]
    pub unchanged: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TargetChange {
    pub old_ref: String,
    pub new_ref: String,
    pub similarity: f64,
    pub fields: TargetFields,
    /// Optional: as [`TaskChange::ocr_doubt`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ocr_doubt: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct TargetFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Change<Option<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<Change<Option<Coded>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Change<Option<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_of_measure: Option<Change<Option<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Change<Option<TargetValue>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<UnitsChange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Change<Option<String>>>,
}

impl TargetFields {
    pub fn is_empty(&self) -> bool {
        *self == TargetFields::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Similarity

/// Diacritic-folded lower-case words (letters and digits; punctuation separates).
pub fn words(s: &str) -> Vec<String> {
    crate::rules::fold(s).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

fn word_sim(a: &Vec<String>, b: &Vec<String>) -> f64 {
    let n = a.len().max(b.len());
    if n == 0 {
        return 1.0;
    }
    1.0 - strsim::generic_levenshtein(a, b) as f64 / n as f64
}

/// Word-level similarity of two texts: 1 − (word insertions, deletions, substitutions) / longer length,
/// on diacritic-folded words. "Thực hiện mua sắm trang thiết bị" → "Thực hiện mua sắm, lắp đặt trang
/// thiết bị phục vụ giải quyết TTHC": 7 words inserted, 14 words: 0.5.
pub fn similarity(a: &str, b: &str) -> f64 {
    word_sim(&words(a), &words(b))
}

/// The words a task is matched on, computed once per task.
struct TaskKey {
    title: Vec<String>,
    group: Option<Vec<String>>,
    output: Option<Vec<String>>,
    kpi: Option<Vec<String>>,
}

fn opt_words(s: Option<&str>) -> Option<Vec<String>> {
    s.map(words).filter(|w| !w.is_empty())
}

impl TaskKey {
    fn of(t: &Task) -> Self {
        TaskKey {
            title: t.title.as_deref().map(words).unwrap_or_default(),
            group: opt_words(t.group.as_ref().map(|g| g.title.as_str())),
            output: opt_words(t.output.as_deref()),
            kpi: opt_words(t.kpi.as_deref()),
        }
    }
}

/// Weighted mean of the parts present: (weight, words a, words b); a part with `None` on either side is
/// left out, except the first (always counted).
fn weighted(parts: &[(f64, Option<&Vec<String>>, Option<&Vec<String>>)]) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    for (i, (w, a, b)) in parts.iter().enumerate() {
        match (a, b) {
            (Some(a), Some(b)) => {
                num += w * word_sim(a, b);
                den += w;
            }
            _ if i == 0 => den += w,
            _ => {}
        }
    }
    if den == 0.0 {
        0.0
    } else {
        num / den
    }
}

fn key_similarity(a: &TaskKey, b: &TaskKey) -> f64 {
    weighted(&[
        (0.6, Some(&a.title), Some(&b.title)),
        (0.1, a.group.as_ref(), b.group.as_ref()),
        (0.15, a.output.as_ref(), b.output.as_ref()),
        (0.15, a.kpi.as_ref(), b.kpi.as_ref()),
    ])
}

/// How alike two tasks are (0–1): title 0.6, group title 0.1, output 0.15, KPI 0.15 (see module docs).
pub fn task_similarity(a: &Task, b: &Task) -> f64 {
    key_similarity(&TaskKey::of(a), &TaskKey::of(b))
}

/// How alike two targets are: content 0.8, section title 0.2.
pub fn target_similarity(a: &Target, b: &Target) -> f64 {
    let c = |t: &Target| t.content.as_deref().map(words).unwrap_or_default();
    let s = |t: &Target| opt_words(t.section.as_ref().map(|s| s.title.as_str()));
    let (ca, cb, sa, sb) = (c(a), c(b), s(a), s(b));
    weighted(&[(0.8, Some(&ca), Some(&cb)), (0.2, sa.as_ref(), sb.as_ref())])
}

// ---------------------------------------------------------------------------------------------
// Matching

/// One-to-one matching of `old` and `new` items (indices and similarity), given their refs and the
/// similarity matrix `sim[i][j]`. See the module docs for the two phases.
pub fn match_items(old_refs: &[&str], new_refs: &[&str], sim: &[Vec<f64>], opts: &DiffOptions) -> Vec<(usize, usize, f64)> {
    const EPS: f64 = 1e-9;
    let (n_old, n_new) = (old_refs.len(), new_refs.len());
    let row_max: Vec<f64> = (0..n_old).map(|i| (0..n_new).map(|j| sim[i][j]).fold(0.0, f64::max)).collect();
    let col_max: Vec<f64> = (0..n_new).map(|j| (0..n_old).map(|i| sim[i][j]).fold(0.0, f64::max)).collect();
    let mut old_done = vec![false; n_old];
    let mut new_done = vec![false; n_new];
    let mut pairs = Vec::new();
    // 1. Same ref, similar, and the best pair of both.
    let by_ref: HashMap<&str, usize> = new_refs.iter().enumerate().map(|(j, r)| (*r, j)).collect();
    for i in 0..n_old {
        if let Some(&j) = by_ref.get(old_refs[i]) {
            let s = sim[i][j];
            if !new_done[j] && s >= opts.ref_threshold && s + EPS >= row_max[i] && s + EPS >= col_max[j] {
                old_done[i] = true;
                new_done[j] = true;
                pairs.push((i, j, s));
            }
        }
    }
    // 2. Greedy by descending similarity.
    let mut cands: Vec<(usize, usize, f64)> = Vec::new();
    for i in (0..n_old).filter(|&i| !old_done[i]) {
        for j in (0..n_new).filter(|&j| !new_done[j]) {
            if sim[i][j] >= opts.threshold {
                cands.push((i, j, sim[i][j]));
            }
        }
    }
    cands.sort_by(|a, b| {
        b.2.partial_cmp(&a.2)
            .unwrap()
            .then_with(|| (old_refs[b.0] == new_refs[b.1]).cmp(&(old_refs[a.0] == new_refs[a.1])))
            .then_with(|| a.0.cmp(&b.0))
            .then_with(|| a.1.cmp(&b.1))
    });
    for (i, j, s) in cands {
        if !old_done[i] && !new_done[j] {
            old_done[i] = true;
            new_done[j] = true;
            pairs.push((i, j, s));
        }
    }
    pairs.sort_by_key(|p| (p.1, p.0));
    pairs
}

// ---------------------------------------------------------------------------------------------
// Field comparison

fn unit_key(u: &Unit) -> &str {
    u.id.as_deref().unwrap_or(&u.name)
}

/// Units added and removed, compared by id (by name when the id is null); None when the same.
pub fn units_change(old: &[Unit], new: &[Unit]) -> Option<UnitsChange> {
    let has = |list: &[Unit], u: &Unit| list.iter().any(|x| unit_key(x) == unit_key(u));
    let mut c = UnitsChange::default();
    for u in new {
        if !has(old, u) && !has(&c.added, u) {
            c.added.push(u.clone());
        }
    }
    for u in old {
        if !has(new, u) && !has(&c.removed, u) {
            c.removed.push(u.clone());
        }
    }
    if c.added.is_empty() && c.removed.is_empty() {
        None
    } else {
        Some(c)
    }
}

fn change<T: PartialEq + Clone>(old: &T, new: &T) -> Option<Change<T>> {
    if old == new {
        None
    } else {
        Some(Change { old: old.clone(), new: new.clone() })
    }
}

/// Days since 1970-01-01 of an ISO date (proleptic Gregorian).
fn day_number(iso: &str) -> Option<i64> {
    let mut p = iso.splitn(3, '-');
    let (y, m, d): (i64, i64, i64) = (p.next()?.parse().ok()?, p.next()?.parse().ok()?, p.next()?.parse().ok()?);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146097 + doe - 719468)
}

pub fn deadline_change(old: &Option<Deadline>, new: &Option<Deadline>) -> Option<DeadlineChange> {
    if old == new {
        return None;
    }
    let end = |d: &Option<Deadline>| d.as_ref().and_then(|d| d.end.as_deref()).and_then(day_number);
    let days = match (end(old), end(new)) {
        (Some(a), Some(b)) => Some(b - a),
        _ => None,
    };
    Some(DeadlineChange { old: old.clone(), new: new.clone(), days })
}

/// Free text compared word by word with the tone-mark placement style folded: "số hoá" and "số
/// hóa" (or "Ủy"/"Uỷ") are one text, spelled two ways; a version that only respells them changed
/// nothing.
fn same_text(a: &str, b: &str) -> bool {
    use crate::repair::syllable::fold_tone_style_text as folded;
    a == b || folded(a) == folded(b)
}

/// [`change`] of a free-text field, by [`same_text`].
fn free_text_change(old: &Option<String>, new: &Option<String>) -> Option<Change<Option<String>>> {
    match (old, new) {
        (Some(a), Some(b)) if same_text(a, b) => None,
        _ => change(old, new),
    }
}

/// [`change`] of a section or group: its code, and its title by [`same_text`].
fn coded_change(old: &Option<Coded>, new: &Option<Coded>) -> Option<Change<Option<Coded>>> {
    match (old, new) {
        (Some(a), Some(b)) if a.code == b.code && same_text(&a.title, &b.title) => None,
        _ => change(old, new),
    }
}

pub fn task_fields(o: &Task, n: &Task) -> TaskFields {
    TaskFields {
        code: change(&o.code, &n.code),
        section: coded_change(&o.section, &n.section),
        group: coded_change(&o.group, &n.group),
        title: free_text_change(&o.title, &n.title),
        output: free_text_change(&o.output, &n.output),
        kpi: free_text_change(&o.kpi, &n.kpi),
        lead: units_change(&o.lead, &n.lead),
        support: units_change(&o.support, &n.support),
        deadline: deadline_change(&o.deadline, &n.deadline),
        note: free_text_change(&o.note, &n.note),
    }
}

pub fn target_fields(o: &Target, n: &Target) -> TargetFields {
    TargetFields {
        code: change(&o.code, &n.code),
        section: coded_change(&o.section, &n.section),
        content: free_text_change(&o.content, &n.content),
        unit_of_measure: free_text_change(&o.unit_of_measure, &n.unit_of_measure),
        target: change(&o.target, &n.target),
        lead: units_change(&o.lead, &n.lead),
        note: free_text_change(&o.note, &n.note),
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

// ---------------------------------------------------------------------------------------------
// The diff

/// The name a document goes by in a diff: its source file, else the given fallback (e.g. a path).
pub fn side_name(doc: &PlanDocument, fallback: &str) -> String {
    doc.source.as_ref().map(|s| s.file.clone()).filter(|f| !f.is_empty()).unwrap_or_else(|| fallback.to_string())
}

/// Compares two versions of a plan. `old_file` / `new_file` name them in the result.
pub fn diff_documents(old_file: &str, old: &PlanDocument, new_file: &str, new: &PlanDocument, opts: &DiffOptions) -> PlanDiff {
    let in_table = |t: u32, want: Option<u32>| want.map(|w| w == t).unwrap_or(true);
    let old_tasks: Vec<&Task> = old.tasks.iter().filter(|t| in_table(t.table, opts.old_table)).collect();
    let new_tasks: Vec<&Task> = new.tasks.iter().filter(|t| in_table(t.table, opts.new_table)).collect();
    let ok: Vec<TaskKey> = old_tasks.iter().map(|t| TaskKey::of(t)).collect();
    let nk: Vec<TaskKey> = new_tasks.iter().map(|t| TaskKey::of(t)).collect();
    let sim: Vec<Vec<f64>> = ok.iter().map(|a| nk.iter().map(|b| key_similarity(a, b)).collect()).collect();
    let old_refs: Vec<&str> = old_tasks.iter().map(|t| t.reference.as_str()).collect();
    let new_refs: Vec<&str> = new_tasks.iter().map(|t| t.reference.as_str()).collect();
    let pairs = match_items(&old_refs, &new_refs, &sim, opts);

    let mut old_matched = vec![false; old_tasks.len()];
    let mut new_matched = vec![false; new_tasks.len()];
    let mut changed = Vec::new();
    let mut unchanged = 0;
    for &(i, j, s) in &pairs {
        old_matched[i] = true;
        new_matched[j] = true;
        let fields = task_fields(old_tasks[i], new_tasks[j]);
        if fields.is_empty() && old_tasks[i].reference == new_tasks[j].reference {
            unchanged += 1;
        } else {
            let (o, n) = (old_tasks[i], new_tasks[j]);
            let texts = [
                ("group", fields.group.is_some() && o.group.as_ref().map(|g| &g.code) == n.group.as_ref().map(|g| &g.code), o.group.as_ref().map(|g| g.title.as_str()), n.group.as_ref().map(|g| g.title.as_str())),
                ("title", fields.title.is_some(), o.title.as_deref(), n.title.as_deref()),
                ("output", fields.output.is_some(), o.output.as_deref(), n.output.as_deref()),
                ("kpi", fields.kpi.is_some(), o.kpi.as_deref(), n.kpi.as_deref()),
                ("note", fields.note.is_some(), o.note.as_deref(), n.note.as_deref()),
            ];
            let ocr_doubt = ocr_doubt(&texts, &o.review, &n.review);
            changed.push(TaskChange { old_ref: old_refs[i].to_string(), new_ref: new_refs[j].to_string(), similarity: round3(s), fields, ocr_doubt });
        }
    }
    let added = new_tasks.iter().zip(&new_matched).filter(|(_, m)| !**m).map(|(t, _)| (*t).clone()).collect();
    let removed = old_tasks.iter().zip(&old_matched).filter(|(_, m)| !**m).map(|(t, _)| (*t).clone()).collect();

    // Targets (indicator tables).
    let old_t: Vec<&Target> = old.targets.iter().filter(|t| in_table(t.table, opts.old_table)).collect();
    let new_t: Vec<&Target> = new.targets.iter().filter(|t| in_table(t.table, opts.new_table)).collect();
    let tsim: Vec<Vec<f64>> = old_t.iter().map(|a| new_t.iter().map(|b| target_similarity(a, b)).collect()).collect();
    let old_tr: Vec<&str> = old_t.iter().map(|t| t.reference.as_str()).collect();
    let new_tr: Vec<&str> = new_t.iter().map(|t| t.reference.as_str()).collect();
    let tpairs = match_items(&old_tr, &new_tr, &tsim, opts);
    let mut targets = TargetsDiff::default();
    let (mut om, mut nm) = (vec![false; old_t.len()], vec![false; new_t.len()]);
    for &(i, j, s) in &tpairs {
        om[i] = true;
        nm[j] = true;
        let fields = target_fields(old_t[i], new_t[j]);
        if fields.is_empty() && old_tr[i] == new_tr[j] {
            targets.unchanged += 1;
        } else {
            let (o, n) = (old_t[i], new_t[j]);
            let texts = [
                ("content", fields.content.is_some(), o.content.as_deref(), n.content.as_deref()),
                ("unit_of_measure", fields.unit_of_measure.is_some(), o.unit_of_measure.as_deref(), n.unit_of_measure.as_deref()),
                ("note", fields.note.is_some(), o.note.as_deref(), n.note.as_deref()),
            ];
            let ocr_doubt = ocr_doubt(&texts, &o.review, &n.review);
            targets.changed.push(TargetChange { old_ref: old_tr[i].to_string(), new_ref: new_tr[j].to_string(), similarity: round3(s), fields, ocr_doubt });
        }
    }
    targets.added = new_t.iter().zip(&nm).filter(|(_, m)| !**m).map(|(t, _)| (*t).clone()).collect();
    targets.removed = old_t.iter().zip(&om).filter(|(_, m)| !**m).map(|(t, _)| (*t).clone()).collect();

    PlanDiff {
        schema: DIFF_SCHEMA.to_string(),
        old: Side { file: old_file.to_string(), plan: old.plan.clone() },
        new: Side { file: new_file.to_string(), plan: new.plan.clone() },
        added,
        removed,
        changed,
        unchanged,
        targets,
    }
}

/// The fields of `texts` (name, changed?, old text, new text) whose changes are all a scan's
/// misreadings as the reviews of the old or the new record name them for that field ("hạ tầng
/// mang" against "hạ tầng mạng", `mang` under review with `mạng` its other reading), which may be
/// no change at all. Born-digital versions have no reviews, so never.
/// The changes of a word diff, each as (words removed, words added), punctuation around each word
/// trimmed as a review names words.
fn change_hunks(ops: &[WordOp]) -> Vec<(Vec<String>, Vec<String>)> {
    let words = |s: &str| -> Vec<String> { s.split_whitespace().map(crate::tables::review_word).filter(|w| !w.is_empty()).collect() };
    let mut out: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    let mut open = false;
    for op in ops {
        match op {
            WordOp::Same(_) => open = false,
            WordOp::Removed(s) => {
                out.push((words(s), Vec::new()));
                open = true;
            }
            WordOp::Added(s) if open => out.last_mut().unwrap().1 = words(s),
            WordOp::Added(s) => out.push((Vec::new(), words(s))),
        }
    }
    out
}

fn ocr_doubt(texts: &[(&str, bool, Option<&str>, Option<&str>)], old: &[Review], new: &[Review]) -> Vec<String> {
    let trim = crate::tables::review_word;
    let mut out = Vec::new();
    for &(field, changed, o, n) in texts {
        let (Some(o), Some(n)) = (o, n) else { continue };
        let named: Vec<String> = old.iter().chain(new).filter(|r| r.field == field).flat_map(|r| std::iter::once(r.word.clone()).chain(r.other.clone())).map(|w| trim(&w)).collect();
        if !changed || named.is_empty() {
            continue;
        }
        // Each change (words removed, then words added, between two runs kept) is the scan's when
        // a review names the words on both sides (one as read, the other as its other reading:
        // "mang" / "mạng"), or when one side is words the scan could not read at all and the other
        // no longer ("t#" / "tờ"). A named word replaced by words no review names is an edit.
        let unread: Vec<String> = old.iter().chain(new).filter(|r| r.field == field && r.other.is_none()).map(|r| trim(&r.word)).collect();
        let scans = |(removed, added): &(Vec<String>, Vec<String>)| {
            let all_in = |ws: &[String], set: &[String]| ws.iter().all(|w| set.contains(w));
            let unread_over = |a: &[String], b: &[String]| !a.is_empty() && all_in(a, &unread) && b.len() <= a.len();
            (all_in(removed, &named) && all_in(added, &named)) || unread_over(added, removed) || unread_over(removed, added)
        };
        let hunks = change_hunks(&word_diff(o, n));
        if !hunks.is_empty() && hunks.iter().all(scans) {
            out.push(field.to_string());
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Inputs

/// Why an input could not be read: the pipeline's one-line error for a PDF, or a JSON problem.
#[derive(Debug)]
pub enum LoadError {
    Extract(crate::error::StageError),
    Json(String),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Extract(e) => write!(f, "{e}"),
            LoadError::Json(m) => write!(f, "json: {m}"),
        }
    }
}

/// Parses an `extract` JSON file (one `kehoach/1` plan document).
pub fn parse_document_json(text: &str) -> Result<PlanDocument, LoadError> {
    let values: Vec<serde_json::Value> = serde_json::Deserializer::from_str(text)
        .into_iter::<serde_json::Value>()
        .collect::<Result<_, _>>()
        .map_err(|e| LoadError::Json(format!("not valid JSON ({e})")))?;
    if values.len() != 1 {
        return Err(LoadError::Json(format!("holds {} JSON documents (JSON Lines of several plans?); give one plan", values.len())));
    }
    let v = values.into_iter().next().unwrap();
    match v.get("schema").and_then(|s| s.as_str()) {
        Some(crate::model::SCHEMA) => {}
        Some(other) => return Err(LoadError::Json(format!("schema is \"{other}\", not a {} plan document", crate::model::SCHEMA))),
        None => return Err(LoadError::Json(format!("not a {} plan document (no \"schema\" field)", crate::model::SCHEMA))),
    }
    serde_json::from_value(v).map_err(|e| LoadError::Json(format!("not a {} plan document ({e})", crate::model::SCHEMA)))
}

/// A diff input: an `extract` JSON file (first non-blank byte `{`) or anything else run through the
/// pipeline as a PDF (which gives its usual one-line reason when it is not one).
pub fn load_document(path: &Path, opts: &crate::Options) -> Result<PlanDocument, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError::Extract(crate::error::StageError::new(crate::error::Stage::Read, crate::error::Error::Io(e))))?;
    let start = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    if start.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
        let text = std::str::from_utf8(start).map_err(|_| LoadError::Json("not UTF-8 text".into()))?;
        return parse_document_json(text);
    }
    crate::extract_file_isolated(path, opts).map_err(LoadError::Extract)
}

// ---------------------------------------------------------------------------------------------
// Text rendering

#[derive(Debug, Clone, PartialEq)]
pub enum WordOp {
    Same(String),
    Removed(String),
    Added(String),
}

/// Word-level diff (whitespace-separated words, compared exactly): longest common subsequence, runs of
/// removed and added words grouped.
pub fn word_diff(old: &str, new: &str) -> Vec<WordOp> {
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    let (n, m) = (a.len(), b.len());
    // (words compared with the tone-mark placement style folded, as `same_text`: "hoá" is "hóa";
    // a word kept shows as the new version writes it)
    let (fa, fb): (Vec<String>, Vec<String>) = (a.iter().map(|w| crate::repair::syllable::fold_tone_style_text(w)).collect(), b.iter().map(|w| crate::repair::syllable::fold_tone_style_text(w)).collect());
    let mut l = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            l[i][j] = if fa[i] == fb[j] { l[i + 1][j + 1] + 1 } else { l[i + 1][j].max(l[i][j + 1]) };
        }
    }
    let mut ops: Vec<WordOp> = Vec::new();
    let push = |ops: &mut Vec<WordOp>, op: WordOp| {
        match (ops.last_mut(), &op) {
            (Some(WordOp::Same(s)), WordOp::Same(w)) | (Some(WordOp::Removed(s)), WordOp::Removed(w)) | (Some(WordOp::Added(s)), WordOp::Added(w)) => {
                s.push(' ');
                s.push_str(w);
            }
            _ => ops.push(op),
        }
    };
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && fa[i] == fb[j] {
            push(&mut ops, WordOp::Same(b[j].to_string()));
            i += 1;
            j += 1;
        } else if j < m && (i == n || l[i][j + 1] >= l[i + 1][j]) {
            push(&mut ops, WordOp::Added(b[j].to_string()));
            j += 1;
        } else {
            push(&mut ops, WordOp::Removed(a[i].to_string()));
            i += 1;
        }
    }
    // Removed before added within a change.
    let mut k = 0;
    while k + 1 < ops.len() {
        if matches!((&ops[k], &ops[k + 1]), (WordOp::Added(_), WordOp::Removed(_))) {
            ops.swap(k, k + 1);
        }
        k += 1;
    }
    ops
}

/// `[-removed-] {+added+}` inline, like `git diff --word-diff=plain`.
pub fn render_word_diff(old: &str, new: &str) -> String {
    word_diff(old, new)
        .into_iter()
        .map(|op| match op {
            WordOp::Same(s) => s,
            WordOp::Removed(s) => format!("[-{s}-]"),
            WordOp::Added(s) => format!("{{+{s}+}}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// At most `max` characters, cut at a word boundary, "…" added when cut.
fn short(s: &str, max: usize) -> String {
    let s = s.replace('\n', " ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > cut.len() / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    cut.trim_end_matches([' ', ',', ';', ':']).to_string() + "…"
}

fn units_text(us: &[Unit]) -> String {
    if us.is_empty() {
        "—".into()
    } else {
        us.iter().map(|u| u.name.as_str()).collect::<Vec<_>>().join("; ")
    }
}

fn coded_text(c: &Option<Coded>) -> String {
    match c {
        None => "—".into(),
        Some(Coded { code: Some(k), title }) => format!("{k}. {}", short(title, 60)),
        Some(Coded { code: None, title }) => short(title, 60),
    }
}

fn deadline_raw(d: &Option<Deadline>) -> String {
    d.as_ref().map(|d| d.raw.replace('\n', " ")).unwrap_or_else(|| "—".into())
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("—")
}

fn text_change(label: &str, c: &Change<Option<String>>, out: &mut Vec<String>) {
    match (&c.old, &c.new) {
        (Some(o), Some(n)) => out.push(format!("{label} reworded: {}", render_word_diff(o, n))),
        (None, Some(n)) => out.push(format!("{label} added: {}", n.replace('\n', " "))),
        (Some(o), None) => out.push(format!("{label} removed: {}", o.replace('\n', " "))),
        (None, None) => {}
    }
}

fn units_lines(label: &str, c: &UnitsChange, out: &mut Vec<String>) {
    if !c.added.is_empty() {
        out.push(format!("{label} added: {}", units_text(&c.added)));
    }
    if !c.removed.is_empty() {
        out.push(format!("{label} removed: {}", units_text(&c.removed)));
    }
}

fn deadline_line(c: &DeadlineChange) -> String {
    let (o, n) = (deadline_raw(&c.old), deadline_raw(&c.new));
    let plural = |d: i64| if d.abs() == 1 { "day" } else { "days" };
    match c.days {
        Some(d) if d > 0 => format!("deadline moved later by {d} {}: {o} → {n}", plural(d)),
        Some(d) if d < 0 => format!("deadline moved earlier by {} {}: {o} → {n}", -d, plural(d)),
        Some(_) => format!("deadline reworded, same due date: {o} → {n}"),
        None => format!("deadline changed: {o} → {n}"),
    }
}

/// The lines describing a task change, in SCHEMA.md field order.
pub fn change_lines(f: &TaskFields) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(c) = &f.code {
        out.push(format!("renumbered: {} → {}", opt(&c.old), opt(&c.new)));
    }
    for (label, c) in [("section", &f.section), ("group", &f.group)] {
        match c {
            // (the same code: the heading's words changed, not the task's place)
            Some(Change { old: Some(o), new: Some(n) }) if o.code == n.code => out.push(format!("{label} {}reworded: {}", o.code.as_ref().map(|k| format!("{k} ")).unwrap_or_default(), render_word_diff(&o.title, &n.title))),
            Some(c) => out.push(format!("moved from {label} {} to {label} {}", coded_text(&c.old), coded_text(&c.new))),
            None => {}
        }
    }
    for (label, c) in [("title", &f.title), ("output", &f.output), ("KPI", &f.kpi)] {
        if let Some(c) = c {
            text_change(label, c, &mut out);
        }
    }
    if let Some(c) = &f.lead {
        units_lines("lead", c, &mut out);
    }
    if let Some(c) = &f.support {
        units_lines("support", c, &mut out);
    }
    if let Some(c) = &f.deadline {
        out.push(deadline_line(c));
    }
    if let Some(c) = &f.note {
        text_change("note", c, &mut out);
    }
    out
}

fn target_change_lines(f: &TargetFields) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(c) = &f.code {
        out.push(format!("renumbered: {} → {}", opt(&c.old), opt(&c.new)));
    }
    match &f.section {
        Some(Change { old: Some(o), new: Some(n) }) if o.code == n.code => out.push(format!("section {}reworded: {}", o.code.as_ref().map(|k| format!("{k} ")).unwrap_or_default(), render_word_diff(&o.title, &n.title))),
        Some(c) => out.push(format!("moved from section {} to section {}", coded_text(&c.old), coded_text(&c.new))),
        None => {}
    }
    if let Some(c) = &f.content {
        text_change("content", c, &mut out);
    }
    if let Some(c) = &f.unit_of_measure {
        out.push(format!("unit of measure: {} → {}", opt(&c.old), opt(&c.new)));
    }
    if let Some(c) = &f.target {
        let raw = |t: &Option<TargetValue>| t.as_ref().map(|t| t.raw.clone()).unwrap_or_else(|| "—".into());
        out.push(format!("target: {} → {}", raw(&c.old), raw(&c.new)));
    }
    if let Some(c) = &f.lead {
        units_lines("lead", c, &mut out);
    }
    if let Some(c) = &f.note {
        text_change("note", c, &mut out);
    }
    out
}

/// A section heading key: table and section code (its title when uncoded).
fn section_key(table: u32, s: &Option<Coded>) -> (u32, String) {
    (table, s.as_ref().map(|s| s.code.clone().unwrap_or_else(|| s.title.clone())).unwrap_or_default())
}

fn section_heading(s: &Option<Coded>) -> String {
    match s {
        Some(Coded { code: Some(c), title }) => format!("{c}. {title}"),
        Some(Coded { code: None, title }) => title.clone(),
        None => "(no section)".into(),
    }
}

fn task_label(t: &Task) -> String {
    let code = t.code.clone().unwrap_or_else(|| t.reference.rsplit('/').next().unwrap_or("").to_string());
    format!("{code} {}", short(t.title.as_deref().unwrap_or("(no title)"), 90))
}

fn plan_lines(o: &Plan, n: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    let fields: [(&str, &Option<String>, &Option<String>); 5] = [
        ("kind", &o.kind, &n.kind),
        ("number", &o.number, &n.number),
        ("issued on", &o.issued_on, &n.issued_on),
        ("issuer", &o.issuer, &n.issuer),
        ("title", &o.title, &n.title),
    ];
    for (label, a, b) in fields {
        if a != b {
            match (a, b) {
                (Some(a), Some(b)) if label == "title" => out.push(format!("plan title reworded: {}", render_word_diff(a, b))),
                _ => out.push(format!("plan {label}: {} → {}", opt(a), opt(b))),
            }
        }
    }
    out
}

/// The readable report: a summary, then the changes grouped by section (the new version's sections
/// in order, then sections only the old one has), then targets.
pub fn render_text(d: &PlanDiff, old: &PlanDocument, new: &PlanDocument) -> String {
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(format!("kehoach diff: {} → {}", d.old.file, d.new.file));
    for l in plan_lines(&d.old.plan, &d.new.plan) {
        line(l);
    }
    let n_old = d.removed.len() + d.changed.len() + d.unchanged;
    let n_new = d.added.len() + d.changed.len() + d.unchanged;
    let renumbered = d.changed.iter().filter(|c| c.fields.code.is_some()).count();
    // (a section or group whose code stayed was reworded, not left)
    let left = |c: &Option<Change<Option<Coded>>>| c.as_ref().is_some_and(|c| c.old.as_ref().map(|x| &x.code) != c.new.as_ref().map(|x| &x.code));
    let moved = d.changed.iter().filter(|c| left(&c.fields.section) || left(&c.fields.group)).count();
    line(format!(
        "tasks: {n_old} → {n_new}: {} added, {} removed, {} changed ({renumbered} renumbered, {moved} moved), {} unchanged",
        d.added.len(),
        d.removed.len(),
        d.changed.len(),
        d.unchanged
    ));
    let t = &d.targets;
    if t.added.len() + t.removed.len() + t.changed.len() + t.unchanged > 0 {
        line(format!("targets: {} added, {} removed, {} changed, {} unchanged", t.added.len(), t.removed.len(), t.changed.len(), t.unchanged));
    }

    // Entries per section: (new-document order or old order for removals, lines).
    let multi_table = old.tables.len() > 1 || new.tables.len() > 1;
    let table_title = |doc: &PlanDocument, n: u32| (n as usize).checked_sub(1).and_then(|i| doc.tables.get(i)).map(|t| t.title.clone()).unwrap_or_else(|| format!("table {n}"));
    let mut order: Vec<(u32, String)> = Vec::new();
    let mut headings: HashMap<(u32, String), String> = HashMap::new();
    let mut entries: HashMap<(u32, String), Vec<String>> = HashMap::new();
    let mut note_section = |doc: &PlanDocument, t: &Task, order: &mut Vec<(u32, String)>| {
        let k = section_key(t.table, &t.section);
        if !headings.contains_key(&k) {
            let h = section_heading(&t.section);
            let h = if multi_table { format!("{} · {h}", table_title(doc, t.table)) } else { h };
            headings.insert(k.clone(), h);
            order.push(k.clone());
        }
        k
    };
    let changed_by_new: HashMap<&str, &TaskChange> = d.changed.iter().map(|c| (c.new_ref.as_str(), c)).collect();
    let added_refs: std::collections::HashSet<&str> = d.added.iter().map(|t| t.reference.as_str()).collect();
    for t in &new.tasks {
        let r = t.reference.as_str();
        let k = note_section(new, t, &mut order);
        let mut lines = Vec::new();
        if let Some(c) = changed_by_new.get(r) {
            lines.push(format!("~ {}", task_label(t)));
            let mut ls = change_lines(&c.fields);
            if ls.is_empty() {
                // Same fields, another ref: an uncoded row's number (#n) or the table's ordinal moved.
                ls.push(format!("ref: {} → {}", c.old_ref, c.new_ref));
            }
            for l in ls {
                lines.push(format!("    {l}"));
            }
            if !c.ocr_doubt.is_empty() {
                lines.push(format!("    (only words a scan's reading doubts changed in: {}; maybe no real change)", c.ocr_doubt.join(", ")));
            }
        } else if added_refs.contains(r) {
            lines.push(format!("+ {} (added)", task_label(t)));
            lines.push(format!("    lead: {}; deadline: {}", units_text(&t.lead), deadline_raw(&t.deadline)));
        }
        if !lines.is_empty() {
            entries.entry(k).or_default().extend(lines);
        }
    }
    for t in &d.removed {
        let k = note_section(old, t, &mut order);
        entries.entry(k).or_default().push(format!("- {} (removed)", task_label(t)));
    }
    for k in &order {
        if let Some(ls) = entries.get(k) {
            line(String::new());
            line(headings[k].clone());
            for l in ls {
                line(format!("  {l}"));
            }
        }
    }

    if t.added.len() + t.removed.len() + t.changed.len() > 0 {
        line(String::new());
        line("Targets".into());
        let content = |x: &Target| short(x.content.as_deref().unwrap_or("(no content)"), 90);
        for c in &t.changed {
            line(format!("  ~ {} {}", c.new_ref, new.targets.iter().find(|x| x.reference == c.new_ref).map(content).unwrap_or_default()));
            for l in target_change_lines(&c.fields) {
                line(format!("      {l}"));
            }
            if !c.ocr_doubt.is_empty() {
                line(format!("      (only words a scan's reading doubts changed in: {}; maybe no real change)", c.ocr_doubt.join(", ")));
            }
        }
        for x in &t.added {
            line(format!("  + {} {} (added)", x.reference, content(x)));
        }
        for x in &t.removed {
            line(format!("  - {} {} (removed)", x.reference, content(x)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(r: &str, group: (&str, &str), code: &str, title: &str, output: &str, kpi: &str) -> Task {
        let section = r.split('/').nth(1).unwrap().to_string();
        Task {
            reference: r.into(),
            table: 1,
            section: Some(Coded { code: Some(section.clone()), title: format!("Section {section}") }),
            group: Some(Coded { code: Some(group.0.into()), title: group.1.into() }),
            code: Some(code.into()),
            title: Some(title.into()),
            output: Some(output.into()),
            kpi: Some(kpi.into()),
            lead: vec![],
            support: vec![],
            deadline: None,
            note: None,
            pages: vec![],
            review: vec![],
        }
    }

    fn doc(tasks: Vec<Task>) -> PlanDocument {
        PlanDocument { schema: "kehoach/1".into(), source: None, plan: Plan::default(), tables: vec![], targets: vec![], tasks, warnings: vec![] }
    }

    const G7: (&str, &str) = ("7", "Bảo đảm an toàn, an ninh mạng trong suốt quá trình chuyển đổi số");
    const G2: (&str, &str) = ("2", "Bảo đảm bố trí nhân sự chuyên trách về công nghệ thông tin, chuyển đổi số");
    const G14: (&str, &str) = ("14", "Ban hành Kế hoạch triển khai Chiến lược quốc gia về thu hút, trọng dụng nhân tài");

    fn pairs(d: &PlanDiff) -> Vec<(String, String)> {
        d.changed.iter().map(|c| (c.old_ref.clone(), c.new_ref.clone())).collect()
    }

    #[test]
    fn word_similarity_counts_word_edits() {
        assert_eq!(similarity("Thực hiện mua sắm trang thiết bị", "Thực hiện mua sắm, lắp đặt trang thiết bị phục vụ giải quyết TTHC"), 0.5);
        assert_eq!(similarity("Hoàn thành ban hành.", "Hoàn thành ban hành"), 1.0);
        assert_eq!(similarity("Hoá", "hóa"), 1.0, "tone-mark style and case are folded");
        assert!((similarity("Hoàn thành Dự thảo Nghị quyết", "Hoàn thành Dự thảo Quyết định") - 4.0 / 6.0).abs() < 1e-9);
        assert_eq!(similarity("", ""), 1.0);
        assert_eq!(similarity("a b", ""), 0.0);
    }

    #[test]
    fn renumbered_task_is_matched_not_added() {
        // 7.4 deleted, 7.5 renumbered to 7.4: the new 7.4 must match the old 7.5, not the old 7.4.
        let old = doc(vec![
            task("1/I/7/7.3", G7, "7.3", "Theo dõi, đánh giá, phê duyệt hồ sơ đề xuất cấp độ an toàn thông tin", "Quyết định phê duyệt cấp độ", "100% hệ thống thông tin trên địa bàn tỉnh được phê duyệt cấp độ"),
            task("1/I/7/7.4", G7, "7.4", "Kiểm tra, đánh giá an toàn thông tin, phương án", "Báo cáo tổng kết các đợt kiểm tra", "100% hệ thống thông tin đã triển khai đầy đủ phương án bảo vệ"),
            task("1/I/7/7.5", G7, "7.5", "Sẵn sàng có phương án dự phòng, kịch bản ứng phó khi hệ thống bị lỗi, tấn công", "Phương án ứng cứu xử lý sự cố ATTT", "100% hệ thống thông tin đã ban hành đầy đủ các phương án ứng cứu"),
        ]);
        let mut new = doc(vec![old.tasks[0].clone(), old.tasks[2].clone()]);
        new.tasks[1].reference = "1/I/7/7.4".into();
        new.tasks[1].code = Some("7.4".into());
        let d = diff_documents("a", &old, "b", &new, &DiffOptions::default());
        assert_eq!(pairs(&d), vec![("1/I/7/7.5".to_string(), "1/I/7/7.4".to_string())]);
        assert_eq!(d.changed[0].fields.code, Some(Change { old: Some("7.5".into()), new: Some("7.4".into()) }));
        assert_eq!(d.changed[0].similarity, 1.0);
        assert_eq!(d.removed.len(), 1);
        assert_eq!(d.removed[0].reference, "1/I/7/7.4");
        assert!(d.added.is_empty());
        assert_eq!(d.unchanged, 1);
    }

    #[test]
    fn moved_task_with_reworded_title_is_matched() {
        let old = doc(vec![
            task("1/I/2/2.3", G2, "2.3", "Đào tạo 100 chuyên gia về chuyển đổi số", "Báo cáo Tổng kết các đợt tập huấn, bồi dưỡng 100 chuyên gia", "100 CBCCVC được giao phụ trách về chuyển đổi số"),
            task("1/I/2/2.4", G2, "2.4", "Đào tạo kỹ năng số cho CBCCVC theo Quyết định số 757/QĐ-BKHCN", "Báo cáo Tổng kết các đợt tập huấn, bồi dưỡng theo Quyết định số 757/QĐ-BKHCN", "90% CBCCVC hoàn thành sát hạch"),
        ]);
        let mut renum = old.tasks[1].clone();
        renum.reference = "1/I/2/2.3".into();
        renum.code = Some("2.3".into());
        let mut moved = task("1/II/14/14.4", G14, "14.4", "Đào tạo, bồi dưỡng 100 chuyên gia về chuyển đổi số", "Báo cáo Tổng kết các đợt tập huấn, bồi dưỡng 100 chuyên gia", "100 CBCCVC được giao phụ trách về chuyển đổi số");
        moved.section = Some(Coded { code: Some("II".into()), title: "Section II".into() });
        let new = doc(vec![renum, moved]);
        let d = diff_documents("a", &old, "b", &new, &DiffOptions::default());
        assert_eq!(pairs(&d), vec![("1/I/2/2.4".to_string(), "1/I/2/2.3".to_string()), ("1/I/2/2.3".to_string(), "1/II/14/14.4".to_string())]);
        let f = &d.changed[1].fields;
        assert!(f.section.is_some() && f.group.is_some() && f.code.is_some() && f.title.is_some());
        assert!(f.output.is_none() && f.kpi.is_none());
        assert!(d.added.is_empty() && d.removed.is_empty());
    }

    #[test]
    fn unrelated_task_with_the_same_ref_is_not_matched() {
        let old = doc(vec![task("1/I/2/2.4", G2, "2.4", "Đào tạo kỹ năng số cho CBCCVC theo Quyết định số 757/QĐ-BKHCN", "Báo cáo Tổng kết các đợt tập huấn", "90% CBCCVC hoàn thành sát hạch")]);
        let new = doc(vec![task("1/I/2/2.4", G2, "2.4", "Tập huấn kỹ năng số cơ bản cho người dân thông qua nền tảng Bình dân học vụ số", "Báo cáo kết quả tập huấn kỹ năng số cho người dân", "Tỷ lệ người dân trưởng thành được tập huấn đạt 50%")]);
        let d = diff_documents("a", &old, "b", &new, &DiffOptions::default());
        assert!(d.changed.is_empty(), "{:?}", pairs(&d));
        assert_eq!((d.added.len(), d.removed.len(), d.unchanged), (1, 1, 0));
    }

    #[test]
    fn same_title_in_another_group_goes_to_its_own_group() {
        // "Hoàn thành ban hành." in two groups; group 10 renumbered to 9 and 11 to 10: each task must
        // follow its own group's output and KPI, not the ref it lands on.
        let a = task("1/II/10/10.3", ("10", "Chính sách hỗ trợ tổ chức, cá nhân đầu tư"), "10.3", "Hoàn thành ban hành.", "Nghị quyết đã được cấp có thẩm quyền ban hành.", "01 Nghị quyết được Hội đồng nhân dân tỉnh thông qua, ban hành");
        let b = task("1/II/11/11.3", ("11", "Ban hành Quyết định thành lập Hội đồng quản lý Quỹ"), "11.3", "Hoàn thành ban hành.", "Quyết định đã được cấp có thẩm quyền ban hành.", "01 Quyết định được Ủy ban nhân dân tỉnh thông qua, ban hành");
        let old = doc(vec![a.clone(), b.clone()]);
        let mut a2 = a.clone();
        a2.reference = "1/II/9/9.3".into();
        a2.group = Some(Coded { code: Some("9".into()), title: a.group.as_ref().unwrap().title.clone() });
        let mut b2 = b.clone();
        b2.reference = "1/II/10/10.3".into();
        b2.group = Some(Coded { code: Some("10".into()), title: b.group.as_ref().unwrap().title.clone() });
        let new = doc(vec![a2, b2]);
        let d = diff_documents("a", &old, "b", &new, &DiffOptions::default());
        assert_eq!(pairs(&d), vec![("1/II/10/10.3".to_string(), "1/II/9/9.3".to_string()), ("1/II/11/11.3".to_string(), "1/II/10/10.3".to_string())]);
    }

    #[test]
    fn uncoded_row_renumbered_by_a_deletion_is_reported_by_ref() {
        let mut a = task("1/I/8/#1", ("8", "Phối hợp chặt chẽ với Ban Cơ yếu Chính phủ"), "x", "Tham mưu Thường trực Tỉnh ủy văn bản chỉ đạo", "Công văn triển khai", "100% các đơn vị hoàn thành triển khai");
        let mut b = task("1/I/8/#2", ("8", "Phối hợp chặt chẽ với Ban Cơ yếu Chính phủ"), "x", "Triển khai giải pháp bảo mật mạng thông tin diện rộng", "Hệ thống được triển khai", "100% cơ quan Đảng kết nối");
        a.code = None;
        b.code = None;
        let old = doc(vec![a, b.clone()]);
        b.reference = "1/I/8/#1".into();
        let new = doc(vec![b]);
        let d = diff_documents("a", &old, "b", &new, &DiffOptions::default());
        assert_eq!(pairs(&d), vec![("1/I/8/#2".to_string(), "1/I/8/#1".to_string())]);
        assert!(d.changed[0].fields.is_empty());
        assert_eq!(d.removed[0].reference, "1/I/8/#1");
        let text = render_text(&d, &old, &new);
        assert!(text.contains("    ref: 1/I/8/#2 → 1/I/8/#1\n"), "{text}");
        assert!(text.contains("- #1 Tham mưu Thường trực Tỉnh ủy văn bản chỉ đạo (removed)"), "{text}");
    }

    #[test]
    fn units_compare_by_id_then_name() {
        let u = |raw: &str, name: &str, id: Option<&str>| Unit { raw: raw.into(), name: name.into(), id: id.map(str::to_string), collective: false, parent: None };
        let old = vec![u("Sở KH&CN", "Sở Khoa học và Công nghệ", Some("so-khoa-hoc-va-cong-nghe")), u("Ban X", "Ban X", None)];
        let new = vec![u("Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ", Some("so-khoa-hoc-va-cong-nghe")), u("Ban Y", "Ban Y", None)];
        let c = units_change(&old, &new).unwrap();
        assert_eq!(c.added.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(), vec!["Ban Y"]);
        assert_eq!(c.removed.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(), vec!["Ban X"]);
        assert!(units_change(&old[..1], &new[..1]).is_none(), "same id, other spelling: no change");
    }

    #[test]
    fn deadline_days() {
        let d = |end: Option<&str>| Some(Deadline { raw: end.unwrap_or("Thường xuyên").into(), kind: "date".into(), start: None, end: end.map(str::to_string), recurrence: None, status: None, note: None, exceptions: vec![] });
        assert_eq!(deadline_change(&d(Some("2025-11-30")), &d(Some("2026-01-31"))).unwrap().days, Some(62));
        assert_eq!(deadline_change(&d(Some("2025-11-15")), &d(Some("2025-11-10"))).unwrap().days, Some(-5));
        assert_eq!(deadline_change(&d(Some("2024-02-28")), &d(Some("2024-03-01"))).unwrap().days, Some(2), "leap year");
        assert_eq!(deadline_change(&d(None), &d(Some("2025-12-31"))).unwrap().days, None);
        assert!(deadline_change(&d(Some("2025-12-31")), &d(Some("2025-12-31"))).is_none());
    }

    #[test]
    fn word_diff_marks_removed_and_added_words() {
        assert_eq!(
            render_word_diff("Tỷ lệ thành viên Tổ CNSCĐ được tập huấn đạt 60%", "Tỷ lệ thành viên Tổ CNSCĐ được tập huấn, bồi dưỡng đạt 80%"),
            "Tỷ lệ thành viên Tổ CNSCĐ được tập [-huấn-] {+huấn, bồi dưỡng+} đạt [-60%-] {+80%+}"
        );
        assert_eq!(render_word_diff("a b", "a b"), "a b");
        assert_eq!(render_word_diff("", "x y"), "{+x y+}");
    }

    #[test]
    fn json_input_errors_are_one_line() {
        let e = parse_document_json("{\"schema\": \"kehoach-diff/1\"}").unwrap_err().to_string();
        assert_eq!(e, "json: schema is \"kehoach-diff/1\", not a kehoach/1 plan document");
        let e = parse_document_json("{\"a\": 1}\n{\"a\": 2}\n").unwrap_err().to_string();
        assert!(e.starts_with("json: holds 2 JSON documents"), "{e}");
        let e = parse_document_json("{\"schema\": \"kehoach/1\"").unwrap_err().to_string();
        assert!(e.starts_with("json: not valid JSON"), "{e}");
        assert!(!e.contains('\n'));
    }

    /// A respelling of tone marks ("hoá" / "hóa") is no change; a group whose code stays and whose
    /// words change is reworded, not moved.
    #[test]
    fn tone_style_is_no_change_and_a_reworded_group_did_not_move() {
        let a = task("1/I/7/7.1", G7, "7.1", "Số hoá thành phần hồ sơ", "Báo cáo", "Đạt 100%");
        let mut b = task("1/I/7/7.1", G7, "7.1", "Số hóa thành phần hồ sơ", "Báo cáo", "Đạt 100%");
        assert!(task_fields(&a, &b).is_empty());
        b.group.as_mut().unwrap().title = G7.1.replace("mạng", "mang");
        let d = diff_documents("a", &doc(vec![a.clone()]), "b", &doc(vec![b.clone()]), &DiffOptions::default());
        let text = render_text(&d, &doc(vec![a]), &doc(vec![b]));
        assert!(text.contains("0 moved"), "{text}");
        assert!(text.contains("group 7 reworded: Bảo đảm an toàn, an ninh [-mạng-] {+mang+} trong suốt"), "{text}");
        assert_eq!(render_word_diff("tối ưu hoá, quy trình", "tối ưu hóa, quy trình"), "tối ưu hóa, quy trình");
    }

    /// A change confined to words a review names (on either side) is marked as maybe a scan's
    /// misreading; one that touches a word no review names is not.
    #[test]
    fn a_change_in_doubted_words_only_is_marked() {
        let old = task("1/I/7/7.2", G7, "7.2", "Rà soát hạ tầng mạng phục vụ TTHC", "Báo cáo", "100% giấy tờ");
        let mut new = task("1/I/7/7.2", G7, "7.2", "Rà soát hạ tầng mang phục vụ TTHC", "Báo cáo", "100% giấy t#");
        new.review = vec![
            Review { field: "title".into(), word: "mang".into(), other: Some("mạng".into()) },
            Review { field: "kpi".into(), word: "t#".into(), other: None },
        ];
        let d = diff_documents("a", &doc(vec![old.clone()]), "b", &doc(vec![new.clone()]), &DiffOptions::default());
        assert_eq!(d.changed[0].ocr_doubt, ["title", "kpi"]);
        let text = render_text(&d, &doc(vec![old.clone()]), &doc(vec![new.clone()]));
        assert!(text.contains("(only words a scan's reading doubts changed in: title, kpi; maybe no real change)"), "{text}");
        // A doubted word replaced by words no review names is an edit: not marked.
        let mut edit = new.clone();
        edit.title = Some("Rà soát hạ tầng viễn thông phục vụ TTHC".into());
        let d = diff_documents("a", &doc(vec![old.clone()]), "b", &doc(vec![edit]), &DiffOptions::default());
        assert_eq!(d.changed[0].ocr_doubt, ["kpi"]);
        // A real edit beside the doubted word: not marked.
        new.title = Some("Rà soát và nâng cấp hạ tầng mang phục vụ TTHC".into());
        let d = diff_documents("a", &doc(vec![old.clone()]), "b", &doc(vec![new.clone()]), &DiffOptions::default());
        assert_eq!(d.changed[0].ocr_doubt, ["kpi"]);
        // Born-digital on both sides: never.
        new.review.clear();
        let d = diff_documents("a", &doc(vec![old]), "b", &doc(vec![new]), &DiffOptions::default());
        assert!(d.changed[0].ocr_doubt.is_empty());
        assert!(!serde_json::to_string(&d).unwrap().contains("ocr_doubt"));
    }
}
