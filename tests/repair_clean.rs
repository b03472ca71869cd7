//! `auto` repair never makes clean text worse: run over every clean plan text we have (the corpus
//! transcriptions and golden files), it must change nothing.

use kehoach::repair::{repairer_for, Mode};

fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

#[test]
fn auto_repair_is_a_no_op_on_clean_text() {
    let r = repairer_for(Mode::Auto).unwrap();
    let mut n = 0;
    for f in ["corpus/src/000.json", "corpus/src/001.json", "golden/000.json", "golden/001.json"] {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        let mut all = Vec::new();
        strings(&v, &mut all);
        for s in all {
            for line in s.lines() {
                n += 1;
                assert_eq!(r.repair(line), line, "{f}: auto repair changed clean text");
            }
        }
    }
    assert!(n > 1000, "only {n} lines checked");
}
