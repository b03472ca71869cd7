//! Times the parts of the OCR model's load (diagnostics).
use std::time::Instant;
fn main() {
    let t = Instant::now();
    let inv = kehoach::repair::syllable::inventory();
    let a = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let m = kehoach::repair::lm::shipped_model();
    let b = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let r = kehoach::repair::ocr::OcrRepair::shipped();
    let c = t.elapsed().as_secs_f64() * 1e3;
    println!("inventory {a:.1} ms ({} forms), LM from bytes {b:.1} ms ({} words), repairer {c:.1} ms (LM again inside) {}", inv.forms.len(), m.len(), r.candidates_of("x").len());
}
