//! Stage 1 — PDF → positioned text.
//!
//! Reads a PDF's bytes and returns, per page, the words with their boxes and the ruling-line segments
//! (stroked lines and thin filled rectangles: the borders of table cells). Coordinates are PDF points
//! with the origin at the page's top-left corner, y growing downwards.
//!
//! This stage never interprets text: no repair, no line building, no tables. It is the only stage that
//! touches PDF bytes. The content-stream interpreter is pdf-extract's (fonts, ToUnicode, Identity-H);
//! because pdf-extract panics on purpose on fonts it does not understand, every document runs inside
//! `catch_unwind` and under a time limit, and either becomes a one-line error.
//!
//! Hostile input (issue 7): a damaged or missing cross-reference table is rebuilt by scanning the
//! file (`recover`); streams are inflated within per-document memory limits while the file is read
//! (`limits`); cycles, deep nesting and malformed CMaps that would hang or overflow the stack inside
//! pdf-extract are caught, or repaired when nothing is lost, before it runs (`sanitise`).

pub mod glyph;
pub mod limits;
pub mod ocr;
pub mod recover;
pub mod sanitise;

pub use limits::Limits;

use crate::error::{Error, Result, Stage, StageError};
use crate::model::Warning;
use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// One word: glyphs that sit together on one baseline with no space between them.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    /// Top and bottom of the glyph box (font size above and a fifth of it below the baseline).
    pub top: f64,
    pub bottom: f64,
    pub baseline: f64,
    /// Font size in points, after all transformations.
    pub size: f64,
    /// The word was followed by a space glyph (kept even at a line end by some producers).
    pub space_after: bool,
    /// The fonts of the word's characters, as runs: (index of the run's first char, font), the font an
    /// index into [`Page::fonts`]. Empty when the reader could not tell. The repair stage needs it for
    /// legacy fonts whose upper-case letters live in a separate font (TCVN3's .VnTimeH).
    pub fonts: Vec<(u32, u16)>,
    /// The word as the text layer gave it, when the repair stage changed it (`repair::repair_doc`;
    /// None: unchanged). The scanned-table stage reads row codes and section numerals in both
    /// readings (`tables::ocr`): a language model's word choice must not cost a table its structure.
    pub raw: Option<String>,
    /// The repair stage's doubt about its reading of the word (`repair::ocr`: an OCR word whose
    /// runner-up reading came near, or that it could not read at all); None: no doubt.
    pub doubt: Option<Box<Doubt>>,
}

/// See [`Word::doubt`].
#[derive(Debug, Clone, PartialEq)]
pub struct Doubt {
    /// How much less likely (natural log) the runner-up reading is; 0 for a word not read at all.
    pub margin: f32,
    /// The runner-up reading of the word (None: the word was kept as the OCR gave it, unreadable).
    pub other: Option<String>,
}

impl Word {
    pub fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    pub fn cy(&self) -> f64 {
        (self.top + self.bottom) / 2.0
    }
}

/// A straight ruling segment, normalised so that x0 <= x1 and y0 <= y1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Segment {
    pub fn is_horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() < 1.5 && (self.x1 - self.x0) > 3.0
    }
    pub fn is_vertical(&self) -> bool {
        (self.x1 - self.x0).abs() < 1.5 && (self.y1 - self.y0) > 3.0
    }
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    pub width: f64,
    pub height: f64,
    pub words: Vec<Word>,
    pub segments: Vec<Segment>,
    /// The page's fonts (BaseFont names as the PDF gives them, subset prefix included).
    pub fonts: Vec<String>,
    /// Glyphs (not blanks) drawn visibly and invisibly (text render mode 3 or 7: an OCR text layer
    /// over a scanned image).
    pub visible_glyphs: usize,
    pub invisible_glyphs: usize,
    /// Image XObjects in the page's resources (a scanned page is one).
    pub images: usize,
    /// The text's baseline angle in radians (median slope between consecutive words of a line, y
    /// downwards: positive when lines descend to the right): a scan's rotation, as its OCR layer
    /// follows it. 0 for printed text.
    pub skew: f64,
    /// The words were re-read from the page image by Tesseract's Vietnamese model (`extract --ocr`,
    /// `ocr.rs`) in place of the page's own text layer.
    pub reread: bool,
    /// Which way most of the page's text runs in the PDF's content space, in quarter turns
    /// counter-clockwise from left to right: 1 for lines drawn bottom to top (a landscape table
    /// stored on a portrait page and shown with `/Rotate 90`, or an OCR layer over a sideways
    /// scan). Everything on the page ([`Page::words`], [`Page::segments`], the width and height) is
    /// given turned back by as much, so that lines run left to right; 0 for an upright page.
    pub text_turns: u8,
    /// How the page's one drawn image lies in that frame: quarter turns counter-clockwise from
    /// upright (its first pixel row at the top); `None` with no image, several, or a mirrored one.
    pub image_turns: Option<u8>,
    /// Characters set in another direction than the page's text (a vertical note on a horizontal
    /// page): not read into words.
    pub other_direction_glyphs: usize,
    /// Characters drawn in a font that does not say which they are (a CID font without a ToUnicode
    /// map): they are not in [`Page::words`].
    pub undecoded_glyphs: usize,
    /// The page's `/Rotate` in quarter turns clockwise: how a viewer (and `pdftoppm`) shows it. A
    /// page without text is given in that frame (`text_turns` is this).
    pub rotate: u8,
}

/// What a page's text layer is (SCHEMA.md `source.text_layer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextLayer {
    /// Text drawn by the producer (visible glyphs).
    Digital,
    /// An invisible OCR text layer (render mode 3) over the page image.
    Ocr,
}

impl TextLayer {
    pub fn as_str(self) -> &'static str {
        match self {
            TextLayer::Digital => "digital",
            TextLayer::Ocr => "ocr",
        }
    }
}

impl Page {
    pub fn is_landscape(&self) -> bool {
        self.width > self.height
    }

    /// Most of the page's drawn characters could not be decoded (see [`Page::undecoded_glyphs`]):
    /// its text is only readable from its image.
    pub fn is_unreadable(&self) -> bool {
        self.undecoded_glyphs > self.visible_glyphs + self.invisible_glyphs
    }

    /// The page's text layer: OCR when most of its glyphs are invisible, digital when most are
    /// visible; `None` for a page without text.
    pub fn text_layer(&self) -> Option<TextLayer> {
        if self.words.is_empty() {
            None
        } else if self.invisible_glyphs > self.visible_glyphs {
            Some(TextLayer::Ocr)
        } else {
            Some(TextLayer::Digital)
        }
    }
}

/// Positioned text of a whole document: what stage 1 hands on.
#[derive(Debug, Clone, Default)]
pub struct PdfText {
    pub pages: Vec<Page>,
    pub producer: Option<String>,
    /// Repairs the reader made to a damaged file (rebuilt cross-reference table, page tree).
    pub warnings: Vec<Warning>,
}

impl PdfText {
    /// `source.text_layer`: "digital" or "ocr" when every page with text has that layer, "mixed"
    /// when both occur.
    pub fn text_layer(&self) -> &'static str {
        let layers: Vec<TextLayer> = self.pages.iter().filter_map(Page::text_layer).collect();
        match (layers.contains(&TextLayer::Digital), layers.contains(&TextLayer::Ocr)) {
            (false, true) => "ocr",
            (true, true) => "mixed",
            _ => "digital",
        }
    }
}

#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// Wall-clock limit for reading one document.
    pub time_limit: Duration,
    /// Memory limits for reading one document.
    pub limits: Limits,
    /// Record which font drew each character (`Word::fonts`) on the pages that use a font this accepts
    /// (by BaseFont name; the repair stage asks for TCVN3's upper-case fonts). It costs a second walk of
    /// the page's content stream, so `None` (never) is the default.
    pub font_runs: Option<fn(&str) -> bool>,
    /// Image-only pages are kept (without words) instead of being an error or a warning: the caller
    /// re-reads them (`extract --ocr`, `ocr.rs`).
    pub keep_image_pages: bool,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions { time_limit: Duration::from_secs(60), limits: Limits::default(), font_runs: None, keep_image_pages: false }
    }
}

/// The stage's trait: anything that turns PDF bytes into positioned text.
pub trait TextSource {
    fn read(&self, bytes: &[u8]) -> Result<PdfText>;
}

/// The default reader: lopdf for the object model, pdf-extract for the content streams.
#[derive(Debug, Clone, Default)]
pub struct PdfReader {
    pub options: PdfOptions,
}

impl TextSource for PdfReader {
    fn read(&self, bytes: &[u8]) -> Result<PdfText> {
        read_pdf(bytes, &self.options)
    }
}

fn err(e: Error) -> StageError {
    StageError::new(Stage::Pdf, e)
}

/// Opens the document (header check, parse, empty-password decryption, recovery, checks) with the
/// default limits.
pub fn open(bytes: &[u8]) -> Result<lopdf::Document> {
    open_with(bytes, &Limits::default()).map(|(doc, _)| doc)
}

/// Opens the document within `limits`; returns it with the warnings of any repair made.
pub fn open_with(bytes: &[u8], limits: &Limits) -> Result<(lopdf::Document, Vec<Warning>)> {
    let head = &bytes[..bytes.len().min(1024)];
    if bytes.is_empty() {
        return Err(err(Error::NotPdf(": the file is empty".into())));
    }
    let Some(start) = head.windows(5).position(|w| w == b"%PDF-") else {
        let what = sniff(head);
        return Err(err(Error::NotPdf(what)));
    };
    let truncated = !bytes[bytes.len().saturating_sub(1024)..].windows(5).any(|w| w == b"%%EOF");
    let mut budget = limits::Budget::new(limits);
    let (mut doc, load_error) = match catch_unwind(AssertUnwindSafe(|| limits::load(bytes, &mut budget))) {
        Ok(Ok(doc)) => (Some(doc), None),
        Ok(Err(e)) => (None, Some(e.to_string())),
        Err(p) => (None, Some(panic_message(&p))),
    };
    if let Some(b) = budget.breach.take() {
        return Err(err(Error::Limit(b)));
    }
    if let Some(d) = doc.as_mut() {
        decrypt(d)?;
    } else if load_error.as_deref().is_some_and(|m| m.to_lowercase().contains("decrypt") || m.to_lowercase().contains("password")) {
        return Err(err(Error::Encrypted));
    }
    // A table that is missing, unreadable or points past the objects: rebuild it by scanning.
    let mut damage = sanitise::Damage::None;
    let mut warnings = Vec::new();
    let mut scanned = None;
    let mut rebuilt_bytes = None;
    if doc.as_ref().is_none_or(|d| !has_page_tree(d) || missing_objects(d) > 0) {
        if let Some(rb) = recover::rebuild(bytes) {
            scanned = Some(rb.objects);
            let mut b2 = limits::Budget::new(limits);
            if let Ok(Ok(mut d2)) = catch_unwind(AssertUnwindSafe(|| limits::load(&rb.bytes, &mut b2))) {
                let better = recover::ensure_root(&mut d2, &rb.offsets)
                    && doc.as_ref().is_none_or(|d| !has_page_tree(d) || d2.objects.len() > d.objects.len());
                if better {
                    if let Some(b) = b2.breach.take() {
                        return Err(err(Error::Limit(b)));
                    }
                    decrypt(&mut d2)?;
                    damage = if truncated { sanitise::Damage::Truncated } else { sanitise::Damage::Rebuilt };
                    warnings.push(Warning::new(
                        "pdf_xref_rebuilt",
                        if truncated {
                            format!("the file ends early (no %%EOF marker) but the objects its pages use are intact: rebuilt the cross-reference table from the {} objects found", rb.objects)
                        } else {
                            format!("damaged cross-reference table: rebuilt it from the {} objects found by scanning the file", rb.objects)
                        },
                    ));
                    doc = Some(d2);
                    budget = b2;
                    rebuilt_bytes = Some(rb.bytes);
                }
            }
        }
    }
    let Some(mut doc) = doc else {
        let msg = load_error.unwrap_or_default();
        return Err(err(Error::Corrupt(match (truncated, scanned) {
            (true, Some(n)) => format!("the file ends early (no %%EOF marker): the {n} objects before the cut hold no page tree"),
            (true, None) => format!("the file ends early (no %%EOF marker; {msg})"),
            (false, Some(n)) => format!("{msg}; the {n} objects found by scanning the file hold no page tree"),
            (false, None) => msg,
        })));
    };
    budget.admit_document(&mut doc);
    if let Some(b) = budget.breach.take() {
        return Err(err(Error::Limit(b)));
    }
    let read: &[u8] = match &rebuilt_bytes {
        Some(b) => &b[start..],
        None => &bytes[start..],
    };
    let s = sanitise::Sanitiser { bytes: read, limits, damage };
    warnings.extend(s.run(&mut doc).map_err(err)?);
    Ok((doc, warnings))
}

/// Official PDFs are often "encrypted" with an empty user password and permission flags only:
/// those open normally. A real password is a clear error.
fn decrypt(doc: &mut lopdf::Document) -> Result<()> {
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(err(Error::Encrypted));
    }
    Ok(())
}

fn has_page_tree(doc: &lopdf::Document) -> bool {
    doc.catalog().is_ok_and(|c| c.get(b"Pages").and_then(lopdf::Object::as_reference).is_ok_and(|p| doc.get_dictionary(p).is_ok()))
}

/// In-use entries of the cross-reference table whose object lopdf did not find where the table
/// points (lopdf drops those silently). An encrypted document's encryption dictionary is removed
/// after decryption, so one is allowed there.
fn missing_objects(doc: &lopdf::Document) -> usize {
    let n = doc
        .reference_table
        .entries
        .iter()
        .filter(|(&num, e)| matches!(e, lopdf::xref::XrefEntry::Normal { generation, .. } if !doc.objects.contains_key(&(num, *generation))))
        .count();
    if doc.encryption_state.is_some() {
        n.saturating_sub(1)
    } else {
        n
    }
}

fn sniff(head: &[u8]) -> String {
    let lower: Vec<u8> = head.iter().take(256).map(|b| b.to_ascii_lowercase()).collect();
    let has = |s: &[u8]| lower.windows(s.len()).any(|w| w == s);
    if head.starts_with(b"PK\x03\x04") {
        "; it is a ZIP container, perhaps a DOCX or XLSX renamed .pdf".into()
    } else if has(b"<html") || has(b"<!doctype html") {
        "; it is an HTML page".into()
    } else if head.starts_with(b"\xD0\xCF\x11\xE0") {
        "; it is an old Office document (DOC/XLS)".into()
    } else if head.starts_with(b"\x89PNG") || head.starts_with(b"\xFF\xD8\xFF") {
        "; it is an image".into()
    } else {
        String::new()
    }
}

/// Reads positioned text from PDF bytes, isolated: panics and overruns become errors.
pub fn read_pdf(bytes: &[u8], options: &PdfOptions) -> Result<PdfText> {
    let (doc, warnings) = open_with(bytes, &options.limits)?;
    let producer = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| o.as_reference().ok())
        .and_then(|id| doc.get_dictionary(id).ok())
        .and_then(|info| info.get(b"Producer").ok())
        .and_then(|p| p.as_str().ok())
        .map(decode_pdf_string);
    let deadline = Instant::now() + options.time_limit;
    let limit = options.time_limit.as_secs();
    // All pages in one pass: `output_doc_page` walks the page tree again for every page, which is
    // quadratic in the page count.
    let mut dev = Collector::new(deadline, options.limits.max_glyphs);
    // Which font each text-showing string is in, on the pages whose fonts the caller asks about:
    // pdf-extract does not say, so the content stream is walked once more, in the same order (a
    // mismatch drops the information for the page).
    if let Some(wanted) = options.font_runs {
        for (&num, &page_id) in doc.get_pages().iter() {
            if page_font_names(&doc, page_id).iter().any(|n| wanted(n)) {
                if let Some(sf) = catch_unwind(AssertUnwindSafe(|| font_sequence(&doc, page_id))).ok().flatten() {
                    dev.page_fonts.insert(num, sf);
                }
            }
        }
    }
    for (&num, &page_id) in doc.get_pages().iter() {
        let r = page_rotate(&doc, page_id);
        if r != 0 {
            dev.page_rotate.insert(num, r);
        }
    }
    let run = catch_unwind(AssertUnwindSafe(|| pdf_extract::output_doc(&doc, &mut dev)));
    let num = dev.number;
    match run {
        Ok(Ok(())) => {}
        Ok(Err(OutputError::IoError(e))) if e.kind() == std::io::ErrorKind::TimedOut => {
            return Err(err(Error::Timeout(limit)));
        }
        Ok(Err(OutputError::IoError(e))) if e.kind() == std::io::ErrorKind::OutOfMemory => {
            return Err(err(Error::Limit(format!("more than {} glyphs (page {num})", options.limits.max_glyphs))));
        }
        Ok(Err(e)) => return Err(err(Error::Corrupt(format!("page {num}: {e}")))),
        Err(p) => {
            let msg = panic_message(&p);
            if msg.contains("InvalidContentStream") {
                return Err(err(Error::Corrupt(unparseable_content(&doc, num))));
            }
            return Err(err(Error::ReaderPanic(format!("page {num}: {msg}"))));
        }
    }
    if Instant::now() > deadline {
        return Err(err(Error::Timeout(limit)));
    }
    let mut out = PdfText { pages: dev.pages, producer, warnings };
    let ids = doc.get_pages();
    for p in out.pages.iter_mut() {
        if let Some(&id) = ids.get(&p.number) {
            p.images = page_images(&doc, id);
            // A scan's OCR layer: its "≥" read back from the page image (`glyph`; with `--ocr`, on
            // Tesseract-vie's words instead, `ocr::reread_scans`).
            if p.images == 1 && p.text_layer() == Some(TextLayer::Ocr) && !options.keep_image_pages {
                glyph::read_page(bytes, &doc, id, p);
            }
        }
    }
    // A page whose characters mostly cannot be decoded: the few that can are as likely the same
    // font's codes read as letters by chance; its text is read from its image or not at all.
    for p in out.pages.iter_mut().filter(|p| p.is_unreadable()) {
        p.words.clear();
    }
    // Text set across the page's own (a vertical note beside a table): not read, so said.
    for p in out.pages.iter().filter(|p| p.other_direction_glyphs > 0) {
        out.warnings.push(Warning::new(
            "other_direction_text",
            format!("page {}: {} characters set in another direction than the page's text are not read", p.number, p.other_direction_glyphs),
        ));
    }
    // Some characters in a font that does not say which they are, on a page that reads otherwise.
    for p in out.pages.iter().filter(|p| p.undecoded_glyphs > 0 && !p.is_unreadable()) {
        out.warnings.push(Warning::new(
            "unmapped_text",
            format!("page {}: {} characters drawn in a font without a Unicode map (no ToUnicode) are not read", p.number, p.undecoded_glyphs),
        ));
    }
    if options.keep_image_pages && out.pages.iter().any(|p| p.images > 0 || p.is_unreadable()) {
        return Ok(out);
    }
    if out.pages.iter().all(|p| p.words.is_empty()) {
        let unmapped: usize = out.pages.iter().map(|p| p.undecoded_glyphs).sum();
        if unmapped > 0 {
            return Err(err(Error::Unmapped(unmapped)));
        }
        if out.pages.iter().any(|p| p.images > 0) {
            return Err(err(Error::NoText));
        }
        return Err(err(Error::Blank));
    }
    // Pages whose text is drawn in fonts that do not say which characters they are.
    for p in out.pages.iter().filter(|p| p.is_unreadable()) {
        out.warnings.push(Warning::new(
            "unmapped_text",
            format!("page {}: its text cannot be read: {} of its characters are drawn in fonts without a Unicode map (no ToUnicode); read it with `extract --ocr`, or run OCR first (`ocrmypdf --force-ocr -l vie in.pdf out.pdf`)", p.number, p.undecoded_glyphs),
        ));
    }
    // Pages that are only an image in a document with text elsewhere: their content is lost.
    for p in out.pages.iter().filter(|p| p.words.is_empty() && p.images > 0) {
        out.warnings.push(Warning::new(
            "image_only_page",
            format!("page {} is an image without a text layer: its content is not read (run OCR first, e.g. `ocrmypdf -l vie in.pdf out.pdf`)", p.number),
        ));
    }
    Ok(out)
}

/// A page whose content stream lopdf's parser rejects (pdf-extract then panics): say so, and why
/// when it is the parser's nesting limit.
fn unparseable_content(doc: &lopdf::Document, num: u32) -> String {
    let deep = doc
        .get_pages()
        .get(&num)
        .and_then(|&id| doc.get_page_content(id).ok())
        .is_some_and(|c| sanitise::nesting(&c, false) > 100);
    if deep {
        format!("page {num}: its content stream cannot be parsed: it is nested more than 100 levels deep")
    } else {
        format!("page {num}: its content stream cannot be parsed")
    }
}

fn decode_pdf_string(b: &[u8]) -> String {
    if b.starts_with(&[0xFE, 0xFF]) {
        let u: Vec<u16> = b[2..].chunks(2).filter(|c| c.len() == 2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&u)
    } else {
        b.iter().map(|&c| c as char).collect()
    }
}

/// A page's skew from its words (see [`Page::skew`]).
pub fn measure_skew(words: &[Word]) -> f64 {
    skew_into(words, &mut Vec::new())
}

fn skew_into(words: &[Word], angles: &mut Vec<f64>) -> f64 {
    // The baseline slope between consecutive words of a line (Tesseract positions a rotated
    // line's words along the slope, with or without rotating the text matrix).
    angles.clear();
    for p in words.windows(2) {
        let dx = p[1].x0 - p[0].x0;
        let dy = p[1].baseline - p[0].baseline;
        if dx > 2.0 * p[0].size.max(1.0) && dx < 400.0 && (dy / dx).abs() < 0.03 {
            angles.push(dy.atan2(dx));
        }
    }
    let skew = if angles.len() < 5 {
        0.0
    } else {
        let mid = angles.len() / 2;
        *angles.select_nth_unstable_by(mid, |a, b| a.total_cmp(b)).1
    };
    angles.clear();
    skew
}

pub fn panic_message(p: &Box<dyn std::any::Any + Send>) -> String {
    let msg = if let Some(s) = p.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    };
    let line = msg.lines().next().unwrap_or("").trim().to_string();
    if line.is_empty() {
        "unsupported content".into()
    } else {
        line
    }
}

#[derive(Debug, Clone)]
struct Glyph {
    text: String,
    /// The origin: in content space (y up) as collected, in the page's upright frame (y down) once
    /// the page is finished.
    x: f64,
    y: f64,
    /// The advance along the text's direction.
    w: f64,
    size: f64,
    font: Option<u16>,
    /// The direction the glyph's text runs in ([`quarter_turns`] of its text matrix's x axis).
    dir: u8,
}

/// The quarter turn nearest to the direction of the vector (dx, dy) (y up): 0 along +x, 1 along +y,
/// 2 along −x, 3 along −y.
fn quarter_turns(dx: f64, dy: f64) -> u8 {
    if !(dx.is_finite() && dy.is_finite()) {
        return 0;
    }
    ((dy.atan2(dx) / std::f64::consts::FRAC_PI_2).round() as i64).rem_euclid(4) as u8
}

/// A page's upright frame (see [`Page::text_turns`]): content space (y up, the media box at
/// (llx, lly), w × h) turned clockwise by `turns` quarter turns, then read with y down from the
/// top-left corner.
#[derive(Debug, Clone, Copy)]
struct Frame {
    turns: u8,
    llx: f64,
    lly: f64,
    w: f64,
    h: f64,
}

impl Frame {
    fn width(&self) -> f64 {
        if self.turns % 2 == 1 { self.h } else { self.w }
    }
    fn height(&self) -> f64 {
        if self.turns % 2 == 1 { self.w } else { self.h }
    }
    /// A content-space point in the frame.
    fn point(&self, x: f64, y: f64) -> (f64, f64) {
        let (u, v) = (x - self.llx, y - self.lly);
        let (fx, fy_up) = match self.turns {
            1 => (v, self.w - u),
            2 => (self.w - u, self.h - v),
            3 => (self.h - v, u),
            _ => (u, v),
        };
        (fx, self.height() - fy_up)
    }
}

/// What a page inherits (`/Resources`, `/Rotate` …): the first value `f` finds in the page's
/// dictionary or, going up its `/Parent` chain (at most 32 levels), an ancestor's.
fn inherited<'a, T>(doc: &'a lopdf::Document, page_id: lopdf::ObjectId, mut f: impl FnMut(&'a lopdf::Dictionary) -> Option<T>) -> Option<T> {
    let mut d = doc.get_dictionary(page_id).ok();
    for _ in 0..=32 {
        let dict = d?;
        if let Some(v) = f(dict) {
            return Some(v);
        }
        d = dict.get(b"Parent").ok().and_then(|p| p.as_reference().ok()).and_then(|id| doc.get_dictionary(id).ok());
    }
    None
}

/// An object, through its reference if it is one (`None`: a reference to nothing).
fn deref<'a>(doc: &'a lopdf::Document, o: &'a lopdf::Object) -> Option<&'a lopdf::Object> {
    match o {
        lopdf::Object::Reference(id) => doc.get_object(*id).ok(),
        _ => Some(o),
    }
}

/// A page's resource dictionary, its own or inherited.
fn page_resources(doc: &lopdf::Document, page_id: lopdf::ObjectId) -> Option<&lopdf::Dictionary> {
    inherited(doc, page_id, |d| d.get(b"Resources").ok().and_then(|o| deref(doc, o)).and_then(|o| o.as_dict().ok()))
}

/// A page's `/Rotate` (its own or inherited) in quarter turns clockwise; 0 when missing or not a
/// multiple of 90.
fn page_rotate(doc: &lopdf::Document, page_id: lopdf::ObjectId) -> u8 {
    match inherited(doc, page_id, |d| d.get(b"Rotate").ok()).map(|r| deref(doc, r).and_then(|o| o.as_i64().ok())) {
        Some(Some(r)) if r % 90 == 0 => (r / 90).rem_euclid(4) as u8,
        _ => 0,
    }
}

/// Image XObjects a page's resources offer, those of its form XObjects included (depth-bounded).
fn page_images(doc: &lopdf::Document, page_id: lopdf::ObjectId) -> usize {
    fn count(doc: &lopdf::Document, res: &lopdf::Dictionary, depth: usize, seen: &mut Vec<lopdf::ObjectId>) -> usize {
        if depth > 8 {
            return 0;
        }
        let Some(xo) = res.get(b"XObject").ok().and_then(|o| deref(doc, o)).and_then(|o| o.as_dict().ok()) else { return 0 };
        let mut n = 0;
        for (_, v) in xo.iter() {
            if let lopdf::Object::Reference(id) = v {
                if seen.contains(id) {
                    continue;
                }
                seen.push(*id);
            }
            let Some(st) = deref(doc, v).and_then(|o| o.as_stream().ok()) else { continue };
            match st.dict.get(b"Subtype").ok().and_then(|s| s.as_name().ok()) {
                Some(b"Image") => n += 1,
                Some(b"Form") => {
                    if let Some(r) = st.dict.get(b"Resources").ok().and_then(|o| deref(doc, o)).and_then(|o| o.as_dict().ok()) {
                        n += count(doc, r, depth + 1, seen);
                    }
                }
                _ => {}
            }
        }
        n
    }
    page_resources(doc, page_id).map_or(0, |r| count(doc, r, 0, &mut Vec::new()))
}

/// The BaseFont names of the fonts in a page's resources (inherited ones included).
fn page_font_names(doc: &lopdf::Document, page_id: lopdf::ObjectId) -> Vec<String> {
    let Some(fonts) = page_resources(doc, page_id).and_then(|r| r.get(b"Font").ok()).and_then(|f| deref(doc, f)).and_then(|f| f.as_dict().ok()) else { return Vec::new() };
    fonts
        .iter()
        .filter_map(|(_, v)| deref(doc, v))
        .filter_map(|v| v.as_dict().ok().and_then(|fd| fd.get(b"BaseFont").ok()).and_then(|b| b.as_name().ok()).map(|b| String::from_utf8_lossy(b).into_owned()))
        .collect()
}

/// The font of every text-showing string of a page, in the order pdf-extract shows them (each `Tj`,
/// each string of a `TJ`, form XObjects followed where `Do` draws them), and the fonts' names.
fn font_sequence(doc: &lopdf::Document, page_id: lopdf::ObjectId) -> Option<(Vec<u16>, Vec<String>)> {
    fn dict<'a>(doc: &'a lopdf::Document, d: &'a lopdf::Dictionary, key: &[u8]) -> Option<&'a lopdf::Dictionary> {
        d.get(key).ok().and_then(|o| deref(doc, o)).and_then(|o| o.as_dict().ok())
    }
    struct Walk<'a> {
        doc: &'a lopdf::Document,
        shows: Vec<u16>,
        fonts: Vec<String>,
        ids: std::collections::HashMap<String, u16>,
    }
    impl<'a> Walk<'a> {
        fn stream(&mut self, content: &[u8], resources: Option<&'a lopdf::Dictionary>, depth: u32) -> Option<()> {
            if depth > 8 {
                return None;
            }
            let ops = pdf_extract::decode_content(content).ok()?.operations;
            let mut font: Option<u16> = None;
            for op in &ops {
                match op.operator.as_str() {
                    "Tf" => {
                        let name = op.operands.first()?.as_name().ok()?;
                        let base = resources
                            .and_then(|r| dict(self.doc, r, b"Font"))
                            .and_then(|f| dict(self.doc, f, name))
                            .and_then(|f| f.get(b"BaseFont").ok())
                            .and_then(|b| deref(self.doc, b)?.as_name().ok())
                            .map(|b| String::from_utf8_lossy(b).into_owned())
                            .unwrap_or_default();
                        let next = self.fonts.len() as u16;
                        let id = *self.ids.entry(base.clone()).or_insert(next);
                        if id == next {
                            self.fonts.push(base);
                        }
                        font = Some(id);
                    }
                    "Tj" => self.shows.push(font?),
                    "TJ" => {
                        if let Some(lopdf::Object::Array(a)) = op.operands.first() {
                            for e in a {
                                if let lopdf::Object::String(..) = e {
                                    self.shows.push(font?);
                                }
                            }
                        }
                    }
                    "Do" => {
                        let name = op.operands.first()?.as_name().ok()?;
                        let xo = resources.and_then(|r| dict(self.doc, r, b"XObject"))?;
                        let obj = deref(self.doc, xo.get(name).ok()?)?;
                        let st = obj.as_stream().ok()?;
                        if st.dict.get(b"Subtype").ok().and_then(|s| s.as_name().ok()) == Some(b"Image".as_slice()) {
                            continue;
                        }
                        let res = dict(self.doc, &st.dict, b"Resources").or(resources);
                        let data = st.decompressed_content().unwrap_or_else(|_| st.content.clone());
                        self.stream(&data, res, depth + 1)?;
                    }
                    _ => {}
                }
            }
            Some(())
        }
    }
    doc.get_dictionary(page_id).ok()?;
    let resources = page_resources(doc, page_id);
    let content = doc.get_page_content(page_id).ok()?;
    let mut w = Walk { doc, shows: Vec::new(), fonts: Vec::new(), ids: Default::default() };
    w.stream(&content, resources, 0)?;
    Some((w.shows, w.fonts))
}

/// pdf-extract output device collecting glyphs and ruling segments, page by page.
struct Collector {
    deadline: Instant,
    calls: u32,
    /// The page being read (1-based) and the pages finished.
    number: u32,
    pages: Vec<Page>,
    height: f64,
    width: f64,
    /// The media box's lower-left corner.
    llx: f64,
    lly: f64,
    glyphs: Vec<Glyph>,
    /// Ruling segments' ends in content space (y up), turned into the page's frame when it ends.
    segments: Vec<((f64, f64), (f64, f64))>,
    /// The CTMs of the images drawn on the page.
    images: Vec<Transform>,
    /// Each page's `/Rotate` in quarter turns (pages not listed: 0).
    page_rotate: std::collections::HashMap<u32, u8>,
    /// Glyphs the document may still add (the per-document limit).
    glyph_budget: usize,
    /// Per page (from [`font_sequence`]): the font of each text-showing string and the font names.
    page_fonts: std::collections::HashMap<u32, (Vec<u16>, Vec<String>)>,
    /// The current page's: font of each text-showing string, the next one's index, the current
    /// one, and the page's font names.
    shows: Option<Vec<u16>>,
    next_show: usize,
    font: Option<u16>,
    fonts: Vec<String>,
    /// Characters of the current page with no text (see [`Page::undecoded_glyphs`]).
    undecoded: usize,
    /// The current string's text render mode is invisible (3: OCR text over a scan; 7: clip only).
    invisible: bool,
    visible_glyphs: usize,
    invisible_glyphs: usize,
    /// Baseline slopes between consecutive words of the page (radians, y downwards).
    angles: Vec<f64>,
}

impl Collector {
    fn new(deadline: Instant, glyph_budget: usize) -> Self {
        Collector {
            deadline,
            calls: 0,
            number: 0,
            pages: Vec::new(),
            height: 0.0,
            width: 0.0,
            llx: 0.0,
            lly: 0.0,
            glyphs: Vec::new(),
            segments: Vec::new(),
            images: Vec::new(),
            page_rotate: Default::default(),
            glyph_budget,
            page_fonts: Default::default(),
            shows: None,
            next_show: 0,
            font: None,
            fonts: Vec::new(),
            invisible: false,
            undecoded: 0,
            visible_glyphs: 0,
            invisible_glyphs: 0,
            angles: Vec::new(),
        }
    }

    fn check_time(&mut self) -> std::result::Result<(), OutputError> {
        self.calls += 1;
        if self.calls % 256 == 0 && Instant::now() > self.deadline {
            return Err(OutputError::IoError(std::io::Error::new(std::io::ErrorKind::TimedOut, "time limit")));
        }
        Ok(())
    }

    fn finish(&mut self) -> Page {
        // The font walk must have met exactly the strings pdf-extract showed, or it says nothing.
        let fonts_known = self.shows.as_ref().map(|s| s.len() == self.next_show).unwrap_or(false);
        if !fonts_known {
            self.glyphs.iter_mut().for_each(|g| g.font = None);
            self.fonts.clear();
        }
        // The page is read in the frame its text reads upright in; text in other directions is left.
        let mut by_dir = [0usize; 4];
        for g in self.glyphs.iter().filter(|g| !is_blank(&g.text)) {
            by_dir[g.dir as usize] += 1;
        }
        let rotate = self.page_rotate.get(&self.number).copied().unwrap_or(0);
        let turns = if by_dir.iter().all(|&n| n == 0) {
            // (no text: the frame a viewer shows)
            rotate
        } else {
            (0..4u8).max_by_key(|&d| (by_dir[d as usize], std::cmp::Reverse(d))).unwrap_or(0)
        };
        let frame = Frame { turns, llx: self.llx, lly: self.lly, w: self.width, h: self.height };
        let other_direction_glyphs = by_dir.iter().sum::<usize>() - by_dir[turns as usize];
        self.glyphs.retain_mut(|g| {
            (g.x, g.y) = frame.point(g.x, g.y);
            g.dir == turns
        });
        let mut words = build_words(&self.glyphs);
        self.glyphs.clear();
        if self.invisible_glyphs > self.visible_glyphs {
            mend_ocr_sizes(&mut words);
            words = split_ruling_ends(words);
        }
        let skew = skew_into(&words, &mut self.angles);
        let segments = self
            .segments
            .drain(..)
            .filter_map(|(a, b)| {
                let (pa, pb) = (frame.point(a.0, a.1), frame.point(b.0, b.1));
                let s = Segment { x0: pa.0.min(pb.0), y0: pa.1.min(pb.1), x1: pa.0.max(pb.0), y1: pa.1.max(pb.1) };
                (s.is_horizontal() || s.is_vertical()).then_some(s)
            })
            .collect();
        // The image's upright direction (its x axis) in the frame; a mirrored placement is no scan.
        let image_turns = match self.images.as_slice() {
            [m] if m.m11 * m.m22 - m.m12 * m.m21 > 0.0 => Some((quarter_turns(m.m11, m.m12) + 4 - turns) % 4),
            _ => None,
        };
        self.images.clear();
        Page {
            number: self.number,
            width: frame.width(),
            height: frame.height(),
            words,
            segments,
            fonts: std::mem::take(&mut self.fonts),
            visible_glyphs: std::mem::take(&mut self.visible_glyphs),
            invisible_glyphs: std::mem::take(&mut self.invisible_glyphs),
            images: 0,
            skew,
            reread: false,
            text_turns: turns,
            image_turns,
            other_direction_glyphs,
            rotate,
            undecoded_glyphs: std::mem::take(&mut self.undecoded),
        }
    }

    fn push_segment(&mut self, ctm: &Transform, a: (f64, f64), b: (f64, f64)) {
        let tp = |p: (f64, f64)| (p.0 * ctm.m11 + p.1 * ctm.m21 + ctm.m31, p.0 * ctm.m12 + p.1 * ctm.m22 + ctm.m32);
        self.segments.push((tp(a), tp(b)));
    }

    fn path_segments(&mut self, ctm: &Transform, path: &Path, filled: bool) {
        let mut start = None;
        let mut cur = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    start = Some((x, y));
                    cur = Some((x, y));
                }
                PathOp::LineTo(x, y) => {
                    if let (Some(c), false) = (cur, filled) {
                        self.push_segment(ctm, c, (x, y));
                    }
                    cur = Some((x, y));
                }
                PathOp::CurveTo(_, _, _, _, x, y) => cur = Some((x, y)),
                PathOp::Rect(x, y, w, h) => {
                    let dev_w = (w * ctm.m11.hypot(ctm.m12)).abs();
                    let dev_h = (h * ctm.m21.hypot(ctm.m22)).abs();
                    if filled {
                        // A thin filled rectangle is a drawn line; a wide one is shading, not a rule.
                        if dev_h <= 2.5 && dev_w > 3.0 {
                            self.push_segment(ctm, (x, y + h / 2.0), (x + w, y + h / 2.0));
                        } else if dev_w <= 2.5 && dev_h > 3.0 {
                            self.push_segment(ctm, (x + w / 2.0, y), (x + w / 2.0, y + h));
                        }
                    } else {
                        self.push_segment(ctm, (x, y), (x + w, y));
                        self.push_segment(ctm, (x + w, y), (x + w, y + h));
                        self.push_segment(ctm, (x, y + h), (x + w, y + h));
                        self.push_segment(ctm, (x, y), (x, y + h));
                    }
                }
                PathOp::Close => {
                    if let (Some(c), Some(s), false) = (cur, start, filled) {
                        self.push_segment(ctm, c, s);
                    }
                    cur = start;
                }
            }
        }
        if filled {
            // A filled polygon made of MoveTo/LineTo (some producers draw borders this way): use its
            // bounding box when it is thin.
            let pts: Vec<(f64, f64)> = path
                .ops
                .iter()
                .filter_map(|op| match *op {
                    PathOp::MoveTo(x, y) | PathOp::LineTo(x, y) => Some((x, y)),
                    _ => None,
                })
                .collect();
            if pts.len() >= 3 {
                let minx = pts.iter().map(|p| p.0).fold(f64::MAX, f64::min);
                let maxx = pts.iter().map(|p| p.0).fold(f64::MIN, f64::max);
                let miny = pts.iter().map(|p| p.1).fold(f64::MAX, f64::min);
                let maxy = pts.iter().map(|p| p.1).fold(f64::MIN, f64::max);
                let (w, h) = ((maxx - minx) * ctm.m11.hypot(ctm.m12), (maxy - miny) * ctm.m21.hypot(ctm.m22));
                if h <= 2.5 && w > 3.0 {
                    let ym = (miny + maxy) / 2.0;
                    self.push_segment(ctm, (minx, ym), (maxx, ym));
                } else if w <= 2.5 && h > 3.0 {
                    let xm = (minx + maxx) / 2.0;
                    self.push_segment(ctm, (xm, miny), (xm, maxy));
                }
            }
        }
    }
}

fn is_white(cs: &ColorSpace, color: &[f64]) -> bool {
    match cs {
        ColorSpace::DeviceCMYK => color.iter().all(|&c| c < 0.02),
        _ => !color.is_empty() && color.iter().all(|&c| c > 0.98),
    }
}

impl OutputDev for Collector {
    fn begin_page(&mut self, n: u32, mb: &MediaBox, _art: Option<(f64, f64, f64, f64)>) -> std::result::Result<(), OutputError> {
        self.number = n;
        let (shows, fonts) = match self.page_fonts.remove(&n) {
            Some((s, f)) => (Some(s), f),
            None => (None, Vec::new()),
        };
        self.shows = shows;
        self.fonts = fonts;
        self.next_show = 0;
        self.font = None;
        self.width = mb.urx - mb.llx;
        self.height = mb.ury - mb.lly;
        (self.llx, self.lly) = (mb.llx, mb.lly);
        Ok(())
    }
    fn end_page(&mut self) -> std::result::Result<(), OutputError> {
        let page = self.finish();
        self.pages.push(page);
        if Instant::now() > self.deadline {
            return Err(OutputError::IoError(std::io::Error::new(std::io::ErrorKind::TimedOut, "time limit")));
        }
        Ok(())
    }
    fn output_character(&mut self, trm: &Transform, width: f64, _spacing: f64, font_size: f64, ch: &str) -> std::result::Result<(), OutputError> {
        self.check_time()?;
        let vscale = (trm.m21 * trm.m21 + trm.m22 * trm.m22).sqrt();
        let size = font_size * vscale;
        let adv = width * font_size * trm.m11.hypot(trm.m12).max(1e-9);
        // No character, or control codes: a font without a Unicode map whose codes are its glyphs'
        // order (LibreOffice's subset TrueType fonts give 1, 2, 3 …), not text. (A tab or line feed
        // stays white space, as it was.)
        let undecoded = ch.chars().all(|c| c.is_control() && !c.is_whitespace());
        if undecoded && size > 0.0 && size.is_finite() {
            self.undecoded += 1;
        }
        if undecoded || size <= 0.0 || !size.is_finite() {
            return Ok(());
        }
        if self.glyph_budget == 0 {
            return Err(OutputError::IoError(std::io::Error::new(std::io::ErrorKind::OutOfMemory, "glyph limit")));
        }
        self.glyph_budget -= 1;
        if !is_blank(ch) {
            if self.invisible {
                self.invisible_glyphs += 1;
            } else {
                self.visible_glyphs += 1;
            }
        }
        let dir = quarter_turns(trm.m11, trm.m12);
        self.glyphs.push(Glyph { text: ch.to_string(), x: trm.m31, y: trm.m32, w: adv, size, font: self.font, dir });
        Ok(())
    }
    fn begin_word(&mut self) -> std::result::Result<(), OutputError> {
        // pdf-extract calls this once per text-showing string.
        self.font = self.shows.as_ref().and_then(|s| s.get(self.next_show).copied());
        self.next_show += 1;
        Ok(())
    }
    fn end_word(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }
    fn text_render_mode(&mut self, mode: i64) -> std::result::Result<(), OutputError> {
        self.invisible = mode == 3 || mode == 7;
        Ok(())
    }
    fn end_line(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }
    fn stroke(&mut self, ctm: &Transform, cs: &ColorSpace, color: &[f64], path: &Path) -> std::result::Result<(), OutputError> {
        self.check_time()?;
        if !is_white(cs, color) {
            self.path_segments(ctm, path, false);
        }
        Ok(())
    }
    fn fill(&mut self, ctm: &Transform, cs: &ColorSpace, color: &[f64], path: &Path) -> std::result::Result<(), OutputError> {
        self.check_time()?;
        if !is_white(cs, color) {
            self.path_segments(ctm, path, true);
        }
        Ok(())
    }
    fn image(&mut self, ctm: &Transform) -> std::result::Result<(), OutputError> {
        self.images.push(*ctm);
        Ok(())
    }
}

/// Records that the word's next characters are in `font` (a new run when it changes).
fn push_font(w: &mut Word, font: Option<u16>) {
    if let Some(f) = font {
        if w.fonts.last().map(|r| r.1) != Some(f) {
            w.fonts.push((w.text.chars().count() as u32, f));
        }
    }
}

/// An OCR layer's font size is whatever its renderer chose; its baselines are the ink's. Tesseract's
/// own renderer sets words in about the printed size; OCRmyPDF's sets each line in a size from its
/// box, 7.6 to 16 points for the same 11-point table text over one page (a line Tesseract ran across
/// two cells at different heights gets a tall box). Every threshold of the later stages is in ems,
/// so on an OCR page each word's size is kept within `OCR_SIZE_RANGE` of the size the page's line
/// pitch gives: the lower quartile of the distances from each word's baseline down to the nearest
/// baseline below it that overlaps it (single-spaced lines: 1.16–1.37 times the printed size in
/// the corpus scans).
pub(crate) const OCR_PITCH_PER_SIZE: f64 = 1.3;
/// (`check --scanned` on OCRmyPDF layers of the four corpus scans: an upper end of 1.0 or 1.15 found
/// the same rows, 1.3 lost 000's table; the corpus scans' own layers read the same with all three.)
const OCR_SIZE_RANGE: (f64, f64) = (0.8, 1.15);
/// A printed size over the mean width of a letter in Tesseract's own layers of the corpus scans
/// (2.5–2.8 on every page).
const OCR_SIZE_PER_LETTER: f64 = 2.6;
const OCR_WIDTH_SLACK: f64 = 1.15;

/// An OCR page's words with a table's ruling read as a bar stuck to them ("|Báo"; "[3.2" in OCRmyPDF's
/// layer of 000, whose row then had no code) split into the word and the bars, each a word of its own
/// as Tesseract gives them when the gap is wider; the layout stage drops bars. The word's width is
/// shared out evenly among its characters.
pub(crate) fn split_ruling_ends(words: Vec<Word>) -> Vec<Word> {
    let mut out = Vec::with_capacity(words.len());
    for w in words {
        let (lead, core, trail) = ruling_ends(&w.text);
        if lead.is_empty() && trail.is_empty() {
            out.push(w);
            continue;
        }
        let per_char = (w.x1 - w.x0) / w.text.chars().count().max(1) as f64;
        let (c0, c1) = (w.x0 + per_char * lead.chars().count() as f64, w.x1 - per_char * trail.chars().count() as f64);
        let part = |text: &str, x0: f64, x1: f64, space_after: bool| Word { text: text.to_string(), x0, x1, space_after, ..w.clone() };
        if !lead.is_empty() {
            out.push(part(lead, w.x0, c0, true));
        }
        out.push(part(core, c0, c1, !trail.is_empty() || w.space_after));
        if !trail.is_empty() {
            out.push(part(trail, c1, w.x1, w.space_after));
        }
    }
    out
}

/// A word read with a ruling line stuck to it: (the bars before, the word, the bars after); the
/// ends are empty when there are none. Bars are "|" and "¦", and a bracket without its pair in the
/// word ("[Văn", "3.2]"), but not a "]" after a capital, a misread L. A word of bars alone, or
/// without a letter or digit, is left whole.
pub(crate) fn ruling_ends(text: &str) -> (&str, &str, &str) {
    let bar = |c: char, pair: char| matches!(c, '|' | '¦') || (matches!(c, '[' | ']') && !text.contains(pair));
    let core_start = text.char_indices().find(|&(_, c)| !bar(c, if c == '[' { ']' } else { '[' })).map_or(text.len(), |(i, _)| i);
    let rest = &text[core_start..];
    let core_end = rest.char_indices().rev().find(|&(_, c)| !bar(c, if c == ']' { '[' } else { ']' })).map_or(0, |(i, c)| i + c.len_utf8());
    // ("CSD]": a "]" after a capital is the L of "CSDL", 002-scan.)
    let core_end = if rest[core_end..].starts_with(']') && rest[..core_end].ends_with(|c: char| c.is_ascii_uppercase()) { core_end + 1 } else { core_end };
    let core = &rest[..core_end];
    // (A spacing accent is a letter to Unicode but no word: "ˆ|" is a speck and a ruling.)
    if !core.chars().any(|c| c.is_alphanumeric() && !is_mark(c)) {
        return ("", text, "");
    }
    (&text[..core_start], core, &rest[core_end..])
}

fn mend_ocr_sizes(words: &mut [Word]) {
    // (In baseline order, the nearest such baseline below a word is the first one met; one 80 pt
    // down or more counts for nothing, so the search stops there.)
    let mut by_baseline: Vec<&Word> = words.iter().collect();
    by_baseline.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    let mut pitches: Vec<f64> = by_baseline
        .iter()
        .enumerate()
        .filter_map(|(i, w)| {
            let below = by_baseline[i + 1..].iter().take_while(|v| v.baseline - w.baseline < 80.0).find(|v| v.baseline > w.baseline + 0.3 * w.size.min(v.size) && v.x0 < w.x1 && v.x1 > w.x0)?;
            Some(below.baseline - w.baseline)
        })
        .collect();
    if pitches.len() < 20 {
        return;
    }
    let q = pitches.len() / 4;
    let pitch = *pitches.select_nth_unstable_by(q, |a, b| a.total_cmp(b)).1;
    let size = pitch / OCR_PITCH_PER_SIZE;
    // The words' extents, too, are the renderer's: OCRmyPDF's are a quarter wider than Tesseract's
    // own renderer's for the same ink (the median over 4 787 words of 000 read by both: 1.25), so
    // its words run into the next. Widths whose letters are wider than the size implies by more
    // than `OCR_WIDTH_SLACK` are narrowed to it, each word keeping its start.
    let mut letter: Vec<f64> = words.iter().filter(|w| w.text.chars().count() >= 3 && w.text.chars().all(char::is_alphabetic)).map(|w| (w.x1 - w.x0) / w.text.chars().count() as f64).collect();
    if letter.len() >= 20 {
        let mid = letter.len() / 2;
        let wide = *letter.select_nth_unstable_by(mid, |a, b| a.total_cmp(b)).1 * OCR_SIZE_PER_LETTER / size;
        if wide > OCR_WIDTH_SLACK {
            for w in words.iter_mut() {
                w.x1 = w.x0 + (w.x1 - w.x0) / wide;
            }
        }
    }
    let (lo, hi) = (OCR_SIZE_RANGE.0 * size, OCR_SIZE_RANGE.1 * size);
    for w in words.iter_mut().filter(|w| w.size < lo || w.size > hi) {
        w.size = w.size.clamp(lo, hi);
        w.top = w.baseline - 0.8 * w.size;
        w.bottom = w.baseline + 0.2 * w.size;
    }
}

fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || c == '\u{a0}')
}

fn is_mark(c: char) -> bool {
    // (spacing modifier letters U+02B0–U+02FF, then the combining marks U+0300–U+036F)
    matches!(c as u32, 0x02B0..=0x036F)
}

/// Groups glyphs, in content order, into words: a new word starts at a space glyph, at a gap wider
/// than a fifth of the font size, at a change of baseline, or when the pen moves backwards.
/// Combining marks always join the word they follow (the repair stage puts them in order).
fn build_words(glyphs: &[Glyph]) -> Vec<Word> {
    let mut words = Vec::new();
    let mut cur: Option<Word> = None;
    let mut last_end = 0.0f64;
    for g in glyphs {
        let blank = is_blank(&g.text);
        if blank {
            if let Some(mut w) = cur.take() {
                w.space_after = true;
                words.push(w);
            } else if let Some(w) = words.last_mut() {
                w.space_after = true;
            }
            continue;
        }
        let mark_only = g.text.chars().all(is_mark);
        if let Some(w) = cur.as_mut() {
            let same_line = (g.y - w.baseline).abs() < 0.35 * g.size.max(w.size);
            let gap = g.x - last_end;
            let joins = mark_only && same_line || (same_line && gap < 0.18 * g.size.max(1.0) && gap > -0.6 * g.size);
            if joins {
                push_font(w, g.font);
                w.text.push_str(&g.text);
                if !mark_only {
                    w.x1 = w.x1.max(g.x + g.w);
                    last_end = g.x + g.w;
                }
                continue;
            }
            words.push(cur.take().unwrap());
        }
        cur = Some(Word {
            text: g.text.clone(),
            x0: g.x,
            x1: g.x + g.w,
            top: g.y - 0.8 * g.size,
            bottom: g.y + 0.2 * g.size,
            baseline: g.y,
            size: g.size,
            space_after: false,
            fonts: g.font.map(|f| vec![(0, f)]).unwrap_or_default(),
            raw: None,
            doubt: None,
        });
        last_end = g.x + g.w;
    }
    if let Some(w) = cur {
        words.push(w);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(t: &str, x: f64, y: f64) -> Glyph {
        Glyph { text: t.into(), x, y, w: 5.0, size: 10.0, font: None, dir: 0 }
    }

    #[test]
    fn quarter_turns_of_a_direction() {
        assert_eq!(quarter_turns(1.0, 0.0), 0);
        assert_eq!(quarter_turns(0.999, 0.012), 0); // a skewed scan's line
        assert_eq!(quarter_turns(0.0, 2.0), 1);
        assert_eq!(quarter_turns(-1.0, 0.0), 2);
        assert_eq!(quarter_turns(0.0, -0.5), 3);
        assert_eq!(quarter_turns(f64::NAN, 1.0), 0);
    }

    /// Each frame takes the text's direction to left-to-right and the box's corners to the frame's
    /// (y down from the top-left).
    #[test]
    fn a_frame_turns_its_text_to_run_left_to_right() {
        // a 100 × 50 box at (10, 20); a line from (a) to (b) in each direction
        let lines = [((30.0, 40.0), (60.0, 40.0)), ((30.0, 40.0), (30.0, 60.0)), ((60.0, 40.0), (30.0, 40.0)), ((30.0, 60.0), (30.0, 40.0))];
        for (turns, (a, b)) in lines.into_iter().enumerate() {
            let f = Frame { turns: turns as u8, llx: 10.0, lly: 20.0, w: 100.0, h: 50.0 };
            let (pa, pb) = (f.point(a.0, a.1), f.point(b.0, b.1));
            assert!(pb.0 > pa.0 && (pb.1 - pa.1).abs() < 1e-9, "turns {turns}: {pa:?} -> {pb:?}");
            let corners = [(10.0, 20.0), (110.0, 20.0), (10.0, 70.0), (110.0, 70.0)].map(|(x, y)| f.point(x, y));
            let (xs, ys): (Vec<f64>, Vec<f64>) = corners.iter().copied().unzip();
            let span = |v: &[f64]| (v.iter().copied().fold(f64::MAX, f64::min), v.iter().copied().fold(f64::MIN, f64::max));
            assert_eq!((span(&xs), span(&ys)), ((0.0, f.width()), (0.0, f.height())), "turns {turns}");
        }
        // upright: y measured down from the top
        let f = Frame { turns: 0, llx: 0.0, lly: 0.0, w: 595.0, h: 842.0 };
        assert_eq!(f.point(72.0, 800.0), (72.0, 42.0));
    }

    #[test]
    fn words_split_at_spaces_and_gaps() {
        let gl = vec![g("a", 0.0, 100.0), g("b", 5.0, 100.0), g(" ", 10.0, 100.0), g("c", 13.0, 100.0), g("d", 30.0, 100.0)];
        let w = build_words(&gl);
        let t: Vec<_> = w.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(t, vec!["ab", "c", "d"]);
    }

    #[test]
    fn combining_mark_joins_previous_word() {
        let gl = vec![g("a", 0.0, 100.0), g("\u{0301}", 40.0, 100.0)];
        let w = build_words(&gl);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].text, "a\u{0301}");
    }

    #[test]
    fn new_line_starts_new_word() {
        let gl = vec![g("a", 0.0, 100.0), g("b", 5.0, 114.0)];
        assert_eq!(build_words(&gl).len(), 2);
    }

    #[test]
    fn not_a_pdf_is_named() {
        let e = open(b"<!DOCTYPE html><html>").unwrap_err();
        assert!(e.to_string().contains("HTML"), "{e}");
        let e = open(b"").unwrap_err();
        assert!(e.to_string().contains("empty"), "{e}");
        let e = open(b"PK\x03\x04rest").unwrap_err();
        assert!(e.to_string().contains("DOCX"), "{e}");
    }
    #[test]
    fn words_record_their_font_runs() {
        let mut gs = vec![g("T", 0.0, 100.0), g("Ø", 5.0, 100.0), g("NH", 10.0, 100.0), g("x", 40.0, 100.0)];
        gs[0].font = Some(0);
        gs[1].font = Some(1);
        gs[2].font = Some(0);
        let ws = build_words(&gs);
        assert_eq!(ws[0].text, "TØNH");
        assert_eq!(ws[0].fonts, vec![(0, 0), (1, 1), (2, 0)]);
        assert!(ws[1].fonts.is_empty(), "unknown font: no runs");
    }
}
