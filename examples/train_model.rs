//! Rebuilds the OCR repair model's data in rules/lm/ (run by scripts/train-model.sh, which first
//! writes target/lmtext/ with scripts/lm_text.py; `--channel-only` rewrites the channel alone,
//! then `write_model` the tables):
//!   rules/lm/generic.ngrams   n-gram counts of the generic Vietnamese text: the sources listed in
//!                             target/lmtext/generic.tsv, each with the fewest occurrences of a
//!                             bigram/trigram in it that keeps it (2 for the Debian prose: its
//!                             singletons dropped; 1 for the domain sources)
//!   rules/lm/plans.ngrams     n-gram counts of every corpus plan's clean text
//!   rules/lm/ocr-channel.tsv  OCR confusion counts learned from every corpus/ocr/pairs-NNN.tsv and
//!                             pairs-NNN-mono.tsv (black-and-white pages)
//!   rules/lm/words2.txt       the two-syllable words of the Viet74K word list (the decoder's
//!                             dictionary of compounds, `ocr::Params::word_bonus`)
use kehoach::repair::{lm, train};
use std::path::Path;

/// rules/lm/ocr-channel.tsv from the pairs in `dir` (grey pages' and black-and-white pages',
/// `train::MONO_WEIGHT`); the documents they came from.
fn write_channel(dir: &str) -> (usize, Vec<String>) {
    let pairs = train::english_pairs(Path::new(dir));
    let ch = train::channel_counts(pairs.iter().flat_map(|(_, p)| p.iter()));
    std::fs::write("rules/lm/ocr-channel.tsv", ch.to_text()).unwrap();
    (ch.n.len(), pairs.iter().map(|(d, _)| d.clone()).collect())
}

fn main() {
    // `--channel-only [DIR]`: the channel alone, from the pairs (no generic text needed).
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--channel-only") {
        let (n, docs) = write_channel(args.get(1).map_or("corpus/ocr", String::as_str));
        eprintln!("channel: {n} (letter, segment) counts from pairs of {docs:?}");
        return;
    }
    let manifest = std::fs::read_to_string("target/lmtext/generic.tsv").expect("target/lmtext/generic.tsv (run scripts/lm_text.py)");
    let mut g = lm::Counts::default();
    let mut pruned = Vec::new();
    for line in manifest.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let (file, min) = line.split_once('\t').expect("generic.tsv: file<TAB>min");
        let min: f32 = min.trim().parse().expect("generic.tsv: min count");
        let path = Path::new("target/lmtext").join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut c = train::counts_of_lines(text.lines(), 1.0);
        c.prune(min);
        g.merge(&c, 1.0);
        if min > 1.0 {
            pruned.push(file.to_string());
        }
    }
    let head = format!(
        "# n-gram<TAB>count; generic Vietnamese text (scripts/lm_text.py, rules/lm/SOURCES.md); bigrams/trigrams seen once in {} dropped\n",
        pruned.join(", ")
    );
    std::fs::write("rules/lm/generic.ngrams", format!("{head}{}", g.to_text())).unwrap();
    let words2 = std::fs::read_to_string("target/lmtext/words2.txt").expect("target/lmtext/words2.txt (run scripts/lm_text.py)");
    let head = "# the two-syllable words of Viet74K (underthesea 9.5.0, Apache-2.0), lower case, one per line (scripts/lm_text.py, rules/lm/SOURCES.md)\n";
    std::fs::write("rules/lm/words2.txt", format!("{head}{words2}")).unwrap();
    let plans = train::plan_lines(Path::new("corpus/src")).expect("corpus/src");
    let p = train::counts_of_lines(plans.iter().map(|(_, l)| l.as_str()), 1.0);
    let head = "# n-gram<TAB>count; the clean text of corpus/src/NNN.json (all plans)\n";
    std::fs::write("rules/lm/plans.ngrams", format!("{head}{}", p.to_text())).unwrap();
    let (n, docs) = write_channel(args.first().map_or("corpus/ocr", String::as_str));
    eprintln!("generic: {} n-grams; plans: {} n-grams; channel: {n} (letter, segment) counts from pairs of {docs:?}", g.grams.len(), p.grams.len());
    let _ = lm::BOS;
}
