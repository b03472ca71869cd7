//! Rebuilds the OCR repair model's data in rules/lm/ (run by scripts/train-model.sh, which first
//! writes target/lmtext/ with scripts/lm_text.py):
//!   rules/lm/generic.ngrams   n-gram counts of the generic Vietnamese prose (pruned: n ≥ 2 for
//!                             bigrams and trigrams)
//!   rules/lm/plans.ngrams     n-gram counts of every corpus plan's clean text
//!   rules/lm/ocr-channel.tsv  OCR confusion counts learned from every corpus/ocr/pairs-NNN.tsv
use kehoach::repair::{lm, train};
use std::path::Path;

fn main() {
    let generic = std::fs::read_to_string("target/lmtext/generic.txt").expect("target/lmtext/generic.txt (run scripts/lm_text.py)");
    let mut g = train::counts_of_lines(generic.lines(), 1.0);
    g.prune(2.0);
    let head = "# n-gram<TAB>count; generic Vietnamese prose (scripts/lm_text.py), bigrams/trigrams seen once pruned\n";
    std::fs::write("rules/lm/generic.ngrams", format!("{head}{}", g.to_text())).unwrap();
    let plans = train::plan_lines(Path::new("corpus/src")).expect("corpus/src");
    let p = train::counts_of_lines(plans.iter().map(|(_, l)| l.as_str()), 1.0);
    let head = "# n-gram<TAB>count; the clean text of corpus/src/NNN.json (all plans)\n";
    std::fs::write("rules/lm/plans.ngrams", format!("{head}{}", p.to_text())).unwrap();
    let dir = std::env::args().nth(1).unwrap_or_else(|| "corpus/ocr".into());
    let pairs = train::all_pairs(Path::new(&dir));
    let ch = train::channel_counts(pairs.iter().flat_map(|(_, p)| p.iter()));
    std::fs::write("rules/lm/ocr-channel.tsv", ch.to_text()).unwrap();
    let docs: Vec<&str> = pairs.iter().map(|(d, _)| d.as_str()).collect();
    eprintln!(
        "generic: {} n-grams; plans: {} n-grams; channel: {} (letter, segment) counts from pairs of {:?}",
        g.grams.len(),
        p.grams.len(),
        ch.n.len(),
        docs
    );
    let _ = lm::BOS;
}
