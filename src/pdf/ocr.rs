//! `extract --ocr` (issue 8): re-read scanned pages with Tesseract's Vietnamese model.
//!
//! A page is a scan when its text layer is OCR (invisible text over the page image) or when it has
//! images and no text at all. Each such page is rendered (`pdftoppm -r 300 -gray`), read by the
//! `tesseract` command (`-l vie`, TSV word boxes), and its words are replaced by Tesseract's, their
//! pixel boxes turned into PDF points (top-left origin, like the reader's). Pages with a digital
//! text layer are left alone. The rest of the pipeline runs unchanged on the result; the page is
//! marked `reread` so the repair stage knows its text is Vietnamese-model OCR.
//!
//! Without `tesseract`, its Vietnamese data or `pdftoppm`, [`reread_scans`] fails with one line that
//! says how to install them.

use super::{Page, PdfText, Word};
use crate::error::{Error, Result, Stage, StageError};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Rendering resolution (dots per inch) of the page images handed to Tesseract.
pub const DPI: u32 = 300;

/// What to install when the tools are missing (Debian/Ubuntu package names).
pub const INSTALL: &str = "apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils";

fn err(msg: String) -> StageError {
    StageError::new(Stage::Pdf, Error::Ocr(msg))
}

/// Whether the tools `--ocr` needs are installed: `Err` is the one-line reason (checked once per
/// process; PATH does not change under us).
pub fn tools_available() -> std::result::Result<(), String> {
    static CHECK: OnceLock<std::result::Result<(), String>> = OnceLock::new();
    CHECK.get_or_init(check_tools).clone()
}

fn check_tools() -> std::result::Result<(), String> {
    let out = Command::new("tesseract").arg("--list-langs").stdin(Stdio::null()).output();
    let out = match out {
        Ok(o) => o,
        Err(_) => return Err(format!("--ocr needs the `tesseract` command, which is not installed (install it: `{INSTALL}`)")),
    };
    // Tesseract 4/5 print the list on stdout; some builds on stderr.
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    if !text.lines().any(|l| l.trim() == "vie") {
        return Err(format!("--ocr needs Tesseract's Vietnamese data (vie), which is not installed (install it: `{INSTALL}`)"));
    }
    match Command::new("pdftoppm").arg("-v").stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).status() {
        Ok(_) => Ok(()),
        Err(_) => Err(format!("--ocr needs the `pdftoppm` command (poppler-utils), which is not installed (install it: `{INSTALL}`)")),
    }
}

/// Whether a page is a scan `--ocr` re-reads: an OCR text layer, images without any text, or text
/// in fonts that do not say which characters they draw (read from the rendered page instead).
pub fn is_scan(p: &Page) -> bool {
    p.text_layer() == Some(super::TextLayer::Ocr) || (p.words.is_empty() && p.images > 0) || p.is_unreadable()
}

/// Re-reads every scanned page of `text` (read from `bytes`) with Tesseract's Vietnamese model.
/// `deadline`: the whole document's; each external command is killed when it passes.
pub fn reread_scans(bytes: &[u8], text: &mut PdfText, deadline: Instant, limit_secs: u64) -> Result<()> {
    if !text.pages.iter().any(is_scan) {
        return Ok(());
    }
    tools_available().map_err(err)?;
    let dir = TempDir::new().map_err(|e| err(format!("cannot make a temporary directory: {e}")))?;
    let pdf = dir.0.join("in.pdf");
    std::fs::write(&pdf, bytes).map_err(|e| err(format!("cannot write a temporary file: {e}")))?;
    let cache = cache_dir().map(|d| (d, crate::sha256_hex(bytes)));
    // Tesseract-vie reads "≥" as ">" too: its words get the same look at the page image (`glyph`).
    let doc = super::open(bytes).ok();
    let ids = doc.as_ref().map(|d| d.get_pages()).unwrap_or_default();
    for page in text.pages.iter_mut().filter(|p| is_scan(p)) {
        let cached = cache.as_ref().map(|(d, sha)| d.join(format!("{}-p{}-{DPI}.tsv", &sha[..16], page.number)));
        // (the rendered page is kept for the "≥" look when the page has no JPEG of its own)
        let (tsv, w, h, rendered) = match cached.as_deref().and_then(read_cached) {
            Some((tsv, w, h)) => (tsv, w, h, None),
            None => {
                let prefix = dir.0.join(format!("p{}", page.number));
                let n = page.number.to_string();
                let dpi = DPI.to_string();
                let mut render = Command::new("pdftoppm");
                render.args(["-r", &dpi, "-f", &n, "-l", &n, "-gray", "-singlefile"]).arg(&pdf).arg(&prefix);
                run(render, deadline, limit_secs, "pdftoppm")?;
                let pgm = prefix.with_extension("pgm");
                let image = std::fs::read(&pgm).ok().and_then(|b| super::glyph::pgm(&b));
                let image = image.ok_or_else(|| err(format!("page {}: pdftoppm wrote no readable image", page.number)))?;
                // `pdftoppm` renders the page as a viewer shows it (`/Rotate`); a page shown turned
                // from its text (a sideways scan without /Rotate) is turned to the text's frame first.
                let turn = (page.rotate + 4 - page.text_turns) % 4;
                let image = if turn == 0 { image } else { image.turned(turn).ok_or_else(|| err(format!("page {}: cannot turn the rendered page", page.number)))? };
                if turn != 0 {
                    std::fs::write(&pgm, image.to_pgm()).map_err(|e| err(format!("cannot write a temporary file: {e}")))?;
                }
                let read = |pgm: &Path| -> Result<String> {
                    let mut tess = Command::new("tesseract");
                    tess.arg(pgm).args(["-", "-l", "vie", "--dpi", &dpi, "tsv"]).env("OMP_THREAD_LIMIT", "1");
                    Ok(String::from_utf8_lossy(&run(tess, deadline, limit_secs, "tesseract")?).into_owned())
                };
                let mut tsv = read(&pgm)?;
                let mut image = image;
                // A page scanned upside down or sideways with no layer to tell (its OCR layer
                // read the turned text as noise): Tesseract reads it with little confidence. Its
                // orientation detection says how to turn it; the turned page is read again, and
                // kept if it reads with more confidence.
                if mean_confidence(&tsv).is_some_and(|c| c < LOW_CONFIDENCE) {
                    let mut osd = Command::new("tesseract");
                    osd.arg(&pgm).args(["-", "--psm", "0", "--dpi", &dpi]).env("OMP_THREAD_LIMIT", "1");
                    let turns = run(osd, deadline, limit_secs, "tesseract").ok().and_then(|o| osd_turns(&String::from_utf8_lossy(&o)));
                    if let Some(turned) = turns.and_then(|t| image.clone().turned(t)) {
                        std::fs::write(&pgm, turned.to_pgm()).map_err(|e| err(format!("cannot write a temporary file: {e}")))?;
                        let again = read(&pgm)?;
                        if mean_confidence(&again) > mean_confidence(&tsv) {
                            (tsv, image) = (again, turned);
                        }
                    }
                }
                let _ = std::fs::remove_file(&pgm);
                let (w, h) = (image.width as u32, image.height as u32);
                if let Some(path) = &cached {
                    write_cached(path, &tsv, w, h);
                }
                (tsv, w, h, Some(image))
            }
        };
        // (A page read turned a quarter is in the turned image's frame, its text's.)
        if (w > h) != (page.width > page.height) {
            std::mem::swap(&mut page.width, &mut page.height);
        }
        let words = words_from_tsv(&tsv, page.width / w as f64, page.height / h as f64);
        replace_words(page, words);
        if let (Some(doc), Some(&id)) = (&doc, ids.get(&page.number)) {
            super::glyph::read_page_or_rendered(bytes, doc, id, page, rendered);
        }
    }
    Ok(())
}

/// The mean confidence under which a page's reading is taken for a page read turned: Tesseract-vie
/// reads the corpus scans' pages upright at 85–92 on average, and turned a half or a quarter at 45–50
/// (000, page 8: 90.8 upright, 47.4 upside down, 48.8 sideways).
const LOW_CONFIDENCE: f64 = 65.0;

/// The mean confidence of a Tesseract TSV's words (level 5, confidence given), `None` without any.
pub fn mean_confidence(tsv: &str) -> Option<f64> {
    let confs: Vec<f64> = tsv_words(tsv).filter_map(|f| f[10].parse::<f64>().ok()).filter(|&c| c >= 0.0).collect();
    (!confs.is_empty()).then(|| confs.iter().sum::<f64>() / confs.len() as f64)
}

/// The word rows of a Tesseract TSV (level 5, with text), each as its fields: level, page, block,
/// paragraph, line, word, left, top, width, height, confidence, text.
fn tsv_words(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines().skip(1).map(|l| l.split('\t').collect::<Vec<_>>()).filter(|f| f.len() >= 12 && f[0] == "5" && !f[11].trim().is_empty())
}

/// Tesseract's orientation detection (`--psm 0`) as quarter turns counter-clockwise that put the
/// page upright ("Rotate: 90" is a quarter turn clockwise: 3); `None` when it reads upright or says
/// nothing.
pub fn osd_turns(osd: &str) -> Option<u8> {
    let deg: u32 = osd.lines().find_map(|l| l.strip_prefix("Rotate:"))?.trim().parse().ok()?;
    match deg {
        90 => Some(3),
        180 => Some(2),
        270 => Some(1),
        _ => None,
    }
}

/// Debugging aid, never on by default: with `KEHOACH_OCR_CACHE=DIR` set, each page's Tesseract TSV
/// (and its image size) is kept in DIR, keyed by the PDF's hash, the page and the resolution, and
/// read back instead of running Tesseract again (so the table finder can be tuned on Tesseract-vie's
/// words without re-reading every page per experiment).
pub const CACHE_ENV: &str = "KEHOACH_OCR_CACHE";

fn cache_dir() -> Option<PathBuf> {
    let d = PathBuf::from(std::env::var_os(CACHE_ENV).filter(|v| !v.is_empty())?);
    std::fs::create_dir_all(&d).ok()?;
    Some(d)
}

/// A cached page: first line `WIDTHxHEIGHT` (pixels), then the TSV.
fn read_cached(path: &Path) -> Option<(String, u32, u32)> {
    let s = std::fs::read_to_string(path).ok()?;
    let (head, tsv) = s.split_once('\n')?;
    let (w, h) = head.split_once('x')?;
    let (w, h) = (w.parse().ok()?, h.parse().ok()?);
    (w > 0 && h > 0).then(|| (tsv.to_string(), w, h))
}

fn write_cached(path: &Path, tsv: &str, w: u32, h: u32) {
    // Written whole then renamed, so an interrupted run never leaves a truncated page behind.
    let tmp = path.with_extension("part");
    if std::fs::write(&tmp, format!("{w}x{h}\n{tsv}")).is_ok() {
        let _ = std::fs::rename(&tmp, path);
    }
}

/// Puts Tesseract's words on the page in place of its text layer.
fn replace_words(page: &mut Page, words: Vec<Word>) {
    let glyphs: usize = words.iter().map(|w| w.text.chars().count()).sum();
    page.skew = super::measure_skew(&words);
    page.words = words;
    page.fonts.clear();
    page.visible_glyphs = 0;
    page.invisible_glyphs = glyphs;
    page.reread = true;
}

/// Runs a command to completion within the deadline; its stdout, or a one-line error.
fn run(mut cmd: Command, deadline: Instant, limit_secs: u64, name: &str) -> Result<Vec<u8>> {
    let mut child = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().map_err(|e| err(format!("cannot run {name}: {e} (install it: `{INSTALL}`)")))?;
    // Read stdout on a thread so a large TSV never blocks the child on a full pipe.
    let mut out = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(StageError::new(Stage::Pdf, Error::Timeout(limit_secs)));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(err(format!("{name}: {e}"))),
        }
    };
    let stdout = reader.join().unwrap_or_default();
    if !status.success() {
        let mut e = String::new();
        if let Some(mut s) = child.stderr.take() {
            let _ = s.read_to_string(&mut e);
        }
        let last = e.lines().map(str::trim).rfind(|l| !l.is_empty()).unwrap_or("no message").to_string();
        return Err(err(format!("{name} failed ({status}): {last}")));
    }
    Ok(stdout)
}

/// Tesseract's TSV (level 5 rows are words: left, top, width, height in pixels) → words in points.
/// `sx`, `sy`: points per pixel. A word's baseline is its line's, fitted through the bottoms of the
/// line's words (a scan's lines slope with its skew; descenders are outvoted); its size is the
/// line's median word height.
pub fn words_from_tsv(tsv: &str, sx: f64, sy: f64) -> Vec<Word> {
    struct Raw {
        key: (u32, u32, u32),
        text: String,
        l: f64,
        t: f64,
        r: f64,
        b: f64,
    }
    let mut raw = Vec::new();
    for f in tsv_words(tsv) {
        let text = f[11].trim();
        let n = |i: usize| f[i].parse::<f64>().unwrap_or(0.0);
        let k = |i: usize| f[i].parse::<u32>().unwrap_or(0);
        raw.push(Raw { key: (k(2), k(3), k(4)), text: text.to_string(), l: n(6) * sx, t: n(7) * sy, r: (n(6) + n(8)) * sx, b: (n(7) + n(9)) * sy });
    }
    // Lines: runs of words with the same (block, paragraph, line).
    let mut lines: Vec<(usize, usize, f64)> = Vec::new(); // (start, end, median ink height)
    let mut i = 0;
    while i < raw.len() {
        let mut j = i + 1;
        while j < raw.len() && raw[j].key == raw[i].key {
            j += 1;
        }
        let mut heights: Vec<f64> = raw[i..j].iter().map(|w| w.b - w.t).collect();
        heights.sort_by(|a, b| a.total_cmp(b));
        lines.push((i, j, heights[heights.len() / 2].max(1.0)));
        i = j;
    }
    // The baselines' slope is the page's (a scan's rotation): the median slope between the bottoms
    // of words far enough apart on one line, over the whole page. (Per line it is unstable: a line
    // of three words, or one Tesseract joined across two columns, tilted its baseline by degrees.)
    let mut slopes = Vec::new();
    for &(a0, a1, h) in &lines {
        let line = &raw[a0..a1];
        for a in 0..line.len() {
            for b in a + 1..line.len() {
                let dx = (line[b].l + line[b].r - line[a].l - line[a].r) / 2.0;
                if dx > 3.0 * h {
                    slopes.push((line[b].b - line[a].b) / dx);
                }
            }
        }
    }
    slopes.sort_by(|a, b| a.total_cmp(b));
    let slope = if slopes.is_empty() { 0.0 } else { slopes[slopes.len() / 2].clamp(-0.05, 0.05) };
    let mut out = Vec::with_capacity(raw.len());
    for &(a0, a1, h) in &lines {
        let line = &raw[a0..a1];
        // Each line's baseline through the median intercept of its words' bottoms (robust to a word
        // with a descender or a dot below).
        let mut icepts: Vec<f64> = line.iter().map(|w| w.b - slope * (w.l + w.r) / 2.0).collect();
        icepts.sort_by(|a, b| a.total_cmp(b));
        let icept = icepts[icepts.len() / 2];
        // Tesseract's word box is the ink; the reader's box is font size above and a fifth below the
        // baseline. A line's median ink height times 1.15 is near the font size the English-model
        // text layers of the corpus scans give the same lines (measured on 000 and 001 pages).
        let size = h * 1.15;
        for (n, w) in line.iter().enumerate() {
            let cx = (w.l + w.r) / 2.0;
            let baseline = icept + slope * cx;
            out.push(Word {
                text: w.text.clone(),
                x0: w.l,
                x1: w.r,
                top: baseline - size,
                bottom: baseline + size / 5.0,
                baseline,
                size,
                space_after: n + 1 < line.len(),
                fonts: Vec::new(),
                raw: None,
                doubt: None,
            });
        }
    }
    // A table's ruling read as a bar stuck to the word beside it ("|Báo", "[3.2") is a word of
    // its own, as Tesseract gives it when the gap is wider; the layout stage drops it.
    crate::pdf::split_ruling_ends(out)
}

/// A temporary directory removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<TempDir> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static N: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
        let p = std::env::temp_dir().join(format!("kehoach-ocr-{}-{}-{nanos}", std::process::id(), N.fetch_add(1, Ordering::Relaxed)));
        std::fs::create_dir_all(&p)?;
        Ok(TempDir(p))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orientation_and_confidence_from_tesseracts_output() {
        assert_eq!(osd_turns("Page number: 0\nOrientation in degrees: 270\nRotate: 90\nOrientation confidence: 12.11\n"), Some(3));
        assert_eq!(osd_turns("Orientation in degrees: 180\nRotate: 180\n"), Some(2));
        assert_eq!(osd_turns("Orientation in degrees: 90\nRotate: 270\n"), Some(1));
        assert_eq!(osd_turns("Orientation in degrees: 0\nRotate: 0\n"), None);
        assert_eq!(osd_turns(""), None);
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t10\t10\t20\t10\t90\tKế\n\
                   5\t1\t1\t1\t1\t2\t40\t10\t20\t10\t40\thoạch\n";
        assert_eq!(mean_confidence(tsv), Some(65.0));
        assert_eq!(mean_confidence("level\tconf\n"), None);
    }

    #[test]
    fn cached_pages_round_trip() {
        let dir = TempDir::new().unwrap();
        let p = dir.0.join("x-p1-300.tsv");
        assert!(read_cached(&p).is_none());
        write_cached(&p, "level\tpage_num\n5\t1\n", 2480, 3508);
        assert_eq!(read_cached(&p), Some(("level\tpage_num\n5\t1\n".to_string(), 2480, 3508)));
        std::fs::write(&p, "garbage").unwrap();
        assert!(read_cached(&p).is_none());
    }

    #[test]
    fn a_ruling_stuck_to_a_word_is_split_off() {
        assert_eq!(crate::pdf::ruling_ends("|Báo"), ("|", "Báo", ""));
        assert_eq!(crate::pdf::ruling_ends("[3.2"), ("[", "3.2", ""));
        assert_eq!(crate::pdf::ruling_ends("tờ|"), ("", "tờ", "|"));
        assert_eq!(crate::pdf::ruling_ends("||100%|"), ("||", "100%", "|"));
        assert_eq!(crate::pdf::ruling_ends("[1]"), ("", "[1]", ""));
        assert_eq!(crate::pdf::ruling_ends("(3.2]"), ("", "(3.2", "]"));
        assert_eq!(crate::pdf::ruling_ends("|"), ("", "|", ""));
        assert_eq!(crate::pdf::ruling_ends("|—"), ("", "|—", ""));
        assert_eq!(crate::pdf::ruling_ends("Sở"), ("", "Sở", ""));
        assert_eq!(crate::pdf::ruling_ends("CSD]"), ("", "CSD]", ""));
        assert_eq!(crate::pdf::ruling_ends("ˆ|"), ("", "ˆ|", ""));
        assert_eq!(crate::pdf::ruling_ends("|CSD]|"), ("|", "CSD]", "|"));
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
            5\t1\t1\t1\t1\t1\t100\t100\t200\t40\t96\t|Báo\n\
            5\t1\t1\t1\t1\t2\t400\t100\t200\t40\t96\tcáo\n";
        let w = words_from_tsv(tsv, 1.0, 1.0);
        let t: Vec<(&str, f64, f64, bool)> = w.iter().map(|w| (w.text.as_str(), w.x0, w.x1, w.space_after)).collect();
        assert_eq!(t, [("|", 100.0, 150.0, true), ("Báo", 150.0, 300.0, true), ("cáo", 400.0, 600.0, false)]);
    }

    #[test]
    fn tsv_words_become_points_on_a_sloped_baseline() {
        // Two lines; the first slopes down by 10 px over 1000 px. 300 dpi → 0.24 pt per pixel.
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
            4\t1\t1\t1\t1\t0\t100\t100\t1100\t50\t-1\t\n\
            5\t1\t1\t1\t1\t1\t100\t100\t200\t40\t96\tTriển\n\
            5\t1\t1\t1\t1\t2\t600\t105\t200\t40\t96\tkhai\n\
            5\t1\t1\t1\t1\t3\t1100\t110\t100\t40\t96\t2.1\n\
            5\t1\t1\t1\t1\t4\t1300\t110\t100\t40\t96\t \n\
            5\t1\t1\t1\t2\t1\t100\t300\t200\t40\t96\tviệc\n";
        let s = 72.0 / 300.0;
        let w = words_from_tsv(tsv, s, s);
        let t: Vec<&str> = w.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(t, ["Triển", "khai", "2.1", "việc"]);
        assert!((w[0].x0 - 24.0).abs() < 1e-9 && (w[0].x1 - 72.0).abs() < 1e-9);
        // Baselines follow the slope (bottoms 140, 145, 150 px).
        assert!((w[0].baseline - 140.0 * s).abs() < 1e-6, "{}", w[0].baseline);
        assert!((w[2].baseline - 150.0 * s).abs() < 0.6 * s, "{}", w[2].baseline);
        assert!(w[0].space_after && !w[2].space_after);
        assert!(w[0].top < w[0].baseline && w[0].bottom > w[0].baseline);
        assert!((w[3].baseline - 340.0 * s).abs() < 1e-6);
    }
}
