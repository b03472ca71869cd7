//! The store's library API: version grouping (000 and 002, same issuer, different plans; a revised
//! copy; a draft and its signed version; another issuer with the same title), version order, plan
//! keys, idempotency. Documents are golden/000.json with their metadata edited.

use kehoach::model::{PlanDocument, Source};
use kehoach::store::{Added, Store};

const BCD: &str = "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh Đồng Nai";
const T000: &str = "Triển khai Thông báo kết luận số 07-TB/CQTTBCĐ ngày 15 tháng 10 năm 2025 của Cơ quan thường trực của Ban chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số";
const T002: &str = "Triển khai Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị về “đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia” trên địa bàn tỉnh Đồng Nai năm 2026";

fn doc(sha: &str, number: Option<&str>, issuer: &str, title: &str, issued_on: Option<&str>) -> PlanDocument {
    let mut d: PlanDocument = serde_json::from_str(&std::fs::read_to_string("golden/000.json").unwrap()).unwrap();
    d.source = Some(Source { file: format!("{sha}.pdf"), sha256: sha.repeat(64 / sha.len()), pages: 9, text_layer: "digital".into(), producer: None });
    d.plan.number = number.map(String::from);
    d.plan.issuer = Some(issuer.to_string());
    d.plan.title = Some(title.to_string());
    d.plan.issued_on = issued_on.map(String::from);
    d
}

fn loaded(a: Added) -> (i64, i64, bool) {
    match a {
        Added::Loaded { version_id, plan_id, new_plan } => (version_id, plan_id, new_plan),
        other => panic!("expected Loaded, got {other:?}"),
    }
}

#[test]
fn versions_are_grouped_by_number_issuer_and_title() {
    let dir = std::env::temp_dir().join(format!("kehoach-store-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut s = Store::open(&dir.join("s.db")).unwrap();

    // 000, a draft with no number.
    let (v000, a, new) = loaded(s.add_document(&doc("a1", None, BCD, T000, None), "000.pdf").unwrap());
    assert!(new);
    // A revised copy: title lightly edited, a task deleted, still no number → the same plan.
    let mut revised = doc("a2", None, BCD, &T000.replace("Triển khai", "Triển khai thực hiện").replace("ngày 15 tháng 10 năm 2025", "ngày 15/10/2025"), None);
    revised.tasks.remove(3);
    let (v_rev, p, new) = loaded(s.add_document(&revised, "000-rev.pdf").unwrap());
    assert_eq!((p, new), (a, false));
    // 002: same issuer, numbered, another plan (its title shares the boilerplate, not the numbers).
    let (v002, b, new) = loaded(s.add_document(&doc("b1", Some("03-KH/BCĐ"), BCD, T002, Some("2026-01-16")), "002.pdf").unwrap());
    assert!(new && b != a);
    // 002's draft, loaded after the signed version: no number, closest title → 002's plan, and it
    // counts as the earlier version (undated).
    let (v002d, p, _) = loaded(s.add_document(&doc("b2", None, BCD, T002, None), "002-draft.pdf").unwrap());
    assert_eq!(p, b);
    // The UBND's 91/KH-UBND has the very same title: another issuer, another plan.
    let (_, c, new) = loaded(s.add_document(&doc("c1", Some("91/KH-UBND"), "Ủy ban nhân dân tỉnh", T002, Some("2026-02-12")), "91.pdf").unwrap());
    assert!(new && c != b);
    // The signed 000: numbered, same title → 000's plan, which now has that number.
    let (v000s, p, _) = loaded(s.add_document(&doc("a3", Some("05-KH/BCĐ"), BCD, T000, Some("2025-11-20")), "000-signed.pdf").unwrap());
    assert_eq!(p, a);
    // A later version under that number with a reworded title: grouped by number.
    let (v000r, p, _) = loaded(s.add_document(&doc("a4", Some("05-KH/BCĐ"), BCD, "Kế hoạch sửa đổi, bổ sung", Some("2025-12-01")), "000-amend.pdf").unwrap());
    assert_eq!(p, a);
    // The same number from another issuer is another plan.
    let (_, d, new) = loaded(s.add_document(&doc("d1", Some("05-KH/BCĐ"), "Sở Khoa học và Công nghệ", "Kế hoạch khác", None), "other.pdf").unwrap());
    assert!(new);
    // Loading a document again writes nothing.
    assert_eq!(s.add_document(&doc("a1", None, BCD, T000, None), "again.pdf").unwrap(), Added::AlreadyLoaded { version_id: v000, plan_id: a });

    // Version order: undated (drafts) by load order, then by issue date.
    let ids = |key: &str| s.versions(key).unwrap().iter().map(|v| (v.id, v.version)).collect::<Vec<_>>();
    assert_eq!(ids(&format!("#{a}")), vec![(v000, 1), (v_rev, 2), (v000s, 3), (v000r, 4)]);
    assert_eq!(ids("03-KH/BCD"), vec![(v002d, 1), (v002, 2)], "a key matches without diacritics");
    assert_eq!(ids(&b.to_string()), vec![(v002d, 1), (v002, 2)]);
    // Two plans numbered 05-KH/BCĐ: the key is ambiguous for `versions`, both for `find_plans`.
    assert_eq!(s.find_plans("05-KH/BCĐ").unwrap(), vec![a, d]);
    let err = s.versions("05-KH/BCĐ").unwrap_err().to_string();
    assert_eq!(err, format!("2 plans are numbered 05-KH/BCĐ (ids #{a}, #{d}): name one as #ID"));
    assert_eq!(s.versions("99/KH").unwrap_err().to_string(), "no plan 99/KH in the store");

    // The plan row follows its latest version; a revised document reads back exactly.
    let plans = s.plans().unwrap();
    let pa = plans.iter().find(|p| p.id == a).unwrap();
    assert_eq!((pa.number.as_deref(), pa.title.as_deref(), pa.versions), (Some("05-KH/BCĐ"), Some("Kế hoạch sửa đổi, bổ sung"), 4));
    assert_eq!(plans.len(), 4);
    assert_eq!(s.load_document(v_rev).unwrap(), revised);
    assert_eq!(s.load_document(v_rev).unwrap().tasks.len(), 47);
    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
}
