//! Prints the language model's per-token log-probabilities of each argument line (shipped model).
use kehoach::repair::lm;
fn main() {
    let m = lm::Model::from_counts(&lm::shipped_counts());
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
