//! Prints, for each OCR page of a PDF, the words `pdf::glyph` looks at and what their first glyph is
//! (diagnostics): cargo run --release --example glyph_probe -- FILE.pdf [PAGE]
use kehoach::pdf::{self, glyph};
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&a[1]).unwrap();
    let only: Option<u32> = a.get(2).and_then(|p| p.parse().ok());
    let doc = pdf::open(&bytes).unwrap();
    let opts = pdf::PdfOptions { keep_image_pages: true, ..Default::default() };
    let text = pdf::read_pdf(&bytes, &opts).unwrap();
    let ids = doc.get_pages();
    for p in &text.pages {
        if only.is_some_and(|o| o != p.number) {
            continue;
        }
        let img = glyph::page_image(&bytes, &doc, ids[&p.number], p.width, p.height, f64::MAX, p.image_turns.unwrap_or(0));
        println!("page {} {}x{} image {:?}", p.number, p.width, p.height, img.as_ref().map(|i| (i.width, i.height)));
        let Some(img) = img else { continue };
        for (i, w) in p.words.iter().enumerate() {
            if w.text.starts_with(['>', '=', '2', '≥']) && w.text.chars().count() <= 5 {
                println!("  {:?} (raw {:?}) next {:?}: {:?}", w.text, w.raw, p.words.get(i + 1).map(|w| &w.text), glyph::first_sign(&img, w, p.width, p.height));
                // SHOW=text: the window the classifier looks at, '#' for ink.
                if std::env::var("SHOW").is_ok_and(|t| t == w.text) {
                    let (x0, x1, y0, y1) = glyph::window(&img, w, p.width, p.height);
                    for y in y0..y1 {
                        println!("    {}", (x0..x1).map(|x| if img.px[y * img.width + x] < 128 { '#' } else { '.' }).collect::<String>());
                    }
                }
            }
        }
    }
}
