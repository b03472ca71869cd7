//! Hostile and broken input at the library level (issue 7): truncation at many offsets never gives
//! a partial plan, the memory limits give their one line, repairs are reported as warnings.
//! The file-driven cases with exact CLI lines are in tests/bad/expected.tsv (tests/cli.rs).

use kehoach::{extract_bytes, pdf::Limits, Options};

fn golden_tasks() -> usize {
    let g: serde_json::Value = serde_json::from_str(&std::fs::read_to_string("golden/000.json").unwrap()).unwrap();
    g["tasks"].as_array().unwrap().len()
}

/// Cut 000-lo.pdf at every 2% and in its last kilobyte: each cut either extracts the whole plan
/// (the objects the pages use survive, the table is rebuilt) or is one "ends early" error. Never a
/// plan with tasks missing, never a panic.
#[test]
fn truncation_never_gives_a_partial_plan() {
    let src = std::fs::read("corpus/000-lo.pdf").unwrap();
    let want = golden_tasks();
    let mut cuts: Vec<usize> = (1..50).map(|i| src.len() * i / 50).collect();
    cuts.extend((1..=20).map(|i| src.len() - i * 50));
    let (mut whole, mut refused) = (0, 0);
    for cut in cuts {
        match extract_bytes(&src[..cut], "cut.pdf", &Options::default()) {
            Ok(doc) => {
                assert_eq!(doc.tasks.len(), want, "cut at {cut}: a partial plan");
                assert!(doc.warnings.iter().any(|w| w.code == "pdf_xref_rebuilt"), "cut at {cut}: no warning");
                whole += 1;
            }
            Err(e) => {
                let line = e.to_string();
                assert!(line.starts_with("pdf: truncated or corrupt PDF: the file ends early (no %%EOF marker)"), "cut at {cut}: {line}");
                refused += 1;
            }
        }
    }
    // The page tree sits in the last 3% of the file: most cuts lose it, cuts in the table do not.
    assert!(whole >= 10 && refused >= 45, "whole {whole}, refused {refused}");
}

fn with(limits: Limits) -> Options {
    Options { limits, ..Options::default() }
}

#[test]
fn glyph_limit_gives_one_line() {
    let bytes = std::fs::read("corpus/000-lo.pdf").unwrap();
    let e = extract_bytes(&bytes, "x.pdf", &with(Limits { max_glyphs: 1000, ..Limits::default() })).unwrap_err();
    assert_eq!(e.to_string(), "pdf: over the per-document memory limit: more than 1000 glyphs (page 1)");
}

#[test]
fn page_content_limit_gives_one_line() {
    let bytes = std::fs::read("corpus/000-lo.pdf").unwrap();
    let e = extract_bytes(&bytes, "x.pdf", &with(Limits { max_page_content_bytes: 1000, ..Limits::default() })).unwrap_err();
    let line = e.to_string();
    assert!(line.starts_with("pdf: over the per-document memory limit: the content of page 1 is "), "{line}");
    assert!(line.ends_with(", more than 1000 bytes"), "{line}");
}

#[test]
fn stream_and_object_limits_give_one_line() {
    let bytes = std::fs::read("corpus/000-lo.pdf").unwrap();
    let e = extract_bytes(&bytes, "x.pdf", &with(Limits { max_total_bytes: 50_000, ..Limits::default() })).unwrap_err();
    assert_eq!(e.to_string(), "pdf: over the per-document memory limit: the streams inflate to more than 50000 bytes in all");
    let e = extract_bytes(&bytes, "x.pdf", &with(Limits { max_objects: 50, ..Limits::default() })).unwrap_err();
    assert_eq!(e.to_string(), "pdf: over the per-document memory limit: more than 50 objects");
}

/// The default limits leave every corpus PDF alone.
#[test]
fn default_limits_pass_the_corpus() {
    for f in ["000-lo", "000-wp", "001-lo", "001-wp"] {
        let bytes = std::fs::read(format!("corpus/{f}.pdf")).unwrap();
        let doc = extract_bytes(&bytes, "x.pdf", &Options::default()).unwrap_or_else(|e| panic!("{f}: {e}"));
        assert!(doc.warnings.iter().all(|w| !w.code.starts_with("pdf_")), "{f}: {:?}", doc.warnings);
    }
}

#[test]
fn repairs_are_warnings_in_the_plan() {
    for (f, code) in [("xref-offsets", "pdf_xref_rebuilt"), ("cycle-kids", "pdf_page_tree")] {
        let bytes = std::fs::read(format!("tests/bad/{f}.pdf")).unwrap();
        let doc = extract_bytes(&bytes, "x.pdf", &Options::default()).unwrap();
        assert_eq!(doc.warnings.first().map(|w| w.code.as_str()), Some(code), "{f}");
    }
}
