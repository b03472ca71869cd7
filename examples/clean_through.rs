//! How much of the clean plan text the OCR repair leaves as it is (text already right must come
//! through): words changed per plan, with the shipped model and with one trained on generic prose
//! and the rules' names only.
//! cargo run --release --example clean_through
use kehoach::repair::{lm, ocr, train};
use std::path::Path;
fn main() {
    let lines = train::plan_lines(Path::new("corpus/src")).unwrap();
    let (counts, _) = train::training_counts(&lm::generic_counts(), &lines, &[], |_| false, |_| false, lm::PLAN_WEIGHT);
    let channel = kehoach::repair::channel::ChannelCounts::from_text(include_str!("../rules/lm/ocr-channel.tsv"));
    let generic = ocr::OcrRepair::new(&counts, &channel, ocr::Params::default());
    for (name, m) in [("shipped", ocr::OcrRepair::shipped()), ("generic only", &generic)] {
        for doc in ["000", "001", "002"] {
            let toks: Vec<Vec<&str>> = lines.iter().filter(|(d, _)| d == doc).map(|(_, l)| l.split_whitespace().collect()).collect();
            let out = m.repair_doc_tokens(&toks);
            let (mut n, mut changed) = (0, Vec::new());
            for (a, b) in toks.iter().zip(&out) {
                for (x, y) in a.iter().zip(b) {
                    n += 1;
                    if x != y {
                        changed.push(format!("{x}→{y}"));
                    }
                }
            }
            println!("{name} {doc}: {n} words, {} changed ({:.2}%): {}", changed.len(), 100.0 * changed.len() as f64 / n as f64, changed.iter().take(12).cloned().collect::<Vec<_>>().join(", "));
        }
    }
}
