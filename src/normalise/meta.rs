//! Plan metadata from the first page: kind, number, issue date, issuer, title.
//! Blanks give null; nothing is guessed.

use super::deadline::iso;
use crate::model::Plan;
use crate::rules::{fold, Rules};
use crate::tables::BodyLine;
use regex::Regex;

fn centred(l: &BodyLine) -> bool {
    let cx = (l.x0 + l.x1) / 2.0;
    (cx - l.page_width / 2.0).abs() < 0.07 * l.page_width
}

/// Joins line fragments that share a baseline ("Số:" … "/KH-SKHCN" printed with a run of spaces).
fn merge_fragments(lines: Vec<&BodyLine>) -> Vec<BodyLine> {
    let mut out: Vec<BodyLine> = Vec::new();
    for l in lines {
        match out.last_mut() {
            Some(prev) if (prev.top - l.top).abs() < 0.4 * l.size.max(prev.size) => {
                prev.text = format!("{} {}", prev.text, l.text);
                prev.x1 = prev.x1.max(l.x1);
                prev.x0 = prev.x0.min(l.x0);
            }
            _ => out.push(l.clone()),
        }
    }
    out
}

fn is_separator(t: &str) -> bool {
    let t = t.trim();
    !t.is_empty() && t.chars().all(|c| matches!(c, '-' | '_' | '*' | '–' | '—' | '=' | '.' | ' '))
}

/// Document kinds recognised on the title line.
const KINDS: &[&str] = &["Kế hoạch", "Chương trình", "Quyết định", "Đề án", "Chương trình hành động"];

pub fn extract(body: &[BodyLine], rules: &Rules) -> Plan {
    let mut plan = Plan::default();
    let first_page = body.iter().map(|l| l.page).min().unwrap_or(1);
    let page: Vec<&BodyLine> = body.iter().filter(|l| l.page == first_page).collect();
    let kind_at = page.iter().position(|l| KINDS.iter().any(|k| fold(&l.text) == fold(k)));
    let Some(ki) = kind_at else { return plan };
    let kind_line = page[ki];
    plan.kind = KINDS.iter().find(|k| fold(&kind_line.text) == fold(k)).map(|s| s.to_string());

    // Header block: the lines above the kind line, split into the left (issuer) and right (motto) halves.
    let above: Vec<&BodyLine> = page[..ki].to_vec();
    let mid = kind_line.page_width / 2.0;
    let left = merge_fragments(above.iter().copied().filter(|l| (l.x0 + l.x1) / 2.0 < mid).collect());
    let right = merge_fragments(above.iter().copied().filter(|l| (l.x0 + l.x1) / 2.0 >= mid).collect());

    let mut issuer_lines: Vec<&str> = Vec::new();
    for l in &left {
        let t = l.text.trim();
        if let Some(n) = number_line(t, rules) {
            plan.number = n;
            continue;
        }
        if is_separator(t) {
            continue;
        }
        issuer_lines.push(t);
    }
    plan.issuer = issuer(&issuer_lines, rules);
    for l in right.iter().chain(left.iter()) {
        if let Some(d) = issue_date(&l.text) {
            plan.issued_on = d;
            break;
        }
    }

    // Title: centred lines after the kind line, up to a separator or the first body line.
    let mut title: Vec<String> = Vec::new();
    let mut prev = kind_line;
    for l in &page[ki + 1..] {
        let t = l.text.trim();
        let gap = l.top - prev.top;
        if is_separator(t) || fold(t).starts_with("can cu") || !centred(l) || gap > 2.5 * l.size {
            break;
        }
        // A title line that continues the one above does not start with a mark: one before a word
        // in lower case is a speck an OCR read (". khoa học, công nghệ").
        let t = match t.strip_prefix(['.', ',', '_', '~']) {
            Some(rest) if !title.is_empty() && rest.starts_with(' ') && rest.trim_start().starts_with(char::is_lowercase) => rest.trim_start(),
            _ => t,
        };
        title.push(t.to_string());
        prev = l;
    }
    if !title.is_empty() {
        plan.title = Some(crate::tables::join_cell_lines(&title));
    }
    plan
}

/// The plan number of a "Số: …" line (Some(None) when it is left blank), also as an English-model OCR
/// reads it ("S603 -KH/BCD": "Số" read as "S6", "Đ" as "D"): the letters of the number are respelled as
/// the registry's abbreviations spell them ("BCD" → "BCĐ").
pub fn number_line(t: &str, rules: &Rules) -> Option<Option<String>> {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let c = RE.get_or_init(|| Regex::new(r"(?i)^s[ốo6]\s*[:.]?\s*(.*)$").unwrap()).captures(t)?;
    let f = fold(t);
    if !(f.starts_with("so") || f.starts_with("s6")) || !(t.contains('/') || t.contains('-')) {
        return None;
    }
    let n = plan_number(&c[1]).map(|n| {
        n.split_inclusive(['/', '-'])
            .map(|part| {
                let (word, sep) = match part.strip_suffix(['/', '-']) {
                    Some(w) => (w, &part[w.len()..]),
                    None => (part, ""),
                };
                let known = rules.agencies.abbreviations.iter().map(|(a, _)| a.as_str()).find(|a| fold(a) == fold(word) && *a != word);
                format!("{}{sep}", known.unwrap_or(word))
            })
            .collect::<String>()
    });
    Some(n)
}

/// "03-KH/BCĐ" from "03-KH/BCĐ"; null when the number is left blank ("      /KH-SKHCN").
pub fn plan_number(s: &str) -> Option<String> {
    let s = s.trim();
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"^(\d+[A-Za-z]?)\s*([-/])\s*([\p{L}\d/\-&\.]+)").unwrap());
    re.captures(s).map(|c| format!("{}{}{}", &c[1], &c[2], &c[3]))
}

/// Some(Some(date)) when a complete date is printed, Some(None) when the line is a date line with
/// blanks, None when the line is not a date line.
pub fn issue_date(line: &str) -> Option<Option<String>> {
    // Compiled once: compiling them on every line was 2% of a document's time.
    static RES: std::sync::OnceLock<[Regex; 3]> = std::sync::OnceLock::new();
    let [date, full, short] = RES.get_or_init(|| {
        [
            Regex::new(r"\d{1,2}/\d{1,2}/\d{4}").unwrap(),
            Regex::new(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})").unwrap(),
            Regex::new(r"(?:ngay\s+)?(\d{1,2})/(\d{1,2})/(\d{4})").unwrap(),
        ]
    });
    let f = fold(line);
    if !f.contains("ngay") && !date.is_match(&f) {
        return None;
    }
    if let Some(c) = full.captures(&f) {
        return Some(iso(c[3].parse().ok()?, c[2].parse().ok()?, c[1].parse().ok()?));
    }
    if let Some(c) = short.captures(&f) {
        return Some(iso(c[3].parse().ok()?, c[2].parse().ok()?, c[1].parse().ok()?));
    }
    if f.contains("thang") && f.contains("nam") {
        return Some(None);
    }
    None
}

fn issuer(lines: &[&str], rules: &Rules) -> Option<String> {
    if lines.is_empty() {
        return None;
    }
    let m = super::units::UnitMatcher::new(rules, None);
    // The first line is usually the superior body ("UBND TỈNH ĐỒNG NAI"); try without it first.
    let mut candidates: Vec<String> = Vec::new();
    if lines.len() > 1 {
        candidates.push(lines[1..].join(" "));
    }
    candidates.push(lines.join(" "));
    for c in &candidates {
        let (u, ok) = m.name(c);
        if ok {
            return Some(u.name);
        }
    }
    Some(sentence_case(&candidates[0]))
}

fn sentence_case(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut c = lower.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A title line that continues the one above starts with a word: a mark before a word in
    /// lower case is an OCR speck. A line's own first mark is kept otherwise.
    #[test]
    fn a_title_lines_leading_speck() {
        let line = |text: &str, top: f64| BodyLine { page: 1, text: text.to_string(), x0: 150.0, x1: 450.0, top, size: 13.0, page_width: 600.0, raw: None };
        let body = [line("KẾ HOẠCH", 100.0), line("Triển khai Thông báo về phát triển", 118.0), line(". khoa học, công nghệ", 134.0)];
        assert_eq!(extract(&body, Rules::get()).title.as_deref(), Some("Triển khai Thông báo về phát triển khoa học, công nghệ"));
        let body = [line("KẾ HOẠCH", 100.0), line("- Triển khai Thông báo", 118.0)];
        assert_eq!(extract(&body, Rules::get()).title.as_deref(), Some("- Triển khai Thông báo"));
    }

    #[test]
    fn numbers() {
        assert_eq!(plan_number("03-KH/BCĐ"), Some("03-KH/BCĐ".into()));
        assert_eq!(plan_number("      /KH-SKHCN"), None);
        assert_eq!(plan_number("     -KH/BCĐ"), None);
        assert_eq!(plan_number("123/KH-UBND"), Some("123/KH-UBND".into()));
        let r = Rules::get();
        assert_eq!(number_line("Số 03-KH/BCĐ", r), Some(Some("03-KH/BCĐ".into())));
        assert_eq!(number_line("S603 -KH/BCD", r), Some(Some("03-KH/BCĐ".into())));
        assert_eq!(number_line("Số:      /KH-SKHCN", r), Some(None));
        assert_eq!(number_line("Sở Khoa học và Công nghệ", r), None);
    }

    #[test]
    fn dates() {
        assert_eq!(issue_date("Đồng Nai, ngày 16 tháng 01 năm 2026"), Some(Some("2026-01-16".into())));
        assert_eq!(issue_date("Đồng Nai, ngày          tháng 3 năm 2026"), Some(None));
        assert_eq!(issue_date("16/01/2026"), Some(Some("2026-01-16".into())));
        assert_eq!(issue_date("Độc lập - Tự do - Hạnh phúc"), None);
    }
}
