//! The `kehoach` command line. It only translates flags into library options and prints results;
//! all the work is in the library's stages.

use clap::{Parser, Subcommand};
use kehoach::{check, extract_file_isolated, model::PlanDocument, repair, Options};
use rayon::prelude::*;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

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
    },
    /// The diacritic-repair stage alone: text in (FILE or stdin), repaired text out, line for line.
    RepairText {
        file: Option<PathBuf>,
        #[arg(long, default_value = "auto")]
        mode: String,
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
        Command::Extract { files, out_dir, mode, time_limit } => {
            let mode: repair::Mode = match mode.parse() {
                Ok(m) => m,
                Err(e) => return usage(&e),
            };
            if let Err(e) = repair::repairer_for(mode) {
                return usage(&e);
            }
            let opts = Options { repair_mode: mode, time_limit: Duration::from_secs(time_limit), ..Options::default() };
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
        Command::Check { corpus, golden, verbose } => run_check(&corpus, &golden, verbose),
    }
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("kehoach: {msg}");
    ExitCode::from(2)
}

fn extract(files: &[PathBuf], out_dir: Option<&Path>, opts: &Options) -> ExitCode {
    let results: Vec<_> = files.par_iter().map(|f| (f, extract_file_isolated(f, opts))).collect();
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if let Some(dir) = out_dir {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("kehoach: {}: cannot create output directory: {e}", dir.display());
            return ExitCode::from(1);
        }
    }
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
            Some(b) => (b, "\r"),
            None => (text.as_ref(), ""),
        };
        if writeln!(out, "{}{cr}", r.repair(body)).is_err() {
            return ExitCode::from(1);
        }
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
