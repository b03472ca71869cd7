//! Stage 3 — layout: lines and page furniture.
//!
//! Takes repaired positioned text; returns, per page, the content words (page numbers and running
//! headers/footers removed), the line fragments built from them, and the ruling segments.
//!
//! Invariants: never changes a word's text; never decides what is a table or a task; furniture is
//! removed only when it is in a page margin zone AND (is a bare page number OR repeats on several
//! pages at the same place). On an OCR text layer two more things are not text and go: a table's
//! ruling lines read as bars and dashes, and a second reading of a line the OCR already read
//! ([`ghost_readings`]); a digital text layer loses nothing but furniture.

use crate::pdf::{Segment, Word};
use crate::repair::RepairedText;
use std::collections::HashMap;

/// A run of words on one baseline with no wide gap: a line of a paragraph or of one cell.
#[derive(Debug, Clone)]
pub struct Line {
    pub words: Vec<Word>,
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
    pub baseline: f64,
    pub size: f64,
}

impl Line {
    pub fn text(&self) -> String {
        join_words(&self.words)
    }
    pub fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

pub fn join_words(words: &[Word]) -> String {
    let mut s = String::new();
    for w in words {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&w.text);
    }
    s
}

#[derive(Debug, Clone, Default)]
pub struct LayoutPage {
    pub number: u32,
    pub width: f64,
    pub height: f64,
    /// Content words (furniture removed), in reading order (top to bottom, left to right).
    pub words: Vec<Word>,
    pub lines: Vec<Line>,
    pub segments: Vec<Segment>,
    /// Text of the furniture removed from this page, for diagnostics.
    pub furniture: Vec<String>,
    /// The page's text is an invisible OCR layer over a scan (its table has no ruling segments).
    pub ocr: bool,
}

impl LayoutPage {
    pub fn is_landscape(&self) -> bool {
        self.width > self.height
    }
}

#[derive(Debug, Clone, Default)]
pub struct LayoutDoc {
    pub pages: Vec<LayoutPage>,
    pub producer: Option<String>,
}

/// Groups words into line fragments: same baseline, horizontal gap below `gap_em` font sizes.
pub fn build_lines(words: &[Word], gap_em: f64) -> Vec<Line> {
    let mut ws: Vec<&Word> = words.iter().collect();
    ws.sort_by(|a, b| a.baseline.partial_cmp(&b.baseline).unwrap().then(a.x0.partial_cmp(&b.x0).unwrap()));
    // Cluster baselines.
    let mut rows: Vec<Vec<&Word>> = Vec::new();
    for w in ws {
        match rows.last_mut() {
            Some(r) if (w.baseline - r[0].baseline).abs() < 0.4 * w.size.max(r[0].size) => r.push(w),
            _ => rows.push(vec![w]),
        }
    }
    let mut lines = Vec::new();
    for mut r in rows {
        r.sort_by(|a, b| a.x0.partial_cmp(&b.x0).unwrap());
        let mut cur: Vec<Word> = Vec::new();
        for w in r {
            if let Some(last) = cur.last() {
                if w.x0 - last.x1 > gap_em * w.size.max(last.size) {
                    lines.push(make_line(std::mem::take(&mut cur)));
                }
            }
            cur.push(w.clone());
        }
        if !cur.is_empty() {
            lines.push(make_line(cur));
        }
    }
    lines
}

fn make_line(words: Vec<Word>) -> Line {
    let x0 = words.iter().map(|w| w.x0).fold(f64::MAX, f64::min);
    let x1 = words.iter().map(|w| w.x1).fold(f64::MIN, f64::max);
    let top = words.iter().map(|w| w.top).fold(f64::MAX, f64::min);
    let bottom = words.iter().map(|w| w.bottom).fold(f64::MIN, f64::max);
    let baseline = words.iter().map(|w| w.baseline).sum::<f64>() / words.len() as f64;
    let size = words.iter().map(|w| w.size).fold(0.0, f64::max);
    Line { words, x0, x1, top, bottom, baseline, size }
}

fn is_page_number(t: &str) -> bool {
    let t = t.trim().trim_matches(|c| c == '-' || c == '–' || c == ' ');
    let t = t.strip_prefix("Trang ").unwrap_or(t);
    !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())
}

/// A line's text with digits blanked, so "Trang 3" and "Trang 4" compare equal.
fn furniture_key(t: &str) -> String {
    t.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
}

/// The stage's trait.
pub trait Layout {
    fn layout(&self, doc: RepairedText) -> LayoutDoc;
}

#[derive(Debug, Clone, Default)]
pub struct DefaultLayout;

impl Layout for DefaultLayout {
    fn layout(&self, doc: RepairedText) -> LayoutDoc {
        analyse(doc)
    }
}

/// Margin zone: the top and bottom 9% of the page.
const MARGIN: f64 = 0.09;

pub fn analyse(doc: RepairedText) -> LayoutDoc {
    let pdf = doc.doc;
    let n_pages = pdf.pages.len();
    // Candidate furniture lines: in the margin zones.
    let mut per_page_lines: Vec<Vec<Line>> = Vec::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    // Each page's margin-line keys (for the fuzzy count on OCR pages).
    let mut page_keys: Vec<Vec<String>> = Vec::new();
    let mut pdf = pdf;
    for p in pdf.pages.iter_mut() {
        // A scan is slightly rotated and its OCR text follows it: straighten the words first, so
        // that lines are level and table columns upright.
        if p.skew.abs() > 1e-4 {
            deskew(&mut p.words, p.skew, p.width / 2.0, p.height / 2.0);
        }
    }
    for p in &pdf.pages {
        let lines = build_lines(&p.words, 2.0);
        let mut seen = std::collections::HashSet::new();
        for l in &lines {
            if in_margin(l, p.height) {
                let key = furniture_key(&l.text());
                if seen.insert(key.clone()) {
                    *counts.entry(key).or_default() += 1;
                }
            }
        }
        page_keys.push(seen.into_iter().collect());
        per_page_lines.push(lines);
    }
    let repeat_min = if n_pages >= 4 { (n_pages / 3).max(3) } else { 2 };
    let mut out = LayoutDoc { pages: Vec::new(), producer: pdf.producer.clone() };
    for (p, lines) in pdf.pages.into_iter().zip(per_page_lines) {
        let ocr = p.text_layer() == Some(crate::pdf::TextLayer::Ocr);
        let mut furniture = Vec::new();
        let mut drop = Vec::new();
        for l in &lines {
            if !in_margin(l, p.height) {
                continue;
            }
            let text = l.text();
            let alone = lines.iter().filter(|o| (o.baseline - l.baseline).abs() < 0.5 * l.size).count() == 1;
            let key = furniture_key(&text);
            // OCR reads a running footer a little differently on every page: there, a line
            // within a normalised edit distance of 0.2 of a margin line of another page repeats it.
            let count = if ocr && key.chars().count() >= 12 {
                page_keys.iter().filter(|ks| ks.iter().any(|k| *k == key || strsim::normalized_levenshtein(k, &key) >= 0.8)).count()
            } else {
                counts.get(&key).copied().unwrap_or(0)
            };
            let repeated = n_pages >= 2 && count >= repeat_min;
            if (is_page_number(&text) && alone) || repeated {
                furniture.push(text);
                drop.extend(l.words.iter().cloned());
            }
        }
        // On a scan, a table's ruling lines read as "|", "_" or "—" words: not text; and a line the
        // OCR read twice is kept once.
        if ocr {
            // (as the text layer read it too: the repair stage may have made "ˆ" of "ˆ|")
            for w in p.words.iter().filter(|w| is_rule_artifact(&w.text) || w.raw.as_deref().is_some_and(is_rule_artifact)) {
                furniture.push(w.text.clone());
                drop.push(w.clone());
            }
            for run in ghost_readings(&p.words) {
                furniture.push(join_words(run));
                drop.extend(run.iter().cloned());
            }
        }
        let words: Vec<Word> = p.words.into_iter().filter(|w| !drop.contains(w)).collect();
        let lines = build_lines(&words, 2.0);
        out.pages.push(LayoutPage { number: p.number, width: p.width, height: p.height, words, lines, segments: p.segments, furniture, ocr });
    }
    out
}

/// Rotates words by `-angle` about (cx, cy): each word moves with its left baseline point; boxes
/// keep their size.
pub fn deskew(words: &mut [Word], angle: f64, cx: f64, cy: f64) {
    let (s, c) = angle.sin_cos();
    for w in words {
        let (dx, dy) = (w.x0 - cx, w.baseline - cy);
        let nx = cx + dx * c + dy * s;
        let ny = cy - dx * s + dy * c;
        let (mx, my) = (nx - w.x0, ny - w.baseline);
        w.x0 += mx;
        w.x1 += mx;
        w.top += my;
        w.bottom += my;
        w.baseline += my;
    }
}

/// The runs of an OCR text layer that read again a line another run already read.
///
/// An OCR engine writes its text layer line by line, each line's words one after another, left to
/// right, at one font size (the line's height). Now and then Tesseract finds one printed line twice,
/// the second time as a few fragments ("(7) Ty lé i y true tuy" over "7) Ty 1é ho so tht tuc hanh
/// chinh xv? ly truc tuyén 95%."), and both readings land on the same baseline: read together they
/// double the words. Printed words do not overlap, so a run of words (consecutive in the layer, one
/// size, left to right, one baseline) on the baseline of a longer run, at least half of whose words
/// lie over that run's words (overlapping by half the narrower box or more), is such a second
/// reading. Two real lines side by side (two table cells) do not overlap; two close lines have
/// baselines apart.
pub fn ghost_readings(words: &[Word]) -> Vec<&[Word]> {
    let mut runs: Vec<&[Word]> = Vec::new();
    let mut start = 0;
    for i in 1..=words.len() {
        let ends = i == words.len() || {
            let (a, b) = (&words[i - 1], &words[i]);
            (a.size - b.size).abs() > 0.01 || b.x0 < a.x0 || (a.baseline - b.baseline).abs() > 0.3 * a.size
        };
        if ends {
            runs.push(&words[start..i]);
            start = i;
        }
    }
    let baseline = |r: &[Word]| r.iter().map(|w| w.baseline).sum::<f64>() / r.len() as f64;
    let over = |a: &Word, b: &Word| {
        let narrower = (a.x1 - a.x0).min(b.x1 - b.x0);
        narrower > 0.0 && a.x1.min(b.x1) - a.x0.max(b.x0) >= 0.5 * narrower
    };
    runs.iter()
        .filter(|a| {
            runs.iter().any(|b| {
                b.len() > a.len()
                    && (baseline(a) - baseline(b)).abs() <= 0.5 * a[0].size.min(b[0].size)
                    && 2 * a.iter().filter(|w| b.iter().any(|v| over(w, v))).count() >= a.len()
            })
        })
        .copied()
        .collect()
}

/// An OCR word that is a drawn line read as characters: only bars, brackets, underscores and dashes
/// (with stray dots, colons or accents: "ˆ|" before a row code, 002 read by Tesseract-vie), at least
/// one bar, bracket or underscore. (A bracket alone is a ruling split off the word it was read
/// with, `pdf::split_ruling_ends`: "[3.2" in OCRmyPDF's layer of 000.)
fn is_rule_artifact(t: &str) -> bool {
    t.chars().all(|c| matches!(c, '|' | '[' | ']' | '_' | '—' | '–' | '~' | '-' | '.' | ':' | ';' | ',' | '\'' | '‘' | '’' | '"' | '“' | '”' | 'ˆ' | '^' | '`' | '´' | '¨' | '˜' | '°')) && t.chars().any(|c| matches!(c, '|' | '[' | ']' | '_' | '—' | '~'))
}

fn in_margin(l: &Line, height: f64) -> bool {
    l.bottom < height * MARGIN || l.top > height * (1.0 - MARGIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(t: &str, x: f64, y: f64) -> Word {
        Word { text: t.into(), x0: x, x1: x + 6.0 * t.chars().count() as f64, top: y - 10.0, bottom: y + 2.0, baseline: y, size: 12.0, space_after: false, fonts: Vec::new(), raw: None, doubt: None }
    }

    #[test]
    fn lines_split_at_wide_gaps() {
        let ws = vec![w("a", 0.0, 100.0), w("b", 10.0, 100.0), w("c", 200.0, 100.0), w("d", 0.0, 120.0)];
        let ls = build_lines(&ws, 2.0);
        let t: Vec<_> = ls.iter().map(|l| l.text()).collect();
        assert_eq!(t, vec!["a b", "c", "d"]);
    }

    /// The second reading of 002-scan's indicator (7) (page 3 of the scanned corpus PDF; boxes
    /// rounded): its fragments lie over the first reading's words and go; a line just below, and
    /// a cell of the same line to the right, stay.
    #[test]
    fn a_line_read_twice_is_kept_once() {
        let at = |t: &str, x0: f64, x1: f64, base: f64, size: f64| Word { text: t.into(), x0, x1, top: base - size, bottom: base + 0.2 * size, baseline: base, size, space_after: true, fonts: Vec::new(), raw: None, doubt: None };
        let first: Vec<Word> = [("7)", 118.8, 122.6), ("Ty", 133.2, 142.1), ("1é", 152.6, 158.6), ("ho", 166.0, 174.8), ("so", 183.6, 192.0), ("tht", 199.8, 212.8), ("tuc", 221.4, 233.6), ("hanh", 241.9, 263.2), ("chinh", 272.9, 298.1), ("xv?", 307.1, 318.2), ("ly", 325.4, 327.4), ("truc", 339.8, 357.1), ("tuyén", 365.8, 391.0), ("95%.", 400.3, 422.5)]
            .iter()
            .map(|&(t, a, b)| at(t, a, b, 448.4, 12.0))
            .collect();
        let second: Vec<Word> = [("(7)", 113.8, 125.4), ("Ty", 133.6, 141.0), ("lé", 158.8, 159.8), ("i", 227.5, 228.4), ("y", 329.0, 332.3), ("true", 350.6, 351.8), ("tuy", 376.2, 381.3)]
            .iter()
            .map(|&(t, a, b)| at(t, a, b, 451.1, 15.0))
            .collect();
        let below = vec![at("(8)", 109.8, 124.1, 471.0, 13.0), at("Ty", 133.2, 143.3, 471.0, 13.0)];
        let beside = vec![at("Sở", 500.0, 512.0, 448.4, 12.0)];
        let words: Vec<Word> = [first.clone(), second.clone(), below, beside].concat();
        let ghosts = ghost_readings(&words);
        assert_eq!(ghosts.len(), 1);
        assert_eq!(join_words(ghosts[0]), "(7) Ty lé i y true tuy");
        // The first reading alone is no one's ghost.
        assert!(ghost_readings(&first).is_empty());
        // Two lines of a paragraph, apart by a line's height, are not either.
        let para: Vec<Word> = [first.clone(), first.iter().map(|w| at(&w.text, w.x0, w.x1, w.baseline + 14.0, 12.0)).collect::<Vec<_>>()[..5].to_vec()].concat();
        assert!(ghost_readings(&para).is_empty());
    }

    #[test]
    fn rulings_read_as_characters() {
        for t in ["|", "_|", "—", "|.", "ˆ|", "~", "[", "]"] {
            assert!(is_rule_artifact(t), "{t}");
        }
        for t in ["-", "ˆ", "1|", "l", "(6)", "...", "[1]", "(", ")"] {
            assert!(!is_rule_artifact(t), "{t}");
        }
    }

    #[test]
    fn page_numbers_and_repeated_footers_removed() {
        use crate::pdf::{Page, PdfText};
        let mk = |n: u32| Page {
            number: n,
            width: 600.0,
            height: 800.0,
            words: vec![w(&n.to_string(), 300.0, 30.0), w("Body", 50.0, 400.0), w("Địa", 50.0, 780.0), w("chỉ:", 70.0, 780.0)],
            segments: vec![],
            fonts: vec![],
            ..Default::default()
        };
        let pdf = PdfText { pages: (1..=4).map(mk).collect(), producer: None, ..Default::default() };
        let l = analyse(RepairedText { doc: pdf, changed_words: 0 });
        for p in &l.pages {
            let t: Vec<_> = p.words.iter().map(|w| w.text.as_str()).collect();
            assert_eq!(t, vec!["Body"], "page {}", p.number);
        }
    }
}
