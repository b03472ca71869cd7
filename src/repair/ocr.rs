//! OCR without Vietnamese: restores the marks an English-model OCR stripped or mangled.
//!
//! For each damaged token, candidates come from the generated syllable inventory (plus the
//! language model's other words: abbreviations, foreign words) that fit it under the learned OCR
//! confusion model ([`super::channel`]); the token itself is always a candidate too (codes, English
//! words, abbreviations stay as they are). A beam search then picks the likeliest sequence under the
//! syllable trigram model ([`super::lm`]): score = log P(ocr | word) + λ · log P(word | two before).
//!
//! Tokens that cannot be Vietnamese words are kept without a search: numbers, codes with '/', '-' or
//! '.' inside ("57-NQ/TW", "01/01/2026"), URLs.
//!
//! Invariant: a line keeps its whitespace and punctuation; only word cores are replaced, one for one.

use super::channel::{Channel, ChannelCounts};
use super::lm::{self, Counts, Model};
use super::syllable::{inventory, skeleton};
use super::Repairer;
use rustc_hash::FxHashMap;
use std::sync::{Mutex, OnceLock};

/// Tunable weights (set on the training split; see `kehoach repair-check`).
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// Weight of the language model against the channel.
    pub lm_weight: f32,
    /// log P of an OCR token standing for itself (not a Vietnamese syllable in disguise).
    pub keep_logp: f32,
    /// Candidates kept per token.
    pub per_token: usize,
    /// Hypotheses kept by the beam.
    pub beam: usize,
    /// Candidates further than this (in log P) below the token's best are dropped.
    pub margin: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params { lm_weight: 1.0, keep_logp: -9.0, per_token: 12, beam: 12, margin: 12.0 }
    }
}

#[derive(Debug, Clone)]
struct Cand {
    /// Lower-case form.
    form: String,
    lm_id: u32,
    logp: f32,
}

struct TrieNode {
    children: Vec<(char, u32)>,
    /// Indices into `OcrRepair::words` whose skeleton ends here.
    words: Vec<u32>,
}

pub struct OcrRepair {
    lm: Model,
    channel: Channel,
    params: Params,
    /// Candidate words: the syllable inventory, then the LM's other alphabetic words.
    words: Vec<String>,
    trie: Vec<TrieNode>,
    /// Skeleton letter → bounds of the channel over its letters (tabulated once).
    bounds: FxHashMap<char, super::channel::Bound>,
    cache: Mutex<FxHashMap<String, Vec<Cand>>>,
}

impl OcrRepair {
    pub fn new(counts: &Counts, channel: &ChannelCounts, params: Params) -> OcrRepair {
        let lm = Model::from_counts(counts);
        let channel = Channel::from_counts(channel);
        let mut words: Vec<String> = inventory().forms.clone();
        let known: std::collections::HashSet<&str> = inventory().forms.iter().map(|s| s.as_str()).collect();
        let mut extra: Vec<String> = lm
            .vocab
            .keys()
            .filter(|w| !known.contains(w.as_str()) && w.chars().all(|c| c.is_alphabetic()) && w.chars().count() >= 2)
            .cloned()
            .collect();
        extra.sort();
        words.extend(extra);
        let mut trie = vec![TrieNode { children: Vec::new(), words: Vec::new() }];
        for (i, w) in words.iter().enumerate() {
            let mut node = 0usize;
            for c in skeleton(w).chars() {
                let next = match trie[node].children.iter().find(|(x, _)| *x == c) {
                    Some(&(_, n)) => n as usize,
                    None => {
                        trie.push(TrieNode { children: Vec::new(), words: Vec::new() });
                        let n = trie.len() - 1;
                        trie[node].children.push((c, n as u32));
                        n
                    }
                };
                node = next;
            }
            trie[node].words.push(i as u32);
        }
        let mut letters_of: FxHashMap<char, Vec<char>> = FxHashMap::default();
        for c in super::channel::vietnamese_letters() {
            letters_of.entry(skeleton(&c.to_string()).chars().next().unwrap_or(c)).or_default().push(c);
        }
        let mut skel_letters: Vec<char> = Vec::new();
        for n in &trie {
            for (x, _) in &n.children {
                if !skel_letters.contains(x) {
                    skel_letters.push(*x);
                }
            }
        }
        let bounds = skel_letters
            .into_iter()
            .map(|x| {
                let own = [x];
                let letters = letters_of.get(&x).map(|v| v.as_slice()).filter(|v| !v.is_empty()).unwrap_or(&own);
                (x, channel.bound_table(letters))
            })
            .collect();
        OcrRepair { lm, channel, params, words, trie, bounds, cache: Mutex::new(FxHashMap::default()) }
    }

    /// The shipped model (rules/lm/).
    pub fn shipped() -> &'static OcrRepair {
        static M: OnceLock<OcrRepair> = OnceLock::new();
        M.get_or_init(|| {
            OcrRepair::new(&lm::shipped_counts(), &ChannelCounts::from_text(include_str!("../../rules/lm/ocr-channel.tsv")), Params::default())
        })
    }

    /// Candidates for one lower-case OCR word core, best first.
    fn candidates(&self, core: &str) -> Vec<Cand> {
        if let Some(c) = self.cache.lock().unwrap().get(core) {
            return c.clone();
        }
        let ocr: Vec<char> = core.chars().collect();
        let m = ocr.len();
        let mut found: Vec<(f32, u32)> = Vec::new();
        let mut best = f32::NEG_INFINITY;
        let margin = self.params.margin;
        // Depth-first over skeletons; a row holds, for each OCR prefix length, the best score of
        // emitting it from the skeleton so far (an upper bound over the letters of each skeleton
        // letter, so pruning against the best complete word never drops a better one).
        let mut stack: Vec<(u32, Vec<f32>)> = vec![(0, {
            let mut r = vec![f32::NEG_INFINITY; m + 1];
            r[0] = 0.0;
            r
        })];
        let mut seg = String::new();
        while let Some((node, row)) = stack.pop() {
            let n = &self.trie[node as usize];
            if !n.words.is_empty() && row[m] > best - margin {
                let clean_chars = |w: &str| w.chars().collect::<Vec<char>>();
                for &wi in &n.words {
                    let w = &self.words[wi as usize];
                    let s = self.channel.score(&clean_chars(w), &ocr);
                    if s > best - margin {
                        found.push((s, wi));
                        best = best.max(s);
                    }
                }
            }
            for &(x, child) in &n.children {
                let bound = &self.bounds[&x];
                let mut next = vec![f32::NEG_INFINITY; m + 1];
                for j in 0..=m {
                    for l in 0..=super::channel::MAX_SEG.min(j) {
                        let prev = row[j - l];
                        if prev == f32::NEG_INFINITY {
                            continue;
                        }
                        seg.clear();
                        seg.extend(&ocr[j - l..j]);
                        let v = prev + bound.get(&seg, l);
                        if v > next[j] {
                            next[j] = v;
                        }
                    }
                }
                let top = next.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                if top > best - margin && top > -60.0 {
                    stack.push((child, next));
                }
            }
        }
        found.retain(|(s, _)| *s > best - margin);
        // Shortlist by channel and how common the word is: many tone variants fit a mark-less OCR
        // word equally well, and the rare ones must not crowd out the common one.
        let lw = self.params.lm_weight;
        let prior = |wi: u32| lw * self.lm.unigram_logp(self.lm.id(&self.words[wi as usize]));
        found.sort_by(|a, b| (b.0 + prior(b.1)).total_cmp(&(a.0 + prior(a.1))));
        found.truncate(self.params.per_token);
        let out: Vec<Cand> = found
            .into_iter()
            .map(|(s, wi)| {
                let form = self.words[wi as usize].clone();
                Cand { lm_id: self.lm.id(&form), form, logp: s }
            })
            .collect();
        self.cache.lock().unwrap().insert(core.to_string(), out.clone());
        out
    }

    /// The candidates of one OCR word (lower-case) with their channel log P, best first (diagnostics).
    pub fn candidates_of(&self, core: &str) -> Vec<(String, f32)> {
        self.candidates(&core.to_lowercase()).into_iter().map(|c| (c.form, c.logp)).collect()
    }

    /// Repairs one line; `context` carries the last two LM tokens across lines of one text.
    fn repair_line(&self, line: &str, context: &mut (u32, u32)) -> String {
        let pieces = split_line(line);
        // Per word piece: the candidate list (fixed pieces have one candidate: themselves).
        struct Slot {
            piece: usize,
            cands: Vec<Cand>,
            fixed_tokens: Vec<u32>,
        }
        let mut slots: Vec<Slot> = Vec::new();
        for (i, p) in pieces.iter().enumerate() {
            let Piece::Word(core) = p else { continue };
            if is_fixed(core) {
                let toks = lm::tokens(core).iter().map(|t| self.lm.id(t)).collect();
                slots.push(Slot { piece: i, cands: Vec::new(), fixed_tokens: toks });
                continue;
            }
            let lower = core.to_lowercase();
            let mut cands = self.candidates(&lower);
            if !cands.iter().any(|c| c.form == lower) {
                cands.push(Cand { lm_id: self.lm.id(&lm::token_of(&lower)), form: lower.clone(), logp: self.params.keep_logp });
            }
            slots.push(Slot { piece: i, cands, fixed_tokens: Vec::new() });
        }
        // Beam search.
        #[derive(Clone)]
        struct Hyp {
            score: f32,
            u: u32,
            v: u32,
            hist: usize,
        }
        let mut arena: Vec<(usize, u16)> = vec![(usize::MAX, 0)];
        let mut beam = vec![Hyp { score: 0.0, u: context.0, v: context.1, hist: 0 }];
        let lw = self.params.lm_weight;
        for slot in &slots {
            let mut next: Vec<Hyp> = Vec::with_capacity(beam.len() * slot.cands.len().max(1));
            if slot.cands.is_empty() {
                for h in &beam {
                    let (mut u, mut v, mut s) = (h.u, h.v, h.score);
                    for &t in &slot.fixed_tokens {
                        s += lw * self.lm.logp(u, v, t);
                        u = v;
                        v = t;
                    }
                    arena.push((h.hist, 0));
                    next.push(Hyp { score: s, u, v, hist: arena.len() - 1 });
                }
            } else {
                for h in &beam {
                    for (ci, c) in slot.cands.iter().enumerate() {
                        let s = h.score + c.logp + lw * self.lm.logp(h.u, h.v, c.lm_id);
                        arena.push((h.hist, ci as u16));
                        next.push(Hyp { score: s, u: h.v, v: c.lm_id, hist: arena.len() - 1 });
                    }
                }
            }
            // Recombine hypotheses with the same LM state, then keep the best.
            next.sort_by(|a, b| b.score.total_cmp(&a.score));
            let mut seen: Vec<(u32, u32)> = Vec::new();
            next.retain(|h| {
                if seen.contains(&(h.u, h.v)) {
                    false
                } else {
                    seen.push((h.u, h.v));
                    true
                }
            });
            next.truncate(self.params.beam);
            beam = next;
        }
        let Some(best) = beam.first() else { return line.to_string() };
        *context = (best.u, best.v);
        let mut choice = vec![0u16; slots.len()];
        let mut h = best.hist;
        for k in (0..slots.len()).rev() {
            let (parent, ci) = arena[h];
            choice[k] = ci;
            h = parent;
        }
        let mut out_pieces: Vec<String> = pieces.iter().map(|p| p.text().to_string()).collect();
        // A line set in capitals (a header block) keeps its capitals; elsewhere a short all-capital
        // OCR word ("SG" for "Sở") is an OCR accident, not a capitalised word.
        let words: Vec<&str> = pieces.iter().filter_map(|p| if let Piece::Word(w) = p { Some(*w) } else { None }).collect();
        let caps = words.iter().filter(|w| is_all_caps(w)).count();
        let caps_line = caps * 2 > words.len();
        for (slot, &ci) in slots.iter().zip(&choice) {
            if slot.cands.is_empty() {
                continue;
            }
            let Piece::Word(core) = &pieces[slot.piece] else { continue };
            out_pieces[slot.piece] = with_case_of(&slot.cands[ci as usize].form, core, caps_line);
        }
        out_pieces.concat()
    }

    /// Repairs a text line by line, carrying the LM context across lines.
    pub fn repair_text(&self, text: &str) -> String {
        let bos = self.lm.id(lm::BOS);
        let mut ctx = (bos, bos);
        text.split('\n').map(|l| self.repair_line(l, &mut ctx)).collect::<Vec<_>>().join("\n")
    }
}

impl Repairer for OcrRepair {
    fn repair(&self, text: &str) -> String {
        let bos = self.lm.id(lm::BOS);
        let mut ctx = (bos, bos);
        self.repair_line(text, &mut ctx)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Piece<'a> {
    Word(&'a str),
    Other(&'a str),
}

impl Piece<'_> {
    fn text(&self) -> &str {
        match self {
            Piece::Word(s) | Piece::Other(s) => s,
        }
    }
}

/// Characters that delimit words. Symbols an OCR puts for marked letters ("m&i", "ngh¢") are not
/// among them.
fn is_delim(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | ';' | ':' | '!' | '?' | '"' | '“' | '”' | '‘' | '’' | '\'' | '(' | ')' | '[' | ']' | '«' | '»' | '…')
}

/// Splits a line into word cores and the rest (whitespace, punctuation), losslessly.
fn split_line(line: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_word = false;
    for (i, c) in line.char_indices() {
        let d = is_delim(c);
        if d == in_word {
            if i > start {
                out.push(if in_word { Piece::Word(&line[start..i]) } else { Piece::Other(&line[start..i]) });
            }
            start = i;
            in_word = !d;
        }
    }
    if start < line.len() {
        out.push(if in_word { Piece::Word(&line[start..]) } else { Piece::Other(&line[start..]) });
    }
    // A trailing full stop is punctuation, not part of the word ("năm 2026.").
    let mut fixed = Vec::with_capacity(out.len());
    for p in out {
        match p {
            Piece::Word(w) if w.len() > 1 && (w.ends_with('.')) && !w[..w.len() - 1].contains('.') => {
                fixed.push(Piece::Word(&w[..w.len() - 1]));
                fixed.push(Piece::Other(&w[w.len() - 1..]));
            }
            p => fixed.push(p),
        }
    }
    fixed
}

/// Tokens kept as they are: no letter, codes and dates ("57-NQ/TW", "01/01/2026"), URLs, numbers.
fn is_fixed(core: &str) -> bool {
    if !core.chars().any(|c| c.is_alphabetic()) {
        return true;
    }
    if core.chars().any(|c| matches!(c, '/' | '-' | '.' | '_' | '=' | '+' | '%' | '–')) {
        return true;
    }
    let mut run = 0;
    for c in core.chars() {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        if run >= 2 {
            return true;
        }
    }
    core.chars().count() > 12
}

fn is_all_caps(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// Writes `form` (lower-case) in the case pattern of the OCR word: all capitals (a word of three
/// letters or more, or any word of a line in capitals), capitalised, or lower-case.
fn with_case_of(form: &str, ocr: &str, caps_line: bool) -> String {
    if is_all_caps(ocr) && (caps_line || ocr.chars().filter(|c| c.is_alphabetic()).count() >= 3) {
        return form.to_uppercase();
    }
    if ocr.chars().next().map(|c| c.is_uppercase()).unwrap_or(false) {
        let mut cs = form.chars();
        return match cs.next() {
            Some(f) => f.to_uppercase().chain(cs).collect(),
            None => String::new(),
        };
    }
    form.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_is_lossless() {
        for l in ["Can cir Nghi quyét s6 57-NQ/TW ngay 22/12/2024, cua Bo;", "  (1) Ty 18 phi séng 5G.", "“dt pha”"] {
            let p = split_line(l);
            assert_eq!(p.iter().map(|x| x.text()).collect::<String>(), l);
        }
        assert!(split_line("nam 2026.").contains(&Piece::Word("nam")));
    }

    #[test]
    fn fixed_tokens() {
        for t in ["57-NQ/TW", "22/12/2024", "2026", "https://a.b", "5G"] {
            assert!(is_fixed(t) || t == "5G", "{t}");
        }
        for t in ["s6", "Pong", "m&i", "ngh¢", "tir"] {
            assert!(!is_fixed(t), "{t}");
        }
    }

    #[test]
    fn case_follows_ocr() {
        assert_eq!(with_case_of("đồng", "PONG", false), "ĐỒNG");
        assert_eq!(with_case_of("đồng", "Pong", false), "Đồng");
        assert_eq!(with_case_of("số", "s6", false), "số");
        assert_eq!(with_case_of("sở", "SG", false), "Sở");
        assert_eq!(with_case_of("ủy", "UY", true), "ỦY");
    }
}
