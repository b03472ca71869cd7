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

use super::{code_start_ocr, header_roles_texts, is_roman_start};
use crate::layout::LayoutPage;
use crate::pdf::{Segment, Word};
use crate::rules::Rules;

/// What one table page tells the next (the header band's height, the column boundaries).
#[derive(Debug, Clone, Default)]
pub struct OcrState {
    pub header_height: Option<f64>,
    pub xs: Option<Vec<f64>>,
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

/// Column boundaries of the text rows given: [left, gutter, …, right].
fn columns(rows: &[TextRow], width: f64) -> Vec<f64> {
    let n = width.max(1.0).ceil() as usize + 2;
    let mut cover = vec![0usize; n];
    let (mut lo, mut hi) = (f64::MAX, f64::MIN);
    for r in rows {
        let mut seen = vec![false; n];
        for w in r.words.iter().filter(|w| !is_punct(w)) {
            lo = lo.min(w.x0);
            hi = hi.max(w.x1);
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
            if x - start >= 4 && x < end {
                xs.push(x as f64 - 2.0);
            }
        } else {
            x += 1;
        }
    }
    xs.push(hi + 3.0);
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

/// The texts of the columns over a band of rows (lines joined by spaces).
fn band_texts(rows: &[TextRow], xs: &[f64]) -> Vec<String> {
    let mut t = vec![String::new(); xs.len() - 1];
    for r in rows {
        for w in &r.words {
            let c = col_of(xs, w.cx());
            if !t[c].is_empty() {
                t[c].push(' ');
            }
            t[c].push_str(&w.text);
        }
    }
    t
}

/// One line of one column.
struct ColLine {
    col: usize,
    baseline: f64,
    text: String,
}

/// Ruling segments for the table on an OCR page, or nothing when no table header is found.
pub fn segments(page: &LayoutPage, rules: &Rules, state: &mut OcrState) -> Vec<Segment> {
    let rows = text_rows(&page.words);
    if rows.len() < 3 {
        return Vec::new();
    }
    let sizes: Vec<f64> = rows.iter().flat_map(|r| r.words.iter().map(|w| w.size)).collect();
    let size = median(sizes).unwrap_or(12.0);
    let pitch = {
        let d: Vec<f64> = rows.windows(2).map(|w| w[1].baseline - w[0].baseline).filter(|&d| d > 0.6 * size && d < 1.6 * size).collect();
        median(d).unwrap_or(1.1 * size)
    };
    // The header: the first row from which a band of rows reads as a table header.
    for i in 0..rows.len() {
        if rows[i].words.iter().all(|w| is_punct(w)) || rows[i].top > page.height * 0.75 {
            continue;
        }
        let rest = &rows[i..];
        let fresh = columns(rest, page.width);
        // The columns of the table's previous page first (a continuation page's own gutters can
        // split a column whose text happens to be short there), then the page's own.
        let mut col_sets: Vec<Vec<f64>> = state.xs.iter().cloned().collect();
        if fresh.len() >= 4 {
            col_sets.push(fresh);
        }
        for xs in col_sets {
        // A header's first line has no phrase running across a gutter (a heading line above does).
        let ws: Vec<&&Word> = rows[i].words.iter().filter(|w| !is_punct(w)).collect();
        if ws.windows(2).any(|p| col_of(&xs, p[0].cx()) != col_of(&xs, p[1].cx()) && p[1].x0 - p[0].x1 < 1.2 * size) {
            continue;
        }
        let top = rows[i].top;
        // The band's height: measured where the first body row starts with a code, else the last
        // table page's.
        let first_code = rest.iter().skip(1).find(|r| {
            let first = r.words.iter().find(|w| !is_punct(w));
            first.is_some_and(|w| {
                let c = col_of(&xs, w.cx());
                let line: Vec<&str> = r.words.iter().filter(|x| col_of(&xs, x.cx()) == c).map(|x| x.text.as_str()).collect();
                c <= 1 && (code_start_ocr(&line.join(" ")) || is_roman_start(&line.join(" ")))
            }) && r.top - top < 8.0 * pitch
        });
        let mut candidates: Vec<f64> = Vec::new();
        if let Some(h) = state.header_height {
            candidates.push(h);
        }
        if let Some(r) = first_code {
            candidates.push(r.top - 1.0 - top);
        }
        for h in candidates {
            let band: Vec<TextRow> = rest.iter().take_while(|r| r.baseline < top + h).map(|r| TextRow { words: r.words.clone(), top: r.top, bottom: r.bottom, baseline: r.baseline }).collect();
            let texts = band_texts(&band, &xs);
            let Some((_, roles)) = header_roles_texts(&texts, rules, true) else { continue };
            let body_top = top + h;
            let segs = build(page, &rows[i + band.len()..], &xs, &roles, top - 2.0, body_top, pitch, size);
            if segs.is_empty() {
                continue;
            }
            state.header_height = Some(h);
            state.xs = Some(xs);
            return segs;
        }
        }
    }
    Vec::new()
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let m = v.len() / 2;
    Some(*v.select_nth_unstable_by(m, |a, b| a.total_cmp(b)).1)
}

#[allow(clippy::too_many_arguments)]
fn build(page: &LayoutPage, body: &[TextRow], xs: &[f64], roles: &[String], top: f64, body_top: f64, pitch: f64, size: f64) -> Vec<Segment> {
    let nc = xs.len() - 1;
    let role = |c: usize| roles.get(c).map(|s| s.as_str()).unwrap_or("");
    // The table ends at the first vertical gap wider than 2.5 lines (a signature block, body text).
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
    let body = &body[..end];
    if body.is_empty() {
        return Vec::new();
    }
    let bottom = last_bottom + 2.0;
    // Lines of each column.
    let mut lines: Vec<ColLine> = Vec::new();
    for r in body {
        let mut per: Vec<Vec<&Word>> = vec![Vec::new(); nc];
        for w in &r.words {
            per[col_of(xs, w.cx())].push(w);
        }
        for (c, ws) in per.into_iter().enumerate() {
            if ws.is_empty() || ws.iter().all(|w| is_punct(w)) {
                continue;
            }
            let text = ws.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
            let baseline = ws.iter().map(|w| w.baseline).sum::<f64>() / ws.len() as f64;
            lines.push(ColLine { col: c, baseline, text });
        }
    }
    // Row starts: (y, column, strong).
    let mut starts: Vec<(f64, usize, bool)> = Vec::new();
    let mut prev_base: Vec<Option<f64>> = vec![None; nc];
    for l in &lines {
        let r = role(l.col);
        let key = matches!(r, "stt" | "group" | "task" | "content");
        let coded = (key && code_start_ocr(&l.text)) || (matches!(r, "stt" | "group") || l.col == 0) && is_roman_start(&l.text) || (r == "stt" && l.text.chars().next().is_some_and(|c| c.is_ascii_digit()));
        let gap = prev_base[l.col].is_none_or(|b| l.baseline - b > 1.35 * pitch);
        if coded || gap {
            starts.push((l.baseline, l.col, coded));
        }
        prev_base[l.col] = Some(l.baseline);
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
    match bounds.first_mut() {
        Some(b) if b.0 < body_top + 1.5 * pitch => b.0 = body_top,
        _ => bounds.insert(0, (body_top, (0..nc).collect())),
    }
    if std::env::var_os("KEHOACH_DEBUG_OCR").is_some() {
        eprintln!("page {} pitch {pitch:.1} top {top:.1} body_top {body_top:.1} xs {:?}", page.number, xs.iter().map(|x| *x as i32).collect::<Vec<_>>());
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
            ws.windows(2).any(|p| col_of(xs, p[0].cx()) != col_of(xs, p[1].cx()) && p[1].x0 - p[0].x1 < 1.2 * size) && ws.windows(2).all(|p| p[1].x0 - p[0].x1 < 2.5 * size)
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
            out.push(Word { text: w.into(), x0: x, x1, top: y - 9.6, bottom: y + 2.4, baseline: y, size: 12.0, space_after: true, fonts: vec![] });
            x = x1 + 3.0;
        }
        out
    }

    #[test]
    fn scanned_table_rows_and_columns_from_words() {
        // Three columns (task at 50, lead at 300, deadline at 500), a two-line header, a section
        // row, two coded rows (the first with a wrapped second line) and an uncoded row.
        let mut words = Vec::new();
        for (t, x, y) in [
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
        ] {
            words.extend(phrase(t, x, y));
        }
        let page = LayoutPage { number: 1, width: 842.0, height: 595.0, words, ocr: true, ..Default::default() };
        let doc = LayoutDoc { pages: vec![page], producer: None };
        let t = reassemble(&doc, Rules::get());
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
}
