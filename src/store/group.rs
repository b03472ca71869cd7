//! Which plan a loaded document is a version of.
//!
//! Same number and issuer: the same plan. A document whose number is blank (a draft prints
//! `Số:      /KH-SKHCN`) joins the plan of the same issuer whose title is closest, when the titles are
//! similar enough ([`TITLE_THRESHOLD`], measured in the README on `tests/data/plan-titles.tsv`) and
//! their numbers do not contradict each other ([`numbers_compatible`]): plans of one issuer often
//! differ only in the documents they implement ("Thông báo … số 07-TB … ngày 15/10/2025" vs "số
//! 17-TB … ngày 29/12/2025") or the year ("… năm 2025" vs "… năm 2026").

use crate::rules::fold;

/// Title similarity (Sørensen–Dice on character bigrams of [`title_key`]) a blank-numbered document
/// must reach to join an existing plan. Measured on tests/data/plan-titles.tsv (README "Versions of
/// a plan", `cargo run --release --example title_threshold`): different plans of one issuer reach
/// 0.662 at most even without the numbers guard (0.522 with it), revised copies 0.937 at least.
/// 0.80 is the middle of the unguarded gap, so above the middle of the guarded one: a false merge
/// would hide a plan behind another's latest version while a false split only separates two
/// versions, so ties go to splitting.
pub const TITLE_THRESHOLD: f64 = 0.80;

/// The comparable form of a title: folded (no case, no diacritics), dates written one way
/// ("ngày 22 tháng 12 năm 2024" → "22 12 2024"), punctuation and quotes gone, numbers without
/// leading zeros, "số" before a number and a leading "về"/"về việc" dropped.
pub fn title_key(title: &str) -> String {
    let f = fold(title);
    // Punctuation → space (keeps letters and digits).
    let cleaned: String = f.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    let is_num = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    while i < words.len() {
        let w = words[i];
        // "ngay 22 thang 12 nam 2024" → "22 12 2024"
        if w == "ngay"
            && i + 5 < words.len()
            && is_num(words[i + 1])
            && words[i + 2] == "thang"
            && is_num(words[i + 3])
            && words[i + 4] == "nam"
            && is_num(words[i + 5])
        {
            for k in [1, 3, 5] {
                out.push(strip_zeros(words[i + k]));
            }
            i += 6;
            continue;
        }
        // "ngay 22/12/2024" → "22 12 2024"
        if w == "ngay" && i + 1 < words.len() && is_num(words[i + 1]) {
            i += 1;
            continue;
        }
        if w == "so" && i + 1 < words.len() && is_num(words[i + 1]) {
            i += 1;
            continue;
        }
        if is_num(w) {
            out.push(strip_zeros(w));
        } else {
            out.push(w.to_string());
        }
        i += 1;
    }
    let mut start = 0;
    if out.first().map(|w| w == "ve").unwrap_or(false) {
        start = 1;
        if out.get(1).map(|w| w == "viec").unwrap_or(false) {
            start = 2;
        }
    }
    out[start..].join(" ")
}

fn strip_zeros(w: &str) -> String {
    let t = w.trim_start_matches('0');
    if t.is_empty() {
        "0".into()
    } else {
        t.to_string()
    }
}

/// The numbers in a title key, sorted (a multiset).
pub fn title_numbers(key: &str) -> Vec<u64> {
    let mut v: Vec<u64> = key.split(' ').filter_map(|w| if w.chars().all(|c| c.is_ascii_digit()) { w.parse().ok() } else { None }).collect();
    v.sort_unstable();
    v
}

/// True when the numbers of one title are all among the other's (as a multiset): a revision may add
/// "năm 2026" to a title, but two titles citing different documents, dates or years are two plans.
pub fn numbers_compatible(a: &[u64], b: &[u64]) -> bool {
    let (small, big) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut j = 0;
    for &x in small {
        while j < big.len() && big[j] < x {
            j += 1;
        }
        if j == big.len() || big[j] != x {
            return false;
        }
        j += 1;
    }
    true
}

/// Similarity of two title keys in [0, 1].
pub fn key_similarity(a: &str, b: &str) -> f64 {
    strsim::sorensen_dice(a, b)
}

/// Similarity of two titles as the grouping sees them: `None` when their numbers contradict
/// (never the same plan), else the similarity of their keys.
pub fn title_similarity(a: &str, b: &str) -> Option<f64> {
    let (ka, kb) = (title_key(a), title_key(b));
    if !numbers_compatible(&title_numbers(&ka), &title_numbers(&kb)) {
        return None;
    }
    Some(key_similarity(&ka, &kb))
}

/// True when a blank-numbered document with title `a` may join a plan that has a version titled `b`.
pub fn same_plan_title(a: &str, b: &str) -> bool {
    title_similarity(a, b).map(|s| s >= TITLE_THRESHOLD).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(
            title_key("Về việc triển khai Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị về “đột phá”"),
            "trien khai nghi quyet 57 nq tw 22 12 2024 cua bo chinh tri ve dot pha"
        );
        assert_eq!(title_key("Nghị quyết 57-NQ/TW ngày 22/12/2024"), "nghi quyet 57 nq tw 22 12 2024");
        assert_eq!(title_key("ngày 01/04/2025"), title_key("ngày 01/4/2025"));
    }

    #[test]
    fn numbers() {
        assert!(numbers_compatible(&[1, 2, 2024], &[1, 2, 2024, 2026]));
        assert!(!numbers_compatible(&[2025], &[2026]));
        assert!(!numbers_compatible(&[7, 10, 15, 2025], &[12, 17, 29, 2025]));
        assert!(numbers_compatible(&[], &[5]));
        assert!(!numbers_compatible(&[5, 5], &[5, 6]));
    }

    /// The measurement set: every pair of titles of different plans of one issuer stays apart, and
    /// every same-plan pair except the closing-sentence paraphrase of 001 (not a title) groups.
    #[test]
    fn measured_title_pairs() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/plan-titles.tsv")).unwrap();
        let rows: Vec<Vec<&str>> = text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(|l| l.split('\t').collect()).collect();
        assert!(rows.len() >= 16);
        let (mut same, mut apart) = (0, 0);
        for i in 0..rows.len() {
            for j in i + 1..rows.len() {
                let (a, b) = (&rows[i], &rows[j]);
                let together = same_plan_title(a[3], b[3]);
                if a[0] == b[0] {
                    let paraphrase = a[2].contains("closing sentence") || b[2].contains("closing sentence");
                    assert_eq!(together, !paraphrase, "{} [{}] vs [{}]: {:?}", a[0], a[2], b[2], title_similarity(a[3], b[3]));
                    same += 1;
                } else if a[1] == b[1] {
                    assert!(!together, "{} vs {} grouped", a[0], b[0]);
                    apart += 1;
                }
            }
        }
        assert_eq!((same, apart), (11, 14));
    }

    #[test]
    fn years_and_cited_documents_separate_plans() {
        let a = "Triển khai Thông báo kết luận số 07-TB/CQTTBCĐ ngày 15 tháng 10 năm 2025 của Cơ quan thường trực";
        let b = "Triển khai Thông báo kết luận số 17-TB/CQTTBCĐ ngày 29 tháng 12 năm 2025 của Cơ quan thường trực";
        assert!(!same_plan_title(a, b));
        assert!(!same_plan_title("Kế hoạch chuyển đổi số năm 2025", "Kế hoạch chuyển đổi số năm 2026"));
        assert!(same_plan_title(a, &a.replace("ngày 15 tháng 10 năm 2025", "ngày 15/10/2025")));
    }
}
