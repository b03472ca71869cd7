//! kehoach: Vietnamese government plan PDFs (Kế hoạch) → structured task records.
//!
//! The pipeline is six stages, one module each, each taking the previous stage's type:
//!
//! ```text
//! bytes ─pdf─▶ PdfText ─repair─▶ RepairedText ─layout─▶ LayoutDoc ─tables─▶ TableDoc
//!       ─normalise─▶ NormalDoc ─records─▶ PlanDocument (SCHEMA.md `kehoach/1`)
//! ```
//!
//! See ARCHITECTURE.md for the invariants of each stage.

pub mod check;
pub mod diff;
pub mod error;
pub mod export;
pub mod ingest;
pub mod layout;
pub mod model;
pub mod normalise;
pub mod pdf;
pub mod records;
pub mod repair;
pub mod rules;
pub mod store;
pub mod tables;

use error::{Error, Stage, StageError};
use layout::Layout;
use model::{PlanDocument, Source};
use normalise::Normaliser;
use pdf::TextSource;
use records::RecordBuilder;
use sha2::{Digest, Sha256};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::Duration;
use tables::TableFinder;

#[derive(Debug, Clone)]
pub struct Options {
    pub repair_mode: repair::Mode,
    /// Wall-clock limit per document.
    pub time_limit: Duration,
    /// Memory limits per document (README, "Errors").
    pub limits: pdf::Limits,
    /// `extract --ocr`: re-read scanned pages with Tesseract's Vietnamese model (`pdf::ocr`).
    pub ocr: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { repair_mode: repair::Mode::Auto, time_limit: Duration::from_secs(60), limits: pdf::Limits::default(), ocr: false }
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Runs the whole pipeline on one document's bytes. Panics anywhere inside become a one-line error.
pub fn extract_bytes(bytes: &[u8], file_name: &str, opts: &Options) -> Result<PlanDocument, StageError> {
    guarded(|| extract_inner(bytes, file_name, opts))
}

/// Like `extract_bytes`, with the OCR repair model given (`kehoach check` repairs each scanned corpus
/// plan with a model trained without that plan). `None`: the shipped model.
pub fn extract_bytes_with(bytes: &[u8], file_name: &str, opts: &Options, ocr: Option<&repair::ocr::OcrRepair>) -> Result<PlanDocument, StageError> {
    guarded(|| extract_inner_with(bytes, file_name, opts, ocr))
}

/// Runs an extraction, a panic in it becoming the document's one-line error (a batch goes on).
fn guarded(f: impl FnOnce() -> Result<PlanDocument, StageError>) -> Result<PlanDocument, StageError> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(p) => Err(StageError::new(Stage::Records, Error::ReaderPanic(pdf::panic_message(&p)))),
    }
}

fn extract_inner(bytes: &[u8], file_name: &str, opts: &Options) -> Result<PlanDocument, StageError> {
    extract_inner_with(bytes, file_name, opts, None)
}

/// The time `--ocr` may spend re-reading one document's pages (Tesseract takes seconds a page): ten
/// times the per-document limit.
fn ocr_time_limit(opts: &Options) -> Duration {
    opts.time_limit * 10
}

/// The repair stage, page by page: in `auto` mode, pages whose text layer is OCR (invisible text over
/// a scan) get the OCR repair and the others the automatic one (never the OCR repair on printed text).
fn repair_pages(mut text: pdf::PdfText, mode: repair::Mode, ocr: &dyn repair::Repairer, reread_repair: &dyn repair::Repairer) -> Result<repair::RepairedText, StageError> {
    // OCR layers: a quarter numeral read as strokes ("Quý 11/2026") counted by its word's width.
    let measured = repair::strokes::measure(&mut text.pages);
    text.warnings.extend(measured);
    let ocr_page = |p: &pdf::Page| p.text_layer() == Some(pdf::TextLayer::Ocr);
    let ocr_repair = |t: pdf::PdfText| repair::repair_doc(t, ocr);
    if mode == repair::Mode::Ocr {
        return Ok(ocr_repair(text));
    }
    if mode != repair::Mode::Auto || !text.pages.iter().any(ocr_page) {
        let repairer = repair::repairer_for(mode).map_err(|e| StageError::new(Stage::Repair, Error::Corrupt(e)))?;
        return Ok(repair::repair_doc(text, repairer.as_ref()));
    }
    let pdf::PdfText { pages, producer, warnings } = text;
    // Pages re-read by Tesseract's Vietnamese model (`--ocr`) get their own repair, and so do OCR
    // layers a Vietnamese model wrote in the first place (the English-model repair is for text
    // that lost its marks: on pages 8–9 of 000 scanned and read by Tesseract-vie, 19 of 33 task
    // titles, outputs and KPIs came out exactly right with it, 27 with the Vietnamese-model one).
    let (reread, pages): (Vec<pdf::Page>, Vec<pdf::Page>) = pages.into_iter().partition(|p| p.reread);
    let (scanned, printed): (Vec<pdf::Page>, Vec<pdf::Page>) = pages.into_iter().partition(ocr_page);
    let vietnamese_layer = repair::ocr::written_by_vietnamese_model(scanned.iter().flat_map(|p| p.words.iter().map(|w| w.text.as_str())));
    let (vietnamese, english) = if vietnamese_layer { (reread.into_iter().chain(scanned).collect(), Vec::new()) } else { (reread, scanned) };
    // A repairer only for pages it has: a model is loaded on first use (the Vietnamese-model one
    // for no re-read page was 6% of a scanned plan's extraction).
    let part = |pages: Vec<pdf::Page>, repair: &dyn Fn(pdf::PdfText) -> repair::RepairedText| {
        let t = pdf::PdfText { pages, producer: producer.clone(), warnings: Vec::new() };
        if t.pages.is_empty() { repair::RepairedText { doc: t, changed_words: 0 } } else { repair(t) }
    };
    let a = part(english, &ocr_repair);
    let b = part(printed, &|t| repair::repair_doc(t, &repair::AutoRepair));
    let c = part(vietnamese, &|t| repair::repair_doc(t, reread_repair));
    let mut pages: Vec<pdf::Page> = a.doc.pages.into_iter().chain(b.doc.pages).chain(c.doc.pages).collect();
    pages.sort_by_key(|p| p.number);
    Ok(repair::RepairedText { doc: pdf::PdfText { pages, producer, warnings }, changed_words: a.changed_words + b.changed_words + c.changed_words })
}

fn extract_inner_with(bytes: &[u8], file_name: &str, opts: &Options, ocr: Option<&repair::ocr::OcrRepair>) -> Result<PlanDocument, StageError> {
    let text = read_text(bytes, opts)?;
    extract_text(text, bytes, file_name, opts, ocr, &repair::VieOcrRepair)
}

/// Stage 1 alone: the positioned text of a document, its scanned pages re-read by Tesseract's
/// Vietnamese model when `opts.ocr` (`pdf::ocr`).
pub fn read_text(bytes: &[u8], opts: &Options) -> Result<pdf::PdfText, StageError> {
    // Legacy repair wants to know which characters a TCVN3 upper-case font drew.
    let font_runs: Option<fn(&str) -> bool> = match opts.repair_mode {
        repair::Mode::Auto | repair::Mode::Legacy => Some(repair::legacy::is_upper_case_font),
        _ => None,
    };
    let reader = pdf::PdfReader { options: pdf::PdfOptions { time_limit: opts.time_limit, limits: opts.limits.clone(), font_runs, keep_image_pages: opts.ocr } };
    let mut text = reader.read(bytes)?;
    if opts.ocr {
        let deadline = std::time::Instant::now() + ocr_time_limit(opts);
        pdf::ocr::reread_scans(bytes, &mut text, deadline, ocr_time_limit(opts).as_secs())?;
    }
    Ok(text)
}

/// Stages 2–6 on a document's positioned text (from [`read_text`]; `bytes` only for
/// `source.sha256`). `ocr`: the model for English-model OCR pages (`None`: the shipped one);
/// `reread`: the repair for pages re-read by Tesseract-vie (`kehoach check` measures it against
/// none). Panics become one-line errors.
pub fn extract_text(text: pdf::PdfText, bytes: &[u8], file_name: &str, opts: &Options, ocr: Option<&repair::ocr::OcrRepair>, reread: &dyn repair::Repairer) -> Result<PlanDocument, StageError> {
    guarded(|| extract_text_inner(text, bytes, file_name, opts, ocr, reread))
}

fn extract_text_inner(text: pdf::PdfText, bytes: &[u8], file_name: &str, opts: &Options, ocr: Option<&repair::ocr::OcrRepair>, reread: &dyn repair::Repairer) -> Result<PlanDocument, StageError> {
    match ocr {
        Some(m) => extract_repaired(text, bytes, file_name, opts, &repair::OcrLines(m), reread),
        None => extract_repaired(text, bytes, file_name, opts, &repair::ShippedOcr, reread),
    }
}

/// Like [`extract_bytes`], with the repair of English-model OCR pages given instead of the shipped
/// OCR repair (`--mode ocr` too). tests/ocr_perturbed.rs perturbs that repair's word choices (marks
/// stripped, no repair at all …) to check that the scanned-table stages do not depend on them.
pub fn extract_bytes_repairing_ocr_with(bytes: &[u8], file_name: &str, opts: &Options, ocr: &dyn repair::Repairer) -> Result<PlanDocument, StageError> {
    guarded(|| {
        let text = read_text(bytes, opts)?;
        extract_repaired(text, bytes, file_name, opts, ocr, &repair::VieOcrRepair)
    })
}

fn extract_repaired(text: pdf::PdfText, bytes: &[u8], file_name: &str, opts: &Options, ocr: &dyn repair::Repairer, reread: &dyn repair::Repairer) -> Result<PlanDocument, StageError> {
    let pages = text.pages.len() as u32;
    let text_layer = text.text_layer();
    let mut repaired = repair_pages(text, opts.repair_mode, ocr, reread)?;
    // The reader's warnings, then the repair's.
    let pdf_warnings = std::mem::take(&mut repaired.doc.warnings);
    let laid = layout::DefaultLayout.layout(repaired);
    let tabled = tables::GridTables.find(&laid);
    let normal = normalise::RegistryNormaliser.normalise(tabled);
    let source = Source {
        file: file_name.to_string(),
        sha256: sha256_hex(bytes),
        pages,
        text_layer: text_layer.into(),
        producer: laid.producer.clone(),
    };
    let mut doc = records::DefaultRecords.build(normal, Some(source));
    doc.warnings.splice(0..0, pdf_warnings);
    Ok(doc)
}

/// Reads and extracts one file. The file name in `source.file` is the path's last component.
pub fn extract_file(path: &Path, opts: &Options) -> Result<PlanDocument, StageError> {
    let bytes = std::fs::read(path).map_err(|e| StageError::new(Stage::Read, Error::Io(e)))?;
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    extract_bytes(&bytes, &name, opts)
}

/// Like `extract_file`, in a worker thread with a wall-clock limit: a document that hangs costs one
/// error line, not the batch. (The worker is abandoned, not killed; the cooperative limit inside the
/// PDF reader normally stops it first.)
pub fn extract_file_isolated(path: &Path, opts: &Options) -> Result<PlanDocument, StageError> {
    let (tx, rx) = std::sync::mpsc::channel();
    let p = path.to_path_buf();
    let o = opts.clone();
    std::thread::Builder::new()
        .name("kehoach-doc".into())
        .stack_size(64 << 20)
        .spawn(move || {
            let _ = tx.send(extract_file(&p, &o));
        })
        .map_err(|e| StageError::new(Stage::Read, Error::Io(e)))?;
    let limit = if opts.ocr { ocr_time_limit(opts) + opts.time_limit } else { opts.time_limit };
    match rx.recv_timeout(limit + Duration::from_secs(5)) {
        Ok(r) => r,
        Err(_) => Err(StageError::new(Stage::Pdf, Error::Timeout(opts.time_limit.as_secs()))),
    }
}
