//! Indicator targets: "≥ 80", "> 01", "16-18", "0,8", "≥ 01 khu vực", "Có", sentences.

use crate::model::TargetValue;
use regex::Regex;
use std::sync::OnceLock;

/// Reads a Vietnamese number: "0,8" and "0.8" are decimals, "1.000" is a thousand, "01" is 1.
pub fn number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    static THOUSANDS: OnceLock<Regex> = OnceLock::new();
    let thousands = THOUSANDS.get_or_init(|| Regex::new(r"^\d{1,3}(\.\d{3})+$").unwrap());
    let t = if thousands.is_match(s) { s.replace('.', "") } else { s.replace(',', ".") };
    t.parse::<f64>().ok()
}

fn re() -> &'static (Regex, Regex) {
    static R: OnceLock<(Regex, Regex)> = OnceLock::new();
    R.get_or_init(|| {
        (
            Regex::new(r"^(≥|≤|>=|<=|>|<|=|từ|tối thiểu|ít nhất|trên|dưới|đạt)?\s*(\d+(?:[.,]\d+)*)\s*(.*)$").unwrap(),
            Regex::new(r"^(?:từ\s*)?(\d+(?:[.,]\d+)?)\s*(?:-|–|đến)\s*(\d+(?:[.,]\d+)?)\s*(.*)$").unwrap(),
        )
    })
}

pub fn parse(raw: &str) -> Option<TargetValue> {
    let raw = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if raw.is_empty() {
        return None;
    }
    let (single, range) = re();
    let unit_of = |s: &str| {
        let s = s.trim();
        // Marks with no letter, digit or unit sign are no unit: an OCR's specks and ruling lines
        // after the number (">60 ˆ", "≥ 300 -").
        // (Spacing modifier letters, U+02B0–U+02FF, count as marks: "ˆ" is alphabetic to Unicode.)
        if !s.chars().any(|c| (c.is_alphanumeric() && !('\u{02B0}'..='\u{02FF}').contains(&c)) || matches!(c, '%' | '‰' | '°' | '$' | '€')) {
            None
        } else {
            Some(s.to_string())
        }
    };
    if let Some(c) = range.captures(&raw) {
        if let (Some(a), Some(b)) = (number(&c[1]), number(&c[2])) {
            return Some(TargetValue { raw: raw.clone(), op: "between".into(), value: Some(a), max: Some(b), unit: unit_of(&c[3]) });
        }
    }
    if let Some(c) = single.captures(&raw) {
        let op = match c.get(1).map(|m| m.as_str()) {
            None | Some("=") | Some("đạt") => "=",
            Some("≥") | Some(">=") | Some("tối thiểu") | Some("ít nhất") | Some("từ") => ">=",
            Some("≤") | Some("<=") => "<=",
            Some(">") | Some("trên") => ">",
            Some("<") | Some("dưới") => "<",
            _ => "=",
        };
        let rest = &c[3];
        // "trở lên" after the number means at least.
        let (op, rest) = match rest.strip_suffix("trở lên").or_else(|| if rest == "trở lên" { Some("") } else { None }) {
            Some(r) => (">=", r.trim()),
            None => (op, rest),
        };
        // A number followed by a sentence is a text target ("03 công nghệ được chuyển giao" keeps its number).
        if let Some(v) = number(&c[2]) {
            return Some(TargetValue { raw: raw.clone(), op: op.into(), value: Some(v), max: None, unit: unit_of(rest) });
        }
    }
    Some(TargetValue { raw, op: "text".into(), value: None, max: None, unit: None })
}

/// An OCR table's target cell written the way the plans write a target: a sign run into its
/// number spaced (">60" → "> 60", as "≥ 80" and "> 01" are written) and a speck stuck to its end
/// dropped ("≥ 85." → "≥ 85"). What `parse` reads from it is unchanged, but for that speck in the
/// unit ("%." → "%"). Only for cells read from an OCR text layer: a born-digital cell is the
/// document's text.
pub fn mend_ocr(raw: &str) -> String {
    let raw = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let signs = raw.chars().take_while(|c| matches!(c, '≥' | '≤' | '>' | '<' | '=')).map(char::len_utf8).sum::<usize>();
    let spaced = if signs > 0 && raw[signs..].starts_with(|c: char| c.is_ascii_digit()) { format!("{} {}", &raw[..signs], &raw[signs..]) } else { raw };
    super::trim_trailing_speck(&spaced).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> (String, Option<f64>, Option<f64>, Option<String>) {
        let v = parse(s).unwrap();
        (v.op, v.value, v.max, v.unit)
    }

    #[test]
    fn operators_and_numbers() {
        assert_eq!(t("≥ 80"), (">=".into(), Some(80.0), None, None));
        assert_eq!(t("> 01"), (">".into(), Some(1.0), None, None));
        assert_eq!(t("100"), ("=".into(), Some(100.0), None, None));
        assert_eq!(t("16-18"), ("between".into(), Some(16.0), Some(18.0), None));
        assert_eq!(t("0,8"), ("=".into(), Some(0.8), None, None));
        assert_eq!(t("≥ 0.8"), (">=".into(), Some(0.8), None, None));
        assert_eq!(t("≥ 01 khu vực"), (">=".into(), Some(1.0), None, Some("khu vực".into())));
        assert_eq!(t("Có").0, "text");
        assert_eq!(t("Xếp hạng ở nhóm 04 tỉnh, thành dẫn đầu cả nước").0, "text");
        assert_eq!(t("1.000"), ("=".into(), Some(1000.0), None, None));
        assert_eq!(t(">60 ˆ"), (">".into(), Some(60.0), None, None));
        assert_eq!(t("≥ 300 -"), (">=".into(), Some(300.0), None, None));
        assert_eq!(t("≥ 80 %"), (">=".into(), Some(80.0), None, Some("%".into())));
        assert!(parse("").is_none());
    }

    #[test]
    fn ocr_targets_written_as_the_plans_write_them() {
        assert_eq!(mend_ocr(">60"), "> 60");
        assert_eq!(mend_ocr(">01 "), "> 01");
        assert_eq!(mend_ocr("≥ 85."), "≥ 85");
        assert_eq!(mend_ocr("≥95%."), "≥ 95%");
        assert_eq!(mend_ocr("0,8."), "0,8");
        assert_eq!(mend_ocr("16-18"), "16-18");
        assert_eq!(mend_ocr("Có"), "Có");
        assert_eq!(mend_ocr(">= 80"), ">= 80");
        assert_eq!(mend_ocr("> vài"), "> vài");
        for raw in [">60", "≥ 85.", "≥95%.", ">=80 %", "0,8."] {
            let (a, b) = (parse(raw).unwrap(), parse(&mend_ocr(raw)).unwrap());
            let unit = a.unit.as_deref().map(|u| super::super::trim_trailing_speck(u).to_string());
            assert_eq!((a.op, a.value, a.max, unit), (b.op, b.value, b.max, b.unit), "{raw}");
        }
    }
}
