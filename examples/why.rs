//! Diagnostics: why the held-out OCR repair of plan DOC reads a line as it does.
//! cargo run --release --example why -- DOC "ocr line" ["reading A" "reading B" ...]
//! Prints the repair, each token's candidates (channel log P, unigram log P), and for each given
//! reading (one word per OCR word) its channel and LM log P and the dictionary bonus, token by token.
use kehoach::repair::{channel::Channel, lm, ocr, train};
use std::path::Path;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let all: Vec<(String, Vec<train::Pair>)> = train::all_pairs(Path::new("corpus/ocr")).into_iter().filter(|(d, _)| !train::is_derived(d)).collect();
    let plan_lines = train::plan_lines(Path::new("corpus/src")).unwrap();
    let docs: Vec<&str> = all.iter().map(|(d, _)| d.as_str()).collect();
    let split = train::held_out_split(&a[1], &docs, &plan_lines);
    println!("lm: {:?} channel: {:?}", split.lm, split.channel);
    let (counts, ch) = train::training_counts(&lm::generic_counts(), &plan_lines, &train::channel_pairs(Path::new("corpus/ocr")), |d| split.lm.iter().any(|x| x == d), |d| split.channel.iter().any(|x| x == d), lm::PLAN_WEIGHT);
    let m = ocr::OcrRepair::new(&counts, &ch, ocr::Params::default());
    let lmm = lm::Model::from_counts(&counts);
    let chan = Channel::from_counts(&ch);
    let line = &a[2];
    println!("{line} → {}", m.repair_text(line));
    let toks: Vec<&str> = line.split_whitespace().collect();
    for w in &toks {
        let core = w.trim_matches(|c: char| !c.is_alphanumeric());
        println!("  {core}: {}", m.candidates_of(core).iter().map(|(f, s)| format!("{f} {s:.2}/u{:.2}", lmm.unigram_logp(lmm.id(f)))).collect::<Vec<_>>().join(", "));
    }
    for r in &a[3..] {
        let ws: Vec<&str> = r.split_whitespace().collect();
        let b = lmm.id(lm::BOS);
        let (mut u, mut v) = (b, b);
        let (mut tc, mut tl, mut tb) = (0.0, 0.0, 0.0);
        let mut prev = String::new();
        let mut parts = Vec::new();
        for (k, w) in ws.iter().enumerate() {
            let o = toks.get(k).map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()).unwrap_or_default();
            let wl = w.to_lowercase();
            let c = chan.score(&wl.chars().collect::<Vec<_>>(), &o.chars().collect::<Vec<_>>());
            let id = lmm.id(&lm::token_of(&wl));
            let l = lmm.logp(u, v, id);
            u = v;
            v = id;
            let b = if prev.is_empty() { 0.0 } else { m.dictionary_bonus(&prev, &wl) };
            prev = wl.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
            tc += c;
            tl += l;
            tb += b;
            parts.push(if b != 0.0 { format!("{w}[ch {c:.2} lm {l:.2} +{b:.1}]") } else { format!("{w}[ch {c:.2} lm {l:.2}]") });
        }
        println!("  {r}: channel {tc:.2} lm {tl:.2} bonus {tb:.1} total {:.2}\n     {}", tc + tl + tb, parts.join(" "));
    }
}
