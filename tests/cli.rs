//! File-driven CLI tests: every bad input in tests/bad/ with its exact error line and exit status
//! (tests/bad/expected.tsv), plus batch behaviour: one bad file never stops the others.

use std::process::Command;

fn kehoach() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
}

#[test]
fn bad_inputs_give_one_clear_line() {
    let spec = std::fs::read_to_string("tests/bad/expected.tsv").unwrap();
    let mut failures = Vec::new();
    let mut n = 0;
    for line in spec.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let (file, code, err, out) = (f[0], f[1].parse::<i32>().unwrap(), f[2], f.get(3).copied().unwrap_or(""));
        let o = kehoach().args(["extract", &format!("tests/bad/{file}")]).output().unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        let stdout = String::from_utf8_lossy(&o.stdout);
        n += 1;
        if o.status.code() != Some(code) {
            failures.push(format!("{file}: exit {:?}, expected {code}", o.status.code()));
        }
        if stderr.trim_end() != err {
            failures.push(format!("{file}: stderr\n  got:      {}\n  expected: {err}", stderr.trim_end()));
        }
        if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
            failures.push(format!("{file}: a panic leaked to stderr"));
        }
        if !out.is_empty() && !stdout.contains(out) {
            failures.push(format!("{file}: stdout lacks {out}"));
        }
    }
    assert!(n >= 8, "expected.tsv lists {n} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn batch_survives_bad_files() {
    let o = kehoach().args(["extract", "tests/bad/empty.pdf", "corpus/000-lo.pdf", "tests/bad/truncated.pdf", "corpus/001-wp.pdf"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&o.stdout);
    let docs: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(docs.len(), 2, "two good files → two JSON Lines");
    assert_eq!(docs[0]["source"]["file"], "000-lo.pdf");
    assert_eq!(docs[1]["source"]["file"], "001-wp.pdf");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
}

#[test]
fn output_dir_writes_one_file_each() {
    let dir = std::env::temp_dir().join(format!("kehoach-out-{}", std::process::id()));
    let o = kehoach().args(["extract", "corpus/000-wp.pdf", "corpus/001-lo.pdf", "-o"]).arg(&dir).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stdout.is_empty());
    for n in ["000-wp.json", "001-lo.json"] {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join(n)).unwrap()).unwrap();
        assert_eq!(v["schema"], "kehoach/1");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(kehoach().args(["extract"]).output().unwrap().status.code(), Some(2));
    assert_eq!(kehoach().args(["frobnicate"]).output().unwrap().status.code(), Some(2));
    assert_eq!(kehoach().args(["extract", "--mode", "klingon", "corpus/000-lo.pdf"]).output().unwrap().status.code(), Some(2));
}

#[test]
fn repair_text_keeps_lines() {
    use std::io::Write;
    let mut child = kehoach().args(["repair-text"]).stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).spawn().unwrap();
    let input = "Ke\u{0302}\u{0301} hoa\u{0323}ch\n\nSở  Khoa học\n";
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout), "Kế hoạch\n\nSở  Khoa học\n");
}

#[test]
fn time_limit_gives_one_line() {
    let o = kehoach().args(["extract", "--time-limit", "0", "corpus/000-lo.pdf"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&o.stderr).trim_end(), "kehoach: corpus/000-lo.pdf: pdf: took longer than the per-document limit of 0 s");
}
