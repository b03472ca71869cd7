//! Syllable trigram language model, interpolated Kneser–Ney (absolute discount 0.75), over
//! lower-case tokens (Vietnamese syllables, plus abbreviations and foreign words as they occur;
//! all-digit tokens are `<num>`; a comma or semicolon between words is the separator token `,`).
//!
//! Counts are data: `rules/lm/generic.ngrams` (pruned counts from Vietnamese prose of Debian
//! packages) and `rules/lm/plans.ngrams` (the clean text of the corpus plans), both written by
//! `scripts/train-model.sh`. An evaluation builds a model from counts, with a plan left out; the
//! shipped model is also written ready to use (`rules/lm/model.bin`, [`shipped_model`]).

use super::packed::{self, table_size, StrIndex, Strs};
use super::syllable::fold_tone_style;
use rustc_hash::FxHashMap;
use std::fmt::Write as _;

pub const BOS: &str = "<s>";
pub const EOS: &str = "</s>";
pub const NUM: &str = "<num>";
pub const UNK: &str = "<unk>";
const DISCOUNT: f32 = 0.75;

/// Lower-case LM tokens of a line: runs of letters and digits (digit-only runs become `<num>`), and
/// [`SEP`] for a comma or semicolon between two words. Other punctuation is dropped. (Session 16:
/// with the separator, the model learns that "tổ chức đăng" is seldom followed by a comma, where
/// "Sở Tài chính, Sở Tư pháp" lists names; an OCR line's commas are read as the same token,
/// `ocr::Slot::sep`. check --scanned, cell-text syllables 96.28 / 95.50 / 94.51 / 96.03% → 96.37 /
/// 95.20 / 94.98 / 96.12%, units 98.23 → 99.12% on 000; repair-check 92.87 / 93.44 / 92.18% →
/// 92.66 / 93.39 / 92.40%, the same mean.)
pub fn tokens(line: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push(token_of(&line[s..i]));
        }
        // A comma or semicolon before a space separates words ("Sở Tài chính, Sở Tư pháp"); one
        // inside a number ("0,8") does not.
        if matches!(c, ',' | ';') && chars.peek().is_some_and(|(_, n)| n.is_whitespace()) && out.last().is_some_and(|t| t != SEP) {
            out.push(SEP.to_string());
        }
    }
    if let Some(s) = start {
        out.push(token_of(&line[s..]));
    }
    if out.last().is_some_and(|t| t == SEP) {
        out.pop();
    }
    out
}

/// The LM token of a list separator: a comma or semicolon between two words.
pub const SEP: &str = ",";

/// The LM token for one word.
pub fn token_of(w: &str) -> String {
    if w.chars().all(|c| c.is_ascii_digit()) {
        NUM.to_string()
    } else {
        w.to_lowercase()
    }
}

/// N-gram counts (orders 1–3), with sentence boundary tokens.
#[derive(Debug, Default, Clone)]
pub struct Counts {
    pub grams: FxHashMap<Vec<String>, f32>,
}

impl Counts {
    pub fn add_sentence(&mut self, toks: &[String], weight: f32) {
        if toks.is_empty() {
            return;
        }
        let mut t: Vec<&str> = vec![BOS, BOS];
        t.extend(toks.iter().map(|s| s.as_str()));
        t.push(EOS);
        for i in 2..t.len() {
            for n in 1..=3 {
                let g: Vec<String> = t[i + 1 - n..=i].iter().map(|s| s.to_string()).collect();
                if n >= 2 || g[0] != BOS {
                    *self.grams.entry(g).or_insert(0.0) += weight;
                }
            }
        }
    }

    pub fn merge(&mut self, other: &Counts, weight: f32) {
        for (g, c) in &other.grams {
            *self.grams.entry(g.clone()).or_insert(0.0) += c * weight;
        }
    }

    /// Drops bigrams and trigrams seen fewer than `min` times (unigrams are all kept).
    pub fn prune(&mut self, min: f32) {
        self.grams.retain(|g, c| g.len() == 1 || *c >= min);
    }

    /// One n-gram per line: the tokens separated by spaces, a tab, the count. Sorted, so the file
    /// diffs well.
    pub fn to_text(&self) -> String {
        let mut lines: Vec<(&Vec<String>, f32)> = self.grams.iter().map(|(g, c)| (g, *c)).collect();
        lines.sort_by(|a, b| a.0.len().cmp(&b.0.len()).then(a.0.cmp(b.0)));
        let mut s = String::new();
        for (g, c) in lines {
            let _ = writeln!(s, "{}\t{}", g.join(" "), c);
        }
        s
    }

    pub fn from_text(text: &str) -> Counts {
        let mut grams = FxHashMap::default();
        for line in text.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let Some((g, c)) = line.rsplit_once('\t') else { continue };
            let Ok(c) = c.parse::<f32>() else { continue };
            grams.insert(g.split(' ').map(|s| s.to_string()).collect(), c);
        }
        Counts { grams }
    }
}

/// The model, built from counts. Token ids are dense; id 0 is `<unk>`.
/// A looked-up two-word context of a [`Model`] (see [`Model::context`]).
#[derive(Debug, Clone, Copy)]
pub struct Context {
    v: u32,
    /// The followers of `u v` and of `v`, when seen.
    c2: Option<Followers>,
    c1: Option<Followers>,
}

/// The words seen after one context: total count, number of distinct followers, and their
/// `(word, count)` entries, sorted by word, at `start..end` of the model's follower arrays.
#[derive(Debug, Clone, Copy)]
struct Followers {
    tot: f32,
    types: f32,
    start: u32,
    end: u32,
}

impl Context {
    /// The last word of the context.
    pub fn v(&self) -> u32 {
        self.v
    }

    /// P(w | u v): absolute discounting, interpolated down to the continuation unigram.
    pub fn p(&self, m: &Model, w: u32) -> f32 {
        self.p_from(m, w, self.p_bigram(m, w))
    }

    /// P(w | v), the bigram level of [`Context::p`]: it depends on the last word only, so a decoder
    /// whose hypotheses share it computes it once.
    pub fn p_bigram(&self, m: &Model, w: u32) -> f32 {
        let pu = m.uni(w);
        match self.c1 {
            Some(f) => (m.bi.count(m.bytes(), f, w) - DISCOUNT).max(0.0) / f.tot + DISCOUNT * f.types / f.tot * pu,
            None => pu,
        }
    }

    /// P(w | u v) given `p2` = [`Context::p_bigram`] of `w`.
    pub fn p_from(&self, m: &Model, w: u32, p2: f32) -> f32 {
        match self.c2 {
            Some(f) => (m.tri.count(m.bytes(), f, w) - DISCOUNT).max(0.0) / f.tot + DISCOUNT * f.types / f.tot * p2,
            None => p2,
        }
    }
}

/// The n-grams of one order as context → followers, read in place from the model's bytes
/// ([`Model`]'s layout): a linear-probing hash table from each context (`k2`) to its followers'
/// range in two flat arrays (word, count), sorted by word within each context. A decoder looks a
/// context up once and then scores each of its candidates in a short, cache-friendly run.
#[derive(Default, Clone, Copy)]
struct Grams {
    /// Slots of the context table (a power of two, with at least one empty slot; 0: no context).
    size: usize,
    /// Byte offsets of the slots' keys (u64, `EMPTY` for none) and followers (16 bytes each:
    /// total f32, types f32, start u32, end u32) …
    keys: usize,
    fol: usize,
    /// … and of the follower words (u32) and counts (f32).
    words: usize,
    counts: usize,
}

/// An empty context slot (a token id is never `u32::MAX`, so no context key is this).
const EMPTY: u64 = u64::MAX;

fn u32_at(b: &[u8], off: usize) -> u32 {
    u32::from_le_bytes(b[off..off + 4].try_into().unwrap())
}

fn f32_at(b: &[u8], off: usize) -> f32 {
    f32::from_le_bytes(b[off..off + 4].try_into().unwrap())
}

fn u64_at(b: &[u8], off: usize) -> u64 {
    u64::from_le_bytes(b[off..off + 8].try_into().unwrap())
}

/// A context's first slot in a table of `size` slots (Fibonacci hashing: the product's high bits).
fn slot_of(k: u64, size: usize) -> usize {
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - size.trailing_zeros())) as usize
}

impl Grams {
    /// Writes one order's n-grams from (context, word, count) entries, in any order, in the layout
    /// `Grams` reads: the table's size, its keys, its followers, then the follower words and counts.
    fn write(out: &mut Vec<u8>, mut entries: Vec<(u64, u32, f32)>) {
        entries.sort_unstable_by_key(|e| (e.0, e.1));
        let mut ctx: Vec<(u64, Followers)> = Vec::new();
        let mut i = 0;
        while i < entries.len() {
            let c = entries[i].0;
            let start = i as u32;
            let mut tot = 0.0;
            while i < entries.len() && entries[i].0 == c {
                tot += entries[i].2;
                i += 1;
            }
            ctx.push((c, Followers { tot, types: (i as u32 - start) as f32, start, end: i as u32 }));
        }
        let size = if ctx.is_empty() { 0 } else { table_size(ctx.len()) };
        let mut keys = vec![EMPTY; size];
        let mut fol = vec![Followers { tot: 0.0, types: 0.0, start: 0, end: 0 }; size];
        for (k, f) in ctx {
            let mut s = slot_of(k, size);
            while keys[s] != EMPTY {
                s = (s + 1) & (size - 1);
            }
            keys[s] = k;
            fol[s] = f;
        }
        out.extend_from_slice(&(size as u32).to_le_bytes());
        keys.iter().for_each(|k| out.extend_from_slice(&k.to_le_bytes()));
        for f in &fol {
            for x in [f.tot.to_bits(), f.types.to_bits(), f.start, f.end] {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        entries.iter().for_each(|e| out.extend_from_slice(&e.1.to_le_bytes()));
        entries.iter().for_each(|e| out.extend_from_slice(&e.2.to_le_bytes()));
    }

    /// Reads one order's n-grams at `*at` of `b`, moving `*at` past them; `words`: the vocabulary's
    /// size. With `check`, every entry is checked (a context's range, a follower's id, a free slot
    /// to end a look-up); without, only the sizes (the compiled-in model, which a test checks
    /// entry by entry: its pages are then only read where a look-up goes).
    fn read(b: &[u8], at: &mut usize, words: usize, check: bool) -> Result<Grams, String> {
        let truncated = || "model file truncated".to_string();
        let mut take = |n: usize| -> Result<usize, String> {
            let off = *at;
            *at = at.checked_add(n).filter(|&e| e <= b.len()).ok_or_else(truncated)?;
            Ok(off)
        };
        let size = u32_at(b, take(4)?) as usize;
        let keys = take(size.checked_mul(8).ok_or_else(truncated)?)?;
        let fol = take(size.checked_mul(16).ok_or_else(truncated)?)?;
        let n = u32_at(b, take(4)?) as usize;
        let gw = take(n.checked_mul(4).ok_or_else(truncated)?)?;
        let counts = take(n * 4)?;
        let g = Grams { size, keys, fol, words: gw, counts };
        let bad = || "model file: n-gram out of range".to_string();
        if size != 0 && !size.is_power_of_two() {
            return Err(bad());
        }
        if !check {
            return Ok(g);
        }
        let mut empty = 0;
        for s in 0..size {
            if u64_at(b, keys + 8 * s) == EMPTY {
                empty += 1;
            } else {
                let f = g.slot(b, s);
                if f.start > f.end || f.end as usize > n {
                    return Err(bad());
                }
            }
        }
        // (a look-up of an absent context stops at an empty slot)
        if size != 0 && empty == 0 {
            return Err(bad());
        }
        if (0..n).any(|i| u32_at(b, gw + 4 * i) as usize >= words) {
            return Err(bad());
        }
        Ok(g)
    }

    fn slot(&self, b: &[u8], s: usize) -> Followers {
        let o = self.fol + 16 * s;
        // (one bounds check for the slot; the fields are at fixed places in it)
        let e: &[u8; 16] = b[o..o + 16].try_into().unwrap();
        let x = |i: usize| [e[i], e[i + 1], e[i + 2], e[i + 3]];
        Followers { tot: f32::from_le_bytes(x(0)), types: f32::from_le_bytes(x(4)), start: u32::from_le_bytes(x(8)), end: u32::from_le_bytes(x(12)) }
    }

    fn followers(&self, b: &[u8], c: u64) -> Option<Followers> {
        if self.size == 0 {
            return None;
        }
        let mut s = slot_of(c, self.size);
        loop {
            match u64_at(b, self.keys + 8 * s) {
                k if k == c => return Some(self.slot(b, s)).filter(|f| f.tot > 0.0),
                EMPTY => return None,
                _ => s = (s + 1) & (self.size - 1),
            }
        }
    }

    /// The count of `w` among a context's followers (a binary search of their sorted words, read
    /// as 4-byte chunks in place).
    fn count(&self, b: &[u8], f: Followers, w: u32) -> f32 {
        let (start, end) = (f.start as usize, f.end as usize);
        let (ws, _) = b[self.words + 4 * start..self.words + 4 * end].as_chunks::<4>();
        match ws.binary_search_by(|c| u32::from_le_bytes(*c).cmp(&w)) {
            Ok(k) => f32_at(b, self.counts + 4 * (start + k)),
            Err(_) => 0.0,
        }
    }
}

/// A model's bytes: its file compiled into the program (the shipped model, read in place: loading
/// it allocates and touches almost nothing) or an owned copy.
enum Blob {
    Static(&'static [u8]),
    Owned(Vec<u8>),
}

/// The model: its bytes (the layout of [`Model::to_bytes`]) and where each part is in them; the
/// vocabulary's index is the one part built at load.
pub struct Model {
    blob: Blob,
    vocab: Vocab,
    /// Byte offset of the unigram probabilities (f32 per word).
    uni: usize,
    /// Bigrams by their first word, trigrams by their first two (`k2`).
    bi: Grams,
    tri: Grams,
}

/// The model's tokens and their ids: the words (id = place), then the aliases (the other tone-mark
/// style's spellings, sorted) with the ids they stand for, all found through one [`StrIndex`].
struct Vocab {
    /// The words, then the aliases.
    keys: Strs,
    /// How many of `keys` are words.
    words: usize,
    /// Each alias's word id.
    alias_ids: Vec<u32>,
    index: StrIndex,
}

impl Vocab {
    /// From the words and (alias, id) pairs, the aliases sorted.
    fn new(mut keys: Strs, mut aliases: Vec<(&str, u32)>) -> Vocab {
        aliases.sort();
        let words = keys.len();
        for (a, _) in &aliases {
            keys.push(a);
        }
        let alias_ids = aliases.iter().map(|a| a.1).collect();
        let index = StrIndex::new(&keys);
        Vocab { keys, words, alias_ids, index }
    }

    fn get(&self, k: &str) -> Option<u32> {
        let i = self.index.get(&self.keys, k)?;
        Some(if i < self.words { i as u32 } else { self.alias_ids[i - self.words] })
    }
}

/// The token a model counts a word under: a Roman numeral that is not also a syllable ("ii", "iv",
/// not "vi", "xi") is a number like "2" (an English OCR reads "Quý II/2026" as "Quy 11/2026", and
/// quarters, appendices and sections are numbered both ways); a syllable in the inventory's
/// tone-mark placement style.
fn canonical(w: &str) -> String {
    if is_number_numeral(w) {
        return NUM.to_string();
    }
    fold_tone_style(w)
}

/// A Roman numeral the model counts as a number (see [`canonical`]).
fn is_number_numeral(w: &str) -> bool {
    matches!(w, "i" | "ii" | "iii" | "iv" | "vii" | "viii" | "ix" | "xii")
}

fn k2(a: u32, b: u32) -> u64 {
    ((a as u64) << 32) | b as u64
}

/// Builds a [`Model`] from n-grams given one at a time (from [`Counts`] or straight from count
/// files, without the intermediate strings).
#[derive(Default)]
struct Builder {
    vocab: FxHashMap<String, u32>,
    words: Vec<String>,
    g1: FxHashMap<u32, f32>,
    g2: FxHashMap<u64, f32>,
    g3: FxHashMap<(u32, u32, u32), f32>,
}

impl Builder {
    fn new() -> Builder {
        let mut b = Builder::default();
        b.id(UNK);
        b
    }

    /// The id of a token. Both tone-mark placement styles of a syllable ("hóa" and "hoá", "ủy" and
    /// "uỷ") are one token, the inventory's style (`fold_tone_style`): the other style is an alias,
    /// so the counts of a word written both ways are not split between two tokens.
    fn id(&mut self, w: &str) -> u32 {
        if let Some(&i) = self.vocab.get(w) {
            return i;
        }
        let folded = canonical(w);
        if folded != w {
            let i = self.id(&folded);
            self.vocab.insert(w.to_string(), i);
            return i;
        }
        let i = self.words.len() as u32;
        self.vocab.insert(w.to_string(), i);
        self.words.push(w.to_string());
        i
    }

    fn add<'a>(&mut self, gram: impl Iterator<Item = &'a str>, n: f32) {
        let mut ids = [0u32; 3];
        let mut len = 0;
        for w in gram {
            if len == 3 {
                return;
            }
            ids[len] = self.id(w);
            len += 1;
        }
        match len {
            1 => *self.g1.entry(ids[0]).or_default() += n,
            2 => *self.g2.entry(k2(ids[0], ids[1])).or_default() += n,
            3 => *self.g3.entry((ids[0], ids[1], ids[2])).or_default() += n,
            _ => {}
        }
    }

    fn finish(self) -> Model {
        let Builder { vocab, words, g1, g2, g3 } = self;
        let mut continuation = vec![0f32; words.len()];
        for &k in g2.keys() {
            continuation[k as u32 as usize] += 1.0;
        }
        let mut freq = vec![0f32; words.len()];
        for (&w, &n) in &g1 {
            freq[w as usize] += n;
        }
        let total: f32 = continuation.iter().sum::<f32>().max(1.0);
        let total_f: f32 = freq.iter().sum::<f32>().max(1.0);
        let v = words.len() as f32;
        // Continuation unigram (Kneser–Ney) averaged with the plain frequency — the stored bigrams are
        // pruned, so a word can have no continuation count at all — and a small uniform share for
        // unseen words.
        let uni: Vec<f32> = continuation
            .iter()
            .zip(&freq)
            .map(|(&k, &f)| 0.98 * (0.5 * k / total + 0.5 * f / total_f) + 0.02 / (v + 1.0))
            .collect();
        let mut aliases: Vec<(&str, u32)> = vocab.iter().filter(|(k, &i)| words[i as usize] != **k).map(|(k, &i)| (k.as_str(), i)).collect();
        aliases.sort();
        let mut b: Vec<u8> = MAGIC.to_vec();
        let put_str = |b: &mut Vec<u8>, s: &str| {
            b.extend_from_slice(&(s.len() as u16).to_le_bytes());
            b.extend_from_slice(s.as_bytes());
        };
        b.extend_from_slice(&(words.len() as u32).to_le_bytes());
        words.iter().for_each(|w| put_str(&mut b, w));
        b.extend_from_slice(&(aliases.len() as u32).to_le_bytes());
        for (k, i) in aliases {
            put_str(&mut b, k);
            b.extend_from_slice(&i.to_le_bytes());
        }
        uni.iter().for_each(|x| b.extend_from_slice(&x.to_le_bytes()));
        Grams::write(&mut b, g2.into_iter().map(|(k, n)| (k >> 32, k as u32, n)).collect());
        Grams::write(&mut b, g3.into_iter().map(|((a, b, c), n)| (k2(a, b), c, n)).collect());
        Model::read(Blob::Owned(b)).expect("a model written by Builder reads back")
    }
}

impl Model {
    pub fn from_counts(c: &Counts) -> Model {
        // Sorted, so that token ids do not depend on the hash map's order.
        let mut grams: Vec<(&Vec<String>, f32)> = c.grams.iter().map(|(g, c)| (g, *c)).collect();
        grams.sort_by(|a, b| a.0.cmp(b.0));
        let mut b = Builder::new();
        for (g, n) in grams {
            b.add(g.iter().map(|s| s.as_str()), n);
        }
        b.finish()
    }

    /// The model of count files (`to_text`'s format), each with a weight, read in one pass.
    pub fn from_count_texts(texts: &[(&str, f32)]) -> Model {
        let mut b = Builder::new();
        for &(text, weight) in texts {
            for line in text.lines() {
                if line.starts_with('#') || line.is_empty() {
                    continue;
                }
                let Some((g, c)) = line.rsplit_once('\t') else { continue };
                let Ok(c) = c.parse::<f32>() else { continue };
                b.add(g.split(' '), c * weight);
            }
        }
        b.finish()
    }

    /// The id of a token already in the model's own tone-mark style (a syllable of the inventory, a
    /// word of the model): [`Model::id`] without folding it first.
    pub fn id_folded(&self, token: &str) -> u32 {
        match self.vocab.get(token) {
            Some(i) => i,
            None if is_number_numeral(token) => self.id(NUM),
            None => 0,
        }
    }

    /// The id of a token, either tone-mark placement style (0: unknown).
    pub fn id(&self, token: &str) -> u32 {
        match self.vocab.get(token) {
            Some(i) => i,
            None => {
                let folded = canonical(token);
                if folded == token {
                    0
                } else {
                    self.vocab.get(&folded).unwrap_or(0)
                }
            }
        }
    }

    /// The model's words, each once, in the inventory's tone style (`vocab` also holds the other
    /// style's spellings as aliases).
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.vocab.keys.iter().take(self.vocab.words)
    }

    pub fn word(&self, id: u32) -> &str {
        self.vocab.keys.get(id as usize)
    }

    pub fn len(&self) -> usize {
        self.vocab.words
    }

    pub fn is_empty(&self) -> bool {
        self.vocab.words <= 1
    }

    /// log of the (continuation) unigram probability: how readily a word appears in new contexts.
    pub fn unigram_logp(&self, w: u32) -> f32 {
        self.uni(w).ln()
    }


    /// Natural-log probability of `w` after `u v`.
    pub fn logp(&self, u: u32, v: u32, w: u32) -> f32 {
        self.context(u, v).p(self, w).max(1e-12).ln()
    }

    /// The two-word context `u v`, looked up once for scoring many next words (a decoder's
    /// candidates): `self.context(u, v).p(self, w)` is the probability `logp` takes the log of.
    pub fn context(&self, u: u32, v: u32) -> Context {
        let b = self.bytes();
        Context { v, c2: self.tri.followers(b, k2(u, v)), c1: self.bi.followers(b, v as u64) }
    }

    /// The one-word context `v`: its [`Context::p_bigram`] is P(w | v).
    pub fn bigram_context(&self, v: u32) -> Context {
        Context { v, c2: None, c1: self.bi.followers(self.bytes(), v as u64) }
    }

    /// The context `u v` for [`Context::p_from`] only, given P(w | v) from
    /// [`Model::bigram_context`]: the last word's followers are not looked up again.
    pub fn trigram_context(&self, u: u32, v: u32) -> Context {
        Context { v, c2: self.tri.followers(self.bytes(), k2(u, v)), c1: None }
    }

    /// Mean log-probability per token of a text (for tests and evaluation).
    pub fn perplexity(&self, lines: &[&str]) -> f32 {
        let (mut sum, mut n) = (0f32, 0usize);
        let bos = self.id(BOS);
        for l in lines {
            let (mut u, mut v) = (bos, bos);
            for t in tokens(l) {
                let w = self.id(&t);
                sum += self.logp(u, v, w);
                n += 1;
                u = v;
                v = w;
            }
        }
        (-sum / n.max(1) as f32).exp()
    }
}

/// The shipped model: generic prose counts plus the corpus plans' counts and the names in the
/// rules (weighted: the domain's own text counts more).
pub fn shipped_counts() -> Counts {
    let mut c = generic_counts();
    c.merge(&Counts::from_text(include_str!("../../rules/lm/plans.ngrams")), PLAN_WEIGHT);
    c.merge(&rules_counts(), RULES_WEIGHT);
    c
}

/// The shipped model: `rules/lm/model.bin`, the model of the count files and the rules' names
/// ([`build_shipped_model`]) written ready to use, so a process does not spend 0.2 s counting and
/// sorting 8.8 MB of n-gram text. A test checks it is that model exactly; `scripts/train-model.sh`
/// (or, after editing only rules/, `cargo run --release --example write_model`) rewrites it.
pub fn shipped_model() -> Model {
    Model::read(Blob::Static(include_bytes!("../../rules/lm/model.bin"))).expect("rules/lm/model.bin is a model file (checked by tests)")
}

/// The shipped model built from its sources: the generic and plan count files (`rules/lm/*.ngrams`)
/// and the rules' names (what `shipped_counts` gives, read straight from the count files).
pub fn build_shipped_model(generic: &str, plans: &str) -> Model {
    let rules = rules_counts().to_text();
    Model::from_count_texts(&[(generic, 1.0), (plans, PLAN_WEIGHT), (&rules, RULES_WEIGHT)])
}

/// [`build_shipped_model`] of the count files compiled in (what `rules/lm/model.bin` must hold).
pub fn shipped_model_from_counts() -> Model {
    build_shipped_model(include_str!("../../rules/lm/generic.ngrams"), include_str!("../../rules/lm/plans.ngrams"))
}

/// The binary model format: little-endian, in this order — magic; words (count, then each as
/// length u16 + UTF-8); aliases, the other tone style's spellings (count, then spelling + id u32),
/// sorted; the unigram probabilities (f32 per word); then bigrams and trigrams, each as a context
/// table laid out for look-up in place (its slot count, a power of two; each slot's key u64, `EMPTY`
/// when free; each slot's followers: total f32, types f32, start u32, end u32) and the followers
/// (count, then the words u32, then the counts f32; see [`Grams`]).
const MAGIC: &[u8; 8] = b"KHLM\x02\0\0\0";

impl Model {
    /// The model's bytes (what `rules/lm/model.bin` holds for the shipped one).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.bytes().to_vec()
    }

    fn bytes(&self) -> &[u8] {
        match &self.blob {
            Blob::Static(b) => b,
            Blob::Owned(b) => b,
        }
    }

    fn uni(&self, w: u32) -> f32 {
        f32_at(self.bytes(), self.uni + 4 * w as usize)
    }

    /// Reads [`Model::to_bytes`]' format (a copy of `bytes`).
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        Model::read(Blob::Owned(bytes.to_vec()))
    }

    /// Checks the layout and notes where each part is; builds the vocabulary's index.
    fn read(blob: Blob) -> Result<Model, String> {
        let b: &[u8] = match &blob {
            Blob::Static(b) => b,
            Blob::Owned(b) => b,
        };
        let mut r = packed::Reader(b);
        if r.take(MAGIC.len())? != MAGIC {
            return Err("not a kehoach model file (or an older format)".into());
        }
        let str = |r: &mut packed::Reader<'_>| -> Result<String, String> {
            let n = u16::from_le_bytes(r.take(2)?.try_into().unwrap()) as usize;
            std::str::from_utf8(r.take(n)?).map(str::to_string).map_err(|_| "model file: a word is not UTF-8".to_string())
        };
        let n = r.u32()? as usize;
        let mut words = Strs::default();
        for _ in 0..n {
            words.push(&str(&mut r)?);
        }
        let na = r.u32()? as usize;
        let mut alias_keys: Vec<(String, u32)> = Vec::with_capacity(na.min(b.len()));
        for _ in 0..na {
            let k = str(&mut r)?;
            let i = r.u32()?;
            if i as usize >= n {
                return Err("model file: alias of an unknown word".into());
            }
            alias_keys.push((k, i));
        }
        let mut at = b.len() - r.0.len();
        let uni = at;
        at = at.checked_add(4 * n).filter(|&e| e <= b.len()).ok_or("model file truncated")?;
        let check = matches!(blob, Blob::Owned(_));
        let bi = Grams::read(b, &mut at, n, check)?;
        let tri = Grams::read(b, &mut at, n, check)?;
        if at != b.len() {
            return Err("model file: trailing bytes".into());
        }
        let vocab = Vocab::new(words, alias_keys.iter().map(|(k, i)| (k.as_str(), *i)).collect());
        Ok(Model { blob, vocab, uni, bi, tri })
    }
}

/// The names the rules hold, one string each: every agency's name and spellings
/// (rules/agencies.toml, with the abbreviations' expansions), with `headers` the table headers'
/// synonyms (rules/headers.toml: "Thời hạn hoàn thành", "Đơn vị chủ trì"), what the document
/// symbols stand for (rules/documents.toml: "Đề án", "Quyết định", "Ban cán sự đảng") and deadlines
/// in the grammar's words (rules/deadlines.toml: "Quý I/2026", "Thường xuyên").
pub fn rules_names(headers: bool) -> Vec<&'static str> {
    let r = crate::rules::Rules::get();
    let a = &r.agencies;
    let mut names: Vec<&str> = Vec::new();
    for x in &a.agencies {
        names.push(&x.name);
        names.extend(x.aliases.iter().map(|s| s.as_str()));
    }
    for x in &a.internal {
        names.push(&x.name);
        names.extend(x.aliases.iter().map(|s| s.as_str()));
    }
    names.extend(a.abbreviations.iter().map(|(_, long)| long.as_str()));
    if headers {
        names.extend(r.header_texts.iter().map(|s| s.as_str()));
    }
    names.extend(r.documents.symbols.iter().flat_map(|(_, long)| long.split(';').map(str::trim)));
    names.extend(r.deadline_texts.iter().map(|s| s.as_str()));
    names
}

/// The domain's names kept as data in rules/ (not plan text), headers' synonyms included
/// ([`rules_names`]), one sentence each. A plan the model never saw still names the same provincial
/// bodies ("Văn phòng Tỉnh ủy", "Sở Khoa học và Công nghệ").
pub fn rules_counts() -> Counts {
    let mut c = Counts::default();
    for n in rules_names(true) {
        c.add_sentence(&tokens(n), 1.0);
    }
    c
}

/// The dictionary's two-syllable words (`rules/lm/words2.txt`: the entries of Viet74K, lower case,
/// one per line), each as its two LM tokens.
pub fn dictionary_words() -> impl Iterator<Item = (&'static str, &'static str)> {
    include_str!("../../rules/lm/words2.txt").lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split_once(' '))
}

/// The generic prose counts alone (evaluations add the plans they train on).
pub fn generic_counts() -> Counts {
    Counts::from_text(include_str!("../../rules/lm/generic.ngrams"))
}

/// How much one occurrence in a plan weighs against one in generic prose.
pub const PLAN_WEIGHT: f32 = 4.0;

/// How much one name in the rules weighs (each is written once there, but plans repeat them):
/// `kehoach repair-check` held out 89.5 / 89.1 / 88.0% at the plans' weight, 89.9 / 89.5 / 88.0% at
/// three times it, 89.9 / 89.7 / 88.1% at ten times (chosen on those same three plans: no separate
/// development set, so the smaller step).
pub const RULES_WEIGHT: f32 = 3.0 * PLAN_WEIGHT;

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Model {
        let mut c = Counts::default();
        for l in ["triển khai nghị quyết số 57", "triển khai kế hoạch số 03", "nghị quyết của bộ chính trị"] {
            c.add_sentence(&tokens(l), 1.0);
        }
        Model::from_counts(&c)
    }

    #[test]
    fn shipped_model_file_is_the_count_files_model() {
        let built = shipped_model_from_counts().to_bytes();
        assert!(
            shipped_model().to_bytes() == built,
            "rules/lm/model.bin is not the model of rules/lm/*.ngrams and rules/*.toml: run `cargo run --release --example write_model`"
        );
    }

    /// The compiled-in model is read without checking each entry (`Grams::read`): here it is.
    #[test]
    fn shipped_model_file_passes_every_check() {
        assert!(Model::from_bytes(include_bytes!("../../rules/lm/model.bin")).is_ok());
    }

    #[test]
    fn model_file_round_trip_and_damage() {
        let m = toy();
        let b = m.to_bytes();
        let back = Model::from_bytes(&b).unwrap();
        assert_eq!(back.to_bytes(), b);
        assert!(back.words().eq(m.words()));
        let (u, v, w) = (m.id("triển"), m.id("khai"), m.id("nghị"));
        assert_eq!(back.logp(u, v, w).to_bits(), m.logp(u, v, w).to_bits());
        assert_eq!(back.id("hoá"), m.id("hoá"));
        for cut in [0, 5, 8, 20, b.len() / 2, b.len() - 1] {
            assert!(Model::from_bytes(&b[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = b.clone();
        longer.push(0);
        assert!(Model::from_bytes(&longer).is_err());
    }

    #[test]
    fn count_files_and_counts_give_the_same_model() {
        let mut c = Counts::default();
        for l in ["triển khai nghị quyết số 57", "triển khai kế hoạch số 03"] {
            c.add_sentence(&tokens(l), 1.0);
        }
        let mut d = Counts::default();
        d.add_sentence(&tokens("nghị quyết của bộ chính trị"), 1.0);
        let (a, b) = (c.to_text(), d.to_text());
        let mut merged = c.clone();
        merged.merge(&d, 4.0);
        let m1 = Model::from_counts(&merged);
        let m2 = Model::from_count_texts(&[(&a, 1.0), (&b, 4.0)]);
        assert_eq!(m1.len(), m2.len());
        for l in ["triển khai nghị quyết của bộ", "kế hoạch số 57 chính trị"] {
            let t = tokens(l);
            let (mut u1, mut v1, mut u2, mut v2) = (m1.id(BOS), m1.id(BOS), m2.id(BOS), m2.id(BOS));
            for w in &t {
                let (w1, w2) = (m1.id(w), m2.id(w));
                assert!((m1.logp(u1, v1, w1) - m2.logp(u2, v2, w2)).abs() < 1e-5, "{w}");
                (u1, v1, u2, v2) = (v1, w1, v2, w2);
            }
        }
    }

    /// A comma or semicolon before a space is the separator token; inside a number, or ending
    /// the line, it is not.
    #[test]
    fn separators() {
        assert_eq!(tokens("Sở Tài chính, Sở Tư pháp; các sở"), ["sở", "tài", "chính", SEP, "sở", "tư", "pháp", SEP, "các", "sở"]);
        assert_eq!(tokens("tăng 0,8 điểm,"), ["tăng", NUM, NUM, "điểm"]);
        assert_eq!(tokens(", , a ,, b"), ["a", SEP, "b"]);
    }

    #[test]
    fn seen_beats_unseen() {
        let m = toy();
        let (a, b) = (m.id("nghị"), m.id("quyết"));
        assert!(m.logp(0, a, b) > m.logp(0, a, m.id("kế")));
        assert!(m.logp(m.id("triển"), m.id("khai"), m.id("nghị")) > m.logp(m.id("triển"), m.id("khai"), m.id("bộ")));
    }

    #[test]
    fn probabilities_sum_to_one() {
        let m = toy();
        let (u, v) = (m.id("triển"), m.id("khai"));
        let s: f32 = (0..m.len() as u32).map(|w| m.logp(u, v, w).exp()).sum();
        // The uniform share reserved for unseen words is the only mass outside the vocabulary.
        assert!((0.9..=1.001).contains(&s), "{s}");
    }

    #[test]
    fn counts_round_trip() {
        let mut c = Counts::default();
        c.add_sentence(&tokens("Số 03-KH/BCĐ ngày 16"), 1.0);
        let back = Counts::from_text(&c.to_text());
        assert_eq!(back.grams.len(), c.grams.len());
        assert!(back.grams.contains_key(&vec!["kh".to_string(), "bcđ".to_string(), "ngày".to_string()]));
        assert!(back.grams.contains_key(&vec![NUM.to_string()]));
    }

    #[test]
    fn trigram_probability_by_hand() {
        // "a b c", "a b c", "a b d": after "a b", c seen twice and d once (3 in all, 2 followers).
        let text = "a b\t3\na b c\t2\na b d\t1\nb c\t2\nb d\t1\na\t3\nb\t3\nc\t2\nd\t1\n";
        let m = Model::from_count_texts(&[(text, 1.0)]);
        let (a, b, c, d) = (m.id("a"), m.id("b"), m.id("c"), m.id("d"));
        let ctx = m.context(a, b);
        // P(c | a b) = (2 − D)/3 + D·2/3 · P(c | b), P(c | b) = (2 − D)/3 + D·2/3 · P_uni(c).
        let p_bigram = (2.0 - DISCOUNT) / 3.0 + DISCOUNT * 2.0 / 3.0 * m.uni(c);
        let want = (2.0 - DISCOUNT) / 3.0 + DISCOUNT * 2.0 / 3.0 * p_bigram;
        assert!((ctx.p(&m, c) - want).abs() < 1e-6, "{} vs {want}", ctx.p(&m, c));
        assert!((m.logp(a, b, c) - want.ln()).abs() < 1e-5);
        // An unseen follower gets only the backed-off share; an unseen context is the bigram.
        assert!(ctx.p(&m, a) < ctx.p(&m, d));
        assert_eq!(m.context(c, b).p(&m, c), m.context(d, b).p(&m, c));
    }
}
