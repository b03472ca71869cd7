//! Debug aid (issue 8): a scanned plan's OCR words and tables as the table stage sees them.
//! `cargo run --release --example ocr_tables -- FILE.pdf [held-out-id|-] [page ...]`
//! The repair is the held-out model of `check --scanned` when an id (000, 001 …) is given, else the
//! shipped one. For each page listed: its lines (top, x0, x1, text); then every table's rows.
//! With `OCR=1` the pages are re-read by Tesseract-vie first (as `extract --ocr`; set
//! `KEHOACH_OCR_CACHE=target/ocr-cache` to reuse saved pages) and get the Unicode repair only.
use kehoach::{layout::Layout, pdf::TextSource, repair, tables::TableFinder};

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&a[1]).expect("read");
    let model = match a.get(2).map(|s| s.as_str()) {
        Some(id) if id != "-" => Some(kehoach::check::held_out_model(id, "corpus/ocr".as_ref(), "corpus/src".as_ref()).expect("model").0),
        _ => None,
    };
    let vie = std::env::var_os("OCR").is_some();
    let text = if vie {
        kehoach::read_text(&bytes, &kehoach::Options { ocr: true, ..Default::default() }).expect("pdf --ocr")
    } else {
        kehoach::pdf::PdfReader::default().read(&bytes).expect("pdf")
    };
    let rep = match &model {
        _ if vie => repair::repair_doc(text, &repair::UnicodeRepair),
        Some(m) => repair::repair_doc(text, &repair::OcrLines(m)),
        None => repair::repair_doc(text, &repair::ShippedOcr),
    };
    let lay = kehoach::layout::DefaultLayout.layout(rep);
    for pn in a.iter().skip(3).filter_map(|s| s.parse::<usize>().ok()) {
        let p = &lay.pages[pn - 1];
        println!("PAGE {pn} {}x{} furniture {:?}", p.width, p.height, p.furniture);
        for l in &p.lines {
            println!("  top={:.1} bot={:.1} x0={:.0} x1={:.0} | {}", l.top, l.bottom, l.x0, l.x1, l.text());
            if std::env::var_os("WORDS").is_some() {
                println!("     {}", l.words.iter().map(|w| format!("[{:.0}-{:.0} s{:.1} {}]", w.x0, w.x1, w.size, w.text)).collect::<Vec<_>>().join(" "));
            }
        }
    }
    let t = kehoach::tables::GridTables.find(&lay);
    for (i, tb) in t.tables.iter().enumerate() {
        println!("TABLE {} {:?} pages {:?} roles {:?}", i + 1, tb.kind, tb.pages, tb.roles);
        println!("  headers {:?}", tb.headers);
        for r in &tb.rows {
            let cells: Vec<String> = r.cells.iter().map(|c| match c { kehoach::tables::Cell::Covered => "^".into(), kehoach::tables::Cell::Text(s) => s.chars().take(std::env::var("W").ok().and_then(|w| w.parse().ok()).unwrap_or(36)).collect::<String>() }).collect();
            println!("  {:?}{} {:?}", r.pages, if r.full_width { " FULL" } else { "" }, cells);
        }
    }
}
