//! `extract --ocr` (issue 8): scanned pages re-read by Tesseract's Vietnamese model.
//!
//! tests/data/scan-000-p8-9.pdf is pages 8–9 of corpus/scanned/000-scan.pdf (`qpdf --pages`): the
//! appendix table's first two pages, a scan with an English-model OCR text layer. The expected
//! records are golden/000.json's (hand-written from the source plan).
//!
//! The first test needs `tesseract` (with `vie`) and `pdftoppm`: CI installs them (.ci/run); on a
//! machine without them it says so and passes, unless `CI` is set, where it fails.

mod common;

use std::process::Command;

const SCAN: &str = "tests/data/scan-000-p8-9.pdf";

fn kehoach() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
}

/// `kehoach extract --ocr FILE`: it must succeed; its JSON.
fn extract_ocr(path: &str) -> serde_json::Value {
    let o = kehoach().args(["extract", "--ocr", path]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// Vietnamese letters with a mark (shape or tone) in a text.
fn marked_letters(s: &str) -> usize {
    s.chars().filter(|c| "ạảãàáâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ".contains(c.to_lowercase().next().unwrap())).count()
}

#[test]
fn extract_ocr_rereads_a_scanned_page() {
    if common::skip_without_ocr_tools() {
        return;
    }
    let doc = extract_ocr(SCAN);
    assert_eq!(doc["source"]["text_layer"], "ocr");
    let golden: serde_json::Value = serde_json::from_str(&std::fs::read_to_string("golden/000.json").unwrap()).unwrap();
    let gold: std::collections::HashMap<&str, &str> =
        golden["tasks"].as_array().unwrap().iter().map(|t| (t["ref"].as_str().unwrap(), t["title"].as_str().unwrap())).collect();
    let tasks = doc["tasks"].as_array().unwrap();
    // Pages 8–9 hold tasks 1.1 to 4.2 of section I.
    assert!(tasks.len() >= 10, "{} tasks", tasks.len());
    let mut exact = 0;
    let mut marks = 0;
    for t in tasks {
        let r = t["ref"].as_str().unwrap();
        let title = t["title"].as_str().unwrap();
        let g = gold.get(r).unwrap_or_else(|| panic!("task {r} is not in golden/000.json"));
        marks += marked_letters(title);
        if kehoach::repair::syllable::fold_tone_style(title) == kehoach::repair::syllable::fold_tone_style(g) {
            exact += 1;
        }
    }
    assert!(tasks.iter().any(|t| t["ref"] == "1/I/1/1.1"), "no task 1/I/1/1.1");
    assert!(marks > 100, "only {marks} marked letters in the titles");
    assert!(exact >= 4, "only {exact} of {} titles read exactly", tasks.len());
}

/// A page scanned upside down whose OCR layer read the turned text as noise
/// (`tests/data/ocrmypdf-000-p8-upside-down.pdf`, `tests/data/make_ocrmypdf.sh`): without `--ocr`
/// no table is found; `--ocr` reads the page with little confidence, turns it as Tesseract's
/// orientation detection says, and reads it again: tasks 1.1–2.2 of 000 with their titles.
#[test]
fn extract_ocr_turns_a_page_scanned_upside_down() {
    const UPSIDE_DOWN: &str = "tests/data/ocrmypdf-000-p8-upside-down.pdf";
    let o = kehoach().args(["extract", UPSIDE_DOWN]).output().unwrap();
    let plain: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(plain["tasks"].as_array().unwrap().is_empty());
    if common::skip_without_ocr_tools() {
        return;
    }
    let doc = extract_ocr(UPSIDE_DOWN);
    let refs: Vec<&str> = doc["tasks"].as_array().unwrap().iter().map(|t| t["ref"].as_str().unwrap()).collect();
    assert_eq!(refs, ["1/I/1/1.1", "1/I/1/1.2", "1/I/2/2.1", "1/I/2/2.2"]);
    let title = doc["tasks"][0]["title"].as_str().unwrap();
    assert!(marked_letters(title) > 10, "{title}");
}

/// An empty directory: PATH for a run where no `tesseract` (nor anything else) can be found.
fn path_without_tesseract() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kehoach-no-tesseract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn missing_tesseract_is_one_line_and_the_batch_goes_on() {
    let dir = path_without_tesseract();
    let o = kehoach().env("PATH", &dir).args(["extract", "--ocr", SCAN, "corpus/000-lo.pdf"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].starts_with(&format!("kehoach: {SCAN}: ")), "{stderr}");
    assert!(lines[0].contains("apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils"), "{stderr}");
    // The digital plan in the same batch is extracted (it has no scanned page: --ocr needs nothing).
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    let doc: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(doc["source"]["file"], "000-lo.pdf");
    assert_eq!(doc["tasks"].as_array().unwrap().len(), 48);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn image_only_pdf_is_read_with_ocr() {
    if common::skip_without_ocr_tools() {
        return;
    }
    // Without --ocr this file is the error "run OCR first" (tests/bad/expected.tsv). It is page 7 of
    // 000-scan.pdf (tests/bad/make.sh): corpus/ocr/clean/000-p07.txt is its true text.
    let doc = extract_ocr("tests/bad/scan-no-ocr.pdf");
    assert_eq!(doc["source"]["text_layer"], "ocr");
    let bytes = std::fs::read("tests/bad/scan-no-ocr.pdf").unwrap();
    let text = kehoach::read_text(&bytes, &kehoach::Options { ocr: true, ..Default::default() }).unwrap();
    let mut got: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for w in &text.pages[0].words {
        *got.entry(w.text.clone()).or_default() += 1;
    }
    let clean = std::fs::read_to_string("corpus/ocr/clean/000-p07.txt").unwrap();
    let (mut found, mut n) = (0, 0);
    for w in clean.split_whitespace() {
        n += 1;
        if let Some(c) = got.get_mut(w).filter(|c| **c > 0) {
            *c -= 1;
            found += 1;
        }
    }
    assert!(n > 50 && found as f64 >= 0.8 * n as f64, "{found} of {n} words of the page read");
}

/// A born-digital page whose fonts do not say which characters they draw (LibreOffice's subset
/// fonts with their ToUnicode maps removed, tests/bad/no-tounicode-lo.pdf: without `--ocr` one
/// error line, tests/bad/expected.tsv) is read by `--ocr` from the rendered page: page 1 of 000,
/// its plan header as golden/000.json has it.
#[test]
fn extract_ocr_reads_a_page_whose_fonts_have_no_unicode_map() {
    if common::skip_without_ocr_tools() {
        return;
    }
    let doc = extract_ocr("tests/bad/no-tounicode-lo.pdf");
    let golden: serde_json::Value = serde_json::from_str(&std::fs::read_to_string("golden/000.json").unwrap()).unwrap();
    assert_eq!(doc["plan"]["kind"], "Kế hoạch");
    for field in ["issuer", "title"] {
        let (got, want) = (doc["plan"][field].as_str().unwrap_or(""), golden["plan"][field].as_str().unwrap());
        assert!(strsim::normalized_levenshtein(got, want) > 0.95, "{field}: {got:?} against {want:?}");
    }
}
