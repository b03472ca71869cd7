//! Stage 2 — diacritic repair.
//!
//! Takes positioned text and returns it with each word's text repaired; positions are untouched.
//! Also exposed alone as `kehoach repair-text` (line in, line out).
//!
//! Implemented: Unicode damage (NFD, combining marks detached by a space or emitted before their
//! letter, spacing accents standing in for combining ones, shape and tone marks in the wrong order)
//! and legacy 8-bit fonts (TCVN3, VNI, VISCII: `legacy.rs`, detected per line). Output is always NFC.
//! OCR-without-Vietnamese: `ocr.rs` (`--mode ocr`).
//!
//! A legacy encoding is decided over a line, not a word (a short word alone is often ambiguous), so
//! `repair_doc` hands the repairer a window of words: the consecutive words (in content order) that
//! sit on one baseline. The words stay where they are; only their text changes.
//!
//! Invariants: never changes the number or order of lines; never touches text that is already clean
//! NFC Vietnamese (the `auto` mode is a no-op on clean text); never reads the PDF.

use crate::pdf::PdfText;

pub mod channel;
pub mod legacy;
pub mod lm;
pub mod ocr;
/// The binary layout of the shipped OCR model's files.
pub mod packed;
/// Quarter numerals on OCR layers counted by their width (issue 8).
pub mod strokes;
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
    /// Repairs one line of text (whitespace between words kept as it is).
    fn repair(&self, text: &str) -> String;

    /// Repairs the words of one line together (a decision such as which legacy encoding a run is in
    /// needs the line as context). Returns one string per word, in order. Default: each word alone.
    fn repair_words(&self, words: &[&str]) -> Vec<String> {
        words.iter().map(|w| self.repair(w)).collect()
    }

    /// Repairs the lines of a text as one document (whitespace kept): what most lines show can decide
    /// the lines too ambiguous to decide alone. Default: each line alone.
    fn repair_text_lines(&self, lines: &[&str]) -> Vec<String> {
        lines.iter().map(|l| self.repair(l)).collect()
    }

    /// Repairs a whole document's lines, so that what most lines show can decide the lines too short
    /// to decide alone. Default: each line alone.
    fn repair_lines(&self, lines: &[WordLine]) -> Vec<Vec<String>> {
        lines.iter().map(|l| self.repair_words(&l.words)).collect()
    }

    /// [`Self::repair_lines`], and per word the repair's doubt about its reading, where it has one
    /// (an OCR repair: `ocr::Doubt`). Default: no doubts.
    fn repair_lines_doubted(&self, lines: &[WordLine]) -> (Vec<Vec<String>>, Vec<Vec<Option<ocr::Doubt>>>) {
        (self.repair_lines(lines), Vec::new())
    }
}

/// One line as the repair stage sees it: its words and, per word, which of its characters a legacy
/// upper-case font (TCVN3's .VnTimeH …, `rules/legacy/fonts.toml`) drew (empty when not known).
#[derive(Debug, Clone, Default)]
pub struct WordLine<'a> {
    pub words: Vec<&'a str>,
    pub upper_font: Vec<Vec<bool>>,
    /// Which earlier line's text this one continues, for the language model's context: the line
    /// before (text lines), or the line above it in its column (a table row read across its cells
    /// continues each cell's own line above), or none.
    pub follows: Follows,
}

/// See [`WordLine::follows`].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub enum Follows {
    #[default]
    Previous,
    Line(usize),
    Nothing,
}

/// Repairs Unicode-level damage only. Deterministic.
#[derive(Debug, Default, Clone)]
pub struct UnicodeRepair;

impl Repairer for UnicodeRepair {
    fn repair(&self, text: &str) -> String {
        repair_unicode(text)
    }
}

/// The repair for pages re-read by Tesseract's Vietnamese model (`extract --ocr`): the Unicode
/// repair, then the OCR decoder with the shipped language model and a channel learned from
/// Vietnamese-model pairs (`rules/lm/ocr-channel-vie.tsv`, `train::vie_params`). The English-model
/// channel would damage good Vietnamese; this one beats Tesseract-vie alone in `repair-check`
/// ("vie + kehoach", held out by plan).
#[derive(Debug, Default, Clone, Copy)]
pub struct VieOcrRepair;

impl VieOcrRepair {
    pub fn model() -> &'static ocr::OcrRepair {
        static M: std::sync::OnceLock<ocr::OcrRepair> = std::sync::OnceLock::new();
        M.get_or_init(|| {
            ocr::OcrRepair::with_model(
                lm::shipped_model(),
                &channel::ChannelCounts::from_text(include_str!("../../rules/lm/ocr-channel-vie.tsv")),
                train::vie_params(ocr::Params::default()),
            )
        })
    }
}

impl Repairer for VieOcrRepair {
    fn repair(&self, text: &str) -> String {
        OcrLines(Self::model()).repair(text)
    }
    fn repair_words(&self, words: &[&str]) -> Vec<String> {
        OcrLines(Self::model()).repair_words(words)
    }
    fn repair_text_lines(&self, lines: &[&str]) -> Vec<String> {
        OcrLines(Self::model()).repair_text_lines(lines)
    }
    fn repair_lines(&self, lines: &[WordLine]) -> Vec<Vec<String>> {
        OcrLines(Self::model()).repair_lines(lines)
    }
    fn repair_lines_doubted(&self, lines: &[WordLine]) -> (Vec<Vec<String>>, Vec<Vec<Option<ocr::Doubt>>>) {
        OcrLines(Self::model()).repair_lines_doubted(lines)
    }
}

/// Legacy 8-bit fonts (TCVN3, VNI, VISCII), detected per line; text in no legacy encoding is left as
/// it is. Output NFC.
#[derive(Debug, Default, Clone)]
pub struct LegacyRepair;

impl Repairer for LegacyRepair {
    fn repair(&self, text: &str) -> String {
        legacy::nfc(legacy::decode_text(text))
    }
    fn repair_words(&self, words: &[&str]) -> Vec<String> {
        legacy::decode_line(words).0.into_iter().map(legacy::nfc).collect()
    }
    fn repair_lines(&self, lines: &[WordLine]) -> Vec<Vec<String>> {
        legacy::decode_lines(lines).into_iter().map(|l| l.into_iter().map(legacy::nfc).collect()).collect()
    }
    fn repair_text_lines(&self, lines: &[&str]) -> Vec<String> {
        legacy::decode_text_lines(lines).into_iter().map(legacy::nfc).collect()
    }
}

/// `auto`: legacy-font detection, then the Unicode repair. A no-op on clean NFC text.
#[derive(Debug, Default, Clone)]
pub struct AutoRepair;

impl Repairer for AutoRepair {
    fn repair(&self, text: &str) -> String {
        repair_unicode(&legacy::decode_text(text))
    }
    fn repair_words(&self, words: &[&str]) -> Vec<String> {
        legacy::decode_line(words).0.iter().map(|w| repair_unicode(w)).collect()
    }
    fn repair_lines(&self, lines: &[WordLine]) -> Vec<Vec<String>> {
        legacy::decode_lines(lines).into_iter().map(|l| l.iter().map(|w| repair_unicode(w)).collect()).collect()
    }
    fn repair_text_lines(&self, lines: &[&str]) -> Vec<String> {
        legacy::decode_text_lines(lines).iter().map(|l| repair_unicode(l)).collect()
    }
}

/// The repairer for a mode.
pub fn repairer_for(mode: Mode) -> Result<Box<dyn Repairer + Send + Sync>, String> {
    match mode {
        Mode::Auto => Ok(Box::new(AutoRepair)),
        Mode::Unicode => Ok(Box::new(UnicodeRepair)),
        Mode::Legacy => Ok(Box::new(LegacyRepair)),
        Mode::Ocr => Ok(Box::new(ShippedOcr)),
    }
}

/// The OCR repair with the model shipped in rules/lm/ (loaded once, on first use).
#[derive(Debug, Default, Clone, Copy)]
pub struct ShippedOcr;

impl Repairer for ShippedOcr {
    fn repair(&self, text: &str) -> String {
        OcrLines(ocr::OcrRepair::shipped()).repair(text)
    }
    fn repair_words(&self, words: &[&str]) -> Vec<String> {
        OcrLines(ocr::OcrRepair::shipped()).repair_words(words)
    }
    fn repair_text_lines(&self, lines: &[&str]) -> Vec<String> {
        OcrLines(ocr::OcrRepair::shipped()).repair_text_lines(lines)
    }
    fn repair_lines(&self, lines: &[WordLine]) -> Vec<Vec<String>> {
        OcrLines(ocr::OcrRepair::shipped()).repair_lines(lines)
    }
    fn repair_lines_doubted(&self, lines: &[WordLine]) -> (Vec<Vec<String>>, Vec<Vec<Option<ocr::Doubt>>>) {
        OcrLines(ocr::OcrRepair::shipped()).repair_lines_doubted(lines)
    }
}

/// An OCR repair model (a held-out one, say) applied like the shipped one: the Unicode repair first,
/// then the model over the document's lines as running text (its `repair_lines`: context carried from
/// line to line, the document's own first reading as a cache). Words stay one for one.
pub struct OcrLines<'a>(pub &'a ocr::OcrRepair);

impl Repairer for OcrLines<'_> {
    fn repair(&self, text: &str) -> String {
        self.0.repair(&repair_unicode(text))
    }
    fn repair_words(&self, words: &[&str]) -> Vec<String> {
        let clean: Vec<String> = words.iter().map(|w| repair_unicode(w)).collect();
        self.0.repair_words(&clean.iter().map(|s| s.as_str()).collect::<Vec<_>>())
    }
    fn repair_text_lines(&self, lines: &[&str]) -> Vec<String> {
        let clean: Vec<String> = lines.iter().map(|l| repair_unicode(l)).collect();
        self.0.repair_text_lines(&clean.iter().map(|s| s.as_str()).collect::<Vec<_>>())
    }
    fn repair_lines(&self, lines: &[WordLine]) -> Vec<Vec<String>> {
        unicode_first(lines, |l| self.0.repair_lines(l))
    }
    fn repair_lines_doubted(&self, lines: &[WordLine]) -> (Vec<Vec<String>>, Vec<Vec<Option<ocr::Doubt>>>) {
        unicode_first(lines, |l| self.0.repair_lines_doubted(l))
    }
}

/// `f` on the lines with the Unicode repair applied to each word first.
fn unicode_first<R>(lines: &[WordLine], f: impl FnOnce(&[WordLine]) -> R) -> R {
    let clean: Vec<Vec<String>> = lines.iter().map(|l| l.words.iter().map(|w| repair_unicode(w)).collect()).collect();
    let lines: Vec<WordLine> = clean.iter().zip(lines).map(|(l, o)| WordLine { words: l.iter().map(|s| s.as_str()).collect(), upper_font: Vec::new(), follows: o.follows }).collect();
    f(&lines)
}

/// Repaired positioned text: what stage 2 hands on.
#[derive(Debug, Clone, Default)]
pub struct RepairedText {
    pub doc: PdfText,
    /// Number of words whose text the repair changed.
    pub changed_words: usize,
}

pub fn repair_doc(mut doc: PdfText, r: &dyn Repairer) -> RepairedText {
    // The windows (lines) of every page, as (page, start, end) word ranges.
    let mut windows = Vec::new();
    for (p, page) in doc.pages.iter().enumerate() {
        let mut start = 0;
        while start < page.words.len() {
            let end = line_window_end(&page.words, start);
            windows.push((p, start, end));
            start = end;
        }
    }
    // Which fonts of each page are upper-case legacy fonts.
    let upper_fonts: Vec<Vec<bool>> = doc.pages.iter().map(|p| p.fonts.iter().map(|f| legacy::is_upper_case_font(f)).collect()).collect();
    let lines: Vec<WordLine> = windows
        .iter()
        .map(|&(p, s, e)| {
            let words = &doc.pages[p].words[s..e];
            WordLine {
                words: words.iter().map(|w| w.text.as_str()).collect(),
                upper_font: words.iter().map(|w| upper_font_mask(w, &upper_fonts[p])).collect(),
                follows: Follows::Previous,
            }
        })
        .collect();
    let mut lines = lines;
    for (l, f) in lines.iter_mut().zip(follows_in_columns(&doc, &windows)) {
        l.follows = f;
    }
    let (fixed, doubts) = r.repair_lines_doubted(&lines);
    drop(lines);
    let mut changed = 0;
    for (k, (&(p, s, e), f)) in windows.iter().zip(fixed).enumerate() {
        debug_assert_eq!(f.len(), e - s);
        if let Some(d) = doubts.get(k) {
            for (w, d) in doc.pages[p].words[s..e].iter_mut().zip(d) {
                w.doubt = d.clone().map(Box::new);
            }
        }
        for (w, f) in doc.pages[p].words[s..e].iter_mut().zip(f) {
            if f != w.text {
                changed += 1;
                let raw = std::mem::replace(&mut w.text, f);
                w.raw.get_or_insert(raw);
            }
        }
    }
    for page in &mut doc.pages {
        // A combining mark can arrive as a word of its own (a detached glyph): attach it to the
        // word it sits over or just before.
        attach_orphan_marks(&mut page.words);
    }
    RepairedText { doc, changed_words: changed }
}

/// Per character of the word: drawn by an upper-case legacy font? Empty when no character was (or the
/// fonts are not known).
fn upper_font_mask(w: &crate::pdf::Word, upper_fonts: &[bool]) -> Vec<bool> {
    if !w.fonts.iter().any(|&(_, f)| upper_fonts.get(f as usize).copied().unwrap_or(false)) {
        return Vec::new();
    }
    let n = w.text.chars().count();
    let mut mask = vec![false; n];
    for (k, &(start, f)) in w.fonts.iter().enumerate() {
        let end = w.fonts.get(k + 1).map(|r| r.0 as usize).unwrap_or(n).min(n);
        if upper_fonts.get(f as usize).copied().unwrap_or(false) {
            mask[(start as usize).min(end)..end].iter_mut().for_each(|m| *m = true);
        }
    }
    mask
}

/// The end of the window of words that starts at `start`: the following words, in content order, that
/// sit on the same baseline (a line, or a cell's line in a table).
/// Widest gap between two words of one line window, in font sizes (em); wider is a column gutter
/// (the scanned-table stage tells a cell's line start by it too).
pub(crate) const GUTTER_EM: f64 = 1.5;

/// For each window (page, word range), the window whose text it continues: the latest earlier window
/// of its page that ends above it and overlaps it horizontally, the line above in its column
/// (none: a fresh start). A table row read straight across its cells then gives each cell's line
/// the context of the same cell's line above, not of the neighbouring cell to its left; a page's
/// running text, one column, continues line by line as before. check --scanned, cell-text
/// syllables: 92.47 / 91.41 / 90.24 / 92.04% → 93.10 / 92.27 / 90.28 / 92.64% (continuing the window
/// before when nothing is above: the same, 002 0.08 lower).
fn follows_in_columns(doc: &PdfText, windows: &[(usize, usize, usize)]) -> Vec<Follows> {
    let span = |&(p, s, e): &(usize, usize, usize)| {
        let ws = &doc.pages[p].words[s..e];
        (ws.iter().map(|w| w.x0).fold(f64::MAX, f64::min), ws.iter().map(|w| w.x1).fold(f64::MIN, f64::max), ws[0].baseline)
    };
    let spans: Vec<(f64, f64, f64)> = windows.iter().map(span).collect();
    (0..windows.len())
        .map(|k| {
            let (x0, x1, base) = spans[k];
            let above = (0..k).rev().take_while(|&j| windows[j].0 == windows[k].0).find(|&j| {
                let (a0, a1, b) = spans[j];
                b < base - 1.0 && a0.max(x0) < a1.min(x1)
            });
            above.map_or(Follows::Nothing, Follows::Line)
        })
        .collect()
}

/// A word that is a table's ruling line as OCR read it ("|"). Narrower than the layout stage's
/// `is_rule_artifact` (bars, underscores and dashes) on purpose: inside a line a lone dash or "—"
/// is as often the text's own punctuation, and a window cut there loses its context.
fn is_ruling(t: &str) -> bool {
    !t.is_empty() && t.chars().all(|c| matches!(c, '|' | '¦'))
}

fn line_window_end(words: &[crate::pdf::Word], start: usize) -> usize {
    let first = &words[start];
    let mut end = start + 1;
    while end < words.len() {
        let w = &words[end];
        let prev = &words[end - 1];
        // A gap wider than 1.5 em is a column gutter, not a word space: a table row read straight
        // across its columns is repaired as one window per cell, so the per-line decisions (the
        // beam's, the capitals test, the word pairs of the document's reading that the cache
        // model leans on) no longer straddle two cells. check --scanned,
        // cell-text syllables: 91.66 / 90.15 / 89.23 / 91.43% → 92.36 / 91.50 / 89.74 / 91.94%
        // (1.0–2.0 em give the same within 0.1 point; 3.0 em less).
        let same_line = (w.baseline - first.baseline).abs() < 0.35 * first.size.max(w.size) && w.x0 >= prev.x0 - 0.5 * w.size && w.x0 - prev.x1 < GUTTER_EM * w.size.max(prev.size);
        // A ruling line read as "|" is a cell's edge whatever the gap: it is a window of its own,
        // so the cells on either side of it are repaired apart (a row whose cells OCR set a word
        // space apart was one window, and the next line of each cell took the context of the
        // window's last cell). check --scanned, cell-text syllables: 95.00 / 94.67 / 92.86 /
        // 94.93% → 95.65 / 94.80 / 93.81 / 95.52% (session 13).
        if !same_line || is_ruling(&w.text) || is_ruling(&prev.text) {
            break;
        }
        end += 1;
    }
    end
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


#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::Word;

    fn word(text: &str, x0: f64, x1: f64, baseline: f64) -> Word {
        Word { text: text.into(), x0, x1, top: baseline - 9.6, bottom: baseline + 2.4, baseline, size: 12.0, space_after: true, fonts: vec![], raw: None, doubt: None }
    }

    #[test]
    fn line_windows_end_at_a_new_line_and_at_a_column_gutter() {
        // A table row read across two cells (a 30 pt gutter, 2.5 em), then the next line.
        let words = vec![word("Phong", 50.0, 80.0, 100.0), word("Chuyén", 83.0, 120.0, 100.0), word("Quy", 150.0, 170.0, 100.0), word("1/2026", 173.0, 200.0, 100.0), word("déi", 50.0, 65.0, 113.0)];
        assert_eq!(line_window_end(&words, 0), 2);
        assert_eq!(line_window_end(&words, 2), 4);
        assert_eq!(line_window_end(&words, 4), 5);
        // Word spaces, however uneven (justified text: up to 1 em), keep one window.
        let words = vec![word("Kế", 50.0, 62.0, 100.0), word("hoạch", 74.0, 100.0, 100.0), word("số", 103.0, 113.0, 100.0)];
        assert_eq!(line_window_end(&words, 0), 3);
        // A ruling line read as "|" a word space from both cells: three windows.
        let words = vec![word("Nghi", 50.0, 70.0, 100.0), word("quyét", 73.0, 100.0, 100.0), word("ban", 103.0, 120.0, 100.0), word("|", 124.0, 126.0, 100.0), word("Nghi", 130.0, 150.0, 100.0)];
        assert_eq!(line_window_end(&words, 0), 3);
        assert_eq!(line_window_end(&words, 3), 4);
        assert_eq!(line_window_end(&words, 4), 5);
        assert!(is_ruling("|") && is_ruling("||") && !is_ruling("I") && !is_ruling("l") && !is_ruling(""));
    }

    #[test]
    fn a_cells_line_continues_the_line_above_in_its_column() {
        // Two table rows' lines read across two cells each, then a line across the page.
        let words = vec![
            word("Phong", 50.0, 80.0, 100.0), word("Chuyén", 83.0, 120.0, 100.0), word("S6", 150.0, 162.0, 100.0), word("Khoa", 165.0, 190.0, 100.0),
            word("déi", 50.0, 65.0, 113.0), word("s6", 68.0, 78.0, 113.0), word("hoc", 150.0, 170.0, 113.0),
            word("Ghi", 40.0, 60.0, 140.0), word("chu", 63.0, 200.0, 140.0),
        ];
        let doc = PdfText { pages: vec![crate::pdf::Page { number: 1, width: 600.0, height: 800.0, words, ..Default::default() }], ..Default::default() };
        let windows = vec![(0, 0, 2), (0, 2, 4), (0, 4, 6), (0, 6, 7), (0, 7, 9)];
        // "hoc" follows "S6 Khoa" above it, not "déi s6" to its left; the full-width line the last
        // line above it that it overlaps.
        assert_eq!(follows_in_columns(&doc, &windows), [Follows::Nothing, Follows::Nothing, Follows::Line(0), Follows::Line(1), Follows::Line(3)]);
    }
}
