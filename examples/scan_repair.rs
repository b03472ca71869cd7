//! Debugging: the held-out OCR repair of one scanned PDF; prints each word containing NEEDLE (after
//! repair) with its neighbours, before → after. CW=cache weight.
//! cargo run --release --example scan_repair -- PDF DOC NEEDLE
use kehoach::repair::{self, lm, ocr, train};
use std::path::Path;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&a[1]).unwrap();
    let all: Vec<(String, Vec<train::Pair>)> = train::all_pairs(Path::new("corpus/ocr")).into_iter().filter(|(d, _)| !train::is_derived(d)).collect();
    let plan_lines = train::plan_lines(Path::new("corpus/src")).unwrap();
    let docs: Vec<&str> = all.iter().map(|(d, _)| d.as_str()).collect();
    let split = train::held_out_split(&a[2], &docs, &plan_lines);
    let d = ocr::Params::default();
    let params = ocr::Params { cache_weight: std::env::var("CW").ok().and_then(|v| v.parse().ok()).unwrap_or(d.cache_weight), ..d };
    let (counts, ch) = train::training_counts(&lm::generic_counts(), &plan_lines, &train::channel_pairs(Path::new("corpus/ocr")), |d| split.lm.iter().any(|x| x == d), |d| split.channel.iter().any(|x| x == d), lm::PLAN_WEIGHT);
    let model = ocr::OcrRepair::new(&counts, &ch, params);
    let text = kehoach::read_text(&bytes, &kehoach::Options::default()).unwrap();
    let orig = text.clone();
    let r = repair::repair_doc(text, &repair::OcrLines(&model));
    for (p, (po, pr)) in orig.pages.iter().zip(&r.doc.pages).enumerate() {
        for (i, wr) in pr.words.iter().enumerate() {
            if wr.text.contains(&a[3]) {
                let ctx: Vec<String> = (i.saturating_sub(3)..(i + 4).min(po.words.len())).map(|k| format!("{}→{}", po.words[k].text, pr.words[k].text)).collect();
                println!("p{p}: {}", ctx.join(" "));
            }
        }
    }
}
