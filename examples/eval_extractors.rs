//! Compares text extractors on the corpus: share of the golden file's words each one recovers.
//! `cargo run --release --example eval_extractors`
use std::collections::HashMap;

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(|w| w.to_string()).collect()
}

fn recall(golden: &[String], got: &str) -> f64 {
    let mut bag: HashMap<&str, i64> = HashMap::new();
    for w in got.split_whitespace() {
        *bag.entry(w).or_default() += 1;
    }
    let mut hit = 0;
    for w in golden {
        if let Some(c) = bag.get_mut(w.as_str()) {
            if *c > 0 {
                *c -= 1;
                hit += 1;
            }
        }
    }
    hit as f64 / golden.len() as f64
}

fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    for f in ["000-lo", "000-wp", "001-lo", "001-wp"] {
        let path = format!("corpus/{f}.pdf");
        let g: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(format!("golden/{}.json", &f[..3])).unwrap()).unwrap();
        let mut gw = Vec::new();
        for t in g["tasks"].as_array().unwrap() {
            for k in ["title", "output", "kpi"] {
                if let Some(s) = t[k].as_str() {
                    gw.extend(words(s));
                }
            }
        }
        let bytes = std::fs::read(&path).unwrap();
        let t0 = std::time::Instant::now();
        let lo = std::panic::catch_unwind(|| {
            let doc = lopdf::Document::load_mem(&bytes).unwrap();
            let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
            doc.extract_text(&pages).unwrap_or_default()
        });
        let t_lo = t0.elapsed();
        let t0 = std::time::Instant::now();
        let pe = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(&bytes).unwrap_or_default());
        let t_pe = t0.elapsed();
        let t0 = std::time::Instant::now();
        let kh = kehoach::extract_bytes(&bytes, f, &kehoach::Options::default())
            .map(|d| d.tasks.iter().flat_map(|t| [t.title.clone(), t.output.clone(), t.kpi.clone()]).flatten().collect::<Vec<_>>().join(" "))
            .unwrap_or_default();
        let t_kh = t0.elapsed();
        let r = |x: &Result<String, _>| x.as_ref().map(|s| format!("{:5.1}%", 100.0 * recall(&gw, s))).unwrap_or_else(|_| "panic".into());
        println!(
            "{f}: lopdf extract_text {} ({:?}) | pdf-extract extract_text {} ({:?}) | kehoach task fields {:5.1}% ({:?})",
            r(&lo), t_lo, r(&pe), t_pe, 100.0 * recall(&gw, &kh), t_kh
        );
    }
}
