//! `source.text_layer` (issue 8) and the geometry of an invisible OCR text layer.
//!
//! tests/data/mixed.pdf is page 1 of corpus/000-lo.pdf followed by page 7 of
//! corpus/scanned/000-scan.pdf:
//! `qpdf --deterministic-id --empty --pages corpus/000-lo.pdf 1 corpus/scanned/000-scan.pdf 7 -- tests/data/mixed.pdf`

use kehoach::pdf::{PdfReader, TextLayer, TextSource};
use kehoach::{extract_file, Options};
use std::path::Path;

fn layer(path: &str) -> String {
    extract_file(Path::new(path), &Options::default()).unwrap().source.unwrap().text_layer
}

#[test]
fn born_digital_plans_are_digital() {
    assert_eq!(layer("corpus/000-lo.pdf"), "digital");
    assert_eq!(layer("corpus/001-wp.pdf"), "digital");
    assert_eq!(layer("corpus/000-tcvn3.pdf"), "digital");
}

#[test]
fn scanned_plan_with_invisible_text_is_ocr() {
    assert_eq!(layer("corpus/scanned/002-scan.pdf"), "ocr");
}

#[test]
fn digital_and_scanned_pages_together_are_mixed() {
    assert_eq!(layer("tests/data/mixed.pdf"), "mixed");
    let text = PdfReader::default().read(&std::fs::read("tests/data/mixed.pdf").unwrap()).unwrap();
    let per_page: Vec<_> = text.pages.iter().map(|p| p.text_layer()).collect();
    assert_eq!(per_page, vec![Some(TextLayer::Digital), Some(TextLayer::Ocr)]);
    assert_eq!(text.pages[0].images, 0);
    assert_eq!(text.pages[1].images, 1);
    assert!(text.pages[1].invisible_glyphs > 100 && text.pages[1].visible_glyphs == 0, "{} {}", text.pages[1].invisible_glyphs, text.pages[1].visible_glyphs);
}

/// Tesseract writes each word as one string of its GlyphLessFont (every glyph 500/1000 em wide),
/// horizontally scaled (Tz) to the word's width in the image. Page 1 of 000-scan.pdf starts
/// `1 -0.009 0.009 1 91.08 776.12 Tm /f-0-0 13 Tf 86.408 Tz [<TINH >] TJ 32.042 0 Td 84.924 Tz [<UY >] TJ`:
/// TINH spans 4 × 0.5 × 13 × 0.86408 = 22.466 pt from x = 91.08; UY starts 32.042 further on and
/// spans 2 × 0.5 × 13 × 0.84924 = 11.040 pt (pdftotext -bbox gives the same boxes).
#[test]
fn horizontally_scaled_ocr_words_get_their_boxes() {
    let text = PdfReader::default().read(&std::fs::read("corpus/scanned/000-scan.pdf").unwrap()).unwrap();
    let p = &text.pages[0];
    let w: Vec<_> = p.words.iter().take(2).collect();
    assert_eq!((w[0].text.as_str(), w[1].text.as_str()), ("TINH", "UY"));
    let close = |a: f64, b: f64| (a - b).abs() < 0.01;
    assert!(close(w[0].x0, 91.08) && close(w[0].x1, 91.08 + 22.466), "{:?}", w[0]);
    assert!(close(w[1].x0, 123.122) && close(w[1].x1, 123.122 + 11.040), "{:?}", w[1]);
    // The rotation of the scan: the text matrix's 0.009 slope, lines descending to the right.
    assert!((p.skew - 0.009f64.atan()).abs() < 0.003, "skew {}", p.skew);
}
