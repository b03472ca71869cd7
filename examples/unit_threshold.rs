//! Measures the fuzzy threshold of agency matching (rules/agencies.toml `fuzzy_threshold`).
//!
//! Positives: every raw unit string of the sources (golden/units-NNN.tsv) with a registry id, damaged
//! the way the earlier stages leave it: each word replaced by what Tesseract's English model read for
//! that word in the aligned OCR pairs (corpus/ocr/pairs-NNN.tsv, every reading seen), and cut at its
//! last word (a line break truncation). Score: similarity to the right entry (the best match must be
//! it). Negatives: every registry name, matched against the registry without its own entry (an agency
//! the registry does not know): the similarity of the nearest other agency.
//!   cargo run --release --example unit_threshold
use kehoach::normalise::units::UnitMatcher;
use kehoach::rules::Rules;
use std::collections::HashMap;

fn main() {
    let rules = Rules::get();
    let m = UnitMatcher::new(rules, Some("Sở Khoa học và Công nghệ"));
    // Word → OCR readings.
    let mut ocr: HashMap<String, Vec<String>> = HashMap::new();
    for e in std::fs::read_dir("corpus/ocr").unwrap().flatten() {
        let n = e.file_name().to_string_lossy().to_string();
        if !(n.starts_with("pairs-") && n.ends_with(".tsv") && !n.contains("vie")) {
            continue;
        }
        for l in std::fs::read_to_string(e.path()).unwrap().lines().skip(1) {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() >= 4 && (f[3] == "same" || f[3] == "sub") {
                let k = f[0].trim_matches(|c: char| !c.is_alphanumeric()).to_string();
                let v = f[1].trim_matches(|c: char| !c.is_alphanumeric()).to_string();
                if !k.is_empty() && !v.is_empty() {
                    ocr.entry(k).or_default().push(v);
                }
            }
        }
    }
    let mut pos: Vec<(f64, bool, String)> = Vec::new();
    // (the right canonical name of each positive, for the whole matcher)
    let mut pos_name: HashMap<String, String> = HashMap::new();
    for e in std::fs::read_dir("golden").unwrap().flatten() {
        let n = e.file_name().to_string_lossy().to_string();
        if !(n.starts_with("units-") && n.ends_with(".tsv")) {
            continue;
        }
        for l in std::fs::read_to_string(e.path()).unwrap().lines().skip(1) {
            let f: Vec<&str> = l.split('\t').collect();
            let (raw, name, id) = (f[0], f[1], f[2]);
            if id.is_empty() || !f.get(4).map(|p| p.is_empty()).unwrap_or(true) {
                continue;
            }
            let words: Vec<&str> = raw.split_whitespace().collect();
            // Every OCR reading of every word, one word damaged at a time, and all words damaged
            // with their most frequent reading.
            let mut variants: Vec<String> = Vec::new();
            for (i, w) in words.iter().enumerate() {
                for r in ocr.get(*w).map(|v| v.as_slice()).unwrap_or(&[]).iter().take(20) {
                    let mut ws: Vec<String> = words.iter().map(|s| s.to_string()).collect();
                    ws[i] = r.clone();
                    variants.push(ws.join(" "));
                }
            }
            let all: Vec<String> = words.iter().map(|w| ocr.get(*w).and_then(|v| v.first()).cloned().unwrap_or_else(|| w.to_string())).collect();
            variants.push(all.join(" "));
            if words.len() >= 3 {
                variants.push(words[..words.len() - 1].join(" "));
            }
            variants.sort();
            variants.dedup();
            for v in variants {
                let (s, best) = m.best_similarity(&v, None);
                pos_name.insert(v.clone(), name.to_string());
                pos.push((s, best == name, v));
            }
        }
    }
    let mut neg: Vec<(f64, String, String)> = Vec::new();
    for a in &rules.agencies.agencies {
        let (s, other) = m.best_similarity(&a.name, Some(&a.name));
        neg.push((s, a.name.clone(), other));
    }
    pos.sort_by(|a, b| a.0.total_cmp(&b.0));
    neg.sort_by(|a, b| b.0.total_cmp(&a.0));
    let q = |v: &[f64], p: f64| v[((v.len() - 1) as f64 * p) as usize];
    let ps: Vec<f64> = pos.iter().map(|p| p.0).collect();
    let ns: Vec<f64> = { let mut v: Vec<f64> = neg.iter().map(|n| n.0).collect(); v.sort_by(|a, b| a.total_cmp(b)); v };
    println!("positives (damaged known units): {}  min {:.3}  p05 {:.3}  median {:.3}", ps.len(), ps[0], q(&ps, 0.05), q(&ps, 0.5));
    println!("negatives (unknown agency → nearest other): {}  median {:.3}  p95 {:.3}  max {:.3}", ns.len(), q(&ns, 0.5), q(&ns, 0.95), ns[ns.len() - 1]);
    let t = rules.agencies.fuzzy_threshold;
    let tp = pos.iter().filter(|p| p.0 >= t && p.1).count();
    let wrong = pos.iter().filter(|p| p.0 >= t && !p.1).count();
    let fp = neg.iter().filter(|n| n.0 >= t).count();
    println!("threshold {t}: damaged known units matched right {tp}/{} ({:.1}%), matched wrong {wrong}; unknown agencies matched {fp}/{}", pos.len(), 100.0 * tp as f64 / pos.len() as f64, neg.len());
    // The whole matcher (`name`: exact, fuzzy, skeleton, one word's consonants) on the positives,
    // and the consonant step on the negatives: another agency an unknown one would be taken for.
    let named: Vec<(bool, bool)> = pos.iter().map(|p| { let (u, ok) = m.name(&p.2); (ok && u.name == pos_name[&p.2], ok && u.name != pos_name[&p.2]) }).collect();
    println!("whole matcher: damaged known units named right {}/{}, named wrong {}", named.iter().filter(|x| x.0).count(), pos.len(), named.iter().filter(|x| x.1).count());
    for (p, _) in pos.iter().zip(&named).filter(|(_, n)| n.1) {
        println!("  named wrong: {} → {}", p.2, m.name(&p.2).0.name);
    }
    let mut frame_fp = 0;
    for a in &rules.agencies.agencies {
        for sp in std::iter::once(&a.name).chain(&a.aliases) {
            let others: Vec<String> = m.frame_matches(&kehoach::rules::fold(sp)).into_iter().map(|(i, int)| if int { rules.agencies.internal[i].name.clone() } else { rules.agencies.agencies[i].name.clone() }).filter(|n| *n != a.name).collect();
            if !others.is_empty() {
                frame_fp += 1;
                println!("  consonant step: {sp} ~ {others:?}");
            }
        }
    }
    println!("consonant step: registry spellings that fit another agency: {frame_fp}");
    println!("\nclosest negatives:");
    for n in neg.iter().take(6) {
        println!("  {:.3} {} ~ {}", n.0, n.1, n.2);
    }
    println!("wrong matches above the threshold:");
    for p in pos.iter().filter(|p| p.0 >= t && !p.1) {
        println!("  {:.3} {} → {}", p.0, p.2, m.best_similarity(&p.2, None).1);
    }
    println!("weakest positives:");
    for p in pos.iter().take(8) {
        println!("  {:.3} {} {}", p.0, if p.1 { "right" } else { "WRONG" }, p.2);
    }
}
