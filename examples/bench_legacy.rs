//! Bench of the repair stage: the clean corpus text (corpus/src/*.json, repeated to a few MB),
//! as is and encoded in TCVN3, VNI and VISCII, through `--mode auto` and `--mode legacy` (the clean
//! text also through `--mode unicode`) on one thread; then the English-model OCR text of the corpus
//! pages (corpus/ocr/eng, once) through `--mode ocr`. Prints MB/s (of input text) and the share of
//! lines that come back exactly (for OCR: equal to the clean page's line, corpus/ocr/clean).
//!
//!     cargo run --release --example bench_legacy [-- REPEAT]      # REPEAT defaults to 20
//!
//! Run it pinned to one core for the figure the README quotes: `taskset -c 0 cargo run …`.
/// The allocator of the `kehoach` binary (src/main.rs), so that the figures are the product's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use kehoach::repair::legacy::Encoding;
use kehoach::repair::{repairer_for, Mode};
use std::time::Instant;

fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

fn main() {
    let repeat: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let mut lines = Vec::new();
    for f in ["corpus/src/000.json", "corpus/src/001.json"] {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(f).expect("run from the repository root")).unwrap();
        let mut all = Vec::new();
        strings(&v, &mut all);
        for s in all {
            lines.extend(s.lines().filter(|l| !l.trim().is_empty()).map(String::from));
        }
    }
    println!("{:<8} {:<7} {:>9} {:>9} {:>12}", "text", "mode", "MB", "MB/s", "lines exact");
    let inputs: Vec<(&str, Option<Encoding>)> = vec![("clean", None), ("tcvn3", Some(Encoding::Tcvn3)), ("vni", Some(Encoding::Vni)), ("viscii", Some(Encoding::Viscii))];
    for (name, enc) in inputs {
        let text: Vec<String> = lines.iter().map(|l| enc.map(|e| e.table().encode(l).unwrap()).unwrap_or_else(|| l.clone())).collect();
        let mut doc: Vec<&str> = Vec::new();
        for _ in 0..repeat {
            doc.extend(text.iter().map(|s| s.as_str()));
        }
        let bytes: usize = doc.iter().map(|l| l.len() + 1).sum();
        let modes: &[Mode] = if enc.is_none() { &[Mode::Auto, Mode::Unicode, Mode::Legacy] } else { &[Mode::Auto, Mode::Legacy] };
        for &mode in modes {
            let r = repairer_for(mode).unwrap();
            let t = Instant::now();
            // blocks of 2000 lines, as `repair-text` does
            let out: Vec<String> = doc.chunks(2000).flat_map(|b| r.repair_text_lines(b)).collect();
            let secs = t.elapsed().as_secs_f64();
            let exact = out.iter().zip(lines.iter().cycle()).filter(|(a, b)| a == b).count();
            println!(
                "{:<8} {:<7} {:>9.2} {:>9.2} {:>11.2}%",
                name,
                format!("{mode:?}").to_lowercase(),
                bytes as f64 / 1e6,
                bytes as f64 / 1e6 / secs,
                100.0 * exact as f64 / out.len() as f64
            );
        }
    }
    // OCR mode: each page of corpus/ocr/eng as one document, compared line for line with the clean
    // page. The model is loaded first (its load time printed apart); the pages are then repaired
    // twice: "cold", with the candidate cache empty (every distinct OCR token searched for the first
    // time: a first batch), and "warm", the same pages again (what a long batch tends to: the OCR
    // tokens of plans repeat, the cache holds their candidates).
    let mut pages: Vec<_> = std::fs::read_dir("corpus/ocr/eng").expect("corpus/ocr/eng").map(|e| e.unwrap().path()).collect();
    pages.sort();
    let t = Instant::now();
    let r = repairer_for(Mode::Ocr).unwrap();
    r.repair_text_lines(&["x"]);
    println!("(OCR model load: {:.2} s)", t.elapsed().as_secs_f64());
    for pass in ["ocr-cold", "ocr-warm"] {
        let (mut bytes, mut exact, mut total, mut secs) = (0usize, 0usize, 0usize, 0f64);
        for p in &pages {
            let eng = std::fs::read_to_string(p).unwrap();
            let clean = std::fs::read_to_string(std::path::Path::new("corpus/ocr/clean").join(p.file_name().unwrap())).unwrap_or_default();
            let doc: Vec<&str> = eng.lines().collect();
            bytes += eng.len();
            let t = Instant::now();
            let out = r.repair_text_lines(&doc);
            secs += t.elapsed().as_secs_f64();
            total += out.len();
            exact += out.iter().zip(clean.lines()).filter(|(a, b)| a.as_str() == *b).count();
        }
        println!(
            "{:<8} {:<7} {:>9.2} {:>9.2} {:>11.2}%",
            pass,
            "ocr",
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / secs,
            100.0 * exact as f64 / total.max(1) as f64
        );
    }
}
