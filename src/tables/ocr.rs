//! Tables of scanned pages (issue 8): an OCR text layer gives words with boxes but no ruling lines.
//!
//! The table's rules are inferred from the words and handed to the grid builder as segments, so that
//! a scanned table then goes through exactly the reassembly of a born-digital one (merged cells,
//! header rows repeated on every page, rows split by a page break).
//!
//! - Columns: the gutters between them, found as x ranges that (almost) no text row of the table
//!   covers (cells wrap inside their column, so the gaps between columns stay empty from row to row);
//!   punctuation-only words (a ruling line read as "|" or ":") do not count.
//! - The header row: the first band whose text, column by column, matches the header synonyms
//!   (`rules/headers.toml`, compared folded and with a small edit distance, for OCR errors). Its
//!   height is measured on the table's first page, where the first body row starts with a code or a
//!   section numeral, and reused on the pages that repeat the header.
//! - Rows: a row starts where a row code stands at a line start in the STT, group, task or content
//!   column ("2.3", "5.", "II"), or where two or more columns start a new cell together (a line
//!   preceded by a gap wider than a line in its column). A merged group cell gets no rule where its
//!   column starts nothing.
//! - A row whose one line of text runs across a gutter is a full-width section row.
//!
//! Nothing is invented: a row code OCR split or lost only moves a row boundary, and the structure
//! checks of the records stage warn about it.

use rustc_hash::FxHashMap;
use super::{code_start_ocr, header_roles_texts_with, is_roman_start, ocr_section_numeral, TableKind};
use crate::normalise::codes::{is_marked_i, is_stroke};
use crate::layout::LayoutPage;
use crate::pdf::{Segment, Word};
use crate::rules::Rules;

/// What one table page tells the next (the column boundaries), and what `segments` read on this
/// page's header band (the table kind and the column roles, for the grid stage to use as they are).
#[derive(Debug, Clone, Default)]
pub struct OcrState {
    pub xs: Option<Vec<f64>>,
    /// The header band's words (folded) and height as read on the table's first page.
    pub header_words: Vec<String>,
    pub header_height: Option<f64>,
    /// The table kind and roles read on the previous table page.
    pub prev: Option<(TableKind, Vec<String>)>,
    pub header: Option<(TableKind, Vec<String>)>,
    /// The header reading of each band's cell texts, and of each cell text alone, kept for the
    /// document's later pages (a band's texts recur: two passes, two column sets, two readings, the
    /// header repeated on every page).
    roles_memo: FxHashMap<Vec<String>, Option<(TableKind, Vec<String>)>>,
    text_memo: super::HeaderTextMemo,
}

impl OcrState {
    /// Forgets the table read so far (no table open), keeping the header readings worked out.
    pub fn reset(&mut self) {
        *self = OcrState { roles_memo: std::mem::take(&mut self.roles_memo), text_memo: std::mem::take(&mut self.text_memo), ..OcrState::default() };
    }
}

/// A text row: words on one baseline across the page.
struct TextRow<'a> {
    words: Vec<&'a Word>,
    top: f64,
    bottom: f64,
    baseline: f64,
}

fn text_rows(words: &[Word]) -> Vec<TextRow<'_>> {
    let mut ws: Vec<&Word> = words.iter().collect();
    ws.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    let mut rows: Vec<Vec<&Word>> = Vec::new();
    for w in ws {
        match rows.last_mut() {
            Some(r) if (w.baseline - r.iter().map(|x| x.baseline).sum::<f64>() / r.len() as f64).abs() < 0.4 * w.size => r.push(w),
            _ => rows.push(vec![w]),
        }
    }
    rows.into_iter()
        .map(|mut r| {
            r.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let top = r.iter().map(|w| w.top).fold(f64::MAX, f64::min);
            let bottom = r.iter().map(|w| w.bottom).fold(f64::MIN, f64::max);
            let baseline = r.iter().map(|w| w.baseline).sum::<f64>() / r.len() as f64;
            TextRow { words: r, top, bottom, baseline }
        })
        .collect()
}

fn is_punct(w: &Word) -> bool {
    !w.text.chars().any(|c| c.is_alphanumeric())
}

/// Column boundaries of the text rows given (the rows below a header band): [left, gutter, …, right].
/// No boundary cuts through a phrase of `whole` (the header band: a header cell's text stays within
/// its column). The header's own rows are not counted: their centred texts would split a gutter in
/// two, or fill it.
fn columns(rows: &[TextRow], width: f64, whole: &[TextRow], pitch: Option<f64>) -> Vec<f64> {
    let n = width.max(1.0).ceil() as usize + 2;
    let mut cover = vec![0usize; n];
    let (mut lo, mut hi) = (f64::MAX, f64::MIN);
    // (A section row is one cell merged across the table, its title over the gutters: OCRmyPDF's
    // deskewed 002, page 11, where "I. Nâng cao … đổi mới tư duy" and one word run across a
    // ruling made two rows of 27 over the gutter between the group and task columns, and the
    // page lost that gutter. Its words still count for the table's extent.)
    for r in rows {
        let mut seen = vec![false; n];
        let section = starts_with_section_numeral(r);
        for w in r.words.iter().filter(|w| !is_punct(w)) {
            lo = lo.min(w.x0);
            hi = hi.max(w.x1);
            if section {
                continue;
            }
            let (a, b) = ((w.x0.max(0.0) as usize).min(n - 1), (w.x1.max(0.0).ceil() as usize).min(n - 1));
            for s in seen.iter_mut().take(b + 1).skip(a) {
                *s = true;
            }
        }
        for (c, s) in cover.iter_mut().zip(seen) {
            *c += s as usize;
        }
    }
    if lo >= hi {
        return Vec::new();
    }
    // The header band's phrases: its words joined across ordinary word spaces (0.6 em).
    let mut phrases: Vec<(f64, f64)> = Vec::new();
    for r in whole {
        let mut ws: Vec<&&Word> = r.words.iter().filter(|w| !is_punct(w)).collect();
        ws.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        for w in ws {
            match phrases.last_mut() {
                Some(p) if p.0 <= w.x0 && w.x0 - p.1 < 0.6 * w.size => p.1 = p.1.max(w.x1),
                _ => phrases.push((w.x0, w.x1)),
            }
        }
    }
    // (The em is the words' median size, or the one the page's line pitch gives when that is
    // larger: an OCR layer may set a line smaller than its text, 8.3 pt for 11-pt text in
    // OCRmyPDF's deskewed 001, and the space after every lead cell's "Phòng" was then a gutter.)
    let em = median(rows.iter().flat_map(|r| r.words.iter().map(|w| w.size)).collect()).unwrap_or(10.0).max(pitch.map_or(0.0, |p| p / crate::pdf::OCR_PITCH_PER_SIZE));
    let gutter = em * 0.8 + 1.0;
    let limit = ((rows.len() as f64) * 0.04).floor() as usize;
    let mut xs = vec![lo - 3.0];
    let mut x = lo as usize;
    let end = hi as usize;
    while x < end {
        if cover[x] <= limit {
            let start = x;
            while x < end && cover[x] <= limit {
                x += 1;
            }
            // A gutter is at least 4 pt wide; the boundary sits just left of the next column's text.
            // The boundary sits just left of the next column's text; a header phrase over it
            // means the gap is inside one column (body text aligned left under a centred header).
            let b = x as f64 - 2.0;
            let cut = phrases.iter().any(|&(x0, x1)| x0 + 0.5 < b && b < x1 - 0.5);
            // A gutter is wider than a word space (OCR word boxes are tight to the ink, so a space
            // measures up to 0.8 em: "Phông | Chuyển", repeated in every row of a lead column).
            if (x - start) as f64 >= gutter && x < end && !cut {
                xs.push(b);
            }
        } else {
            x += 1;
        }
    }
    xs.push(hi + 3.0);
    // A header cell right of every body word heads a column left empty ("Ghi chú" over a table
    // with no note): its words (of letters, two or more) make one more column.
    let beyond: Vec<&&Word> = whole.iter().flat_map(|r| r.words.iter()).filter(|w| w.x0 > hi + gutter && w.text.chars().filter(|c| c.is_alphabetic()).count() >= 2).collect();
    if !beyond.is_empty() {
        let (x0, x1) = beyond.iter().fold((f64::MAX, f64::MIN), |(a, b), w| (a.min(w.x0), b.max(w.x1)));
        *xs.last_mut().unwrap() = x0 - 2.0;
        xs.push(x1 + 3.0);
    }
    // Drop slivers (a column narrower than 12 pt is noise between two gutters).
    let mut out: Vec<f64> = Vec::new();
    for x in xs {
        match out.last() {
            Some(&l) if x - l < 12.0 && out.len() > 1 => {
                *out.last_mut().unwrap() = x;
            }
            _ => out.push(x),
        }
    }
    out
}

fn col_of(xs: &[f64], x: f64) -> usize {
    let nc = xs.len() - 1;
    xs.iter().rposition(|&b| b <= x).unwrap_or(0).min(nc - 1)
}

/// The texts of the columns over a band of rows (lines joined by spaces): the words as repaired, or
/// (`raw`) as the text layer gave them (`Word::raw`).
fn band_texts(rows: &[TextRow], xs: &[f64], raw: bool) -> Vec<String> {
    let mut t = vec![String::new(); xs.len() - 1];
    for r in rows {
        for w in &r.words {
            let c = col_of(xs, w.cx());
            if !t[c].is_empty() {
                t[c].push(' ');
            }
            t[c].push_str(if raw { as_read(w) } else { &w.text });
        }
    }
    t
}

/// A word as the text layer gave it (before the repair).
fn as_read(w: &Word) -> &str {
    w.raw.as_deref().unwrap_or(&w.text)
}

/// One line of one column.
struct ColLine {
    col: usize,
    baseline: f64,
    text: String,
    /// The line as the OCR read it (before the repair).
    read: String,
}

/// Blocks of text rows: runs of rows whose boxes are closer than `gap` (the lines of one table row's
/// cells), as [start, end) ranges of `rows`.
fn blocks(rows: &[TextRow], gap: f64) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut bottom = f64::MIN;
    for (i, r) in rows.iter().enumerate() {
        if r.words.iter().all(|w| is_punct(w)) {
            continue;
        }
        if i > start && r.top - bottom > gap {
            out.push((start, i));
            start = i;
        }
        bottom = if i == start { r.bottom } else { bottom.max(r.bottom) };
    }
    if start < rows.len() {
        out.push((start, rows.len()));
    }
    out
}

/// Does a phrase (words closer than 1.2 em) run across a gutter on this row?
fn crosses_gutter(r: &TextRow, xs: &[f64], size: f64) -> bool {
    let ws: Vec<&&Word> = r.words.iter().filter(|w| !is_punct(w)).collect();
    ws.windows(2).any(|p| col_of(xs, p[0].cx()) != col_of(xs, p[1].cx()) && p[1].x0 - p[0].x1 < 1.2 * size)
}

/// A row code alone ("1", "12", "2.3", "II", "IV."): what an STT cell holds.
fn is_bare_code(s: &str) -> bool {
    let t = s.trim().trim_end_matches('.');
    !t.is_empty() && t.len() <= 8 && (t.chars().all(|c| c.is_ascii_digit() || c == '.') && t.starts_with(|c: char| c.is_ascii_digit()) || is_roman_start(t))
}

/// Ruling segments for the table on an OCR page, or nothing when no table header is found.
///
/// The header band is measured on each page (a scan's repeated header is read anew on every page,
/// never assumed as high as the first page's): the text rows are cut into blocks where the vertical
/// gap between two rows is wider than a quarter of the line pitch (the lines inside one table row
/// are 1.6–2.5 pt apart, two table rows 4–11 pt apart, measured on 001-scan pages 4–5; the heading
/// "Phụ lục …" / "(Kèm theo …)" sits 10 pt above the header), and the header is the first block,
/// from the top, that reads as a table header with no phrase running across a gutter.
pub fn segments(page: &LayoutPage, rules: &Rules, state: &mut OcrState) -> Vec<Segment> {
    state.header = None;
    let rows = text_rows(&page.words);
    if rows.len() < 3 {
        return Vec::new();
    }
    let sizes: Vec<f64> = rows.iter().flat_map(|r| r.words.iter().map(|w| w.size)).collect();
    let size = median(sizes).unwrap_or(12.0);
    // A cell's line pitch: the lower quartile of the distances between successive lines, not their
    // median, which on a page of one-line rows is the rows' distance (OCRmyPDF's 001, page 6: 15.1
    // against 12.6, and two rows whose codes were lost went into the row above them).
    let pitch = {
        let d: Vec<f64> = rows.windows(2).map(|w| w[1].baseline - w[0].baseline).filter(|&d| d > 0.6 * size && d < 1.6 * size).collect();
        quantile(d, 0.25).unwrap_or(1.1 * size)
    };
    // The em: the words' size, or the one the line pitch gives when that is larger (an OCR layer
    // may set its lines smaller than the text: 8.3 pt for 11-pt text in OCRmyPDF's deskewed 002,
    // whose full-width section rows then had word spaces wider than 1.2 em).
    let size = size.max(pitch / crate::pdf::OCR_PITCH_PER_SIZE);
    let blocks = blocks(&rows, 0.25 * pitch);
    // Per row, worked out once (the band search below asks about each row many times): does it
    // start with a row code; does it read as the header of the table's earlier pages.
    let coded: Vec<bool> = rows.iter().map(starts_with_code).collect();
    let header_chars = header_chars(&state.header_words);
    let header_like: Vec<bool> = rows.iter().map(|r| !header_chars.is_empty() && is_header_row(r, &header_chars)).collect();
    let dbg = std::env::var_os("KEHOACH_DEBUG_OCR").is_some();
    // Pass 1 looks for the header read on the table's earlier pages, pass 2 for a table's first page.
    type Found = (usize, usize, usize, bool, Vec<f64>, TableKind, Vec<String>, Vec<Segment>);
    for pass in [true, false] {
    let mut found: Option<Found> = None;
    for s in 0..rows.len() {
        if rows[s].top > page.height * 0.75 {
            break;
        }
        if rows[s].words.iter().all(|w| is_punct(w)) {
            continue;
        }
        // Where the band ends: on a page repeating the header, after the rows that read as the
        // header's words (the header read on the table's earlier pages); on the table's first page,
        // before the first row that starts with a row code or a section numeral (a table's body starts
        // with one), else at the end of the block of rows (no gap wider than a quarter line).
        let mut ends: Vec<(usize, bool)> = Vec::new();
        if pass && !state.header_words.is_empty() {
            // No taller than the first page's band (the same header, drawn the same on every page).
            let tall = state.header_height.unwrap_or(f64::MAX) + 0.5 * pitch;
            // Up to the last row that reads as the header (a row OCR garbled between two that do
            // read is the header's too), before any coded row.
            let within = (s..rows.len()).take_while(|&k| (!coded[k] || header_like[k]) && rows[k].bottom - rows[s].top <= tall).count();
            let mut e = s + header_like[s..s + within].iter().rposition(|&h| h).map_or(0, |k| k + 1);
            // A header's last line standing alone just under the band, every word of it the
            // header's ("gian)" of "(Rõ Thời / gian)", 002 rendered at 300 dpi, page 12: past the
            // height by a line, it began the body and split the row carried over from page 11).
            while e > s && e < rows.len() && !coded[e] && rows[e].top - rows[e - 1].bottom < 0.5 * pitch && all_header_words(&rows[e], &state.header_words) {
                e += 1;
            }
            // The row numbering the columns ("(1) (2) … (7)", or its last line where it is
            // staggered, "(3) (4) (7)") is the header's last: what follows is the body. 001 rendered
            // at 300 dpi, page 17: the first line of a row carried over from page 16, "Phòng
            // Chuyển", read as the header (one word of two near a header word) and was lost, and
            // its second line began the next row.
            if let Some(k) = (s..e).rposition(|k| numbers_columns(&rows[k])) {
                e = s + k + 1;
            }
            if e > s && header_like[s] {
                ends.push((e, true));
            }
        }
        let first_code = (s + 1..rows.len()).find(|&k| coded[k] || rows[k].top - rows[s].top > 8.0 * pitch);
        let e = match first_code {
            Some(k) if coded[k] => k,
            _ => blocks.iter().find(|b| b.0 <= s && s < b.1).map_or(s + 1, |b| b.1),
        };
        if !pass {
            ends.push((e, false));
        }
        for (e, by_words) in ends {
        let band = &rows[s..e];
        if e - s > 12 {
            continue; // a header band is a few lines, not a page of text
        }
        // The columns of the table's previous page first (a continuation page's own gutters can
        // split a column whose text happens to be short there), then the page's own; the better
        // reading of the header wins, the previous page's on a tie.
        let mut col_sets: Vec<Vec<f64>> = state.xs.iter().cloned().collect();
        // The table's rows only: a footer's line under the table would fill the gutters it crosses.
        let band_bottom = band.iter().map(|r| r.bottom).fold(f64::MIN, f64::max);
        let below = &rows[e..e + body_end(&rows[e..], band_bottom, pitch)];
        let fresh = columns(below, page.width, band, Some(pitch));
        // A heading line above the header ("(kèm theo Kế hoạch …)") runs across the gutters of the
        // body below; a header's cells do not (unless a centred header word sits over a gap
        // between body texts inside its column, so this is checked on the body's own gutters).
        // (Not on a page found by the header's words: a continued merged cell leaves its column
        // nearly empty there, and empty columns grow false gutters.)
        let body_xs = if by_words { Vec::new() } else { columns(below, page.width, &[], Some(pitch)) };
        if body_xs.len() >= 4 && band.iter().any(|r| crosses_gutter(r, &body_xs, size)) {
            if dbg { eprintln!("  heading-like band, body gutters {:?}", body_xs.iter().map(|x| *x as i32).collect::<Vec<_>>()); }
            continue;
        }
        if fresh.len() >= 4 {
            col_sets.push(fresh);
        }
        let mut best: Option<(usize, Vec<f64>, TableKind, Vec<String>)> = None;
        for xs in col_sets {
            // (A band found by the header's words is the header: a garbled word straddling a
            // gutter there, "ri (3) Sản phẩm", is noise.)
            if !by_words && band.iter().any(|r| crosses_gutter(r, &xs, size)) {
                if dbg {
                    eprintln!("  crosses {:?}", xs.iter().map(|x| *x as i32).collect::<Vec<_>>());
                }
                continue;
            }
            let texts = band_texts(band, &xs, false);
            if dbg {
                eprintln!("  texts {:?} {:?}", xs.iter().map(|x| *x as i32).collect::<Vec<_>>(), texts);
            }
            // The header read in the repaired words, or in the words as the text layer gave them
            // when that names more columns (the repair's language model may make other words of
            // a header's: the header synonyms are compared folded, but a letter it changed counts).
            let (roles_memo, text_memo) = (&mut state.roles_memo, &mut state.text_memo);
            let mut read = |t: Vec<String>| roles_memo.entry(t).or_insert_with_key(|t| header_roles_texts_with(t, rules, true, text_memo)).clone();
            let named = |r: &Option<(TableKind, Vec<String>)>| r.as_ref().map_or(0, |r| r.1.iter().filter(|x| !x.is_empty()).count());
            let repaired = read(texts);
            // (A reading that names every column cannot be bettered.)
            let all_named = repaired.as_ref().is_some_and(|r| named(&repaired) == r.1.len());
            let raw = if !all_named && band.iter().any(|r| r.words.iter().any(|w| w.raw.is_some())) { read(band_texts(band, &xs, true)) } else { None };
            let Some((kind, roles)) = (if named(&raw) > named(&repaired) { raw } else { repaired }) else { continue };
            let n = roles.iter().filter(|r| !r.is_empty()).count();
            if best.as_ref().is_none_or(|b| n > b.0) {
                best = Some((n, xs, kind, roles));
            }
        }
        if std::env::var_os("KEHOACH_DEBUG_OCR").is_some() {
            let t: Vec<String> = band.iter().map(|r| r.words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")).collect();
            eprintln!("page {} block {:.1}..{:.1} by_words {by_words} {:?} → {:?}", page.number, band[0].top, band[band.len() - 1].bottom, t, best.as_ref().map(|b| &b.3));
        }
        let Some((_, xs, kind, mut roles)) = best else { continue };
        // A band found by the previous header's words whose reading only shifted a name one column
        // left (Tesseract-vie runs a bold header's words together, "Nhiệmvụ Tốngquác": no longer
        // the group's name, but "Nhiệm vụ" still the task's, while the task column reads as
        // nothing) is that header: the previous page's roles stand.
        if by_words {
            if let Some((k, r)) = &state.prev {
                let shifted = |c: usize| r.get(c + 1).is_some_and(|n| *n == roles[c]) && roles.get(c + 1).is_some_and(|n| n.is_empty());
                let conflicts: Vec<usize> = (0..roles.len().min(r.len())).filter(|&c| !roles[c].is_empty() && !r[c].is_empty() && roles[c] != r[c]).collect();
                if *k == kind && r.len() == roles.len() && !conflicts.is_empty() && conflicts.iter().all(|&c| shifted(c)) {
                    roles = r.clone();
                }
            }
        }
        // A band found by the previous header's words is that header only if it reads as the same
        // kind of table with the same columns (a new table's header shares words such as "STT",
        // "Đơn vị", "Kết quả").
        if by_words && state.prev.as_ref().is_some_and(|(k, r)| *k != kind || r.len() != roles.len() || r.iter().zip(&roles).any(|(a, b)| !a.is_empty() && !b.is_empty() && a != b)) {
            continue;
        }
        // It is that header, so a column this page's reading left without a role keeps the one
        // the earlier pages gave it: OCRmyPDF's layer of 003 read page 11's "(1) Mã Nhiệm vụ Tổng
        // quát" as "GMaNieve Tin ea CPPaRbI", and without its group column the page drew a rule
        // under every row there, so tasks 7.2–7.4 lost the general task merged over them.
        if by_words {
            if let Some((_, r)) = &state.prev {
                for (mine, theirs) in roles.iter_mut().zip(r) {
                    if mine.is_empty() {
                        mine.clone_from(theirs);
                    }
                }
            }
        }
        let body_top = band.iter().map(|r| r.bottom).fold(f64::MIN, f64::max) + 1.0;
        match &state.prev {
            // The table's earlier page decided its STT column.
            Some((_, r)) if by_words && r.first().is_some_and(|r| r == "stt") && roles.first().is_some_and(|r| r.is_empty()) => roles[0] = "stt".to_string(),
            _ => stt_from_body(&rows[e..], &xs, &mut roles),
        }
        if kind == TableKind::Task {
            titles_from_body(&rows[e..], &xs, &mut roles);
        }
        let segs = build(page, &rows[e..], &xs, &roles, rows[s].top - 2.0, body_top, pitch, size);
        if segs.is_empty() {
            continue;
        }
        // The band naming the most columns wins; on a tie the first.
        let n = roles.iter().filter(|r| !r.is_empty()).count();
        if found.as_ref().is_none_or(|f| n > f.0) {
            found = Some((n, s, e, by_words, xs, kind, roles, segs));
        }
        }
    }
        if let Some((_, s, e, by_words, xs, kind, roles, segs)) = found {
            state.xs = Some(xs);
            state.header = Some((kind, roles.clone()));
            state.prev = Some((kind, roles));
            if !by_words {
                // A table's first page: its header's words, for finding the header on the next
                // pages (only these: words of a band found by them would let a bad page spoil the
                // next).
                let band = &rows[s..e];
                state.header_height = Some(band.iter().map(|r| r.bottom).fold(f64::MIN, f64::max) - band[0].top);
                state.header_words = band.iter().flat_map(|r| r.words.iter()).filter(|w| !is_punct(w)).flat_map(|w| std::iter::once(fold_word(&w.text)).chain(w.raw.as_deref().map(fold_word))).collect();
            }
            return segs;
        }
    }
    Vec::new()
}

/// Does a word read as a row code or a section numeral: "2.3", "5.", "II", "IV." (`is_bare_code`),
/// or a numeral with the English-model OCR's I-like letters ("Ll.", "VIL.", "I,":
/// `ocr_numeral_token`)?
fn code_token(t: &str) -> bool {
    is_bare_code(t) || super::ocr_numeral_token(t).is_some_and(|(_, after)| after.is_empty())
}

/// The page with each word that starts a cell's line and reads as a row code or a section numeral
/// as the text layer gave it (`Word::raw`), but not as the repair stage left it, read as given:
/// the repair's language model sees "VIL." (VII.) and "Il." (II.) as damaged syllables and may
/// make words of them ("VÙI.", 002-scan page 19 with the shipped model), and a numeral read as a
/// word costs the table a section (its rows then fall under the section before). A line's start:
/// no word ends within 1.5 em to its left on its baseline (the repair stage's cell windows). None
/// when no word is read back. (tests/ocr_perturbed.rs: the scans with the repair perturbed.)
pub fn code_words_as_read(page: &LayoutPage) -> Option<LayoutPage> {
    let starts_line = |ws: &[Word], i: usize| {
        let w = &ws[i];
        !ws.iter().any(|o| (o.baseline - w.baseline).abs() < 0.4 * w.size && o.x1 <= w.x0 + 0.5 && w.x0 - o.x1 < crate::repair::GUTTER_EM * w.size && o.x0 < w.x0)
    };
    let read_back = |ws: &[Word]| -> Vec<usize> {
        (0..ws.len()).filter(|&i| ws[i].raw.as_deref().is_some_and(|r| code_token(r) && !code_token(&ws[i].text)) && starts_line(ws, i)).collect()
    };
    let in_words = read_back(&page.words);
    if in_words.is_empty() {
        return None;
    }
    let mut p = page.clone();
    let restore = |w: &mut Word| w.text = as_read(w).to_string();
    for &i in &in_words {
        restore(&mut p.words[i]);
    }
    // The same words in the page's lines (compared by position: a line holds copies).
    let moved: Vec<&Word> = in_words.iter().map(|&i| &page.words[i]).collect();
    for w in p.lines.iter_mut().flat_map(|l| l.words.iter_mut()) {
        if moved.iter().any(|m| *m == w) {
            restore(w);
        }
    }
    Some(p)
}

/// A word folded for comparing OCR readings: lower case, no diacritics, letters and digits only.
fn fold_word(s: &str) -> String {
    crate::rules::fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// A code as OCR reads it loosely: a short token of digits, dots and the letters OCR confuses with
/// I, V, X ("5)", "ll", "Li"; Tesseract-vie gives an I a mark, "lÌ" for "1.", 001's Phụ lục III).
fn code_like(l: &str) -> bool {
    let t = l.trim_end_matches(|c: char| !c.is_alphanumeric());
    is_bare_code(l) || (!t.is_empty() && t.chars().count() <= 4 && t.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'I' | 'V' | 'X' | 'l' | 'i' | 'L') || is_marked_i(c)))
}

/// A line of the STT column that starts a row however OCR read it: one short token with a letter or
/// a digit. An STT cell holds a code or a numeral, which never wraps, so each of its lines is a new
/// row; Tesseract-vie reads section numerals as letters ("II" → "H", "III" → "IH", "I." → "LÍ") and
/// codes with specks ("°2"), which no code pattern matches (001-scan page 8: section II's row was
/// merged into the row above).
fn stt_token(s: &str) -> bool {
    let t = s.trim();
    !t.contains(' ') && (1..=5).contains(&t.chars().count()) && t.chars().any(char::is_alphanumeric)
}

/// Does the row start (its leftmost word) with a row code or a section numeral?
fn starts_with_code(r: &TextRow) -> bool {
    let ws: Vec<&str> = r.words.iter().filter(|w| !is_punct(w)).map(|w| w.text.as_str()).collect();
    let Some(first) = ws.first() else { return false };
    // OCR reads a numeral's full stop as a comma now and then ("I, Nâng cao …").
    let text = format!("{}{}", first.strip_suffix(',').map_or(first.to_string(), |f| format!("{f}.")), ws[1..].iter().map(|w| format!(" {w}")).collect::<String>());
    // (an I-like numeral read "L." or "Ll." before a capitalised word: Tesseract-vie on a 300 dpi
    // page of 002, "L. Nâng cao nhận thức")
    let read_numeral = super::ocr_numeral_token(&text).is_some_and(|(_, after)| after.starts_with(' ')) && ws.get(1).is_some_and(|w| w.starts_with(char::is_uppercase));
    is_bare_code(first) || code_start_ocr(&text) || is_roman_start(&text) || marked_numeral_i(first, ws.get(1).copied()) || read_numeral
}

/// Does the row start with a section numeral: a section row's first line?
fn starts_with_section_numeral(r: &TextRow) -> bool {
    let words: Vec<&str> = r.words.iter().filter(|w| !is_punct(w)).map(|w| w.text.as_str()).collect();
    // (a numeral, as written or as OCR reads one, starts with one of these: most rows do not)
    words.first().is_some_and(|w| w.starts_with(['I', 'V', 'X', 'l', 'L', '|'])) && section_start(&words.join(" "))
}

/// Does a line start with a section numeral, as written or as OCR reads one ("II. Hoàn thiện thể
/// chế", "Ll. Hoàn thiện", "I, Nâng cao")?
fn section_start(text: &str) -> bool {
    is_roman_start(&ocr_section_numeral(text))
}

/// Tesseract's Vietnamese model reads a section numeral "I." as "LÍ" or "lÍ" (a mark on the I, the
/// rule beside it as an l): a token of up to three I-like letters, one of them an I with a mark,
/// before a capitalised word (001-scan pages 8 and 11, where it let the header band swallow the
/// first section row).
fn marked_numeral_i(first: &str, next: Option<&str>) -> bool {
    let n = first.chars().count();
    n <= 3
        && first.chars().all(|c| matches!(c, 'l' | 'L' | 'I' | '.') || is_marked_i(c))
        && first.chars().any(is_marked_i)
        && next.is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// A short row (one or two words besides punctuation) every word of which is a word of the header
/// as read on the table's first page, exactly.
fn all_header_words(r: &TextRow, header: &[String]) -> bool {
    let ws: Vec<String> = r.words.iter().filter(|w| !is_punct(w)).map(|w| fold_word(&w.text)).filter(|w| !w.is_empty()).collect();
    (1..=2).contains(&ws.len()) && ws.iter().all(|w| header.contains(w))
}

/// A line of column numbers only, two or more ("(1) (2) (3)", "(3) (4) (7)"; the OCR may lose an
/// opening bracket: "2)").
fn numbers_columns(r: &TextRow) -> bool {
    let ws: Vec<&str> = r.words.iter().filter(|w| !is_punct(w)).map(|w| w.text.as_str()).collect();
    let number = |w: &str| {
        let inner = w.strip_prefix('(').unwrap_or(w).strip_suffix(')');
        inner.is_some_and(|n| (1..=2).contains(&n.len()) && n.chars().all(|c| c.is_ascii_digit()))
    };
    ws.len() >= 2 && ws.iter().all(|w| number(w))
}

/// The header's words as [`is_header_row`] compares them (char slices), made once per page.
fn header_chars(header: &[String]) -> Vec<Vec<char>> {
    header.iter().map(|h| h.chars().collect()).collect()
}

/// A row of the repeated header: half its words or more are words of the header as read on the
/// table's first page, exactly or (words of four letters or more) within a normalised edit distance
/// of 0.25 (OCR reads the same header image a little differently on every page: "lường" / "lướng").
fn is_header_row(r: &TextRow, hcs: &[Vec<char>]) -> bool {
    // Each word in both readings, the repaired one and the text layer's (`Word::raw`): a hit in
    // either is a hit.
    let (ws, raws): (Vec<String>, Vec<Option<String>>) = r.words.iter().filter(|w| !is_punct(w)).map(|w| (fold_word(&w.text), w.raw.as_deref().map(fold_word))).filter(|w| !w.0.is_empty()).unzip();
    if ws.is_empty() {
        return false;
    }
    // The edit distance on char slices, bounded (`similar_at_least`): this ran for every word of
    // every row against every header word, 13% of a scanned plan's extraction with strsim's.
    let mut scratch = Vec::new();
    let mut hit = |w: &String| {
        let wc: Vec<char> = w.chars().collect();
        hcs.iter().any(|h| *h == wc || (wc.len() >= 4 && super::similar_at_least(&wc, h, 0.75, &mut scratch)))
    };
    let hit_of: Vec<bool> = ws.iter().zip(&raws).map(|(w, r)| hit(w) || r.as_ref().is_some_and(&mut hit)).collect();
    let hits = hit_of.iter().filter(|&&h| h).count();
    // Words of one or two characters that miss are not counted either way: Tesseract-vie reads
    // specks and garbled header words as such ("s1 cv. Sản phẩm Đầu KPI Đo lường 3 SX¿€ se"",
    // 001-scan page 17, where they outvoted the header's words).
    let counted = ws.iter().zip(&hit_of).filter(|(w, &h)| h || w.chars().count() > 2).count();
    hits > 0 && hits * 2 >= counted
}

/// The STT column when OCR and repair garbled its header ("STT" read right, then repaired to "SỬ"):
/// the first column, unnamed, whose lines below the header are mostly (70%) row codes. The first
/// column because every STT column of the corpus is (001's three tables; 000 and 002 have none), and
/// a column of numbers elsewhere is a target or a quantity.
fn stt_from_body(body: &[TextRow], xs: &[f64], roles: &mut [String]) {
    if roles.iter().any(|r| r == "stt") || roles.first().is_none_or(|r| !r.is_empty()) || xs.len() < 3 {
        return;
    }
    let lines: Vec<String> = body
        .iter()
        .filter_map(|r| {
            let ws: Vec<&str> = r.words.iter().filter(|w| !is_punct(w) && col_of(xs, w.cx()) == 0).map(|w| w.text.as_str()).collect();
            (!ws.is_empty()).then(|| ws.join(" "))
        })
        .collect();
    // OCR reads codes loosely ("5)", "4°", "ll" for II, "Li"): a short token of digits, dots and
    // the letters OCR confuses with I, V, X counts.
    let codes = lines.iter().filter(|l| code_like(l)).count();
    if std::env::var_os("KEHOACH_DEBUG_OCR").is_some() {
        eprintln!("  stt? {codes}/{} {:?}", lines.len(), lines);
    }
    if lines.len() >= 3 && codes * 10 >= lines.len() * 7 {
        roles[0] = "stt".to_string();
    }
}

/// The general-task and task columns when OCR garbled both their headers (OCRmyPDF's deskewed
/// 000, page 8: "ở)MANhigmva Tongquae" over "ọe of jơ Ta súc vụ (Con)", the other five named):
/// the first two columns, unnamed, of a task table without an STT column, the first of whose
/// lines two or more start with a group's code or a section numeral ("1. Ban hành", "I. Về") and
/// none with a task's, the second two or more with a task's code ("1.1 Rà soát") and none with a
/// group's.
fn titles_from_body(body: &[TextRow], xs: &[f64], roles: &mut [String]) {
    if roles.len() < 4 || roles.iter().any(|r| matches!(r.as_str(), "stt" | "group" | "task" | "content")) || !roles[0].is_empty() || !roles[1].is_empty() {
        return;
    }
    // Per column, the first words of each row's text there, and the level of the code they
    // start with (1 for "1." or a numeral, 2 for "1.1").
    let levels = |c: usize| -> (usize, usize) {
        let mut n = (0, 0);
        for r in body {
            let ws: Vec<&str> = r.words.iter().filter(|w| !is_punct(w) && col_of(xs, w.cx()) == c).map(|w| w.text.as_str()).collect();
            match ws.first().map(|_| code_level(&ws.join(" "))) {
                Some(Some(1)) => n.0 += 1,
                Some(Some(_)) => n.1 += 1,
                _ => {}
            }
        }
        n
    };
    let (g, t) = (levels(0), levels(1));
    if std::env::var_os("KEHOACH_DEBUG_OCR").is_some() {
        eprintln!("  titles? group column {g:?} task column {t:?}");
    }
    if g.0 >= 2 && g.1 == 0 && t.1 >= 2 && t.0 == 0 {
        roles[0] = "group".to_string();
        roles[1] = "task".to_string();
    }
}

/// The level of the row code a line starts with: 1 for a group's ("2. Bảo đảm", "1, Xây dựng")
/// or a section numeral ("I. Về", "Ll. Hoàn thiện"), 2 or more for a task's ("1.1 Rà soát",
/// "1.1.Rà soát"); None for anything else.
fn code_level(text: &str) -> Option<usize> {
    if section_start(text) {
        return Some(1);
    }
    if !code_start_ocr(text) {
        return None;
    }
    // (a full stop read as a comma, "1, Xây dựng", is a full stop)
    let head: String = text.chars().take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',')).map(|c| if c == ',' { '.' } else { c }).collect();
    crate::normalise::codes::parse(head.trim_end_matches('.')).map(|c| c.len())
}

fn median(v: Vec<f64>) -> Option<f64> {
    quantile(v, 0.5)
}

/// The value a fraction `q` of the way up the sorted values (the lower one at a tie).
fn quantile(mut v: Vec<f64>, q: f64) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let m = ((v.len() as f64 * q) as usize).min(v.len() - 1);
    Some(*v.select_nth_unstable_by(m, |a, b| a.total_cmp(b)).1)
}

/// How many of the rows below the header are the table's: up to the first vertical gap wider than
/// 2.5 lines (a signature block, body text, a running footer the layout stage did not recognise).
fn body_end(body: &[TextRow], body_top: f64, pitch: f64) -> usize {
    let mut end = 0;
    let mut last_bottom = body_top;
    for r in body {
        if r.words.iter().all(|w| is_punct(w)) {
            end += 1;
            continue;
        }
        if r.top - last_bottom > 2.5 * pitch {
            break;
        }
        last_bottom = r.bottom;
        end += 1;
    }
    end
}

/// The column boundaries with the outer two moved out to the body words that overshoot them by
/// less than three em (see `build`).
fn widen(xs: &[f64], body: &[TextRow], size: f64) -> Vec<f64> {
    let mut out = xs.to_vec();
    let n = out.len() - 1;
    for w in body.iter().flat_map(|r| r.words.iter()).filter(|w| !is_punct(w)) {
        if w.x1 + 3.0 > out[n] && w.x0 < out[n] && w.x1 - out[n] < 3.0 * size {
            out[n] = w.x1 + 3.0;
        }
        if w.x0 - 3.0 < out[0] && w.x1 > out[0] && out[0] - w.x0 < 3.0 * size {
            out[0] = w.x0 - 3.0;
        }
    }
    out
}

/// How far apart (pt) two cells' first baselines may be and still be level (one table row's
/// top-aligned cells): Tesseract's baselines of one row agree within 0.3 pt on 001-scan, a merged
/// cell's next line is a fraction of a line (1–6 pt) off.
const ALIGNED: f64 = 1.2;

#[allow(clippy::too_many_arguments)]
fn build(page: &LayoutPage, body: &[TextRow], xs: &[f64], roles: &[String], top: f64, body_top: f64, pitch: f64, size: f64) -> Vec<Segment> {
    let nc = xs.len() - 1;
    let role = |c: usize| roles.get(c).map(|s| s.as_str()).unwrap_or("");
    let end = body_end(body, body_top, pitch);
    let body = &body[..end];
    if body.is_empty() {
        return Vec::new();
    }
    let last_bottom = body.iter().filter(|r| !r.words.iter().all(|w| is_punct(w))).map(|r| r.bottom).fold(body_top, f64::max);
    let bottom = last_bottom + 2.0;
    // The outer rules hold this page's words too: columns carried over from the previous page end
    // where that page's text ended, and a word past them fell outside the table (001-scan page 14:
    // "phê" at 778–793 pt against a right rule at 781). Only a short overshoot (under 3 em): text
    // further out is not the table's. (The table stage matches a continued table's inner rules.)
    let xs = &widen(xs, body, size);
    // Lines of each column.
    let mut lines: Vec<ColLine> = Vec::new();
    for r in body {
        let mut per: Vec<Vec<&Word>> = vec![Vec::new(); nc];
        for w in &r.words {
            per[col_of(xs, w.cx())].push(w);
        }
        for (c, ws) in per.into_iter().enumerate() {
            // (Punctuation alone is a speck, but for a parenthesis alone in the STT column: a code
            // the OCR misread, "(" for 001's "7" in OCRmyPDF's layer.)
            let misread_code = role(c) == "stt" && ws.len() == 1 && crate::normalise::codes::is_lone_parenthesis(&ws[0].text);
            if ws.is_empty() || ws.iter().all(|w| is_punct(w)) && !misread_code {
                continue;
            }
            let text = ws.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
            let read = ws.iter().map(|w| as_read(w)).collect::<Vec<_>>().join(" ");
            let baseline = ws.iter().map(|w| w.baseline).sum::<f64>() / ws.len() as f64;
            lines.push(ColLine { col: c, baseline, text, read });
        }
    }
    // Row starts: (y, column, strong).
    let mut starts: Vec<(f64, usize, bool)> = Vec::new();
    let mut prev_base: Vec<Option<f64>> = vec![None; nc];
    // Where the table has an STT column, the codes stand there: a task cell's line reading "2.0"
    // ("… phiên bản" / "2.0") starts nothing.
    let has_stt = roles.iter().any(|r| r == "stt");
    let mut last_any = body_top;
    let mut seen_coded = false;
    for l in &lines {
        let r = role(l.col);
        let key = if has_stt { r == "stt" } else { matches!(r, "group" | "task" | "content") };
        // (A section numeral is read off the page, not made by the repair: the line as the OCR read
        // it starts with one too, or a look-alike of one. OCRmyPDF's layer of 002, page 12: a speck
        // 1 pt wide at the group column's edge, read "F", which the channel, having seen "IV"
        // read "FV", repaired "I", split a task's title into a row of its own.)
        let numeral = section_start(&l.text) && section_start(&l.read);
        let coded = (key && code_start_ocr(&l.text)) || (matches!(r, "stt" | "group") || l.col == 0 && !has_stt) && (numeral || crate::normalise::codes::ocr_numeral_prefix(&l.text).is_some()) || (r == "stt" && (l.text.chars().next().is_some_and(|c| c.is_ascii_digit()) || code_like(&l.text) || stt_token(&l.text) || crate::normalise::codes::is_lone_parenthesis(&l.text)));
        // One stroke alone in the STT column with no text level with it in the column after it ("l"
        // under row 5 of 001's Phụ lục II, read by Tesseract-vie, level only with the last line
        // "Sở" of its units cell) is a speck of the scan: a row's code or numeral sits level with
        // the first line of its title, in the next column.
        let coded = coded && !(r == "stt" && is_stroke(&l.text) && !lines.iter().any(|o| o.col == l.col + 1 && (o.baseline - l.baseline).abs() < 0.5 * pitch));
        // With an STT column, a column's first line on the page is measured from the line above it
        // in any column: a row carried over from the previous page fills several columns' first
        // lines at once, and counting each as a new cell made it a row of its own (001-scan page
        // 14: an extra record). Without one (000, 002, 003), measured: the same rule lost 003-scan's
        // section row II and split two rows at its page breaks, so there the first line of a
        // column still starts a cell.
        // (Only above the page's first coded line: that is where a carried-over row is. Below it,
        // a column's first line starts a cell: OCRmyPDF's Vietnamese-model layer of 001, page 6, lost
        // the "1" of the row under section II, whose target and lead were the page's first.)
        let carried = has_stt && !seen_coded;
        let gap = l.baseline - prev_base[l.col].unwrap_or(if carried { last_any } else { f64::NEG_INFINITY }) > 1.35 * pitch;
        // A title line a blank line below the one above it in its column (a cell's lines are a
        // line apart, top-aligned) starts a row even alone, as a coded line does: a section row
        // whose numeral the OCR did not read at all (OCRmyPDF's Vietnamese-model layer of 001,
        // page 9: section III's title went into row 7 above it; `normalise` then reads it as the
        // section row it is).
        let wide_title = has_stt && matches!(role(l.col), "task" | "content") && prev_base[l.col].is_some_and(|p| l.baseline - p > 1.8 * pitch);
        if coded || gap {
            starts.push((l.baseline, l.col, coded || wide_title));
        }
        seen_coded |= coded;
        prev_base[l.col] = Some(l.baseline);
        last_any = last_any.max(l.baseline);
    }
    // With an STT column, a group cell's line level with a row's code starts that row's group cell
    // (cells are top-aligned, so a new cell's first line sits on its row's first baseline; a merged
    // cell's line running past a row start lands there only by chance). 001-scan pages 11–15: every
    // row has its own "Nhiệm vụ Tổng quát" cell, packed a line's gap under the one above (no wider
    // gap to see), and the child rows 2.1 … 2.6 keep their titles there.
    if has_stt {
        let coded: Vec<f64> = starts.iter().filter(|s| s.2 && role(s.1) == "stt").map(|s| s.0).collect();
        for l in lines.iter().filter(|l| role(l.col) == "group") {
            if coded.iter().any(|&y| (l.baseline - y).abs() < ALIGNED) && !starts.iter().any(|s| s.1 == l.col && s.0 == l.baseline) {
                starts.push((l.baseline, l.col, false));
            }
        }
    }
    starts.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Clusters of starts → row boundaries.
    let mut bounds: Vec<(f64, Vec<usize>)> = Vec::new(); // (y, columns starting there)
    let mut k = 0;
    while k < starts.len() {
        let y0 = starts[k].0;
        let mut j = k;
        while j < starts.len() && starts[j].0 - y0 < 0.6 * pitch {
            j += 1;
        }
        let cl = &starts[k..j];
        let mut cols: Vec<usize> = cl.iter().map(|s| s.1).collect();
        cols.sort();
        cols.dedup();
        let first = bounds.is_empty() && y0 < body_top + 2.0 * pitch;
        if cl.iter().any(|s| s.2) || cols.len() >= 2 || first {
            // Between this row's first baseline and the line above it (at least a line higher).
            let y = y0 - 0.65 * pitch;
            match bounds.last_mut() {
                // A row is at least a line high: starts closer than that are one row's, read
                // at slightly different heights.
                Some(b) if y - b.0 < 0.9 * pitch => {
                    b.1.extend(cols);
                    b.1.sort();
                    b.1.dedup();
                }
                _ => bounds.push((y, cols)),
            }
        }
        k = j;
    }
    // The first body row starts at the header's bottom.
    let text_above = |y: f64| lines.iter().any(|l| l.baseline < y);
    match bounds.first_mut() {
        Some(b) if b.0 < body_top + 1.5 * pitch || !text_above(b.0) => b.0 = body_top,
        _ => bounds.insert(0, (body_top, (0..nc).collect())),
    }
    if std::env::var_os("KEHOACH_DEBUG_OCR").is_some() {
        eprintln!("page {} pitch {pitch:.1} top {top:.1} body_top {body_top:.1} xs {:?} roles {roles:?}", page.number, xs.iter().map(|x| *x as i32).collect::<Vec<_>>());
        for l in &lines {
            eprintln!("  c{} b{:.1} {}", l.col, l.baseline, l.text);
        }
        eprintln!("  bounds {:?}", bounds.iter().map(|b| (b.0 as i32, b.1.clone())).collect::<Vec<_>>());
    }
    let mut ys: Vec<f64> = vec![top];
    ys.extend(bounds.iter().map(|b| b.0));
    ys.push(bottom);
    // Full-width rows: one line of text running across a gutter with ordinary word gaps.
    let full: Vec<bool> = (0..bounds.len())
        .map(|r| {
            let (y0, y1) = (ys[r + 1], ys[r + 2]);
            let rs: Vec<&TextRow> = body.iter().filter(|t| t.baseline > y0 && t.baseline < y1 && !t.words.iter().all(|w| is_punct(w))).collect();
            if rs.len() != 1 {
                return false;
            }
            let ws: Vec<&&Word> = rs[0].words.iter().filter(|w| !is_punct(w)).collect();
            // Every crossing is a word space: a row cut by the page break whose one line is a
            // line of each cell crosses the gutters too, most of them with a gap wider than a word
            // space (002-scan page 15, row 4; one crossing of 12 pt made it a section row).
            let crossing: Vec<bool> = ws.windows(2).filter(|p| col_of(xs, p[0].cx()) != col_of(xs, p[1].cx())).map(|p| p[1].x0 - p[0].x1 < 1.2 * size).collect();
            !crossing.is_empty() && crossing.iter().all(|&c| c) && ws.windows(2).all(|p| p[1].x0 - p[0].x1 < 2.5 * size)
        })
        .collect();
    let mut segs = Vec::new();
    let h = |y: f64, a: f64, b: f64| Segment { x0: a, y0: y, x1: b, y1: y };
    let v = |x: f64, a: f64, b: f64| Segment { x0: x, y0: a, x1: x, y1: b };
    let (left, right) = (xs[0], xs[nc]);
    segs.push(h(top, left, right));
    segs.push(h(ys[1], left, right));
    segs.push(h(bottom, left, right));
    for (bi, (y, cols)) in bounds.iter().enumerate().skip(1) {
        for c in 0..nc {
            // A merged general-task cell: no rule where its column starts nothing, unless a
            // full-width row is on either side.
            if role(c) == "group" && !cols.contains(&c) && !full[bi] && !full[bi - 1] {
                continue;
            }
            segs.push(h(*y, xs[c], xs[c + 1]));
        }
    }
    for (ci, &x) in xs.iter().enumerate() {
        let inner = ci > 0 && ci < nc;
        segs.push(v(x, ys[0], ys[1]));
        for r in 0..bounds.len() {
            if inner && full[r] {
                continue;
            }
            segs.push(v(x, ys[r + 1], ys[r + 2]));
        }
    }
    let _ = page;
    segs
}

#[cfg(test)]
mod tests {
    use super::{all_header_words, columns, is_header_row, starts_with_code, stt_from_body, text_rows};
    use crate::layout::{LayoutDoc, LayoutPage};
    use crate::pdf::Word;
    use crate::rules::Rules;
    use crate::tables::{reassemble, Cell};

    /// Words of one phrase from x on baseline y, 5 pt per character, 12 pt type.
    fn phrase(t: &str, x: f64, y: f64) -> Vec<Word> {
        let mut out = Vec::new();
        let mut x = x;
        for w in t.split(' ') {
            let x1 = x + 5.0 * w.chars().count() as f64;
            out.push(Word { text: w.into(), x0: x, x1, top: y - 9.6, bottom: y + 2.4, baseline: y, size: 12.0, space_after: true, fonts: vec![], raw: None, doubt: None });
            x = x1 + 3.0;
        }
        out
    }

    /// One scanned page of the given phrases (text, x, baseline), reassembled.
    fn scanned_page(phrases: &[(&str, f64, f64)]) -> crate::tables::TableDoc {
        let words = phrases.iter().flat_map(|&(t, x, y)| phrase(t, x, y)).collect();
        let page = LayoutPage { number: 1, width: 842.0, height: 595.0, words, ocr: true, ..Default::default() };
        reassemble(&LayoutDoc { pages: vec![page], producer: None }, Rules::get())
    }

    #[test]
    fn outer_rules_hold_a_word_that_overshoots_them() {
        // "Năm" 760–775, "2026" 778–798 across the right rule at 781; "far away" from 900, well
        // past it; "Trung" 20–45 across the left rule at 40.
        let mut words = phrase("Năm 2026", 760.0, 100.0);
        words.extend(phrase("far away", 900.0, 100.0));
        words.extend(phrase("Trung", 20.0, 120.0));
        let rows = text_rows(&words);
        let xs = super::widen(&[40.0, 300.0, 781.0], &rows, 12.0);
        assert_eq!(xs, vec![17.0, 300.0, 801.0]);
        // Nothing overshoots: unchanged.
        let inside = phrase("Năm 2026", 500.0, 100.0);
        assert_eq!(super::widen(&[40.0, 300.0, 781.0], &text_rows(&inside), 12.0), vec![40.0, 300.0, 781.0]);
    }

    #[test]
    fn short_missing_words_do_not_outvote_a_repeated_header_row() {
        let header: Vec<String> = ["stt", "nhiem", "vu", "san", "pham", "luong", "thoi", "hoan", "3"].iter().map(|s| s.to_string()).collect();
        // 001-scan page 17: six header words among specks read as short words.
        let rows_p17 = phrase("s1 cv. Sản phẩm Đầu KPI Đo lường 3 SX se Thời hạn Hoàn", 50.0, 100.0);
        let rows = text_rows(&rows_p17);
        assert!(is_header_row(&rows[0], &super::header_chars(&header)));
        // A body line sharing a short word or two with the header is no header row.
        let body = phrase("Phòng Chuyển đổi số và các phòng chuyên môn vụ", 50.0, 100.0);
        assert!(!is_header_row(&text_rows(&body)[0], &super::header_chars(&header)));
        let specks = phrase("s1 cv", 50.0, 100.0);
        assert!(!is_header_row(&text_rows(&specks)[0], &super::header_chars(&header)));
    }

    #[test]
    fn scanned_table_rows_and_columns_from_words() {
        // Three columns (task at 50, lead at 300, deadline at 500), a two-line header, a section
        // row, two coded rows (the first with a wrapped second line) and an uncoded row.
        let t = scanned_page(&[
            ("Nhiệm vụ", 50.0, 100.0),
            ("Đơn vị", 300.0, 100.0),
            ("chủ trì", 300.0, 113.0),
            ("Thời hạn", 500.0, 100.0),
            ("I. Về chuyển đổi số", 50.0, 135.0),
            ("1.1 Rà soát các giấy tờ", 50.0, 155.0),
            ("có liên quan", 50.0, 168.0),
            ("Công an tỉnh", 300.0, 155.0),
            ("30/11/2025", 500.0, 155.0),
            ("1.2 Tổng hợp", 50.0, 188.0),
            ("Sở Tư pháp", 300.0, 188.0),
            ("31/12/2025", 500.0, 188.0),
            ("Tham mưu văn bản", 50.0, 221.0),
            ("Văn phòng", 300.0, 221.0),
            ("Quý I/2026", 500.0, 221.0),
        ]);
        assert_eq!(t.tables.len(), 1, "{:?}", t.body);
        let tb = &t.tables[0];
        assert_eq!(tb.roles, vec!["task", "lead", "deadline"]);
        let rows: Vec<Vec<String>> = tb.rows.iter().map(|r| r.cells.iter().map(|c| match c { Cell::Text(s) => s.clone(), Cell::Covered => "^".into() }).collect()).collect();
        assert_eq!(
            rows,
            vec![
                vec!["I. Về chuyển đổi số".to_string(), "".into(), "".into()],
                vec!["1.1 Rà soát các giấy tờ có liên quan".into(), "Công an tỉnh".into(), "30/11/2025".into()],
                vec!["1.2 Tổng hợp".into(), "Sở Tư pháp".into(), "31/12/2025".into()],
                vec!["Tham mưu văn bản".into(), "Văn phòng".into(), "Quý I/2026".into()],
            ]
        );
    }

    /// A header cell right of every body word ("Ghi chú" over notes all left empty) is a column of
    /// its own; a speck there is not.
    #[test]
    fn an_empty_last_column_keeps_its_header() {
        let table = |last: &str| {
            let t = scanned_page(&[
                ("Nhiệm vụ", 50.0, 100.0),
                ("Đơn vị chủ trì", 300.0, 100.0),
                ("Thời hạn", 500.0, 100.0),
                (last, 650.0, 100.0),
                ("1.1 Rà soát các giấy tờ", 50.0, 135.0),
                ("Công an tỉnh", 300.0, 135.0),
                ("30/11/2025", 500.0, 135.0),
                ("1.2 Tổng hợp", 50.0, 168.0),
                ("Sở Tư pháp", 300.0, 168.0),
                ("31/12/2025", 500.0, 168.0),
            ]);
            assert_eq!(t.tables.len(), 1, "{:?}", t.body);
            t.tables[0].clone()
        };
        let t = table("Ghi chú");
        assert_eq!(t.roles, vec!["task", "lead", "deadline", "note"]);
        assert!(t.rows.iter().all(|r| r.cells.len() == 4 && r.cells[3] == Cell::Text(String::new())), "{:?}", t.rows);
        // (a speck beyond the body: no column)
        assert_eq!(table("A").roles, vec!["task", "lead", "deadline"]);
    }

    /// `phrase`, each word repaired as `repaired` gives (None: left as read): `Word::raw` keeps
    /// the reading.
    fn repaired(t: &str, x: f64, y: f64, repaired: &[Option<&str>]) -> Vec<Word> {
        let mut ws = phrase(t, x, y);
        for (w, r) in ws.iter_mut().zip(repaired) {
            if let Some(r) = r {
                w.raw = Some(std::mem::replace(&mut w.text, r.to_string()));
            }
        }
        ws
    }

    #[test]
    fn a_numeral_the_repair_made_a_word_of_is_read_as_the_ocr_read_it() {
        // 002-scan page 19: "VIL." (VII.) repaired to "VÙI."; "Il." (II.) to "Ít.".
        let mut words = repaired("VIL. Tăng cường hợp tác", 50.0, 100.0, &[Some("VÙI."), None, None, None, None]);
        words.extend(repaired("Il. Về khoa học", 50.0, 130.0, &[Some("Ít."), None, None, None]));
        // Inside a line (a word space before it) nothing is read back; nor a word whose reading is
        // no numeral ("Vi" for "Vì").
        words.extend(repaired("theo mục Il. trên", 50.0, 160.0, &[None, None, Some("Ít."), None]));
        words.extend(repaired("Vi vậy", 50.0, 190.0, &[Some("Vì"), None]));
        // A cell's line after a column gutter (30 pt, 2.5 em) starts a line.
        words.extend(repaired("Sở Tài chính", 50.0, 220.0, &[None, None, None]));
        words.extend(repaired("Il. Về", 150.0, 220.0, &[Some("Ít."), None]));
        let page = LayoutPage { number: 1, width: 842.0, height: 595.0, words, ocr: true, ..Default::default() };
        let p = super::code_words_as_read(&page).unwrap();
        let texts: Vec<&str> = p.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["VIL.", "Tăng", "cường", "hợp", "tác", "Il.", "Về", "khoa", "học", "theo", "mục", "Ít.", "trên", "Vì", "vậy", "Sở", "Tài", "chính", "Il.", "Về"]);
        // Nothing to read back: None.
        let clean = LayoutPage { words: repaired("VII. Tăng", 50.0, 100.0, &[None, Some("Tầng")]), ocr: true, ..Default::default() };
        assert!(super::code_words_as_read(&clean).is_none());
    }

    #[test]
    fn a_section_row_survives_its_numeral_repaired_into_a_word() {
        // The table of `scanned_table_rows_and_columns_from_words` with section II's numeral read
        // "Il." by the OCR and "Ít." by the repair, and every word of the header and of section
        // I's row without its marks (another repair's choices).
        let mut words = Vec::new();
        for (t, x, y) in [("Nhiem vu", 50.0, 100.0), ("Don vi", 300.0, 100.0), ("chu tri", 300.0, 113.0), ("Thoi han", 500.0, 100.0), ("I. Ve chuyen doi so", 50.0, 135.0)] {
            words.extend(phrase(t, x, y));
        }
        for (t, x, y) in [("1.1 Rà soát các giấy tờ", 50.0, 155.0), ("Công an tỉnh", 300.0, 155.0), ("30/11/2025", 500.0, 155.0)] {
            words.extend(phrase(t, x, y));
        }
        words.extend(repaired("Il. Về khoa học", 50.0, 188.0, &[Some("Ít.")]));
        for (t, x, y) in [("1.1 Tổng hợp", 50.0, 208.0), ("Sở Tư pháp", 300.0, 208.0), ("31/12/2025", 500.0, 208.0)] {
            words.extend(phrase(t, x, y));
        }
        let page = LayoutPage { number: 1, width: 842.0, height: 595.0, words, ocr: true, ..Default::default() };
        let t = reassemble(&LayoutDoc { pages: vec![page], producer: None }, Rules::get());
        assert_eq!(t.tables.len(), 1, "{:?}", t.body);
        let tb = &t.tables[0];
        assert_eq!(tb.roles, vec!["task", "lead", "deadline"]);
        let rows: Vec<Vec<&str>> = tb.rows.iter().map(|r| r.cells.iter().map(|c| c.text().unwrap_or("^")).collect()).collect();
        assert_eq!(
            rows,
            vec![vec!["I. Ve chuyen doi so", "^", "^"], vec!["1.1 Rà soát các giấy tờ", "Công an tỉnh", "30/11/2025"], vec!["II. Về khoa học", "^", "^"], vec!["1.1 Tổng hợp", "Sở Tư pháp", "31/12/2025"]]
        );
    }

    #[test]
    fn a_repeated_header_row_matches_in_either_reading() {
        let header: Vec<String> = ["nhiem", "vu", "thoi", "han", "hoan", "thanh"].iter().map(|s| s.to_string()).collect();
        // The repair made other words of the header's, with other letters ("Nhiễm vũ" would fold
        // right, "Nhìn vừa" does not).
        let ws = repaired("Nhiem vu Thoi han", 50.0, 100.0, &[Some("Nhìn"), Some("vừa"), Some("Thịt"), Some("hỏi")]);
        assert!(is_header_row(&text_rows(&ws)[0], &super::header_chars(&header)));
        let unread: Vec<Word> = ws.iter().map(|w| Word { raw: None, ..w.clone() }).collect();
        assert!(!is_header_row(&text_rows(&unread)[0], &super::header_chars(&header)));
    }

    #[test]
    fn with_an_stt_column_a_code_in_the_task_column_starts_no_row() {
        // 001-scan page 14: "… phiên bản" / "2.0" wraps in the task cell of row 8.
        let words = words_of(&[
            ("STT", 20.0, 100.0),
            ("Nhiệm vụ", 80.0, 100.0),
            ("Đơn vị chủ trì", 300.0, 100.0),
            ("Thời hạn", 500.0, 100.0),
            ("8", 20.0, 135.0),
            ("Kiến trúc phiên bản", 80.0, 135.0),
            ("Phòng Chuyển đổi số", 300.0, 135.0),
            ("Năm 2026", 500.0, 135.0),
            ("2.0", 80.0, 148.0),
            ("9", 20.0, 168.0),
            ("Bộ công cụ", 80.0, 168.0),
            ("Văn phòng", 300.0, 168.0),
            ("Quý I/2026", 500.0, 168.0),
        ]);
        let rows = rows_of(&words);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0][1], "Kiến trúc phiên bản 2.0");
        assert_eq!(rows[1][0], "9");
    }

    #[test]
    fn a_group_cell_ends_where_the_next_group_starts_level_with_its_code() {
        // 001-scan page 11: group 2's title starts level with its code "2", only 1.15 lines below
        // group 1's last line (the general rule wants 1.35). Group 2's title wraps on at one line's
        // pitch past sub-row 2.1's start (still its cell: its line is not level with the code);
        // sub-row 2.2 writes its task in the group column.
        let words = words_of(&[
            ("STT", 20.0, 100.0),
            ("Nhiệm vụ Tổng quát", 80.0, 100.0),
            ("Nhiệm vụ", 250.0, 100.0),
            ("Đơn vị chủ trì", 420.0, 100.0),
            ("Thời hạn", 600.0, 100.0),
            ("1", 20.0, 135.0),
            ("Xây dựng chương trình", 80.0, 135.0),
            ("đột phá", 80.0, 148.0),
            ("Xây dựng chương trình", 250.0, 135.0),
            ("Phòng Chuyển đổi số", 420.0, 135.0),
            ("Năm 2026", 600.0, 135.0),
            ("2", 20.0, 163.0),
            ("Cơ chế chính sách", 80.0, 163.0),
            ("đặc thù", 80.0, 176.0),
            ("khởi nghiệp", 80.0, 189.0),
            ("Cơ chế đặc thù", 250.0, 163.0),
            ("Phòng Đổi mới", 420.0, 163.0),
            ("Quý IV/2026", 600.0, 163.0),
            ("2.1", 20.0, 184.0),
            ("Quyết định ban hành", 250.0, 184.0),
            ("Văn phòng", 420.0, 184.0),
            ("Quý I/2026", 600.0, 184.0),
            ("2.2", 20.0, 222.0),
            ("Nghị quyết quy định", 80.0, 222.0),
            ("Sở Tài chính", 420.0, 222.0),
            ("Quý II/2026", 600.0, 222.0),
        ]);
        let rows = rows_of(&words);
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert_eq!(rows[0][1], "Xây dựng chương trình đột phá");
        assert_eq!(rows[1][1], "Cơ chế chính sách đặc thù khởi nghiệp");
        assert_eq!(rows[2][1], "^");
        assert_eq!(rows[2][2], "Quyết định ban hành");
        assert_eq!(rows[3][1], "Nghị quyết quy định");
    }


    #[test]
    fn any_short_token_in_the_stt_column_starts_a_row() {
        // 001-scan page 8: section II read "H", one line under row 1's last line (no wider gap).
        let words = words_of(&[
            ("STT", 20.0, 100.0),
            ("Nhiệm vụ", 80.0, 100.0),
            ("Đơn vị chủ trì", 300.0, 100.0),
            ("Thời hạn", 500.0, 100.0),
            ("1", 20.0, 135.0),
            ("Xây dựng Đề án", 80.0, 135.0),
            ("thí điểm", 80.0, 148.0),
            ("Văn phòng", 300.0, 135.0),
            ("Năm 2026", 500.0, 135.0),
            ("H", 20.0, 161.0),
            ("Phát triển hạ tầng số", 80.0, 161.0),
            ("1", 20.0, 174.0),
            ("Xây dựng Bản đồ", 80.0, 174.0),
            ("Sở Tư pháp", 300.0, 174.0),
            ("Quý I/2026", 500.0, 174.0),
        ]);
        let rows = rows_of(&words);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!((rows[1][0].as_str(), rows[1][1].as_str()), ("H", "Phát triển hạ tầng số"));
        assert_eq!(rows[0][1], "Xây dựng Đề án thí điểm");
    }

    #[test]
    fn rows_whose_codes_were_lost_start_at_a_line_gap_measured_within_cells() {
        // OCRmyPDF's layer of 001, Phụ lục I section II: mostly one-line rows, about 1.5 lines
        // apart, so the median distance between lines is the rows' and not a cell's line pitch; the
        // OCR read no "8" or "9", and measured against the rows' distance the two rows with
        // their own unit, target and lead were taken for row 7's second and third lines.
        let mut spec: Vec<(String, f64, f64)> = ["STT", "Nội dung chỉ tiêu", "Đơn vị tính", "Kết quả", "Phòng chủ trì"].iter().zip([20.0, 80.0, 330.0, 440.0, 520.0]).map(|(t, x)| (t.to_string(), x, 100.0)).collect();
        let mut y = 130.0;
        for (code, two_lines) in [("5", true), ("6", true), ("7", false), ("", false), ("", false), ("10", false), ("11", true), ("12", true), ("13", false)] {
            if !code.is_empty() {
                spec.push((code.to_string(), 20.0, y));
            }
            spec.push((format!("Chỉ tiêu số {}", spec.len()), 80.0, y));
            spec.push(("Doanh nghiệp".to_string(), 330.0, y));
            spec.push(("≥ 10".to_string(), 440.0, y));
            spec.push(("Phòng Khoa học".to_string(), 520.0, y));
            if two_lines {
                y += 12.6;
                spec.push(("và công nghệ".to_string(), 80.0, y));
            }
            y += 18.7;
        }
        let rows = rows_of(&words_of(&spec.iter().map(|(t, x, y)| (t.as_str(), *x, *y)).collect::<Vec<_>>()));
        assert_eq!(rows.len(), 9, "{rows:?}");
        assert_eq!(rows.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(), ["5", "6", "7", "", "", "10", "11", "12", "13"]);
        assert_eq!(rows[0][1], "Chỉ tiêu số 6 và công nghệ");
    }

    #[test]
    fn a_parenthesis_alone_in_the_stt_column_starts_a_row() {
        // OCRmyPDF's layer of 001, Phụ lục III page 9: row 7's "7" read "(", its first line a
        // little over a line under the last lines of the row above. Other marks alone are specks.
        let mut words = words_of(&[
            ("STT", 20.0, 100.0),
            ("Nhiệm vụ", 80.0, 100.0),
            ("Đơn vị chủ trì", 300.0, 100.0),
            ("Thời hạn", 500.0, 100.0),
            ("6", 20.0, 135.0),
            ("Xây dựng Đề án", 80.0, 135.0),
            ("Sở Tư pháp", 300.0, 135.0),
            ("Năm 2026 và", 500.0, 135.0),
            ("thí điểm", 80.0, 148.0),
            ("các năm tiếp theo", 500.0, 148.0),
            ("(", 20.0, 163.0),
            ("Hình thành Khu", 80.0, 163.0),
            ("Phòng Khoa học", 300.0, 163.0),
            ("Quý IV/2026", 500.0, 163.0),
        ]);
        let rows = rows_of(&words);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!((rows[1][0].as_str(), rows[1][3].as_str()), ("(", "Quý IV/2026"));
        assert_eq!(rows[0][3], "Năm 2026 và các năm tiếp theo");
        words.retain(|w| w.text != "(");
        words.extend(phrase(":", 20.0, 163.0));
        assert_eq!(rows_of(&words).len(), 1);
    }

    #[test]
    fn a_columns_first_line_below_a_coded_row_starts_a_cell() {
        // OCRmyPDF's Vietnamese-model layer of 001, Phụ lục I page 6: the row under section II lost
        // its "1", and its target was the page's first line in that column, a line's gap under the
        // section's title. Measured from the title, it started nothing, and the row went into the
        // section row.
        let words = words_of(&[
            ("STT", 20.0, 100.0),
            ("Nội dung chỉ tiêu", 80.0, 100.0),
            ("Kết quả", 330.0, 100.0),
            ("Phòng chủ trì", 440.0, 100.0),
            ("28", 20.0, 135.0),
            ("Triển khai mạng viễn thông", 80.0, 135.0),
            ("Phòng Chuyển đổi số", 440.0, 135.0),
            ("đạo tầm thấp", 80.0, 148.0),
            ("II", 20.0, 163.0),
            ("CHỈ TIÊU CỤ THỂ KẾ HOẠCH", 80.0, 163.0),
            ("UBND TỈNH", 80.0, 176.0),
            ("Tỷ lệ phủ sóng 5G", 80.0, 191.0),
            (">60", 330.0, 191.0),
            ("Phòng Chuyển đổi số", 440.0, 191.0),
            ("2", 20.0, 210.0),
            ("Tỷ lệ người dân", 80.0, 210.0),
            (">70", 330.0, 210.0),
            ("Phòng Chuyển đổi số", 440.0, 210.0),
        ]);
        let rows = rows_of(&words);
        assert_eq!(rows.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(), ["28", "II", "", "2"], "{rows:?}");
        assert_eq!((rows[1][1].as_str(), rows[1][2].as_str()), ("CHỈ TIÊU CỤ THỂ KẾ HOẠCH UBND TỈNH", ""));
        assert_eq!(rows[2][2], ">60");
    }

    #[test]
    fn a_title_line_a_blank_line_under_its_cell_starts_a_row() {
        // OCRmyPDF's Vietnamese-model layer of 001, Phụ lục III page 9: section III's numeral not
        // read at all, its title two lines under row 7's last line in the task column (a cell's
        // lines are one apart), level with nothing. Closer, it is the cell's next line.
        let spec = |title_y: f64| {
            rows_of(&words_of(&[
                ("STT", 20.0, 100.0),
                ("Nhiệm vụ", 80.0, 100.0),
                ("Đơn vị chủ trì", 300.0, 100.0),
                ("Thời hạn", 500.0, 100.0),
                ("7", 20.0, 135.0),
                ("Hình thành Khu Khoa học", 80.0, 135.0),
                ("Phòng Khoa học", 300.0, 135.0),
                ("Quý IV/2026", 500.0, 135.0),
                ("tại Phường Đồng Xoài", 80.0, 148.0),
                ("và Công nghệ", 300.0, 148.0),
                ("đến năm 2029", 500.0, 161.0),
                ("Thúc đẩy chuyển đổi số", 80.0, title_y),
                ("lĩnh vực", 80.0, title_y + 13.0),
                ("1", 20.0, title_y + 30.0),
                ("Xếp hạng chỉ số DTI", 80.0, title_y + 30.0),
                ("Phòng Chuyển đổi số", 300.0, title_y + 30.0),
                ("Năm 2026", 500.0, title_y + 30.0),
            ]))
        };
        let rows = spec(175.0);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!((rows[1][0].as_str(), rows[1][1].as_str(), rows[1][2].as_str()), ("", "Thúc đẩy chuyển đổi số lĩnh vực", ""));
        assert_eq!(spec(161.0).len(), 2);
    }

    #[test]
    fn a_stroke_alone_in_the_stt_column_starts_no_row() {
        // 001's Phụ lục II read by Tesseract-vie: a speck "l" under row 1's code, level with the
        // last line of its units cell; and a section "I" level with its title, which does start one.
        let words = words_of(&[
            ("STT", 20.0, 100.0),
            ("Nhiệm vụ", 80.0, 100.0),
            ("Đơn vị phối hợp", 300.0, 100.0),
            ("Thời hạn", 500.0, 100.0),
            ("1", 20.0, 135.0),
            ("Xây dựng Đề án", 80.0, 135.0),
            ("Các phòng chuyên", 300.0, 135.0),
            ("Năm 2026", 500.0, 135.0),
            ("thí điểm", 80.0, 148.0),
            ("môn", 300.0, 148.0),
            ("l", 20.0, 161.0),
            ("Sở", 300.0, 161.0),
            ("I", 20.0, 187.0),
            ("Phát triển hạ tầng số", 80.0, 187.0),
            ("1", 20.0, 200.0),
            ("Xây dựng Bản đồ", 80.0, 200.0),
            ("Sở Tư pháp", 300.0, 200.0),
            ("Quý I/2026", 500.0, 200.0),
        ]);
        let rows = rows_of(&words);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(rows[0][2], "Các phòng chuyên môn Sở");
        assert_eq!((rows[1][0].as_str(), rows[1][1].as_str()), ("I", "Phát triển hạ tầng số"));
    }

    #[test]
    fn with_an_stt_column_a_group_line_level_with_a_code_starts_a_group_cell() {
        // 001-scan page 11: row 2.1's own "Nhiệm vụ Tổng quát" text one line under row 2's.
        let words = words_of(&[
            ("STT", 20.0, 100.0),
            ("Nhiệm vụ Tổng quát", 80.0, 100.0),
            ("Nhiệm vụ (Con)", 240.0, 100.0),
            ("Đơn vị chủ trì", 400.0, 100.0),
            ("Thời hạn", 560.0, 100.0),
            ("2", 20.0, 135.0),
            ("Xây dựng cơ chế", 80.0, 135.0),
            ("chính sách", 80.0, 148.0),
            ("Xây dựng cơ chế", 240.0, 135.0),
            ("Văn phòng", 400.0, 135.0),
            ("Năm 2026", 560.0, 135.0),
            ("2.1", 20.0, 161.0),
            ("Quyết định ban hành", 80.0, 161.0),
            ("Sở Tư pháp", 400.0, 161.0),
            ("Quý I/2026", 560.0, 161.0),
        ]);
        let rows = rows_of(&words);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0][1], "Xây dựng cơ chế chính sách");
        assert_eq!(rows[1][1], "Quyết định ban hành");
    }

    #[test]
    fn a_row_crossing_gutters_with_wide_gaps_is_no_section_row() {
        // 002-scan page 15: a row cut by the page break has one line, a line of each cell; it
        // crosses one gutter with a word-space gap (12 pt) and the other with a wide one (20 pt).
        let w = |t: &str, x0: f64, x1: f64, y: f64| Word { text: t.into(), x0, x1, top: y - 9.6, bottom: y + 2.4, baseline: y, size: 12.0, space_after: true, fonts: vec![], raw: None, doubt: None };
        let mut words = Vec::new();
        for (t, x, y) in [("Nhiệm vụ", 50.0, 100.0), ("Đơn vị chủ trì", 300.0, 100.0), ("Thời hạn", 500.0, 100.0), ("1. Rà soát", 50.0, 135.0), ("Công an tỉnh", 300.0, 135.0), ("Năm 2026", 500.0, 135.0)] {
            words.extend(phrase(t, x, y));
        }
        words.extend([w("4.", 50.0, 60.0, 170.0), w("Tổ", 63.0, 75.0, 170.0), w("chức", 78.0, 288.0, 170.0), w("Sở", 300.0, 320.0, 170.0), w("Giáo", 323.0, 480.0, 170.0), w("Năm", 500.0, 520.0, 170.0), w("2026", 523.0, 550.0, 170.0)]);
        let rows = rows_of(&words);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[1], vec!["4. Tổ chức".to_string(), "Sở Giáo".into(), "Năm 2026".into()]);
    }

    /// The words of phrases given as (text, x, baseline y): [`phrase`] each.
    fn words_of(spec: &[(&str, f64, f64)]) -> Vec<Word> {
        spec.iter().flat_map(|&(t, x, y)| phrase(t, x, y)).collect()
    }

    fn rows_of(words: &[Word]) -> Vec<Vec<String>> {
        let doc = LayoutDoc { pages: vec![LayoutPage { number: 1, width: 842.0, height: 595.0, words: words.to_vec(), ocr: true, ..Default::default() }], producer: None };
        let t = reassemble(&doc, Rules::get());
        t.tables.iter().flat_map(|tb| tb.rows.iter().map(|r| r.cells.iter().map(|c| match c { Cell::Text(s) => s.clone(), Cell::Covered => "^".into() }).collect())).collect()
    }

    fn page_of(n: u32, spec: &[(&str, f64, f64)]) -> LayoutPage {
        LayoutPage { number: n, width: 842.0, height: 595.0, words: words_of(spec), ocr: true, ..Default::default() }
    }

    #[test]
    fn header_band_measured_on_each_page() {
        // Page 1: a two-line header, measured down to the first coded row, which sits a wide gap
        // below it. Page 2 repeats the header (one word garbled) and starts with the tail of the
        // last row of page 1, uncoded, closer under the header than page 1's first row: the band
        // must end at the header's last row (page 1's band height would swallow the tail), so the
        // tail is joined to its row and no part of the header becomes a row.
        let p1 = page_of(1, &[
            ("Nhiệm vụ", 50.0, 100.0),
            ("Đơn vị", 300.0, 100.0),
            ("chủ trì", 300.0, 113.0),
            ("Thời hạn", 500.0, 100.0),
            ("1.1 Rà soát các giấy tờ", 50.0, 150.0),
            ("Công an tỉnh", 300.0, 150.0),
            ("30/11/2025", 500.0, 150.0),
            ("1.2 Tổng hợp các", 50.0, 175.0),
            ("Sở Tư pháp", 300.0, 175.0),
            ("31/12/2025", 500.0, 175.0),
        ]);
        let p2 = page_of(2, &[
            ("Nhiệm vụ", 50.0, 60.0),
            ("Đơn vị", 300.0, 60.0),
            ("chủ trl", 300.0, 73.0),
            ("Thời hạn", 500.0, 60.0),
            ("văn bản liên quan", 50.0, 98.0),
            ("1.3 Báo cáo kết quả", 50.0, 123.0),
            ("Văn phòng", 300.0, 123.0),
            ("Quý I/2026", 500.0, 123.0),
        ]);
        let doc = LayoutDoc { pages: vec![p1, p2], producer: None };
        let t = reassemble(&doc, Rules::get());
        assert_eq!(t.tables.len(), 1);
        let rows: Vec<Vec<String>> = t.tables[0].rows.iter().map(|r| r.cells.iter().map(|c| c.text().unwrap_or("^").to_string()).collect()).collect();
        assert_eq!(
            rows,
            vec![
                vec!["1.1 Rà soát các giấy tờ".to_string(), "Công an tỉnh".into(), "30/11/2025".into()],
                vec!["1.2 Tổng hợp các văn bản liên quan".into(), "Sở Tư pháp".into(), "31/12/2025".into()],
                vec!["1.3 Báo cáo kết quả".into(), "Văn phòng".into(), "Quý I/2026".into()],
            ]
        );
    }

    #[test]
    fn the_column_numbers_end_a_repeated_header() {
        // 001 rendered at 300 dpi, page 17: under the repeated header and its row of column
        // numbers, the first line of a unit cell carried over from page 16 held header words
        // ("Đơn vị") and was read into the header band (lost), its second line began the next row.
        let p1 = page_of(1, &[
            ("Nhiệm vụ", 50.0, 100.0),
            ("Đơn vị", 300.0, 100.0),
            ("chủ trì", 300.0, 115.0),
            ("(Rõ người)", 300.0, 130.0),
            ("Thời hạn", 500.0, 100.0),
            ("(1)", 50.0, 145.0),
            ("(2)", 300.0, 145.0),
            ("(3)", 500.0, 145.0),
            ("1.1 Rà soát các giấy tờ", 50.0, 170.0),
            ("Công an tỉnh", 300.0, 170.0),
            ("30/11/2025", 500.0, 170.0),
            ("1.2 Tổng hợp các", 50.0, 195.0),
            ("Sở Tư pháp;", 300.0, 195.0),
            ("31/12/2025", 500.0, 195.0),
        ]);
        let p2 = page_of(2, &[
            ("Nhiệm vụ", 50.0, 60.0),
            ("Đơn vị", 300.0, 60.0),
            ("chủ trì", 300.0, 72.0),
            ("(Rõ người)", 300.0, 84.0),
            ("Thời hạn", 500.0, 60.0),
            ("(1)", 50.0, 96.0),
            ("(2)", 300.0, 96.0),
            ("(3)", 500.0, 96.0),
            ("Các đơn vị", 300.0, 108.0),
            ("trực thuộc", 300.0, 120.0),
            ("1.3 Báo cáo kết quả", 50.0, 135.0),
            ("Văn phòng", 300.0, 135.0),
            ("Quý I/2026", 500.0, 135.0),
        ]);
        let doc = LayoutDoc { pages: vec![p1, p2], producer: None };
        let t = reassemble(&doc, Rules::get());
        assert_eq!(t.tables.len(), 1);
        let rows: Vec<Vec<String>> = t.tables[0].rows.iter().map(|r| r.cells.iter().map(|c| c.text().unwrap_or("^").to_string()).collect()).collect();
        assert_eq!(rows.iter().map(|r| r[1].as_str()).collect::<Vec<_>>(), ["Công an tỉnh", "Sở Tư pháp; Các đơn vị trực thuộc", "Văn phòng"], "{rows:?}");
    }

    #[test]
    fn a_group_code_read_with_a_comma_at_a_page_top_starts_a_group() {
        // OCRmyPDF's Vietnamese-model layer of 003, page 10: under the repeated header, the tail of
        // the last row of page 9, then group 5, read "5, Triển khai …". Its cell is not the tail of
        // group 4's merged cell.
        let header = |y: f64| vec![("Nhiệm vụ", 30.0, y), ("tổng quát", 30.0, y + 13.0), ("Nhiệm vụ", 230.0, y), ("Đơn vị", 420.0, y), ("chủ trì", 420.0, y + 13.0), ("Thời hạn", 600.0, y)];
        let mut s1 = header(100.0);
        s1.extend([
            ("3. Ban hành quy định", 30.0, 150.0),
            ("3.1 Ban hành", 230.0, 150.0),
            ("Sở Tư pháp", 420.0, 150.0),
            ("30/9/2025", 600.0, 150.0),
            ("gắn mã định danh", 30.0, 163.0),
            ("4. Chủ trì rà soát", 30.0, 188.0),
            ("4.1 Rà soát các", 230.0, 188.0),
            ("Công an tỉnh", 420.0, 188.0),
            ("30/11/2025", 600.0, 188.0),
            ("quy trình các dịch", 30.0, 201.0),
            ("4.2 Tổng hợp", 230.0, 226.0),
            ("Sở Tư pháp", 420.0, 226.0),
            ("31/12/2025", 600.0, 226.0),
            ("vụ công trực tuyến", 30.0, 214.0),
        ]);
        let mut s2 = header(60.0);
        s2.extend([("dịch vụ công", 230.0, 98.0), ("5, Triển khai chuyển đổi số", 30.0, 123.0), ("5.1 Phủ sóng", 230.0, 123.0), ("Văn phòng", 420.0, 123.0), ("Quý I/2026", 600.0, 123.0)]);
        let doc = LayoutDoc { pages: vec![page_of(1, &s1), page_of(2, &s2)], producer: None };
        let t = reassemble(&doc, Rules::get());
        assert_eq!(t.tables.len(), 1);
        let rows: Vec<Vec<String>> = t.tables[0].rows.iter().map(|r| r.cells.iter().map(|c| c.text().unwrap_or("^").to_string()).collect()).collect();
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert_eq!(rows[1][0], "4. Chủ trì rà soát quy trình các dịch vụ công trực tuyến");
        assert_eq!(rows[2][1], "4.2 Tổng hợp dịch vụ công");
        assert_eq!(rows[3][0], "5, Triển khai chuyển đổi số");
    }

    #[test]
    fn heading_above_the_header_is_not_header() {
        // A heading line that happens to sit inside one column's x range on one line, and runs
        // across the gutters on the next: the header is the band below it.
        let rows = rows_of(&{
            let mut w = Vec::new();
            for (t, x, y) in [
                ("PHỤ LỤC", 380.0, 40.0),
                ("(kèm theo Kế hoạch số 03/KH-BCĐ ngày 16/01/2026 của Ban Chỉ đạo)", 200.0, 55.0),
                ("Nhiệm vụ", 50.0, 90.0),
                ("Đơn vị chủ trì", 300.0, 90.0),
                ("Thời hạn", 500.0, 90.0),
                ("1.1 Rà soát", 50.0, 115.0),
                ("Công an tỉnh", 300.0, 115.0),
                ("30/11/2025", 500.0, 115.0),
                ("1.2 Tổng hợp", 50.0, 140.0),
                ("Sở Tư pháp", 300.0, 140.0),
                ("31/12/2025", 500.0, 140.0),
            ] {
                w.extend(phrase(t, x, y));
            }
            w
        });
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0][0], "1.1 Rà soát");
    }

    #[test]
    fn centred_header_word_over_a_gap_in_its_column_is_no_gutter() {
        // The target column: numbers left-aligned at 480, its header "Kết quả" centred at 505;
        // between them a gap that no body row crosses, but the header phrase does.
        let mut words = Vec::new();
        for (t, x, y) in [("Nội dung", 60.0, 100.0), ("Kết quả", 505.0, 100.0), ("Phòng chủ trì", 600.0, 100.0)] {
            words.extend(phrase(t, x, y));
        }
        let header = text_rows(&words);
        let mut body_words = Vec::new();
        for k in 0..10 {
            let y = 130.0 + 20.0 * k as f64;
            for (t, x) in [("Dữ liệu được chia sẻ", 60.0), ("100", 480.0), ("Phòng Chuyển đổi số", 600.0)] {
                body_words.extend(phrase(t, x, y));
            }
        }
        let body = text_rows(&body_words);
        let xs = columns(&body, 842.0, &header, None);
        assert_eq!(xs.len(), 4, "three columns: {xs:?}");
        assert!(xs[1] < 480.0 && xs[2] > 540.0 && xs[2] < 600.0, "{xs:?}");
        // Without the header, the gap between "100" and "Kết quả"'s place would not exist, but a
        // header word starting in it would be cut by a boundary at its right end.
        let mut with_gap = body_words.clone();
        for k in 0..10 {
            with_gap.extend(phrase("x", 530.0, 130.0 + 20.0 * k as f64));
        }
        let xs = columns(&text_rows(&with_gap), 842.0, &header, None);
        assert!(!xs.iter().any(|&b| b > 505.0 && b < 505.0 + 35.0), "no boundary through \"Kết quả\": {xs:?}");
    }

    #[test]
    fn a_word_space_is_no_gutter_when_the_line_pitch_says_the_text_is_larger() {
        // OCRmyPDF's deskewed 001, page 4: its lines set at 8.3 pt for 11-pt text (13.5 pt apart);
        // every lead cell starts "Phòng", and the 10.5-pt space after it is no gutter.
        let small = |t: &str, x: f64, y: f64| phrase(t, x, y).into_iter().map(|w| Word { size: 8.3, ..w }).collect::<Vec<_>>();
        let mut body_words = Vec::new();
        for k in 0..10 {
            let y = 130.0 + 27.0 * k as f64;
            body_words.extend(small("Dữ liệu được chia sẻ", 60.0, y));
            body_words.extend(small("Phòng", 571.0, y));
            body_words.extend(small("Chuyển đổi số", 606.5, y));
        }
        let body = text_rows(&body_words);
        assert_eq!(columns(&body, 842.0, &[], Some(13.5)).len(), 3);
        assert_eq!(columns(&body, 842.0, &[], None).len(), 4, "the old reading: a gutter after \"Phòng\"");
    }

    #[test]
    fn a_section_row_over_a_gutter_does_not_close_it() {
        // OCRmyPDF's deskewed 002, page 11: 27 rows, of which the section row "I. Nâng cao …"
        // runs across the gutter between the group and task columns, and one word read across
        // the ruling ("dia_|.\"Dang") crosses it too: two rows over it, where 4% of 27 allows one.
        let mut words = Vec::new();
        for k in 0..26 {
            let y = 130.0 + 14.0 * k as f64;
            words.extend(phrase("Dữ liệu được", 60.0, y));
            words.extend(phrase("Phòng Chuyển đổi số", 300.0, y));
        }
        // Row 12: a word across the ruling (140–305), its cell's text going on right of it.
        let y = 130.0 + 14.0 * 12.0;
        words.retain(|w| w.baseline != y);
        words.extend(phrase("địa.\"Đàngxxxxxxxxxxxxxxxxxxxxxxxx", 140.0, y));
        words.extend(phrase("đổi số", 310.0, y));
        words.extend(phrase("I. Nâng cao nhận thức đột phá về đổi mới tư duy trong toàn hệ thống chính trị", 60.0, 116.0));
        let body = text_rows(&words);
        assert_eq!(body.len(), 27);
        let xs = columns(&body, 842.0, &[], None);
        assert_eq!(xs.len(), 3, "a gutter before 300: {xs:?}");
        assert!(xs[1] > 280.0 && xs[1] < 300.0, "{xs:?}");
    }

    #[test]
    fn a_section_row_set_small_is_full_width_by_the_line_pitch() {
        // OCRmyPDF's deskewed 002, page 16: lines set at 8.3 pt for 11-pt text, 12.6 pt apart;
        // section V's title runs across the table with 10.5-pt word spaces, wider than 1.2 times
        // 8.3 but not than 1.2 times the 9.7 pt the pitch gives, so it is one full-width row.
        let small = |t: &str, x: f64, y: f64, gap: f64| {
            let mut out = Vec::new();
            let mut x = x;
            for w in t.split(' ') {
                let x1 = x + 5.0 * w.chars().count() as f64;
                out.push(Word { text: w.into(), x0: x, x1, top: y - 6.6, bottom: y + 1.7, baseline: y, size: 8.3, space_after: true, fonts: vec![], raw: None, doubt: None });
                x = x1 + gap;
            }
            out
        };
        let mut words = Vec::new();
        for (t, x, y) in [
            ("Nhiệm vụ", 50.0, 100.0),
            ("Đơn vị chủ trì", 300.0, 100.0),
            ("Thời hạn", 500.0, 100.0),
            ("1. Rà soát", 50.0, 135.0),
            ("các văn bản", 50.0, 147.6),
            ("Công an tỉnh", 300.0, 135.0),
            ("Năm 2026", 500.0, 135.0),
            ("2. Xây dựng", 50.0, 205.0),
            ("cơ chế", 50.0, 217.6),
            ("Sở Tư pháp", 300.0, 205.0),
            ("Quý I/2026", 500.0, 205.0),
        ] {
            words.extend(small(t, x, y, 3.0));
        }
        words.extend(small("V. Đẩy mạnh chuyển đổi số ứng dụng khoa học công nghệ đổi mới sáng tạo", 50.0, 175.0, 10.5));
        let rows = rows_of(&words);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(rows[1], vec!["V. Đẩy mạnh chuyển đổi số ứng dụng khoa học công nghệ đổi mới sáng tạo".to_string(), "".into(), "".into()]);
    }

    #[test]
    fn group_and_task_columns_from_their_codes_when_the_header_is_garbled() {
        // OCRmyPDF's deskewed 000, page 8: the first two headers read as noise, the others named;
        // the first column holds a numeral and groups' codes, the second tasks' codes (one, "1,2",
        // unread: its full stop read as a comma).
        let rows = rows_of(&words_of(&[
            ("ở)MANhigmva Tongquae", 50.0, 100.0),
            ("ọe of jơ Ta súc", 170.0, 100.0),
            ("Sản phẩm đầu ra", 290.0, 100.0),
            ("Đơn vị chủ trì", 410.0, 100.0),
            ("Đơn vị phối hợp", 530.0, 100.0),
            ("Thời hạn", 650.0, 100.0),
            ("I. Về chuyển đổi số", 50.0, 125.0),
            ("1. Ban hành", 50.0, 150.0),
            ("1.1 Rà soát", 170.0, 150.0),
            ("Báo cáo", 290.0, 150.0),
            ("Công an tỉnh", 410.0, 150.0),
            ("Các sở", 530.0, 150.0),
            ("30/11/2025", 650.0, 150.0),
            ("quy định", 50.0, 163.0),
            ("1,2 Tổng hợp", 170.0, 180.0),
            ("Dự thảo", 290.0, 180.0),
            ("Sở Tư pháp", 410.0, 180.0),
            ("Các sở", 530.0, 180.0),
            ("31/12/2025", 650.0, 180.0),
            ("2. Bảo đảm", 50.0, 210.0),
            ("2.1 Đào tạo", 170.0, 210.0),
            ("Kế hoạch", 290.0, 210.0),
            ("Sở Nội vụ", 410.0, 210.0),
            ("Các sở", 530.0, 210.0),
            ("Năm 2026", 650.0, 210.0),
        ]));
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert_eq!(rows[1][..2], ["1. Ban hành quy định".to_string(), "1.1 Rà soát".into()]);
        assert_eq!(rows[2][..2], ["^".to_string(), "1,2 Tổng hợp".into()]);
        assert_eq!(rows[3][..2], ["2. Bảo đảm".to_string(), "2.1 Đào tạo".into()]);
        assert_eq!(super::code_level("Ll. Hoàn thiện"), Some(1));
        assert_eq!(super::code_level("1.1.Rà soát"), Some(2));
        assert_eq!(super::code_level("100 chuyên gia"), None);
    }

    #[test]
    fn stt_column_from_its_codes() {
        // "STT" read right and repaired to "SỬ": the first column holds codes (some read loosely).
        let mut words = Vec::new();
        for (k, code) in ["I", "1", "2", "ll", "4", "5)"].iter().enumerate() {
            let y = 130.0 + 20.0 * k as f64;
            words.extend(phrase(code, 48.0, y));
            words.extend(phrase("Nội dung chỉ tiêu", 90.0, y));
        }
        let body = text_rows(&words);
        let xs = vec![44.0, 84.0, 400.0];
        let mut roles = vec![String::new(), "content".to_string()];
        stt_from_body(&body, &xs, &mut roles);
        assert_eq!(roles[0], "stt");
        // A first column of words is not an STT column.
        let mut words = Vec::new();
        for k in 0..6 {
            let y = 130.0 + 20.0 * k as f64;
            words.extend(phrase("Sở", 48.0, y));
            words.extend(phrase("Nội dung", 90.0, y));
        }
        let mut roles = vec![String::new(), "content".to_string()];
        stt_from_body(&text_rows(&words), &xs, &mut roles);
        assert_eq!(roles[0], "");
        // Tesseract-vie's reading of 001's Phụ lục III: "lÌ" for "1." counts, "BÀI" does not (4 of 5).
        let mut words = Vec::new();
        for (k, code) in ["1", "lÌ", "2", "BÀI", "2.2"].iter().enumerate() {
            let y = 130.0 + 20.0 * k as f64;
            words.extend(phrase(code, 48.0, y));
            words.extend(phrase("Nội dung", 90.0, y));
        }
        let mut roles = vec![String::new(), "content".to_string()];
        stt_from_body(&text_rows(&words), &xs, &mut roles);
        assert_eq!(roles[0], "stt");
    }

    #[test]
    fn speck_cells_are_empty_and_section_rows_stay_sections() {
        // A section row whose other cells hold specks read as "." and ":".
        let rows = rows_of(&{
            let mut w = Vec::new();
            for (t, x, y) in [
                ("Nhiệm vụ", 50.0, 100.0),
                ("Đơn vị chủ trì", 300.0, 100.0),
                ("Thời hạn", 500.0, 100.0),
                ("I. Về chuyển đổi số", 50.0, 125.0),
                (".", 320.0, 125.0),
                (":", 520.0, 125.0),
                ("1.1 Rà soát", 50.0, 150.0),
                ("Công an tỉnh", 300.0, 150.0),
                ("30/11/2025", 500.0, 150.0),
                ("1.2 Tổng hợp", 50.0, 175.0),
                ("Sở Tư pháp", 300.0, 175.0),
                ("31/12/2025", 500.0, 175.0),
            ] {
                w.extend(phrase(t, x, y));
            }
            w
        });
        assert_eq!(rows[0], vec!["I. Về chuyển đổi số".to_string(), "".into(), "".into()]);
    }

    #[test]
    fn a_numeral_the_repair_made_of_a_speck_starts_no_row() {
        // OCRmyPDF's layer of 002, page 12: a speck in the group column, level with the last line
        // of a task's title, read "F" and repaired "I".
        let table = |raw: Option<&str>| {
            let mut w = Vec::new();
            for (t, x, y) in [
                ("Nhiệm vụ Tổng quát", 50.0, 100.0),
                ("Nhiệm vụ (Con)", 300.0, 100.0),
                ("Đơn vị chủ trì", 500.0, 100.0),
                ("Thời hạn", 700.0, 100.0),
                ("1. Xây dựng cơ chế", 50.0, 135.0),
                ("Xây dựng cơ chế chính sách", 300.0, 135.0),
                ("khuyến khích khởi", 300.0, 148.0),
                ("nghiệp tại Đồng Nai", 300.0, 161.0),
                ("Sở Khoa học và Công nghệ", 500.0, 135.0),
                ("Năm 2026", 700.0, 135.0),
                ("2. Ban hành quy chế", 50.0, 190.0),
                ("Ban hành quy chế", 300.0, 190.0),
                ("Sở Tư pháp", 500.0, 190.0),
                ("Năm 2027", 700.0, 190.0),
            ] {
                w.extend(phrase(t, x, y));
            }
            let mut speck = phrase("I", 200.0, 161.0);
            speck[0].raw = raw.map(str::to_string);
            w.extend(speck);
            rows_of(&w)
        };
        // As read, "F": the title's last line stays in its row.
        let rows = table(Some("F"));
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0][1], "Xây dựng cơ chế chính sách khuyến khích khởi nghiệp tại Đồng Nai");
        // Read "I" by the OCR itself: a section numeral, which starts a row (as before).
        assert_eq!(table(None).len(), 3);
    }

    #[test]
    fn starts_with_code_and_header_rows() {
        let row = |t: &str| phrase(t, 50.0, 100.0);
        let w = row("I, Nâng cao nhận thức");
        assert!(starts_with_code(&text_rows(&w)[0]));
        let w = row("Nhiệm vụ Tổng quát");
        assert!(!starts_with_code(&text_rows(&w)[0]));
        assert!(starts_with_code(&text_rows(&row("LÍ Nâng cao nhận thức"))[0]));
        assert!(!starts_with_code(&text_rows(&row("Lí do chọn"))[0]));
        assert!(!starts_with_code(&text_rows(&row("lí nâng cao"))[0]));
        assert!(starts_with_code(&text_rows(&row("L. Nâng cao nhận thức"))[0]));
        assert!(starts_with_code(&text_rows(&row("Ll. Hoàn thiện thể chế"))[0]));
        assert!(!starts_with_code(&text_rows(&row("L. nâng cao"))[0]));
        let header: Vec<String> = ["nhiem", "vu", "tong", "quat", "thoi", "han", "7", "luong"].iter().map(|s| s.to_string()).collect();
        assert!(is_header_row(&text_rows(&row("(7) Thời"))[0], &super::header_chars(&header)));
        assert!(is_header_row(&text_rows(&row("Nhiệm vụ Tổng quát (1)"))[0], &super::header_chars(&header)));
        assert!(!is_header_row(&text_rows(&row("Rà soát các giấy tờ có liên quan"))[0], &super::header_chars(&header)));
        // a header's lone last line: short, every word the header's
        assert!(all_header_words(&text_rows(&row("thoi han)"))[0], &header));
        assert!(!all_header_words(&text_rows(&row("thoi han luong"))[0], &header));
        assert!(!all_header_words(&text_rows(&row("han xong"))[0], &header));
    }

    #[test]
    fn garbled_task_header_named_by_column_order() {
        // rules/headers.toml `ocr_task_role_after`: the unnamed column after "group" is the task.
        let texts: Vec<String> = ["(1) Mã Nhiệm vụ Tổng quát", "oes es Ở) Tiên peel (còn)", "(3) Sản phẩm Đầu ra Bắt buộc", "(5) Đơn vị Chủ trì", "Thời hạn"].iter().map(|s| s.to_string()).collect();
        let (_, roles) = crate::tables::header_roles_texts(&texts, Rules::get(), true).unwrap();
        assert_eq!(roles, vec!["group", "task", "output", "lead", "deadline"]);
        // Printed tables never get it.
        let (_, roles) = crate::tables::header_roles_texts(&texts, Rules::get(), false).unwrap();
        assert_eq!(roles[1], "");
        // "(4) KPI Đo lường Hiệu quả (Định lượng)" with its first words garbled (003 rendered at
        // 300 dpi, English model): named by "(Định lượng)" (rules/headers.toml).
        let texts: Vec<String> = ["(1) Mã Nhiệm vụ Tổng quát", "(2) Tiểu Nhiệm vụ (Con)", "©)S@apham Đầu ra Bắt buộc (Rõ Kết quả)", "Ợ)KPLBoliing Hiệu quả (Định lượng)", ")Đơn vụ Chợ trì (Rõ người)", "(7) Thời hạn Hoàn thành"].iter().map(|s| s.to_string()).collect();
        let (_, roles) = crate::tables::header_roles_texts(&texts, Rules::get(), true).unwrap();
        assert_eq!(roles[3], "kpi");
        // 000-scan's header: lead and support both garbled; the KPI column names the lead, the lead
        // the support.
        let texts: Vec<String> = ["(1) Mà Nhiệm vụ Tổng quát", "(2) Tiểu Nhiệm vụ (Con)", "(3) Sản phẩm Đầu ra", "(4) KPI Đo lường Hiệu quả (Định lượng)", "(5) Đơn vị Chủ ừ (Rõ người)", "aeaee Baits phối %", "(7) Thời hạn Hoãn ‘thành (Rõ Thời gian)"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let (_, roles) = crate::tables::header_roles_texts(&texts, Rules::get(), true).unwrap();
        assert_eq!(roles, vec!["group", "task", "output", "kpi", "lead", "support", "deadline"]);
    }
}
