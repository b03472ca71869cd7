//! Stage 2 on arbitrary text: every repair mode that exists must not panic, and must keep a line a
//! line (the stage never changes the number of lines; `repair-text` works line by line).
#![no_main]

use kehoach::repair::{repair_unicode, repairer_for, Mode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let fixed = repair_unicode(line);
        assert!(!fixed.contains('\n'), "repair_unicode made two lines of {line:?}");
        for mode in [Mode::Auto, Mode::Unicode, Mode::Legacy, Mode::Ocr] {
            if let Ok(r) = repairer_for(mode) {
                let out = r.repair(line);
                assert!(!out.contains('\n'), "{mode:?} made two lines of {line:?}");
            }
        }
    }
});
