//! Stage 1 on arbitrary bytes: `read_pdf` must return (text or one error), never hang, overflow
//! its stack or exhaust memory. Panics inside the PDF crates (pdf-extract panics on purpose on
//! fonts it does not understand) are caught per document by design; a panic in kehoach's own code
//! is a bug and aborts, so libFuzzer reports it.
#![no_main]

use kehoach::pdf::{read_pdf, Limits, PdfOptions};
use libfuzzer_sys::fuzz_target;
use std::sync::Once;
use std::time::Duration;

static HOOK: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let file = info.location().map(|l| l.file()).unwrap_or("");
            // pdf-extract's own code (vendored, vendor/pdf-extract/src/lib.rs) panics on purpose
            // on fonts it does not understand; the readers kehoach added to it (content.rs,
            // cmap.rs: PATCHES.md) must not panic, so they count as kehoach's.
            let third_party = file.contains(".cargo/registry")
                || file.starts_with("/rustc/")
                || file.ends_with("vendor/pdf-extract/src/lib.rs");
            if !third_party {
                eprintln!("panic in kehoach: {info}");
                std::process::abort();
            }
        }));
    });
    // Smaller limits than the defaults keep each run within libFuzzer's memory and time budget;
    // the code paths are the same.
    let opts = PdfOptions {
        time_limit: Duration::from_secs(5),
        limits: Limits {
            max_stream_bytes: 4 << 20,
            max_total_bytes: 16 << 20,
            max_objects: 100_000,
            max_page_content_bytes: 1 << 20,
            max_glyphs: 200_000,
        },
        // Walk every page's fonts (the pipeline walks only pages with a TCVN3 upper-case font).
        font_runs: Some(|_| true),
        keep_image_pages: false,
    };
    let _ = read_pdf(data, &opts);
});
