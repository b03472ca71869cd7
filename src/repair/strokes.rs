//! Quarter numerals on OCR text layers, counted by their width.
//!
//! Tesseract's English model reads the strokes of a Roman quarter numeral as digits or letters
//! ("Quý 11/2026"), and drops one now and then: 001-scan reads III as "11" as well as II. The text
//! alone cannot tell them apart (the normaliser reads "11" as II and warns `deadline_guessed`), but
//! the word's box can: each stroke widens it by the same amount. Measured on the four scans, the
//! width of "N/2026" over the width of the "Quý" before it is 1.73–1.76 for I, 1.99–2.05 for II and
//! 2.24–2.32 for III (IV 2.26–2.33, told apart by its V).
//!
//! So, per document and per case of "Quý"/"quý" (the ratio's scale): the numerals read cleanly
//! ("1", "I", "II", "III") give a line `ratio = a + b·strokes` (through the medians of the two
//! stroke counts read most often, or least squares); a numeral read as strokes only ("11", "I1",
//! "II1", "H"), or read cleanly but as wide as another count (Tesseract-vie drops and adds strokes:
//! "I/2026" for II), or "IV" with a stroke too many ("TIV"), whose measured count lies within 0.3
//! of a whole number from 1 to 3 is rewritten with that many I's (IV when its V was read), and a
//! warning (`deadline_measured`) says so. Anything else is left as read, its slash made plain
//! ("II/⁄2026"), and "1" written "I" where the document writes its quarters in Roman numerals.
//! Positions only: the words and phrases come from rules/deadlines.toml (`quarter_words`,
//! `stroke_i`, `stroke_pairs`, `slashes`, `slash_lookalikes`, `quarter_numerals`).

use crate::pdf::{Page, TextLayer};
use crate::model::Warning;
use crate::rules::{fold, is_one_of, Rules};

/// How far from a whole stroke count a measured one may be, in strokes.
const TOLERANCE: f64 = 0.3;

struct Numeral {
    page: usize,
    word: usize,
    /// The numeral as read, folded ("11"), and the rest of the word ("/2026").
    numeral: String,
    rest: String,
    /// Width over the width of the quarter word before it.
    ratio: f64,
    /// The quarter word starts with a capital.
    capital: bool,
}

/// The stroke count of a numeral read cleanly ("1" and "i" are one stroke, "ii" two, "iii" three).
fn clean_strokes(n: &str) -> Option<f64> {
    match n {
        "1" | "i" => Some(1.0),
        "ii" => Some(2.0),
        "iii" => Some(3.0),
        _ => None,
    }
}

/// A numeral of two or more strokes that is not a clean one ("11", "i1", "ii1", "iti"; "h", two
/// strokes run together).
fn ambiguous(n: &str) -> bool {
    let g = &Rules::get().deadlines;
    let strokes: Option<usize> = n.chars().map(|c| if is_one_of(c, &g.stroke_i) { Some(1) } else if is_one_of(c, &g.stroke_pairs) { Some(2) } else { None }).sum();
    strokes.is_some_and(|k| k >= 2) && clean_strokes(n).is_none() && !g.quarter_numerals.contains_key(n)
}

/// A quarter word's numeral and year as one word ("II/2026", "I1/⁄2026"): the numeral, and the year
/// with its slash as it should be ("/2026"), when the slash was read as one of the rules' `slashes`
/// (one or more) before four digits.
fn split_numeral(text: &str) -> Option<(&str, String)> {
    let g = &Rules::get().deadlines;
    let is_slash = |c: char| is_one_of(c, &g.slashes);
    let year_ok = |y: &str| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit());
    let Some(at) = text.find(is_slash) else {
        // No slash at all: read as a stroke ("Quý I12026" for "Quý II/2026"), before the year.
        let n = text.len();
        let looks = |c: char| is_one_of(c, &g.slash_lookalikes);
        // (The year's four bytes are ASCII digits, so the byte before them ends a character.)
        if n >= 5 && text.as_bytes()[n - 4..].iter().all(u8::is_ascii_digit) {
            let cut = text[..n - 4].char_indices().last().map_or(0, |(i, _)| i);
            // Else the slash was not read at all ("Quý I2026", "Quý II2026": Tesseract-vie at
            // 300 dpi): all before the year is the numeral (the word's box still spans the
            // printed slash, so its width counts the strokes as well).
            let cut = if cut > 0 && text[..n - 4].ends_with(looks) { cut } else { n - 4 };
            return Some((&text[..cut], format!("/{}", &text[n - 4..])));
        }
        return None;
    };
    let (head, rest) = text.split_at(at);
    let year = rest.trim_start_matches(is_slash);
    year_ok(year).then(|| (head, format!("/{year}")))
}

/// "IV" read with a stroke too many before it ("TIV", "1IV"): stroke characters, then I, V.
fn junk_iv(n: &str) -> bool {
    let g = &Rules::get().deadlines;
    let cs: Vec<char> = n.chars().collect();
    cs.len() >= 3 && is_one_of(cs[cs.len() - 1], &g.stroke_v) && cs[..cs.len() - 1].iter().all(|&c| is_one_of(c, &g.stroke_i))
}

fn numerals(pages: &[Page]) -> Vec<Numeral> {
    let g = &Rules::get().deadlines;
    let mut out = Vec::new();
    for (pi, p) in pages.iter().enumerate() {
        if p.text_layer() != Some(TextLayer::Ocr) {
            continue;
        }
        for (wi, w) in p.words.iter().enumerate() {
            let Some((head, rest)) = split_numeral(&w.text) else { continue };
            if head.is_empty() || head.chars().count() > 4 {
                continue;
            }
            let numeral = fold(head);
            if clean_strokes(&numeral).is_none() && !ambiguous(&numeral) && !junk_iv(&numeral) {
                continue;
            }
            let h = w.bottom - w.top;
            let quarter = p.words.iter().find(|q| {
                let overlap = w.bottom.min(q.bottom) - w.top.max(q.top);
                let qw = q.x1 - q.x0;
                q.x1 <= w.x0 + 1.0 && w.x0 - q.x1 < 1.5 * qw && overlap > 0.3 * h && g.quarter_words.contains(&fold(&q.text))
            });
            let Some(q) = quarter else { continue };
            let qw = q.x1 - q.x0;
            if qw <= 0.0 || w.x1 <= w.x0 {
                continue;
            }
            out.push(Numeral { page: pi, word: wi, numeral, rest: rest.to_string(), ratio: (w.x1 - w.x0) / qw, capital: q.text.chars().next().is_some_and(char::is_uppercase) });
        }
    }
    out
}

/// The line through (strokes, ratio): (a, b). Through the medians of the two stroke counts read
/// most often, when two are read twice or more (an OCR that drops or adds a stroke now and then,
/// as Tesseract-vie does, misplaces a few clean readings: medians are not pulled by them); when one
/// is, through its median with the median slope to the others; else the least-squares line, when
/// two stroke counts at least are seen.
fn fit(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    let mut by: Vec<(f64, Vec<f64>)> = Vec::new();
    for &(s, r) in points {
        match by.iter_mut().find(|(k, _)| *k == s) {
            Some((_, v)) => v.push(r),
            None => by.push((s, vec![r])),
        }
    }
    by.retain(|(_, v)| v.len() >= 2);
    by.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.total_cmp(&b.0)));
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let n = v.len();
        if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
    };
    if by.len() >= 2 {
        let (s1, m1) = (by[0].0, median(&mut by[0].1));
        let (s2, m2) = (by[1].0, median(&mut by[1].1));
        let b = (m2 - m1) / (s2 - s1);
        return (b > 0.0).then_some((m1 - b * s1, b));
    }
    // One count read twice or more, the others once: the line through its median, as steep as the
    // median slope from there to the others. (At 150 dpi the English model read four of 002's
    // II as "1": among twelve "1"s they pulled a least-squares line so that none stood out.)
    if let Some((s1, v)) = by.first_mut() {
        let (s1, m1) = (*s1, median(v));
        let mut slopes: Vec<f64> = points.iter().filter(|p| p.0 != s1).map(|p| (p.1 - m1) / (p.0 - s1)).collect();
        if !slopes.is_empty() {
            let b = median(&mut slopes);
            return (b > 0.0).then_some((m1 - b * s1, b));
        }
    }
    least_squares(points)
}

/// Least-squares line through (strokes, ratio): (a, b), when two stroke counts at least are seen.
fn least_squares(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    let n = points.len() as f64;
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx) * (p.0 - mx)).sum();
    if points.len() < 3 || sxx < 0.5 {
        return None;
    }
    let b = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum::<f64>() / sxx;
    (b > 0.0).then_some((my - b * mx, b))
}

/// Rewrites the stroke numerals a document's widths settle; one warning each.
pub fn measure(pages: &mut [Page]) -> Vec<Warning> {
    let found = numerals(pages);
    if std::env::var_os("KEHOACH_DEBUG_STROKES").is_some() {
        for n in &found {
            eprintln!("numeral {:?}{:?} ratio {:.3} capital {} page {}", n.numeral, n.rest, n.ratio, n.capital, n.page);
        }
    }
    let mut warnings = Vec::new();
    let mut rewritten = Vec::new();
    for capital in [true, false] {
        let points: Vec<(f64, f64)> = found.iter().filter(|n| n.capital == capital).filter_map(|n| clean_strokes(&n.numeral).map(|s| (s, n.ratio))).collect();
        let Some((a, b)) = fit(&points) else { continue };
        for n in found.iter().filter(|n| n.capital == capital) {
            let strokes = (n.ratio - a) / b;
            let whole = strokes.round();
            if (strokes - whole).abs() > TOLERANCE || !(1.0..=3.0).contains(&whole) {
                continue;
            }
            // A clean reading stands unless the width says another count (a stroke dropped or
            // added: Tesseract-vie's "I/2026" for II, "II/2026" for III). IV is as wide as III.
            let iv = junk_iv(&n.numeral);
            if clean_strokes(&n.numeral).is_some_and(|k| k == whole) {
                // (the numeral as read, its width agreeing: a slash the OCR did not read at all
                // is put back, "I2026" → "I/2026", the value unchanged; the pass below writes
                // its "1" as "I" where the document's quarters are Roman)
                let w = &mut pages[n.page].words[n.word];
                if !w.text.contains(|c: char| is_one_of(c, &Rules::get().deadlines.slashes)) {
                    if let Some((head, rest)) = split_numeral(&w.text) {
                        w.text = format!("{head}{rest}");
                    }
                }
                continue;
            }
            if !(ambiguous(&n.numeral) || clean_strokes(&n.numeral).is_some() || iv) || (iv && whole != 3.0) {
                continue;
            }
            let page = &mut pages[n.page];
            let w = &mut page.words[n.word];
            let read = w.text.clone();
            w.text = format!("{}{}", if iv { "IV".to_string() } else { "I".repeat(whole as usize) }, n.rest);
            rewritten.push((n.page, n.word));
            warnings.push(
                Warning::new("deadline_measured", format!("quarter numeral read as {read:?} taken as {:?}: {strokes:.2} strokes by the word's width, check the page", w.text))
                    .at(Some(page.number), None),
            );
        }
    }
    // A document writing its quarters in Roman numerals (one read as letters, "II/2026", or as
    // strokes, "11/2026" or "tit/2026": no Arabic quarter is written so) writes quarter I so too:
    // the English model's "1/2026" there is "I/2026" (the value is the same). (150-dpi 001: every
    // II and III read in strokes, none as letters, and its five "1/2026" stayed.)
    let roman = found.iter().any(|n| n.numeral.chars().all(|c| c == 'i') || n.numeral == "iv" || ambiguous(&n.numeral) || junk_iv(&n.numeral));
    // The rest keep their numeral as read, the slash made plain ("II/⁄2026" → "II/2026"); a stroke
    // that may be the slash ("I12026") stays as read when the width did not settle the numeral.
    for n in found.iter().filter(|n| !rewritten.contains(&(n.page, n.word))) {
        let w = &mut pages[n.page].words[n.word];
        if let Some((head, rest)) = split_numeral(&w.text) {
            if w.text.contains(|c: char| is_one_of(c, &Rules::get().deadlines.slashes)) {
                let head = if roman && head == "1" { "I" } else { head };
                w.text = format!("{head}{rest}");
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::Word;

    fn word(text: &str, x0: f64, x1: f64, top: f64) -> Word {
        Word { text: text.into(), x0, x1, top, bottom: top + 10.0, baseline: top + 8.0, size: 10.0, space_after: true, fonts: vec![], raw: None, doubt: None }
    }

    fn page(cells: &[(&str, f64)]) -> Page {
        // One "Quy" (13.77 wide) and its numeral per line, the numeral's width given (001-scan's).
        let mut words = Vec::new();
        for (i, (t, w)) in cells.iter().enumerate() {
            let top = 100.0 + 20.0 * i as f64;
            words.push(word("Quy", 725.0, 738.77, top));
            words.push(word(t, 741.0, 741.0 + w, top));
        }
        let n = words.iter().map(|w| w.text.chars().count()).sum();
        Page { number: 12, width: 842.0, height: 595.0, words, invisible_glyphs: n, ..Default::default() }
    }

    #[test]
    fn strokes_counted_by_width() {
        // 001-scan, Phụ lục III: I, II read cleanly; "11" for II (27.72) and for III (30.87); "II1" (31.36).
        let mut pages = vec![page(&[("1/2026", 23.76), ("II/2026", 27.72), ("11/2026", 27.72), ("11/2026", 30.87), ("1/2026", 24.07), ("II/2026", 27.41), ("II1/2026", 31.36), ("IV/2026", 31.5)])];
        let w = measure(&mut pages);
        let texts: Vec<&str> = pages[0].words.iter().skip(1).step_by(2).map(|w| w.text.as_str()).collect();
        // (and "1" is "I" in a document writing its quarters in Roman numerals)
        assert_eq!(texts, ["I/2026", "II/2026", "II/2026", "III/2026", "I/2026", "II/2026", "III/2026", "IV/2026"]);
        assert_eq!(w.len(), 3);
        assert!(w.iter().all(|w| w.code == "deadline_measured" && w.page == Some(12)));
        // a width between two counts is left as read
        let mut pages = vec![page(&[("1/2026", 23.76), ("II/2026", 27.72), ("1/2026", 24.07), ("11/2026", 29.5)])];
        assert!(measure(&mut pages).is_empty());
        assert_eq!(pages[0].words[7].text, "11/2026");
        // one stroke count alone among the clean readings: no scale, nothing measured
        let mut pages = vec![page(&[("1/2026", 23.76), ("1/2026", 24.07), ("11/2026", 30.87)])];
        assert!(measure(&mut pages).is_empty());
        // (a numeral in strokes, "11", is a Roman one: the document's "1" is "I")
        assert_eq!(pages[0].words[1].text, "I/2026");
        // with no numeral in letters or strokes, "1" stays "1" (a plan may write its quarters so)
        let mut pages = vec![page(&[("1/2026", 23.76), ("2/2026", 24.07), ("1/2026", 23.9)])];
        assert!(measure(&mut pages).is_empty());
        assert_eq!(pages[0].words[1].text, "1/2026");
    }

    #[test]
    fn one_count_read_often_and_the_others_once() {
        // 002 rendered at 150 dpi, English model: twelve "1/2026", four of them II (1.955 of
        // "Quý"), one "II" and one "III" read cleanly. A least-squares line through all fourteen
        // left the four as I.
        let q = 13.7;
        let mut cells = vec![("1/2026", 1.737)];
        cells.extend([("1/2026", 1.744); 4]);
        cells.extend([("1/2026", 1.774); 3]);
        cells.extend([("1/2026", 1.955); 4]);
        cells.extend([("II/2026", 1.996), ("III/2026", 2.308)]);
        let cells: Vec<(&str, f64)> = cells.iter().map(|&(t, r)| (t, r * q)).collect();
        let mut pages = vec![page(&cells)];
        let w = measure(&mut pages);
        let texts: Vec<&str> = pages[0].words.iter().skip(1).step_by(2).map(|w| w.text.as_str()).collect();
        let mut want = vec!["I/2026"; 8];
        want.extend(["II/2026"; 4]);
        want.extend(["II/2026", "III/2026"]);
        assert_eq!(texts, want);
        assert_eq!(w.len(), 4);
    }

    #[test]
    fn tesseract_vie_strokes_dropped_added_and_joined() {
        // 002-scan re-read by Tesseract-vie (--ocr): I at 1.51–1.54 of "Quý", II at 1.70–1.74,
        // III at 1.91–1.93, but III read "II" twice and II read "I" once; II read "H", III "TIV"…
        let q = 13.77;
        let cells = [
            ("1/2026", 1.506), ("1/2026", 1.506), ("1/2026", 1.526), ("1/2026", 1.539), ("II/2026", 1.701), ("II/2026", 1.737), ("II/2026", 1.737),
            ("I/2026", 1.750), ("II/2026", 1.909), ("II/2026", 1.934), ("H/2026", 1.72), ("II/⁄2026", 1.73), ("TIV/2026", 1.93), ("TIV/2026", 1.60),
        ];
        let cells: Vec<(&str, f64)> = cells.iter().map(|&(t, r)| (t, r * q)).collect();
        let mut pages = vec![page(&cells)];
        let w = measure(&mut pages);
        let texts: Vec<&str> = pages[0].words.iter().skip(1).step_by(2).map(|w| w.text.as_str()).collect();
        assert_eq!(
            texts,
            ["I/2026", "I/2026", "I/2026", "I/2026", "II/2026", "II/2026", "II/2026", "II/2026", "III/2026", "III/2026", "II/2026", "II/2026", "IV/2026", "TIV/2026"]
        );
        // one warning per numeral whose strokes changed (not for the plain slash)
        assert_eq!(w.len(), 5);
        // A stroke that may be the slash, with no scale to count by: left as read.
        let mut pages = vec![page(&[("1/2026", 1.526 * q), ("I12026", 1.737 * q)])];
        assert!(measure(&mut pages).is_empty());
        assert_eq!(pages[0].words[3].text, "I12026");
        // … and with one: counted.
        let mut pages = vec![page(&[("1/2026", 1.506 * q), ("1/2026", 1.526 * q), ("II/2026", 1.73 * q), ("II/2026", 1.74 * q), ("I12026", 1.737 * q)])];
        assert_eq!(measure(&mut pages).len(), 1);
        assert_eq!(pages[0].words[9].text, "II/2026");
        // A lone stroke before the year, the slash not read: the numeral, counted by its width.
        let mut pages = vec![page(&[("1/2026", 1.506 * q), ("1/2026", 1.526 * q), ("II/2026", 1.73 * q), ("II/2026", 1.74 * q), ("I2026", 1.735 * q), ("I2026", 1.51 * q)])];
        assert_eq!(measure(&mut pages).len(), 1);
        assert_eq!(pages[0].words[9].text, "II/2026");
        assert_eq!(pages[0].words[11].text, "I/2026");
        // "12026" as wide as one stroke, where the quarters are Roman: "I/2026".
        let mut pages = vec![page(&[("1/2026", 1.506 * q), ("1/2026", 1.526 * q), ("II/2026", 1.73 * q), ("II/2026", 1.74 * q), ("12026", 1.52 * q)])];
        assert!(measure(&mut pages).is_empty());
        assert_eq!(pages[0].words[9].text, "I/2026");
    }

    #[test]
    fn printed_pages_are_left_alone() {
        let mut p = page(&[("1/2026", 23.76), ("II/2026", 27.72), ("1/2026", 24.07), ("11/2026", 30.87)]);
        p.visible_glyphs = p.invisible_glyphs + 1;
        let mut pages = vec![p];
        assert!(measure(&mut pages).is_empty());
        assert_eq!(pages[0].words[7].text, "11/2026");
    }
}
