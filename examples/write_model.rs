//! Writes `rules/lm/model.bin`, the shipped language model ready to use, from the count files
//! (`rules/lm/generic.ngrams`, `rules/lm/plans.ngrams`) and the names in rules/ (`lm::rules_counts`).
//! `scripts/train-model.sh` runs it; run it alone after editing only rules/agencies.toml or
//! rules/headers.toml (the test `shipped_model_file_is_the_count_files_model` says when):
//!
//!     cargo run --release --example write_model

use kehoach::repair::lm;

fn main() {
    let generic = std::fs::read_to_string("rules/lm/generic.ngrams").expect("rules/lm/generic.ngrams (run from the repository root)");
    let plans = std::fs::read_to_string("rules/lm/plans.ngrams").expect("rules/lm/plans.ngrams");
    let bytes = lm::build_shipped_model(&generic, &plans).to_bytes();
    std::fs::write("rules/lm/model.bin", &bytes).expect("write rules/lm/model.bin");
    eprintln!("rules/lm/model.bin: {:.1} MB", bytes.len() as f64 / 1e6);
}
