//! Prints the language model's per-token log-probabilities of each argument line (shipped model;
//! `TRAIN="001 002"`: the model trained on generic prose, the rules' names and those plans only).
use kehoach::repair::{lm, train};
fn main() {
    let m = match std::env::var("TRAIN") {
        Ok(docs) => {
            let docs: Vec<&str> = docs.split_whitespace().collect();
            let lines = train::plan_lines(std::path::Path::new("corpus/src")).unwrap();
            let (counts, _) = train::training_counts(&lm::generic_counts(), &lines, &[], |d| docs.contains(&d), |_| false, lm::PLAN_WEIGHT);
            lm::Model::from_counts(&counts)
        }
        Err(_) => lm::Model::from_counts(&lm::shipped_counts()),
    };
    for line in std::env::args().skip(1) {
        let bos = m.id(lm::BOS);
        let (mut u, mut v) = (bos, bos);
        let mut total = 0.0;
        for t in lm::tokens(&line) {
            let w = m.id(&t);
            let lp = m.logp(u, v, w);
            total += lp;
            print!("{t}[{}]:{lp:.2} ", w);
            u = v;
            v = w;
        }
        println!(" total {total:.2}");
    }
}
