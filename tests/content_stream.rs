//! The fast content-stream decoder in vendored pdf-extract (vendor/pdf-extract/PATCHES.md #3) must give
//! exactly what lopdf's `Content::decode` gives whenever it does not hand the stream to lopdf: checked
//! on every page of the corpus, on thousands of mutations of those pages, and on hand-written edge
//! cases of lopdf's grammar.

mod common;
use common::Rng;

use lopdf::content::{Content, Operation};
use pdf_extract::fast_decode;

fn same(a: &[Operation], b: &[Operation]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.operator == y.operator && x.operands == y.operands)
}

/// Asserts the fast path agrees with lopdf when it answers; returns whether it answered.
fn check(data: &[u8], what: &str) -> bool {
    let Some(fast) = fast_decode(data) else { return false };
    let slow = Content::decode(data).unwrap_or_else(|e| panic!("{what}: fast path read a stream lopdf rejects ({e})"));
    assert!(
        same(&fast, &slow.operations),
        "{what}: fast path differs from lopdf on {:?}\nfast: {:?}\nlopdf: {:?}",
        String::from_utf8_lossy(&data[..data.len().min(300)]),
        &fast[..fast.len().min(20)],
        &slow.operations[..slow.operations.len().min(20)]
    );
    true
}

fn page_streams(path: &str) -> Vec<Vec<u8>> {
    let doc = lopdf::Document::load(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    doc.get_pages().values().map(|id| doc.get_page_content(*id).unwrap()).collect()
}

fn corpus() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir("corpus")
        .unwrap()
        .chain(std::fs::read_dir("corpus/scanned").unwrap())
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".pdf"))
        .collect();
    files.sort();
    files
}

#[test]
fn corpus_pages_take_the_fast_path_and_agree() {
    let files = corpus();
    assert!(files.len() >= 14, "corpus PDFs missing: {files:?}");
    for f in &files {
        for (i, s) in page_streams(f).iter().enumerate() {
            // Every page of the corpus is in the shape the fast path reads: if this fails, the speed-up
            // is lost (not the output).
            assert!(check(s, &format!("{f} page {}", i + 1)), "{f} page {}: fast path declined", i + 1);
        }
    }
}

#[test]
fn mutated_pages_agree_whenever_the_fast_path_answers() {
    // Bytes that matter to the grammar: delimiters, escapes, signs, dots, white space of both kinds,
    // digits, letters that make words (true, null, R, BI), '#'.
    const SPECIAL: &[u8] = b"()<>[]{}/%\\ \t\r\n\0\x0c0123456789.+-#eRBItrunlfsxX*'\"";
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut answered, mut total) = (0, 0);
    for f in corpus().iter().filter(|f| f.ends_with("-lo.pdf") || f.ends_with("-wp.pdf") || f.ends_with("000-scan.pdf")) {
        for s in page_streams(f).iter().take(3) {
            for _ in 0..150 {
                let m = common::mutate(s, SPECIAL, &mut rng);
                // Short windows too, so that mutations near the end of a stream are common.
                let cut = if rng.below(4) == 0 { m.len().min(40 + rng.below(200)) } else { m.len() };
                let start = if cut < m.len() { rng.below(m.len() - cut + 1) } else { 0 };
                total += 1;
                if check(&m[start..start + cut], &format!("mutation of {f}")) {
                    answered += 1;
                }
            }
        }
    }
    // Many mutations leave a stream the fast path still reads (about a fifth: a cut window usually ends
    // inside an operation); if it declined nearly all, the test
    // would prove nothing.
    assert!(answered * 8 > total, "fast path answered only {answered} of {total} mutated streams");
}

#[test]
fn edge_cases_of_the_grammar_agree() {
    let cases: &[&[u8]] = &[
        b"",
        b"   \n",
        b"BT /F1 12 Tf 72 712 Td (Hello) Tj ET",
        b"BT/F1 12 Tf(a)Tj[(b)-250(c)]TJ ET",
        b"[<0012 00 3 4>-12.5<AbCdEf>]TJ",
        b"<00 1> Tj <> Tj < > Tj",
        b"(a\\(b\\)c\\\\d\\n\\r\\t\\b\\f\\q) Tj",
        b"(\\101\\7\\777\\0011) Tj",
        b"(line\\\ncontinued\\\r\nand\\\rmore) Tj",
        b"(raw\r\nline\rends\n) Tj",
        b"(nested (paren (deep)) ok) Tj",
        b"1 0 0 1 .5 -.5 cm +3 -0 5. 0.0 re f",
        b"q 1 0 0 1 0 0 cm /Im1 Do Q",
        b"/P <</MCID 0 /Alt (x) /Lang <656e>>> BDC EMC",
        b"/Span<</ActualText(a)>>BDC EMC",
        b"/Artifact BMC EMC",
        b"true false null d0",
        b"0 0 0 rg 1 1 1 RG 0.5 g 0 w [] 0 d [3 2] 1 d",
        b"(a)' (b)\" 1 2 (c) \" T*",
        b"/Name/Other Tf",
        b"/ Tf",
        // Handed to lopdf (the fast path must decline these or agree):
        b"d0 1 2 d1",
        b"1 2 m % comment\n 3 4 l S",
        b"%start\n1 2 m",
        b"BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI Q",
        b"/A#20B Tf",
        b"[1 0 R] TJ",
        b"<</P 5 0 R>> BDC",
        b"<</A [1 2]>> BDC",
        b"[[1] 2] TJ",
        b"1 2 3",
        b"1 2 m\x0c3 4 l",
        b"1.5.3 Tc",
        b"12abc",
        b"1e5 Tc",
        b"99999999999999999999 Tc",
        b"nullx Tj",
        b"truest Tj",
        b"(unterminated Tj",
        b"<12 zz> Tj",
        b"< <12> > Tj",
        b"{ } Tj",
        b"Tj5",
        b"(a) Tj }",
        b"<</A>> BDC",
        b"[true] TJ",
        b"[1 2R] TJ",
    ];
    let mut answered = 0;
    for c in cases {
        if check(c, "edge case") {
            answered += 1;
        }
    }
    assert!(answered >= 20, "fast path answered only {answered} edge cases");
}
