//! Debug aid (issue 8): `extract` of a scanned plan with the held-out OCR model of `check --scanned`.
//! `cargo run --release --example scan_json -- FILE.pdf ID` prints the plan document as JSON.
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&a[1]).expect("read");
    let model = kehoach::check::held_out_model(&a[2], "corpus/ocr".as_ref(), "corpus/src".as_ref()).expect("model").0;
    let doc = kehoach::extract_bytes_with(&bytes, &a[1], &kehoach::Options::default(), Some(&model)).expect("extract");
    println!("{}", serde_json::to_string_pretty(&doc).unwrap());
}
