//! The fast ToUnicode CMap reader in vendored pdf-extract (vendor/pdf-extract/PATCHES.md #4) must give
//! exactly adobe-cmap-parser's map (or fail the same way) whenever it does not hand the CMap over:
//! checked on every ToUnicode CMap of the corpus, on thousands of mutations of them, and on edge cases
//! of adobe-cmap-parser's grammar.

mod common;
use common::Rng;

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

type Map = Result<HashMap<u32, Vec<u8>>, &'static str>;

fn outcome(f: impl FnOnce() -> Map) -> Result<Map, ()> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|_| ())
}

/// Asserts both readers agree; returns whether the fast path answered.
fn check(data: &[u8], what: &str) -> bool {
    let answered = pdf_extract::cmap_lex(data).is_some();
    let fast = outcome(|| pdf_extract::cmap_unicode_map(data));
    let slow = outcome(|| adobe_cmap_parser::get_unicode_map(data));
    assert!(fast == slow, "{what}: the readers differ on {:?}\nfast: {fast:?}\nslow: {slow:?}", String::from_utf8_lossy(data));
    answered
}

fn corpus_cmaps() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<String> = std::fs::read_dir("corpus")
        .unwrap()
        .chain(std::fs::read_dir("corpus/scanned").unwrap())
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".pdf"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let doc = lopdf::Document::load(&f).unwrap();
        for (id, o) in &doc.objects {
            let Ok(d) = o.as_dict() else { continue };
            let Ok(lopdf::Object::Reference(r)) = d.get(b"ToUnicode") else { continue };
            if let Ok(lopdf::Object::Stream(s)) = doc.get_object(*r) {
                let data = s.decompressed_content().unwrap_or_else(|_| s.content.clone());
                out.push((format!("{f} font {id:?}"), data));
            }
        }
    }
    out
}

#[test]
fn corpus_cmaps_take_the_fast_path_and_agree() {
    let cmaps = corpus_cmaps();
    assert!(cmaps.len() >= 20, "only {} ToUnicode CMaps found in the corpus", cmaps.len());
    for (what, data) in &cmaps {
        assert!(check(data, what), "{what}: fast path declined");
    }
}

#[test]
fn mutated_cmaps_agree() {
    const SPECIAL: &[u8] = b"()<>[]{}/%\\ \t\r\n\0\x0c0123456789abcdefABCDEF.+-#truefalsbegindch*'\"";
    let cmaps = corpus_cmaps();
    // Distinct CMaps only (the scans repeat one per page), and not the 0000-FFFF range (slow to build).
    let mut seen = std::collections::HashSet::new();
    let small: Vec<_> = cmaps.iter().filter(|(_, d)| d.len() < 4000 && !d.windows(6).any(|w| w == b"<FFFF>") && seen.insert(d.clone())).collect();
    assert!(!small.is_empty());
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let (mut answered, mut total) = (0, 0);
    for (what, data) in small.iter().take(12) {
        for _ in 0..120 {
            let m = common::mutate(data, SPECIAL, &mut rng);
            total += 1;
            if check(&m, &format!("mutation of {what}")) {
                answered += 1;
            }
        }
    }
    assert!(answered * 4 > total, "fast path answered only {answered} of {total} mutated CMaps");
}

#[test]
fn edge_cases_of_the_grammar_agree() {
    let cases: &[&[u8]] = &[
        b"1 beginbfchar <01> <0041> endbfchar",
        b"2 beginbfchar <01><0041><02> <D83DDE00> endbfchar",
        b"1 beginbfrange <00> <03> <0041> endbfrange",
        b"1 beginbfrange <00> <01> [<0041> <0042>] endbfrange",
        b"1 beginbfrange <00> <02> [<0041> <0042>] endbfrange",
        b"1 beginbfrange <0000> <0002> <00000041> endbfrange",
        b"1 beginbfrange <00> <02> <004142> endbfrange",
        b"%!PS\n%%comment\n1 beginbfchar <01> <0041> endbfchar\n%%EOF\n",
        b"1 beginbfchar <01> <0041> endbfchar %tail",
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def 1 beginbfchar <01> <0041> endbfchar",
        b"/A<</B<</C 1>>>> def 1 beginbfchar<01><0041>endbfchar",
        b"<< /A 1.5 >> 1 beginbfchar <01> <0041> endbfchar",
        b"12.5 .5 +.5 -3 truex falsey 1 beginbfchar <01> <0041> endbfchar",
        b"1 beginbfchar <0 1> <0041> endbfchar",
        b"1 beginbfchar <01> <004> endbfchar",
        b"1 beginbfchar <01>\0<0041> endbfchar",
        b"1 beginbfchar < 0\x0c1 > <0041> endbfchar",
        b"(a\\)b) 1 beginbfchar <01> <0041> endbfchar",
        b"(a(b)c) 1 beginbfchar <01> <0041> endbfchar",
        b"/N#41me 1 beginbfchar <01> <0041> endbfchar",
        b"99999999999999999999 1 beginbfchar <01> <0041> endbfchar",
        b"beginbfchar <01> <0041> endbfchar",
        b"2 beginbfchar <01> <0041> endbfchar",
        b"1 beginbfchar <01> (A) endbfchar",
        b"1 beginbfchar <01> <0041> endbfchar { } junk",
        b"[1 [2] /x (y) <00>] 1 beginbfchar <01> <0041> endbfchar",
        b"",
        b"   ",
        b"%only a comment\n",
    ];
    let mut answered = 0;
    for c in cases {
        if check(c, "edge case") {
            answered += 1;
        }
    }
    assert!(answered >= 12, "fast path answered only {answered} edge cases");
}
