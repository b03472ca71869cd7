//! Prints the OCR repair's candidates for each argument word (shipped model).
fn main() {
    let m = kehoach::repair::ocr::OcrRepair::shipped();
    for w in std::env::args().skip(1) {
        let c = m.candidates_of(&w);
        println!("{w}: {}", c.iter().map(|(f, s)| format!("{f} {s:.2}")).collect::<Vec<_>>().join(", "));
    }
}
