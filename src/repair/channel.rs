//! The OCR confusion model (noisy channel): how an English-model OCR writes each Vietnamese letter.
//!
//! Each clean letter emits an OCR segment of 0–3 characters ("ư" → "ir", "ố" → "6", "đ" → "p",
//! "ệ" → "¢"). P(segment | letter) is learned from aligned (clean, OCR) word pairs by hard EM
//! (align with the current model, count, re-estimate; three rounds), smoothed by backing off from the
//! letter to its toneless shape ("ố" → "ô") to its bare letter ("o") to a prior that favours copying.
//! Counts are data: `rules/lm/ocr-channel.tsv`, written by `scripts/train-model.sh`.

use super::syllable::{skeleton, split_tone};
use rustc_hash::FxHashMap;
use std::fmt::Write as _;

pub const MAX_SEG: usize = 3;
const BETA: f32 = 2.0;
/// The least P of a letter read as itself. An English-model OCR never writes "ỉ" or "ự", so the
/// learned channel alone gives a correct word such as "chỉ" about e^−20 and an unknown token
/// ("cz") wins; text that is partly right already (a mixed layer, `repair-text --mode ocr` on
/// good text) must come through as it is.
const COPY_FLOOR: f32 = 0.01;

/// OCR characters that stand in for another the OCR writes for the same letters (the character,
/// the one it stands in for): "0" for the "6" an English OCR makes of a marked "o" ("s0" for "số",
/// "ngu0i" for "người", never for a plain "o": in corpus/ocr the "o"-family letters are read "0"
/// 5 times, all of them "ố", "ờ" or "ở", and "6" 970 times). Two of the four corpus plans' OCR
/// read so, the other two never: a channel learned from those two alone had no trace of it, and
/// "số" was no candidate for "s0".
const LOOKALIKES: &[(char, char)] = &[('0', '6')];
/// P of a look-alike (`LOOKALIKES`) at least this share of P of the character it stands in for
/// (5 in 970 in corpus/ocr).
const LOOKALIKE_SHARE: f32 = 5e-3;

/// (clean letter, OCR segment) → count.
#[derive(Debug, Default, Clone)]
pub struct ChannelCounts {
    pub n: FxHashMap<(char, String), f32>,
}

impl ChannelCounts {
    pub fn to_text(&self) -> String {
        let mut v: Vec<_> = self.n.iter().collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        let mut s = String::from("# clean letter\tOCR segment (\\e: nothing)\tcount\n");
        for ((c, seg), n) in v {
            let seg = if seg.is_empty() { "\\e".to_string() } else { seg.replace('\t', "\\t") };
            let _ = writeln!(s, "{c}\t{seg}\t{n}");
        }
        s
    }

    pub fn from_text(t: &str) -> ChannelCounts {
        let mut n = FxHashMap::default();
        for line in t.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 3 {
                continue;
            }
            let Some(c) = f[0].chars().next() else { continue };
            let seg = if f[1] == "\\e" { String::new() } else { f[1].replace("\\t", "\t") };
            if let Ok(k) = f[2].parse::<f32>() {
                n.insert((c, seg), k);
            }
        }
        ChannelCounts { n }
    }
}

/// The toneless shape of a letter ("ố" → "ô") and its bare letter ("o"; "đ" → "d").
fn shape_of(c: char) -> char {
    split_tone(&c.to_string()).0.chars().next().unwrap_or(c)
}

fn base_of(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    static BASE: std::sync::OnceLock<FxHashMap<char, char>> = std::sync::OnceLock::new();
    let table = BASE.get_or_init(|| vietnamese_letters().map(|c| (c, skeleton(&c.to_string()).chars().next().unwrap_or(c))).collect());
    match table.get(&c) {
        Some(&b) => b,
        None => skeleton(&c.to_string()).chars().next().unwrap_or(c),
    }
}

/// What an OCR does to a letter before any evidence: copies it, or writes its bare letter.
fn prior(seg: &str, letter: char) -> f32 {
    let base = base_of(letter);
    let mut it = seg.chars();
    match (it.next(), it.next()) {
        (Some(x), None) if x == letter => 0.5,
        (Some(x), None) if x == base => 0.3,
        (None, _) => 0.01,
        (Some(_), None) => 0.002,
        _ => 0.0002f32.powi(seg.chars().count() as i32 - 1) * 0.002,
    }
}

pub struct Channel {
    /// Letter → (segment → log P), for every segment seen with the letter, its shape or its base.
    seen: FxHashMap<char, FxHashMap<String, f32>>,
    /// Letter → log of the probability share left for unseen segments (multiplies the prior).
    rest: FxHashMap<char, f32>,
    /// `seen` turned around: segment → (letter, log P), sorted by letter. A decoder tabulating one
    /// OCR token against many letters looks each of its segments up once (`Channel::segment`).
    by_seg: FxHashMap<String, Vec<(char, f32)>>,
    /// Per letter, log P of each kind of segment never seen with it (`rest` + log of the `prior`),
    /// worked out once: `logp_of` is called for every letter and segment of every OCR token.
    unseen: FxHashMap<char, Unseen>,
}

/// A letter's log P of the segments it was never seen to emit, by the `prior`'s cases.
#[derive(Clone, Copy)]
struct Unseen {
    base: char,
    /// The letter itself, its bare letter, nothing, another single character, and two or three
    /// characters (index: length − 2).
    copy: f32,
    bare: f32,
    empty: f32,
    other: f32,
    longer: [f32; MAX_SEG - 1],
}

impl Unseen {
    fn new(letter: char, rest: f32) -> Unseen {
        let base = base_of(letter);
        let ln = |seg: &str| rest + prior(seg, letter).ln();
        let other = if letter == '\u{1}' || base == '\u{1}' { '\u{2}' } else { '\u{1}' };
        let mut longer = [0f32; MAX_SEG - 1];
        for (k, v) in longer.iter_mut().enumerate() {
            *v = ln(&std::iter::repeat_n(other, k + 2).collect::<String>());
        }
        Unseen { base, copy: ln(&letter.to_string()), bare: ln(&base.to_string()), empty: ln(""), other: ln(&other.to_string()), longer }
    }

    /// `rest + prior(seg, letter).ln()`, the same numbers.
    fn of(&self, letter: char, seg: &str) -> f32 {
        let mut it = seg.chars();
        match (it.next(), it.next()) {
            (Some(x), None) if x == letter => self.copy,
            (Some(x), None) if x == self.base => self.bare,
            (None, _) => self.empty,
            (Some(_), None) => self.other,
            _ => self.longer[(seg.chars().count() - 2).min(MAX_SEG - 2)],
        }
    }
}

/// One OCR segment's entry in a [`Channel`]: the letters seen emitting it.
#[derive(Clone, Copy)]
pub struct Segment<'a> {
    seg: &'a str,
    seen: &'a [(char, f32)],
}

impl Channel {
    pub fn from_counts(c: &ChannelCounts) -> Channel {
        let mut by_char: FxHashMap<char, FxHashMap<String, f32>> = FxHashMap::default();
        let mut by_shape: FxHashMap<char, FxHashMap<String, f32>> = FxHashMap::default();
        let mut by_base: FxHashMap<char, FxHashMap<String, f32>> = FxHashMap::default();
        for ((ch, seg), n) in &c.n {
            *by_char.entry(*ch).or_default().entry(seg.clone()).or_default() += n;
            *by_shape.entry(shape_of(*ch)).or_default().entry(seg.clone()).or_default() += n;
            *by_base.entry(base_of(*ch)).or_default().entry(seg.clone()).or_default() += n;
        }
        let total = |m: Option<&FxHashMap<String, f32>>| m.map(|m| m.values().sum::<f32>()).unwrap_or(0.0);
        let mut seen = FxHashMap::default();
        let mut rest = FxHashMap::default();
        let letters: Vec<char> = vietnamese_letters().chain(by_char.keys().copied()).collect();
        for ch in letters {
            let (s, b) = (shape_of(ch), base_of(ch));
            let (mc, ms, mb) = (by_char.get(&ch), by_shape.get(&s), by_base.get(&b));
            let (nc, ns, nb) = (total(mc), total(ms), total(mb));
            let p_base = |seg: &str| (mb.and_then(|m| m.get(seg)).copied().unwrap_or(0.0) + BETA * prior(seg, ch)) / (nb + BETA);
            let p_shape = |seg: &str| (ms.and_then(|m| m.get(seg)).copied().unwrap_or(0.0) + BETA * p_base(seg)) / (ns + BETA);
            let p_char = |seg: &str| (mc.and_then(|m| m.get(seg)).copied().unwrap_or(0.0) + BETA * p_shape(seg)) / (nc + BETA);
            let mut m: FxHashMap<String, f32> = FxHashMap::default();
            for src in [mc, ms, mb].into_iter().flatten() {
                for seg in src.keys() {
                    m.insert(seg.clone(), p_char(seg).ln());
                }
            }
            // The copy of the letter and of its bare letter are always listed.
            m.insert(b.to_string(), p_char(&b.to_string()).ln());
            m.insert(ch.to_string(), p_char(&ch.to_string()).ln());
            // A look-alike, at least a share of the P of the character it stands in for.
            for &(x, like) in LOOKALIKES {
                let v = LOOKALIKE_SHARE * p_char(&like.to_string());
                if x != ch && v > p_char(&x.to_string()) {
                    m.insert(x.to_string(), v.ln());
                }
            }
            // Whatever the training OCR did, a letter may stand as printed (`COPY_FLOOR`).
            let keep = (1.0 - COPY_FLOOR).ln();
            m.values_mut().for_each(|v| *v += keep);
            m.insert(ch.to_string(), ((1.0 - COPY_FLOOR) * p_char(&ch.to_string()) + COPY_FLOOR).ln());
            let k = (BETA / (nc + BETA)) * (BETA / (ns + BETA)) * (BETA / (nb + BETA));
            seen.insert(ch, m);
            rest.insert(ch, k.ln() + keep);
        }
        let mut by_seg: FxHashMap<String, Vec<(char, f32)>> = FxHashMap::default();
        for (ch, m) in &seen {
            for (seg, v) in m {
                by_seg.entry(seg.clone()).or_default().push((*ch, *v));
            }
        }
        by_seg.values_mut().for_each(|v| v.sort_by_key(|e| e.0));
        let unseen = rest.iter().map(|(&ch, &r)| (ch, Unseen::new(ch, r))).collect();
        Channel { seen, rest, by_seg, unseen }
    }

    /// The `k` likeliest ways the OCR writes `word` (lower-case), likeliest first: each letter
    /// emits one of its `per_letter` likeliest seen segments ("được" → "dugc", "duoc", …). A beam
    /// over the letters, each string scored by its best alignment; ties go by the string.
    pub fn likeliest_renderings(&self, word: &str, k: usize, per_letter: usize) -> Vec<String> {
        let mut beam: Vec<(f32, String)> = vec![(0.0, String::new())];
        for ch in word.chars() {
            let copy = ch.to_string();
            let mut opts: Vec<(f32, &str)> = match self.seen.get(&ch) {
                Some(m) => m.iter().map(|(seg, &v)| (v, seg.as_str())).collect(),
                None => vec![(0.0, copy.as_str())],
            };
            opts.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
            opts.truncate(per_letter);
            let mut next: FxHashMap<String, f32> = FxHashMap::default();
            for (score, read) in &beam {
                for (v, seg) in &opts {
                    let e = next.entry(format!("{read}{seg}")).or_insert(f32::NEG_INFINITY);
                    *e = e.max(score + v);
                }
            }
            beam = next.into_iter().map(|(read, v)| (v, read)).collect();
            beam.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            beam.truncate(k);
        }
        beam.into_iter().map(|(_, read)| read).collect()
    }

    /// A segment looked up once, for `logp_of` with many letters.
    pub fn segment<'a>(&'a self, seg: &'a str) -> Segment<'a> {
        Segment { seg, seen: self.by_seg.get(seg).map(|v| v.as_slice()).unwrap_or(&[]) }
    }

    /// The OCR segments seen in training (with any letter).
    pub fn seen_segments(&self) -> impl Iterator<Item = &str> {
        self.by_seg.keys().map(|s| s.as_str())
    }

    /// `logp(ch, seg)` for a looked-up segment: the same value.
    pub fn logp_of(&self, ch: char, seg: Segment) -> f32 {
        if let Ok(k) = seg.seen.binary_search_by_key(&ch, |e| e.0) {
            return seg.seen[k].1;
        }
        match self.unseen.get(&ch) {
            Some(u) => u.of(ch, seg.seg),
            None => (BETA / (BETA + 1.0) * prior(seg.seg, ch)).ln(),
        }
    }

    /// log P(seg | letter).
    pub fn logp(&self, ch: char, seg: &str) -> f32 {
        if let Some(m) = self.seen.get(&ch) {
            if let Some(&v) = m.get(seg) {
                return v;
            }
            return self.rest[&ch] + prior(seg, ch).ln();
        }
        // A letter never seen in training (a foreign letter, a symbol): copy it or pay dearly.
        (BETA / (BETA + 1.0) * prior(seg, ch)).ln()
    }

    /// Best log P(ocr | clean) over alignments (each clean letter emits 0–3 OCR characters).
    pub fn score(&self, clean: &[char], ocr: &[char]) -> f32 {
        // The forward pass of `align` alone, on two rows.
        let m = ocr.len();
        let mut prev = vec![f32::NEG_INFINITY; m + 1];
        let mut cur = vec![f32::NEG_INFINITY; m + 1];
        prev[0] = 0.0;
        let mut seg = String::new();
        for &c in clean {
            for j in 0..=m {
                let mut best = f32::NEG_INFINITY;
                for l in 0..=MAX_SEG.min(j) {
                    let p = prev[j - l];
                    if p == f32::NEG_INFINITY {
                        continue;
                    }
                    seg.clear();
                    seg.extend(&ocr[j - l..j]);
                    best = best.max(p + self.logp(c, &seg));
                }
                cur[j] = best;
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        prev[m]
    }

    /// Best alignment: score and the OCR segment of each clean letter.
    pub fn align(&self, clean: &[char], ocr: &[char]) -> (f32, Vec<String>) {
        let (n, m) = (clean.len(), ocr.len());
        let mut dp = vec![f32::NEG_INFINITY; (n + 1) * (m + 1)];
        let mut back = vec![0u8; (n + 1) * (m + 1)];
        dp[0] = 0.0;
        let idx = |i: usize, j: usize| i * (m + 1) + j;
        let mut seg = String::new();
        for i in 1..=n {
            for j in 0..=m {
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0u8;
                for l in 0..=MAX_SEG.min(j) {
                    let prev = dp[idx(i - 1, j - l)];
                    if prev == f32::NEG_INFINITY {
                        continue;
                    }
                    seg.clear();
                    seg.extend(&ocr[j - l..j]);
                    let v = prev + self.logp(clean[i - 1], &seg);
                    if v > best {
                        best = v;
                        arg = l as u8;
                    }
                }
                dp[idx(i, j)] = best;
                back[idx(i, j)] = arg;
            }
        }
        let mut segs = vec![String::new(); n];
        let (mut i, mut j) = (n, m);
        if dp[idx(n, m)] == f32::NEG_INFINITY {
            return (f32::NEG_INFINITY, segs);
        }
        while i > 0 {
            let l = back[idx(i, j)] as usize;
            segs[i - 1] = ocr[j - l..j].iter().collect();
            j -= l;
            i -= 1;
        }
        (dp[idx(n, m)], segs)
    }

    /// Upper bound of log P(seg | letter) over the letters with bare skeleton letter `b`.
    pub fn best_for_base(&self, letters: &[char], seg: &str) -> f32 {
        letters.iter().map(|&c| self.logp(c, seg)).fold(f32::NEG_INFINITY, f32::max)
    }

    /// [`Channel::best_for_base`] tabulated once for a group of letters: every segment seen with
    /// any of them, and, for other segments, the bound by segment length.
    pub fn bound_table(&self, letters: &[char]) -> Bound {
        let mut seen: FxHashMap<String, f32> = FxHashMap::default();
        for c in letters {
            if let Some(m) = self.seen.get(c) {
                for seg in m.keys() {
                    seen.entry(seg.clone()).or_insert_with(|| self.best_for_base(letters, seg));
                }
            }
        }
        // An unseen segment of each length: no letter copies it, so only the generic prior applies.
        let probe = ["\u{1}", "\u{1}\u{2}", "\u{1}\u{2}\u{3}"];
        let mut other = [f32::NEG_INFINITY; MAX_SEG + 1];
        other[0] = self.best_for_base(letters, "");
        for (k, p) in probe.iter().enumerate() {
            other[k + 1] = self.best_for_base(letters, p);
        }
        Bound { seen, other }
    }
}

/// Upper bounds of log P(segment | letter) over a group of letters (see [`Channel::bound_table`]).
pub struct Bound {
    seen: FxHashMap<String, f32>,
    other: [f32; MAX_SEG + 1],
}

impl Bound {
    /// The segments with a bound of their own (every other segment has its length's).
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.seen.keys().map(|s| s.as_str())
    }

    pub fn get(&self, seg: &str, len: usize) -> f32 {
        match self.seen.get(seg) {
            Some(&v) => v,
            None => self.other[len.min(MAX_SEG)],
        }
    }
}

/// The 67 lower-case Vietnamese letters and the other ASCII letters and digits.
pub fn vietnamese_letters() -> impl Iterator<Item = char> {
    let marked = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
    marked.chars().chain("bcdfghjklmnpqrstvwxz0123456789".chars()).collect::<Vec<_>>().into_iter()
}

/// Hard-EM training from (clean, OCR) word pairs, lower-case. Returns the counts of the last round.
pub fn train(pairs: &[(String, String)], rounds: usize) -> ChannelCounts {
    let weighted: Vec<(String, String, f32)> = pairs.iter().map(|(c, o)| (c.clone(), o.clone(), 1.0)).collect();
    train_weighted(&weighted, rounds)
}

/// [`train`] with a weight per pair (clean, OCR, weight): what each pair's alignment adds to the
/// counts.
pub fn train_weighted(pairs: &[(String, String, f32)], rounds: usize) -> ChannelCounts {
    let mut counts = ChannelCounts::default();
    let data: Vec<(Vec<char>, Vec<char>, f32)> = pairs
        .iter()
        .filter(|(c, o, _)| !c.is_empty() && !o.is_empty() && o.chars().count() <= 3 * c.chars().count())
        .map(|(c, o, w)| (c.chars().collect(), o.chars().collect(), *w))
        .collect();
    for _ in 0..rounds.max(1) {
        let ch = Channel::from_counts(&counts);
        let mut next = ChannelCounts::default();
        for (c, o, w) in &data {
            let (s, segs) = ch.align(c, o);
            if s == f32::NEG_INFINITY {
                continue;
            }
            for (letter, seg) in c.iter().zip(segs) {
                *next.n.entry((*letter, seg)).or_insert(0.0) += w;
            }
        }
        counts = next;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs() -> Vec<(String, String)> {
        let raw = [("số", "s6"), ("số", "s6"), ("số", "sé"), ("đổi", "d6i"), ("đổi", "doi"), ("từ", "tir"), ("từ", "tir"), ("và", "va"), ("của", "ctia"), ("của", "cua")];
        raw.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn learns_substitutions() {
        let ch = Channel::from_counts(&train(&pairs(), 3));
        // "6" for "ố" is learned; it makes "s6" likelier from "số" than from "so".
        let s = |c: &str, o: &str| ch.score(&c.chars().collect::<Vec<_>>(), &o.chars().collect::<Vec<_>>());
        assert!(s("số", "s6") > s("so", "s6"));
        assert!(s("từ", "tir") > s("tư", "tir") - 0.01);
        assert!(s("và", "va") > s("và", "xa"));
        // Copying is always the cheapest for a letter never seen damaged.
        assert!(ch.logp('b', "b") > ch.logp('b', "h"));
    }

    #[test]
    fn a_look_alike_digit_reads_as_the_digit_it_stands_in_for() {
        // No pair shows "0" for an "o"-family letter; "0" still reads as the "6" of a marked "o",
        // at a share of it, far likelier than another character, and not as a plain "o".
        let mut p = pairs();
        p.extend([("số", "so"), ("người", "ngu6i"), ("có", "co"), ("có", "c6"), ("so", "so")].iter().map(|(a, b)| (a.to_string(), b.to_string())));
        let ch = Channel::from_counts(&train(&p, 3));
        let s = |c: &str, o: &str| ch.score(&c.chars().collect::<Vec<_>>(), &o.chars().collect::<Vec<_>>());
        assert!(s("số", "s0") > s("số", "s6") - 6.0, "{} {}", s("số", "s0"), s("số", "s6"));
        assert!(s("số", "s0") > s("số", "sx") + 3.0);
        assert!(s("số", "s0") > s("so", "s0"), "{} {}", s("số", "s0"), s("so", "s0"));
        assert!(s("người", "ngu0i") > s("người", "ngu8i") + 3.0);
    }

    #[test]
    fn counts_round_trip() {
        let c = train(&pairs(), 2);
        let back = ChannelCounts::from_text(&c.to_text());
        assert_eq!(back.n.len(), c.n.len());
        assert!(back.n.keys().any(|(_, s)| s.is_empty()) == c.n.keys().any(|(_, s)| s.is_empty()));
    }

    #[test]
    fn likeliest_renderings_of_the_shipped_channel() {
        let c = Channel::from_counts(&ChannelCounts::from_text(include_str!("../../rules/lm/ocr-channel.tsv")));
        let r = c.likeliest_renderings("được", 6, 4);
        assert_eq!(r.len(), 6);
        // what an English-model OCR writes for it, and the word without its marks
        assert!(r.iter().any(|x| x == "dugc") && r.iter().any(|x| x == "duoc"), "{r:?}");
        assert_eq!(c.likeliest_renderings("ba", 1, 4), vec!["ba".to_string()]);
    }

    #[test]
    fn segment_lookup_gives_logp() {
        let c = Channel::from_counts(&ChannelCounts::from_text(include_str!("../../rules/lm/ocr-channel.tsv")));
        let letters: Vec<char> = vietnamese_letters().chain(['q', 'w', '1', '@', 'ß']).collect();
        for seg in ["", "a", "e", "o", "d", "6", "é", "ir", "tt", "ab", "xyz", "\u{1}"] {
            let s = c.segment(seg);
            for &ch in &letters {
                assert_eq!(c.logp_of(ch, s).to_bits(), c.logp(ch, seg).to_bits(), "{ch} {seg:?}");
            }
        }
    }
}
