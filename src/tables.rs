//! Stage 4 — tables: find appendix tables and reassemble them across pages.
//!
//! Takes the layout (content words, lines, ruling segments per page); returns the tables as rows of
//! cell texts with their column roles, plus the body lines that are not inside any table.
//!
//! How: on each page, ruling segments that touch each other form a grid; its distinct x and y
//! positions cut it into elementary cells, and a missing border between two of them merges them (a
//! general-task cell merged down over its sub-tasks, a full-width section row). Words go to the cell
//! their centre falls in. A grid whose first row matches the header synonyms of `rules/headers.toml`
//! starts a table; a grid at the top of the next page with the same columns continues it, its
//! repeated header row dropped and a row split by the page break joined back.
//!
//! Invariants: never normalises a value (dates, units, codes stay text); never reads the PDF; every
//! word inside a table grid ends up in exactly one cell.

pub mod ocr;

use crate::layout::{build_lines, LayoutDoc, LayoutPage, Line};
use crate::pdf::{Segment, Word};
use crate::rules::{fold, Rules};

/// A cell as the table shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// The cell starts in this row; its text (possibly empty).
    Text(String),
    /// Covered by a cell merged down from a row above.
    Covered,
}

impl Cell {
    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(t) if !t.is_empty() => Some(t),
            _ => None,
        }
    }
    pub fn is_blank(&self) -> bool {
        self.text().is_none()
    }
}

#[derive(Debug, Clone, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// One cell spans the whole width (a section row drawn as one merged cell).
    pub full_width: bool,
    pub pages: Vec<u32>,
    /// What the table stage mended in this row's cells, as (warning code, message) for the row's
    /// warnings (`header_number_in_cell`).
    pub notes: Vec<(&'static str, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    Task,
    Indicator,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub kind: TableKind,
    /// The heading lines printed above the table ("PHỤ LỤC", "(kèm theo …)", …).
    pub heading: Vec<String>,
    pub headers: Vec<String>,
    /// One role per column (SCHEMA.md roles); "" when no synonym matched.
    pub roles: Vec<String>,
    pub rows: Vec<Row>,
    pub pages: Vec<u32>,
    /// Read from an OCR text layer (a scan's): its cells carry what an OCR makes of specks and
    /// rulings, which the normaliser drops where no text can end in them.
    pub ocr: bool,
}

impl Table {
    pub fn title(&self) -> String {
        self.heading
            .iter()
            .find(|h| fold(h).starts_with("phu luc"))
            .or_else(|| self.heading.first())
            .cloned()
            .unwrap_or_default()
    }
    pub fn col(&self, role: &str) -> Option<usize> {
        self.roles.iter().position(|r| r == role)
    }
}

/// A line of text outside any table.
#[derive(Debug, Clone)]
pub struct BodyLine {
    pub page: u32,
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub size: f64,
    pub page_width: f64,
    /// The line as the text layer gave it (`Word::raw`), when the repair changed a word of it: the
    /// goals' headings are looked for in both readings.
    pub raw: Option<String>,
}

/// What stage 4 hands on.
#[derive(Debug, Clone, Default)]
pub struct TableDoc {
    pub tables: Vec<Table>,
    /// The words the repair stage doubted (`Word::doubt`), on every page: the records stage points
    /// a reader at the fields that hold them.
    pub doubts: Vec<DoubtedWord>,
    pub body: Vec<BodyLine>,
    pub page_count: u32,
    pub producer: Option<String>,
}

/// A word the repair stage doubted, as it reads in the text (punctuation around it trimmed).
#[derive(Debug, Clone, PartialEq)]
pub struct DoubtedWord {
    pub page: u32,
    pub word: String,
    /// The words just before and after it on its line (within a word gap), as read: which of the
    /// word's occurrences on its page it is.
    pub before: Option<String>,
    pub after: Option<String>,
    /// Its runner-up reading (None: not read at all).
    pub other: Option<String>,
}

/// A word as a review names it: the punctuation around it dropped, but for the characters that
/// make a word unreadable ("t#", "S@").
pub fn review_word(s: &str) -> String {
    s.trim_matches(|c: char| c.is_ascii_punctuation() && !matches!(c, '@' | '#' | '%' | '{' | '}' | '|')).to_string()
}

/// The doubted words of a page, as [`DoubtedWord`]s.
fn doubted_words(page: &LayoutPage) -> impl Iterator<Item = DoubtedWord> + '_ {
    let trim = review_word;
    let ws = &page.words;
    // (a neighbour on the same baseline, less than a gutter away)
    let near = |a: &Word, b: &Word| (a.baseline - b.baseline).abs() < 0.3 * a.size && b.x0 > a.x0 && b.x0 - a.x1 < crate::repair::GUTTER_EM * a.size;
    ws.iter().enumerate().filter_map(move |(i, w)| {
        let d = w.doubt.as_ref()?;
        let word = trim(&w.text);
        let before = i.checked_sub(1).map(|j| &ws[j]).filter(|p| near(p, w)).map(|p| trim(&p.text));
        let after = ws.get(i + 1).filter(|n| near(w, n)).map(|n| trim(&n.text));
        (!word.is_empty()).then(|| DoubtedWord { page: page.number, word, before, after, other: d.other.as_deref().map(trim) })
    })
}

/// The stage's trait.
pub trait TableFinder {
    fn find(&self, doc: &LayoutDoc) -> TableDoc;
}

#[derive(Debug, Default, Clone)]
pub struct GridTables;

impl TableFinder for GridTables {
    fn find(&self, doc: &LayoutDoc) -> TableDoc {
        reassemble(doc, Rules::get())
    }
}

// ---------------------------------------------------------------------------------------------
// Grids from ruling segments

#[derive(Debug, Clone)]
struct Grid {
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// Merged cells: (row0, row1 exclusive, col0, col1 exclusive).
    cells: Vec<(usize, usize, usize, usize)>,
}

impl Grid {
    fn top(&self) -> f64 {
        self.ys[0]
    }
    fn bottom(&self) -> f64 {
        *self.ys.last().unwrap()
    }
    fn left(&self) -> f64 {
        self.xs[0]
    }
    fn right(&self) -> f64 {
        *self.xs.last().unwrap()
    }
    fn contains(&self, w: &Word) -> bool {
        let (cx, cy) = (w.cx(), w.cy());
        cx > self.left() && cx < self.right() && cy > self.top() && cy < self.bottom()
    }
}

fn cluster_positions(mut v: Vec<f64>, tol: f64) -> Vec<f64> {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let mut out: Vec<Vec<f64>> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some(c) if x - *c.last().unwrap() <= tol => c.push(x),
            _ => out.push(vec![x]),
        }
    }
    out.into_iter().map(|c| c.iter().sum::<f64>() / c.len() as f64).collect()
}

fn touches(a: &Segment, b: &Segment, tol: f64) -> bool {
    a.x0 - tol <= b.x1 && b.x0 - tol <= a.x1 && a.y0 - tol <= b.y1 && b.y0 - tol <= a.y1
}

/// Builds the table grids of one page.
fn grids(segs: &[Segment]) -> Vec<Grid> {
    let segs: Vec<Segment> = segs.iter().copied().filter(|s| s.is_horizontal() || s.is_vertical()).collect();
    let n = segs.len();
    // Union-find over touching segments.
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], i: usize) -> usize {
        let mut r = i;
        while p[r] != r {
            r = p[r];
        }
        let mut j = i;
        while p[j] != r {
            let nx = p[j];
            p[j] = r;
            j = nx;
        }
        r
    }
    // Sort by x0 to prune comparisons.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| segs[a].x0.partial_cmp(&segs[b].x0).unwrap());
    for (oi, &i) in order.iter().enumerate() {
        for &j in &order[oi + 1..] {
            if segs[j].x0 - 2.0 > segs[i].x1 {
                break;
            }
            if touches(&segs[i], &segs[j], 2.0) {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                if ri != rj {
                    parent[ri] = rj;
                }
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<Segment>> = Default::default();
    for i in 0..n {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(segs[i]);
    }
    let mut out = Vec::new();
    for (_, g) in groups {
        let hs: Vec<&Segment> = g.iter().filter(|s| s.is_horizontal()).collect();
        let vs: Vec<&Segment> = g.iter().filter(|s| s.is_vertical()).collect();
        if hs.len() < 2 || vs.len() < 2 {
            continue;
        }
        let xs = cluster_positions(vs.iter().map(|s| s.x0).collect(), 2.5);
        let mut yv: Vec<f64> = hs.iter().map(|s| s.y0).collect();
        // The outer extent of the vertical rules bounds the grid even where a border is not drawn.
        yv.push(vs.iter().map(|s| s.y0).fold(f64::MAX, f64::min));
        yv.push(vs.iter().map(|s| s.y1).fold(f64::MIN, f64::max));
        let ys = cluster_positions(yv, 2.5);
        if xs.len() < 3 || ys.len() < 2 {
            continue;
        }
        let (nr, nc) = (ys.len() - 1, xs.len() - 1);
        let covered = |lines: &[&Segment], horizontal: bool, at: f64, from: f64, to: f64| -> bool {
            let need = (to - from) * 0.5;
            let mut got = 0.0;
            for s in lines {
                let (pos, a, b) = if horizontal { (s.y0, s.x0, s.x1) } else { (s.x0, s.y0, s.y1) };
                if (pos - at).abs() <= 2.5 {
                    let lo = a.max(from);
                    let hi = b.min(to);
                    if hi > lo {
                        got += hi - lo;
                    }
                }
            }
            got >= need
        };
        // Union-find over elementary cells.
        let idx = |r: usize, c: usize| r * nc + c;
        let mut up: Vec<usize> = (0..nr * nc).collect();
        for r in 0..nr {
            for c in 0..nc {
                if c + 1 < nc && !covered(&vs, false, xs[c + 1], ys[r], ys[r + 1]) {
                    let (a, b) = (find(&mut up, idx(r, c)), find(&mut up, idx(r, c + 1)));
                    if a != b {
                        up[b] = a;
                    }
                }
                if r + 1 < nr && !covered(&hs, true, ys[r + 1], xs[c], xs[c + 1]) {
                    let (a, b) = (find(&mut up, idx(r, c)), find(&mut up, idx(r + 1, c)));
                    if a != b {
                        up[b] = a;
                    }
                }
            }
        }
        let mut boxes: std::collections::BTreeMap<usize, (usize, usize, usize, usize)> = Default::default();
        for r in 0..nr {
            for c in 0..nc {
                let k = find(&mut up, idx(r, c));
                let e = boxes.entry(k).or_insert((r, r + 1, c, c + 1));
                e.0 = e.0.min(r);
                e.1 = e.1.max(r + 1);
                e.2 = e.2.min(c);
                e.3 = e.3.max(c + 1);
            }
        }
        let mut cells: Vec<_> = boxes.into_values().collect();
        cells.sort();
        out.push(Grid { xs, ys, cells });
    }
    out.sort_by(|a, b| a.top().partial_cmp(&b.top()).unwrap());
    out
}

/// A table cut by a page break may be drawn without its bottom border (WeasyPrint does this), and
/// the last line of a cell may then sit just below the vertical rules: extend such a grid down over
/// the words directly beneath it, line by line.
fn extend_open_bottom(g: &mut Grid, segs: &[Segment], words: &[Word]) {
    let (l, r, b) = (g.left(), g.right(), g.bottom());
    let closed = segs.iter().filter(|s| s.is_horizontal() && (s.y0 - b).abs() < 2.5).map(|s| s.x1.min(r) - s.x0.max(l)).filter(|w| *w > 0.0).sum::<f64>() > 0.9 * (r - l);
    if closed {
        return;
    }
    let mut bottom = b;
    loop {
        let next = words
            .iter()
            .filter(|w| w.cx() > l && w.cx() < r && w.cy() > bottom && w.top < bottom + 0.8 * w.size)
            .map(|w| w.bottom + 1.0)
            .fold(f64::MIN, f64::max);
        if next <= bottom {
            break;
        }
        bottom = next;
    }
    if bottom > b {
        *g.ys.last_mut().unwrap() = bottom;
    }
}

// ---------------------------------------------------------------------------------------------
// Cell text

fn is_list_marker(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("- ") || t.starts_with("+ ") || t.starts_with("• ") || t.starts_with("* ") || t.starts_with("– ")
}

/// Joins the lines of one cell: wrapped lines with a space, list items with "\n", a word broken at
/// a hyphen or a URL broken anywhere without a space.
pub fn join_cell_lines(lines: &[String]) -> String {
    let mut out = String::new();
    let mut prev_trailing_space = false;
    for l in lines {
        let trailing_space = l.ends_with(' ');
        let l = l.trim();
        if l.is_empty() {
            continue;
        }
        if out.is_empty() {
            out.push_str(l);
            prev_trailing_space = trailing_space;
            continue;
        }
        let last_tok = out.rsplit([' ', '\n']).next().unwrap_or("");
        let first_tok = l.split(' ').next().unwrap_or("");
        let url_cont = last_tok.contains("://")
            && first_tok.is_ascii()
            && (first_tok.contains('.') || first_tok.contains('/') || !last_tok.ends_with('/'));
        let hyphen_cont = last_tok.len() > 1
            && last_tok.ends_with('-')
            && last_tok.chars().rev().nth(1).map(|c| c.is_alphanumeric()).unwrap_or(false)
            && first_tok.chars().next().map(|c| c.is_alphanumeric()).unwrap_or(false);
        // "xã/" + "phường": a break after a slash inside a word; ")" or "," starting a line: a word
        // broken where it overflowed its cell; "(31/12/202" + "6)": a date broken mid-number.
        let slash_cont = last_tok.len() > 1 && last_tok.ends_with('/') && !last_tok.contains("://") && !prev_trailing_space;
        let closing = l.starts_with([')', ']', ',', ';', ':', '.']);
        let digits_cont = broken_date(last_tok) && first_tok.chars().next().map(|c| c.is_ascii_digit()).unwrap_or(false);
        if is_list_marker(l) {
            out.push('\n');
        } else if !(url_cont || hyphen_cont || slash_cont || closing || digits_cont) {
            out.push(' ');
        }
        out.push_str(l);
        prev_trailing_space = trailing_space;
    }
    out
}

/// "(31/12/202": a day/month/year whose year was cut short by the line end.
fn broken_date(tok: &str) -> bool {
    let t = tok.trim_start_matches(['(', '[']);
    let parts: Vec<&str> = t.split('/').collect();
    parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())) && parts[2].len() < 4
}

fn cell_text(words: &[Word]) -> String {
    if words.is_empty() {
        return String::new();
    }
    let lines = build_lines(words, 50.0);
    // A space glyph at a line's end (some producers keep it) tells a break at a space from a
    // break inside a word such as "xã/phường".
    let texts: Vec<String> = lines.iter().map(|l| if l.words.last().map(|w| w.space_after).unwrap_or(false) { l.text() + " " } else { l.text() }).collect();
    join_cell_lines(&texts)
}

/// The cells of one grid as rows of the table model.
fn grid_rows(grid: &Grid, words: &[Word], page: u32) -> Vec<Row> {
    let (nr, nc) = (grid.ys.len() - 1, grid.xs.len() - 1);
    // Which merged cell each word falls into.
    let mut bucket: Vec<Vec<Word>> = vec![Vec::new(); grid.cells.len()];
    for w in words {
        let (cx, cy) = (w.cx(), w.cy());
        let c = grid.xs.iter().rposition(|&x| x <= cx).unwrap_or(0).min(nc - 1);
        let r = grid.ys.iter().rposition(|&y| y <= cy).unwrap_or(0).min(nr - 1);
        if let Some(k) = grid.cells.iter().position(|&(r0, r1, c0, c1)| r >= r0 && r < r1 && c >= c0 && c < c1) {
            bucket[k].push(w.clone());
        }
    }
    let mut rows: Vec<Row> = (0..nr).map(|_| Row { cells: vec![Cell::Covered; nc], full_width: false, pages: vec![page], notes: Vec::new() }).collect();
    let mut starts = vec![false; nr];
    for (k, &(r0, _r1, c0, c1)) in grid.cells.iter().enumerate() {
        rows[r0].cells[c0] = Cell::Text(cell_text(&bucket[k]));
        starts[r0] = true;
        if c0 == 0 && c1 == nc && nc > 1 {
            rows[r0].full_width = true;
        }
        // Cells merged across columns: the extra columns read as blank, not covered.
        for c in c0 + 1..c1 {
            rows[r0].cells[c] = Cell::Text(String::new());
        }
    }
    rows.into_iter().zip(starts).filter(|(_, s)| *s).map(|(r, _)| r).collect()
}

// ---------------------------------------------------------------------------------------------
// Header recognition

/// Best role for a header cell among `roles` (longest matching synonym), if any.
fn header_role(text: &str, roles: &std::collections::BTreeMap<String, Vec<String>>) -> Option<(String, usize)> {
    header_role_with(text, roles, false)
}

/// A folded synonym found in folded text, or (`fuzzy`, for OCR text) a window of the text within a
/// normalised edit distance of 0.2 of it. (The callers prepare the text once: [`FuzzyText`].)
#[cfg(test)]
fn contains_fuzzy(f: &str, p: &str, fuzzy: bool) -> bool {
    FuzzyText::new(f).contains(p, fuzzy, &mut Vec::new())
}

/// A folded text prepared once for [`contains_fuzzy`] against every synonym of the rules.
struct FuzzyText<'a> {
    f: &'a str,
    chars: Vec<char>,
    /// `chars` with every non-ASCII character (and NUL) as NUL. The edit distance only ever
    /// compares a text character with a synonym's: every non-ASCII character of the text ("…",
    /// "©", a mark OCR left) can be one that equals none of an ASCII synonym's, NUL, and the ASCII
    /// search applies to any text (the synonyms are ASCII).
    ascii: Vec<char>,
}

impl<'a> FuzzyText<'a> {
    fn new(f: &'a str) -> FuzzyText<'a> {
        let chars: Vec<char> = f.chars().collect();
        let ascii = chars.iter().map(|&c| if c.is_ascii() { c } else { '\0' }).collect();
        FuzzyText { f, chars, ascii }
    }

    /// [`contains_fuzzy`]; `scratch` is the edit distance's row.
    fn contains(&self, p: &str, fuzzy: bool, scratch: &mut Vec<usize>) -> bool {
        if self.f.contains(p) {
            return true;
        }
        if !fuzzy || p.chars().count() < 6 {
            return false;
        }
        let fc = &self.chars;
        let n = p.chars().count();
        if fc.len() + 1 < n {
            return false;
        }
        let pc: Vec<char> = p.chars().collect();
        if pc.iter().all(|c| c.is_ascii() && *c != '\0') {
            return bigrams_allow(&self.ascii, &pc) && ascii_window_within(&self.ascii, &pc, scratch);
        }
        (0..fc.len().saturating_sub(n.saturating_sub(1)).max(1)).any(|i| {
            (n.saturating_sub(1)..=n + 1).any(|len| similar(&fc[i..(i + len).min(fc.len())], &pc, scratch))
        })
    }
}

/// A screen before `contains_fuzzy`'s window search (never false when a window matches): by the
/// q-gram lemma, a window within edit distance k of the synonym holds at least n − 1 − 2k of the
/// synonym's n − 1 bigrams (one edit destroys at most two), each at a place of its own. A window is
/// at most n + 1 characters, n bigrams, so some run of n consecutive places of the text (the whole
/// text if shorter) has that many bigrams that are the synonym's; where none does, every window is
/// ruled out. The synonym's bigrams in a 1024-bit hash set (a collision only lets more through).
fn bigrams_allow(fc: &[char], pc: &[char]) -> bool {
    let n = pc.len();
    let max = n + 1;
    // The largest distance any window length (n − 1 … n + 1) accepts, as `ascii_window_within` computes it.
    let k = (0..=max).take_while(|&d| 1.0 - (d as f64) / (max as f64) >= 0.8).last().unwrap_or(0);
    let need = (n - 1).saturating_sub(2 * k);
    if need == 0 {
        return true;
    }
    let h = |a: char, b: char| ((a as usize) * 31 + b as usize) & 1023;
    let mut set = [0u64; 16];
    for w in pc.windows(2) {
        let i = h(w[0], w[1]);
        set[i / 64] |= 1 << (i % 64);
    }
    let hit = |i: usize| {
        let b = h(fc[i], fc[i + 1]);
        (set[b / 64] >> (b % 64)) as usize & 1
    };
    let mut run = 0;
    for i in 0..fc.len().saturating_sub(1) {
        run += hit(i);
        if i >= n {
            run -= hit(i - n);
        }
        if run >= need {
            return true;
        }
    }
    false
}

/// `contains_fuzzy`'s window search on ASCII text (folded text nearly always is; the caller has
/// ruled out a text shorter than n − 1), same answers: the
/// windows of lengths n − 1, n, n + 1 (a window cut short by the end of the text equals a full one
/// of a shorter length), each first screened by its bag distance to the synonym (kept up to date
/// as the window slides, one character in and one out), then `levenshtein_within`.
fn ascii_window_within(fc: &[char], pc: &[char], row: &mut Vec<usize>) -> bool {
    let n = pc.len();
    // diff[c] = count in the window − count in the synonym; `over` and `under` sum its positive and
    // negative parts: the window's characters the synonym lacks, and the synonym's the window lacks.
    for len in n.saturating_sub(1).max(1)..=n + 1 {
        if len > fc.len() {
            break;
        }
        let max = len.max(n);
        let k = (0..=max).take_while(|&d| 1.0 - (d as f64) / (max as f64) >= 0.8).last().unwrap_or(0);
        let mut diff = [0i32; 128];
        for &c in pc {
            diff[c as usize] -= 1;
        }
        let (mut over, mut under) = (0usize, n);
        let add = |diff: &mut [i32; 128], c: char, over: &mut usize, under: &mut usize| {
            if diff[c as usize] < 0 {
                *under -= 1;
            } else {
                *over += 1;
            }
            diff[c as usize] += 1;
        };
        let remove = |diff: &mut [i32; 128], c: char, over: &mut usize, under: &mut usize| {
            diff[c as usize] -= 1;
            if diff[c as usize] < 0 {
                *under += 1;
            } else {
                *over -= 1;
            }
        };
        for &c in &fc[..len] {
            add(&mut diff, c, &mut over, &mut under);
        }
        for i in 0..=fc.len() - len {
            if i > 0 {
                remove(&mut diff, fc[i - 1], &mut over, &mut under);
                add(&mut diff, fc[i + len - 1], &mut over, &mut under);
            }
            if over.max(under) <= k && levenshtein_within(&fc[i..i + len], pc, k, row) {
                return true;
            }
        }
    }
    false
}

/// `strsim::normalized_levenshtein(w, p) >= 0.8` on chars, without building strings, and skipping the
/// edit distance where the bag distance (characters of one not matched in the other, never more than
/// the edit distance) already rules the window out: the OCR header search called it for every window
/// of every cell against every synonym (a quarter of a scanned document's time).
fn similar(w: &[char], p: &[char], row: &mut Vec<usize>) -> bool {
    similar_at_least(w, p, 0.8, row)
}

/// `strsim::normalized_levenshtein(w, p) >= min` on chars (see [`similar`]).
pub(crate) fn similar_at_least(w: &[char], p: &[char], min: f64, row: &mut Vec<usize>) -> bool {
    let max = w.len().max(p.len());
    if max == 0 {
        return true;
    }
    let ok = |d: usize| 1.0 - (d as f64) / (max as f64) >= min;
    if w.iter().chain(p).all(char::is_ascii) {
        let mut count = [0i32; 128];
        for &c in p {
            count[c as usize] += 1;
        }
        let unmatched_w = w.iter().filter(|&&c| {
            let k = &mut count[c as usize];
            *k -= 1;
            *k < 0
        });
        let unmatched_w = unmatched_w.count();
        let unmatched_p = p.len() - (w.len() - unmatched_w);
        if !ok(unmatched_w.max(unmatched_p)) {
            return false;
        }
    }
    // The largest distance `ok` accepts (computed with `ok` itself, so the float rounding is the same).
    let k = (0..=max).take_while(|&d| ok(d)).last().unwrap_or(0);
    levenshtein_within(w, p, k, row)
}

/// Whether the edit distance between two char slices is at most `k`: the DP of `levenshtein`
/// restricted to the diagonal band |i − j| ≤ k (a cell outside it is more than k), stopping as
/// soon as a whole row exceeds k (row minima never decrease). Same answer, O(len·k).
fn levenshtein_within(a: &[char], b: &[char], k: usize, row: &mut Vec<usize>) -> bool {
    if a.len().abs_diff(b.len()) > k {
        return false;
    }
    let big = k + 1;
    row.clear();
    row.extend((0..=b.len()).map(|j| j.min(big)));
    for (i, ca) in a.iter().enumerate() {
        let i1 = i + 1;
        let lo = i1.saturating_sub(k).max(1);
        let hi = (i1 + k).min(b.len());
        // row[j] holds D[i][j]; the band of row i + 1 is lo..=hi.
        let mut diag = row[lo - 1];
        row[lo - 1] = if lo == 1 { i1.min(big) } else { big };
        let mut row_min = row[lo - 1];
        for j in lo..=hi {
            let up = row[j];
            let next = (diag + (*ca != b[j - 1]) as usize).min(up + 1).min(row[j - 1] + 1).min(big);
            diag = up;
            row[j] = next;
            row_min = row_min.min(next);
        }
        if hi < b.len() {
            row[hi + 1] = big;
        }
        if row_min > k {
            return false;
        }
    }
    row[b.len()] <= k
}

fn header_role_with(text: &str, roles: &std::collections::BTreeMap<String, Vec<String>>, fuzzy: bool) -> Option<(String, usize)> {
    let f = fold(text);
    let f = f.trim_matches(|c: char| !c.is_alphanumeric() && c != '(' && c != ')');
    let tokens: Vec<&str> = f.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).collect();
    let text = FuzzyText::new(f);
    let mut scratch = Vec::new();
    let mut best: Option<(String, usize)> = None;
    for (role, pats) in roles {
        for p in pats {
            let hit = if p.len() <= 3 {
                // Short synonyms ("stt", "tt", "kpi") must be whole tokens.
                tokens.iter().any(|t| t == p)
            } else {
                text.contains(p, fuzzy, &mut scratch)
            };
            if hit && best.as_ref().map(|b| p.len() > b.1).unwrap_or(true) {
                best = Some((role.clone(), p.len()));
            }
        }
    }
    best
}

/// If this row is a table header row, the table kind and the role of each column.
fn header_roles_with(row: &Row, rules: &Rules, fuzzy: bool) -> Option<(TableKind, Vec<String>)> {
    let texts: Vec<String> = row.cells.iter().map(|c| c.text().unwrap_or("").to_string()).collect();
    header_roles_texts(&texts, rules, fuzzy)
}

/// The table kind and column roles of a header row given as cell texts; `fuzzy` for OCR text.
pub(crate) fn header_roles_texts(texts: &[String], rules: &Rules, fuzzy: bool) -> Option<(TableKind, Vec<String>)> {
    header_roles_texts_with(texts, rules, fuzzy, &mut HeaderTextMemo::default())
}

/// What [`header_roles_texts`] works out of each cell text alone (whether it holds an indicator
/// table's marker, its role in either kind of table), kept across the calls of one document: the
/// scanned-table finder tries many bands and column sets, in two readings, whose cells repeat.
#[derive(Debug, Clone, Default)]
pub(crate) struct HeaderTextMemo {
    marker: rustc_hash::FxHashMap<String, bool>,
    role: rustc_hash::FxHashMap<(String, bool), String>,
}

/// [`header_roles_texts`] with a memo of per-text results (same answers).
pub(crate) fn header_roles_texts_with(texts: &[String], rules: &Rules, fuzzy: bool, memo: &mut HeaderTextMemo) -> Option<(TableKind, Vec<String>)> {
    let h = &rules.headers;
    let indicator = texts.iter().any(|t| {
        *memo.marker.entry(t.clone()).or_insert_with(|| {
            let f = fold(t);
            let text = FuzzyText::new(&f);
            let mut scratch = Vec::new();
            h.indicator_markers.iter().any(|m| text.contains(m, fuzzy, &mut scratch))
        })
    });
    let (kind, table) = if indicator { (TableKind::Indicator, &h.indicator_table) } else { (TableKind::Task, &h.task_table) };
    let mut roles: Vec<String> = texts
        .iter()
        .map(|t| memo.role.entry((t.clone(), indicator)).or_insert_with(|| header_role_with(t, table, fuzzy).map(|r| r.0).unwrap_or_default()).clone())
        .collect();
    // Two columns claiming one role: keep the stronger claim, the other becomes the next best.
    dedupe_roles(texts, &mut roles, table);
    if fuzzy && kind == TableKind::Task {
        // A header cell OCR garbled beyond recognition: the column order of task tables
        // (rules/headers.toml `ocr_task_role_after`) names it, when that role is missing.
        // Applied until nothing changes: a role named this way may name the next one ("kpi" then
        // the lead, then the lead's neighbour the support).
        let mut changed = true;
        while changed {
            changed = false;
            for (after, role) in &h.ocr_task_role_after {
                if !roles.iter().any(|r| r == role) {
                    if let Some(i) = roles.iter().position(|r| r == after) {
                        if roles.get(i + 1).is_some_and(|r| r.is_empty()) {
                            roles[i + 1] = role.to_string();
                            changed = true;
                        }
                    }
                }
            }
        }
    }
    let matched = roles.iter().filter(|r| !r.is_empty()).count();
    let key = roles.iter().any(|r| matches!(r.as_str(), "task" | "content" | "lead" | "deadline"));
    if matched >= 3 && key && matched * 2 >= roles.len() {
        Some((kind, roles))
    } else {
        None
    }
}

fn dedupe_roles(texts: &[String], roles: &mut [String], table: &std::collections::BTreeMap<String, Vec<String>>) {
    // "Nhiệm vụ Tổng quát" and "Nhiệm vụ (Con)": the group synonym is longer, so the first is group;
    // a second "task" claim by a weaker match is kept only if no other column is task.
    for i in 0..roles.len() {
        for j in i + 1..roles.len() {
            if !roles[i].is_empty() && roles[i] == roles[j] {
                let si = header_role(&texts[i], table).map(|r| r.1).unwrap_or(0);
                let sj = header_role(&texts[j], table).map(|r| r.1).unwrap_or(0);
                if sj > si {
                    roles[i] = String::new();
                } else {
                    roles[j] = String::new();
                }
            }
        }
    }
}

fn same_header(a: &[String], b: &Row) -> bool {
    if a.len() != b.cells.len() {
        return false;
    }
    let fa: String = a.iter().map(|t| fold(t)).collect::<Vec<_>>().join("|");
    let fb: String = b.cells.iter().map(|c| fold(c.text().unwrap_or(""))).collect::<Vec<_>>().join("|");
    fa == fb || strsim::normalized_levenshtein(&fa, &fb) > 0.85
}

// ---------------------------------------------------------------------------------------------
// Reassembly

fn code_start(s: &str) -> bool {
    let re = crate::normalise::code_regex();
    re.is_match(s.trim())
}

/// A row code at the start of an OCR line: "2.3 …", "5. …", "5.1. …" (a bare number followed by a
/// space is too often a quantity, "100 chuyên gia", to start a row); or one or two digits whose
/// full stop the OCR read as a comma, before a capital ("1, Xây dựng …": OCRmyPDF's 002).
pub(crate) fn code_start_ocr(s: &str) -> bool {
    let t = s.trim();
    let lead = t.chars().take_while(char::is_ascii_digit).count();
    if (1..=2).contains(&lead) && t[lead..].strip_prefix(", ").is_some_and(|r| r.starts_with(char::is_uppercase)) {
        return true;
    }
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    digits.contains('.') && digits.starts_with(|c: char| c.is_ascii_digit()) && digits.len() <= 8 && {
        let rest = &t[digits.len()..];
        rest.is_empty() || rest.starts_with(' ') || digits.ends_with('.')
    } && !digits.trim_end_matches('.').split('.').any(|p| p.is_empty() || p.len() > 3)
}

/// A section row's text with its leading numeral read back from OCR's confusions: a token of "I",
/// "l", "L", "|" (at most three) then "." or "," becomes that many "I" and ".". Anything else is
/// returned as it is. (Tesseract-vie's "HỊ.", "HI.", "VHI." cannot be counted letter by letter:
/// `normalise::codes::ocr_numeral_prefix` marks them and the sequence reads them.)
pub(crate) fn ocr_section_numeral(t: &str) -> String {
    match ocr_numeral_token(t) {
        Some((numeral, after)) if after.starts_with(' ') => format!("{numeral}.{after}"),
        _ => t.to_string(),
    }
}

/// A leading section numeral as the English-model OCR reads it: I-like letters ("I", "l", "L",
/// "|") and V, X, at most four, then "." or ",", that read as a numeral up to XXXIX once the I-like
/// letters are I's ("Ll." → II, "VIL." → VII, 002-scan page 19; "I," → I). Returns the numeral and
/// the text after its full stop; None for anything else, and for a numeral already written right
/// ("II. …": nothing to read back).
pub(crate) fn ocr_numeral_token(t: &str) -> Option<(String, &str)> {
    let lead: String = t.chars().take_while(|c| matches!(c, 'I' | 'l' | 'L' | '|' | 'V' | 'X')).collect();
    let n = lead.chars().count();
    let rest = &t[lead.len()..];
    let after = rest.strip_prefix('.').or_else(|| rest.strip_prefix(','))?;
    let numeral: String = lead.chars().map(|c| if matches!(c, 'l' | 'L' | '|') { 'I' } else { c }).collect();
    let as_is = numeral == lead && rest.starts_with('.');
    (n > 0 && n <= 4 && !as_is && crate::normalise::codes::roman_value(&numeral).is_some_and(|v| v < 40)).then_some((numeral, after))
}

/// A section numeral at a line start: "I", "II. Về …", "IV …".
pub(crate) fn is_roman_start(s: &str) -> bool {
    let t = s.trim();
    let head: String = t.chars().take_while(|c| matches!(c, 'I' | 'V' | 'X')).collect();
    !head.is_empty() && head.len() <= 4 && {
        let rest = &t[head.len()..];
        rest.is_empty() || rest.starts_with(". ") || rest == "." || rest.starts_with(' ')
    } && matches!(head.as_str(), "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX" | "X")
}

/// A word OCR ran together with a speck between two words, split there: a run of speck marks
/// between two letters, two marks or more ("tập,.quán", "trong:'công") or one (not a comma) between
/// two parts that both have a Vietnamese letter ("phê.duyệt"; never "dongnai.gov", "v.v", "0.8").
/// None when the word has no such join.
fn unjoin_speck(w: &str) -> Option<String> {
    let cs: Vec<char> = w.chars().collect();
    let is_speck = |c: char| ".,:;'‘’\"“”`_|~*^°".contains(c);
    let vietnamese = |s: &[char]| s.iter().any(|c| c.is_alphabetic() && !c.is_ascii());
    let mut i = 1;
    while i < cs.len() {
        if is_speck(cs[i]) && cs[i - 1].is_alphabetic() {
            let mut j = i;
            while j < cs.len() && is_speck(cs[j]) {
                j += 1;
            }
            if j < cs.len() && cs[j].is_alphabetic() {
                let (left, right) = (&cs[..i], &cs[j..]);
                let right_word: Vec<char> = right.iter().copied().take_while(|c| c.is_alphanumeric()).collect();
                let left_word: Vec<char> = left.iter().rev().copied().take_while(|c| c.is_alphanumeric()).collect();
                if j - i >= 2 || cs[i] != ',' && vietnamese(&left_word) && vietnamese(&right_word) {
                    let rest = unjoin_speck(&right.iter().collect::<String>()).unwrap_or_else(|| right.iter().collect());
                    return Some(format!("{} {rest}", left.iter().collect::<String>()));
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
    None
}

/// How far a scanned table's outer rules may move from page to page and the table still continue:
/// they are inferred from each page's text (`ocr::build` moves them out to a word that overshoots
/// them, up to three em), unlike the inner rules, which stay within 6 pt.
const OCR_OUTER_SLACK: f64 = 40.0;

/// Whether the first row on a continuation page is the tail of the previous page's last row.
fn is_continuation(t: &Table, prev: &Row, first: &Row) -> bool {
    if first.full_width {
        return false;
    }
    let cell = |r: &Row, role: &str| t.col(role).and_then(|c| r.cells.get(c)).and_then(|c| c.text()).map(|s| s.to_string());
    if t.col("stt").is_some() {
        // A section row ("IV | Phát triển …", a numeral and its title: `normalise::is_section_row`)
        // is one line and does not run over a page break: a row under it at the top of the next
        // page with text in a column the section row leaves empty is a row of its own whose code
        // the OCR lost (OCRmyPDF's 001, page 10: the "1" of section IV's first row; taken as the
        // section row's tail, the section and its first task were lost and rows 2–5 went under
        // section III).
        let filled = |r: &Row, c: usize| r.cells.get(c).and_then(|x| x.text()).is_some_and(|s| s.chars().any(char::is_alphanumeric));
        if crate::normalise::is_section_row(t, prev).is_some() && (0..first.cells.len()).any(|c| filled(first, c) && !filled(prev, c)) {
            return false;
        }
        return cell(first, "stt").is_none();
    }
    // WeasyPrint may leave a row's one-line cells (lead, deadline) on the previous page and carry its
    // taller cells whole to this one: the previous row then has no task text of its own, and no
    // column has text in both fragments.
    let title_col = ["task", "content"].iter().find_map(|r| t.col(r));
    if let Some(tc) = title_col {
        let has = |r: &Row, c: usize| r.cells.get(c).map(|x| !x.is_blank()).unwrap_or(false);
        let complementary = (0..first.cells.len()).all(|c| !(has(prev, c) && has(first, c)));
        if !prev.full_width && !has(prev, tc) && has(first, tc) && complementary && prev.cells.iter().any(|c| !c.is_blank()) {
            return true;
        }
    }
    for role in ["group", "task", "content"] {
        if let Some(txt) = cell(first, role) {
            if code_start(&txt) {
                return false;
            }
        }
    }
    // After a coded row ("1.4 …"), an uncoded fragment is its tail: sibling rows carry codes too.
    if cell(prev, "task").map(|t| code_start(&t)).unwrap_or(false) && cell(first, "group").is_none() {
        return first.cells.iter().any(|c| !c.is_blank());
    }
    // An uncoded row at a page top: a new row if it has its own deadline and its own lead unit while
    // the previous row had them (a row cut by the page break rarely carries its lead unit over).
    let own_lead = t.col("lead").is_none() || cell(first, "lead").is_some();
    if let (Some(_), Some(_), true) = (cell(first, "deadline"), cell(prev, "deadline"), own_lead) {
        return false;
    }
    first.cells.iter().any(|c| !c.is_blank())
}

fn join_text(a: &str, b: &str) -> String {
    if a.is_empty() {
        return b.to_string();
    }
    if b.is_empty() {
        return a.to_string();
    }
    join_cell_lines(&[a.to_string(), b.to_string()])
}

/// Appends a continuation fragment's cells to the row it continues. A column whose cell in the
/// fragment continues a merged cell from further up goes to that cell's starting row.
fn merge_into(rows: &mut [Row], frag: &Row) {
    let last = rows.len() - 1;
    for (c, cell) in frag.cells.iter().enumerate() {
        let Some(t) = cell.text() else { continue };
        // Find the row holding the start of this column's cell.
        let mut r = last;
        while r > 0 && rows[r].cells[c] == Cell::Covered {
            r -= 1;
        }
        let joined = join_text(rows[r].cells[c].text().unwrap_or(""), t);
        rows[r].cells[c] = Cell::Text(joined);
    }
    for p in &frag.pages {
        if !rows[last].pages.contains(p) {
            rows[last].pages.push(*p);
        }
    }
}

fn line_of(l: &Line, page: &LayoutPage) -> BodyLine {
    let raw = l.words.iter().any(|w| w.raw.is_some()).then(|| {
        let read: Vec<Word> = l.words.iter().map(|w| Word { text: w.raw.clone().unwrap_or_else(|| w.text.clone()), ..w.clone() }).collect();
        crate::layout::join_words(&read)
    });
    BodyLine { page: page.number, text: l.text(), x0: l.x0, x1: l.x1, top: l.top, size: l.size, page_width: page.width, raw }
}

pub fn reassemble(doc: &LayoutDoc, rules: &Rules) -> TableDoc {
    let mut out = TableDoc { page_count: doc.pages.len() as u32, producer: doc.producer.clone(), ..Default::default() };
    out.doubts = doc.pages.iter().flat_map(doubted_words).collect();
    // The table still open at the end of the previous page, with its column positions.
    // On a scan, each page's reading of the repeated header too (`headers_by_vote`).
    let mut open: Option<(Table, Vec<f64>, Vec<Vec<String>>)> = None;
    let mut ocr_state = ocr::OcrState::default();
    for page in &doc.pages {
        let scanned = page.ocr && page.segments.is_empty();
        // Row codes and section numerals the repair made words of, read as the OCR read them.
        let as_read = if scanned { ocr::code_words_as_read(page) } else { None };
        let page = as_read.as_ref().unwrap_or(page);
        let mut gs = if scanned {
            if open.is_none() {
                ocr_state.reset();
            }
            grids(&ocr::segments(page, rules, &mut ocr_state))
        } else {
            grids(&page.segments)
        };
        for g in gs.iter_mut() {
            extend_open_bottom(g, &page.segments, &page.words);
        }
        let mut table_words = vec![false; page.words.len()];
        let mut consumed_lines_above: f64 = f64::MIN; // body lines above this y belong to headings
        let mut first_grid_on_page = true;
        for g in &gs {
            let words: Vec<Word> = page.words.iter().enumerate().filter(|(_, w)| g.contains(w)).map(|(i, w)| {
                table_words[i] = true;
                w.clone()
            }).collect();
            let mut rows = grid_rows(g, &words, page.number);
            if scanned {
                // Specks of a scan read as punctuation (".", ":", "‘") make an empty cell look
                // filled (a section row then stops being one): such words are dropped, a cell of
                // them is empty. Real symbols ("%", "-") are kept.
                // A full-width row is a section row: its leading numeral is a run of I's that OCR
                // reads as "l", "L" or "|" and whose full stop it reads as a comma ("Ll. Về …",
                // "I, Nâng cao …"); restored to "II.", "I.".
                // So is a row whose one cell with words is its first (a short section title that
                // fits in the first column, "HỊ. Hoàn thiện thể chế", 002-scan page 11).
                let words = |c: &Cell| matches!(c, Cell::Text(x) if x.chars().any(char::is_alphanumeric));
                for r in rows.iter_mut().filter(|r| r.full_width || r.cells.first().is_some_and(words) && r.cells.iter().filter(|c| words(c)).count() == 1) {
                    if let Some(Cell::Text(t)) = r.cells.iter_mut().find(|c| matches!(c, Cell::Text(x) if !x.trim().is_empty())) {
                        *t = ocr_section_numeral(t);
                    }
                }
                // Speck words inside a cell ("Phòng Khoa học : :") go too.
                let speck = |w: &str| !w.is_empty() && w.chars().all(|ch| ".,:;'‘’\"“”`_|~*^°".contains(ch));
                for c in rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
                    if let Cell::Text(t) = c {
                        if t.split_whitespace().any(speck) {
                            *t = t.split('\n').map(|l| l.split(' ').filter(|w| !speck(w)).collect::<Vec<_>>().join(" ")).filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n");
                        }
                        // And specks OCR joined two words with ("phê.duyệt", "tập,.quán").
                        if t.split_whitespace().any(|w| unjoin_speck(w).is_some()) {
                            *t = t.split('\n').map(|l| l.split(' ').map(|w| unjoin_speck(w).unwrap_or_else(|| w.to_string())).collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n");
                        }
                    }
                }
            }
            if rows.is_empty() {
                continue;
            }
            // Text between the previous grid (or page top) and this grid.
            let above: Vec<&Line> = page
                .lines
                .iter()
                .filter(|l| l.bottom <= g.top() + 1.0 && l.top >= consumed_lines_above && !g.contains(&l.words[0]))
                .collect();
            // On a scan, specks above the table read as stray punctuation: not text; nor one short
            // word at the top of the page, a page number the OCR misread ("11" as "saul": 000 in
            // OCRmyPDF's layer).
            let speck_or_page_number = |l: &&Line| {
                let alnum = l.text().chars().filter(|c| c.is_alphanumeric()).count();
                alnum < 3 || (l.words.len() == 1 && alnum <= 5 && l.top < 0.1 * page.height)
            };
            let continues = first_grid_on_page
                && above.iter().all(|l| scanned && speck_or_page_number(l))
                && open.as_ref().map(|(t, xs, _)| xs.len() == g.xs.len() && xs.iter().zip(&g.xs).enumerate().all(|(i, (a, b))| (a - b).abs() < if scanned && (i == 0 || i + 1 == xs.len()) { OCR_OUTER_SLACK } else { 6.0 }) && t.headers.len() == g.xs.len() - 1).unwrap_or(false);
            if continues {
                let (mut t, xs, mut readings) = open.take().unwrap();
                // A scan's repeated header reads differently on every page: the same roles where
                // its cells are recognised is enough.
                // On a scan the grid's first row is always the header band `ocr::segments` read.
                let ocr_header = scanned && ocr_state.header.is_some();
                if same_header(&t.headers, &rows[0]) || ocr_header {
                    let header = rows.remove(0);
                    if ocr_header && header.cells.len() == t.headers.len() {
                        readings.push(header.cells.iter().map(|c| c.text().unwrap_or("").replace('\n', " ")).collect());
                    }
                }
                if !rows.is_empty() && !t.rows.is_empty() && is_continuation(&t, t.rows.last().unwrap(), &rows[0]) {
                    let frag = rows.remove(0);
                    merge_into(&mut t.rows, &frag);
                }
                // Cells at the top of the page that continue a merged cell (the general task of the
                // rows above) are drawn blank, or hold the tail of its text: covered, text appended.
                if let (Some(gc), false) = (t.col("group"), rows.is_empty()) {
                    let first = &rows[0];
                    if !first.full_width && t.col("stt").is_none() {
                        match first.cells[gc].text() {
                            None => rows[0].cells[gc] = Cell::Covered,
                            // (On a scan, a code as the OCR reads it: "5, Triển khai …", OCRmyPDF's
                            // Vietnamese-model layer of 003, is group 5, not group 4's tail.)
                            Some(tail) if !code_start(tail) && !(scanned && code_start_ocr(tail)) && !t.rows.is_empty() => {
                                let tail = tail.to_string();
                                let frag = Row { cells: (0..first.cells.len()).map(|c| if c == gc { Cell::Text(tail.clone()) } else { Cell::Text(String::new()) }).collect(), full_width: false, pages: vec![], notes: Vec::new() };
                                merge_into(&mut t.rows, &frag);
                                rows[0].cells[gc] = Cell::Covered;
                            }
                            _ => {}
                        }
                    }
                }
                t.rows.extend(rows);
                if !t.pages.contains(&page.number) {
                    t.pages.push(page.number);
                }
                open = Some((t, xs, readings));
            } else if let Some((kind, roles)) = if scanned { ocr_state.header.clone() } else { header_roles_with(&rows[0], rules, false) } {
                if let Some((t, _, readings)) = open.take() {
                    out.tables.push(finished(t, &readings, rules));
                }
                let header = rows.remove(0);
                let headers = header.cells.iter().map(|c| c.text().unwrap_or("").replace('\n', " ")).collect();
                let heading: Vec<String> = heading_lines(&above, &out.body, page);
                let t = Table { kind, heading, headers, roles, rows, pages: vec![page.number], ocr: scanned };
                open = Some((t, g.xs.clone(), Vec::new()));
            } else {
                // A grid that is not a known table: its words stay body text.
                for (i, w) in page.words.iter().enumerate() {
                    if g.contains(w) {
                        table_words[i] = false;
                    }
                }
                continue;
            }
            consumed_lines_above = g.bottom();
            first_grid_on_page = false;
        }
        // A page with text but no table continuing on it ends any open table.
        if first_grid_on_page && !page.words.is_empty() {
            if let Some((t, _, readings)) = open.take() {
                out.tables.push(finished(t, &readings, rules));
            }
        }
        let body_words: Vec<Word> = page.words.iter().zip(&table_words).filter(|(_, &t)| !t).map(|(w, _)| w.clone()).collect();
        for l in build_lines(&body_words, 2.0) {
            out.body.push(line_of(&l, page));
        }
    }
    if let Some((t, _, readings)) = open.take() {
        out.tables.push(finished(t, &readings, rules));
    }
    out
}

/// A scanned table's column headers chosen among the readings of its repeated header: for each
/// column, the reading closest to all the others (the medoid, by normalised edit distance; ties:
/// the earliest page's). An OCR reads the same printed header differently on every page, and its
/// mistakes rarely repeat: "là oes ©) Tự đen và." on one page, "(5) Đơn vị Chủ trì (Rõ người)" on
/// most, where the medoid is the reading most pages share. `readings`: the later pages' header
/// cells (the first `MAX_READINGS`); the first page's are the table's own. Then the medoid's words
/// go to the same vote ([`words_by_vote`]): the specks a page's header picks up on one page and not
/// the next are dropped. check --scanned, header cells right: 24 → 30 of 40.
/// A table as it leaves the stage: its scanned header voted on over its pages' readings, the
/// numbers dropped from its header cells, and its columns' missing roles read from the voted header.
fn finished(t: Table, readings: &[Vec<String>], rules: &Rules) -> Table {
    roles_from_voted_headers(header_numbers_dropped(headers_by_vote(t, readings)), rules)
}

/// A scanned table's columns its first page's header reading left without a role take the role
/// their header reads as once every page's reading has voted ([`headers_by_vote`]): OCRmyPDF's
/// layer of 001 page 4 read "Phòng chủ trì, theo dõi …" as "Phòng chabert, theo đột …", and the
/// table lost its lead column though pages 5–7 read it right. A role already taken stays where it
/// is; nothing else changes.
fn roles_from_voted_headers(mut t: Table, rules: &Rules) -> Table {
    if !t.ocr || t.roles.iter().all(|r| !r.is_empty()) {
        return t;
    }
    if let Some((kind, roles)) = header_roles_texts(&t.headers, rules, true) {
        if kind == t.kind && roles.len() == t.roles.len() {
            for c in 0..roles.len() {
                if t.roles[c].is_empty() && !roles[c].is_empty() && !t.roles.contains(&roles[c]) {
                    t.roles[c] = roles[c].clone();
                }
            }
        }
    }
    t
}

fn headers_by_vote(mut t: Table, readings: &[Vec<String>]) -> Table {
    const MAX_READINGS: usize = 24;
    if readings.is_empty() {
        return t;
    }
    for (c, h) in t.headers.iter_mut().enumerate() {
        let texts: Vec<String> = std::iter::once(h.as_str())
            .chain(readings.iter().take(MAX_READINGS).filter_map(|r| r.get(c).map(String::as_str)))
            .map(|x| x.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        let closeness = |i: usize| -> f64 { texts.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, y)| strsim::normalized_levenshtein(&texts[i], y)).sum() };
        let mut best = (0, f64::NEG_INFINITY);
        for i in 0..texts.len() {
            let s = closeness(i);
            // (an earlier page's reading wins a tie)
            if s > best.1 + 1e-9 {
                best = (i, s);
            }
        }
        let others: Vec<&str> = texts.iter().enumerate().filter(|&(j, _)| j != best.0).map(|(_, x)| x.as_str()).collect();
        *h = words_by_vote(&texts[best.0], &others);
    }
    t
}

/// A header reading's words as the other readings bear them out. Each reading at least half alike
/// to it (normalised edit distance) votes at each of its words, aligned by their longest common
/// subsequence (case aside): for the word where it has it, for its own word where it has another
/// one for one in the same place, for none where the places do not pair up. The word with the
/// most votes stands (the reading's own on a tie); where no two readings agree the place holds an
/// OCR speck, read differently on every page ("fs Nhiệm vụ", "a Nhiệm vụ", "cứ Nhiệm vụ"), and is
/// dropped. Fewer than two such readings leave it as it is.
fn words_by_vote(reading: &str, others: &[&str]) -> String {
    let words: Vec<&str> = reading.split_whitespace().collect();
    let voters: Vec<Vec<&str>> = others.iter().filter(|o| strsim::normalized_levenshtein(reading, o) >= 0.5).map(|o| o.split_whitespace().collect()).collect();
    if voters.len() < 2 {
        return reading.to_string();
    }
    // Per word: (lower-case option, its text, votes); "" is no word.
    let mut votes: Vec<Vec<(String, String, usize)>> = words.iter().map(|w| vec![(w.to_lowercase(), w.to_string(), 1)]).collect();
    let mut vote = |i: usize, w: &str| {
        let key = w.to_lowercase();
        match votes[i].iter_mut().find(|o| o.0 == key) {
            Some(o) => o.2 += 1,
            None => votes[i].push((key, w.to_string(), 1)),
        }
    };
    for v in &voters {
        let pairs = common_words(&words, v);
        // The stretches between matched words: one for one, or unpaired.
        let mut prev = (0, 0);
        for &(i, j) in pairs.iter().chain(std::iter::once(&(words.len(), v.len()))) {
            let (a, b) = (prev.0..i, prev.1..j);
            for (k, x) in a.clone().enumerate() {
                vote(x, if a.len() == b.len() { v[b.start + k] } else { "" });
            }
            if i < words.len() {
                vote(i, v[j]);
            }
            prev = (i + 1, j + 1);
        }
    }
    let mut out: Vec<String> = Vec::new();
    for opts in votes {
        // (the reading's own word is first: a tie keeps it)
        let best = opts.iter().fold(&opts[0], |b, o| if o.2 > b.2 { o } else { b });
        if best.2 >= 2 && !best.1.is_empty() {
            out.push(best.1.clone());
        }
    }
    if out.is_empty() {
        return reading.to_string();
    }
    out.join(" ")
}

/// The longest common subsequence of two word lists (case aside), as index pairs in order.
fn common_words(a: &[&str], b: &[&str]) -> Vec<(usize, usize)> {
    let eq = |i: usize, j: usize| a[i].to_lowercase() == b[j].to_lowercase();
    let (n, m) = (a.len(), b.len());
    let mut len = vec![vec![0u16; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            len[i][j] = if eq(i, j) { len[i + 1][j + 1] + 1 } else { len[i + 1][j].max(len[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if eq(i, j) {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if len[i + 1][j] >= len[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// The column numbers a table's header prints ("Nhiệm vụ Tổng quát (1)" … "Thời hạn … (7)"): true
/// when at least two header cells end in their own column index in parentheses.
fn numbered_headers(t: &Table) -> bool {
    t.headers.iter().enumerate().filter(|(i, h)| header_number(h) == Some(*i)).count() >= 2
}

/// "(7)" at the end of a text (trailing punctuation let through), as a number.
fn header_number(s: &str) -> Option<usize> {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = R.get_or_init(|| regex::Regex::new(r"(?:^|\s)\((\d{1,2})\)[\s:.;,]*$").unwrap());
    re.captures(s.trim()).and_then(|c| c[1].parse().ok())
}

/// A row continued across a page break under the repeated header picks up the header's column
/// numbers when the header's last line is read into the page's first row ("Quý II/2026 (7)" in
/// column 7 of 001's Phụ lục III, scanned): in a table whose headers are numbered, a cell ending
/// in its own column's number loses it, noted in the row (`Row::notes`, a `header_number_in_cell`
/// warning). Every row of the finished table is checked: the number may land in a merged cell's
/// starting row further up. A cell that is nothing but the number is left alone.
fn header_numbers_dropped(mut t: Table) -> Table {
    if !numbered_headers(&t) {
        return t;
    }
    for r in &mut t.rows {
        for (i, c) in r.cells.iter_mut().enumerate() {
            let Cell::Text(s) = c else { continue };
            if header_number(s) != Some(i) {
                continue;
            }
            let trimmed = s.trim_end();
            let Some(open) = trimmed.rfind('(') else { continue };
            let kept = trimmed[..open].trim_end().to_string();
            if kept.is_empty() {
                continue;
            }
            r.notes.push(("header_number_in_cell", format!("column {i}: the header's column number \"{}\" read into the cell, dropped", &trimmed[open..])));
            *s = kept;
        }
    }
    t
}

/// The heading block of a table: the lines just above its first grid, from a "Phụ lục" line on.
fn heading_lines(above: &[&Line], _body: &[BodyLine], _page: &LayoutPage) -> Vec<String> {
    let texts: Vec<String> = above.iter().map(|l| l.text()).collect();
    if let Some(i) = texts.iter().rposition(|t| fold(t).starts_with("phu luc")) {
        return texts[i..].to_vec();
    }
    texts.iter().rev().take(3).rev().cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_column_numbers_read_into_cells_are_dropped() {
        // 001-scan's Phụ lục III: headers numbered (1)…(7), some garbled ("Npv ấy See 5)").
        let headers = ["sứ", "Nhiệm vụ Tổng quát (1)", "es Cot ven Qđ)", "Sản phẩm (3)", "KPI (4)", "Npv ấy See 5)", "Đơn vị phối hợp (6):", "Thời hạn thành Rõ gian) 1)"];
        let row = |cells: [&str; 8]| Row { cells: cells.iter().map(|s| Cell::Text(s.to_string())).collect(), pages: vec![1], ..Default::default() };
        let table = |headers: &[&str], rows: Vec<Row>| Table { kind: TableKind::Task, heading: Vec::new(), headers: headers.iter().map(|s| s.to_string()).collect(), roles: vec![String::new(); headers.len()], rows, pages: vec![1], ocr: false };
        let rows = vec![
            row(["6", "Xây dựng", "Xây dựng", "Nghị quyết (3)", "Dự thảo (5)", "Phòng", "Các phòng", "Quý II/2026 (7)"]),
            // A cell that is nothing but the number is left alone; so is a row without one.
            row(["1", "a", "b", "c", "d", "e", "f", "(7)"]),
            row(["1", "a", "b", "c", "d", "e", "f", "Quý I/2026"]),
        ];
        let t = header_numbers_dropped(table(&headers, rows.clone()));
        let x = &t.rows[0];
        assert_eq!(x.cells[7].text(), Some("Quý II/2026"));
        assert_eq!(x.cells[3].text(), Some("Nghị quyết"));
        // "(5)" is not column 4's number: kept.
        assert_eq!(x.cells[4].text(), Some("Dự thảo (5)"));
        assert_eq!(x.notes.iter().map(|n| n.0).collect::<Vec<_>>(), ["header_number_in_cell"; 2]);
        assert_eq!(x.notes[1].1, "column 7: the header's column number \"(7)\" read into the cell, dropped");
        for k in [1, 2] {
            assert_eq!(t.rows[k].cells, rows[k].cells);
            assert!(t.rows[k].notes.is_empty());
        }
        // Headers not numbered (born-digital 000-style): nothing dropped.
        let plain = ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Kết quả", "a", "b", "Thời gian (7)"];
        let t = header_numbers_dropped(table(&plain, rows.clone()));
        assert_eq!(t.rows[0].cells, rows[0].cells);
        assert!(t.rows[0].notes.is_empty());
    }

    /// A column the first page's header reading left without a role takes the role of its voted
    /// header; roles already given stay; a born-digital table is never touched.
    #[test]
    fn a_scanned_columns_role_comes_from_its_voted_header() {
        let rules = Rules::get();
        let headers = ["STT", "Nội dung Chỉ tiêu", "Đơn vị tính", "Kết quả", "Phòng chủ trì, theo dõi tham mưu thực hiện", "Ghi chú"];
        let t = Table {
            kind: TableKind::Indicator,
            heading: Vec::new(),
            headers: headers.iter().map(|s| s.to_string()).collect(),
            roles: ["stt", "content", "unit_of_measure", "target", "", ""].iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
            pages: vec![4, 5],
            ocr: true,
        };
        let filled = roles_from_voted_headers(t.clone(), rules);
        assert_eq!(filled.roles, ["stt", "content", "unit_of_measure", "target", "lead", "note"]);
        // (a role already taken elsewhere is not given twice)
        let taken = Table { roles: ["stt", "content", "unit_of_measure", "target", "", "lead"].iter().map(|s| s.to_string()).collect(), ..t.clone() };
        assert_eq!(roles_from_voted_headers(taken, rules).roles[4], "");
        let digital = Table { ocr: false, ..t.clone() };
        assert_eq!(roles_from_voted_headers(digital, rules).roles, t.roles);
    }

    /// A scanned table's header: each column's reading closest to the other pages' readings of it.
    #[test]
    fn a_scanned_header_is_the_reading_the_pages_share() {
        let t = Table { kind: TableKind::Task, heading: Vec::new(), headers: vec!["(5) Đơn vị Chủ ừ (Rõ người)".into(), "(1) Mã".into()], roles: vec!["lead".into(), "group".into()], rows: Vec::new(), pages: vec![1, 2, 3, 4], ocr: true };
        let readings: Vec<Vec<String>> = [["(5) Đơn vị Chủ trì (Rõ người)", "(1) Mã"], ["(5) Đơn vị Chủ trì  (Rõ người)", "(1) Mà"], ["(5) Đơn vị Chủ cứ. (Rõ người)", "- (1) Mã"]].iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect();
        let t = headers_by_vote(t, &readings);
        // (spaces are normalised; the first page's reading wins a tie)
        assert_eq!(t.headers, ["(5) Đơn vị Chủ trì (Rõ người)", "(1) Mã"]);
        // One page: its reading stands.
        let one = Table { headers: vec!["là oes".into()], roles: vec!["task".into()], ..t.clone() };
        assert_eq!(headers_by_vote(one, &[]).headers, ["là oes"]);
    }

    /// The words of a scanned header that no two pages agree on are specks; words the pages agree
    /// on stand, and so does the reading where too few pages are like it to vote.
    #[test]
    fn a_scanned_headers_words_are_voted_on() {
        assert_eq!(words_by_vote("fs Nhiệm vụ", &["a Nhiệm vụ", "cứ Nhiệm vụ"]), "Nhiệm vụ");
        assert_eq!(words_by_vote("(6) Đơn vi phối hợp", &["(6) Đơn vị phối hợp", "(6) Đơn vị phối hợp:", "xx (6) Đơn vị phối hợp"]), "(6) Đơn vị phối hợp");
        // (a place the readings pair up differently: "(Rõ người)" read as one word on some pages)
        let pages = ["(5) Đơn vị Chủ trì (Réngusiy", "(5) Đơn vị Chủ trì (Rõ người)", "(5) Đơn vị Chủ trì (Ronguait)", "(5) Đơn vị Chủ: trì (Rõ người)"];
        assert_eq!(words_by_vote("(5) Đơn vị Chủ trì (Rõ người)", &pages), "(5) Đơn vị Chủ trì (Rõ người)");
        // Readings unlike it do not vote: one voter is too few.
        assert_eq!(words_by_vote("fs Nhiệm vụ", &["a Nhiệm vụ", "astray tai 5)", "= rẽ ác ó"]), "fs Nhiệm vụ");
        // Case aside when matching; the reading's own spelling is kept.
        assert_eq!(words_by_vote("Đơn vị", &["đơn vị", "ĐƠN VỊ"]), "Đơn vị");
    }

    /// `contains_fuzzy` as it was written first (strsim on every window), the reference for the fast one.
    fn contains_fuzzy_reference(f: &str, p: &str) -> bool {
        if f.contains(p) {
            return true;
        }
        if p.chars().count() < 6 {
            return false;
        }
        let fc: Vec<char> = f.chars().collect();
        let n = p.chars().count();
        if fc.len() + 1 < n {
            return false;
        }
        (0..fc.len().saturating_sub(n.saturating_sub(1)).max(1)).any(|i| {
            (n.saturating_sub(1)..=n + 1).any(|len| {
                let w: String = fc[i..(i + len).min(fc.len())].iter().collect();
                strsim::normalized_levenshtein(&w, p) >= 0.8
            })
        })
    }

    #[test]
    fn banded_edit_distance_agrees_with_the_full_one() {
        // Every pair of short strings over a small alphabet (many near matches), every bound.
        let alphabet = ['a', 'b', 'é'];
        let mut words: Vec<Vec<char>> = vec![vec![]];
        for len in 1..=4 {
            let mut w = vec![0usize; len];
            loop {
                words.push(w.iter().map(|&i| alphabet[i]).collect());
                let Some(p) = (0..len).rev().find(|&p| w[p] + 1 < alphabet.len()) else { break };
                w[p] += 1;
                w[p + 1..].iter_mut().for_each(|x| *x = 0);
            }
        }
        let mut row = Vec::new();
        for a in &words {
            for b in &words {
                let d = strsim::levenshtein(&a.iter().collect::<String>(), &b.iter().collect::<String>());
                for k in 0..=4 {
                    assert_eq!(levenshtein_within(a, b, k, &mut row), d <= k, "{a:?} {b:?} k={k}");
                }
            }
        }
    }

    #[test]
    fn fuzzy_header_match_is_the_reference() {
        // Every header synonym against the English-model OCR lines of the corpus pages (folded), and
        // against each synonym damaged the way OCR damages words (a letter dropped, doubled, changed).
        let rules = Rules::get();
        let mut pats: Vec<String> = rules.headers.indicator_markers.clone();
        for t in [&rules.headers.task_table, &rules.headers.indicator_table] {
            pats.extend(t.values().flatten().cloned());
        }
        let mut texts: Vec<String> = Vec::new();
        for e in std::fs::read_dir("corpus/ocr/eng").unwrap().take(6) {
            texts.extend(std::fs::read_to_string(e.unwrap().path()).unwrap().lines().take(60).map(fold));
        }
        for p in &pats {
            let c: Vec<char> = p.chars().collect();
            for k in (0..c.len()).step_by(3) {
                let mut d = c.clone();
                d.remove(k);
                texts.push(format!("cot {} x", d.iter().collect::<String>()));
                let mut d = c.clone();
                d[k] = 'q';
                texts.push(d.iter().collect());
                let mut d = c.clone();
                d.insert(k, 'é');
                texts.push(format!("({})", d.iter().collect::<String>()));
            }
        }
        let (mut hits, mut total) = (0, 0);
        for t in &texts {
            for p in &pats {
                let want = contains_fuzzy_reference(t, p);
                assert_eq!(contains_fuzzy(t, p, true), want, "{t:?} / {p:?}");
                hits += want as usize;
                total += 1;
            }
        }
        assert!(hits > 200 && hits < total, "{hits} of {total}: the cases test both outcomes");
    }

    #[test]
    fn cell_lines_join() {
        let l = |v: &[&str]| join_cell_lines(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(l(&["Rà soát, đề xuất", "các giấy tờ"]), "Rà soát, đề xuất các giấy tờ");
        assert_eq!(l(&["- Dự án A.", "- Dự án B"]), "- Dự án A.\n- Dự án B");
        assert_eq!(l(&["nền tảng https://binhdanhocv", "uso.dongnai.gov.vn/ hoàn thành"]), "nền tảng https://binhdanhocvuso.dongnai.gov.vn/ hoàn thành");
        assert_eq!(l(&["Kế hoạch số 02-", "KH/BCĐTW"]), "Kế hoạch số 02-KH/BCĐTW");
        assert_eq!(l(&["https://a.vn/", "hoàn thành"]), "https://a.vn/ hoàn thành");
        assert_eq!(l(&["của 100% xã/", "phường vùng lõm"]), "của 100% xã/phường vùng lõm");
        assert_eq!(l(&["CBCC (31/12/2026", ")"]), "CBCC (31/12/2026)");
        assert_eq!(l(&["CBCC (31/12/202", "6)"]), "CBCC (31/12/2026)");
        assert_eq!(l(&["năm 2026", "2027"]), "năm 2026 2027");
        assert_eq!(l(&["trước 31/12/2025", "100% đơn vị"]), "trước 31/12/2025 100% đơn vị");
    }

    fn seg(x0: f64, y0: f64, x1: f64, y1: f64) -> Segment {
        Segment { x0, y0, x1, y1 }
    }

    #[test]
    fn grid_finds_vertical_merge() {
        // 2 columns, 3 rows; column 0 merged over rows 1-2 (no border between them in column 0).
        let mut s = vec![];
        for x in [0.0, 100.0, 200.0] {
            s.push(seg(x, 0.0, x, 90.0));
        }
        s.push(seg(0.0, 0.0, 200.0, 0.0));
        s.push(seg(0.0, 30.0, 200.0, 30.0));
        s.push(seg(100.0, 60.0, 200.0, 60.0));
        s.push(seg(0.0, 90.0, 200.0, 90.0));
        let g = grids(&s);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].cells, vec![(0, 1, 0, 1), (0, 1, 1, 2), (1, 2, 1, 2), (1, 3, 0, 1), (2, 3, 1, 2)]);
    }

    #[test]
    fn row_split_with_short_cells_left_behind_is_joined() {
        // WeasyPrint, corpus/003-wp.pdf pages 11-12: lead and deadline stay on page 11, the rest of
        // row 6.3 moves whole to page 12.
        let roles = ["group", "task", "output", "kpi", "lead", "support", "deadline"];
        let t = Table { kind: TableKind::Task, heading: vec![], headers: roles.iter().map(|s| s.to_string()).collect(), roles: roles.iter().map(|s| s.to_string()).collect(), rows: vec![], pages: vec![11], ocr: false };
        let row = |v: [&str; 7]| Row { cells: v.iter().map(|s| if *s == "^" { Cell::Covered } else { Cell::Text(s.to_string()) }).collect(), full_width: false, pages: vec![11], notes: Vec::new() };
        let prev = row(["^", "", "", "", "Sở Tài chính", "", "Quý I/2026"]);
        let first = row(["", "6.3 Bố trí kinh phí", "Quyết định", "100% đơn vị", "", "Sở Khoa học và Công nghệ", ""]);
        assert!(is_continuation(&t, &prev, &first));
        // A complete row followed by the next coded row is not a continuation.
        let whole = row(["^", "6.2 Đánh giá", "Kế hoạch", "100%", "Sở Khoa học và Công nghệ", "", "30/9/2025"]);
        assert!(!is_continuation(&t, &whole, &first));
        // Both fragments with text in one column: two rows, not one.
        let clash = row(["^", "", "", "", "Sở Tài chính", "Sở Tư pháp", "Quý I/2026"]);
        assert!(!is_continuation(&t, &clash, &first));
    }

    #[test]
    fn ocr_row_codes_at_a_line_start() {
        for t in ["2.3 Rà soát", "5. Xây dựng", "5.1. Triển khai", "1, Xây dựng Chương trình", "12, Ban hành"] {
            assert!(code_start_ocr(t), "{t}");
        }
        for t in ["100 chuyên gia", "2026 - 2030", "1, 2 và 3", "1, các sở", "123, Ban", "2025, Sở"] {
            assert!(!code_start_ocr(t), "{t}");
        }
    }

    #[test]
    fn a_section_row_does_not_run_over_a_page_break() {
        // OCRmyPDF's layer of 001, Phụ lục III, pages 9–10: section IV's row ends page 9, and page 10
        // starts with its first row, whose "1" the OCR lost.
        let roles = ["stt", "task", "lead", "support", "output", "deadline"];
        let t = Table { kind: TableKind::Task, heading: vec![], headers: roles.iter().map(|s| s.to_string()).collect(), roles: roles.iter().map(|s| s.to_string()).collect(), rows: vec![], pages: vec![9], ocr: true };
        let row = |v: [&str; 6]| Row { cells: v.iter().map(|s| Cell::Text(s.to_string())).collect(), full_width: false, pages: vec![9], notes: Vec::new() };
        let section = row(["IV", "Phát triển khoa học, công nghệ và nguồn nhân lực", "", "", "", ""]);
        let first = row(["", "Thu hút tối thiểu 01 tập đoàn công nghệ", "Phòng Chuyển đổi số", "", "Báo cáo", "2026"]);
        assert!(!is_continuation(&t, &section, &first));
        // A task row's tail on the next page still is one.
        let task = row(["3", "Xây dựng chương trình", "Phòng Chuyển đổi số", "Các phòng", "Kế hoạch", "2026"]);
        assert!(is_continuation(&t, &task, &first));
        // So is a section title's second line, alone in the title column.
        let tail = row(["", "và đổi mới sáng tạo", "", "", "", ""]);
        assert!(is_continuation(&t, &section, &tail));
    }

    #[test]
    fn header_roles_by_longest_synonym() {
        let rules = Rules::get();
        let row = Row {
            cells: ["(1) Mã Nhiệm vụ Tổng quát", "(2) Tiểu Nhiệm vụ (Con) (Rõ Việc)", "(3) Sản phẩm Đầu ra Bắt buộc (Rõ Kết quả)", "(4) KPI Đo lường Hiệu quả (Định lượng)", "(5) Đơn vị Chủ trì (Rõ người)", "(6) Đơn vị phối hợp", "(7) Thời hạn Hoàn thành (Rõ Thời gian)"]
                .iter()
                .map(|s| Cell::Text(s.to_string()))
                .collect(),
            full_width: false,
            pages: vec![1],
            notes: Vec::new(),
        };
        let (kind, roles) = header_roles_with(&row, rules, false).unwrap();
        assert_eq!(kind, TableKind::Task);
        assert_eq!(roles, vec!["group", "task", "output", "kpi", "lead", "support", "deadline"]);
        let row = Row {
            cells: ["STT", "Nội dung Chỉ tiêu", "Đơn vị tính", "Kết quả", "Phòng chủ trì, theo dõi tham mưu thực hiện", "Ghi chú"].iter().map(|s| Cell::Text(s.to_string())).collect(),
            full_width: false,
            pages: vec![1],
            notes: Vec::new(),
        };
        let (kind, roles) = header_roles_with(&row, rules, false).unwrap();
        assert_eq!(kind, TableKind::Indicator);
        assert_eq!(roles, vec!["stt", "content", "unit_of_measure", "target", "lead", "note"]);
    }

    #[test]
    fn specks_joining_two_words_are_split() {
        assert_eq!(super::unjoin_speck("phê.duyệt").as_deref(), Some("phê duyệt"));
        assert_eq!(super::unjoin_speck("tập,.quán").as_deref(), Some("tập quán"));
        assert_eq!(super::unjoin_speck("trong:'công").as_deref(), Some("trong công"));
        // Not specks: a URL, an abbreviation, a number, a comma without its space, a word's
        // own punctuation.
        for w in ["binhdanhocvuso.dongnai.gov.vn", "v.v", "0.8", "tỉnh,huyện", "CSDL.", "57-NQ/TW", "phê"] {
            assert_eq!(super::unjoin_speck(w), None, "{w}");
        }
    }

    #[test]
    fn ocr_section_numerals_read_back() {
        assert_eq!(super::ocr_section_numeral("Ll. Về khoa học"), "II. Về khoa học");
        assert_eq!(super::ocr_section_numeral("I, Nâng cao nhận thức"), "I. Nâng cao nhận thức");
        assert_eq!(super::ocr_section_numeral("ll. Hoàn thiện"), "II. Hoàn thiện");
        assert_eq!(super::ocr_section_numeral("II. Hoàn thiện"), "II. Hoàn thiện");
        assert_eq!(super::ocr_section_numeral("Lập quy hoạch"), "Lập quy hoạch");
        assert_eq!(super::ocr_section_numeral("LLLL. x"), "LLLL. x");
        // With V and X (002-scan page 19: "VIL." for VII.).
        assert_eq!(super::ocr_section_numeral("VIL. Tăng cường"), "VII. Tăng cường");
        assert_eq!(super::ocr_section_numeral("Xl, Về"), "XI. Về");
        assert_eq!(super::ocr_section_numeral("VI. Về"), "VI. Về");
        assert_eq!(super::ocr_section_numeral("Vi vậy"), "Vi vậy");
        assert_eq!(super::ocr_section_numeral("VIIII. x"), "VIIII. x");
        assert_eq!(super::ocr_numeral_token("VIL."), Some(("VII".to_string(), "")));
        assert_eq!(super::ocr_numeral_token("II."), None);
    }
}
