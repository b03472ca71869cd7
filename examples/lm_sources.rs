//! The held-out OCR repair accuracy (the `repair-check` table) of a model whose generic text is the
//! given files instead of the shipped rules/lm/generic.ngrams: measures what each generic source of
//! scripts/lm_text.py adds, without rebuilding the crate. Counts are built as
//! examples/train_model.rs does (each line a sentence; each file's own pruning, as in generic.tsv):
//!
//!   cargo run --release --example lm_sources -- target/lmtext/generic/debian.txt:1:2 target/lmtext/generic/law.txt
//!
//! FILE:W weighs a file's counts by W (default 1); FILE:W:MIN first drops the bigrams and trigrams
//! that file counts under MIN times; FILE:W:MIN:inner keeps only its bigrams and trigrams
//! without a sentence boundary (for word lists); PRUNE2=N / PRUNE3=N in the environment drop
//! bigrams / trigrams counted under N in the merged counts (default 1: none dropped). With no
//! file: no generic text (the plans alone).
use kehoach::repair::{lm, ocr, train};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let mut seen = std::collections::HashSet::new();
    let mut g = lm::Counts::default();
    for arg in &files {
        let mut parts = arg.split(':');
        let f = parts.next().unwrap_or_default();
        let w: f32 = parts.next().and_then(|w| w.parse().ok()).unwrap_or(1.0);
        let own_min: f32 = parts.next().and_then(|m| m.parse().ok()).unwrap_or(0.0);
        let inner = parts.next() == Some("inner");
        let text = match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("lm_sources: {f}: {e}");
                return ExitCode::from(2);
            }
        };
        // generic.txt keeps each line once across sources; so does this.
        let lines: Vec<&str> = text.lines().filter(|l| seen.insert(l.to_string())).collect();
        let mut c = train::counts_of_lines(lines.into_iter(), 1.0);
        c.prune(own_min);
        if inner {
            c.grams.retain(|k, _| k.len() == 1 || !k.iter().any(|t| t == lm::BOS || t == lm::EOS));
        }
        g.merge(&c, w);
    }
    let env = |k: &str, d: f32| std::env::var(k).ok().and_then(|v| v.parse::<f32>().ok()).unwrap_or(d);
    let (min2, min3) = (env("PRUNE2", 1.0), env("PRUNE3", 1.0));
    g.grams.retain(|k, c| match k.len() {
        1 => true,
        2 => *c >= min2,
        _ => *c >= min3,
    });
    eprintln!("generic: {} n-grams from {:?}", g.grams.len(), files);
    match train::evaluate(Path::new("corpus/ocr"), Path::new("corpus/src"), &g, ocr::Params::default()) {
        Ok(rows) if !rows.is_empty() => {
            print!("{}", train::render(&rows));
            ExitCode::SUCCESS
        }
        Ok(_) => {
            eprintln!("lm_sources: no pairs-NNN.tsv in corpus/ocr");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("lm_sources: corpus/src: {e}");
            ExitCode::from(2)
        }
    }
}
