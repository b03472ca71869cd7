//! Debug aid: every word of one page of a PDF with its box, after the repair and layout stages.
//! `cargo run --release --example page_words -- FILE.pdf PAGE [TOP_FROM TOP_TO]`
use kehoach::{layout::Layout, pdf::TextSource, repair};
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&a[1]).expect("read");
    let pn: u32 = a[2].parse().unwrap();
    let (from, to): (f64, f64) = (a.get(3).and_then(|v| v.parse().ok()).unwrap_or(0.0), a.get(4).and_then(|v| v.parse().ok()).unwrap_or(f64::MAX));
    let text = kehoach::pdf::PdfReader::default().read(&bytes).expect("pdf");
    let rep = repair::repair_doc(text, &repair::UnicodeRepair);
    let lay = kehoach::layout::DefaultLayout.layout(rep);
    let p = &lay.pages[(pn - 1) as usize];
    for l in p.lines.iter().filter(|l| l.top >= from && l.top <= to) {
        for w in &l.words {
            println!("top={:.1} base={:.1} bottom={:.1} x0={:.1} x1={:.1} size={:.1} {:?}", w.top, w.baseline, w.bottom, w.x0, w.x1, w.size, w.text);
        }
    }
}
