//! Stage 2 — diacritic repair.
//!
//! Takes positioned text and returns it with each word's text repaired; positions are untouched.
//! Also exposed alone as `kehoach repair-text` (line in, line out).
//!
//! Implemented: Unicode damage (NFD, combining marks detached by a space or emitted before their
//! letter, spacing accents standing in for combining ones, shape and tone marks in the wrong order).
//! Output is always NFC. Legacy 8-bit fonts and OCR-without-Vietnamese are issue 4 and are reported as
//! not available rather than faked.
//!
//! Invariants: never changes the number or order of lines; never touches text that is already clean
//! NFC Vietnamese (the `auto` mode is a no-op on clean text); never reads the PDF.

use crate::pdf::PdfText;

pub mod channel;
pub mod legacy;
pub mod lm;
pub mod ocr;
pub mod syllable;
pub mod train;
mod unicode;

pub use unicode::{is_combining, repair_unicode};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Auto,
    Unicode,
    Legacy,
    Ocr,
}

impl std::str::FromStr for Mode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "auto" => Ok(Mode::Auto),
            "unicode" => Ok(Mode::Unicode),
            "legacy" => Ok(Mode::Legacy),
            "ocr" => Ok(Mode::Ocr),
            _ => Err(format!("unknown mode '{s}' (expected auto, unicode, legacy or ocr)")),
        }
    }
}

/// The stage's trait: repairs one run of text.
pub trait Repairer {
    fn repair(&self, text: &str) -> String;
}

/// Repairs Unicode-level damage only. Deterministic.
#[derive(Debug, Default, Clone)]
pub struct UnicodeRepair;

impl Repairer for UnicodeRepair {
    fn repair(&self, text: &str) -> String {
        repair_unicode(text)
    }
}

/// Modes that are not built yet say so instead of pretending.
pub fn repairer_for(mode: Mode) -> Result<Box<dyn Repairer + Send + Sync>, String> {
    match mode {
        Mode::Auto | Mode::Unicode => Ok(Box::new(UnicodeRepair)),
        Mode::Legacy => Err("--mode legacy (TCVN3/VNI/VISCII) is not implemented yet (issue 4)".into()),
        Mode::Ocr => Ok(Box::new(ShippedOcr)),
    }
}

/// The OCR repair with the model shipped in rules/lm/ (loaded once, on first use).
#[derive(Debug, Default, Clone, Copy)]
pub struct ShippedOcr;

impl Repairer for ShippedOcr {
    fn repair(&self, text: &str) -> String {
        ocr::OcrRepair::shipped().repair(&repair_unicode(text))
    }
}

/// Repaired positioned text: what stage 2 hands on.
#[derive(Debug, Clone, Default)]
pub struct RepairedText {
    pub doc: PdfText,
    /// Number of words whose text the repair changed.
    pub changed_words: usize,
}

pub fn repair_doc(mut doc: PdfText, r: &dyn Repairer) -> RepairedText {
    let mut changed = 0;
    for page in &mut doc.pages {
        for w in &mut page.words {
            let fixed = r.repair(&w.text);
            if fixed != w.text {
                changed += 1;
                w.text = fixed;
            }
        }
        // A combining mark can arrive as a word of its own (a detached glyph): attach it to the
        // word it sits over or just before.
        attach_orphan_marks(&mut page.words);
    }
    RepairedText { doc, changed_words: changed }
}

fn attach_orphan_marks(words: &mut Vec<crate::pdf::Word>) {
    let mut i = 0;
    while i < words.len() {
        if !words[i].text.is_empty() && words[i].text.chars().all(is_combining) && i > 0 {
            let mark = words.remove(i);
            let prev = &mut words[i - 1];
            prev.text = repair_unicode(&format!("{}{}", prev.text, mark.text));
            continue;
        }
        i += 1;
    }
}

