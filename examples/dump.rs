//! Debug aid: prints the stages' intermediate data for one PDF.
//! `cargo run --example dump -- FILE.pdf [body|tables]`
use kehoach::{layout::Layout, pdf::TextSource, repair, tables::TableFinder};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).expect("read");
    let what = args.get(2).map(|s| s.as_str()).unwrap_or("body");
    let text = kehoach::pdf::PdfReader::default().read(&bytes).expect("pdf");
    if what == "pages" {
        for p in &text.pages {
            println!("p{} {:.1}x{:.1} words={} images={} text_turns={} image_turns={:?} other_direction={} undecoded={} visible={} invisible={}", p.number, p.width, p.height, p.words.len(), p.images, p.text_turns, p.image_turns, p.other_direction_glyphs, p.undecoded_glyphs, p.visible_glyphs, p.invisible_glyphs);
        }
        return;
    }
    let rep = repair::repair_doc(text, &repair::UnicodeRepair);
    let lay = kehoach::layout::DefaultLayout.layout(rep);
    if what == "words" {
        let pn: u32 = args[3].parse().unwrap();
        let p = &lay.pages[(pn - 1) as usize];
        for l in &p.lines { println!("top={:.0} x0={:.0} x1={:.0} | {}", l.top, l.x0, l.x1, l.text()); }
        let mut hs: Vec<_> = p.segments.iter().filter(|s| s.is_horizontal()).map(|s| (s.y0 as i32, s.x0 as i32, s.x1 as i32)).collect();
        hs.sort(); hs.dedup();
        println!("H {:?}", hs);
        return;
    }
    if what == "furniture" {
        for p in &lay.pages {
            println!("p{} {:?}", p.number, p.furniture);
        }
        return;
    }
    let t = kehoach::tables::GridTables.find(&lay);
    if what == "body" {
        for l in t.body.iter().filter(|l| l.page <= 2) {
            println!("p{} x0={:.0} x1={:.0} top={:.0} sz={:.1} | {}", l.page, l.x0, l.x1, l.top, l.size, l.text);
        }
    } else {
        for (i, tb) in t.tables.iter().enumerate() {
            println!("TABLE {} {:?} pages {:?} heading {:?}", i + 1, tb.kind, tb.pages, tb.heading);
            for r in &tb.rows {
                let cells: Vec<String> = r.cells.iter().map(|c| match c { kehoach::tables::Cell::Covered => "^".into(), kehoach::tables::Cell::Text(s) => s.chars().take(40).collect::<String>() }).collect();
                println!("  {:?} {:?}", r.pages, cells);
            }
        }
    }
}
