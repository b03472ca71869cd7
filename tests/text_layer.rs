//! `source.text_layer` (issue 8) and the geometry of an invisible OCR text layer.
//!
//! tests/data/mixed.pdf is page 1 of corpus/000-lo.pdf followed by page 7 of
//! corpus/scanned/000-scan.pdf:
//! `qpdf --deterministic-id --empty --pages corpus/000-lo.pdf 1 corpus/scanned/000-scan.pdf 7 -- tests/data/mixed.pdf`
//!
//! tests/data/scan-vie-000-p8-9.pdf is pages 8–9 of corpus/scanned/000-scan.pdf with the OCR layer
//! a Vietnamese model writes: each page's JPEG (`pdfimages -j`) read by `tesseract PAGE.jpg OUT -l
//! vie pdf` (Tesseract 5.3.0, Debian's tesseract-ocr-vie 1:4.1.0-2), the two pages joined by
//! `pdfunite` and `qpdf --deterministic-id --empty --pages … --`.

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

/// "≥" read back from the page image (`pdf::glyph`): the English-model layer of 001-scan page 5
/// reads "≥ 20" as "220", "≥ 01" as "2 01" and "≥ 80" as "> 80"; the row numbers 20–27 of the same
/// column stay numbers.
#[test]
fn at_least_read_from_the_page_image() {
    let text = PdfReader::default().read(&std::fs::read("corpus/scanned/001-scan.pdf").unwrap()).unwrap();
    let page = text.pages.iter().find(|p| p.number == 5).unwrap();
    let words: Vec<&str> = page.words.iter().map(|w| w.text.as_str()).collect();
    let after_sign: Vec<&str> = words.windows(2).filter(|w| w[0] == "≥").map(|w| w[1]).collect();
    for n in ["20", "01", "30", "80", "02", "70", "90"] {
        assert!(after_sign.contains(&n), "≥ {n}: {after_sign:?}");
    }
    assert!(!words.iter().any(|w| ["220", "270", ">"].contains(w)), "{words:?}");
    for n in ["20", "21", "22", "23", "24", "25", "26", "27"] {
        assert!(words.windows(2).any(|w| w[0] != "≥" && w[1] == n), "row {n}");
    }
}

/// Page images coded otherwise than as a JPEG (`tests/data/make_mono.sh`: 001's page 5, "≥" before
/// 20, 01, 30, 80, 02, 70 and 90, read as ">" or "=" by the English model): one bit per pixel CCITT
/// G4-coded by Tesseract's renderer (a black-and-white office scan) and by img2pdf from a G4 TIFF
/// (/BlackIs1 true), a one-bit PNG, an eight-bit grey PNG and an RGB PNG (Flate, the PNG
/// predictors); and the first as JBIG2 (`tests/data/make_jbig2.py`), a generic region MMR-coded
/// and one arithmetic-coded (template 0, typical prediction, an empty /JBIG2Globals beside it);
/// and the grey and RGB ones as JPEG 2000 (`tests/data/make_jpx.py`: a lossless JP2, a lossy
/// codestream).
const OTHER_CODINGS: [&str; 9] = [
    "tests/data/mono-001-p5.pdf",
    "tests/data/ocrmypdf-g4-001-p5.pdf",
    "tests/data/ocrmypdf-png1-001-p5.pdf",
    "tests/data/ocrmypdf-grey-001-p5.pdf",
    "tests/data/ocrmypdf-rgb-001-p5.pdf",
    "tests/data/jbig2-mmr-001-p5.pdf",
    "tests/data/jbig2-arith-001-p5.pdf",
    "tests/data/jpx-grey-001-p5.pdf",
    "tests/data/jpx-rgb-001-p5.pdf",
];

#[test]
fn at_least_read_from_page_images_not_jpeg() {
    for f in OTHER_CODINGS {
        let text = PdfReader::default().read(&std::fs::read(f).unwrap()).unwrap();
        let words: Vec<&str> = text.pages[0].words.iter().map(|w| w.text.as_str()).collect();
        let after_sign: Vec<&str> = words.windows(2).filter(|w| w[0] == "≥").map(|w| w[1]).collect();
        for n in ["20", "01", "30", "80", "02", "70", "90"] {
            assert!(after_sign.contains(&n), "{f}: ≥ {n}: {after_sign:?}");
        }
        assert!(!words.iter().any(|w| [">", "="].contains(w)), "{f}: {words:?}");
    }
}

/// Such a page image comes out upright and the right way round (ink dark, paper light): the words'
/// boxes hold far more ink than the page as a whole; and decoded to a depth, it is the whole
/// image's top.
#[test]
fn page_images_not_jpeg_are_decoded_the_right_way_round() {
    for f in OTHER_CODINGS {
        let bytes = std::fs::read(f).unwrap();
        let doc = kehoach::pdf::open(&bytes).unwrap();
        let text = PdfReader::default().read(&bytes).unwrap();
        let p = &text.pages[0];
        let id = doc.get_pages()[&1];
        let img = kehoach::pdf::glyph::page_image(&bytes, &doc, id, p.width, p.height, f64::MAX, 0).unwrap_or_else(|| panic!("{f}: no page image"));
        assert_eq!(img.px.len(), img.width * img.height, "{f}");
        assert!(img.width > img.height, "{f}: a landscape page");
        let (sx, sy) = (img.width as f64 / p.width, img.height as f64 / p.height);
        let dark = |v: u8| v < 128;
        let (mut inside, mut n_in) = (0usize, 0usize);
        for w in &p.words {
            for y in (w.top * sy) as usize..(w.bottom * sy) as usize {
                for x in (w.x0 * sx) as usize..(w.x1 * sx) as usize {
                    n_in += 1;
                    inside += usize::from(dark(img.px[y * img.width + x]));
                }
            }
        }
        let all = img.px.iter().filter(|&&v| dark(v)).count();
        let (ink_in, ink_page) = (inside as f64 / n_in as f64, all as f64 / img.px.len() as f64);
        assert!(ink_in > 0.1 && ink_page < 0.1 && ink_in > 3.0 * ink_page, "{f}: ink in words {ink_in:.3}, on the page {ink_page:.3}");
        for depth in [0.0, 97.3, 421.0] {
            let top = kehoach::pdf::glyph::page_image(&bytes, &doc, id, p.width, p.height, depth, 0).unwrap();
            assert!(top.rows() < img.height && top.rows() as f64 >= depth * sy, "{f}: depth {depth}: {} rows", top.rows());
            assert_eq!(top.px[..], img.px[..top.px.len()], "{f}: depth {depth}");
        }
    }
}

/// The second scan a process reads takes the GlyphLessFont's ToUnicode map the first one parsed
/// (vendored pdf-extract, PATCHES.md #7): the same words come out.
#[test]
fn a_scan_reads_the_same_with_the_processs_shared_unicode_map() {
    let bytes = std::fs::read("corpus/scanned/002-scan.pdf").unwrap();
    let words = |t: &kehoach::pdf::PdfText| t.pages.iter().flat_map(|p| p.words.iter().map(|w| w.text.clone())).collect::<Vec<_>>();
    let first = PdfReader::default().read(&bytes).unwrap();
    let again = PdfReader::default().read(&bytes).unwrap();
    assert!(words(&first).len() > 1000);
    assert_eq!(words(&first), words(&again));
}

/// A page image decoded only down to the lowest "≥" candidate (`glyph::page_image`) has exactly the
/// whole image's top rows: every page of a scan, cut at several depths, compared pixel by pixel.
#[test]
fn a_page_image_decoded_to_a_depth_is_the_whole_images_top() {
    let bytes = std::fs::read("corpus/scanned/001-scan.pdf").unwrap();
    let doc = kehoach::pdf::open(&bytes).unwrap();
    let mut cut = 0;
    for (_, id) in doc.get_pages().into_iter().take(6) {
        let (w, h) = (595.0, 842.0);
        let Some(whole) = kehoach::pdf::glyph::page_image(&bytes, &doc, id, w, h, f64::MAX, 0) else { continue };
        assert_eq!(whole.px.len(), whole.width * whole.height);
        for depth in [0.0, 97.3, 421.0, 800.0] {
            let top = kehoach::pdf::glyph::page_image(&bytes, &doc, id, w, h, depth, 0).unwrap();
            assert_eq!((top.width, top.height), (whole.width, whole.height));
            assert!(top.rows() as f64 >= depth * whole.height as f64 / h && top.rows() <= whole.height);
            assert_eq!(top.px[..], whole.px[..top.px.len()], "depth {depth}");
            cut += usize::from(top.rows() < whole.height);
        }
    }
    assert!(cut >= 12, "{cut} cut decodes");
}

/// Every "≥" of the born-digital plan comes out of its scan, and no other: the extracted records of
/// each scan hold as many as its golden file.
#[test]
fn scans_have_their_plans_at_least_signs() {
    for id in ["000", "001", "002"] {
        let doc = extract_file(Path::new(&format!("corpus/scanned/{id}-scan.pdf")), &Options::default()).unwrap();
        let got = serde_json::to_string(&doc).unwrap().matches('≥').count();
        let want = std::fs::read_to_string(format!("golden/{id}.json")).unwrap().matches('≥').count();
        assert_eq!(got, want, "{id}-scan");
    }
}

/// A scan whose OCR layer a Vietnamese model wrote (most scanners' OCR, `ocrmypdf -l vie`): its
/// words are read as Vietnamese-model OCR, not stripped of marks they never lost, and its section
/// numeral "I." read "1." is the section (the group under it is 1 too).
#[test]
fn a_vietnamese_model_ocr_layer_keeps_its_marks_and_its_sections() {
    let doc = extract_file(Path::new("tests/data/scan-vie-000-p8-9.pdf"), &Options::default()).unwrap();
    assert_eq!(doc.source.as_ref().unwrap().text_layer, "ocr");
    let refs: Vec<&str> = doc.tasks.iter().map(|t| t.reference.as_str()).collect();
    assert_eq!(refs, ["1/I/1/1.1", "1/I/1/1.2", "1/I/2/2.1", "1/I/2/2.2", "1/I/2/2.3", "1/I/2/2.4", "1/I/3/3.1", "1/I/3/3.2", "1/I/3/3.3", "1/I/4/4.1", "1/I/4/4.2"]);
    assert!(doc.warnings.iter().any(|w| w.code == "section_restored" && w.message.contains("\"1.\" taken as I")), "{:?}", doc.warnings);
    // Task titles, outputs and KPIs exactly as the golden file has them: 27 of 33 (19 with the
    // English-model repair, which takes marks away from words that had them right).
    let golden: serde_json::Value = serde_json::from_str(&std::fs::read_to_string("golden/000.json").unwrap()).unwrap();
    let want = |r: &str, f: &str| golden["tasks"].as_array().unwrap().iter().find(|t| t["ref"] == r).map(|t| t[f].clone()).unwrap();
    let got = serde_json::to_value(&doc.tasks).unwrap();
    let exact: usize = got.as_array().unwrap().iter().map(|t| ["title", "output", "kpi"].iter().filter(|f| t[**f] == want(t["ref"].as_str().unwrap(), f)).count()).sum();
    assert!(exact >= 25, "only {exact} of 33 task fields exactly right");
}

/// An OCR layer made by OCRmyPDF itself (tests/data/make_ocrmypdf.sh: pages 8–9 of 000-scan, the
/// same JPEGs, `ocrmypdf -l eng`): its renderer draws the layer in a form XObject and sets each line
/// in a size from its box (7.6 to 16 points for the same table text). The reader keeps an OCR page's
/// sizes near what its line pitch gives (`pdf::mend_ocr_sizes`), so the table's rows come out as
/// from the corpus scan's layer (Tesseract's own renderer): before, 7 tasks were found on these two
/// pages, none under its section; then 10 of the 11 with their refs; all 11 since the bracket read
/// with "[3.2" is split off as a ruling (`pdf::split_ruling_ends`), where it hid the row's code.
#[test]
fn an_ocrmypdf_layer_reads_like_tesseracts() {
    let text = PdfReader::default().read(&std::fs::read("tests/data/ocrmypdf-000-p8-9.pdf").unwrap()).unwrap();
    assert_eq!(text.producer.as_deref(), Some("pikepdf 10.18.0"));
    for p in &text.pages {
        let mut sizes: Vec<f64> = p.words.iter().map(|w| w.size).collect();
        sizes.sort_by(|a, b| a.total_cmp(b));
        // (the corpus scan's layer: 10–13 points on these pages)
        assert!(sizes[0] >= 7.5 && sizes[sizes.len() - 1] <= 11.5, "page {}: sizes {:.1}–{:.1}", p.number, sizes[0], sizes[sizes.len() - 1]);
    }
    let doc = kehoach::extract_bytes(&std::fs::read("tests/data/ocrmypdf-000-p8-9.pdf").unwrap(), "x.pdf", &kehoach::Options::default()).unwrap();
    let golden: serde_json::Value = serde_json::from_str(&std::fs::read_to_string("golden/000.json").unwrap()).unwrap();
    let refs: Vec<&str> = golden["tasks"].as_array().unwrap().iter().map(|t| t["ref"].as_str().unwrap()).collect();
    let found = doc.tasks.iter().filter(|t| refs.contains(&t.reference.as_str())).count();
    assert!(found == 11 && doc.tasks.len() == 11, "{found} of {} tasks with a golden ref", doc.tasks.len());
}

/// A continuation page whose repeated header OCR garbled keeps the columns' roles of the table's
/// earlier pages (tests/data/make_ocrmypdf.sh: pages 8 and 11 of 003-scan given a layer by
/// OCRmyPDF). Its page 11 reads "(1) Mã Nhiệm vụ Tổng quát" as "GMaNieve Tin ea CPPaRbI", and
/// without the group column's role the page drew a rule under every row: the general task merged
/// over 7.1 and 7.2 ended at 7.1, and 7.2 came out with no group ("1/I/-/7.2") and the title's last
/// lines as a group cell of its own.
#[test]
fn a_garbled_repeated_header_keeps_the_tables_columns() {
    let doc = kehoach::extract_bytes(&std::fs::read("tests/data/ocrmypdf-003-p8-11.pdf").unwrap(), "x.pdf", &kehoach::Options::default()).unwrap();
    let got = serde_json::to_value(&doc).unwrap();
    let golden: serde_json::Value = serde_json::from_str(&std::fs::read_to_string("golden/003.json").unwrap()).unwrap();
    let task = |d: &serde_json::Value, r: &str| d["tasks"].as_array().unwrap().iter().find(|t| t["ref"] == r).cloned();
    for r in ["1/I/6/6.1", "1/I/6/6.4", "1/I/7/7.1", "1/I/7/7.2"] {
        assert!(task(&got, r).is_some(), "no task {r}: {:?}", got["tasks"].as_array().unwrap().iter().map(|t| t["ref"].clone()).collect::<Vec<_>>());
    }
    // 7.2's general task is the whole merged cell: as many syllables as the golden title's, give or
    // take the OCR's misreadings, and none of them 7.2's own sub-task.
    let want = task(&golden, "1/I/7/7.2").unwrap()["group"]["title"].as_str().unwrap().split_whitespace().count();
    let g72 = task(&got, "1/I/7/7.2").unwrap()["group"].clone();
    let n = g72["title"].as_str().unwrap().split_whitespace().count();
    assert!(g72["code"] == "7" && n.abs_diff(want) <= 3, "7.2's group {g72} ({n} words, golden {want})");
    assert_eq!(g72, task(&got, "1/I/7/7.1").unwrap()["group"]);
}
