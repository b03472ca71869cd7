//! Debug aid (issue 8): refs found / extra per scan with `--ocr` words, Tesseract-vie alone (Unicode
//! repair), fast: run with `KEHOACH_OCR_CACHE=target/ocr-cache` so the pages' TSVs are read back
//! instead of re-running Tesseract.
//! `KEHOACH_OCR_CACHE=target/ocr-cache cargo run --release --example ocr_refs -- corpus/scanned/001-scan.pdf …`
//! Prints per scan: refs found/expected, extra records, cell syllables; then the refs missing and
//! the extra ones (with -v).
use kehoach::{check, model::PlanDocument, repair, Options};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    for path in args.iter().filter(|a| a.ends_with(".pdf")) {
        let path = std::path::Path::new(path);
        let g = check::golden_for(path, "golden".as_ref());
        let g: PlanDocument = serde_json::from_str(&std::fs::read_to_string(&g).expect("golden")).expect("golden json");
        let opts = Options { ocr: true, ..Options::default() };
        let bytes = std::fs::read(path).expect("read");
        let text = kehoach::read_text(&bytes, &opts).expect("read_text");
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let doc = kehoach::extract_text(text, &bytes, &name, &opts, None, &repair::UnicodeRepair).expect("extract");
        let report = check::compare(&name, &g, &doc);
        let f = |k: &str| report.fields.get(k).copied().unwrap_or((0, 0));
        let (tf, tn) = f("task.found");
        let (gf, gn) = f("target.found");
        let extra = f("task.extra").1 + f("target.extra").1;
        let (sa, sn) = check::syllable_accuracy(&g, &doc);
        println!("{name}: refs {}/{} extra {extra} syllables {:.2}%", tf + gf, tn + gn, 100.0 * sa as f64 / sn.max(1) as f64);
        if std::env::var_os("LOSS").is_some() {
            // The records losing the most cell-text syllables.
            let mut losses: Vec<(usize, usize, String)> = Vec::new();
            for i in 0..g.tasks.len() + g.targets.len() {
                let mut one = g.clone();
                if i < g.tasks.len() {
                    one.tasks = vec![g.tasks[i].clone()];
                    one.targets.clear();
                } else {
                    one.tasks.clear();
                    one.targets = vec![g.targets[i - g.tasks.len()].clone()];
                }
                let (ok, n) = check::syllable_accuracy(&one, &doc);
                let r = one.tasks.first().map(|t| t.reference.clone()).or_else(|| one.targets.first().map(|t| t.reference.clone())).unwrap_or_default();
                losses.push((n - ok, n, r));
            }
            losses.sort_by(|a, b| b.0.cmp(&a.0));
            for (lost, n, r) in losses.iter().take(15) {
                println!("  lost {lost}/{n} {r}");
            }
        }
        if verbose {
            for d in report.diffs.iter().filter(|d| d.field.ends_with("found") || d.field.ends_with("extra")) {
                println!("  {} {}: expected {} got {}", d.reference, d.field, d.expected, d.got);
            }
        }
    }
}
