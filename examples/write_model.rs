//! Writes `rules/lm/model.bin`, the shipped language model ready to use, from the count files
//! (`rules/lm/generic.ngrams`, `rules/lm/plans.ngrams`) and the names in rules/ (`lm::rules_counts`),
//! and `rules/lm/ocr-tables.bin`, the OCR repairer's tables built from that model, the syllable
//! inventory and the channel (`rules/lm/ocr-channel.tsv`), with the candidate lists of the common
//! OCR cores (`ocr::candidate_keys`) searched ahead.
//! `scripts/train-model.sh` runs it; run it alone after editing only rules/agencies.toml or
//! rules/headers.toml (the tests `shipped_model_file_is_the_count_files_model` and
//! `shipped_tables_file_is_the_built_tables` say when):
//!
//!     cargo run --release --example write_model

use kehoach::repair::{channel::ChannelCounts, lm, ocr};

fn main() {
    let generic = std::fs::read_to_string("rules/lm/generic.ngrams").expect("rules/lm/generic.ngrams (run from the repository root)");
    let plans = std::fs::read_to_string("rules/lm/plans.ngrams").expect("rules/lm/plans.ngrams");
    let model = lm::build_shipped_model(&generic, &plans);
    let bytes = model.to_bytes();
    std::fs::write("rules/lm/model.bin", &bytes).expect("write rules/lm/model.bin");
    eprintln!("rules/lm/model.bin: {:.1} MB", bytes.len() as f64 / 1e6);
    let channel = ChannelCounts::from_text(&std::fs::read_to_string("rules/lm/ocr-channel.tsv").expect("rules/lm/ocr-channel.tsv"));
    let mut repairer = ocr::OcrRepair::with_model(model, &channel, ocr::Params::default());
    let keys = ocr::candidate_keys(&generic, &channel);
    repairer.precompute(keys.iter().map(|k| k.as_str()));
    let tables = repairer.tables_to_bytes();
    std::fs::write("rules/lm/ocr-tables.bin", &tables).expect("write rules/lm/ocr-tables.bin");
    eprintln!("rules/lm/ocr-tables.bin: {:.1} MB ({} candidate lists precomputed)", tables.len() as f64 / 1e6, keys.len());
}
