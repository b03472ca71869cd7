//! How well the OCR repair's doubts (`OcrRepair::repair_doc_tokens_doubted`) point at its errors, on
//! each plan's English-model OCR held out (the split of `kehoach repair-check`): per margin
//! threshold, the share of words flagged and the share of wrong words among them.
//! cargo run --release --example doubt_probe -- [DOC...]
use kehoach::repair::{lm, ocr, train};
use std::path::Path;
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let all: Vec<(String, Vec<train::Pair>)> = train::all_pairs(Path::new("corpus/ocr")).into_iter().filter(|(d, _)| !train::is_derived(d)).collect();
    let plan_lines = train::plan_lines(Path::new("corpus/src")).unwrap();
    let docs: Vec<&str> = all.iter().map(|(d, _)| d.as_str()).collect();
    let english = train::channel_pairs(Path::new("corpus/ocr"));
    let wanted: Vec<String> = if args.is_empty() { docs.iter().map(|d| d.to_string()).collect() } else { args };
    let thresholds = [0.5f32, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0];
    for doc in &wanted {
        let split = train::held_out_split(doc, &docs, &plan_lines);
        let (counts, ch) = train::training_counts(&lm::generic_counts(), &plan_lines, &english, |d| split.lm.iter().any(|x| x == d), |d| split.channel.iter().any(|x| x == d), lm::PLAN_WEIGHT);
        let m = ocr::OcrRepair::new(&counts, &ch, ocr::Params { doubt_margin: 8.0, ..ocr::Params::default() });
        let pairs = &all.iter().find(|(d, _)| d == doc).unwrap().1;
        let (pages, lines) = train::pair_pages(pairs);
        let (fixed, doubts) = m.repair_doc_tokens_doubted(&lines, &[]);
        // (per pair: right?, its smallest margin)
        let mut rows: Vec<(bool, f32)> = Vec::new();
        for ((pg, f), d) in pages.iter().zip(&fixed).zip(&doubts) {
            let mut t = 0;
            for &k in pg {
                let n = pairs[k].ocr.split_whitespace().count();
                let out = f[t..t + n].join(" ");
                let margin = d[t..t + n].iter().flatten().map(|d| d.margin).fold(f32::INFINITY, f32::min);
                let s = train::score(std::slice::from_ref(&pairs[k]), std::slice::from_ref(&out));
                rows.push((s.right == s.total, margin));
                if std::env::var_os("SHOW").is_some() && s.right < s.total {
                    println!("  wrong {} <- {} -> {} margin {margin:.2}", pairs[k].clean, pairs[k].ocr, out);
                }
                t += n;
            }
        }
        let wrong = rows.iter().filter(|r| !r.0).count();
        println!("{doc}: {} pairs, {wrong} wrong", rows.len());
        for th in thresholds {
            let flagged = rows.iter().filter(|r| r.1 < th).count();
            let caught = rows.iter().filter(|r| r.1 < th && !r.0).count();
            println!("  margin < {th:>3}: flagged {:5.1}% of pairs, {:5.1}% of errors caught, {:5.1}% of flagged wrong", 100.0 * flagged as f64 / rows.len() as f64, 100.0 * caught as f64 / wrong.max(1) as f64, 100.0 * caught as f64 / flagged.max(1) as f64);
        }
    }
}
