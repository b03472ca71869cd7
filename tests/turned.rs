//! Pages stored turned (issue 8 and the reader's foundation): a landscape table kept on a portrait
//! page and shown upright by `/Rotate` (what some printer drivers and PDF tools write), and a
//! sideways scan with its OCR layer, as OCRmyPDF `--rotate-pages` delivers it. The reader works in
//! the frame the page's text runs upright in (`pdf::Page::text_turns`), so such a file gives the
//! same records as the upright one.

mod common;

use kehoach::pdf::{PdfReader, TextSource};
use lopdf::{Document, Object};

/// A copy of a PDF with the pages `which` accepts (by their width and height) stored turned: the
/// media box portrait where it was landscape and the other way round, the page's content drawn a
/// quarter turn counter-clockwise (`ccw`) or clockwise, and `/Rotate` set to show it upright again.
fn turned_copy(bytes: &[u8], ccw: bool, which: impl Fn(f64, f64) -> bool) -> Vec<u8> {
    let mut doc = Document::load_mem(bytes).unwrap();
    let pages: Vec<_> = doc.get_pages().into_values().collect();
    let mut turned = 0;
    for id in pages {
        let mb: Vec<f64> = doc.get_dictionary(id).unwrap().get(b"MediaBox").unwrap().as_array().unwrap().iter().map(|o| o.as_float().map(f64::from).or_else(|_| o.as_i64().map(|i| i as f64)).unwrap()).collect();
        let (w, h) = (mb[2] - mb[0], mb[3] - mb[1]);
        assert!(mb[0] == 0.0 && mb[1] == 0.0);
        if !which(w, h) {
            continue;
        }
        turned += 1;
        // (x, y) -> (h - y, x) counter-clockwise, (y, w - x) clockwise
        let cm = if ccw { format!("0 1 -1 0 {h} 0 cm") } else { format!("0 -1 1 0 0 {w} cm") };
        let content = doc.get_page_content(id).unwrap();
        let mut new = format!("q {cm}\n").into_bytes();
        new.extend_from_slice(&content);
        new.extend_from_slice(b"\nQ\n");
        doc.change_page_content(id, new).unwrap();
        let page = doc.get_dictionary_mut(id).unwrap();
        page.set("MediaBox", Object::Array(vec![0.into(), 0.into(), Object::Real(h as f32), Object::Real(w as f32)]));
        page.set("Rotate", Object::Integer(if ccw { 90 } else { 270 }));
    }
    assert!(turned > 0, "no page turned");
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn extract(bytes: &[u8]) -> serde_json::Value {
    let doc = kehoach::extract_bytes(bytes, "x.pdf", &kehoach::Options::default()).unwrap();
    let mut v = serde_json::to_value(&doc).unwrap();
    v.as_object_mut().unwrap().remove("source");
    v
}

/// 001 (three appendices on landscape pages) with its landscape pages stored portrait and turned,
/// as a driver prints a landscape section; 000-wp (WeasyPrint, CID fonts) with every page turned
/// the other way.
#[test]
fn pages_stored_turned_give_the_same_records() {
    let lo = std::fs::read("corpus/001-lo.pdf").unwrap();
    let upright = extract(&lo);
    assert!(upright["tasks"].as_array().unwrap().len() > 40 && upright["targets"].as_array().unwrap().len() > 50);
    assert_eq!(extract(&turned_copy(&lo, true, |w, h| w > h)), upright);
    let wp = std::fs::read("corpus/000-wp.pdf").unwrap();
    assert_eq!(extract(&turned_copy(&wp, false, |_, _| true)), extract(&wp));
}

/// A scan whose page (image and OCR layer together) is drawn turned: the image lies upright in the
/// text's frame.
#[test]
fn a_scan_stored_turned_gives_the_same_records() {
    let scan = std::fs::read("tests/data/scan-000-p8-9.pdf").unwrap();
    let upright = extract(&scan);
    assert!(upright["tasks"].as_array().unwrap().len() > 5);
    let turned = turned_copy(&scan, true, |_, _| true);
    let pages = PdfReader::default().read(&turned).unwrap().pages;
    assert!(pages.iter().all(|p| p.text_turns == 1 && p.image_turns == Some(0) && p.is_landscape()));
    assert_eq!(extract(&turned), upright);
}

/// OCRmyPDF `--rotate-pages`: the image stored sideways, the OCR layer drawn turned over it, `/Rotate`
/// (tests/data/make_sideways.sh, from 001-scan page 5). The words are those of the upright page,
/// "≥" included: the page image is turned upright before its glyphs are looked at.
#[test]
fn a_sideways_scan_reads_as_the_upright_page() {
    let read = |path: &str, n: u32| {
        let text = PdfReader::default().read(&std::fs::read(path).unwrap()).unwrap();
        text.pages.into_iter().find(|p| p.number == n).unwrap()
    };
    let upright = read("corpus/scanned/001-scan.pdf", 5);
    let sideways = read("tests/data/scan-001-p5-sideways.pdf", 1);
    assert_eq!((sideways.text_turns, sideways.image_turns), (1, Some(3)));
    assert!((sideways.width - upright.width).abs() < 0.1 && (sideways.height - upright.height).abs() < 0.1);
    let texts = |p: &kehoach::pdf::Page| p.words.iter().map(|w| w.text.clone()).collect::<Vec<_>>();
    assert!(texts(&upright).iter().filter(|w| *w == "≥").count() >= 7);
    assert_eq!(texts(&sideways), texts(&upright));
    for (a, b) in sideways.words.iter().zip(&upright.words) {
        assert!((a.x0 - b.x0).abs() < 0.01 && (a.baseline - b.baseline).abs() < 0.01, "{} at {:.2},{:.2} against {:.2},{:.2}", a.text, a.x0, a.baseline, b.x0, b.baseline);
    }
}

/// A few words set vertically beside a page's horizontal text are left out of its words, with a
/// warning; the page's own text is read as before.
#[test]
fn text_in_another_direction_is_left_with_a_warning() {
    let mut doc = Document::load_mem(&std::fs::read("tests/bad/no-table.pdf").unwrap()).unwrap();
    let id = *doc.get_pages().values().next().unwrap();
    let mut content = doc.get_page_content(id).unwrap();
    content.extend_from_slice(b"\nBT /F1 10 Tf 0 1 -1 0 560 300 Tm (DU THAO) Tj ET\n");
    doc.change_page_content(id, content).unwrap();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let text = PdfReader::default().read(&bytes).unwrap();
    let page = &text.pages[0];
    assert_eq!((page.text_turns, page.other_direction_glyphs), (0, 6));
    let words: Vec<&str> = page.words.iter().map(|w| w.text.as_str()).collect();
    assert!(words.contains(&"HOACH") && !words.contains(&"THAO"), "{words:?}");
    assert!(text.warnings.iter().any(|w| w.code == "other_direction_text" && w.message.contains("page 1: 6 characters")), "{:?}", text.warnings);
}

/// `extract --ocr` renders a page as a viewer shows it: a scan stored turned and shown upright by
/// `/Rotate` is re-read as the upright scan is. (Needs tesseract with `vie` and pdftoppm, as
/// tests/ocr.rs; skipped without them except on CI.)
#[test]
fn a_scan_stored_turned_is_reread_as_the_upright_one() {
    if common::skip_without_ocr_tools() {
        return;
    }
    let reread = |bytes: &[u8]| {
        let mut text = PdfReader::default().read(bytes).unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
        kehoach::pdf::ocr::reread_scans(bytes, &mut text, deadline, 300).unwrap();
        assert!(text.pages.iter().all(|p| p.reread), "{:?}", text.warnings);
        text.pages.iter().map(|p| p.words.iter().map(|w| w.text.clone()).collect::<Vec<_>>()).collect::<Vec<_>>()
    };
    let scan = std::fs::read("tests/data/scan-000-p8-9.pdf").unwrap();
    let upright = reread(&scan);
    assert!(upright.iter().all(|p| p.len() > 300));
    assert_eq!(reread(&turned_copy(&scan, false, |_, _| true)), upright);
    // Shown sideways (no /Rotate: a viewer, and pdftoppm, show the page turned): the rendered page
    // is turned to its text's frame before Tesseract reads it. The raster differs a little from
    // the upright page's (the image resampled under a turned matrix), so nearly every word agrees.
    let mut doc = Document::load_mem(&turned_copy(&scan, true, |_, _| true)).unwrap();
    for id in doc.get_pages().into_values().collect::<Vec<_>>() {
        doc.get_dictionary_mut(id).unwrap().remove(b"Rotate");
    }
    let mut shown_sideways = Vec::new();
    doc.save_to(&mut shown_sideways).unwrap();
    let pages = PdfReader::default().read(&shown_sideways).unwrap().pages;
    assert!(pages.iter().all(|p| p.text_turns == 1 && p.rotate == 0));
    // (words in common, in order: the longest common subsequence)
    let common = |a: &[String], b: &[String]| {
        let mut row = vec![0usize; b.len() + 1];
        for x in a {
            let mut diag = 0;
            for (j, y) in b.iter().enumerate() {
                let up = row[j + 1];
                row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
                diag = up;
            }
        }
        row[b.len()]
    };
    for (got, want) in reread(&shown_sideways).iter().zip(&upright) {
        let same = common(got, want);
        assert!(same * 100 >= want.len() * 95, "{same} of {} words", want.len());
    }
}

/// A page without text (an image for `--ocr` to read) is given as a viewer shows it, `/Rotate`
/// applied, since that is how `pdftoppm` renders it for Tesseract.
#[test]
fn a_page_without_text_is_given_as_shown() {
    let bytes = std::fs::read("tests/bad/image-only.pdf").unwrap();
    let reader = PdfReader { options: kehoach::pdf::PdfOptions { keep_image_pages: true, ..Default::default() } };
    let upright = reader.read(&bytes).unwrap().pages.remove(0);
    let mut doc = Document::load_mem(&bytes).unwrap();
    let id = *doc.get_pages().values().next().unwrap();
    doc.get_dictionary_mut(id).unwrap().set("Rotate", Object::Integer(-90));
    let mut turned = Vec::new();
    doc.save_to(&mut turned).unwrap();
    let shown = reader.read(&turned).unwrap().pages.remove(0);
    assert!(upright.words.is_empty() && upright.text_turns == 0);
    assert_eq!((shown.rotate, shown.text_turns, shown.image_turns), (3, 3, Some(1)));
    assert_eq!((shown.width, shown.height), (upright.height, upright.width));
}

/// Text inside a form XObject is placed by the CTM its `Do` runs under and the form's /Matrix
/// (vendored pdf-extract, PATCHES.md #9; before, a form's text came out where its own content put it,
/// as if drawn at the page's origin). Page tools that stamp, impose or scale pages draw them so.
#[test]
fn text_in_a_form_is_placed_where_it_is_drawn() {
    let bytes = std::fs::read("tests/bad/no-table.pdf").unwrap();
    let words = |b: &[u8]| {
        let p = PdfReader::default().read(b).unwrap().pages.remove(0);
        p.words.into_iter().map(|w| (w.text, w.x0, w.baseline)).collect::<Vec<_>>()
    };
    let plain = words(&bytes);
    let mut doc = Document::load_mem(&bytes).unwrap();
    let id = *doc.get_pages().values().next().unwrap();
    let content = doc.get_page_content(id).unwrap();
    let page = doc.get_dictionary(id).unwrap().clone();
    let resources = page.get(b"Resources").unwrap().clone();
    let mut form = lopdf::Dictionary::new();
    form.set("Type", Object::Name(b"XObject".to_vec()));
    form.set("Subtype", Object::Name(b"Form".to_vec()));
    form.set("BBox", Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]));
    form.set("Matrix", Object::Array(vec![1.into(), 0.into(), 0.into(), 1.into(), 50.into(), 0.into()]));
    form.set("Resources", resources.clone());
    let fid = doc.add_object(lopdf::Stream::new(form, content));
    let mut res = match resources {
        Object::Reference(r) => doc.get_dictionary(r).unwrap().clone(),
        Object::Dictionary(d) => d,
        _ => panic!(),
    };
    let mut xo = lopdf::Dictionary::new();
    xo.set("Fm0", Object::Reference(fid));
    res.set("XObject", Object::Dictionary(xo));
    doc.get_dictionary_mut(id).unwrap().set("Resources", Object::Dictionary(res));
    // moved down by 300 points (y up in PDF space) and, by the form's matrix, 50 to the right
    doc.change_page_content(id, b"q 1 0 0 1 0 -300 cm /Fm0 Do Q".to_vec()).unwrap();
    let mut moved = Vec::new();
    doc.save_to(&mut moved).unwrap();
    let drawn = words(&moved);
    assert_eq!(drawn.len(), plain.len());
    assert!(plain.len() > 3);
    for ((t, x, y), (t0, x0, y0)) in drawn.iter().zip(&plain) {
        assert_eq!(t, t0);
        assert!((x - x0 - 50.0).abs() < 0.01 && (y - y0 - 300.0).abs() < 0.01, "{t}: {x:.1},{y:.1} against {x0:.1},{y0:.1}");
    }
}

/// A media box that does not start at the page's origin (`[30 50 …]`, the content moved with it)
/// changes nothing: positions are measured from the box's top-left corner.
#[test]
fn a_media_box_away_from_the_origin_changes_nothing() {
    let bytes = std::fs::read("corpus/001-lo.pdf").unwrap();
    let mut doc = Document::load_mem(&bytes).unwrap();
    for id in doc.get_pages().into_values().collect::<Vec<_>>() {
        let mb: Vec<f32> = doc.get_dictionary(id).unwrap().get(b"MediaBox").unwrap().as_array().unwrap().iter().map(|o| o.as_float().or_else(|_| o.as_i64().map(|i| i as f32)).unwrap()).collect();
        let mut content = b"q 1 0 0 1 30 50 cm\n".to_vec();
        content.extend_from_slice(&doc.get_page_content(id).unwrap());
        content.extend_from_slice(b"\nQ\n");
        doc.change_page_content(id, content).unwrap();
        let moved = vec![Object::Real(mb[0] + 30.0), Object::Real(mb[1] + 50.0), Object::Real(mb[2] + 30.0), Object::Real(mb[3] + 50.0)];
        doc.get_dictionary_mut(id).unwrap().set("MediaBox", Object::Array(moved));
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    assert_eq!(extract(&out), extract(&bytes));
}

/// A real OCRmyPDF `--rotate-pages` file (tests/data/make_ocrmypdf.sh): pages 8–9 of 000-scan fed in
/// sideways, turned back by OCRmyPDF with `/Rotate` and its layer drawn turned. The pages are read
/// upright, their image lying a quarter turn round in that frame, and give the tasks, refs and all,
/// of the same pages OCRmyPDF read upright (its OCR of the turned images differs in a few words).
#[test]
fn an_ocrmypdf_rotated_page_reads_as_the_upright_one() {
    let sideways = std::fs::read("tests/data/ocrmypdf-000-p8-9-sideways.pdf").unwrap();
    let pages = PdfReader::default().read(&sideways).unwrap().pages;
    assert!(pages.iter().all(|p| p.text_turns == 3 && p.image_turns == Some(1) && p.is_landscape()), "{:?}", pages.iter().map(|p| (p.text_turns, p.image_turns)).collect::<Vec<_>>());
    let refs = |v: &serde_json::Value| v["tasks"].as_array().unwrap().iter().map(|t| t["ref"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    let upright = extract(&std::fs::read("tests/data/ocrmypdf-000-p8-9.pdf").unwrap());
    assert!(refs(&upright).len() >= 10);
    assert_eq!(refs(&extract(&sideways)), refs(&upright));
}
