//! `kehoach ingest`: bulk-loads PDFs into the store.
//!
//! Inputs are files and folders (walked recursively, in name order). A file is a PDF when its name
//! ends in `.pdf` (any case) or its first bytes hold a `%PDF-` header; anything else is listed as
//! skipped. PDFs are extracted in parallel on a rayon pool, each with `extract_file_isolated` (one
//! error line per bad file, a per-document time limit); a file whose SHA-256 is already in the store
//! is not extracted again. One writer loads the results in input order, one transaction per
//! document, so the same inputs give the same store whatever the number of threads, and a killed
//! run leaves only whole documents behind: running it again loads what is missing.

use crate::store::{Added, Store};
use crate::{extract_file_isolated, sha256_hex, Options};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    pub extract: Options,
    /// Extraction threads (default: one per core).
    pub jobs: Option<usize>,
    /// Draw a progress bar on stderr (the CLI sets this when stderr is a terminal).
    pub progress: bool,
}

/// What happened to one input.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Loaded { path: PathBuf, plan_id: i64, version_id: i64, version: u32, new_plan: bool, tasks: usize, targets: usize },
    AlreadyLoaded { path: PathBuf, version_id: i64 },
    /// `line` is the error line `kehoach extract` prints for this file: `kehoach: FILE: STAGE: reason`.
    Failed { path: PathBuf, line: String },
    Skipped { path: PathBuf, reason: String },
}

#[derive(Debug, Default)]
pub struct Report {
    pub outcomes: Vec<Outcome>,
}

impl Report {
    pub fn loaded(&self) -> usize {
        self.outcomes.iter().filter(|o| matches!(o, Outcome::Loaded { .. })).count()
    }
    pub fn already_loaded(&self) -> usize {
        self.outcomes.iter().filter(|o| matches!(o, Outcome::AlreadyLoaded { .. })).count()
    }
    pub fn failed(&self) -> usize {
        self.outcomes.iter().filter(|o| matches!(o, Outcome::Failed { .. })).count()
    }
    pub fn skipped(&self) -> usize {
        self.outcomes.iter().filter(|o| matches!(o, Outcome::Skipped { .. })).count()
    }

    /// The summary: each failure's line, each skipped file, (with `verbose`) each loaded file, then
    /// the counts.
    pub fn render(&self, verbose: bool) -> String {
        let mut s = String::new();
        for o in &self.outcomes {
            match o {
                Outcome::Failed { line, .. } => s += &format!("{line}\n"),
                Outcome::Skipped { path, reason } => s += &format!("kehoach: {}: skipped: {reason}\n", path.display()),
                Outcome::Loaded { path, plan_id, version, new_plan, tasks, targets, .. } if verbose => {
                    s += &format!(
                        "kehoach: {}: loaded: plan #{plan_id}{} version {version}, {tasks} tasks, {targets} targets\n",
                        path.display(),
                        if *new_plan { " (new)" } else { "" }
                    )
                }
                Outcome::AlreadyLoaded { path, version_id } if verbose => {
                    s += &format!("kehoach: {}: already loaded (version id {version_id})\n", path.display())
                }
                _ => {}
            }
        }
        s += &format!(
            "ingest: {} loaded, {} already loaded, {} failed, {} skipped\n",
            self.loaded(),
            self.already_loaded(),
            self.failed(),
            self.skipped()
        );
        s
    }
}

/// True when a file is to be read as a PDF: a `.pdf` name, or a `%PDF-1.x`/`%PDF-2.x` header at the
/// start of a line in its first 1024 bytes (where readers accept it; a text that merely mentions
/// "%PDF-" is not one).
pub fn looks_like_pdf(path: &Path) -> std::io::Result<bool> {
    if path.extension().map(|e| e.eq_ignore_ascii_case("pdf")).unwrap_or(false) {
        return Ok(true);
    }
    let mut head = Vec::with_capacity(1024);
    std::fs::File::open(path)?.take(1024).read_to_end(&mut head)?;
    Ok(head
        .windows(6)
        .enumerate()
        .any(|(i, w)| &w[..5] == b"%PDF-" && w[5].is_ascii_digit() && (i == 0 || matches!(head[i - 1], b'\n' | b'\r'))))
}

fn io_line(path: &Path, what: &str, e: &std::io::Error) -> Outcome {
    Outcome::Failed { path: path.to_path_buf(), line: format!("kehoach: {}: read: cannot read {what}: {e}", path.display()) }
}

/// Expands the inputs: the PDFs to load (in order) and the inputs already settled (skipped, or
/// failed because they cannot be read), each with its position so the report keeps input order.
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<(usize, PathBuf)>, Vec<(usize, Outcome)>) {
    let mut pdfs = Vec::new();
    let mut settled = Vec::new();
    let mut seen_dirs = HashSet::new();
    let mut n = 0usize;
    for p in paths {
        walk(p, &mut n, &mut pdfs, &mut settled, &mut seen_dirs);
    }
    (pdfs, settled)
}

fn walk(p: &Path, n: &mut usize, pdfs: &mut Vec<(usize, PathBuf)>, settled: &mut Vec<(usize, Outcome)>, seen: &mut HashSet<PathBuf>) {
    let i = *n;
    *n += 1;
    let meta = match std::fs::metadata(p) {
        Ok(m) => m,
        Err(e) => {
            settled.push((i, io_line(p, "file", &e)));
            return;
        }
    };
    if meta.is_dir() {
        // A folder reached twice (a symlink loop, or named twice) is walked once.
        if !seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())) {
            return;
        }
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(p) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                settled.push((i, io_line(p, "folder", &e)));
                return;
            }
        };
        entries.sort();
        for e in entries {
            walk(&e, n, pdfs, settled, seen);
        }
        return;
    }
    match looks_like_pdf(p) {
        Ok(true) => pdfs.push((i, p.to_path_buf())),
        Ok(false) => settled.push((i, Outcome::Skipped { path: p.to_path_buf(), reason: "not a PDF (no .pdf name, no %PDF- header)".into() })),
        Err(e) => settled.push((i, io_line(p, "file", &e))),
    }
}

/// The result of the parallel stage for one PDF.
enum Prepared {
    /// Already in the store (by SHA-256) when the run started.
    Known(String),
    Extracted(Box<crate::model::PlanDocument>),
    Failed(String),
}

/// Loads `paths` into `store`. Never stops at a bad file: each costs one `Failed` outcome.
pub fn ingest(store: &mut Store, paths: &[PathBuf], opts: &IngestOptions) -> Report {
    let (pdfs, settled) = collect_inputs(paths);
    let mut outcomes: BTreeMap<usize, Outcome> = settled.into_iter().collect();
    let known = match store.known_sha256() {
        Ok(k) => k,
        Err(e) => {
            // Cannot even read the store: every PDF fails with the same reason.
            for (i, p) in pdfs {
                outcomes.insert(i, Outcome::Failed { path: p.clone(), line: format!("kehoach: {}: store: {e}", p.display()) });
            }
            return Report { outcomes: outcomes.into_values().collect() };
        }
    };
    let bar = if opts.progress {
        let b = indicatif::ProgressBar::new(pdfs.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed_precise} (eta {eta}) {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b.enable_steady_tick(Duration::from_millis(200));
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(opts.jobs.unwrap_or(0)).thread_name(|i| format!("kehoach-ingest-{i}")).build() {
        Ok(p) => p,
        Err(e) => {
            for (i, p) in pdfs {
                outcomes.insert(i, Outcome::Failed { path: p.clone(), line: format!("kehoach: {}: ingest: {e}", p.display()) });
            }
            return Report { outcomes: outcomes.into_values().collect() };
        }
    };
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Prepared)>();
    let extract_opts = opts.extract.clone();
    std::thread::scope(|s| {
        let pdfs_ref = &pdfs;
        let known = &known;
        s.spawn(move || {
            pool.install(|| {
                // par_bridge hands out files in input order, so results arrive roughly in order and
                // the writer's reorder buffer stays small.
                pdfs_ref.iter().enumerate().par_bridge().for_each_with(tx, |tx, (k, (_, p))| {
                    let prepared = match std::fs::read(p) {
                        Err(e) => Prepared::Failed(format!("kehoach: {}: read: cannot read file: {e}", p.display())),
                        Ok(bytes) => match sha256_hex(&bytes) {
                            sha if known.contains(&sha) => Prepared::Known(sha),
                            _ => match extract_file_isolated(p, &extract_opts) {
                            Ok(doc) => Prepared::Extracted(Box::new(doc)),
                                Err(e) => Prepared::Failed(format!("kehoach: {}: {e}", p.display())),
                            },
                        },
                    };
                    let _ = tx.send((k, prepared));
                });
            });
        });
        // The writer: in input order, one transaction per document.
        let mut pending: BTreeMap<usize, Prepared> = BTreeMap::new();
        let mut next = 0usize;
        for (k, prepared) in rx.iter() {
            pending.insert(k, prepared);
            while let Some(prepared) = pending.remove(&next) {
                let (i, path) = &pdfs[next];
                bar.set_message(path.display().to_string());
                outcomes.insert(*i, write_one(store, path, prepared));
                bar.inc(1);
                next += 1;
            }
        }
    });
    bar.finish_and_clear();
    Report { outcomes: outcomes.into_values().collect() }
}

fn write_one(store: &mut Store, path: &Path, prepared: Prepared) -> Outcome {
    let path_buf = path.to_path_buf();
    match prepared {
        Prepared::Failed(line) => Outcome::Failed { path: path_buf, line },
        Prepared::Known(sha) => {
            match store.connection().query_row("SELECT id FROM versions WHERE sha256 = ?1", [&sha], |r| r.get::<_, i64>(0)) {
                Ok(version_id) => Outcome::AlreadyLoaded { path: path_buf, version_id },
                Err(e) => Outcome::Failed { path: path_buf, line: format!("kehoach: {}: store: {e}", path.display()) },
            }
        }
        Prepared::Extracted(doc) => match store.add_document(&doc, &path.display().to_string()) {
            Ok(Added::Loaded { version_id, plan_id, new_plan }) => {
                let version = store
                    .plan_versions(plan_id)
                    .ok()
                    .and_then(|vs| vs.iter().find(|v| v.id == version_id).map(|v| v.version))
                    .unwrap_or(0);
                Outcome::Loaded { path: path_buf, plan_id, version_id, version, new_plan, tasks: doc.tasks.len(), targets: doc.targets.len() }
            }
            Ok(Added::AlreadyLoaded { version_id, .. }) => Outcome::AlreadyLoaded { path: path_buf, version_id },
            Err(e) => Outcome::Failed { path: path_buf, line: format!("kehoach: {}: store: {e}", path.display()) },
        },
    }
}
