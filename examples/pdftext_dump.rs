//! Debug aid: stage 1's whole output (`PdfText`, every word, box, segment and font run) for each PDF,
//! as Debug text, to check that a change to the reader changes nothing it hands on.
//! `cargo run --release --example pdftext_dump -- A.pdf B.pdf > before.txt`
use kehoach::pdf::{read_pdf, PdfOptions};

fn main() {
    let options = PdfOptions { font_runs: Some(|_| true), ..PdfOptions::default() };
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("read");
        println!("== {path}");
        match read_pdf(&bytes, &options) {
            Ok(text) => println!("{text:#?}"),
            Err(e) => println!("error: {e}"),
        }
    }
}
