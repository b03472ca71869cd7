//! Writes rules/lm/ocr-channel-vie.tsv: the OCR confusion counts of Tesseract's Vietnamese model,
//! learned from every corpus/ocr/pairs-NNN-vie.tsv the same way as the English-model channel
//! (`train::channel_counts`). `extract --ocr` repairs its pages with it (run by
//! scripts/train-model.sh; needs only corpus/ocr/).
use kehoach::repair::train;
use std::path::Path;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "corpus/ocr".into());
    let pairs = train::vie_pairs(Path::new(&dir));
    let ch = train::channel_counts(pairs.iter().flat_map(|(_, p)| p.iter()));
    std::fs::write("rules/lm/ocr-channel-vie.tsv", ch.to_text()).unwrap();
    let docs: Vec<&str> = pairs.iter().map(|(d, _)| d.as_str()).collect();
    eprintln!("vie channel: {} (letter, segment) counts from pairs of {:?}", ch.n.len(), docs);
}
