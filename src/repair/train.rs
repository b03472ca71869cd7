//! Training and evaluation of the OCR repair model from the corpus files.
//!
//! - Clean text: every string of `corpus/src/NNN.json`, and the generic prose counts in rules/lm/.
//! - Aligned OCR pairs: `corpus/ocr/pairs-NNN.tsv` (clean, ocr, page, op), from `corpus/scan/align.py`
//!   over Tesseract's English-model OCR of rendered clean pages; `pairs-NNN-vie.tsv` the same for
//!   Tesseract's Vietnamese model (the baseline to beat).
//!
//! Evaluation is by document: the model that repairs plan NNN is trained without NNN's text and
//! without NNN's OCR pairs.

use super::channel::{self, ChannelCounts};
use super::lm::{self, Counts};
use super::ocr::{OcrRepair, Params};
use super::syllable::fold_tone_style;
use std::path::Path;

#[derive(Debug, Clone)]
pub struct Pair {
    pub doc: String,
    pub clean: String,
    pub ocr: String,
    pub page: u32,
    pub op: String,
    /// How much the pair counts in the OCR channel's training (1; [`MONO_WEIGHT`] for a
    /// black-and-white page's).
    pub weight: f32,
}

pub fn read_pairs(path: &Path, doc: &str) -> std::io::Result<Vec<Pair>> {
    let text = std::fs::read_to_string(path)?;
    Ok(text
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() >= 4).then(|| Pair {
                doc: doc.to_string(),
                clean: f[0].to_string(),
                ocr: f[1].to_string(),
                page: f[2].parse().unwrap_or(0),
                op: f[3].to_string(),
                weight: 1.0,
            })
        })
        .collect())
}

/// Corpus plans that are revisions of another, with the plan each was made from
/// (corpus/src/003-edits.md: 003 is 000 with its appendix edited): the same text, so never held out
/// against their original nor trained on for it.
pub const ORIGINAL: &[(&str, &str)] = &[("003", "000")];

/// Whether a corpus plan is a revision of another (`ORIGINAL`).
pub fn is_derived(d: &str) -> bool {
    ORIGINAL.iter().any(|(r, _)| *r == d)
}

/// The largest share of a held-out plan's word trigrams a training plan may contain.
pub const MAX_OVERLAP: f64 = 0.25;

/// Every `pairs-NNN.tsv` (English model) in `dir`, by document id.
pub fn all_pairs(dir: &Path) -> Vec<(String, Vec<Pair>)> {
    pairs_named(dir, ".tsv")
}

/// Every `pairs-NNN-mono.tsv` (the English model on black-and-white pages, `corpus/scan/build.py
/// --mono`) in `dir`, by document id, each pair weighing [`MONO_WEIGHT`].
pub fn mono_pairs(dir: &Path) -> Vec<(String, Vec<Pair>)> {
    let mut out = pairs_named(dir, "-mono.tsv");
    out.iter_mut().flat_map(|(_, p)| p.iter_mut()).for_each(|p| p.weight = MONO_WEIGHT);
    out
}

/// The weight of a black-and-white page's pair in the English channel's training, against 1 for a
/// grey page's: the channel learns the one-bit misreadings ("Sở" as "S&é", "S&", "S¢é") without
/// their outweighing the grey scans'. Session 23, held out (`repair-check`; `check --scanned`
/// cell syllables of the corpus scans and of the 300-dpi one-bit set), mean over the plans:
/// without them 92.87% / 95.72% / 95.33%; at 1: 92.89 / 95.93 / 95.63; at 0.5: 92.99 / 95.96 /
/// 95.70 (README "Black-and-white pages in the OCR channel").
pub const MONO_WEIGHT: f32 = 0.5;

/// The pairs the English model's OCR channel learns from, by document id: grey pages'
/// ([`all_pairs`]) and black-and-white pages' ([`mono_pairs`]), which the English model misreads
/// otherwise. The shipped channel learns from all of them (`examples/train_model`).
pub fn english_pairs(dir: &Path) -> Vec<(String, Vec<Pair>)> {
    all_pairs(dir).into_iter().chain(mono_pairs(dir)).collect()
}

/// [`english_pairs`] without revisions (`is_derived`): what a held-out model's channel learns from.
pub fn channel_pairs(dir: &Path) -> Vec<(String, Vec<Pair>)> {
    english_pairs(dir).into_iter().filter(|(d, _)| !is_derived(d)).collect()
}

/// Every `pairs-NNN-vie.tsv` (Tesseract's Vietnamese model) in `dir`, by document id.
pub fn vie_pairs(dir: &Path) -> Vec<(String, Vec<Pair>)> {
    pairs_named(dir, "-vie.tsv")
}

/// Every `pairs-NNN{suffix}` in `dir`, by document id, in name order.
fn pairs_named(dir: &Path, suffix: &str) -> Vec<(String, Vec<Pair>)> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else { return out };
    let mut names: Vec<String> = rd.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().to_string()).collect();
    names.sort();
    for n in names {
        if let Some(id) = n.strip_prefix("pairs-").and_then(|s| s.strip_suffix(suffix)) {
            if id.len() == 3 && id.chars().all(|c| c.is_ascii_digit()) {
                if let Ok(p) = read_pairs(&dir.join(&n), id) {
                    out.push((id.to_string(), p));
                }
            }
        }
    }
    out
}

fn strip_punct(s: &str) -> &str {
    s.trim_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '&' | '¢' | '@' | '§' | '$' | '£' | '¥' | '©' | '®'))
}

/// Channel counts from the one-to-one pairs of the given documents.
pub fn channel_counts<'a>(pairs: impl Iterator<Item = &'a Pair>) -> ChannelCounts {
    let words: Vec<(String, String, f32)> = pairs
        .filter(|p| p.op == "same" || p.op == "sub")
        .map(|p| (strip_punct(&p.clean).to_lowercase(), strip_punct(&p.ocr).to_lowercase(), p.weight))
        .filter(|(c, o, _)| !c.is_empty() && !o.is_empty() && c.chars().any(|x| x.is_alphabetic()))
        .collect();
    channel::train_weighted(&words, 3)
}

/// Every text string of every hand transcription `corpus/src/NNN.json`, one paragraph or cell
/// line per entry, with its document id.
pub fn plan_lines(src_dir: &Path) -> std::io::Result<Vec<(String, String)>> {
    fn walk(v: &serde_json::Value, key: &str, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) if !matches!(key, "id" | "kind" | "width") => {
                for l in s.split('\n') {
                    let l = l.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !l.is_empty() {
                        out.push(l);
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, key, out)),
            serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| walk(x, k, out)),
            _ => {}
        }
    }
    let mut names: Vec<String> = std::fs::read_dir(src_dir)?.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().to_string()).collect();
    names.sort();
    let mut out = Vec::new();
    for n in names {
        let Some(id) = n.strip_suffix(".json") else { continue };
        if id.len() != 3 || !id.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(src_dir.join(&n))?).map_err(std::io::Error::other)?;
        let mut lines = Vec::new();
        walk(&v, "", &mut lines);
        out.extend(lines.into_iter().map(|l| (id.to_string(), l)));
    }
    Ok(out)
}

pub fn counts_of_lines<'a>(lines: impl Iterator<Item = &'a str>, weight: f32) -> Counts {
    let mut c = Counts::default();
    for l in lines {
        c.add_sentence(&lm::tokens(l), weight);
    }
    c
}

/// The LM counts and channel counts of a model trained on chosen plans only: generic prose, the
/// names in the rules (`lm::rules_counts`), plus the
/// clean text of the plans `lm_doc` accepts (weighted `plan_weight`), and the OCR pairs of the plans
/// `channel_doc` accepts (the channel learns how letters are misread, not the plans' words).
pub fn training_counts(
    generic: &Counts,
    plan_lines: &[(String, String)],
    pairs: &[(String, Vec<Pair>)],
    lm_doc: impl Fn(&str) -> bool,
    channel_doc: impl Fn(&str) -> bool,
    plan_weight: f32,
) -> (Counts, ChannelCounts) {
    let mut counts = generic.clone();
    counts.merge(&counts_of_lines(plan_lines.iter().filter(|(d, _)| lm_doc(d)).map(|(_, l)| l.as_str()), 1.0), plan_weight);
    counts.merge(&lm::rules_counts(), lm::RULES_WEIGHT);
    let ch = channel_counts(pairs.iter().filter(|(d, _)| channel_doc(d)).flat_map(|(_, p)| p.iter()));
    (counts, ch)
}

/// Syllable accuracy of an output against the clean side of pairs. Denominator: clean words.
/// A one-to-one pair is right when the output token equals the clean token (punctuation stripped,
/// tone-mark placement style folded, case kept); split, merged and lost words count as wrong unless
/// the output reproduces them exactly.
#[derive(Debug, Clone, Copy, Default)]
pub struct Score {
    pub right: usize,
    pub total: usize,
}

impl Score {
    pub fn rate(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.right as f64 / self.total as f64
        }
    }
}

fn same_word(a: &str, b: &str) -> bool {
    let (a, b) = (strip_punct(a), strip_punct(b));
    a == b || fold_tone_style(a) == fold_tone_style(b)
}

/// Scores `outputs` (one per pair, the system's text for that pair's OCR side) against the pairs.
pub fn score(pairs: &[Pair], outputs: &[String]) -> Score {
    let mut s = Score::default();
    for (p, out) in pairs.iter().zip(outputs) {
        match p.op.as_str() {
            "ins" => {}
            "del" => s.total += 1,
            _ => {
                let n = p.clean.split_whitespace().count().max(1);
                s.total += n;
                let cw: Vec<&str> = p.clean.split_whitespace().collect();
                let ow: Vec<&str> = out.split_whitespace().collect();
                if cw.len() == ow.len() {
                    s.right += cw.iter().zip(&ow).filter(|(a, b)| same_word(a, b)).count();
                }
            }
        }
    }
    s
}

/// Runs a repairer over the OCR side of the pairs page by page (as the text a page's OCR layer
/// gives, one line per page), returning one output per pair.
pub fn repair_pairs(model: &OcrRepair, pairs: &[Pair]) -> Vec<String> {
    let mut outputs = vec![String::new(); pairs.len()];
    // Pages in order: each page's OCR tokens are one line of the document; each pair's OCR side is
    // one or more tokens, and a token's repair may hold a space (two words run together).
    let (pages, lines) = pair_pages(pairs);
    let fixed = model.repair_doc_tokens(&lines);
    for (pg, f) in pages.iter().zip(&fixed) {
        let mut t = 0;
        for &k in pg {
            let n = pairs[k].ocr.split_whitespace().count();
            outputs[k] = f[t..t + n].join(" ");
            t += n;
        }
    }
    outputs
}

/// The pairs with an OCR side, page by page (indices into `pairs`), and each page's OCR tokens as
/// one line of the document: how [`repair_pairs`] reads them.
pub fn pair_pages(pairs: &[Pair]) -> (Vec<Vec<usize>>, Vec<Vec<&str>>) {
    let mut pages: Vec<Vec<usize>> = Vec::new();
    for (k, p) in pairs.iter().enumerate() {
        if p.ocr.is_empty() {
            continue;
        }
        match pages.last_mut() {
            Some(pg) if pairs[pg[0]].page == p.page => pg.push(k),
            _ => pages.push(vec![k]),
        }
    }
    let lines = pages.iter().map(|pg| pg.iter().flat_map(|&k| pairs[k].ocr.split_whitespace()).collect()).collect();
    (pages, lines)
}

/// One evaluation row: a held-out document and the three systems' accuracy on it.
#[derive(Debug, Clone)]
pub struct EvalRow {
    pub doc: String,
    pub words: usize,
    pub nothing: Score,
    pub ours: Score,
    pub tesseract_vie: Option<Score>,
    /// Tesseract-vie repaired by the same decoder with a channel learned from Vietnamese-model pairs
    /// (`vie_pairs` of the same held-out channel plans): what `extract --ocr` could ship.
    pub vie_ours: Option<Score>,
    pub trained_on: Vec<String>,
}

/// What a model for held-out plan `id` may be trained on, out of `docs` (the plans with OCR pairs,
/// revisions excluded): its language model on the other plans, except any repeating over
/// `MAX_OVERLAP` of its word trigrams (002's body repeats much of 000's; a revision repeats its
/// original); its OCR channel on the other plans' pairs, except, for a revision, the original it
/// copies page for page (`ORIGINAL`).
pub struct HeldOut {
    pub lm: Vec<String>,
    pub channel: Vec<String>,
}

pub fn held_out_split(id: &str, docs: &[&str], plan_lines: &[(String, String)]) -> HeldOut {
    let trigrams = |d: &str| -> std::collections::HashSet<String> {
        let mut set = std::collections::HashSet::new();
        for (_, l) in plan_lines.iter().filter(|(x, _)| x == d) {
            for w in lm::tokens(l).windows(3) {
                set.insert(w.join(" "));
            }
        }
        set
    };
    let mine = trigrams(id);
    let overlap = |d: &str| {
        let other = trigrams(d);
        mine.iter().filter(|g| other.contains(*g)).count() as f64 / mine.len().max(1) as f64
    };
    let others: Vec<(&str, f64)> = docs.iter().filter(|d| **d != id && !is_derived(d)).map(|d| (*d, overlap(d))).collect();
    let lm = others.iter().filter(|(_, o)| *o <= MAX_OVERLAP).map(|(d, _)| d.to_string()).collect();
    let original = ORIGINAL.iter().find(|(r, _)| *r == id).map(|(_, o)| *o);
    let channel = others.iter().filter(|(d, _)| Some(*d) != original).map(|(d, _)| d.to_string()).collect();
    HeldOut { lm, channel }
}


/// The OCR-repair parameters for Tesseract-vie text: the same decoder, but a token is far more
/// likely to be right as it stands.
pub fn vie_params(base: Params) -> Params {
    Params { keep_logp: base.keep_logp.max(-2.0), ..base }
}

/// Leave-one-document-out evaluation over every document with pairs.
pub fn evaluate(pairs_dir: &Path, plans_src: &Path, generic: &Counts, params: Params) -> std::io::Result<Vec<EvalRow>> {
    let all: Vec<(String, Vec<Pair>)> = all_pairs(pairs_dir).into_iter().filter(|(d, _)| !is_derived(d)).collect();
    let english = channel_pairs(pairs_dir);
    let plan_lines = plan_lines(plans_src)?;
    let mut rows = Vec::new();
    let docs: Vec<&str> = all.iter().map(|(d, _)| d.as_str()).collect();
    for (doc, pairs) in &all {
        let split = held_out_split(doc, &docs, &plan_lines);
        let (counts, ch) = training_counts(generic, &plan_lines, &english, |d| split.lm.iter().any(|x| x == d), |d| split.channel.iter().any(|x| x == d), lm::PLAN_WEIGHT);
        let model = OcrRepair::new(&counts, &ch, params);
        let outputs = repair_pairs(&model, pairs);
        let nothing: Vec<String> = pairs.iter().map(|p| p.ocr.clone()).collect();
        let vie = read_pairs(&pairs_dir.join(format!("pairs-{doc}-vie.tsv")), doc).ok().map(|vp| {
            let out: Vec<String> = vp.iter().map(|p| p.ocr.clone()).collect();
            score(&vp, &out)
        });
        let vie_all = vie_pairs(pairs_dir);
        let vie_ours = vie_all.iter().find(|(d, _)| d == doc).map(|(_, vp)| {
            let ch = channel_counts(vie_all.iter().filter(|(d, _)| split.channel.iter().any(|x| x == d)).flat_map(|(_, p)| p.iter()));
            let m = OcrRepair::new(&counts, &ch, vie_params(params));
            score(vp, &repair_pairs(&m, vp))
        });
        let trained_on = split.lm;
        rows.push(EvalRow {
            vie_ours,
            doc: doc.clone(),
            words: score(pairs, &nothing).total,
            nothing: score(pairs, &nothing),
            ours: score(pairs, &outputs),
            tesseract_vie: vie,
            trained_on,
        });
    }
    Ok(rows)
}

/// The evaluation as a table.
pub fn render(rows: &[EvalRow]) -> String {
    let pct = |s: &Score| format!("{:6.2}%", 100.0 * s.rate());
    let mut out = String::from("OCR repair: syllable accuracy on English-model OCR of rendered corpus pages\n");
    out.push_str("(each plan repaired by a model trained without it; tone-mark placement style folded)\n\n");
    out.push_str("plan  words   do nothing  kehoach ocr  tesseract-vie  vie + kehoach  trained on\n");
    for r in rows {
        let vie = r.tesseract_vie.as_ref().map(pct).unwrap_or_else(|| "     n/a".into());
        let vie_ours = r.vie_ours.as_ref().map(pct).unwrap_or_else(|| "     n/a".into());
        out.push_str(&format!(
            "{:<4} {:>6}   {}     {}      {}        {}      {}\n",
            r.doc,
            r.words,
            pct(&r.nothing),
            pct(&r.ours),
            vie,
            vie_ours,
            if r.trained_on.is_empty() { "generic prose + rules' names".to_string() } else { format!("generic prose + rules' names + {}", r.trained_on.join(", ")) }
        ));
    }
    out
}
