//! Repairs argument lines with a model trained on the given plans only (diagnostics).
//! cargo run --release --example ocr_line -- PAIRS_DIR TRAIN_DOCS(comma) "line" ...
use kehoach::repair::{lm, ocr, train};
use std::path::Path;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let docs: Vec<&str> = a[2].split(',').collect();
    let lines = train::plan_lines(Path::new("corpus/src")).unwrap();
    let (counts, ch) = train::training_counts(&lm::generic_counts(), &lines, &train::channel_pairs(Path::new(&a[1])), |d| docs.contains(&d), |d| docs.contains(&d), lm::PLAN_WEIGHT);
    let m = ocr::OcrRepair::new(&counts, &ch, ocr::Params::default());
    let lmm = lm::Model::from_counts(&counts);
    for l in &a[3..] {
        println!("{l} → {}", m.repair_text(l));
        let b = lmm.id(lm::BOS);
        for w in l.split_whitespace() {
            println!("   LM({w}) = {:.2} id {}", lmm.logp(b, b, lmm.id(&w.to_lowercase())), lmm.id(&w.to_lowercase()));
            println!("   {w}: {:?}", m.candidates_of(w).iter().take(6).map(|(f, s)| format!("{f} {s:.2} u{:.2}", lmm.unigram_logp(lmm.id(f)))).collect::<Vec<_>>());
        }
    }
}
