//! The `kehoach` command line. It only translates flags into library options and prints results;
//! all the work is in the library's stages.

use clap::{Parser, Subcommand};
use kehoach::{check, diff, extract_file_isolated, model::PlanDocument, repair, Options};
use rayon::prelude::*;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// mimalloc instead of the system allocator: same results, fewer instructions per allocation
/// (BENCHMARKS.md).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

// Freed memory is kept 10 ms before it goes back to the system (mimalloc's default;
// `MIMALLOC_PURGE_DELAY` in the environment sets it, 0 = at once). Until session 13 it went back at
// once: a scan's page images, decoded for "≥" (`pdf::glyph`), then each cost the kernel's zeroing
// of ~12 MB of fresh pages. Kept 10 ms: scanned batch −4 to −11%, peak +10 to +25 MB, still flat in
// the number of documents (BENCHMARKS.md, session 13).

#[derive(Parser)]
#[command(name = "kehoach", version, about = "Vietnamese government plan PDFs (Kế hoạch) → structured task records")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// One plan document per PDF: pretty JSON for one file, JSON Lines (or -o DIR) for several.
    Extract {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write one NAME.json per input into this directory instead of stdout.
        #[arg(short = 'o', long = "output")]
        out_dir: Option<PathBuf>,
        /// Diacritic repair mode: auto, unicode, legacy, ocr.
        #[arg(long, default_value = "auto")]
        mode: String,
        /// Per-document time limit in seconds.
        #[arg(long, default_value_t = 60)]
        time_limit: u64,
        /// Re-read scanned pages with Tesseract's Vietnamese model (needs `tesseract`, its `vie`
        /// data and `pdftoppm`); pages with a digital text layer are left alone.
        #[arg(long)]
        ocr: bool,
    },
    /// The diacritic-repair stage alone: text in (FILE or stdin), repaired text out, line for line.
    RepairText {
        file: Option<PathBuf>,
        #[arg(long, default_value = "auto")]
        mode: String,
    },
    /// Quality of the OCR repair: syllable accuracy on English-model OCR of corpus pages, each plan
    /// repaired by a model trained without it, beside doing nothing and Tesseract's Vietnamese model.
    RepairCheck {
        /// Aligned OCR pairs (pairs-NNN.tsv, pairs-NNN-vie.tsv).
        #[arg(long, default_value = "corpus/ocr")]
        pairs: PathBuf,
        /// Hand transcriptions (NNN.json): the clean text of each plan.
        #[arg(long, default_value = "corpus/src")]
        plans: PathBuf,
        /// Weight of the language model against the OCR channel (tuning).
        #[arg(long)]
        lm_weight: Option<f32>,
        /// log P of keeping an OCR token as it is (tuning).
        #[arg(long)]
        keep_logp: Option<f32>,
        /// Candidates per token and beam width (tuning).
        #[arg(long)]
        per_token: Option<usize>,
        #[arg(long)]
        beam: Option<usize>,
        /// log P of reading a token as two words run together (tuning).
        #[arg(long)]
        split_logp: Option<f32>,
        /// Two-word readings only for tokens whose best one-word reading scores below this (tuning).
        #[arg(long)]
        split_below: Option<f32>,
        /// Weight of the document's own first-pass reading in the second pass; 0 = one pass (tuning).
        #[arg(long)]
        cache_weight: Option<f32>,
        /// Drop hypotheses this far below the best of their step (tuning; default: none).
        #[arg(long)]
        prune: Option<f32>,
        /// log P added where two words form a two-syllable word of the dictionary (tuning; 0: none).
        #[arg(long)]
        word_bonus: Option<f32>,
    },
    /// Field-level accuracy of `extract` on the corpus against the golden files.
    Check {
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
        #[arg(long, default_value = "golden")]
        golden: PathBuf,
        /// Print every differing field (document, ref, field, expected, got).
        #[arg(short, long)]
        verbose: bool,
        /// Also measure the scanned plans in this folder (NNN-scan.pdf, issue 8) beside their
        /// born-digital PDFs, each repaired by an OCR model trained without that plan. Reported
        /// only: the exit status stays that of the born-digital check.
        #[arg(long)]
        scanned: Option<PathBuf>,
        /// With --scanned: two more columns per scan, its pages re-read by Tesseract's Vietnamese
        /// model (`extract --ocr`): alone (Unicode repair only) and with the --ocr pages' repair.
        /// n/a when tesseract is not installed.
        #[arg(long)]
        ocr: bool,
        /// Aligned OCR pairs and hand transcriptions the held-out models are trained on.
        #[arg(long, default_value = "corpus/ocr")]
        pairs: PathBuf,
        #[arg(long, default_value = "corpus/src")]
        plans: PathBuf,
    },
    /// Compare two versions of a plan (each a PDF or an `extract` JSON file): tasks and targets
    /// added, removed, renumbered, moved, changed field by field.
    ///
    /// With --db FILE, the one argument is a plan of the store (its number or #ID, see `kehoach
    /// plans`): its two latest versions are compared.
    Diff {
        /// OLD NEW (PDF or `extract` JSON files), or PLAN with --db.
        #[arg(required = true, num_args = 1..=2)]
        inputs: Vec<PathBuf>,
        /// Compare the two latest versions of PLAN in this store.
        #[arg(long)]
        db: Option<PathBuf>,
        /// text (readable, grouped by section) or json (`kehoach-diff/1`, SCHEMA.md).
        #[arg(long, default_value = "text", value_parser = ["text", "json"])]
        format: String,
        /// Compare only this table (1-based) of OLD, e.g. one appendix against another plan's.
        #[arg(long)]
        old_table: Option<u32>,
        /// Compare only this table (1-based) of NEW.
        #[arg(long)]
        new_table: Option<u32>,
        /// Lowest task similarity (0-1) for a match; measured default, see README.
        #[arg(long, default_value_t = diff::THRESHOLD)]
        threshold: f64,
        /// Per-document time limit in seconds (PDF inputs).
        #[arg(long, default_value_t = 60)]
        time_limit: u64,
    },
    /// Load PDFs (files, or folders walked recursively) into a SQLite store, in parallel.
    /// Idempotent: a file already loaded (same SHA-256) is skipped.
    Ingest {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The store file (created when missing).
        #[arg(long, required = true)]
        db: PathBuf,
        /// Per-document time limit in seconds.
        #[arg(long, default_value_t = 60)]
        time_limit: u64,
        /// Re-read scanned pages with Tesseract's Vietnamese model (needs `tesseract`, its `vie`
        /// data and `pdftoppm`); pages with a digital text layer are left alone.
        #[arg(long)]
        ocr: bool,
        /// Extraction threads (default: one per core).
        #[arg(short, long)]
        jobs: Option<usize>,
        /// Also list each loaded and already loaded file.
        #[arg(short, long)]
        verbose: bool,
    },
    /// Task and target records from the store: the latest version of each plan.
    Export {
        #[arg(long, required = true)]
        db: PathBuf,
        /// jsonl (one task or target per line) or csv (one row per task, for Excel).
        #[arg(long, required = true)]
        format: String,
        /// Only this plan: its number ("03-KH/BCĐ") or #ID (see `kehoach plans`).
        #[arg(long)]
        plan: Option<String>,
        /// Every version of each plan, not only the latest.
        #[arg(long)]
        all_versions: bool,
    },
    /// The plans in a store and their versions.
    Plans {
        #[arg(long, required = true)]
        db: PathBuf,
    },
}

fn main() -> ExitCode {
    // Panics are caught per document and reported as one line; keep the default hook quiet.
    std::panic::set_hook(Box::new(|_| {}));
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Extract { files, out_dir, mode, time_limit, ocr } => {
            let mode: repair::Mode = match mode.parse() {
                Ok(m) => m,
                Err(e) => return usage(&e),
            };
            if let Err(e) = repair::repairer_for(mode) {
                return usage(&e);
            }
            let opts = Options { repair_mode: mode, time_limit: Duration::from_secs(time_limit), ocr, ..Options::default() };
            extract(&files, out_dir.as_deref(), &opts)
        }
        Command::RepairText { file, mode } => {
            let mode: repair::Mode = match mode.parse() {
                Ok(m) => m,
                Err(e) => return usage(&e),
            };
            let r = match repair::repairer_for(mode) {
                Ok(r) => r,
                Err(e) => return usage(&e),
            };
            repair_text(file.as_deref(), r.as_ref())
        }
        Command::Check { corpus, golden, verbose, scanned, ocr, pairs, plans } => {
            let code = run_check(&corpus, &golden, verbose);
            if let Some(dir) = scanned {
                run_check_scanned(&dir, &corpus, &golden, &pairs, &plans, verbose, ocr);
            }
            code
        }
        Command::RepairCheck { pairs, plans, lm_weight, keep_logp, per_token, beam, split_logp, split_below, cache_weight, prune, word_bonus } => {
            let d = repair::ocr::Params::default();
            let params = repair::ocr::Params {
                lm_weight: lm_weight.unwrap_or(d.lm_weight),
                keep_logp: keep_logp.unwrap_or(d.keep_logp),
                per_token: per_token.unwrap_or(d.per_token),
                beam: beam.unwrap_or(d.beam),
                split_logp: split_logp.unwrap_or(d.split_logp),
                split_below: split_below.unwrap_or(d.split_below),
                cache_weight: cache_weight.unwrap_or(d.cache_weight),
                prune: prune.unwrap_or(d.prune),
                word_bonus: word_bonus.unwrap_or(d.word_bonus),
                ..d
            };
            match repair::train::evaluate(&pairs, &plans, &repair::lm::generic_counts(), params) {
                Ok(rows) if !rows.is_empty() => {
                    print!("{}", repair::train::render(&rows));
                    ExitCode::SUCCESS
                }
                Ok(_) => usage(&format!("no pairs-NNN.tsv in {}", pairs.display())),
                Err(e) => usage(&format!("{}: {e}", plans.display())),
            }
        }
        Command::Diff { inputs, db, format, old_table, new_table, threshold, time_limit } => {
            if !(0.0..=1.0).contains(&threshold) {
                return usage("--threshold must be between 0 and 1");
            }
            let opts = Options { time_limit: Duration::from_secs(time_limit), ..Options::default() };
            let dopts = diff::DiffOptions { threshold, ref_threshold: diff::REF_THRESHOLD.min(threshold), old_table, new_table };
            match (db, inputs.as_slice()) {
                (Some(db), [plan]) => run_diff_db(&db, &plan.to_string_lossy(), &format, &dopts),
                (None, [old, new]) => run_diff(old, new, &format, &opts, &dopts),
                (Some(_), _) => usage("diff --db FILE takes one PLAN (its number or #ID)"),
                (None, _) => usage("diff takes OLD NEW (or --db FILE PLAN)"),
            }
        }
        Command::Ingest { paths, db, time_limit, ocr, jobs, verbose } => {
            let opts = kehoach::ingest::IngestOptions {
                extract: Options { time_limit: Duration::from_secs(time_limit), ocr, ..Options::default() },
                jobs,
                progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
            };
            ingest(&paths, &db, &opts, verbose)
        }
        Command::Export { db, format, plan, all_versions } => {
            let format: kehoach::export::Format = match format.parse::<kehoach::export::Format>() {
                Ok(f) => f,
                Err(e) => return usage(&e),
            };
            export(&db, &kehoach::export::ExportOptions { format, plan, all_versions })
        }
        Command::Plans { db } => list_plans(&db),
    }
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("kehoach: {msg}");
    ExitCode::from(2)
}

fn extract(files: &[PathBuf], out_dir: Option<&Path>, opts: &Options) -> ExitCode {
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if let Some(dir) = out_dir {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("kehoach: {}: cannot create output directory: {e}", dir.display());
            return ExitCode::from(1);
        }
    }
    // A few documents per thread at a time, written in input order as each group finishes: memory
    // stays flat however many files are given (collecting every result first grew with the batch).
    let group = 4 * rayon::current_num_threads().max(1);
    let results = files.chunks(group).flat_map(|part| part.par_iter().map(|f| (f, extract_file_isolated(f, opts))).collect::<Vec<_>>());
    for (f, r) in results {
        match r {
            Ok(doc) => {
                // Document-level warnings (no table; a damaged file the reader repaired) go to stderr.
                for w in doc.warnings.iter().filter(|w| w.code == "no_table" || w.code.starts_with("pdf_")) {
                    eprintln!("kehoach: {}: warning: {}", f.display(), w.message);
                }
                let written = if let Some(dir) = out_dir {
                    let stem = f.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "out".into());
                    let path = dir.join(format!("{stem}.json"));
                    std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap() + "\n").map_err(|e| e.to_string())
                } else if files.len() == 1 {
                    writeln!(out, "{}", serde_json::to_string_pretty(&doc).unwrap()).map_err(|e| e.to_string())
                } else {
                    writeln!(out, "{}", serde_json::to_string(&doc).unwrap()).map_err(|e| e.to_string())
                };
                if let Err(e) = written {
                    eprintln!("kehoach: {}: write: {e}", f.display());
                    failed = true;
                }
            }
            Err(e) => {
                eprintln!("kehoach: {}: {e}", f.display());
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn repair_text(file: Option<&Path>, r: &dyn repair::Repairer) -> ExitCode {
    let input: Box<dyn BufRead> = match file {
        Some(p) => match std::fs::File::open(p) {
            Ok(f) => Box::new(std::io::BufReader::new(f)),
            Err(e) => {
                eprintln!("kehoach: {}: {e}", p.display());
                return ExitCode::from(1);
            }
        },
        None => Box::new(std::io::BufReader::new(std::io::stdin())),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // Lines go to the repairer in blocks, so that a decision that needs more than a line (which legacy
    // encoding a text is in) can use the block, while the output still streams.
    const BLOCK: usize = 2000;
    let mut block: Vec<(String, &'static str)> = Vec::with_capacity(BLOCK);
    let flush = |block: &mut Vec<(String, &'static str)>, out: &mut dyn Write| -> bool {
        let bodies: Vec<&str> = block.iter().map(|(b, _)| b.as_str()).collect();
        let fixed = r.repair_text_lines(&bodies);
        let ok = fixed.iter().zip(block.iter()).all(|(f, (_, cr))| writeln!(out, "{f}{cr}").is_ok());
        block.clear();
        ok
    };
    for line in input.split(b'\n') {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("kehoach: read: {e}");
                return ExitCode::from(1);
            }
        };
        let text = String::from_utf8_lossy(&line);
        let (body, cr) = match text.strip_suffix('\r') {
            Some(b) => (b.to_string(), "\r"),
            None => (text.into_owned(), ""),
        };
        block.push((body, cr));
        if block.len() == BLOCK && !flush(&mut block, &mut out) {
            return ExitCode::from(1);
        }
    }
    if !block.is_empty() && !flush(&mut block, &mut out) {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

fn run_check(corpus: &Path, golden: &Path, verbose: bool) -> ExitCode {
    let mut pdfs: Vec<PathBuf> = match std::fs::read_dir(corpus) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().map(|x| x == "pdf").unwrap_or(false)).collect(),
        Err(e) => {
            eprintln!("kehoach: {}: {e}", corpus.display());
            return ExitCode::from(2);
        }
    };
    pdfs.sort();
    let opts = Options::default();
    let mut reports = Vec::new();
    let mut failed = false;
    for pdf in &pdfs {
        let gpath = check::golden_for(pdf, golden);
        let g: PlanDocument = match std::fs::read_to_string(&gpath).map_err(|e| e.to_string()).and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string())) {
            Ok(g) => g,
            Err(e) => {
                eprintln!("kehoach: {}: no usable golden file {}: {e}", pdf.display(), gpath.display());
                failed = true;
                continue;
            }
        };
        let name = pdf.file_name().unwrap().to_string_lossy().to_string();
        match extract_file_isolated(pdf, &opts) {
            Ok(doc) if doc.source.as_ref().is_some_and(|s| s.text_layer != "digital") => reports.push(check::compare_ocr(&name, &g, &doc)),
            Ok(doc) => reports.push(check::compare(&name, &g, &doc)),
            Err(e) => {
                eprintln!("kehoach: {}: {e}", pdf.display());
                failed = true;
            }
        }
    }
    print!("{}", check::render(&reports));
    let mut diffs = 0;
    for r in &reports {
        diffs += r.diffs.len();
        if verbose {
            for d in &r.diffs {
                println!("{} {} {}: expected {} got {}", r.document, d.reference, d.field, d.expected, d.got);
            }
        }
    }
    if diffs > 0 {
        println!("{diffs} differing fields{}", if verbose { "" } else { " (run with -v to list them)" });
    }
    if failed || diffs > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `check --scanned DIR --ocr`: the scan re-read by Tesseract-vie once (`extract --ocr`), then
/// measured twice: "vie" with the Unicode repair only (Tesseract-vie alone), "vie+rep" with the
/// repair `extract --ocr` gives those pages, its model held out like the English-model one.
fn check_reread(scan: &Path, g: &PlanDocument, verbose: bool, vie_model: &repair::ocr::OcrRepair) -> Vec<check::ScanRow> {
    let name = scan.file_name().unwrap().to_string_lossy().to_string();
    let stem = name.trim_end_matches(".pdf").to_string();
    let opts = Options { ocr: true, ..Options::default() };
    let t0 = std::time::Instant::now();
    let read = std::fs::read(scan).map_err(|e| e.to_string()).and_then(|b| kehoach::read_text(&b, &opts).map(|t| (b, t)).map_err(|e| e.to_string()));
    let (bytes, text) = match read {
        Ok(x) => x,
        Err(e) => {
            eprintln!("kehoach: {}: --ocr: {e}", scan.display());
            return Vec::new();
        }
    };
    let ocr_seconds = t0.elapsed().as_secs_f64();
    let mut rows = Vec::new();
    let repairs: [(&str, &dyn repair::Repairer); 2] = [("vie", &repair::UnicodeRepair), ("vie+rep", &repair::OcrLines(vie_model))];
    for (label, r) in repairs {
        let t1 = std::time::Instant::now();
        match kehoach::extract_text(text.clone(), &bytes, &name, &opts, None, r) {
            Ok(doc) => {
                let document = format!("{stem} {label}");
                let report = check::compare_ocr(&document, g, &doc);
                if verbose {
                    for d in &report.diffs {
                        println!("{} {} {}: expected {} got {}", document, d.reference, d.field, d.expected, d.got);
                    }
                }
                rows.push(check::ScanRow { document, syllables: check::syllable_accuracy(g, &doc), review: check::review_coverage(g, &doc), report, seconds: ocr_seconds + t1.elapsed().as_secs_f64() });
            }
            Err(e) => eprintln!("kehoach: {}: --ocr {label}: {e}", scan.display()),
        }
    }
    rows
}

/// `kehoach check --scanned DIR`: each NNN-scan.pdf beside NNN-lo.pdf, text-level measures too.
fn run_check_scanned(dir: &Path, corpus: &Path, golden: &Path, pairs: &Path, plans: &Path, verbose: bool, with_ocr: bool) {
    let mut scans: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.to_string_lossy().ends_with("-scan.pdf")).collect())
        .unwrap_or_default();
    scans.sort();
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for scan in &scans {
        let gpath = check::golden_for(scan, golden);
        let Ok(g) = std::fs::read_to_string(&gpath).map_err(|e| e.to_string()).and_then(|s| serde_json::from_str::<PlanDocument>(&s).map_err(|e| e.to_string())) else {
            eprintln!("kehoach: {}: no usable golden file {}", scan.display(), gpath.display());
            continue;
        };
        let id = gpath.file_stem().unwrap().to_string_lossy().to_string();
        let (model, trained_on) = match check::held_out_model(&id, pairs, plans) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("kehoach: {}: cannot train the held-out model: {e}", plans.display());
                return;
            }
        };
        notes.push(format!("{id}: OCR model trained on generic prose + rules' names{}{} (not on {id})", if trained_on.is_empty() { "" } else { " + " }, trained_on.join(", ")));
        let digital = corpus.join(format!("{id}-lo.pdf"));
        for (path, ocr) in [(&digital, None), (scan, Some(&model))] {
            let t0 = std::time::Instant::now();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let doc = std::fs::read(path).map_err(|e| e.to_string()).and_then(|b| kehoach::extract_bytes_with(&b, &name, &Options::default(), ocr).map_err(|e| e.to_string()));
            match doc {
                Ok(doc) => {
                    let report = if ocr.is_some() { check::compare_ocr(&name, &g, &doc) } else { check::compare(&name, &g, &doc) };
                    if verbose && ocr.is_some() {
                        for d in &report.diffs {
                            println!("{} {} {}: expected {} got {}", name, d.reference, d.field, d.expected, d.got);
                        }
                    }
                    rows.push(check::ScanRow { document: name, syllables: check::syllable_accuracy(&g, &doc), review: check::review_coverage(&g, &doc), report, seconds: t0.elapsed().as_secs_f64() });
                }
                Err(e) => eprintln!("kehoach: {}: {e}", path.display()),
            }
        }
        if with_ocr {
            match kehoach::pdf::ocr::tools_available() {
                Ok(()) => match check::held_out_vie_model(&id, pairs, plans) {
                    Ok(m) => rows.extend(check_reread(scan, &g, verbose, &m)),
                    Err(e) => eprintln!("kehoach: {}: cannot train the held-out vie model: {e}", plans.display()),
                },
                Err(e) => notes.push(format!("{id}: --ocr columns n/a: {e}")),
            }
        }
    }
    println!("\nScanned plans (their OCR text layer) beside their born-digital PDFs:");
    print!("{}", check::render_scanned(&rows));
    for n in notes {
        println!("  {n}");
    }
}

/// `kehoach diff OLD NEW`. (`diff --db FILE PLAN` will load the plan's two latest versions from the
/// store as `PlanDocument`s instead of these two files, then share `print_diff`.)
fn run_diff(old: &Path, new: &Path, format: &str, opts: &Options, dopts: &diff::DiffOptions) -> ExitCode {
    let (a, b) = rayon::join(|| diff::load_document(old, opts), || diff::load_document(new, opts));
    let (a, b) = match (a, b) {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => {
            for (p, r) in [(old, a.err()), (new, b.err())] {
                if let Some(e) = r {
                    eprintln!("kehoach: {}: {e}", p.display());
                }
            }
            return ExitCode::from(1);
        }
    };
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let d = diff::diff_documents(&diff::side_name(&a, &name(old)), &a, &diff::side_name(&b, &name(new)), &b, dopts);
    print_diff(&d, &a, &b, format)
}

/// The two latest versions of a plan in the store.
fn run_diff_db(db: &Path, plan: &str, format: &str, dopts: &diff::DiffOptions) -> ExitCode {
    let loaded = kehoach::store::Store::open_existing(db).and_then(|s| {
        let vs = s.versions(plan)?;
        if vs.len() < 2 {
            return Ok(Err(format!("plan {plan} has {} version(s) in the store: nothing to compare", vs.len())));
        }
        let (o, n) = (&vs[vs.len() - 2], &vs[vs.len() - 1]);
        Ok(Ok((s.load_document(o.id)?, o.file.clone(), s.load_document(n.id)?, n.file.clone())))
    });
    match loaded {
        Ok(Ok((a, an, b, bn))) => {
            let d = diff::diff_documents(&diff::side_name(&a, &an), &a, &diff::side_name(&b, &bn), &b, dopts);
            print_diff(&d, &a, &b, format)
        }
        Ok(Err(msg)) => {
            eprintln!("kehoach: {}: {msg}", db.display());
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("kehoach: {}: {e}", db.display());
            ExitCode::from(1)
        }
    }
}

fn print_diff(d: &diff::PlanDiff, old: &PlanDocument, new: &PlanDocument, format: &str) -> ExitCode {
    let text = if format == "json" { serde_json::to_string_pretty(d).unwrap() + "\n" } else { diff::render_text(d, old, new) };
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kehoach: write: {e}");
            ExitCode::from(1)
        }
    }
}

fn ingest(paths: &[PathBuf], db: &Path, opts: &kehoach::ingest::IngestOptions, verbose: bool) -> ExitCode {
    let mut store = match kehoach::store::Store::open(db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("kehoach: {}: cannot open the store: {e}", db.display());
            return ExitCode::from(2);
        }
    };
    // Test hook (tests/ingest.rs): pause inside each document's transaction so a kill lands there.
    if let Some(ms) = std::env::var("KEHOACH_TEST_PAUSE_IN_TX_MS").ok().and_then(|v| v.parse().ok()) {
        store.pause_in_transaction = Some(Duration::from_millis(ms));
    }
    let report = kehoach::ingest::ingest(&mut store, paths, opts);
    eprint!("{}", report.render(verbose));
    if report.failed() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn export(db: &Path, opts: &kehoach::export::ExportOptions) -> ExitCode {
    let store = match kehoach::store::Store::open_existing(db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("kehoach: {}: cannot open the store: {e}", db.display());
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match kehoach::export::export(&store, opts, &mut out) {
        Ok(_) => ExitCode::SUCCESS,
        // The reader went away (`| head`): not an error of the export.
        Err(kehoach::export::ExportError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kehoach: {}: export: {e}", db.display());
            ExitCode::from(1)
        }
    }
}

fn list_plans(db: &Path) -> ExitCode {
    let listed = kehoach::store::Store::open_existing(db).and_then(|s| Ok((s.plans()?, s.all_versions()?)));
    let (plans, versions) = match listed {
        Ok(x) => x,
        Err(e) => {
            eprintln!("kehoach: {}: cannot open the store: {e}", db.display());
            return ExitCode::from(2);
        }
    };
    for p in &plans {
        println!("#{} {} — {} — {}", p.id, p.number.as_deref().unwrap_or("(no number)"), p.issuer.as_deref().unwrap_or("(no issuer)"), p.title.as_deref().unwrap_or("(no title)"));
        for v in versions.iter().filter(|v| v.plan_id == p.id) {
            println!(
                "   version {} {} issued {} loaded {} {} tasks {} targets sha256 {}",
                v.version,
                v.file,
                v.issued_on.as_deref().unwrap_or("-"),
                v.loaded_at,
                v.tasks,
                v.targets,
                &v.sha256[..12]
            );
        }
    }
    ExitCode::SUCCESS
}
