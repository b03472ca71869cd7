//! The numbered goals of a plan's body ("I. MỤC TIÊU, YÊU CẦU" → "1. Mục tiêu" → "1.1 Về …" →
//! "(1) Tỷ lệ phủ sóng 5G … đạt từ 60% trở lên." or "- Có ≥ 70% hồ sơ … trước ngày 01/01/2026.")
//! become targets of table 0, with the quantity the sentence sets and the deadline it states.

use super::deadline;
use super::target::number;
use crate::model::{Coded, Deadline, TargetValue};
use crate::rules::fold;
use crate::tables::BodyLine;
use regex::Regex;
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq)]
pub struct Goal {
    pub section: Coded,
    /// The "(n)" number; None for a bullet.
    pub code: Option<String>,
    pub content: String,
    pub unit_of_measure: Option<String>,
    pub target: Option<TargetValue>,
    pub deadline: Option<Deadline>,
    pub page: u32,
}

struct Res {
    start: Regex,
    end: Regex,
    sub: Regex,
    numbered: Regex,
    bullet: Regex,
    symbol: Regex,
    from_up: Regex,
    from: Regex,
    range: Regex,
    percent: Regex,
    count: Regex,
    by: Regex,
    on_day: Regex,
}

fn res() -> &'static Res {
    static R: OnceLock<Res> = OnceLock::new();
    const NUM: &str = r"\d+(?:[.,]\d+)?";
    R.get_or_init(|| Res {
        // Folded text.
        start: Regex::new(r"^1\.?\s+muc tieu\b").unwrap(),
        end: Regex::new(r"^(2\.?\s+yeu cau|ii\b|ii[-.])").unwrap(),
        // ("1.2, Về …": the full stop read as a comma, 000 scanned with a Vietnamese-model layer)
        sub: Regex::new(r"^(1\.\d+)[.,]?\s+(.+)$").unwrap(),
        // Printed text.
        numbered: Regex::new(r"^\((\d+)\)\s*(.*)$").unwrap(),
        bullet: Regex::new(r"^[-+•]\s*(.*)$").unwrap(),
        symbol: Regex::new(&format!(r"(≥|≤|>=|<=|>|<)\s*({NUM})\s*(%)?")).unwrap(),
        // ("từ" may be missing: an OCR lost it, "tty 08 nhiệm vụ trở lên"; "trở lên" says it alone.)
        from_up: Regex::new(&format!(r"(?:từ\s+)?\b({NUM})\s*(%)?\s*((?:[^\s\d]+\s+){{0,3}}?)trở lên")).unwrap(),
        from: Regex::new(&format!(r"từ\s+({NUM})(?:\s*(%))?((?:\s+[^\s\d.,;:]+){{0,2}})")).unwrap(),
        range: Regex::new(&format!(r"({NUM})\s*[-–]\s*({NUM})\s*(%)")).unwrap(),
        percent: Regex::new(&format!(r"({NUM})\s*%")).unwrap(),
        count: Regex::new(r"(?:(ít nhất|tối thiểu)\s+)?\b(\d{1,3})\s+(\p{L}[^\d]*)").unwrap(),
        // OCR punctuation between the words ("trước , 31/12/2025") is let through and dropped.
        // "ngày" may come as OCR mangled it ("trước \"gây. 01/01/2026", Tesseract-vie on 000-scan):
        // one short word between "trước" and a full date stands for it.
        by: Regex::new(r"trước[\s,;:.]+(?:\S{1,6}[\s,;:.]+)?(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})").unwrap(),
        on_day: Regex::new(r"ngày[\s,;:.]+\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}").unwrap(),
    })
}

/// Words that end a count's unit ("từ 30 dự án được hỗ trợ" → "dự án").
const UNIT_STOP: &[&str] = &["được", "có", "của", "trong", "trên", "tại", "và", "đã", "sẽ", "để", "cho", "liên", "ứng", "với", "trước", "sau", "đến"];

fn value(raw: &str, op: &str, v: &str, max: Option<&str>, unit: Option<String>) -> Option<TargetValue> {
    Some(TargetValue { raw: raw.trim().to_string(), op: op.into(), value: Some(number(v)?), max: max.and_then(number), unit })
}

fn count_unit(words: &str) -> Option<String> {
    let w: Vec<&str> = words.split_whitespace().take_while(|w| !UNIT_STOP.contains(w)).collect();
    (!w.is_empty()).then(|| w.join(" "))
}

/// The quantity a goal sentence sets, and its unit of measure ("%" or None).
pub fn goal_target(content: &str) -> (Option<TargetValue>, Option<String>) {
    let r = res();
    let pct = |p: Option<regex::Match>| p.map(|_| "%".to_string());
    // 1. An explicit comparison: "≥ 70%", "≥ 0,8".
    if let Some(c) = r.symbol.captures(content) {
        let op = match &c[1] {
            "≥" | ">=" => ">=",
            "≤" | "<=" => "<=",
            ">" => ">",
            _ => "<",
        };
        return (value(&c[0], op, &c[2], None, None), pct(c.get(3)));
    }
    // 2. "từ 60% (dân số) trở lên", "từ 10 doanh nghiệp trở lên".
    if let Some(c) = r.from_up.captures(content) {
        let unit = if c.get(2).is_some() { None } else { count_unit(&c[3]) };
        return (value(&c[0], ">=", &c[1], None, unit), pct(c.get(2)));
    }
    // 3. A range: "15-17%".
    if let Some(c) = r.range.captures(content) {
        return (value(&c[0], "between", &c[1], Some(&c[2]), None), Some("%".into()));
    }
    // 4. "Có từ 60 sản phẩm …".
    if let Some(c) = r.from.captures(content) {
        if c.get(2).is_some() {
            return (value(&format!("từ {}%", &c[1]), ">=", &c[1], None, None), Some("%".into()));
        }
        let unit = count_unit(&c[3]);
        let raw = match &unit {
            Some(u) => format!("từ {} {u}", &c[1]),
            None => format!("từ {}", &c[1]),
        };
        return (value(&raw, ">=", &c[1], None, unit), None);
    }
    // 5. A plain percentage: "… 100%."
    if let Some(c) = r.percent.captures(content) {
        return (value(&c[0], "=", &c[1], None, None), Some("%".into()));
    }
    // 6. A count: "Ban hành 03 cơ chế chính sách: …", "ít nhất 03 công nghệ/sản phẩm chiến lược".
    for c in r.count.captures_iter(content) {
        let n = c.get(2).unwrap();
        let before = content[..c.get(0).unwrap().start()].trim_end();
        if before.ends_with("năm") || before.ends_with("số") || before.ends_with("tháng") || before.ends_with("ngày") {
            continue;
        }
        let Some(unit) = counted_noun(&c[3]) else { continue };
        let op = if c.get(1).is_some() { ">=" } else { "=" };
        let lead = c.get(1).map(|m| format!("{} ", m.as_str())).unwrap_or_default();
        let raw = format!("{lead}{} {unit}", n.as_str());
        return (value(&raw, op, n.as_str(), None, Some(unit)), None);
    }
    (None, None)
}

/// The noun a count counts: up to the punctuation that ends a short phrase (four words at most),
/// else its first two words ("03 công nghệ/sản phẩm chiến lược cho …" → "công nghệ/sản phẩm").
fn counted_noun(after: &str) -> Option<String> {
    let words: Vec<&str> = after.split_whitespace().take(5).collect();
    for (i, w) in words.iter().enumerate().take(4) {
        if w.ends_with([':', ',', ';', '.']) {
            let mut ws: Vec<&str> = words[..=i].to_vec();
            let last = ws.pop().unwrap().trim_end_matches([':', ',', ';', '.']);
            ws.push(last);
            return Some(ws.join(" "));
        }
    }
    // Alternatives joined by a slash ("công nghệ/sản phẩm") count as one noun of the same length.
    let n = if words.iter().take(2).any(|w| w.contains('/')) { 3 } else { 2 };
    let ws: Vec<&str> = words.iter().take(n).take_while(|w| !UNIT_STOP.contains(w)).copied().collect();
    (!ws.is_empty()).then(|| ws.join(" "))
}

/// The deadline a goal sentence states ("trước ngày 01/01/2026"), the first one.
pub fn goal_deadline(content: &str) -> Option<Deadline> {
    let by = res().by.captures(content);
    let by_start = by.as_ref().and_then(|c| c.get(0)).map(|m| m.start());
    let damaged = damaged_by(content).filter(|(start, _)| by_start.is_none_or(|b| *start < b));
    let (raw, parsed) = match (damaged, &by) {
        // The damaged word is read, and written, as the grammar's "trước" (an OCR reading: what
        // the page says is "trước ngày …", not "trụ ốc ngày …").
        (Some((_, day)), _) => {
            let before = crate::rules::Rules::get().deadline_spellings.get("truoc").map_or("trước", |s| s.as_str());
            (format!("{before} {}", day.as_str()), day.as_str().to_string())
        }
        // The word before the date, "ngày" as OCR mangled it or not, is read as "ngày".
        (None, Some(c)) => (c.get(0)?.as_str().to_string(), format!("trước ngày {}", &c[1])),
        (None, None) => return None,
    };
    let clean = parsed.replace([',', ';', ':', '.'], " ").split_whitespace().collect::<Vec<_>>().join(" ");
    let mut d = deadline::parse(&clean).filter(|d| d.kind != "text")?;
    // (a lone mark between "trước" and the date is a speck an OCR read: "trước , 31/12/2025"; so
    // is a mark ending a word before the date, "trước. 31/12/2025")
    let words: Vec<&str> = raw.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).collect();
    let last = words.len().saturating_sub(1);
    d.raw = words.iter().enumerate().map(|(i, w)| if i < last { w.trim_end_matches(['.', ',', ';', ':']) } else { w }).collect::<Vec<_>>().join(" ");
    Some(d)
}

/// "trước ngày 01/01/2026" with its "trước" damaged by OCR ("trụ ốc ngày …", "trừ các ngày …"):
/// the one or two words before "ngày <date>", letters joined, start with "tr" and are within two
/// edits of "truoc" (four letters at least: "trừ ngày" alone is not taken). The start of those
/// words and the "ngày <date>" match.
fn damaged_by(content: &str) -> Option<(usize, regex::Match<'_>)> {
    for day in res().on_day.find_iter(content) {
        let before = &content[..day.start()];
        let words: Vec<(usize, &str)> = before.split_whitespace().map(|w| (w.as_ptr() as usize - content.as_ptr() as usize, w)).collect();
        for n in 1..=2.min(words.len()) {
            let ws = &words[words.len() - n..];
            let letters: String = ws.iter().map(|(_, w)| crate::rules::fold(w)).collect::<String>().chars().filter(|c| c.is_alphabetic()).collect();
            if n == 1 && letters == "truoc" {
                break; // the undamaged word: `by` finds it
            }
            if letters.starts_with("tr") && letters.chars().count() >= 4 && strsim::levenshtein(&letters, "truoc") <= 2 {
                return Some((ws[0].0, day));
            }
        }
    }
    None
}

fn strip_colon(s: &str) -> String {
    s.trim().trim_end_matches([':', '.']).trim().to_string()
}

/// A goal number the OCR damaged, taken only when it is the one after the previous goal's, so
/// that the sequence, not the glyph, decides: "@1) Tỷ lệ …" where "(21)" is due (Tesseract's
/// Vietnamese model reads "(2" as "@": 002-scan page 3, goal 21 after goal 20), and "7) Tỷ lệ …"
/// where "(7)" is due (the opening parenthesis lost: 002-scan page 3, the English model).
fn damaged_number(text: &str, prev: Option<&str>) -> Option<(String, String)> {
    let (rest, lead) = match text.strip_prefix('@') {
        Some(rest) => (rest, "2"),
        None => (text, ""),
    };
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = rest[digits.len()..].strip_prefix(')')?;
    let n = format!("{lead}{digits}");
    let prev: u32 = prev?.parse().ok()?;
    let fits = if lead.is_empty() { (1..=2).contains(&digits.len()) } else { digits.len() == 1 };
    (fits && n.parse::<u32>().ok()? == prev + 1).then(|| (n, after.trim().to_string()))
}

/// Finds the goals in the body lines (in reading order).
pub fn extract(body: &[BodyLine]) -> Vec<Goal> {
    let r = res();
    let mut goals: Vec<Goal> = Vec::new();
    let mut inside = false;
    let mut section: Option<Coded> = None;
    let mut current: Option<(Option<String>, Vec<String>, u32)> = None;
    let flush = |cur: &mut Option<(Option<String>, Vec<String>, u32)>, section: &Option<Coded>, goals: &mut Vec<Goal>| {
        if let (Some((code, lines, page)), Some(sec)) = (cur.take(), section) {
            let content = crate::tables::join_cell_lines(&lines).replace('\n', " ");
            let (target, uom) = goal_target(&content);
            goals.push(Goal { section: sec.clone(), code, deadline: goal_deadline(&content), content, unit_of_measure: uom, target, page });
        }
    };
    for l in body {
        // (A speck the OCR read before a line's start is not text: "' (20) Tỷ lệ người dân …",
        // OCRmyPDF's 002, where goal 20 went into goal 19; "_{8) Tỷ lệ …" in its Vietnamese-model
        // layer, where the brace is the parenthesis, and "8)" is goal 8 after goal 7.)
        let text = l.text.trim().trim_start_matches(super::LEADING_SPECKS).trim_start();
        let f = fold(text);
        // The headings in either reading: the repaired text, or the text layer's when the repair
        // changed a word ("1. Mục tiêu" is no longer one if the language model made other words
        // of it; tests/ocr_perturbed.rs).
        let raw = l.raw.as_deref().map(|t| fold(t.trim()));
        let heading = |re: &Regex| re.is_match(&f) || raw.as_deref().is_some_and(|x| re.is_match(x));
        if !inside {
            inside = heading(&r.start);
            continue;
        }
        if heading(&r.end) {
            break;
        }
        if let Some(c) = r.sub.captures(text) {
            flush(&mut current, &section, &mut goals);
            section = Some(Coded { code: Some(c[1].to_string()), title: strip_colon(&c[2]) });
            continue;
        }
        if section.is_none() {
            continue;
        }
        if let Some(c) = r.numbered.captures(text) {
            flush(&mut current, &section, &mut goals);
            current = Some((Some(c[1].to_string()), vec![c[2].to_string()], l.page));
        } else if let Some((n, rest)) = damaged_number(text, current.as_ref().and_then(|c| c.0.as_deref())) {
            flush(&mut current, &section, &mut goals);
            current = Some((Some(n), vec![rest], l.page));
        } else if let Some(c) = r.bullet.captures(text).filter(|c| c[1].chars().any(char::is_alphabetic) || current.is_none()) {
            flush(&mut current, &section, &mut goals);
            current = Some((None, vec![c[1].to_string()], l.page));
        } else if let Some(c) = r.bullet.captures(text) {
            // "- 01/01/2026.": a goal has words; a dash before a bare date is a speck OCR read at
            // the start of the line that ends the goal above.
            if let Some((_, lines, _)) = current.as_mut() {
                lines.push(c[1].to_string());
            }
        } else if let Some((_, lines, _)) = current.as_mut() {
            lines.push(text.to_string());
        }
    }
    flush(&mut current, &section, &mut goals);
    goals
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tv(s: &str) -> (Option<(String, String, Option<f64>, Option<f64>, Option<String>)>, Option<String>) {
        let (t, u) = goal_target(s);
        (t.map(|t| (t.raw, t.op, t.value, t.max, t.unit)), u)
    }

    #[test]
    fn goal_numbers_the_ocr_damaged_follow_the_sequence() {
        assert_eq!(damaged_number("@1) Tỷ lệ người dân", Some("20")), Some(("21".to_string(), "Tỷ lệ người dân".to_string())));
        // Only where the sequence wants that number.
        assert_eq!(damaged_number("@1) Tỷ lệ", Some("5")), None);
        assert_eq!(damaged_number("@1) Tỷ lệ", None), None);
        assert_eq!(damaged_number("@ gmail", Some("20")), None);
        // The opening parenthesis lost: "7)" after goal 6 is goal 7; not after goal 3, and not a
        // year or a figure with a parenthesis after it.
        assert_eq!(damaged_number("7) Tỷ lệ hồ sơ", Some("6")), Some(("7".to_string(), "Tỷ lệ hồ sơ".to_string())));
        assert_eq!(damaged_number("7) Tỷ lệ hồ sơ", Some("3")), None);
        assert_eq!(damaged_number("2026) và", Some("2025")), None);
    }

    #[test]
    fn goal_quantities() {
        let s = |x: &str| Some(x.to_string());
        assert_eq!(tv("Tỷ lệ phủ sóng 5G trên địa bàn đạt từ 60% dân số trở lên."), (Some((s("từ 60% dân số trở lên").unwrap(), s(">=").unwrap(), Some(60.0), None, None)), s("%")));
        assert_eq!(tv("truy cập băng rộng cố định với tốc độ 01 Gbps đạt từ 70% trở lên.").0.unwrap().2, Some(70.0));
        assert_eq!(tv("Chỉ số Chuyển đổi số cấp tỉnh ≥ 0,8.").0.unwrap().2, Some(0.8));
        assert_eq!(tv("Số người … trên 01 vạn dân ≥ 12.").0.unwrap().0, "≥ 12");
        assert_eq!(tv("Dân số từ 15 tuổi trở lên có tài khoản ≥ 95%.").0.unwrap().0, "≥ 95%");
        assert_eq!(tv("Doanh nghiệp khởi nghiệp: từ 20 doanh nghiệp trở lên.").0.unwrap().4, s("doanh nghiệp"));
        let lost = tv("Số nhiệm vụ được nghiệm thu: tty 08 nhiệm vụ trở lên.,").0.unwrap();
        assert_eq!((lost.1.as_str(), lost.2, lost.4.as_deref()), (">=", Some(8.0), Some("nhiệm vụ")));
        assert_eq!(tv("Có từ 30 dự án đổi mới sáng tạo được hỗ trợ.").0.unwrap().0, "từ 30 dự án");
        assert_eq!(tv("Quy mô kinh tế số/GRDP 15-17%.").0.unwrap().1, "between");
        assert_eq!(tv("Tỷ lệ hồ sơ xử lý trực tuyến 95%.").0.unwrap().0, "95%");
        assert_eq!(tv("Triển khai Ứng dụng AI, IoT, Big Data…"), (None, None));
        assert_eq!(tv("Ban hành 03 cơ chế chính sách: Chính sách hỗ trợ").0.unwrap().4, s("cơ chế chính sách"));
        let t = tv("làm chủ được ít nhất 03 công nghệ/sản phẩm chiến lược cho doanh nghiệp").0.unwrap();
        assert_eq!((t.0.as_str(), t.1.as_str()), ("ít nhất 03 công nghệ/sản phẩm", ">="));
        assert_eq!(tv("Ban hành Kế hoạch nhân tài đến năm 2030, tầm nhìn đến năm 2050 trước 31/12/2025."), (None, None));
    }

    #[test]
    fn a_speck_before_a_goal_number_is_not_text() {
        let line = |t: &str| BodyLine { page: 1, text: t.into(), x0: 80.0, x1: 500.0, top: 0.0, size: 13.0, page_width: 595.0, raw: None };
        let body: Vec<BodyLine> = ["1. Mục tiêu", "1.5. Về chuyển đổi số:", "(19) Tỷ lệ doanh nghiệp vừa và nhỏ ≥ 60%.", "' (20) Tỷ lệ người dân có tài khoản ≥ 80%.", "_{21) Tỷ lệ sử dụng dịch vụ công ≥ 80%", "2. Yêu cầu"].iter().map(|t| line(t)).collect();
        let goals = extract(&body);
        assert_eq!(goals.iter().map(|g| g.code.as_deref().unwrap_or("")).collect::<Vec<_>>(), ["19", "20", "21"]);
        assert_eq!(goals[1].content, "Tỷ lệ người dân có tài khoản ≥ 80%.");
    }

    #[test]
    fn dash_before_a_bare_date_continues_the_goal() {
        let line = |t: &str| BodyLine { page: 1, text: t.into(), x0: 80.0, x1: 500.0, top: 0.0, size: 13.0, page_width: 595.0, raw: None };
        let body: Vec<BodyLine> = ["1. Mục tiêu", "1.1. Về chuyển đổi số:", "- Có 100% thủ tục hành chính trực tuyến trước ngày", "- 01/01/2026.", "- Có ≥ 80% dịch vụ công trực tuyến.", "2. Yêu cầu"]
            .iter()
            .map(|t| line(t))
            .collect();
        let g = extract(&body);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].content, "Có 100% thủ tục hành chính trực tuyến trước ngày 01/01/2026.");
        assert_eq!(g[0].deadline.as_ref().and_then(|d| d.end.as_deref()), Some("2026-01-01"));
    }

    #[test]
    fn goal_headings_in_either_reading() {
        // The repair made other words of "1. Mục tiêu" and "2. Yêu cầu"; the text layer read them
        // "1. Muc tiéu", "2. Yéu cau".
        let line = |t: &str, raw: Option<&str>| BodyLine { page: 1, text: t.into(), x0: 80.0, x1: 500.0, top: 0.0, size: 13.0, page_width: 595.0, raw: raw.map(|r| r.to_string()) };
        let body = vec![
            line("1. Mục tiện", Some("1. Muc tiéu")),
            line("1.1. Về chuyển đổi số:", None),
            line("- Có ≥ 80% dịch vụ công trực tuyến.", None),
            // (its full stop read as a comma)
            line("1.2, Về khoa học", None),
            line("- Có 03 cơ chế.", None),
            line("2. Yếu cầm", Some("2. Yéu cau")),
            line("- Có 100% cán bộ được tập huấn.", None),
        ];
        let g = extract(&body);
        assert_eq!(g.iter().map(|g| g.content.as_str()).collect::<Vec<_>>(), ["Có ≥ 80% dịch vụ công trực tuyến.", "Có 03 cơ chế."]);
        assert_eq!(g.iter().map(|g| g.section.code.as_deref().unwrap()).collect::<Vec<_>>(), ["1.1", "1.2"]);
        // Without the text layer's reading the start is not found.
        let unread: Vec<BodyLine> = body.iter().map(|l| BodyLine { raw: None, ..l.clone() }).collect();
        assert!(extract(&unread).is_empty());
    }

    #[test]
    fn goal_deadlines() {
        let d = goal_deadline("Có ≥ 70% hồ sơ xử lý trực tuyến trước ngày 01/01/2026, tiến tới 100% trước ngày 31/12/2030.").unwrap();
        assert_eq!((d.raw.as_str(), d.end.as_deref()), ("trước ngày 01/01/2026", Some("2026-01-01")));
        // "ngày" mangled by OCR: the date still stands
        let d = goal_deadline("giữa các cấp chính quyền trước \"gây. 01/01/2026.").unwrap();
        assert_eq!((d.raw.as_str(), d.kind.as_str(), d.end.as_deref(), d.note.as_deref()), ("trước \"gây 01/01/2026", "date", Some("2026-01-01"), None));
        let d = goal_deadline("hoàn thành trước 31/12/2025.").unwrap();
        assert_eq!((d.raw.as_str(), d.end.as_deref(), d.note.as_deref()), ("trước 31/12/2025", Some("2025-12-31"), None));
        // but not a date far from "trước"
        assert!(goal_deadline("trước khi hoàn thành việc rà soát 01/01/2026").is_none());
        assert!(goal_deadline("Tỷ lệ 100%.").is_none());
        // OCR punctuation between the words
        assert_eq!(goal_deadline("hoàn thành trước. 31/12/2025.").map(|d| d.raw), Some("trước 31/12/2025".to_string()));
        let d = goal_deadline("chuyển đổi số trên địa bàn ‘tỉnh trước , 31/12/2025.").unwrap();
        assert_eq!((d.raw.as_str(), d.end.as_deref()), ("trước 31/12/2025", Some("2025-12-31")));
        // "trước" damaged by OCR (000-scan, 003-scan): still the first deadline of the sentence
        let d = goal_deadline("vận hành trên nền tảng điện toán đám mây trụ ốc ngày 01/01/2026.").unwrap();
        assert_eq!((d.raw.as_str(), d.end.as_deref(), d.note.as_deref()), ("trước ngày 01/01/2026", Some("2026-01-01"), None));
        let d = goal_deadline("liên thông với Trung ương trừ các ngày 01/01/2026, tiện tới > 80% trước ngày 31/12/2030.").unwrap();
        assert_eq!((d.raw.as_str(), d.end.as_deref()), ("trước ngày 01/01/2026", Some("2026-01-01")));
        // other words before "ngày": no deadline of the goal
        assert!(goal_deadline("theo Quyết định ban hành ngày 12/3/2025.").is_none());
        assert!(goal_deadline("áp dụng từ ngày 01/01/2026.").is_none());
        assert!(goal_deadline("áp dụng trừ ngày 01/01/2026.").is_none());
        assert!(goal_deadline("kể từ trong ngày 01/01/2026.").is_none());
    }
}
