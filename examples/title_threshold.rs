//! Measures the version-grouping title threshold (README "Versions of a plan") on
//! tests/data/plan-titles.tsv: every pair of title occurrences, labelled same plan / different plans
//! of the same issuer / different issuers, scored by three strsim measures on `title_key`, with and
//! without the numbers guard. `cargo run --release --example title_threshold [-v]`

use kehoach::store::group::{key_similarity, numbers_compatible, title_key, title_numbers, TITLE_THRESHOLD};

struct Row {
    plan: String,
    issuer: String,
    place: String,
    key: String,
}

fn main() {
    let verbose = std::env::args().any(|a| a == "-v");
    let text = std::fs::read_to_string("tests/data/plan-titles.tsv").expect("run from the repository root");
    let rows: Vec<Row> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Row { plan: f[0].into(), issuer: f[1].into(), place: f[2].into(), key: title_key(f[3]) }
        })
        .collect();
    type Metric = (&'static str, fn(&str, &str) -> f64);
    let metrics: [Metric; 3] = [
        ("sorensen_dice", key_similarity),
        ("normalized_levenshtein", strsim::normalized_levenshtein),
        ("jaro_winkler", strsim::jaro_winkler),
    ];
    println!("{} titles of {} plans", rows.len(), {
        let mut p: Vec<&str> = rows.iter().map(|r| r.plan.as_str()).collect();
        p.sort();
        p.dedup();
        p.len()
    });
    for (name, f) in metrics {
        let mut same = Vec::new();
        let mut diff_issuer_same = Vec::new();
        let mut diff_other = Vec::new();
        let mut guarded = 0;
        for i in 0..rows.len() {
            for j in i + 1..rows.len() {
                let (a, b) = (&rows[i], &rows[j]);
                let s = f(&a.key, &b.key);
                let ok = numbers_compatible(&title_numbers(&a.key), &title_numbers(&b.key));
                let label = format!("{:.3} {} [{}] ~ {} [{}]{}", s, a.plan, a.place, b.plan, b.place, if ok { "" } else { " (numbers differ)" });
                if a.plan == b.plan {
                    same.push((s, ok, label));
                } else if a.issuer == b.issuer {
                    if !ok {
                        guarded += 1;
                    }
                    diff_issuer_same.push((s, ok, label));
                } else {
                    diff_other.push((s, ok, label));
                }
            }
        }
        println!("\n== {name}");
        for (what, v) in [("same plan", &same), ("different plans, same issuer", &diff_issuer_same), ("different plans, other issuers", &diff_other)] {
            let all: Vec<f64> = v.iter().map(|x| x.0).collect();
            let kept: Vec<f64> = v.iter().filter(|x| x.1).map(|x| x.0).collect();
            println!("{what:32} n={:3} all: {}   numbers agree (n={}): {}", v.len(), summary(&all), kept.len(), summary(&kept));
            if verbose {
                let mut v = v.to_vec();
                v.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
                for x in v {
                    println!("    {}", x.2);
                }
            }
        }
        let same_min = same.iter().filter(|x| x.1).map(|x| x.0).fold(f64::INFINITY, f64::min);
        let diff_max = diff_issuer_same.iter().filter(|x| x.1).map(|x| x.0).fold(f64::NEG_INFINITY, f64::max);
        println!("same-issuer pairs set apart by the numbers guard: {guarded} of {}", diff_issuer_same.len());
        println!("gap (same-issuer, numbers agree): highest different {diff_max:.3}, lowest same {same_min:.3}");
    }
    println!("\nthreshold in use (sorensen_dice): {TITLE_THRESHOLD}");
}

fn summary(v: &[f64]) -> String {
    if v.is_empty() {
        return "-".into();
    }
    let mut s = v.to_vec();
    s.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let med = s[s.len() / 2];
    format!("min {:.3} median {:.3} max {:.3}", s[0], med, s[s.len() - 1])
}
