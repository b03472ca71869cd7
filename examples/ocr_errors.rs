//! Lists the OCR repair's most frequent errors on one held-out plan: clean → OCR → repaired.
//! cargo run --release --example ocr_errors -- PAIRS_DIR DOC [TRAIN_DOC...]
use kehoach::repair::{lm, ocr, train};
use std::collections::HashMap;
use std::path::Path;

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let dir = Path::new(&a[1]);
    let doc = &a[2];
    let train_docs: Vec<&str> = a[3..].iter().map(|s| s.as_str()).collect();
    let all = train::all_pairs(dir);
    let pairs = &all.iter().find(|(d, _)| d == doc).unwrap().1;
    let lines = train::plan_lines(Path::new("corpus/src")).unwrap();
    let pw = std::env::var("PW").ok().and_then(|v| v.parse().ok()).unwrap_or(lm::PLAN_WEIGHT);
    let ch_docs: Vec<String> = std::env::var("CH").map(|v| v.split(',').map(String::from).collect()).unwrap_or_else(|_| train_docs.iter().map(|s| s.to_string()).collect());
    let (counts, ch) = train::training_counts(&lm::generic_counts(), &lines, &train::channel_pairs(dir), |d| train_docs.contains(&d), |d| ch_docs.iter().any(|x| x == d), pw);
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<f32>().ok());
    let d = ocr::Params::default();
    let params = ocr::Params { lm_weight: env("LMW").unwrap_or(d.lm_weight), keep_logp: env("KEEP").unwrap_or(d.keep_logp), per_token: env("K").map(|k| k as usize).unwrap_or(d.per_token), ..d };
    let m = ocr::OcrRepair::new(&counts, &ch, params);
    let out = train::repair_pairs(&m, pairs);
    // DUMP=file: every pair (clean, OCR, repaired), one per line, to compare two builds.
    if let Ok(path) = std::env::var("DUMP") {
        let lines: String = pairs.iter().zip(&out).map(|(p, o)| format!("{}\t{}\t{}\n", p.clean, p.ocr, o)).collect();
        std::fs::write(path, lines).unwrap();
    }
    let mut errs: HashMap<(String, String, String, String), usize> = HashMap::new();
    let mut by_op: HashMap<String, (usize, usize)> = HashMap::new();
    for (p, o) in pairs.iter().zip(&out) {
        let s = train::score(std::slice::from_ref(p), std::slice::from_ref(o));
        let e = by_op.entry(p.op.clone()).or_default();
        e.0 += s.right;
        e.1 += s.total;
        if s.right < s.total {
            *errs.entry((p.op.clone(), p.clean.clone(), p.ocr.clone(), o.clone())).or_default() += 1;
        }
    }
    // Where the errors of one-word pairs come from: the right word was a candidate (the choice
    // between candidates failed) or was not (the channel's shortlist missed it).
    let strip = |s: &str| s.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let (mut chose_wrong, mut not_cand, mut one_word) = (0, 0, 0);
    for (p, o) in pairs.iter().zip(&out) {
        if !(p.op == "same" || p.op == "sub") || p.clean.contains(' ') || p.ocr.contains(' ') {
            continue;
        }
        one_word += 1;
        if train::score(std::slice::from_ref(p), std::slice::from_ref(o)).right == 1 {
            continue;
        }
        let gold = kehoach::repair::syllable::fold_tone_style(&strip(&p.clean));
        let cands = m.candidates_of(&strip(&p.ocr));
        if cands.iter().any(|(f, _)| kehoach::repair::syllable::fold_tone_style(f) == gold) || strip(&p.ocr) == gold {
            chose_wrong += 1;
        } else {
            not_cand += 1;
            if std::env::var_os("NOTCAND").is_some() {
                println!("not a candidate: {} <- {} -> {}", p.clean, p.ocr, o);
            }
        }
    }
    println!("one-word pairs {one_word}: wrong with the right word among the candidates {chose_wrong}, right word not a candidate {not_cand}");
    // CONTEXT=word: every error on that clean word, with three pairs either side (clean | OCR | out).
    if let Ok(w) = std::env::var("CONTEXT") {
        for (k, (p, o)) in pairs.iter().zip(&out).enumerate() {
            if strip(&p.clean) != w.to_lowercase() || train::score(std::slice::from_ref(p), std::slice::from_ref(o)).right == 1 {
                continue;
            }
            let r = k.saturating_sub(3)..(k + 4).min(pairs.len());
            let col = |f: &dyn Fn(usize) -> String| r.clone().map(f).collect::<Vec<_>>().join(" ");
            println!("clean: {}\n  ocr: {}\n  out: {}", col(&|i| pairs[i].clean.clone()), col(&|i| pairs[i].ocr.clone()), col(&|i| out[i].clone()));
        }
    }
    let (r, t) = by_op.values().fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!("{by_op:?} accuracy {:.2}%", 100.0 * r as f64 / t as f64);
    let mut v: Vec<_> = errs.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1));
    let top = std::env::var("TOP").ok().and_then(|v| v.parse().ok()).unwrap_or(80);
    for ((op, c, o, r), n) in v.iter().take(top) {
        if std::env::var("QUIET").is_err() {
            println!("{n:4} {op:5} {c:<20} {o:<20} {r}");
        }
    }
}
