//! Debug aid (issue 8): per page of a PDF, the measured skew and the raw baselines of one text row.
use kehoach::pdf::TextSource;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let t = kehoach::pdf::PdfReader::default().read(&std::fs::read(&a[1]).unwrap()).unwrap();
    let pn: usize = a[2].parse().unwrap();
    let p = &t.pages[pn - 1];
    println!("skew {:.5} rad", p.skew);
    for w in p.words.iter().take(40) {
        println!("{:7.1} {:7.1} {}", w.x0, w.baseline, w.text);
    }
}
