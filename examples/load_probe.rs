//! Times the parts of the OCR model's load (diagnostics): the whole shipped repairer first (what a
//! process pays), then the LM alone, the repairer's tables built instead of read, and the syllable
//! inventory (which the shipped load no longer needs).
use kehoach::repair::{lm, ocr};
use std::time::Instant;
fn main() {
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let r = ocr::OcrRepair::shipped();
    let whole = ms(t);
    let t = Instant::now();
    let m = lm::shipped_model();
    let lm_ms = ms(t);
    let t = Instant::now();
    let inv = kehoach::repair::syllable::inventory();
    let inv_ms = ms(t);
    let t = Instant::now();
    let built = ocr::OcrRepair::with_model(lm::shipped_model(), &ocr::shipped_channel(), ocr::Params::default());
    let built_ms = ms(t);
    println!(
        "shipped repairer {whole:.1} ms (of which the LM from bytes {lm_ms:.1} ms, {} words); built instead of read: {built_ms:.1} ms with the inventory {inv_ms:.1} ms ({} forms) {} {}",
        m.len(),
        inv.forms.len(),
        r.candidates_of("x").len(),
        built.candidates_of("x").len()
    );
}
