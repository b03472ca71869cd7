//! Helpers shared by the tests: the differential tests of the vendored fast paths (tests/cmap.rs,
//! tests/content_stream.rs) and the OCR tests (tests/ocr.rs, tests/turned.rs). Each test file uses
//! some of them.
#![allow(dead_code)]

/// Whether to skip a test that needs `tesseract` (with its Vietnamese data) and `pdftoppm`: they
/// are missing here. Never on CI, which installs them (.ci/run): there it fails.
pub fn skip_without_ocr_tools() -> bool {
    if kehoach::pdf::ocr::tools_available().is_ok() {
        return false;
    }
    assert!(std::env::var_os("CI").is_none(), "CI must install tesseract-ocr tesseract-ocr-vie poppler-utils (.ci/run)");
    eprintln!("skipped: tesseract with vie data or pdftoppm is not installed");
    true
}

/// A small deterministic generator (xorshift), so the mutations are the same on every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// `data` with one to three bytes replaced, removed or inserted, the new bytes drawn from `special`
/// (the bytes that matter to the grammar under test).
pub fn mutate(data: &[u8], special: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut m = data.to_vec();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(m.len().max(1));
        let b = special[rng.below(special.len())];
        match rng.below(3) {
            0 if !m.is_empty() => m[at] = b,
            1 if !m.is_empty() => {
                m.remove(at);
            }
            _ => m.insert(at.min(m.len()), b),
        }
    }
    m
}
