//! The review pointers of records read from an OCR text layer (`Task::review`, `Target::review`):
//! the words of a field the repair stage was not sure of.

use kehoach::model::PlanDocument;
use kehoach::{extract_bytes_with, extract_file, Options};
use std::path::Path;

/// Every (field, word) a record's review names, with the field's text.
fn reviews(doc: &PlanDocument) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut add = |reference: &str, review: &[kehoach::model::Review], fields: &[(&str, Option<&str>)]| {
        for r in review {
            let text = fields.iter().find(|(f, _)| *f == r.field).unwrap_or_else(|| panic!("{reference}: review of unknown field {}", r.field)).1;
            out.push((r.field.clone(), r.word.clone(), text.unwrap_or_default().to_string()));
        }
    };
    for t in &doc.tasks {
        add(&t.reference, &t.review, &t.text_fields());
    }
    for t in &doc.targets {
        add(&t.reference, &t.review, &t.text_fields());
    }
    out
}

/// Born-digital text has no doubtful reading: no record of a born-digital plan (or of its legacy-
/// font and decomposed variants) carries a review.
#[test]
fn born_digital_plans_have_nothing_to_review() {
    for f in ["000-lo", "000-tcvn3", "000-nfd", "001-wp", "002-lo", "003-wp"] {
        let doc = extract_file(Path::new(&format!("corpus/{f}.pdf")), &Options::default()).unwrap();
        assert!(reviews(&doc).is_empty(), "{f}");
        assert!(!serde_json::to_string(&doc).unwrap().contains("\"review\""), "{f}: the optional field is left out");
    }
}

/// On each scan, read with the held-out model of `kehoach check --scanned`: every word a review
/// names is a word of its field; the reviews point at a small share of the words and at a good
/// share of the words read wrong (`check::review_coverage` against the golden file). The bounds
/// sit well below the figures of `kehoach check --scanned` (10–15% of words flagged, 59–64% of
/// wrong words caught at the shipped margin) so that they fail when the doubts stop pointing at
/// errors, not when a word choice changes.
#[test]
fn scans_point_at_their_doubtful_words() {
    for id in ["000", "001", "002", "003"] {
        let path = format!("corpus/scanned/{id}-scan.pdf");
        let (model, _) = kehoach::check::held_out_model(id, Path::new("corpus/ocr"), Path::new("corpus/src")).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let doc = extract_bytes_with(&bytes, "scan.pdf", &Options::default(), Some(&model)).unwrap();
        let rs = reviews(&doc);
        assert!(!rs.is_empty(), "{id}: no review");
        for (field, word, text) in &rs {
            assert!(text.split_whitespace().any(|w| w.contains(word.as_str())), "{id}: {field}: {word} not in «{text}»");
        }
        let golden: PlanDocument = serde_json::from_str(&std::fs::read_to_string(format!("golden/{id}.json")).unwrap()).unwrap();
        let (flagged, words, wrong_flagged, wrong) = kehoach::check::review_coverage(&golden, &doc);
        let (share, caught) = (flagged as f64 / words as f64, wrong_flagged as f64 / wrong.max(1) as f64);
        assert!(share < 0.2, "{id}: {flagged} of {words} words flagged");
        assert!(caught > 0.35, "{id}: {wrong_flagged} of {wrong} wrong words flagged");
    }
}
