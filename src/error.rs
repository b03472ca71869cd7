//! Errors a document can fail with. Each renders as one human line (SCHEMA.md: "file, stage, reason").

use std::fmt;

/// The pipeline stage an error came from, named in the one-line report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Read,
    Pdf,
    Repair,
    Layout,
    Tables,
    Normalise,
    Records,
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            Stage::Read => "read",
            Stage::Pdf => "pdf",
            Stage::Repair => "repair",
            Stage::Layout => "layout",
            Stage::Tables => "tables",
            Stage::Normalise => "normalise",
            Stage::Records => "records",
        };
        f.write_str(s)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read file: {0}")]
    Io(#[from] std::io::Error),
    #[error("not a PDF (no %PDF- header{0})")]
    NotPdf(String),
    #[error("truncated or corrupt PDF: {0}")]
    Corrupt(String),
    #[error("encrypted PDF: a password is required to open it")]
    Encrypted,
    #[error("no text layer at all (an image-only scan): run OCR first, e.g. `ocrmypdf -l vie in.pdf out.pdf`")]
    NoText,
    /// `extract --ocr`: the OCR tools are missing or failed (the message says how to install them).
    #[error("{0}")]
    Ocr(String),
    /// Text is drawn, but in fonts that do not say which characters their glyphs are.
    #[error("the text cannot be read: its {0} characters are drawn in fonts without a Unicode map (no ToUnicode): use `extract --ocr`, or run OCR first, e.g. `ocrmypdf --force-ocr -l vie in.pdf out.pdf`")]
    Unmapped(usize),
    #[error("no text and no images: the pages are blank")]
    Blank,
    #[error("the PDF reader gave up on this file: {0}")]
    ReaderPanic(String),
    #[error("took longer than the per-document limit of {0} s")]
    Timeout(u64),
    #[error("over the per-document memory limit: {0}")]
    Limit(String),
}

/// An error bound to the stage it happened in.
#[derive(Debug)]
pub struct StageError {
    pub stage: Stage,
    pub error: Error,
}

impl fmt::Display for StageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.stage, self.error)
    }
}

impl std::error::Error for StageError {}

impl StageError {
    pub fn new(stage: Stage, error: Error) -> Self {
        StageError { stage, error }
    }
}

pub type Result<T, E = StageError> = std::result::Result<T, E>;
