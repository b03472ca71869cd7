//! Legacy 8-bit fonts, end to end: the whole clean corpus text encoded in TCVN3, VNI and VISCII comes
//! back exactly through `--mode legacy` and `--mode auto` (the repair stage's own API), and the
//! `repair-text` command converts legacy lines and leaves clean ones alone.

use kehoach::repair::legacy::Encoding;
use kehoach::repair::{repairer_for, Mode};
use std::io::Write;
use std::process::{Command, Stdio};

fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

fn corpus_lines() -> Vec<String> {
    let mut lines = Vec::new();
    for f in ["corpus/src/000.json", "corpus/src/001.json"] {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        let mut all = Vec::new();
        strings(&v, &mut all);
        for s in all {
            lines.extend(s.lines().filter(|l| !l.trim().is_empty()).map(String::from));
        }
    }
    lines
}

/// A toned capital that starts a word with lower-case letters after it ("Ủy ban"): in TCVN3 only the
/// upper-case font draws it, so without the PDF's font information the text cannot tell its case.
fn title_case_toned_capital(word: &str) -> bool {
    let t = Encoding::Tcvn3.table();
    let mut cs = word.chars().filter(|c| c.is_alphabetic());
    match cs.next() {
        Some(c) => t.needs_upper_font(c) && cs.any(|c| c.is_lowercase()),
        None => false,
    }
}

#[test]
fn corpus_text_round_trips_through_each_encoding() {
    let lines = corpus_lines();
    assert!(lines.len() > 1000);
    for mode in [Mode::Legacy, Mode::Auto] {
        let r = repairer_for(mode).unwrap();
        for enc in Encoding::ALL {
            let t = enc.table();
            let (mut exact, mut total, mut words_wrong) = (0, 0, Vec::new());
            // The whole text as one document, as `repair-text` and `extract` see it.
            let moji: Vec<String> = lines.iter().map(|l| t.encode(l).unwrap_or_else(|| panic!("{}: cannot encode {l:?}", enc.name()))).collect();
            let moji_refs: Vec<&str> = moji.iter().map(|s| s.as_str()).collect();
            let repaired = r.repair_text_lines(&moji_refs);
            for (line, back) in lines.iter().zip(&repaired) {
                total += 1;
                if back == line {
                    exact += 1;
                    continue;
                }
                // Word by word: what differs must be (TCVN3 only) a title-case toned capital.
                let (a, b): (Vec<&str>, Vec<&str>) = (line.split(' ').collect(), back.split(' ').collect());
                assert_eq!(a.len(), b.len(), "{} {mode:?}: {line:?} -> {back:?}", enc.name());
                for (x, y) in a.iter().zip(&b) {
                    if x != y {
                        let explained = enc == Encoding::Tcvn3 && title_case_toned_capital(x) && x.to_lowercase() == y.to_lowercase();
                        if !explained {
                            words_wrong.push(format!("{x:?} -> {y:?} in {line:?}"));
                        }
                    }
                }
            }
            assert!(words_wrong.is_empty(), "{} {mode:?}: {} of {total} lines exact; wrong:\n{}", enc.name(), exact, words_wrong[..words_wrong.len().min(20)].join("\n"));
            if enc != Encoding::Tcvn3 {
                assert_eq!(exact, total, "{} {mode:?}", enc.name());
            }
            eprintln!("{} {mode:?}: {exact}/{total} lines exact", enc.name());
        }
    }
}

fn repair_text(mode: &str, input: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["repair-text", "--mode", mode])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

// Hand-written from the published tables: TCVN3 (TCVN 5712:1993 VN3), VNI, VISCII (RFC 1456).
const LEGACY: &str = "KÕ ho¹ch triÓn khai NghÞ quyÕt sè 57-NQ/TW\n\
Keá hoaïch trieån khai Nghò quyeát soá 57-NQ/TW\n\
Kª hoÕch tri¬n khai Ngh¸ quyªt s¯ 57-NQ/TW\n\
TØNH ñY §åNG NAI\n\
ÑOÀNG NAI, ngaøy 12 thaùng 11 naêm 2025\n\
Ð°ng Nai, ngày 12 tháng 11 nåm 2025\n";
const CLEAN: &str = "Kế hoạch triển khai Nghị quyết số 57-NQ/TW\n\
Kế hoạch triển khai Nghị quyết số 57-NQ/TW\n\
Kế hoạch triển khai Nghị quyết số 57-NQ/TW\n\
TỈNH ỦY ĐỒNG NAI\n\
ĐỒNG NAI, ngày 12 tháng 11 năm 2025\n\
Đồng Nai, ngày 12 tháng 11 năm 2025\n";

#[test]
fn repair_text_legacy_converts_tcvn3_vni_viscii_lines() {
    assert_eq!(repair_text("legacy", LEGACY), CLEAN);
}

#[test]
fn repair_text_auto_converts_mojibake_and_keeps_clean_lines() {
    let mixed: String = LEGACY.lines().zip(CLEAN.lines()).map(|(m, c)| format!("{c}\n{m}\n")).collect();
    let want: String = CLEAN.lines().map(|c| format!("{c}\n{c}\n")).collect();
    assert_eq!(repair_text("auto", &mixed), want);
    // clean text alone is not touched, line for line
    assert_eq!(repair_text("auto", CLEAN), CLEAN);
}
