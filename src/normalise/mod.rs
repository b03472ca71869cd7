//! Stage 5 — normalise: cell text into typed values.
//!
//! Takes the reassembled tables and body lines; returns plan metadata and, per table, its rows as
//! section rows or items whose cells are parsed: units named from the registry, deadlines and
//! targets read, codes split from titles. Diagnostics (unknown units, unparsed deadlines) are kept
//! on the item for the records stage, which knows the refs.
//!
//! Invariants: never reads the PDF or positions; never drops text — whatever is not understood is
//! kept raw (a `text` deadline, an unknown unit with its raw name) and flagged.

pub mod codes;
pub mod deadline;
pub mod goals;
pub mod meta;
pub mod target;
pub mod units;

use crate::model::{Coded, Column, Deadline, Plan, TableInfo, TargetValue, Unit, Warning};
use crate::rules::Rules;
use crate::tables::{Cell, Row, Table, TableDoc, TableKind};
use regex::Regex;
use std::sync::OnceLock;

/// A leading item code: "1.", "1.1", "2.1.", "10.3" (not "100%", not a date).
pub fn code_regex() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"^(\d{1,3}(?:\.\d{1,3})*)(?:\.|\)|\s)\s*(\S.*)?$").unwrap())
}

fn roman_regex() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"^([IVXL]{1,5})(?:[.\-\)]|\s)\s*(\S.*)?$").unwrap())
}

/// Splits "1.1 Rà soát …" into ("1.1", "Rà soát …"). Text without a leading code gives (None, text).
pub fn split_code(text: &str) -> (Option<String>, String) {
    let t = text.trim();
    if let Some(c) = code_regex().captures(t) {
        let code = c[1].to_string();
        let rest = c.get(2).map(|m| m.as_str().trim().to_string()).unwrap_or_default();
        // "2026 …" or "01 dự thảo" are not codes: codes are short and not zero-padded.
        if !code.starts_with('0') && code.split('.').all(|p| p.len() <= 2) {
            return (Some(code), rest);
        }
    }
    (None, t.to_string())
}

/// Splits a section row's text "I. Về chuyển đổi số" into ("I", "Về chuyển đổi số").
pub fn split_roman(text: &str) -> Option<(String, String)> {
    let c = roman_regex().captures(text.trim())?;
    Some((c[1].to_string(), c.get(2).map(|m| m.as_str().trim().to_string()).unwrap_or_default()))
}

pub fn is_roman(s: &str) -> bool {
    let s = s.trim().trim_end_matches('.');
    !s.is_empty() && s.len() <= 5 && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
}

#[derive(Debug, Clone, PartialEq)]
pub enum GroupCell {
    /// The table has no group column.
    None,
    /// Covered by a merged cell from above (or left blank under a group): same group.
    Covered,
    Text(String),
}

#[derive(Debug, Clone)]
pub struct Item {
    pub stt: Option<String>,
    pub group: GroupCell,
    pub task: Option<String>,
    pub output: Option<String>,
    pub kpi: Option<String>,
    pub note: Option<String>,
    pub content: Option<String>,
    pub unit_of_measure: Option<String>,
    pub lead: Vec<Unit>,
    pub support: Vec<Unit>,
    pub deadline: Option<Deadline>,
    pub target: Option<TargetValue>,
    pub pages: Vec<u32>,
    /// Raw unit names the registry does not know.
    pub unknown_units: Vec<String>,
    /// Structure checks on the row (code, message): a row code restored from its neighbours or
    /// left unread (`codes`).
    pub notes: Vec<(&'static str, String)>,
}

#[derive(Debug, Clone)]
pub enum NormRow {
    Section(Coded),
    Item(Box<Item>),
}

#[derive(Debug, Clone)]
pub struct NormTable {
    pub kind: TableKind,
    pub info: TableInfo,
    pub has_group: bool,
    pub has_stt: bool,
    pub rows: Vec<NormRow>,
    /// Warnings about section rows (a numeral restored from the sequence), with their pages.
    pub notes: Vec<Warning>,
}

/// What stage 5 hands on.
#[derive(Debug, Clone, Default)]
pub struct NormalDoc {
    pub plan: Plan,
    pub tables: Vec<NormTable>,
    /// The numbered goals of the plan's body (targets of table 0).
    pub goals: Vec<goals::Goal>,
    pub page_count: u32,
    pub producer: Option<String>,
    /// The repair stage's doubted words, passed on (`TableDoc::doubts`).
    pub doubts: Vec<crate::tables::DoubtedWord>,
}

/// The stage's trait.
pub trait Normaliser {
    fn normalise(&self, doc: TableDoc) -> NormalDoc;
}

#[derive(Debug, Default, Clone)]
pub struct RegistryNormaliser;

impl Normaliser for RegistryNormaliser {
    fn normalise(&self, doc: TableDoc) -> NormalDoc {
        normalise(doc, Rules::get())
    }
}

fn text_of(t: &Table, r: &Row, role: &str) -> Option<String> {
    let c = t.col(role)?;
    r.cells.get(c).and_then(|c| c.text()).map(|s| s.to_string())
}

/// A section row: its numeral as read (None when it has none) and its title.
pub(crate) fn is_section_row(t: &Table, r: &Row) -> Option<(Option<String>, String)> {
    // A cell of punctuation alone ("-": a speck of a scan Tesseract-vie read beside a section's
    // title, 001-scan page 8) does not make a section row an item.
    let filled: Vec<(usize, &str)> = r.cells.iter().enumerate().filter_map(|(i, c)| c.text().map(|s| (i, s))).filter(|(_, s)| s.chars().any(char::is_alphanumeric)).collect();
    let stt = t.col("stt");
    // An STT cell that reads as no item code: a numeral, or one OCR garbled ("Ll", "vô").
    let numeral_cell = |i: usize, s: &str| Some(i) == stt && (is_roman(s) || codes::parse(s.trim().trim_matches(|c: char| !c.is_alphanumeric())).is_none() && !s.trim().is_empty());
    if r.full_width || filled.len() == 1 {
        let (i0, txt) = *filled.first()?;
        if let Some((code, title)) = split_roman(txt) {
            return Some((Some(code), title));
        }
        // "HỊ. Hoàn thiện thể chế": Tesseract-vie's reading of a numeral, read back by its sequence.
        if let Some((token, at)) = codes::ocr_numeral_prefix(txt) {
            return Some((Some(token), txt[at..].trim().to_string()));
        }
        if r.full_width {
            return Some((None, txt.to_string()));
        }
        // "Ll" alone in the STT column: a section row whose title OCR did not put in this row.
        if numeral_cell(i0, txt) {
            return Some((Some(txt.to_string()), String::new()));
        }
        return None;
    }
    // "I | Hoàn thiện thể chế | | | …": a numeral in the STT column and one other cell.
    if filled.len() == 2 {
        let (i0, s0) = filled[0];
        if numeral_cell(i0, s0) {
            return Some((Some(s0.trim().to_string()), filled[1].1.to_string()));
        }
    }
    None
}

/// Section rows whose numeral the OCR read as digits: a row with one cell, "1. Về chuyển đổi số",
/// or with "1" in the STT column and the title beside it, where the next row with a code in the
/// STT, group or task column has that code too. A Vietnamese-model OCR reads "I." as "1." (000's
/// scan at 200 dpi, its section I; 001's Phụ lục II, "1" in the STT column); a row's code does not
/// repeat in the next coded row, so the first is the section numeral, as many I's as it has ones
/// (at most three). Returns (row, numeral as read, numeral, title) for each.
fn numerals_read_as_ones<'t>(t: &'t Table, sections: &std::collections::HashMap<usize, (Option<String>, String)>) -> Vec<(usize, &'t str, String, String)> {
    let stt = t.col("stt");
    let code_cols: Vec<usize> = ["stt", "group", "task"].iter().filter_map(|r| t.col(r)).collect();
    let code_of = |c: usize, s: &str| -> Option<String> {
        if Some(c) == stt {
            let s = s.trim().trim_end_matches('.');
            (!s.is_empty() && codes::parse(s).is_some()).then(|| s.to_string())
        } else {
            split_code(s).0
        }
    };
    // (an STT cell of one or two strokes, "lÌ", is how Tesseract-vie reads "1." there: 001's
    // Phụ lục III)
    let strokes = |s: &str| {
        let s = s.trim().trim_end_matches('.');
        (1..=2).contains(&s.chars().count()) && s.chars().all(|c| matches!(c, 'l' | 'I' | '1' | '|') || codes::is_marked_i(c))
    };
    let lead_code = |r: &Row| {
        code_cols.iter().find_map(|&c| r.cells.get(c).and_then(|x| x.text()).and_then(|s| code_of(c, s).or_else(|| (Some(c) == stt && strokes(s)).then(|| "1".to_string()))))
    };
    let ones_of = |s: &str| {
        let n = s.chars().take_while(|&c| c == '1').count();
        (1..=3).contains(&n).then_some(n)
    };
    let mut out = Vec::new();
    for (i, r) in t.rows.iter().enumerate() {
        if sections.contains_key(&i) {
            continue;
        }
        // (a stroke alone outside the STT column is a speck: "l" in the deadline column of 001's
        // Phụ lục III, section I)
        let filled: Vec<(usize, &str)> = r.cells.iter().enumerate().filter_map(|(k, c)| c.text().map(|s| (k, s.trim()))).filter(|&(k, s)| s.chars().any(char::is_alphanumeric) && (Some(k) == stt || !codes::is_stroke(s))).collect();
        let (read, ones, title) = match filled[..] {
            // "1. Về chuyển đổi số"
            [(_, text)] => {
                let Some(n) = ones_of(text) else { continue };
                let Some(title) = text[n..].strip_prefix(['.', ',']).and_then(|t| t.strip_prefix(' ')) else { continue };
                (&text[..n + 1], n, title)
            }
            // "1" | "Nâng cao nhận thức …"
            [(k, read), (_, title)] if Some(k) == stt => {
                let numeral = read.trim_end_matches('.');
                match ones_of(numeral) {
                    Some(n) if n == numeral.len() => (read, n, title),
                    _ => continue,
                }
            }
            _ => continue,
        };
        if !title.starts_with(char::is_uppercase) {
            continue;
        }
        let next = t.rows[i + 1..].iter().enumerate().filter(|(k, _)| !sections.contains_key(&(i + 1 + k))).find_map(|(_, r)| lead_code(r));
        if next.as_deref() == Some("1".repeat(ones).as_str()) {
            out.push((i, read, "I".repeat(ones), title.trim().to_string()));
        }
    }
    out
}

/// Section rows whose numeral an OCR did not read at all: in a scanned table with an STT column, a
/// row with its title and nothing else (its STT cell empty or a speck without a digit), the title
/// capitalised, between two readable top-level codes where the second does not follow the first
/// but starts again ("6", then this row, then "2": OCRmyPDF's Vietnamese-model layer of 001, Phụ lục
/// III, section III). Returns (row, title, code before, code after) for each; the numeral comes from
/// the sections' sequence.
fn sections_without_numeral(t: &Table, sections: &std::collections::HashMap<usize, (Option<String>, String)>) -> Vec<(usize, String, u32, u32)> {
    let (Some(stt), Some(title_col), true) = (t.col("stt"), t.col("task").or_else(|| t.col("content")), t.ocr) else { return Vec::new() };
    let top_code = |r: &Row| r.cells.get(stt).and_then(|c| c.text()).and_then(|s| codes::parse(s.trim().trim_end_matches('.'))).filter(|c| c.len() == 1).map(|c| c[0]);
    let mut out = Vec::new();
    for (i, r) in t.rows.iter().enumerate() {
        if sections.contains_key(&i) {
            continue;
        }
        let filled: Vec<usize> = r.cells.iter().enumerate().filter(|(_, c)| c.text().is_some_and(|s| s.chars().any(char::is_alphanumeric))).map(|(k, _)| k).collect();
        let speck_stt = r.cells.get(stt).and_then(|c| c.text()).is_none_or(|s| s.trim().chars().count() <= 2 && !s.chars().any(|c| c.is_ascii_digit()));
        let Some(title) = r.cells.get(title_col).and_then(|c| c.text()) else { continue };
        if !(speck_stt && filled.iter().all(|&k| k == title_col || k == stt) && title.trim().starts_with(char::is_uppercase)) {
            continue;
        }
        // The codes on either side, no section row between.
        let before = t.rows[..i].iter().enumerate().rev().take_while(|(k, _)| !sections.contains_key(k)).find_map(|(_, r)| top_code(r));
        let after = t.rows[i + 1..].iter().enumerate().take_while(|(k, _)| !sections.contains_key(&(i + 1 + k))).find_map(|(_, r)| top_code(r));
        if let (Some(b), Some(a)) = (before, after) {
            if a <= b && a <= 2 {
                out.push((i, title.trim().to_string(), b, a));
            }
        }
    }
    out
}

/// Section numerals and row codes of one table checked against their sequence (`codes`): the
/// sections' numerals, per-cell replacement texts, and the notes for the warnings.
struct CodeFixes {
    sections: std::collections::HashMap<usize, (Option<String>, String)>,
    cells: std::collections::HashMap<(usize, usize), Option<String>>,
    notes: std::collections::HashMap<usize, Vec<(&'static str, String)>>,
    section_notes: Vec<Warning>,
    /// Section rows to add after a row (a numeral read into its code cell).
    after: std::collections::HashMap<usize, (Option<String>, String)>,
}

fn code_fixes(t: &Table) -> CodeFixes {
    let mut f = CodeFixes { sections: Default::default(), cells: Default::default(), notes: Default::default(), section_notes: Vec::new(), after: Default::default() };
    for (i, r) in t.rows.iter().enumerate() {
        if let Some(s) = is_section_row(t, r) {
            f.sections.insert(i, s);
        }
    }
    for (i, title, before, after) in sections_without_numeral(t, &f.sections) {
        let page = t.rows[i].pages.first().copied();
        let msg = format!("row with a title only, where the codes start again ({before} before it, {after} after it): a section row whose numeral was not read");
        f.section_notes.push(Warning::new("section_restored", msg).at(page, None));
        f.sections.insert(i, (Some(String::new()), title));
    }
    for (i, read, numeral, title) in numerals_read_as_ones(t, &f.sections) {
        let page = t.rows[i].pages.first().copied();
        let msg = format!("section numeral read as {read:?} taken as {numeral}: the next row's code is {} too, and a code does not repeat", "1".repeat(numeral.len()));
        f.section_notes.push(Warning::new("section_restored", msg).at(page, None));
        f.sections.insert(i, (Some(numeral), title));
    }
    // Item codes: the STT column, or else the leading codes of the group and task cells.
    let mut entries: Vec<(usize, usize, codes::Entry)> = Vec::new();
    let stt = t.col("stt");
    let lead_cols: Vec<usize> = if stt.is_some() { Vec::new() } else { ["group", "task"].iter().filter_map(|r| t.col(r)).collect() };
    for (i, r) in t.rows.iter().enumerate() {
        if f.sections.contains_key(&i) {
            entries.push((i, usize::MAX, codes::Entry::Break));
            continue;
        }
        if r.cells.iter().all(|c| c.is_blank()) {
            continue;
        }
        if let Some(c) = stt {
            if let Some(Cell::Text(s)) = r.cells.get(c) {
                entries.push((i, c, codes::Entry::Stt(s)));
            }
        }
        for &c in &lead_cols {
            if let Some(s) = r.cells.get(c).and_then(|c| c.text()) {
                entries.push((i, c, codes::Entry::Lead(s)));
            }
        }
    }
    let outs = codes::restore(&entries.iter().map(|e| e.2).collect::<Vec<_>>());
    // Section rows in order: the rows read as sections, and those found inside a row code ("3 Hill").
    let mut sec_rows: Vec<(usize, bool)> = f.sections.keys().map(|&i| (i, false)).collect();
    for ((i, c, e), o) in entries.iter().zip(outs) {
        let raw = match e {
            codes::Entry::Stt(s) | codes::Entry::Lead(s) => s.trim(),
            codes::Entry::Break => "",
        };
        match o {
            codes::Outcome::Keep => {}
            codes::Outcome::Tidied(code) => {
                f.cells.insert((*i, *c), Some(code));
            }
            codes::Outcome::Restored { code, text, why } => {
                f.cells.insert((*i, *c), Some(text));
                let what = if raw.is_empty() { "row code missing".to_string() } else { format!("row code read as {raw:?}") };
                f.notes.entry(*i).or_default().push(("code_restored", format!("{what} taken as {code}: {why}")));
            }
            codes::Outcome::SectionAfter { code, why } => {
                f.cells.insert((*i, *c), Some(code.clone()));
                f.notes.entry(*i).or_default().push(("code_restored", format!("row code read as {raw:?} taken as {code}: {why}")));
                sec_rows.push((*i, true));
                f.after.insert(*i, (None, String::new()));
            }
            codes::Outcome::Unreadable => {
                f.cells.insert((*i, *c), None);
                f.notes.entry(*i).or_default().push(("code_unreadable", format!("row code read as {raw:?} is not a code and its neighbours do not fix it: the row has no code")));
            }
        }
    }
    sec_rows.sort();
    let raws: Vec<Option<String>> = sec_rows.iter().map(|&(i, after)| if after { Some(String::new()) } else { f.sections[&i].0.clone() }).collect();
    let outs = codes::restore_sections(&raws.iter().map(|r| r.as_deref()).collect::<Vec<_>>());
    for (k, o) in outs.into_iter().enumerate() {
        let (i, after) = sec_rows[k];
        let raw = raws[k].clone().unwrap_or_default();
        let page = t.rows[i].pages.last().copied();
        let sec = if after { f.after.get_mut(&i).unwrap() } else { f.sections.get_mut(&i).unwrap() };
        match o {
            codes::Outcome::Tidied(c) => sec.0 = Some(c),
            codes::Outcome::Restored { code, why, .. } => {
                sec.0 = Some(code.clone());
                let msg = if after {
                    format!("section row {code} lost: its numeral read into the row code {:?} above ({why}); the section has no title", t.rows[i].cells.get(stt.unwrap_or(0)).and_then(|c| c.text()).unwrap_or("").trim())
                } else if raw.is_empty() {
                    format!("section numeral not read, taken as {code}: {why}")
                } else {
                    format!("section numeral read as {raw:?} taken as {code}: {why}")
                };
                f.section_notes.push(Warning::new("section_restored", msg).at(page, None));
            }
            _ => {}
        }
    }
    // The numerals as now read count up by one (I, II, III …); one still out of that order is
    // said, not guessed at (a plan may lack a section; an OCR may have misread one beyond repair).
    let mut prev: Option<(String, u32)> = None;
    for &(i, after) in &sec_rows {
        let code = if after { &f.after[&i].0 } else { &f.sections[&i].0 };
        let Some((c, v)) = code.as_deref().and_then(|c| codes::roman_value(c).map(|v| (c.to_string(), v))) else { continue };
        if let Some((p, pv)) = &prev {
            if v != pv + 1 {
                let page = t.rows[i].pages.first().copied();
                f.section_notes.push(Warning::new("section_order", format!("section {c} does not follow section {p}")).at(page, None));
            }
        }
        prev = Some((c, v));
    }
    f
}

/// What an OCR reads from specks before a body line's first word ("' (20) Tỷ lệ …"; "_{8) …", the
/// brace for a parenthesis): never the start of a plan's line (`goals`).
const LEADING_SPECKS: &[char] = &['\'', '‘', '’', '`', '´', '"', '“', '”', '.', ',', '_', '~', '|', '{', '['];
/// Marks an English OCR reads from specks and rulings at the end of a cell ("31/12/2025:", "Phòng
/// Chuyển đổi số:", "tiếp theo-"). No deadline or unit list ends in one.
const TRAILING_SPECKS: &[char] = &[':', ';', ',', '.', '-', '_', '|', '—', '–', '~', '\'', '‘', '’', '`', '›', '‹'];

/// Byte length in `s` of its first `n` folded characters (`crate::rules::fold`: one per base letter,
/// one per run of whitespace).
pub(crate) fn byte_len_for_folded(s: &str, n: usize) -> usize {
    use unicode_normalization::UnicodeNormalization;
    let mut count = 0;
    let mut prev_space = true;
    for (i, c) in s.char_indices() {
        if count >= n {
            return i;
        }
        let base_chars = c.to_string().nfd().filter(|c| !crate::repair::is_combining(*c)).count();
        if c.is_whitespace() {
            if !prev_space {
                count += 1;
            }
            prev_space = true;
        } else {
            count += base_chars.max(1);
            prev_space = false;
        }
    }
    s.len()
}

/// `s` without the specks stuck to its end after a letter, digit, closing parenthesis or "%".
pub fn trim_trailing_speck(s: &str) -> &str {
    let t = s.trim_end();
    let before = t.trim_end_matches(|c: char| TRAILING_SPECKS.contains(&c) || c.is_whitespace());
    if before.len() < t.len() && before.chars().last().is_some_and(|b| b.is_alphanumeric() || b == ')' || b == '%') {
        before
    } else {
        t
    }
}

/// A free-text cell of an OCR table (task, output, KPI, note, content; group and section titles)
/// without what an English OCR reads from specks and rulings at the cell's right edge: trailing
/// tokens of marks alone ("-", "©", "=|"), and marks after the last word that no clean cell ends
/// with. The plans' own cells end in a letter, a digit, ".", ";", "%", ")", a closing quote or "…"
/// (every cell of the golden files), never in ":", "," or two marks ("ban hành..", "liên quan.:");
/// so a run of marks there is cut to its leading "." or ";" when it has one, else dropped. Marks
/// inside the text are left alone, but for a full stop after a word with a word in lower case after
/// it ("cơ quan chủ. trì"): no sentence of the plans starts in lower case (no cell of the golden
/// files has one), so it is a speck at a cell line's end, where the repair stage, which drops such a
/// stop within a line, does not see the next line.
pub fn mend_ocr_text(s: &str) -> String {
    const KEPT: &[char] = &['…', '%', ')', '"', '”', '»'];
    // ("Quyết định sơ" / "204-QĐ/TW" on two lines of the cell: "số", rules/documents.toml)
    let s = &crate::repair::ocr::mend_number_words(&crate::rules::Rules::get().documents, s);
    let unquoted = without_lone_quotes(s);
    let unquoted = without_inner_copyright_signs(&unquoted);
    // ("cơ quan chủ:" / "trì" on two lines of the cell, "giải - trình")
    let unquoted = crate::repair::ocr::without_specks_inside_words(&unquoted);
    let unstopped = without_speck_stops(&unquoted);
    // Trailing tokens without a letter or digit that no cell ends with.
    let mut t = without_trailing_marks(&unstopped, |last, _| last.chars().any(|c| KEPT.contains(&c)));
    // One letter or digit alone after a sentence's full stop ("trở lên. Z", "kèm theo. 3"), or two
    // letters in lower case ("liên quan. ne", "ban hành. là": no sentence starts in lower case):
    // a speck.
    if let Some((head, last)) = t.rsplit_once(' ') {
        let stop = head.strip_suffix('.').is_some_and(|h| h.chars().rev().take_while(|c| c.is_alphabetic()).count() >= 2);
        if stop && is_end_speck(last) {
            t = head;
        }
    }
    let body = t.trim_end_matches(|c: char| !c.is_alphanumeric() && !KEPT.contains(&c));
    let marks = &t[body.len()..];
    if body.is_empty() || marks.chars().count() <= 1 && !matches!(marks, ":" | ",") {
        return t.to_string();
    }
    match marks.chars().next() {
        Some(c @ ('.' | ';')) => format!("{body}{c}"),
        _ => body.to_string(),
    }
}

/// `s` without a "©" standing alone between two words ("về © thành phần"): an English model reads a
/// speck so (ten times in the aligned pairs of corpus/ocr, and a column's number "(2)" three
/// times, in headers), never a word of the plans.
fn without_inner_copyright_signs(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(" © ") {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = s.to_string();
    while let Some(i) = out.find(" © ") {
        out.replace_range(i..i + " ©".len(), "");
    }
    std::borrow::Cow::Owned(out)
}

/// `s` without its trailing tokens that hold no letter or digit (specks and rulings an OCR read at a
/// cell's edge) and that `keep`, given such a token and the text before it, does not keep; the
/// first token always stays.
pub(crate) fn without_trailing_marks(s: &str, keep: impl Fn(&str, &str) -> bool) -> &str {
    let mut t = s.trim_end();
    while let Some(i) = t.rfind(char::is_whitespace) {
        let (head, last) = (t[..i].trim_end(), t[i..].trim());
        if head.is_empty() || last.chars().any(char::is_alphanumeric) || keep(last, head) {
            break;
        }
        t = head;
    }
    t
}

/// `s` without a straight quote (' or ") that is the only one of its kind in it and is stuck to the
/// start or the end of a word ("\"Thiết bị", "'quả", "hóa'"): a speck the OCR read as a quote.
/// The plans' quotes come in pairs, curly or straight (every cell of the golden files).
fn without_lone_quotes(s: &str) -> std::borrow::Cow<'_, str> {
    let mut out = std::borrow::Cow::Borrowed(s);
    for q in ['"', '\''] {
        let t: &str = &out;
        let mut at = t.match_indices(q).map(|(i, _)| i);
        let (Some(i), None) = (at.next(), at.next()) else { continue };
        let before = t[..i].chars().next_back();
        let after = t[i + 1..].chars().next();
        let starts = before.is_none_or(char::is_whitespace) && after.is_some_and(char::is_alphanumeric);
        let ends = before.is_some_and(char::is_alphanumeric) && after.is_none_or(|c| c.is_whitespace() || matches!(c, ',' | ';' | '.' | ':'));
        if starts || ends {
            let mut owned = t.to_string();
            owned.remove(i);
            out = std::borrow::Cow::Owned(owned);
        }
    }
    out
}

/// `s` without the full stops that end a word of letters (two or more: "v.v." is no such word)
/// before a word in lower case, unless that word is the text's last and a speck of its own
/// ([`is_end_speck`], dropped by [`mend_ocr_text`] with the stop kept).
fn without_speck_stops(s: &str) -> std::borrow::Cow<'_, str> {
    let words: Vec<&str> = s.split(' ').collect();
    let speck = |k: usize| {
        let w = words[k].strip_suffix('.').unwrap_or("");
        let last = k + 2 == words.len();
        w.chars().count() >= 2 && w.chars().all(char::is_alphabetic) && words.get(k + 1).is_some_and(|n| n.starts_with(char::is_lowercase) && !(last && is_end_speck(n)))
    };
    if !(0..words.len()).any(speck) {
        return std::borrow::Cow::Borrowed(s);
    }
    let kept: Vec<&str> = (0..words.len()).map(|k| if speck(k) { &words[k][..words[k].len() - 1] } else { words[k] }).collect();
    std::borrow::Cow::Owned(kept.join(" "))
}

/// A cell's last token after a full stop that no sentence starts with: one letter or digit, or two
/// letters in lower case.
fn is_end_speck(w: &str) -> bool {
    let n = w.chars().count();
    (n == 1 && w.chars().all(char::is_alphanumeric)) || (n == 2 && w.chars().all(|c| c.is_alphabetic() && c.is_lowercase()))
}

/// `s` with its first letter in upper case.
fn capitalised(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) if f.is_lowercase() => f.to_uppercase().chain(cs).collect(),
        _ => s.to_string(),
    }
}

/// An OCR table's unit of measure: [`mend_ocr_text`] at its end, and no mark before its first
/// letter or "%" ("|%" for "%": a ruling read as a bar). Every unit of measure of the golden files
/// starts with a letter or "%" ("%/năm", "người/vạn dân", "Thứ bậc").
fn mend_ocr_unit(s: &str) -> String {
    mend_ocr_text(s.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '%'))
}

pub fn normalise(doc: TableDoc, rules: &Rules) -> NormalDoc {
    let plan = meta::extract(&doc.body, rules);
    let matcher = units::UnitMatcher::new(rules, plan.issuer.as_deref());
    let mut out = NormalDoc { plan, tables: Vec::new(), goals: goals::extract(&doc.body), page_count: doc.page_count, producer: doc.producer.clone(), doubts: doc.doubts.clone() };
    for t in &doc.tables {
        let info = TableInfo {
            title: t.title(),
            pages: t.pages.clone(),
            columns: t.headers.iter().zip(&t.roles).map(|(h, r)| Column { header: h.split_whitespace().collect::<Vec<_>>().join(" "), role: r.clone() }).collect(),
        };
        let has_group = t.col("group").is_some();
        let mut fixes = code_fixes(t);
        let mut rows = Vec::new();
        for (ri, r) in t.rows.iter().enumerate() {
            if let Some((code, title)) = fixes.sections.remove(&ri) {
                let title = if t.ocr { mend_ocr_text(&title) } else { title };
                rows.push(NormRow::Section(Coded { code, title }));
                continue;
            }
            if r.cells.iter().all(|c| c.is_blank()) {
                continue;
            }
            // The row with its code cells as the sequence reads them.
            let fixed;
            let r = if fixes.cells.keys().any(|k| k.0 == ri) {
                let mut x = r.clone();
                for (&(_, c), txt) in fixes.cells.iter().filter(|(k, _)| k.0 == ri) {
                    x.cells[c] = Cell::Text(txt.clone().unwrap_or_default());
                }
                fixed = x;
                &fixed
            } else {
                r
            };
            let mut unknown = Vec::new();
            let mut unit_list = |role: &str| -> Vec<Unit> {
                match text_of(t, r, role).map(|s| if t.ocr { trim_trailing_speck(&s).to_string() } else { s }) {
                    Some(txt) => {
                        let (mut us, unk) = matcher.units(&txt);
                        unknown.extend(unk);
                        if t.ocr {
                            for (k, u) in us.iter_mut().enumerate() {
                                if let Some(raw) = matcher.mend_ocr(u) {
                                    u.raw = raw;
                                }
                                u.raw = trim_trailing_speck(&u.raw).to_string();
                                // A cell starts with a capital, and a named unit is a name: only a
                                // collective one further on continues a sentence in lower case
                                // ("Sở Tư pháp và các sở, ngành"). An OCR tells "s" from "S" and
                                // "c" from "C" by size alone ("sở Khoa học").
                                if k == 0 || (u.id.is_some() && !u.collective) {
                                    u.raw = capitalised(&u.raw);
                                }
                            }
                        }
                        us
                    }
                    None => Vec::new(),
                }
            };
            let lead = unit_list("lead");
            let support = unit_list("support");
            let group = match t.col("group") {
                None => GroupCell::None,
                Some(c) => match &r.cells[c] {
                    Cell::Covered => GroupCell::Covered,
                    Cell::Text(s) if s.trim().is_empty() => GroupCell::Covered,
                    Cell::Text(s) => GroupCell::Text(if t.ocr { mend_ocr_text(s) } else { s.clone() }),
                },
            };
            let free_text = |role: &str| text_of(t, r, role).map(|s| if t.ocr { mend_ocr_text(&s) } else { s });
            let deadline_cell = text_of(t, r, "deadline").map(|s| s.replace('\n', " "));
            let item = Item {
                stt: text_of(t, r, "stt").map(|s| s.trim().trim_end_matches('.').to_string()),
                group,
                task: free_text("task"),
                output: free_text("output"),
                kpi: free_text("kpi"),
                note: free_text("note"),
                content: free_text("content"),
                unit_of_measure: text_of(t, r, "unit_of_measure").map(|s| s.replace('\n', " ")).map(|s| if t.ocr { mend_ocr_unit(&s) } else { s }).filter(|s| !s.is_empty()),
                lead,
                support,
                deadline: deadline_cell.clone().map(|s| if t.ocr { deadline::mend_ocr(&s) } else { s }).and_then(|s| deadline::parse(&s)),
                target: text_of(t, r, "target").map(|s| s.replace('\n', " ")).map(|s| if t.ocr { target::mend_ocr(&s) } else { s }).and_then(|s| target::parse(&s)),
                pages: r.pages.clone(),
                unknown_units: unknown,
                notes: fixes.notes.remove(&ri).unwrap_or_default(),
            };
            let mut item = item;
            // What the table stage mended in the row (a header's column number read into a cell).
            item.notes.extend(r.notes.iter().cloned());
            // (the numeral as the cell gave it: the OCR mend writes the one it takes)
            if let (Some(d), Some(n)) = (&item.deadline, deadline_cell.as_deref().and_then(deadline::stroke_numeral)) {
                if d.kind != "text" {
                    let q = deadline::quarter_numeral(d).unwrap_or_default();
                    item.notes.push(("deadline_guessed", format!("quarter numeral read as {n:?} taken as {q}: OCR strokes, check the page")));
                }
            }
            rows.push(NormRow::Item(Box::new(item)));
            if let Some((code, title)) = fixes.after.remove(&ri) {
                let title = if t.ocr { mend_ocr_text(&title) } else { title };
                rows.push(NormRow::Section(Coded { code, title }));
            }
        }
        out.tables.push(NormTable { kind: t.kind, info, has_group, has_stt: t.col("stt").is_some(), rows, notes: fixes.section_notes });
    }
    let ocr: Vec<bool> = doc.tables.iter().map(|t| t.ocr).collect();
    restore_appendix_numerals(&mut out.tables, &ocr);
    // The goals of a plan whose tables were read from an OCR text layer are OCR text too: their
    // sentences end as the plans' do ("trở lên. Z", "100%..").
    if ocr.iter().any(|&o| o) {
        for g in &mut out.goals {
            g.content = mend_ocr_text(&g.content);
        }
    }
    out
}

/// A title "Phụ lục N" split into its words before the numeral, the numeral token as read (marks
/// after it dropped) and its value when it is one.
fn appendix_numeral(title: &str) -> Option<(&str, &str, Option<u32>)> {
    let t = title.trim_end();
    let mut words = t.split_whitespace();
    let (a, b, n) = (words.next()?, words.next()?, words.next()?);
    if words.next().is_some() || crate::rules::fold(&format!("{a} {b}")) != "phu luc" {
        return None;
    }
    let token = n.trim_end_matches(|c: char| !c.is_alphanumeric());
    let head = t[..t.len() - n.len()].trim_end();
    Some((head, token, codes::roman_value(token)))
}

/// OCR tables' appendix titles in sequence: the appendices of a plan count up from I, so a
/// numeral that repeats or goes back, where the next one is one letter away, is that one ("Phụ lục
/// I" after I → II; "II." after II → III), with a `title_restored` warning. A numeral that skips
/// ahead, or one more than a letter away, is kept. Marks after an OCR title's numeral are dropped.
/// Born-digital titles are never touched.
fn restore_appendix_numerals(tables: &mut [NormTable], ocr: &[bool]) {
    let mut prev: Option<u32> = None;
    for (t, &is_ocr) in tables.iter_mut().zip(ocr) {
        let Some((head, token, value)) = appendix_numeral(&t.info.title) else { continue };
        let (head, token) = (head.to_string(), token.to_string());
        let mut value = value;
        if is_ocr {
            if let Some(p) = prev.filter(|&p| value.is_none_or(|v| v <= p)) {
                let next = codes::roman(p + 1);
                if strsim::levenshtein(&token, &next) == 1 {
                    let msg = format!("appendix numeral read as {token:?} taken as {next}: the appendix before it is {}", codes::roman(p));
                    t.notes.push(Warning::new("title_restored", msg).at(t.info.pages.first().copied(), None));
                    value = Some(p + 1);
                }
            }
            if let Some(v) = value {
                t.info.title = format!("{head} {}", codes::roman(v));
            }
        }
        prev = value.or(prev);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appendix_numerals_count_up_in_ocr_tables() {
        let table = |title: &str| NormTable { kind: TableKind::Task, info: TableInfo { title: title.into(), pages: vec![3], columns: Vec::new() }, has_group: false, has_stt: false, rows: Vec::new(), notes: Vec::new() };
        let titles = |ts: &[NormTable]| ts.iter().map(|t| t.info.title.clone()).collect::<Vec<_>>();
        // 001-scan: "Phụ lục II" read "I", "Phụ lục III" read "II."
        let mut ts = vec![table("Phụ lục I"), table("Phụ lục I"), table("Phụ lục II.")];
        restore_appendix_numerals(&mut ts, &[true, true, true]);
        assert_eq!(titles(&ts), ["Phụ lục I", "Phụ lục II", "Phụ lục III"]);
        assert_eq!(ts[1].notes[0].code, "title_restored");
        assert!(ts[0].notes.is_empty());
        // A numeral that skips ahead is kept; one more than a letter away too; born-digital untouched.
        let mut ts = vec![table("Phụ lục I"), table("Phụ lục III"), table("PHỤ LỤC"), table("Phụ lục V")];
        restore_appendix_numerals(&mut ts, &[true, true, true, true]);
        assert_eq!(titles(&ts), ["Phụ lục I", "Phụ lục III", "PHỤ LỤC", "Phụ lục V"]);
        let mut ts = vec![table("Phụ lục II"), table("Phụ lục II")];
        restore_appendix_numerals(&mut ts, &[false, false]);
        assert_eq!(titles(&ts), ["Phụ lục II", "Phụ lục II"]);
        assert!(ts.iter().all(|t| t.notes.is_empty()));
    }

    #[test]
    fn ocr_cells_end_as_the_plans_cells_end() {
        for (ocr, want) in [
            ("giải quyết TTHC:", "giải quyết TTHC"),
            ("liên quan.:", "liên quan."),
            ("ban hành..", "ban hành."),
            ("trước 31/12/2025.,", "trước 31/12/2025."),
            ("ban hành.;", "ban hành."),
            ("sáng tạo,", "sáng tạo"),
            ("quả TTHC -", "quả TTHC"),
            ("công cụ =|", "công cụ"),
            ("Nghị quyết ¢", "Nghị quyết"),
            ("đạt từ 70% trở lên. Z", "đạt từ 70% trở lên."),
            ("kèm theo. 3", "kèm theo."),
            ("Giai đoạn 2", "Giai đoạn 2"),
            ("Mục 1. a", "Mục 1. a"),
            ("cơ quan chủ. trì ký nháy.", "cơ quan chủ trì ký nháy."),
            ("các tài liệu v.v. khác", "các tài liệu v.v. khác"),
            ("hồ sơ. Sở", "hồ sơ. Sở"),
            ("thẩm quyền ban hành. k", "thẩm quyền ban hành."),
            ("thẩm quyền ban hành. là", "thẩm quyền ban hành."),
            ("địa phương liên quan. ne", "địa phương liên quan."),
            ("địa phương liên quan. Sở", "địa phương liên quan. Sở"),
            // a "©" alone between two words is a speck
            ("dữ liệu về © thành phần hồ sơ", "dữ liệu về thành phần hồ sơ"),
            ("tập đoàn © © công nghệ", "tập đoàn công nghệ"),
            // what a clean cell ends with stays
            ("được ban hành.", "được ban hành."),
            ("thông tin;", "thông tin;"),
            ("đạt 100%.", "đạt 100%."),
            ("(PII)", "(PII)"),
            ("VNeID …", "VNeID …"),
            ("kỹ năng số”.", "kỹ năng số”."),
            // a lone straight quote stuck to a word is a speck; quotes in pairs are the plan's
            ("\"Thiết bị được mua sắm", "Thiết bị được mua sắm"),
            ("Kết 'quả thực hiện", "Kết quả thực hiện"),
            ("số hóa' dữ liệu", "số hóa dữ liệu"),
            ("chuyên đề \"Đảng viên tiên phong\" trong", "chuyên đề \"Đảng viên tiên phong\" trong"),
            ("dấu \" giữa", "dấu \" giữa"),
            ("a: b, c", "a: b, c"),
            ("-", "-"),
            ("", ""),
        ] {
            assert_eq!(mend_ocr_text(ocr), want, "{ocr:?}");
        }
    }

    /// An OCR table's unit of measure starts with a letter or "%"; its end is mended as free text's.
    #[test]
    fn ocr_units_of_measure() {
        for (ocr, want) in [("|%", "%"), ("_ người/vạn dân", "người/vạn dân"), ("%/năm", "%/năm"), ("Thứ bậc ,", "Thứ bậc"), ("% GRDP", "% GRDP"), ("|", "")] {
            assert_eq!(mend_ocr_unit(ocr), want, "{ocr:?}");
        }
    }

    #[test]
    fn codes_split_from_titles() {
        assert_eq!(split_code("1.1 Rà soát, đề xuất"), (Some("1.1".into()), "Rà soát, đề xuất".into()));
        assert_eq!(split_code("5.1. Hoàn thành"), (Some("5.1".into()), "Hoàn thành".into()));
        assert_eq!(split_code("1. Ban hành hoặc"), (Some("1".into()), "Ban hành hoặc".into()));
        assert_eq!(split_code("Tham mưu Thường trực"), (None, "Tham mưu Thường trực".into()));
        assert_eq!(split_code("01 dự thảo Nghị quyết").0, None);
        assert_eq!(split_code("100% giấy tờ").0, None);
        assert_eq!(split_code("2026 - 2030 kế hoạch").0, None);
        assert_eq!(split_roman("I. Về chuyển đổi số"), Some(("I".into(), "Về chuyển đổi số".into())));
        assert!(is_roman("IV"));
        assert!(!is_roman("Ia"));
    }

    #[test]
    fn the_table_stages_notes_become_the_rows_warnings() {
        // A header's column number the table stage dropped from a cell (`tables::Row::notes`).
        let mut t = table_of(&["stt", "task", "deadline"], &[&["1", "Xây dựng Đề án", "Quý II/2026"]]);
        t.rows[0].notes.push(("header_number_in_cell", "column 2: the header's column number \"(2)\" read into the cell, dropped".into()));
        let doc = TableDoc { tables: vec![t], ..Default::default() };
        let n = normalise(doc, Rules::get());
        let NormRow::Item(item) = &n.tables[0].rows[0] else { panic!("not an item") };
        assert_eq!(item.notes.iter().map(|n| n.0).collect::<Vec<_>>(), ["header_number_in_cell"]);
    }

    fn table_of(roles: &[&str], cells: &[&[&str]]) -> Table {
        Table {
            kind: crate::tables::TableKind::Task,
            heading: Vec::new(),
            headers: roles.iter().map(|r| r.to_string()).collect(),
            roles: roles.iter().map(|r| r.to_string()).collect(),
            rows: cells.iter().map(|r| Row { cells: r.iter().map(|c| Cell::Text(c.to_string())).collect(), full_width: false, pages: vec![1], notes: Vec::new() }).collect(),
            pages: vec![1],
            ocr: false,
        }
    }

    #[test]
    fn an_ocr_tables_deadline_and_unit_cells_lose_their_specks() {
        let cells: &[&[&str]] = &[&["1", "Xây dựng kế hoạch", "Phòng Chuyển đổi số:", "Quy TV/2026:"]];
        let roles = ["stt", "task", "lead", "deadline"];
        let item = |ocr: bool| {
            let t = Table { ocr, ..table_of(&roles, cells) };
            let n = normalise(TableDoc { tables: vec![t], ..Default::default() }, Rules::get());
            let NormRow::Item(item) = &n.tables[0].rows[0] else { panic!("not an item") };
            (item.lead.iter().map(|u| u.raw.clone()).collect::<Vec<_>>(), item.deadline.as_ref().map(|d| d.raw.clone()))
        };
        assert_eq!(item(true), (vec!["Phòng Chuyển đổi số".to_string()], Some("Quý IV/2026".to_string())));
        // A born-digital table's cells are the document's text, kept as they are.
        assert_eq!(item(false), (vec!["Phòng Chuyển đổi số:".to_string()], Some("Quy TV/2026:".to_string())));
    }

    /// An OCR table's units start with a capital, as a cell and a name do, but for a collective
    /// unit continuing the cell's sentence in lower case; a born-digital table's are as printed.
    #[test]
    fn an_ocr_tables_units_are_capitalised_as_names() {
        let roles = ["stt", "task", "lead", "support"];
        let raws = |ocr: bool, lead: &str, support: &str| {
            let cells: &[&[&str]] = &[&["1", "Xây dựng kế hoạch", lead, support]];
            let t = Table { ocr, ..table_of(&roles, cells) };
            let n = normalise(TableDoc { tables: vec![t], ..Default::default() }, Rules::get());
            let NormRow::Item(item) = &n.tables[0].rows[0] else { panic!("not an item") };
            item.lead.iter().chain(&item.support).map(|u| u.raw.clone()).collect::<Vec<_>>()
        };
        assert_eq!(raws(true, "sở Khoa học và Công nghệ", "Sở Tài chính, sở Tư pháp và các sở, ngành, địa phương"), ["Sở Khoa học và Công nghệ", "Sở Tài chính", "Sở Tư pháp", "các sở, ngành, địa phương"]);
        assert_eq!(raws(true, "Sở Khoa học và Công nghệ", "các sở, ngành, địa phương"), ["Sở Khoa học và Công nghệ", "Các sở, ngành, địa phương"]);
        assert_eq!(raws(false, "sở Khoa học và Công nghệ", "các sở, ngành, địa phương"), ["sở Khoa học và Công nghệ", "các sở, ngành, địa phương"]);
    }

    /// A quarter numeral an OCR read in strokes or with a stroke lost is taken for the quarter it
    /// can be and warned (`deadline_guessed`); one read right is not.
    #[test]
    fn a_guessed_quarter_numeral_is_warned() {
        let roles = ["stt", "task", "lead", "deadline"];
        let read = |ocr: bool, deadline: &str| {
            let cells: &[&[&str]] = &[&["1", "Xây dựng kế hoạch", "Sở Tư pháp", deadline]];
            let t = Table { ocr, ..table_of(&roles, cells) };
            let n = normalise(TableDoc { tables: vec![t], ..Default::default() }, Rules::get());
            let NormRow::Item(item) = &n.tables[0].rows[0] else { panic!("not an item") };
            let d = item.deadline.clone().unwrap();
            (d.kind, d.start, item.notes.iter().any(|(code, _)| *code == "deadline_guessed"))
        };
        assert_eq!(read(true, "Quy 11/2026"), ("quarter".to_string(), Some("2026-04-01".to_string()), true));
        assert_eq!(read(true, "Quy V/2026"), ("quarter".to_string(), Some("2026-10-01".to_string()), true));
        assert_eq!(read(true, "Quy IV/2026"), ("quarter".to_string(), Some("2026-10-01".to_string()), false));
        // printed text is read as printed: no quarter V
        assert_eq!(read(false, "Quý V/2026").0, "text");
    }

    #[test]
    fn trailing_specks() {
        assert_eq!(trim_trailing_speck("Sở Nội vụ;"), "Sở Nội vụ");
        assert_eq!(trim_trailing_speck("30/9/2025 (đã thực hiện).-"), "30/9/2025 (đã thực hiện)");
        // (OCRmyPDF's Vietnamese-model layer of 003: "Thường xuyên ›"; a "+" may be a target's own)
        assert_eq!(trim_trailing_speck("Thường xuyên ›"), "Thường xuyên");
        assert_eq!(trim_trailing_speck("100+"), "100+");
        // Only after a word: a lone mark, or one after a space and a mark, stays.
        assert_eq!(trim_trailing_speck("-"), "-");
        assert_eq!(trim_trailing_speck("“Sở”."), "“Sở”.");
    }

    #[test]
    fn a_title_alone_where_the_codes_start_again_is_a_section_row() {
        // OCRmyPDF's Vietnamese-model layer of 001, Phụ lục III: section III's numeral not read at
        // all, its row a speck and its title; the codes after it start again.
        let roles = ["stt", "task", "lead", "deadline"];
        let cells: &[&[&str]] = &[
            &["I", "Nâng cao nhận thức", "", ""],
            &["1", "Xây dựng Đề án", "Văn phòng", "Năm 2026"],
            &["2", "Tổ chức hội nghị", "Văn phòng", "Năm 2026"],
            &["II", "Hoàn thiện thể chế", "", ""],
            &["1", "Ban hành quy chế", "Văn phòng", "Năm 2026"],
            &["„", "Thúc đẩy chuyển đổi số trong các ngành", "", ""],
            &["1", "Xếp hạng chỉ số DTI", "Phòng Chuyển đổi số", "Năm 2026"],
            &["2", "Chỉ số PII", "Phòng Đổi mới sáng tạo", "Năm 2026"],
        ];
        let refs = |ocr: bool| {
            let t = Table { ocr, ..table_of(&roles, cells) };
            let n = normalise(TableDoc { tables: vec![t], ..Default::default() }, Rules::get());
            n.tables[0].rows.iter().map(|r| match r { NormRow::Section(s) => s.code.clone().unwrap_or_else(|| "-".into()), NormRow::Item(i) => i.stt.clone().unwrap_or_default() }).collect::<Vec<_>>()
        };
        assert_eq!(refs(true), ["I", "1", "2", "II", "1", "III", "1", "2"]);
        // Not in a born-digital table (its rows are as printed), and not where the codes go on.
        assert_ne!(refs(false)[5], "III");
        let t = Table { ocr: true, ..table_of(&roles, &[cells[0], cells[1], cells[5], &["3", "Họp", "Văn phòng", "Năm 2026"]]) };
        assert!(sections_without_numeral(&t, &Default::default()).is_empty());
    }

    #[test]
    fn section_rows_with_a_speck_or_an_ocr_numeral() {
        // 001-scan page 8: "LÍ" | title | "-" (a speck in the output column) is still a section row.
        let t = table_of(&["stt", "task", "lead", "output"], &[&["LÍ", "Nâng cao nhận thức", "", "-"]]);
        assert_eq!(is_section_row(&t, &t.rows[0]), Some((Some("LÍ".into()), "Nâng cao nhận thức".into())));
        // A real item is not: its code, its title and a unit.
        let t = table_of(&["stt", "task", "lead", "output"], &[&["1", "Xây dựng Đề án", "Văn phòng", "-"]]);
        assert_eq!(is_section_row(&t, &t.rows[0]), None);
        // 002-scan page 11: "HỊ. Hoàn thiện thể chế" alone in the first column.
        let t = table_of(&["group", "task", "lead"], &[&["HỊ. Hoàn thiện thể chế", "", ""]]);
        assert_eq!(is_section_row(&t, &t.rows[0]), Some((Some("HỊ".into()), "Hoàn thiện thể chế".into())));
    }

    /// Section numerals still out of order once read are said at their page; in order, or a table
    /// starting at any numeral, they are not.
    #[test]
    fn sections_out_of_order_are_said() {
        let roles = ["stt", "task", "lead", "deadline"];
        let order = |numerals: &[&str]| {
            let mut rows: Vec<[String; 4]> = Vec::new();
            for n in numerals {
                rows.push([n.to_string(), "Về chuyển đổi số".into(), String::new(), String::new()]);
                rows.push(["1".into(), "Xây dựng Đề án".into(), "Sở Tư pháp".into(), "Năm 2026".into()]);
            }
            let cells: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
            let cells: Vec<&[&str]> = cells.iter().map(Vec::as_slice).collect();
            let mut t = table_of(&roles, &cells);
            for (k, r) in t.rows.iter_mut().enumerate() {
                r.pages = vec![3 + k as u32 / 2];
            }
            code_fixes(&t).section_notes.into_iter().filter(|w| w.code == "section_order").map(|w| (w.message, w.page)).collect::<Vec<_>>()
        };
        assert_eq!(order(&["I", "V", "X"]), [("section V does not follow section I".to_string(), Some(4)), ("section X does not follow section V".to_string(), Some(5))]);
        assert!(order(&["II", "III", "IV"]).is_empty());
    }

    /// 000 scanned with a Vietnamese-model OCR layer: section I read "1.", and group 1 under it.
    #[test]
    fn a_section_numeral_read_as_ones_is_told_by_the_code_after_it() {
        let rows: &[&[&str]] = &[&["1. Về chuyển đổi số", "", ""], &["1. Ban hành hoặc tham mưu", "1.1 Rà soát", "Sở ngành"], &["", "1.2 Tổng hợp", "Công an tỉnh"], &["2. Bảo đảm bố trí", "2.1 Đào tạo", "Sở Nội vụ"]];
        let t = table_of(&["group", "task", "lead"], rows);
        let f = code_fixes(&t);
        assert_eq!(f.sections.get(&0), Some(&(Some("I".to_string()), "Về chuyển đổi số".to_string())));
        assert_eq!(f.sections.len(), 1);
        assert!(f.section_notes[0].message.contains("\"1.\" taken as I"), "{:?}", f.section_notes);
        // 001's Phụ lục II: "1" in the STT column, the title beside it, and item 1 next.
        let rows: &[&[&str]] = &[&["1", "Nâng cao nhận thức", "", ""], &["1", "Xây dựng Đề án", "Phòng Khoa học và Công nghệ", "Năm 2026"], &["2", "Tham mưu", "Phòng Khoa học và Công nghệ", "Năm 2026"]];
        let t = table_of(&["stt", "task", "lead", "deadline"], rows);
        assert_eq!(code_fixes(&t).sections.get(&0), Some(&(Some("I".to_string()), "Nâng cao nhận thức".to_string())));
        // 001's Phụ lục III: a speck "l" in the deadline column, and item 1 read "lÌ".
        let rows: &[&[&str]] = &[&["1", "Hoàn thiện thể chế", "", "l"], &["lÌ", "Xây dựng Chương trình", "Sở Khoa học và Công nghệ", "Quý I/2026"], &["2", "Xây dựng cơ chế", "Sở Tư pháp", "Năm 2026"]];
        let t = table_of(&["stt", "task", "lead", "deadline"], rows);
        assert_eq!(code_fixes(&t).sections.get(&0), Some(&(Some("I".to_string()), "Hoàn thiện thể chế".to_string())));
        // A group of its own (the next code is 2, or 1.1 in the task column of its own row's
        // successor) stays a group.
        for next in [&["2. Bảo đảm bố trí", "2.1 Đào tạo", "Sở Nội vụ"][..], &["", "1.1 Rà soát", "Sở ngành"][..]] {
            let t = table_of(&["group", "task", "lead"], &[&["1. Về chuyển đổi số", "", ""], next]);
            assert!(code_fixes(&t).sections.is_empty(), "{next:?}");
        }
    }
}
