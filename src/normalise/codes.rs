//! Row codes read back from their sequence (issue 8).
//!
//! OCR misreads a table's row codes: "1" as "i." or "ll", "11" as "all!", "2.1" as "Pad", "2.3" as
//! "23.", "3.2" as "3, 2", "II" as "Ll" or as a second "I". The structure of the table says what they
//! must be: codes follow each other ("2.1" after "2" or "2.0"'s parent, "1.4" between "1.3" and
//! "1.5", "1" after a section row) and section numerals count up. Here a code cell that does not read
//! as a code, or reads as one that breaks the sequence while a one-character misreading fits it, is
//! given the code its neighbours fix, and the caller warns naming the row (never silently). A code
//! the neighbours do not fix stays unread (a warning, no code, no record invented).
//!
//! Pure functions over the cells' text, so each rule is tested on synthetic cells.

/// What one code cell of a table holds, in reading order. Section rows are [`Entry::Break`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Entry<'a> {
    /// A section row: item numbering may restart at 1 after it.
    Break,
    /// An STT cell: its whole text is the code ("" when the cell is empty).
    Stt(&'a str),
    /// A text cell whose leading code, if any, is the row's code ("1.1 Rà soát …").
    Lead(&'a str),
}

/// What to do with one entry.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Nothing to change (a readable code in sequence, an empty cell, text without a code, a break).
    Keep,
    /// A readable code with OCR punctuation around it ("5);", "34 -", "4°"): the code alone.
    Tidied(String),
    /// The code the neighbours fix. `text` is the cell's new text (the code, or the code and the
    /// rest of a text cell); `why` names the neighbours for the warning.
    Restored { code: String, text: String, why: String },
    /// A code cell that does not read as a code and that the neighbours do not fix.
    Unreadable,
    /// "3 Hill" before a 1: the row's code, then a section numeral read into the same cell (its
    /// section row lost to the row above); numbering restarts after it.
    SectionAfter { code: String, why: String },
}

/// "2.1" → [2, 1]; None unless digits and dots only, each part 1–3 digits.
pub fn parse(code: &str) -> Option<Vec<u32>> {
    if code.is_empty() {
        return None;
    }
    code.split('.')
        .map(|p| if !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()) { p.parse().ok() } else { None })
        .collect()
}

fn fmt(v: &[u32]) -> String {
    v.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(".")
}

/// The codes that may follow `c`: its first child, then the next sibling at each level
/// ("2.6" → 2.6.1, 2.7, 3).
pub fn successors(c: &[u32]) -> Vec<Vec<u32>> {
    let mut out = vec![[c, &[1]].concat()];
    for i in (0..c.len()).rev() {
        let mut s = c[..=i].to_vec();
        s[i] += 1;
        out.push(s);
    }
    out
}

/// Characters OCR leaves around a readable code ("5);", "34 -", "4°", "IV__|").
fn is_code_junk(c: char) -> bool {
    c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | ')' | '(' | '-' | '–' | '_' | '|' | '°' | '\'' | '’' | '‘' | '"')
}

/// "(" or ")" alone: in an STT cell, a digit the OCR misread, not a speck (`tables::ocr` starts a
/// row at it too).
pub(crate) fn is_lone_parenthesis(raw: &str) -> bool {
    matches!(raw.trim(), "(" | ")")
}

fn tidy(raw: &str) -> &str {
    raw.trim().trim_matches(is_code_junk)
}

/// The leading digits of a garbled STT cell ("7G" → 7, "3 Hill" → 3): a hint, not a reading.
fn stt_hint(raw: &str) -> Option<Vec<u32>> {
    let t = raw.trim();
    let end = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    parse(t[..end].trim_end_matches('.'))
}

/// "3 Hill": after the leading code, one word of letters (a numeral OCR read as a word).
fn word_tail(raw: &str) -> bool {
    let t = raw.trim().trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let t = t.trim().trim_matches(is_code_junk);
    !t.is_empty() && t.len() <= 6 && t.chars().all(|c| c.is_ascii_alphabetic())
}

/// A damaged leading code of a text cell: a run of digits and punctuation before the first letter,
/// its digit groups read as one code ("3, 2 Hoàn thành" → 3.2, "-10. Ban hành" → 10, "4, Tổ chức" → 4).
/// Returns the code and the byte offset where the text after it starts. None when the groups cannot
/// be a code (a year, a zero-padded count, more than three levels). A child code's first digit may
/// be a letter an OCR reads for it ("S.2 Thực hiện" → 5.2: Tesseract-vie on a 300 dpi page of 000).
pub fn damaged_prefix(text: &str) -> Option<(Vec<u32>, usize)> {
    let mut cs = text.chars();
    let lookalike = match (cs.next(), cs.next(), cs.next()) {
        (Some(l), Some('.' | ','), Some(d)) if d.is_ascii_digit() => match l {
            'S' => Some('5'),
            'l' | 'I' | '|' => Some('1'),
            'Z' => Some('2'),
            'B' => Some('8'),
            'G' => Some('6'),
            _ => None,
        },
        _ => None,
    };
    if let Some(digit) = lookalike {
        let first = text.chars().next()?.len_utf8();
        let (code, end) = damaged_prefix(&format!("{digit}{}", &text[first..]))?;
        return (code.len() >= 2).then_some((code, end - 1 + first));
    }
    let mut end = 0;
    for (i, c) in text.char_indices() {
        if c.is_ascii_digit() || matches!(c, '.' | ',' | ';' | ':' | '-' | '–' | '—' | ' ') {
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    let run = &text[..end];
    // The run must stop at a word (not "100%", not "2026/2027"), after a separator.
    let rest = &text[end..];
    if rest.is_empty() || !rest.starts_with(char::is_alphabetic) || !run.ends_with(|c: char| !c.is_ascii_digit()) {
        return None;
    }
    let groups: Vec<&str> = run.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).collect();
    // Three digits alone are a child code whose full stop the OCR lost ("122 Hoàn thành" for
    // "12.2", Tesseract-vie on a rendered page of 000-wp): no code part has three digits. (Taken,
    // as every damaged prefix, only where the sequence wants that code.)
    if let [g] = groups[..] {
        if g.len() == 3 && !g.starts_with('0') && !g[2..].starts_with('0') {
            return Some((vec![g[..2].parse().unwrap(), g[2..].parse().unwrap()], end));
        }
    }
    if groups.is_empty() || groups.len() > 3 || groups.iter().any(|g| g.len() > 2 || g.starts_with('0')) {
        return None;
    }
    Some((groups.iter().map(|g| g.parse().unwrap()).collect(), end))
}

/// Every run of `len` codes that may follow one another from `prev` and be followed by `next`.
fn runs_between(prev: &[u32], next: &[u32], len: usize) -> Vec<Vec<Vec<u32>>> {
    if len == 0 {
        return if successors(prev).iter().any(|s| s == next) { vec![Vec::new()] } else { Vec::new() };
    }
    let mut out = Vec::new();
    for s in successors(prev) {
        for mut rest in runs_between(&s, next, len - 1) {
            rest.insert(0, s.clone());
            out.push(rest);
        }
    }
    out
}

/// Edit distance between the digit strings of two codes ("23" vs "2.3": 0; "33" vs "3": 1).
fn digit_distance(a: &[u32], b: &[u32]) -> usize {
    let d = |v: &[u32]| v.iter().map(|x| x.to_string()).collect::<String>();
    strsim::levenshtein(&d(a), &d(b))
}

/// How an entry reads before the sequence is consulted.
#[derive(Debug, Clone)]
enum Read {
    Break,
    /// Nothing that could be a code (text without one, an entry that is not an STT cell).
    Nothing,
    /// An empty STT cell.
    Empty,
    /// A readable code (`tidied` when OCR punctuation had to go).
    Code { code: Vec<u32>, tidied: bool },
    /// A garbled STT cell, with the digits it starts with if any.
    Garbled { hint: Option<Vec<u32>> },
    /// A text cell whose damaged prefix reads as this code; the text after it starts at `rest`.
    Damaged { code: Vec<u32>, rest: usize },
}

fn read(e: &Entry) -> Read {
    match e {
        Entry::Break => Read::Break,
        Entry::Stt(raw) => {
            let plain = raw.trim().trim_end_matches('.');
            if plain.is_empty() {
                return Read::Empty;
            }
            if let Some(code) = parse(plain) {
                return Read::Code { code, tidied: false };
            }
            match parse(tidy(raw)) {
                Some(code) => Read::Code { code, tidied: true },
                // A parenthesis alone is a digit the OCR read as one ("(" for the "7" of 001's Phụ
                // lục III, OCRmyPDF's layer): one character, garbled; other marks alone are specks.
                None if tidy(raw).is_empty() && !is_lone_parenthesis(raw) => Read::Empty,
                None => Read::Garbled { hint: stt_hint(raw) },
            }
        }
        Entry::Lead(text) => {
            let (code, _) = super::split_code(text);
            match code.and_then(|c| parse(&c)) {
                Some(code) => Read::Code { code, tidied: false },
                None => match damaged_prefix(text) {
                    Some((code, rest)) => Read::Damaged { code, rest },
                    None => Read::Nothing,
                },
            }
        }
    }
}

/// The restored codes of one table's code cells (`entries` in reading order), one outcome each.
pub fn restore(entries: &[Entry]) -> Vec<Outcome> {
    let reads: Vec<Read> = entries.iter().map(read).collect();
    let mut out = vec![Outcome::Keep; entries.len()];
    // The codes settled so far (readable or restored), to find each entry's previous code.
    let mut settled: Vec<Option<Vec<u32>>> = vec![None; entries.len()];
    let is_candidate = |r: &Read| matches!(r, Read::Empty | Read::Garbled { .. } | Read::Damaged { .. });
    for i in 0..entries.len() {
        let (own, tidied) = match &reads[i] {
            Read::Break | Read::Nothing => continue,
            Read::Code { code, tidied } => (Some(code.clone()), *tidied),
            _ => (None, false),
        };
        // Previous settled code, and whether a section row lies between.
        let mut prev = None;
        let mut after_break = false;
        let mut others = 0;
        for j in (0..i).rev() {
            match (&reads[j], &settled[j]) {
                (Read::Break, _) => after_break = true,
                (_, Some(c)) => {
                    after_break |= matches!(out[j], Outcome::SectionAfter { .. });
                    prev = Some(c.clone());
                    break;
                }
                (r, None) if is_candidate(r) && !after_break => others += 1,
                _ => {}
            }
        }
        // Next readable code before any section row.
        let mut next = None;
        for j in i + 1..entries.len() {
            match &reads[j] {
                Read::Break => break,
                Read::Code { code, .. } => {
                    next = Some(code.clone());
                    break;
                }
                r if is_candidate(r) => others += 1,
                _ => {}
            }
        }
        let mut may: Vec<Vec<u32>> = prev.as_deref().map(successors).unwrap_or_default();
        if after_break || prev.is_none() {
            may.push(vec![1]);
        }
        let fits_next = |x: &Vec<u32>| next.as_deref().map(|n| successors(x).iter().any(|s| s == n)).unwrap_or(true);
        // Between two readable codes with no other unread cell between: the codes both allow.
        // (Only where there is a gap: a next code that may directly follow the previous one leaves
        // nothing for this cell to be; it is an uncoded row.)
        let gap = next.as_ref().map(|n| !may.contains(n)).unwrap_or(false);
        let between: Vec<Vec<u32>> = if gap && others == 0 {
            may.iter().filter(|x| fits_next(x)).cloned().collect()
        } else if let (true, Some(p), Some(n), false) = (gap && others <= 2 && is_candidate(&reads[i]), &prev, &next, after_break) {
            // Two or three unread cells in a row between two codes (001's indicators in OCRmyPDF's
            // layer: 8 and 9 lost between 7 and 10): where exactly one run of codes, each allowed
            // after the one before, leads from the previous code to the next, this cell is its
            // first (the next cells are then one-wide gaps).
            let runs = runs_between(p, n, others + 1);
            if runs.len() == 1 { vec![runs[0][0].clone()] } else { Vec::new() }
        } else {
            Vec::new()
        };
        let why = |x: &[u32]| {
            let n = |c: &Option<Vec<u32>>| c.as_deref().map(fmt).unwrap_or_else(|| "none".into());
            format!("{} fits between {} and {}", fmt(x), if after_break { "the section row".into() } else { n(&prev) }, if next.is_none() { "the end of the run".into() } else { n(&next) })
        };
        let raw = match entries[i] {
            Entry::Stt(s) | Entry::Lead(s) => s,
            Entry::Break => "",
        };
        // The last row of its run (a section row or the table's end next, no other unread cell
        // about): the one code of the length read that may follow the previous one.
        let last_of_run = |n: usize| -> Option<Vec<u32>> {
            if next.is_some() || prev.is_none() || others > 0 {
                return None;
            }
            let fit: Vec<&Vec<u32>> = may.iter().filter(|x| fmt(x).chars().count() == n).collect();
            (fit.len() == 1).then(|| fit[0].clone())
        };
        let decided: Option<Vec<u32>> = match &reads[i] {
            Read::Code { code, .. } => {
                // A readable code that breaks the sequence where a one-character misreading fits:
                // between two codes, or as the last row of its run ("1", "4", then a section row:
                // 001's Phụ lục III read by Tesseract-vie).
                let fits = prev.is_none() || may.contains(code) && fits_next(code);
                let fix = if between.len() == 1 { Some(between[0].clone()) } else { last_of_run(fmt(code).chars().count()) };
                if let Some(x) = fix.filter(|x| !fits && digit_distance(code, x) <= 1) {
                    // A text cell keeps its text after the code ("9. Kế hoạch …" → "5 Kế hoạch …").
                    let text = match entries[i] {
                        Entry::Lead(s) => format!("{} {}", fmt(&x), super::split_code(s).1),
                        _ => fmt(&x),
                    };
                    out[i] = Outcome::Restored { code: fmt(&x), text: text.trim_end().to_string(), why: why(&x) };
                    Some(x)
                } else {
                    if tidied {
                        out[i] = Outcome::Tidied(fmt(code));
                    }
                    own
                }
            }
            Read::Empty => {
                // A code lost altogether: only where the gap is one row wide (after a code, or
                // after a section row: the table's first, OCRmyPDF's deskewed 001, Phụ lục III).
                if between.len() == 1 && (prev.is_some() || after_break) {
                    let x = between[0].clone();
                    out[i] = Outcome::Restored { code: fmt(&x), text: fmt(&x), why: why(&x) };
                    Some(x)
                } else {
                    None
                }
            }
            Read::Garbled { hint } => {
                // Without digits to go on, the length of what OCR read: one character ("K)" for
                // "3", 001-scan page 15) is a one-character code, never a child code "2.1"; taken
                // when exactly one code the sequence allows is that long.
                let by_length = || {
                    let n = tidy(raw).chars().count().max(1);
                    let fit: Vec<&Vec<u32>> = may.iter().filter(|x| fmt(x).chars().count() == n && fits_next(x)).collect();
                    (n == 1 && fit.len() == 1 && prev.is_some()).then(|| fit[0].clone())
                };
                let x = if between.len() == 1 {
                    Some(between[0].clone())
                } else if hint.is_none() {
                    by_length()
                } else {
                    hint.as_ref().filter(|h| may.contains(h) && fits_next(h)).cloned()
                };
                match x {
                    Some(x) => {
                        out[i] = Outcome::Restored { code: fmt(&x), text: fmt(&x), why: why(&x) };
                        Some(x)
                    }
                    None => match hint.as_ref().filter(|h| may.contains(h) && next.as_deref() == Some(&[1][..]) && word_tail(raw)) {
                        Some(h) => {
                            out[i] = Outcome::SectionAfter { code: fmt(h), why: format!("{} follows {}, then a word, and the next row starts again at 1", fmt(h), prev.as_deref().map(fmt).unwrap_or_default()) };
                            Some(h.clone())
                        }
                        None => {
                            out[i] = Outcome::Unreadable;
                            None
                        }
                    },
                }
            }
            Read::Damaged { code, rest } => {
                // Text cells: only the code their damaged prefix spells, where the sequence allows it.
                if may.contains(code) && fits_next(code) && prev.is_some() {
                    let x = code.clone();
                    out[i] = Outcome::Restored { code: fmt(&x), text: format!("{} {}", fmt(&x), raw[*rest..].trim_start()), why: why(&x) };
                    Some(x)
                } else {
                    None
                }
            }
            Read::Break | Read::Nothing => None,
        };
        settled[i] = decided;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Section numerals.

pub fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || !s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')) {
        return None;
    }
    let v = |c| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        _ => 50,
    };
    let cs: Vec<u32> = s.chars().map(v).collect();
    let mut total = 0i64;
    for (i, &c) in cs.iter().enumerate() {
        if cs.get(i + 1).map(|&n| n > c).unwrap_or(false) {
            total -= c as i64;
        } else {
            total += c as i64;
        }
    }
    (total > 0 && roman(total as u32) == s).then_some(total as u32)
}

/// An I that Tesseract's Vietnamese model gave a mark (the rule beside it, or a full stop, read as
/// a tone mark): "lÌ" for "1.", "HỊ." for "II.".
pub fn is_marked_i(c: char) -> bool {
    matches!(c, 'Í' | 'Ì' | 'Ỉ' | 'Ị' | 'Ĩ' | 'í' | 'ì' | 'ỉ' | 'ị' | 'ĩ')
}

/// One vertical stroke alone, what a speck or a rule's stub of a scan reads as ("l", "|", "I",
/// "i", "!").
pub fn is_stroke(s: &str) -> bool {
    matches!(s.trim(), "l" | "|" | "I" | "i" | "!")
}

/// A section numeral as Tesseract's Vietnamese model reads it at a line start, letters that cannot
/// be counted: a bold "II" read as one "H", an I given a mark by the rule or the full stop beside it
/// ("HỊ." for II., "HI." for III., "VHI." for VII.: 002-scan pages 11, 14, 19). A token of I-like
/// letters, V and X (at most four) holding an "H" or a marked I, then "." or ",", a space and a
/// capital. Returns the token and the byte offset of the title; the numeral is the one its
/// sequence gives ([`restore_sections`]: a token that is no numeral takes the next).
pub fn ocr_numeral_prefix(text: &str) -> Option<(String, usize)> {
    let t = text.trim_start();
    let skip = text.len() - t.len();
    let marked = |c: char| c.is_uppercase() && is_marked_i(c);
    let token: String = t.chars().take_while(|&c| matches!(c, 'I' | 'l' | 'L' | '|' | 'H' | 'V' | 'X' | 'T' | '1') || marked(c)).collect();
    let n = token.chars().count();
    // (also "TỊ." for II. and "1V." for IV.: 002 scanned and read by Tesseract-vie, pages 12 and
    // 14; a "1" only beside a V or X, where no row code has a letter, a "T" only with a marked I)
    let has = |f: &dyn Fn(char) -> bool| token.chars().any(f);
    let digit_numeral = has(&|c| c == '1') && has(&|c| matches!(c, 'V' | 'X'));
    if n == 0 || n > 4 || !(has(&|c| c == 'H' || marked(c)) || digit_numeral) || (has(&|c| c == 'T') && !has(&marked)) || (has(&|c| c == '1') && !digit_numeral) {
        return None;
    }
    let rest = &t[token.len()..];
    let after = rest.strip_prefix('.').or_else(|| rest.strip_prefix(','))?;
    let title = after.strip_prefix(' ')?.trim_start();
    title.chars().next().filter(|c| c.is_uppercase())?;
    Some((token, skip + t.len() - title.len()))
}

pub fn roman(mut n: u32) -> String {
    let mut s = String::new();
    for (v, r) in [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// The section numerals of one table's section rows in reading order: `Some(raw)` the numeral cell
/// as read, None a section row without one (left alone). Sections count up from I: a cell that
/// does not read as a numeral gets the next one ("Ll" after I → II), and a numeral that repeats or
/// goes back where the next one is one letter away is that one ("I" after I → II; "VI" after VI →
/// VII). A numeral that skips ahead is kept (a section may be missing, never invented).
pub fn restore_sections(raws: &[Option<&str>]) -> Vec<Outcome> {
    let mut last = 0u32;
    raws.iter()
        .enumerate()
        .map(|(k, raw)| {
            let Some(raw) = raw else { return Outcome::Keep };
            let expected = roman(last + 1);
            let t = tidy(raw);
            // The next section's numeral as read (the next one that reads as a numeral at all).
            let next = raws[k + 1..].iter().flatten().find_map(|r| roman_value(tidy(r)));
            let out = match roman_value(t) {
                // A numeral that skips one and then comes again ("I", "III", "III": OCRmyPDF's layer
                // of 002 read "II." as "IIL."), one letter from the expected one, is that one.
                Some(v) if v > last + 1 && next.is_some_and(|n| n <= v) && strsim::levenshtein(t, &expected) <= 1 => {
                    last += 1;
                    Outcome::Restored { code: expected.clone(), text: expected.clone(), why: format!("{expected} follows {}, and {} comes again next (read {})", roman(last - 1), roman(v), roman(v)) }
                }
                Some(v) if v > last => {
                    last = v;
                    if t == raw.trim().trim_end_matches('.') { Outcome::Keep } else { Outcome::Tidied(t.to_string()) }
                }
                Some(v) if strsim::levenshtein(t, &expected) <= 1 => {
                    last += 1;
                    Outcome::Restored { code: expected.clone(), text: expected.clone(), why: format!("{expected} follows {} (read {})", roman(last - 1), roman(v)) }
                }
                // Strokes lost: "I" where III is due (001 rendered at 150 dpi, Phụ lục II), an I-only
                // numeral going back where the expected one is more I's, the next section (if
                // any) after it.
                Some(v) if t.chars().all(|c| c == 'I') && expected.chars().all(|c| c == 'I') && next.is_none_or(|n| n > last + 1) => {
                    last += 1;
                    Outcome::Restored { code: expected.clone(), text: expected.clone(), why: format!("{expected} follows {} (read {}: strokes lost)", roman(last - 1), roman(v)) }
                }
                Some(v) => {
                    last = v;
                    Outcome::Keep
                }
                None => {
                    last += 1;
                    Outcome::Restored { code: expected.clone(), text: expected.clone(), why: format!("{expected} follows {}", if last == 1 { "the table's start".to_string() } else { roman(last - 1) }) }
                }
            };
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Entry::*;

    fn codes(o: &[Outcome]) -> Vec<String> {
        o.iter()
            .map(|x| match x {
                Outcome::Keep => "=".into(),
                Outcome::Tidied(c) => format!("~{c}"),
                Outcome::Restored { text, .. } => format!("!{text}"),
                Outcome::Unreadable => "?".into(),
                Outcome::SectionAfter { code, .. } => format!("{code}|"),
            })
            .collect()
    }

    /// A numeral that skips one and then comes again is the one it skipped; a numeral that skips
    /// one with the next one going on from it is kept (a section may be missing from a plan).
    #[test]
    fn a_section_numeral_that_skips_and_repeats_is_the_skipped_one() {
        let got = restore_sections(&[Some("I"), Some("III"), Some("III"), Some("IV")]);
        assert_eq!(codes(&got), ["=", "!II", "=", "="]);
        assert_eq!(codes(&restore_sections(&[Some("I"), Some("III"), Some("IV")])), ["=", "=", "="]);
        assert_eq!(codes(&restore_sections(&[Some("I"), Some("III"), None, Some("III")])), ["=", "!II", "=", "="]);
        // strokes lost: "I" where III is due, the next one IV or none
        assert_eq!(codes(&restore_sections(&[Some("I"), Some("II"), Some("I"), Some("IV")])), ["=", "=", "!III", "="]);
        assert_eq!(codes(&restore_sections(&[Some("I"), Some("II"), Some("I")])), ["=", "=", "!III"]);
        // but not where the next one says the table started again
        assert_eq!(codes(&restore_sections(&[Some("I"), Some("II"), Some("I"), Some("II")])), ["=", "=", "=", "="]);
    }

    #[test]
    fn tesseract_vie_numerals_are_marked_not_counted() {
        assert_eq!(ocr_numeral_prefix("HỊ. Hoàn thiện thể chế"), Some(("HỊ".to_string(), "HỊ. ".len())));
        assert_eq!(ocr_numeral_prefix("VHI. Tăng cường"), Some(("VHI".to_string(), "VHI. ".len())));
        assert_eq!(ocr_numeral_prefix("HI, Hoàn thiện"), Some(("HI".to_string(), "HI, ".len())));
        // Plain numerals are the roman reader's; words and lower-case text are no numerals.
        assert_eq!(ocr_numeral_prefix("II. Hoàn thiện"), None);
        assert_eq!(ocr_numeral_prefix("Hà Nội"), None);
        assert_eq!(ocr_numeral_prefix("H. sau đó"), None);
        assert_eq!(ocr_numeral_prefix("HHHHH. Về"), None);
        // "TỊ." for II and "1V." for IV; not a row code ("1. Xây dựng", "11. Xây dựng") nor a word
        // with a T ("Tổ chức", "TT. Về").
        assert_eq!(ocr_numeral_prefix("TỊ. Hoàn thiện thể chế"), Some(("TỊ".to_string(), "TỊ. ".len())));
        assert_eq!(ocr_numeral_prefix("1V. Phát triển"), Some(("1V".to_string(), "1V. ".len())));
        for t in ["1. Xây dựng", "11. Xây dựng", "Tổ chức", "TT. Về", "T. Về"] {
            assert_eq!(ocr_numeral_prefix(t), None, "{t}");
        }
        // The sequence reads them: after I, "HỊ" is II; after II, "HI" is III; after VI, "VHI" is VII.
        let o = restore_sections(&[Some("I"), Some("HỊ"), Some("HI"), Some("IV"), Some("V"), Some("VI"), Some("VHI")]);
        assert_eq!(codes(&o), ["=", "!II", "!III", "=", "=", "=", "!VII"]);
    }

    #[test]
    fn text_cell_code_out_of_sequence_keeps_its_text() {
        // 002-scan page 18: "9. Kế hoạch rà soát …" between 4 and 6 is 5, and the cell keeps its title.
        let o = restore(&[Lead("4. Triển khai"), Lead("9. Kế hoạch rà soát"), Lead("6. Làm sạch")]);
        assert_eq!(codes(&o), ["=", "!5 Kế hoạch rà soát", "="]);
    }

    #[test]
    fn one_garbled_character_is_a_one_character_code() {
        // 001-scan page 15: "3" read "K)" after row 2, a section row next: 3, not 2.1.
        assert_eq!(codes(&restore(&[Stt("2"), Stt("K)"), Break])), ["=", "!3", "="]);
        // OCRmyPDF's 001, Phụ lục III: the "7" of section II's last row read "(".
        assert_eq!(codes(&restore(&[Stt("5"), Stt("6"), Stt("("), Break])), ["=", "=", "!7", "="]);
        // A speck alone is no code.
        assert_eq!(codes(&restore(&[Stt("5"), Stt("6"), Stt("."), Break]))[2], "=");
        // Two characters could be either: unread.
        assert_eq!(codes(&restore(&[Stt("2"), Stt("Kx"), Break])), ["=", "?", "="]);
        // After 9, both 10 and 9.1 are longer than one character: unread.
        assert_eq!(codes(&restore(&[Stt("9"), Stt("K"), Break])), ["=", "?", "="]);
    }

    #[test]
    fn a_run_of_lost_codes_with_one_way_through() {
        // OCRmyPDF's layer of 001, Phụ lục I section II: the STT cells of 8 and 9 read as nothing.
        assert_eq!(codes(&restore(&[Stt("7"), Stt(""), Stt(""), Stt("10")])), ["=", "!8", "!9", "="]);
        assert_eq!(codes(&restore(&[Stt("2"), Stt(""), Stt("Kx"), Stt(""), Stt("6")])), ["=", "!3", "!4", "!5", "="]);
        // From 2 to 4 in two: 2.1 and 3, or 3 and 3.1: left unread.
        assert_eq!(runs_between(&[2], &[4], 2), vec![vec![vec![2, 1], vec![3]], vec![vec![3], vec![3, 1]]]);
        assert_eq!(codes(&restore(&[Stt("2"), Stt(""), Stt(""), Stt("4")]))[1..3], ["=", "="]);
        assert_eq!(runs_between(&[2], &[3, 2], 2), vec![vec![vec![3], vec![3, 1]]]);
    }

    #[test]
    fn successors_of_a_code() {
        assert_eq!(successors(&[2, 6]), vec![vec![2, 6, 1], vec![2, 7], vec![3]]);
        assert_eq!(successors(&[2]), vec![vec![2, 1], vec![3]]);
    }

    #[test]
    fn a_misread_code_ending_its_run_is_the_one_that_may_follow() {
        // 001's Phụ lục III read by Tesseract-vie: "1", "4", then section II's row.
        assert_eq!(codes(&restore(&[Stt("1"), Stt("4"), Break, Stt("1")])), ["=", "!2", "=", "="]);
        assert_eq!(codes(&restore(&[Stt("2.6"), Stt("2.9")])), ["=", "!2.7"]);
        // A code of another length, one two misreadings away, or one not last in its run (an
        // unread cell after it) is kept as read.
        assert_eq!(codes(&restore(&[Stt("1"), Stt("14"), Break])), ["=", "=", "="]);
        assert_eq!(codes(&restore(&[Stt("2.6"), Stt("3.9")])), ["=", "="]);
        assert_eq!(codes(&restore(&[Stt("1"), Stt("4"), Stt("")])), ["=", "=", "="]);
        // A well-formed run is untouched.
        assert_eq!(codes(&restore(&[Stt("1"), Stt("2"), Break, Stt("1")])), ["=", "=", "=", "="]);
    }

    #[test]
    fn garbled_cell_between_two_codes() {
        // previous 1.3, next 1.5 → 1.4
        assert_eq!(codes(&restore(&[Stt("1.3"), Stt("l.A"), Stt("1.5")])), ["=", "!1.4", "="]);
        // "all!" between 10 and 12
        assert_eq!(codes(&restore(&[Stt("10"), Stt("all!"), Stt("12")])), ["=", "!11", "="]);
        // "Pad" after the group row 2 and before 2.2: the group's first child
        assert_eq!(codes(&restore(&[Stt("2"), Stt("Pad"), Stt("2.2")])), ["=", "!2.1", "="]);
    }

    #[test]
    fn first_row_after_a_section_row() {
        // "ll" after section II's row, before 2: numbering restarts at 1
        assert_eq!(codes(&restore(&[Stt("27"), Stt("28"), Break, Stt("ll"), Stt("2")])), ["=", "=", "=", "!1", "="]);
        // the table's first row, "i."
        assert_eq!(codes(&restore(&[Break, Stt("i."), Stt("2")])), ["=", "!1", "="]);
        // the table's first row, its code not read at all (OCRmyPDF's deskewed 001, Phụ lục III)
        assert_eq!(codes(&restore(&[Break, Stt(""), Stt("2")])), ["=", "!1", "="]);
        // the same after a later section row
        assert_eq!(codes(&restore(&[Stt("3"), Break, Stt(""), Stt("2")])), ["=", "=", "!1", "="]);
        // no section row above: the table's first row may be an uncoded one
        assert_eq!(codes(&restore(&[Stt(""), Stt("2")])), ["=", "="]);
    }

    #[test]
    fn row_after_the_last_of_a_group_from_its_own_digits() {
        // "7G" after 6, a section row next: only its leading digit, if the sequence allows it
        assert_eq!(codes(&restore(&[Stt("6"), Stt("7G"), Break])), ["=", "!7", "="]);
        // "9G" after 6 is not a successor: unread, no code invented
        assert_eq!(codes(&restore(&[Stt("6"), Stt("9G"), Break])), ["=", "?", "="]);
        // nothing at all to go on
        assert_eq!(codes(&restore(&[Stt("6"), Stt("vx"), Break])), ["=", "?", "="]);
    }

    #[test]
    fn readable_code_out_of_sequence_one_misread_character_away() {
        // "23." between 2.2 and 2.4 is 2.3 (the dot lost); "33" between 2 and 4 is 3; "23" between 32 and 34 is 33
        assert_eq!(codes(&restore(&[Stt("2.2"), Stt("23."), Stt("2.4")])), ["=", "!2.3", "="]);
        assert_eq!(codes(&restore(&[Stt("2"), Stt("33"), Stt("4")])), ["=", "!3", "="]);
        assert_eq!(codes(&restore(&[Stt("32"), Stt("23"), Stt("34 -")])), ["=", "!33", "~34"]);
        // a code two misreadings away stays (records' code_order warning flags it)
        assert_eq!(codes(&restore(&[Stt("2"), Stt("47"), Stt("4")])), ["=", "=", "="]);
        // in sequence: untouched
        assert_eq!(codes(&restore(&[Stt("1"), Stt("2"), Stt("2.1"), Stt("2.2"), Stt("3"), Break, Stt("1")])), ["="; 7]);
    }

    #[test]
    fn section_numeral_read_into_the_last_row_of_a_section() {
        // "3 Hill" after 2, then 1, 2: row 3, and a section starts after it
        assert_eq!(codes(&restore(&[Stt("1"), Stt("2"), Stt("3 Hill"), Stt("1"), Stt("2")])), ["=", "=", "3|", "=", "="]);
        // without the restart it is not a section
        assert_eq!(codes(&restore(&[Stt("1"), Stt("2"), Stt("3 Hill"), Stt("4")])), ["=", "=", "!3", "="]);
        // a code that does not follow is not read from its digits
        assert_eq!(codes(&restore(&[Stt("1"), Stt("2"), Stt("5 Hill"), Stt("1")])), ["=", "=", "?", "="]);
    }

    #[test]
    fn punctuation_around_a_readable_code_is_tidied() {
        assert_eq!(codes(&restore(&[Stt("4"), Stt("5);"), Stt("6")])), ["=", "~5", "="]);
        assert_eq!(codes(&restore(&[Stt("3"), Stt("4°"), Stt("5")])), ["=", "~4", "="]);
        assert_eq!(codes(&restore(&[Stt("3"), Stt("4."), Stt("5")])), ["=", "=", "="]);
    }

    #[test]
    fn empty_cell_only_in_a_one_row_gap() {
        assert_eq!(codes(&restore(&[Stt("2"), Stt(""), Stt("4")])), ["=", "!3", "="]);
        // two rows in a one-code gap: which one is 7? neither is given a code
        assert_eq!(codes(&restore(&[Stt("6"), Stt(""), Stt(""), Stt("8")])), ["=", "=", "=", "="]);
        // an empty cell between consecutive codes is an uncoded row
        assert_eq!(codes(&restore(&[Stt("2"), Stt(""), Stt("3")])), ["=", "=", "="]);
    }

    #[test]
    fn damaged_leading_code_of_a_text_cell() {
        assert_eq!(damaged_prefix("3, 2 Hoàn thành"), Some((vec![3, 2], 5)));
        assert_eq!(damaged_prefix("-10. Ban hành").map(|x| x.0), Some(vec![10]));
        assert_eq!(damaged_prefix("2026 - 2030 kế hoạch"), None);
        assert_eq!(damaged_prefix("01 dự thảo"), None);
        assert_eq!(damaged_prefix("100% giấy tờ"), None);
        assert_eq!(damaged_prefix("122 Hoàn thành lấy ý kiến"), Some((vec![12, 2], 4)));
        assert_eq!(damaged_prefix("100 chuyên gia"), None);
        assert_eq!(damaged_prefix("2026 kế hoạch"), None);
        // a child code's first digit read as a look-alike letter
        assert_eq!(damaged_prefix("S.2 Thực hiện"), Some((vec![5, 2], 4)));
        assert_eq!(damaged_prefix("l.3 Xây dựng"), Some((vec![1, 3], 4)));
        assert_eq!(damaged_prefix("S. Thực hiện"), None);
        assert_eq!(damaged_prefix("S.2026 năm"), None);
        assert_eq!(damaged_prefix("Sở Tài chính"), None);
        assert_eq!(
            codes(&restore(&[Lead("3. Rà soát"), Lead("3.1 Theo dõi"), Lead("3, 2 Hoàn thành"), Lead("3.3 Phê duyệt")])),
            ["=", "=", "!3.2 Hoàn thành", "="]
        );
        assert_eq!(codes(&restore(&[Lead("9. Ban hành"), Lead("-10. Ban hành Quy chế"), Lead("11. Xây dựng")])), ["=", "!10 Ban hành Quy chế", "="]);
        assert_eq!(codes(&restore(&[Lead("12.1 Dự thảo"), Lead("122 Hoàn thành"), Lead("12.3 Trình")])), ["=", "!12.2 Hoàn thành", "="]);
        // "120 cán bộ" where 12.2 is not due: text.
        assert_eq!(codes(&restore(&[Lead("12.1 Dự thảo"), Lead("122 Hoàn thành"), Lead("12.2 Trình")]))[1], "=");
        // a damaged prefix the sequence does not allow is text, left alone
        assert_eq!(codes(&restore(&[Lead("3. Rà soát"), Lead("7, 5 năm"), Lead("4. Chủ trì")])), ["=", "=", "="]);
        // text without a code is not a code cell
        assert_eq!(codes(&restore(&[Lead("1. A"), Lead("Tham mưu"), Lead("2. B")])), ["=", "=", "="]);
    }

    #[test]
    fn section_numerals() {
        let r = |v: &[Option<&str>]| codes(&restore_sections(v));
        assert_eq!(r(&[Some("I"), Some("Ll"), Some("III")]), ["=", "!II", "="]);
        // a second I is II; a second VI is VII
        assert_eq!(r(&[Some("I"), Some("I"), Some("Ii")]), ["=", "!II", "!III"]);
        assert_eq!(r(&[Some("V"), Some("VI"), Some("VI")]), ["=", "=", "!VII"]);
        // "IV__|" is IV; a numeral that skips ahead is kept
        assert_eq!(r(&[Some("I"), Some("II"), Some("IV__|"), Some("vì")]), ["=", "=", "~IV", "!V"]);
        // rows without a numeral are left alone and do not count
        assert_eq!(r(&[None, Some("I"), None, Some("II")]), ["=", "=", "=", "="]);
        assert_eq!(roman_value("IV"), Some(4));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman(7), "VII");
    }
}
