//! Profiling harness for the OCR repair alone: repairs corpus/ocr/eng PASSES times (the first cold).
//! cargo run --release --example ocr_speed -- [PASSES]
/// The allocator of the `kehoach` binary (src/main.rs), so that the figures are the product's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
use kehoach::repair::{repairer_for, Mode};
use std::time::Instant;
fn main() {
    let passes: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(2);
    let mut pages: Vec<_> = std::fs::read_dir("corpus/ocr/eng").expect("corpus/ocr/eng").map(|e| e.unwrap().path()).collect();
    pages.sort();
    let texts: Vec<String> = pages.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
    let r = repairer_for(Mode::Ocr).unwrap();
    r.repair_text_lines(&["x"]);
    let mut digest = 0u64;
    for pass in 0..passes {
        let (mut bytes, t) = (0usize, Instant::now());
        for eng in &texts {
            let doc: Vec<&str> = eng.lines().collect();
            bytes += eng.len();
            for l in r.repair_text_lines(&doc) {
                for b in l.bytes() {
                    digest = digest.wrapping_mul(1099511628211).wrapping_add(b as u64);
                }
            }
        }
        eprintln!("pass {pass}: {:.2} MB/s", bytes as f64 / 1e6 / t.elapsed().as_secs_f64());
    }
    let (pre, searched) = kehoach::repair::ocr::OcrRepair::shipped().candidate_counts();
    eprintln!("candidate lists: {pre} precomputed, {searched} searched ({:.1}% precomputed)", 100.0 * pre as f64 / (pre + searched).max(1) as f64);
    println!("digest {digest:016x}");
}
