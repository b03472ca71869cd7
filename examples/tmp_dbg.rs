use kehoach::repair;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&a[1]).unwrap();
    let (model, _) = kehoach::check::held_out_model(&a[2], std::path::Path::new("corpus/ocr"), std::path::Path::new("corpus/src")).unwrap();
    let text = kehoach::read_text(&bytes, &kehoach::Options::default()).unwrap();
    let orig = text.clone();
    let r = repair::repair_doc(text, &repair::OcrLines(&model));
    for (p, (po, pr)) in orig.pages.iter().zip(&r.doc.pages).enumerate() {
        for (wo, wr) in po.words.iter().zip(&pr.words) {
            if wr.text.contains(&a[3]) {
                let i = po.words.iter().position(|w| std::ptr::eq(w, wo)).unwrap();
                let ctx: Vec<String> = (i.saturating_sub(3)..(i + 4).min(po.words.len())).map(|k| format!("{}→{}", po.words[k].text, pr.words[k].text)).collect();
                println!("p{p}: {}", ctx.join(" "));
            }
        }
    }
}
