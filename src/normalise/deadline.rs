//! Deadlines: "Quý IV/2026", "Giai đoạn 2026 - 2027", "Thường xuyên", "30/9/2025 (đã thực hiện)" …
//! into SCHEMA.md's Deadline. Anything not understood is kind `text` and the caller warns.

use crate::model::{Deadline, DeadlineException};
use crate::rules::{fold, is_one_of, Rules};
use regex::Regex;
use std::sync::OnceLock;

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// A validated ISO date, or None (31/02 is not a date).
pub fn iso(y: i32, m: u32, d: u32) -> Option<String> {
    if !(1900..=2200).contains(&y) || m == 0 || m > 12 || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

fn month_end(y: i32, m: u32) -> Option<String> {
    iso(y, m, days_in_month(y, m))
}

fn roman(s: &str) -> Option<u32> {
    // OCR reads the strokes of a quarter's numeral as "1", "l", "|", "!" or "t" ("Quý 11/2026",
    // "Quý I1/2026", "Quý TV/2026"): a numeral of those strokes and V is read as the strokes it
    // shows (rules/deadlines.toml `stroke_i`, `stroke_v`). (A lone digit stays a digit: "Quý
    // 1/2026" is quarter 1 either way.) `s` is folded; a space inside it is OCR's ("i v" is IV).
    let g = &Rules::get().deadlines;
    let s: String = s.split_whitespace().collect();
    let s: String = if s.chars().count() > 1 && s.chars().all(|c| is_one_of(c, &g.stroke_i) || is_one_of(c, &g.stroke_v)) {
        s.chars().map(|c| if is_one_of(c, &g.stroke_v) { 'v' } else { 'i' }).collect()
    } else {
        s.to_string()
    };
    g.quarter_numerals.get(&s).copied()
}

/// The quarter numeral of a deadline when OCR wrote it in strokes ("Quý 11/2026", "Quý TV/2026") or
/// lost one ("Quý V/2026"): the reading is a guess ("11" may be II or III), so the caller warns.
/// None for a clean numeral.
pub fn stroke_numeral(raw: &str) -> Option<String> {
    let f = fold(&raw.split_whitespace().collect::<Vec<_>>().join(" "));
    let c = res().stroke.captures(&f)?;
    let n = c[1].to_string();
    (!Rules::get().deadlines.quarter_numerals.contains_key(&n)).then_some(n)
}

struct Res {
    date: Regex,
    month: Regex,
    quarter_range: Regex,
    quarter: Regex,
    year_range: Regex,
    year: Regex,
    paren: Regex,
    stroke: Regex,
}

/// One of the (folded) words, spaces matching any run of whitespace: "(?:giai\s+doan|nam)".
fn any_of(words: &[String]) -> String {
    let alts: Vec<String> = words.iter().map(|w| w.split(' ').map(regex::escape).collect::<Vec<_>>().join(r"\s+")).collect();
    format!("(?:{})", alts.join("|"))
}

/// "[…]": a class of the given one-character strings.
fn class(chars: &[&String]) -> String {
    format!("[{}]", chars.iter().map(|c| regex::escape(c)).collect::<String>())
}

fn res() -> &'static Res {
    static R: OnceLock<Res> = OnceLock::new();
    R.get_or_init(|| {
        // The words from rules/deadlines.toml (folded), the structure here; matched against folded
        // text (lower case, no diacritics).
        let g = &Rules::get().deadlines;
        let opt = |words: &[String]| if words.is_empty() { String::new() } else { format!(r"(?:{}\s+)?", any_of(words)) };
        let date_leads: String = g.date_leads.iter().map(|w| opt(std::slice::from_ref(w))).collect();
        let year_word = any_of(&g.year_words);
        let quarter_word = any_of(&g.quarter_words);
        let dash = any_of(&g.range_dashes);
        let to = any_of(&[g.range_dashes.clone(), g.range_words.clone()].concat());
        let mut letters: Vec<String> = g.quarter_numerals.keys().flat_map(|k| k.chars()).filter(|c| c.is_alphabetic()).map(String::from).collect();
        letters.extend(g.roman_letters.iter().cloned());
        letters.sort();
        letters.dedup();
        let strokes: Vec<&String> = g.stroke_i.iter().chain(&g.stroke_v).collect();
        let strokes = class(&strokes);
        // (A Roman numeral OCR split in two at a space, "Quý I V/2026", is read whole: `roman`.)
        let roman_letters = class(&letters.iter().collect::<Vec<_>>());
        let num = format!(r"({roman_letters}+(?:\s{roman_letters}+)?|{strokes}{{2,4}}|\d)");
        Res {
            date: Regex::new(&format!(r"^{date_leads}(\d{{1,2}})\s*/\s*(\d{{1,2}})\s*/\s*(\d{{4}})")).unwrap(),
            month: Regex::new(&format!(r"^{}{}\s+(\d{{1,2}})\s*(?:/|{year_word})\s*(\d{{4}})", opt(&g.month_leads), any_of(&g.month_words))).unwrap(),
            quarter_range: Regex::new(&format!(
                r"^{quarter_word}\s+{num}\s*/\s*(?:{year_word}\s+)?(\d{{4}})\s*{dash}\s*(?:{quarter_word}\s+{num}\s*/\s*)?(?:{year_word}\s+)?(\d{{4}})"
            ))
            .unwrap(),
            quarter: Regex::new(&format!(r"^{}{quarter_word}\s+{num}\s*(?:/|{year_word})\s*(?:{year_word}\s+)?(\d{{4}})", opt(&g.quarter_leads))).unwrap(),
            year_range: Regex::new(&format!(r"^{}(\d{{4}})\s*{to}\s*(?:{year_word}\s+)?(\d{{4}})", opt(&g.year_range_leads))).unwrap(),
            year: Regex::new(&format!(r"^{}{year_word}\s+(\d{{4}})", opt(&g.year_leads))).unwrap(),
            paren: Regex::new(r"^\((.*)\)$").unwrap(),
            stroke: Regex::new(&format!(r"{quarter_word}\s+({strokes}{{2,4}}|{lost})\s*/", lost = any_of(&g.lost_stroke_numerals.keys().cloned().collect::<Vec<_>>()))).unwrap(),
        }
    })
}

/// How many folded characters correspond to the first `n` chars of the folded form of `raw`:
/// folding keeps one char per base letter, so we map back by counting base letters.
fn raw_suffix(raw: &str, folded_consumed: usize) -> String {
    // fold() drops combining marks and collapses whitespace; walk raw and count kept chars.
    use unicode_normalization::UnicodeNormalization;
    let nfd: Vec<char> = raw.trim().nfd().collect();
    let mut kept = 0;
    let mut i = 0;
    let mut prev_space = false;
    while i < nfd.len() && kept < folded_consumed {
        let c = nfd[i];
        if crate::repair::is_combining(c) {
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            if !prev_space {
                kept += 1;
            }
            prev_space = true;
        } else {
            kept += 1;
            prev_space = false;
        }
        i += 1;
    }
    while i < nfd.len() && crate::repair::is_combining(nfd[i]) {
        i += 1;
    }
    nfd[i..].iter().collect::<String>().nfc().collect::<String>().trim().to_string()
}

fn empty(raw: &str, kind: &str) -> Deadline {
    Deadline { raw: raw.to_string(), kind: kind.into(), start: None, end: None, recurrence: None, status: None, note: None, exceptions: vec![] }
}

/// Parses one deadline cell. `None` only for an empty cell.
pub fn parse(raw: &str) -> Option<Deadline> {
    let d = parse_at_start(raw)?;
    if d.kind != "text" {
        return Some(d);
    }
    // A short lead-in before the expression ("Phân kỳ năm 2026 theo …"): the expression decides the
    // kind, the lead-in joins the note unless it is a filler.
    let words: Vec<&str> = d.raw.split(' ').collect();
    for k in 1..words.len().min(4) {
        let tail = words[k..].join(" ");
        if let Some(mut x) = parse_at_start(&tail).filter(|x| x.kind != "text") {
            let lead = words[..k].join(" ");
            // Words that say nothing of their own ("Nhiệm vụ thường xuyên"): rules/deadlines.toml `fillers`.
            if !Rules::get().deadlines.fillers.contains(&fold(&lead)) {
                x.note = Some(match x.note.take() {
                    Some(n) => format!("{lead} {n}"),
                    None => lead,
                });
            }
            x.raw = d.raw.clone();
            return Some(x);
        }
    }
    Some(d)
}

/// A deadline cell as an OCR text layer gave it (after the repair stage), written the way the
/// grammar writes what it recognised: a stray mark after the text dropped ("31/12/2025:", "Năm
/// 2026 và các năm tiếp theo-"); in the expression the grammar read, each of its words in its own
/// spelling ("Quy II/2026" → "Quý II/2026", "Nam 2026" → "Năm 2026", "thư đồng xuyên" →
/// "thường xuyên") and a quarter numeral read in strokes as the numeral it was taken for ("Quý
/// TV/2026" → "Quý IV/2026"; the caller still warns) or split at a space ("Quý I V/2026"). The
/// words after the expression (a note) stay as they are. Text the grammar does not read comes back
/// as it was.
pub fn mend_ocr(raw: &str) -> String {
    let raw = super::trim_trailing_speck(&raw.split_whitespace().collect::<Vec<_>>().join(" ")).to_string();
    // ("theo Quyết định sơ 204-QĐ/TW": "số", rules/documents.toml)
    let raw = crate::repair::ocr::mend_number_words(&Rules::get().documents, &raw);
    // A space the OCR put after a date's slash ("31/ 12/2025"), and a lone letter or digit after
    // the expression ("Thường xuyên i", "31/12/2025 4": a speck read as one; no note is one).
    let raw = date_slash_space().replace_all(&raw, "$1/$2").into_owned();
    // A full stop inside a deadline cell is a speck ("nhiệm vụ. theo phân kỳ", "trước. 31/12/2025"):
    // no deadline of the golden files holds a sentence's end; a date's dots have no space after.
    let raw = raw.replace(". ", " ");
    // Trailing tokens with no letter or digit ("Quý II/2026 @)": specks and a ruling at the cell's
    // edge), but for a parenthesis closing one the cell opened.
    let raw = super::without_trailing_marks(&raw, |last, head| last.contains(')') && head.matches('(').count() > head.matches(')').count()).to_string();
    // A closing parenthesis stuck to the last word with none open ("31/12/2025)": a ruling).
    let raw = match raw.strip_suffix(')') {
        Some(head) if raw.matches(')').count() > raw.matches('(').count() && !head.ends_with(' ') => head.to_string(),
        _ => raw,
    };
    // "năm" before a year with its vowel misread ("Phân kỳ ném 2026", "nim 2026"; no other word of
    // an n, a vowel and an m stands before a year in a deadline), where that lets the grammar read
    // the cell, or read it from an earlier word ("Quy IV/naém 2026 - năm 2029" read as the years
    // "2026 - năm 2029" after a note).
    let fixed = year_word_misread().replace_all(&raw, |c: &regex::Captures| format!("{} {}", if c[1].starts_with('N') { "Năm" } else { "năm" }, &c[2]));
    let raw = read_earlier(raw.clone(), &fixed);
    // A quarter numeral read with a stroke lost ("Quy V/nam 2026": rules/deadlines.toml
    // `lost_stroke_numerals`), written as the one numeral it can be, on the same terms; the
    // normaliser warns (`stroke_numeral` on the cell as read).
    let raw = read_earlier(raw.clone(), &lost_strokes_restored(&raw));
    let raw = match raw.rsplit_once(' ') {
        Some((head, last)) if last.chars().count() == 1 && last.chars().all(char::is_alphanumeric) && parse_head(head).is_some_and(|(d, n)| d.kind != "text" && n >= crate::rules::fold(head).chars().count()) => head.to_string(),
        _ => raw,
    };
    let words: Vec<&str> = raw.split(' ').collect();
    for k in 0..words.len().min(4) {
        let tail = words[k..].join(" ");
        let Some((d, consumed)) = parse_head(&tail).filter(|(d, _)| d.kind != "text") else { continue };
        let end = super::byte_len_for_folded(&tail, consumed);
        let mut head = mend_words(&tail[..end]);
        if let Some(n) = stroke_numeral(&head) {
            if let (Some(q), Some(at)) = (quarter_numeral(&d), head.to_lowercase().find(&format!("{n}/"))) {
                head.replace_range(at..at + n.len(), &q);
            }
        }
        // A quarter numeral split at a space ("Quý I V/2026") written whole.
        if let Some(q) = quarter_numeral(&d).filter(|_| d.kind == "quarter") {
            for i in 1..q.len() {
                let split = format!("{} {}", &q[..i], &q[i..]);
                if let Some(at) = head.find(&split) {
                    head.replace_range(at..at + split.len(), &q);
                    break;
                }
            }
        }
        let lead: String = words[..k].iter().map(|w| format!("{w} ")).collect();
        return format!("{lead}{head}{}", &tail[end..]);
    }
    raw
}

/// `fixed` where the grammar reads it from an earlier word than `raw` (or reads it and not `raw`),
/// else `raw`: a mend of an OCR cell is taken only where it makes a deadline of it.
fn read_earlier(raw: String, fixed: &str) -> String {
    let read_from = |t: &str| {
        let words: Vec<&str> = t.split(' ').collect();
        (0..words.len().min(4)).find(|&k| parse_head(&words[k..].join(" ")).is_some_and(|(d, _)| d.kind != "text"))
    };
    match (read_from(fixed), read_from(&raw)) {
        (Some(f), r) if raw != fixed && r.is_none_or(|r| f < r) => fixed.to_string(),
        _ => raw,
    }
}

/// Each quarter numeral of `raw` that rules/deadlines.toml `lost_stroke_numerals` lists ("Quy
/// V/nam 2026") written as the numeral it can only be ("Quy IV/nam 2026").
fn lost_strokes_restored(raw: &str) -> String {
    let g = &Rules::get().deadlines;
    let words: Vec<&str> = raw.split(' ').collect();
    let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    for i in 1..words.len() {
        if !g.quarter_words.contains(&fold(words[i - 1])) {
            continue;
        }
        let (numeral, rest) = words[i].split_at(words[i].find('/').unwrap_or(words[i].len()));
        if let Some(full) = g.lost_stroke_numerals.get(&fold(numeral)) {
            out[i] = format!("{}{rest}", full.to_uppercase());
        }
    }
    out.join(" ")
}

/// A word of an n, one vowel letter (marked or not) or two (the breve read as a letter of its own,
/// "naém") and an m, before a four-digit year.
fn year_word_misread() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| regex::Regex::new(r"\b([Nn][aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]{1,2}[mM]) (\d{4})\b").unwrap())
}

fn date_slash_space() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| regex::Regex::new(r"(\d) ?/ (\d)").unwrap())
}

/// The Roman numeral of the quarter a deadline starts in ("IV" for 2026-10-01).
pub fn quarter_numeral(d: &Deadline) -> Option<String> {
    let month: u32 = d.start.as_deref()?.get(5..7)?.parse().ok()?;
    Some(super::codes::roman(month.div_ceil(3)))
}

/// The grammar's words and phrases in `head` in their own spelling, with the case of their first
/// letter as read: a whole phrase when the head folds to one ("thư đồng xuyên" reads as
/// "thường xuyên" only as a whole, `recurrence_word`), else word by word.
fn mend_words(head: &str) -> String {
    let sp = &Rules::get().deadline_spellings;
    let cased = |read: &str, spelling: &str| crate::repair::ocr::in_case_of(spelling, read);
    let f = fold(head);
    if let Some(spelling) = recurrence_word(&f).filter(|&(_, n)| n == f.len()).and_then(|(r, _)| sp.get(&r.phrase)) {
        return cased(head, spelling);
    }
    // Word by word: each run of letters.
    let mut out = String::with_capacity(head.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if !run.is_empty() {
            match sp.get(&fold(run)) {
                Some(spelling) => out.push_str(&cased(run, spelling)),
                None => out.push_str(run),
            }
            run.clear();
        }
    };
    for c in head.chars() {
        if c.is_alphabetic() || crate::repair::is_combining(c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

fn parse_at_start(raw: &str) -> Option<Deadline> {
    parse_head(raw).map(|(d, _)| d)
}

/// The deadline a text starts with, and how many folded characters its expression takes (0 for
/// kind `text`).
fn parse_head(raw: &str) -> Option<(Deadline, usize)> {
    let raw = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if raw.is_empty() {
        return None;
    }
    let f = fold(&raw);
    let r = res();
    let mut d = empty(&raw, "text");
    let consumed;
    if let Some(c) = r.date.captures(&f) {
        let (dd, mm, yy) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0), c[3].parse().unwrap_or(0));
        match iso(yy, mm, dd) {
            Some(e) => {
                d.kind = "date".into();
                d.end = Some(e);
            }
            None => return Some((d, 0)), // invalid date: text, warned by the caller
        }
        consumed = c[0].chars().count();
    } else if let Some(c) = r.month.captures(&f) {
        let (mm, yy): (u32, i32) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
        match (iso(yy, mm, 1), month_end(yy, mm)) {
            (Some(s), Some(e)) => {
                d.kind = "month".into();
                d.start = Some(s);
                d.end = Some(e);
            }
            _ => return Some((d, 0)),
        }
        consumed = c[0].chars().count();
    } else if let Some(c) = r.quarter_range.captures(&f) {
        let q0 = roman(&c[1]).unwrap_or(0);
        let y0: i32 = c[2].parse().unwrap_or(0);
        let q1 = c.get(3).and_then(|m| roman(m.as_str())).unwrap_or(4);
        let y1: i32 = c[4].parse().unwrap_or(0);
        match (q0, iso(y0, q0 * 3 - 2, 1), month_end(y1, q1 * 3)) {
            (1..=4, Some(s), Some(e)) => {
                d.kind = "range".into();
                d.start = Some(s);
                d.end = Some(e);
            }
            _ => return Some((d, 0)),
        }
        consumed = c[0].chars().count();
    } else if let Some(c) = r.quarter.captures(&f) {
        let q = roman(&c[1]).unwrap_or(0);
        let y: i32 = c[2].parse().unwrap_or(0);
        if !(1..=4).contains(&q) {
            return Some((d, 0));
        }
        match (iso(y, q * 3 - 2, 1), month_end(y, q * 3)) {
            (Some(s), Some(e)) => {
                d.kind = "quarter".into();
                d.start = Some(s);
                d.end = Some(e);
            }
            _ => return Some((d, 0)),
        }
        consumed = c[0].chars().count();
    } else if let Some(c) = r.year_range.captures(&f) {
        let (y0, y1): (i32, i32) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
        match (iso(y0, 1, 1), iso(y1, 12, 31)) {
            (Some(s), Some(e)) if y1 >= y0 => {
                d.kind = "range".into();
                d.start = Some(s);
                d.end = Some(e);
            }
            _ => return Some((d, 0)),
        }
        consumed = c[0].chars().count();
    } else if let Some(c) = r.year.captures(&f) {
        let y: i32 = c[1].parse().unwrap_or(0);
        match (iso(y, 1, 1), iso(y, 12, 31)) {
            (Some(s), Some(e)) => {
                d.kind = "year".into();
                d.start = Some(s);
                d.end = Some(e);
            }
            _ => return Some((d, 0)),
        }
        consumed = c[0].chars().count();
    } else if let Some(rec) = recurrence_word(&f) {
        d.kind = "recurring".into();
        d.recurrence = Some(rec.0.every.clone());
        consumed = rec.1;
    } else if let Some(w) = Rules::get().deadlines.done.iter().find(|w| f.starts_with(w.as_str())) {
        d.kind = "done".into();
        d.status = Some("done".into());
        consumed = w.chars().count();
    } else {
        return Some((d, 0));
    }
    let rest = raw_suffix(&raw, consumed);
    apply_rest(&mut d, &rest);
    Some((d, consumed))
}

/// (the phrase, folded length consumed): rules/deadlines.toml `recurrence`.
fn recurrence_word(f: &str) -> Option<(&'static crate::rules::RecurrencePhrase, usize)> {
    let g = &Rules::get().deadlines;
    let exact = g.recurrence.iter().find(|r| f.starts_with(r.phrase.as_str()));
    if let Some(r) = exact {
        return Some((r, r.phrase.chars().count()));
    }
    // One letter OCR-damaged in a two-word phrase ("Thông xuyên", "Thương xuyên"): its two first
    // words within one edit of the phrase, and nothing but the phrase in the cell.
    let words: Vec<&str> = f.split(' ').collect();
    let long = |w: &str| w.chars().count() >= g.recurrence_fuzzy_min_len;
    if words.len() == 2 {
        for r in &g.recurrence {
            if long(&r.phrase) && strsim::levenshtein(f, &r.phrase) <= 1 {
                return Some((r, f.len()));
            }
        }
    }
    // One syllable split in two by OCR ("Thư đồng xuyên" for "Thường xuyên"): three words whose
    // letters are within one edit of the phrase's letters.
    if words.len() == 3 {
        let letters = f.replace(' ', "");
        for r in &g.recurrence {
            if long(&r.phrase) && strsim::levenshtein(&letters, &r.phrase.replace(' ', "")) <= 1 {
                return Some((r, f.len()));
            }
        }
    }
    None
}

/// What follows the main expression: a status, a note, a recurrence, or an exception with its own date.
fn apply_rest(d: &mut Deadline, rest: &str) {
    // OCR leaves punctuation after the expression ("31/12/2025:", "(đã thực hiện);") and specks
    // read as a letter ("Thường xuyên i"): nothing a note can say in one character.
    let rest = rest.trim().trim_start_matches([',', ';', '.', ':']).trim().trim_end_matches([',', ';', ':', '.']).trim();
    if rest.chars().count() <= 1 {
        return;
    }
    let f = fold(rest);
    let g = &Rules::get().deadlines;
    if let Some(c) = res().paren.captures(rest) {
        let inner = c[1].trim();
        let fi = fold(inner);
        if g.done.contains(&fi) {
            d.status = Some("done".into());
        } else {
            d.note = Some(inner.to_string());
        }
        return;
    }
    if g.continuing.contains(&f) {
        d.recurrence = Some("continuous".into());
        return;
    }
    if g.onward_starts.iter().any(|w| f.starts_with(w.as_str())) || g.onward.contains(&f) {
        d.kind = "range".into();
        d.end = None;
        d.recurrence = Some("yearly".into());
        return;
    }
    // "Riêng CSDL … (31/12/2026)": an exception with its own due date.
    if let Some(open) = rest.rfind('(') {
        if rest.ends_with(')') {
            let inner = &rest[open + 1..rest.len() - 1];
            if let Some(x) = parse(inner).filter(|x| x.end.is_some()) {
                d.exceptions.push(DeadlineException { note: rest[..open].trim().to_string(), end: x.end });
                return;
            }
        }
    }
    d.note = Some(rest.to_string());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Deadline {
        parse(s).unwrap()
    }
    fn se(d: &Deadline) -> (&str, Option<&str>, Option<&str>) {
        (d.kind.as_str(), d.start.as_deref(), d.end.as_deref())
    }

    #[test]
    fn lead_in_words() {
        let d = p("Nhiệm vụ thường xuyên");
        assert_eq!((d.kind.as_str(), d.recurrence.as_deref(), d.note.as_deref()), ("recurring", Some("continuous"), None));
        let d = p("Phân kỳ năm 2026 theo Quyết định số 204-QĐ/TW");
        assert_eq!(se(&d), ("year", Some("2026-01-01"), Some("2026-12-31")));
        assert_eq!(d.note.as_deref(), Some("Phân kỳ theo Quyết định số 204-QĐ/TW"));
        assert_eq!(d.raw, "Phân kỳ năm 2026 theo Quyết định số 204-QĐ/TW");
        // A long sentence that merely mentions a year stays text.
        assert_eq!(p("Theo tiến độ của dự án được phê duyệt năm 2026").kind, "text");
    }

    #[test]
    fn an_ocr_deadline_is_written_as_the_grammar_writes_it() {
        // The grammar's words in their spelling, with the case read; the numbers as read.
        assert_eq!(mend_ocr("Quy II/2026"), "Quý II/2026");
        assert_eq!(mend_ocr("Quy IV/nam 2026 - năm 2029"), "Quý IV/năm 2026 - năm 2029");
        assert_eq!(mend_ocr("Quy IV/naém 2026 - năm 2029"), "Quý IV/năm 2026 - năm 2029");
        // a speck read as a digit after a whole date, a ruling read as a parenthesis none opened
        assert_eq!(mend_ocr("31/12/2025 4"), "31/12/2025");
        assert_eq!(mend_ocr("31/12/2025)"), "31/12/2025");
        assert_eq!(mend_ocr("30/9/2025 (đã thực hiện)"), "30/9/2025 (đã thực hiện)");
        assert_eq!(mend_ocr("Nam 2026 và các năm tiếp theo-"), "Năm 2026 và các năm tiếp theo");
        assert_eq!(mend_ocr("QUY I/2026"), "QUÝ I/2026");
        // A quarter numeral in strokes: the numeral taken (the normaliser still warns).
        assert_eq!(mend_ocr("Quý TV/2026"), "Quý IV/2026");
        assert_eq!(mend_ocr("Quy 11/2026"), "Quý II/2026");
        assert_eq!(mend_ocr("Quy I V/2026"), "Quý IV/2026");
        // A lone digit is a quarter as written: no numeral to mend.
        assert_eq!(mend_ocr("Quy 1/2026"), "Quý 1/2026");
        // A trailing speck, after a date or a parenthesis; a phrase within one edit, or split.
        assert_eq!(mend_ocr("31/12/2025:"), "31/12/2025");
        assert_eq!(mend_ocr("Quý I/2026 hoàn thành Đề án, triển khai nhiệm vụ. theo phân kỳ năm 2026"), "Quý I/2026 hoàn thành Đề án, triển khai nhiệm vụ theo phân kỳ năm 2026");
        assert_eq!(mend_ocr("trước. 31/12/2025"), "trước 31/12/2025");
        assert_eq!(mend_ocr("31.12.2025"), "31.12.2025");
        assert_eq!(mend_ocr("Nam 2026(hoan thanh)"), "Năm 2026(hoan thanh)");
        assert_eq!(mend_ocr("30/9/2025 (đã thực hiện);"), "30/9/2025 (đã thực hiện);".trim_end_matches(';'));
        assert_eq!(mend_ocr("Nhiệm vụ thư đồng xuyên"), "Nhiệm vụ thường xuyên");
        assert_eq!(mend_ocr("Thương xuyên"), "Thường xuyên");
        // Specks after the expression, unless a parenthesis the cell opened; "năm" misread.
        assert_eq!(mend_ocr("Quý II/2026 @)"), "Quý II/2026");
        assert_eq!(mend_ocr("Quý II/2026 - |"), "Quý II/2026");
        assert_eq!(mend_ocr("Năm 2026 (đã thực hiện )"), "Năm 2026 (đã thực hiện )");
        assert_eq!(mend_ocr("Phân kỳ ném 2026 theo Quyết định số 204-QĐ/TW"), "Phân kỳ năm 2026 theo Quyết định số 204-QĐ/TW");
        assert_eq!(mend_ocr("Nim 2026"), "Năm 2026");
        assert_eq!(mend_ocr("Đề án 2026"), "Đề án 2026");
        assert_eq!(mend_ocr("Phân kỳ năm 2026 theo Quyết định sơ 204-QĐ/TW"), "Phân kỳ năm 2026 theo Quyết định số 204-QĐ/TW");
        // A space after a date's slash; a lone letter after the whole expression.
        assert_eq!(mend_ocr("31/ 12/2025"), "31/12/2025");
        assert_eq!(mend_ocr("Quý IV /  2026"), "Quý IV / 2026");
        assert_eq!(mend_ocr("Thường xuyên i"), "Thường xuyên");
        assert_eq!(mend_ocr("Năm 2026 a"), "Năm 2026");
        assert_eq!(mend_ocr("Theo tiến độ a"), "Theo tiến độ a");
        // The note after the expression and a lead-in before it are left as read.
        assert_eq!(mend_ocr("Nam 2026 (hoan thanh phê duyệt Để ẩn)"), "Năm 2026 (hoan thanh phê duyệt Để ẩn)");
        assert_eq!(mend_ocr("Phân kỳ nam 2026 theo Quyết định số 204-QĐ/TW"), "Phân kỳ năm 2026 theo Quyết định số 204-QĐ/TW");
        // What the grammar does not read is left alone, but for a speck.
        assert_eq!(mend_ocr("Theo tiến độ dự án nam 2026"), "Theo tiến độ dự án nam 2026");
        assert_eq!(mend_ocr("Theo tiến độ dự án;"), "Theo tiến độ dự án");
        // Parsing the mended text gives what parsing the read text gave.
        for raw in ["Quy TV/2026", "Nam 2026 và các năm tiếp theo-", "31/12/2025:", "Nhiệm vụ thư đồng xuyên"] {
            let (a, b) = (p(raw), p(&mend_ocr(raw)));
            assert_eq!((se(&a), &a.recurrence, &a.note), (se(&b), &b.recurrence, &b.note), "{raw}");
        }
    }

    #[test]
    fn ocr_damage() {
        // quarter numerals read as digits or letters
        assert_eq!(se(&p("Quy 11/2026")), ("quarter", Some("2026-04-01"), Some("2026-06-30")));
        assert_eq!(se(&p("Quy I1/2026")), ("quarter", Some("2026-04-01"), Some("2026-06-30")));
        assert_eq!(se(&p("Quy II1/2026")), ("quarter", Some("2026-07-01"), Some("2026-09-30")));
        assert_eq!(se(&p("Quy TV/2026")), ("quarter", Some("2026-10-01"), Some("2026-12-31")));
        // OCRmyPDF's deskewed 001, Phụ lục III: the numeral split at a space.
        assert_eq!(se(&p("Quý I V/2026")), ("quarter", Some("2026-10-01"), Some("2026-12-31")));
        assert_eq!(se(&p("Quy I V/2026")), ("quarter", Some("2026-10-01"), Some("2026-12-31")));
        assert_eq!(se(&p("Quý I V năm 2026")), ("quarter", Some("2026-10-01"), Some("2026-12-31")));
        assert_eq!(se(&p("Quý I và II/2026")).0, "text");
        assert_eq!(se(&p("Quý 1/2026")), ("quarter", Some("2026-01-01"), Some("2026-03-31")));
        // a numeral of strokes that is no quarter stays text
        assert_eq!(p("Quy 1111/2026").kind, "text");
        // punctuation after the expression, a speck read as a letter
        let d = p("31/12/2025:");
        assert_eq!((d.end.as_deref(), d.note.as_deref()), (Some("2025-12-31"), None));
        assert_eq!(d.raw, "31/12/2025:");
        let d = p("30/9/2025 (đã thực hiện);");
        assert_eq!(d.status.as_deref(), Some("done"));
        assert_eq!(p("Thương xuyên i").note, None);
        // one letter damaged in a recurrence phrase; two is text
        assert_eq!(p("Thông xuyên").recurrence.as_deref(), Some("continuous"));
        assert_eq!(p("Thông xuyến ạ").kind, "text");
        // one syllable split in two, one letter wrong (002-scan: "Nhiệm vụ thư đồng xuyên")
        let d = p("Nhiệm vụ thư đồng xuyên");
        assert_eq!((d.kind.as_str(), d.recurrence.as_deref(), d.note.as_deref()), ("recurring", Some("continuous"), None));
        assert_eq!(p("Thư đồng xuyên").recurrence.as_deref(), Some("continuous"));
        // split and two letters wrong, or a fourth word: text
        assert_eq!(p("Thư đồng xuyến ạ").kind, "text");
        assert_eq!(p("Thư viện xuyên").kind, "text");
        assert_eq!(p("Thu đông xuyen nam").kind, "text");
        // "và" lost before "thường xuyên"
        assert_eq!(p("Quy 1/2026 thường xuyên").recurrence.as_deref(), Some("continuous"));
    }

    #[test]
    fn stroke_numerals_are_reported() {
        assert_eq!(stroke_numeral("Quy 11/2026").as_deref(), Some("11"));
        assert_eq!(stroke_numeral("Quý TV/2026").as_deref(), Some("tv"));
        assert_eq!(stroke_numeral("Quý II/2026"), None);
        assert_eq!(stroke_numeral("Quý 1/2026"), None);
        // a V alone can only be IV, its I lost
        assert_eq!(stroke_numeral("Quy V/nam 2026").as_deref(), Some("v"));
        assert_eq!(mend_ocr("Quy V/nam 2026 - năm 2029"), "Quý IV/năm 2026 - năm 2029");
        assert_eq!(mend_ocr("Quý V/2026"), "Quý IV/2026");
        // printed, "Quý V/2026" is no quarter (`invalid_dates_are_text`)
    }

    #[test]
    fn schema_table() {
        assert_eq!(se(&p("30/11/2025")), ("date", None, Some("2025-11-30")));
        assert_eq!(se(&p("trước 31/12/2026")), ("date", None, Some("2026-12-31")));
        assert_eq!(se(&p("Hoàn thành trước 31/12/2026")), ("date", None, Some("2026-12-31")));
        assert_eq!(se(&p("Hoàn thành trước  \n31/12/2026")), ("date", None, Some("2026-12-31")));
        assert_eq!(se(&p("Tháng 6/2026")), ("month", Some("2026-06-01"), Some("2026-06-30")));
        assert_eq!(se(&p("Quý I/2026")), ("quarter", Some("2026-01-01"), Some("2026-03-31")));
        assert_eq!(se(&p("Quý IV/2026")), ("quarter", Some("2026-10-01"), Some("2026-12-31")));
        assert_eq!(se(&p("Năm 2026")), ("year", Some("2026-01-01"), Some("2026-12-31")));
        assert_eq!(se(&p("Giai đoạn 2026 - 2027")), ("range", Some("2026-01-01"), Some("2027-12-31")));
        assert_eq!(se(&p("Quý IV/năm 2026 - năm 2029")), ("range", Some("2026-10-01"), Some("2029-12-31")));
        let d = p("Năm 2026 và các năm tiếp theo");
        assert_eq!(se(&d), ("range", Some("2026-01-01"), None));
        assert_eq!(d.recurrence.as_deref(), Some("yearly"));
        let d = p("Thường xuyên");
        assert_eq!((d.kind.as_str(), d.recurrence.as_deref()), ("recurring", Some("continuous")));
        let d = p("Hàng năm");
        assert_eq!((d.kind.as_str(), d.recurrence.as_deref()), ("recurring", Some("yearly")));
        let d = p("Đã thực hiện");
        assert_eq!((d.kind.as_str(), d.status.as_deref()), ("done", Some("done")));
        let d = p("30/9/2025 (đã thực hiện)");
        assert_eq!(se(&d), ("date", None, Some("2025-09-30")));
        assert_eq!(d.status.as_deref(), Some("done"));
        let d = p("Quý I/2026 và thường xuyên");
        assert_eq!(se(&d), ("quarter", Some("2026-01-01"), Some("2026-03-31")));
        assert_eq!(d.recurrence.as_deref(), Some("continuous"));
        let d = p("Năm 2026 (hoàn thành phê duyệt Đề án)");
        assert_eq!(se(&d), ("year", Some("2026-01-01"), Some("2026-12-31")));
        assert_eq!(d.note.as_deref(), Some("hoàn thành phê duyệt Đề án"));
        let d = p("31/12/2025 Riêng CSDL về tổ chức đảng, đảng viên, CBCC (31/12/2026)");
        assert_eq!(se(&d), ("date", None, Some("2025-12-31")));
        assert_eq!(d.exceptions, vec![DeadlineException { note: "Riêng CSDL về tổ chức đảng, đảng viên, CBCC".into(), end: Some("2026-12-31".into()) }]);
        // OCR's full stop after the date (Tesseract-vie, 003-scan) starts no note.
        let d = p("31/12/2025. Riêng CSDL về tổ chức đảng, đảng viên, CBCC (31/12/2026)");
        assert_eq!(d.exceptions, vec![DeadlineException { note: "Riêng CSDL về tổ chức đảng, đảng viên, CBCC".into(), end: Some("2026-12-31".into()) }]);
        assert_eq!(p("khi có chỉ đạo").kind, "text");
    }

    #[test]
    fn invalid_dates_are_text() {
        assert_eq!(p("31/02/2026").kind, "text");
        assert_eq!(p("Quý V/2026").kind, "text");
        assert!(parse("  ").is_none());
    }
}
