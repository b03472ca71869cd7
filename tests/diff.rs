//! `kehoach diff` on the corpus: plan 000 against its revision 003 (corpus/src/003-edits.md) must give
//! the diff written by hand from the edit list (tests/diff/000-003.expected.json, .expected.txt), from
//! PDFs, from `extract` JSON and from the golden files; bad inputs cost one line each.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn kehoach() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
}

fn run(args: &[&str]) -> Output {
    kehoach().args(args).output().unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("kehoach-diff-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Drops `pages` everywhere (they depend on the producer; the expected file leaves them out).
fn strip_pages(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("pages");
            m.values_mut().for_each(strip_pages);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_pages),
        _ => {}
    }
}

/// Every differing leaf as "path: expected X, got Y" (similarities compared to 0.001).
fn json_diffs(path: &str, e: &Value, g: &Value, out: &mut Vec<String>) {
    match (e, g) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                match b.get(k) {
                    Some(w) => json_diffs(&format!("{path}.{k}"), v, w, out),
                    None => out.push(format!("{path}.{k}: expected {v}, missing")),
                }
            }
            for k in b.keys().filter(|k| !a.contains_key(*k)) {
                out.push(format!("{path}.{k}: not expected, got {}", b[k]));
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                let refs = |x: &Vec<Value>| x.iter().map(|t| t.get("new_ref").or(t.get("ref")).map(|r| r.to_string()).unwrap_or_default()).collect::<Vec<_>>().join(" ");
                out.push(format!("{path}: expected {} items [{}], got {} [{}]", a.len(), refs(a), b.len(), refs(b)));
            }
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                json_diffs(&format!("{path}[{i}]"), v, w, out);
            }
        }
        (Value::Number(a), Value::Number(b)) if path.ends_with("similarity") => {
            if (a.as_f64().unwrap() - b.as_f64().unwrap()).abs() > 0.001 {
                out.push(format!("{path}: expected {a}, got {b}"));
            }
        }
        _ if e != g => out.push(format!("{path}: expected {e}, got {g}")),
        _ => {}
    }
}

fn expected(old_file: &str, new_file: &str) -> Value {
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string("tests/diff/000-003.expected.json").unwrap()).unwrap();
    v["old"]["file"] = old_file.into();
    v["new"]["file"] = new_file.into();
    v
}

fn check_json(args: &[&str], old_file: &str, new_file: &str) {
    let o = run(args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    let mut got: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{args:?}: not JSON: {e}"));
    strip_pages(&mut got);
    let mut diffs = Vec::new();
    json_diffs("$", &expected(old_file, new_file), &got, &mut diffs);
    assert!(diffs.is_empty(), "kehoach {} differs from tests/diff/000-003.expected.json in {} places:\n{}", args.join(" "), diffs.len(), diffs.join("\n"));
}

#[test]
fn diff_of_pdfs_matches_the_hand_written_diff() {
    check_json(&["diff", "corpus/000-wp.pdf", "corpus/003-wp.pdf", "--format", "json"], "000-wp.pdf", "003-wp.pdf");
    // Across producers: the same records, so the same diff.
    check_json(&["diff", "corpus/000-lo.pdf", "corpus/003-wp.pdf", "--format", "json"], "000-lo.pdf", "003-wp.pdf");
}

#[test]
fn diff_in_the_store_compares_the_two_latest_versions() {
    let dir = tmp("db");
    let db = dir.join("plans.db");
    let db = db.to_str().unwrap();
    let o = run(&["ingest", "corpus/000-wp.pdf", "corpus/003-wp.pdf", "--db", db]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    // 003 (numbered) is the signed revision of the draft 000: one plan, two versions.
    check_json(&["diff", "--db", db, "12-KH/BCĐ", "--format", "json"], "000-wp.pdf", "003-wp.pdf");
    check_json(&["diff", "--db", db, "#1", "--format", "json"], "000-wp.pdf", "003-wp.pdf");
    let o = run(&["diff", "--db", db, "#7"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);
}

#[test]
fn diff_of_extract_json_matches_the_hand_written_diff() {
    let dir = tmp("json");
    let o = kehoach().args(["extract", "corpus/000-lo.pdf", "corpus/003-lo.pdf", "-o"]).arg(&dir).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let (a, b) = (dir.join("000-lo.json"), dir.join("003-lo.json"));
    check_json(&["diff", a.to_str().unwrap(), b.to_str().unwrap(), "--format", "json"], "000-lo.pdf", "003-lo.pdf");
    // A JSON input against a PDF input.
    check_json(&["diff", a.to_str().unwrap(), "corpus/003-wp.pdf", "--format", "json"], "000-lo.pdf", "003-wp.pdf");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn diff_of_golden_files_matches_the_hand_written_diff() {
    // The golden files are typed by hand: this checks the diff alone, without the extraction.
    check_json(&["diff", "golden/000.json", "golden/003.json", "--format", "json"], "000.json", "003.json");
}

#[test]
fn text_report_matches_the_hand_written_one() {
    let o = run(&["diff", "corpus/000-wp.pdf", "corpus/003-wp.pdf"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let got = String::from_utf8(o.stdout).unwrap();
    let want = std::fs::read_to_string("tests/diff/000-003.expected.txt").unwrap();
    if got != want {
        let (g, w): (Vec<&str>, Vec<&str>) = (got.lines().collect(), want.lines().collect());
        let mut msg = Vec::new();
        for i in 0..g.len().max(w.len()) {
            let (x, y) = (w.get(i).copied().unwrap_or("<none>"), g.get(i).copied().unwrap_or("<none>"));
            if x != y {
                msg.push(format!("line {}:\n  expected: {x}\n  got:      {y}", i + 1));
            }
        }
        panic!("text report differs from tests/diff/000-003.expected.txt:\n{}", msg.join("\n"));
    }
}

#[test]
fn a_plan_against_itself_has_no_change() {
    let o = run(&["diff", "corpus/001-wp.pdf", "corpus/001-lo.pdf", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["unchanged"], 48);
    for k in ["added", "removed", "changed"] {
        assert_eq!(v[k], Value::Array(vec![]), "{k}");
        assert_eq!(v["targets"][k], Value::Array(vec![]), "targets.{k}");
    }
    assert_eq!(v["targets"]["unchanged"], 62);
}

#[test]
fn unrelated_tasks_are_not_matched() {
    // 001's Phụ lục III and 000's appendix share no task (read side by side; see
    // examples/diff_threshold.rs): everything is added or removed.
    let o = run(&["diff", "corpus/001-wp.pdf", "corpus/000-wp.pdf", "--old-table", "3", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["changed"], Value::Array(vec![]), "{}", v["changed"]);
    assert_eq!(v["unchanged"], 0);
    assert_eq!(v["removed"].as_array().unwrap().len(), 28);
    assert_eq!(v["added"].as_array().unwrap().len(), 48);
}

#[test]
fn bad_inputs_give_one_line_each() {
    let dir = tmp("bad");
    let bad_json = dir.join("diff.json");
    std::fs::write(&bad_json, "{\"schema\": \"kehoach-diff/1\", \"added\": []}\n").unwrap();
    let o = run(&["diff", "tests/bad/empty.pdf", bad_json.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    let want = format!(
        "kehoach: tests/bad/empty.pdf: pdf: not a PDF (no %PDF- header: the file is empty)\nkehoach: {}: json: schema is \"kehoach-diff/1\", not a kehoach/1 plan document\n",
        bad_json.display()
    );
    assert_eq!(err, want);
    assert!(o.stdout.is_empty());
    // One good input, one missing: still one line, exit 1.
    let o = run(&["diff", "corpus/000-wp.pdf", "no/such/file.pdf"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("kehoach: no/such/file.pdf: read: cannot read file:"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["diff", "corpus/000-wp.pdf"]).status.code(), Some(2));
    assert_eq!(run(&["diff", "corpus/000-wp.pdf", "corpus/003-wp.pdf", "--format", "xml"]).status.code(), Some(2));
    assert_eq!(run(&["diff", "corpus/000-wp.pdf", "corpus/003-wp.pdf", "--threshold", "1.5"]).status.code(), Some(2));
}
