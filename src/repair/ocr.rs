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
//! Invariant: a line keeps its whitespace and punctuation; only word cores are replaced, one for one
//! (and a target's "≥" that the OCR read as another sign before a number, rules/targets.toml).

use super::channel::{Channel, ChannelCounts};
use super::lm::{self, Counts, Model};
use super::packed::{self, StrIndex, Strs};
use super::syllable::{classic_tone_style, fold_tone_style, inventory, other_tone_style, skeleton};
use std::sync::atomic::{AtomicUsize, Ordering};
use super::Repairer;
use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex, OnceLock, RwLock};

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
    /// log P of reading one OCR token as two words run together.
    pub split_logp: f32,
    /// Two-word readings are tried only for tokens whose best one-word reading scores below this.
    pub split_below: f32,
    /// Weight of the document's reading so far (a cache model) beside the language model; 0: none.
    pub cache_weight: f32,
    /// A word whose runner-up reading scores within this many nats of its reading is a [`Doubt`]
    /// (`examples/doubt_probe`: how many words that flags and how many errors it catches).
    pub doubt_margin: f32,
    /// Beam pruning: a hypothesis this far (in log P) below the best of its step is dropped, even
    /// when the beam has room (infinite: only the beam width limits).
    pub prune: f32,
    /// A word set in capitals: log P that the OCR wrote its bare letters (every mark dropped), and
    /// of any other reading (added to the channel's score of it). In the aligned pairs of
    /// corpus/ocr, 209 of the 225 marked words in capitals were read with every mark dropped
    /// ("KẾ" → "KE"); in lower case the marks leave look-alikes ("kế" → "ké").
    pub caps_bare_logp: f32,
    pub caps_other_logp: f32,
    /// A word capitalised inside a sentence ("phê duyệt Dé an" for "Đề án"): log P added to each
    /// reading of it that no name of the rules writes with a capital (`OcrRepair::name_words`).
    /// The language model is case-blind; the plans capitalise the names of documents and bodies,
    /// never a word such as "để" inside a sentence.
    pub name_other_logp: f32,
    /// log P added where a word and the one before it form a two-syllable word of the dictionary
    /// (`rules/lm/words2.txt`, Viet74K's entries): "đề xuất", "ban hành", "tiếp thu". Vietnamese
    /// text is mostly such compounds; the language model learns each from its counts alone, and
    /// the generic text's counts can favour a pair that is no word ("để xuất", the software
    /// manuals' "to export"). 0: none.
    pub word_bonus: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params { lm_weight: 1.0, keep_logp: -9.0, per_token: 12, beam: 12, margin: 8.0, split_logp: -6.0, split_below: -9.0, cache_weight: 0.05, prune: 10.0, caps_bare_logp: -0.07, caps_other_logp: -2.6, name_other_logp: -2.0, word_bonus: 1.0, doubt_margin: 2.0 }
    }
}

#[derive(Debug, Clone)]
struct Cand {
    /// Lower-case form (two words with a space between for a split token).
    form: String,
    lm_id: u32,
    /// The second word's LM id for a split token, else `NONE`.
    second: u32,
    logp: f32,
}

const NONE: u32 = u32::MAX;

/// A reading the decoder was not sure of: the best other reading of the token (one of its words
/// read as another candidate, the rest as chosen) and by how much (natural log) it scored below;
/// or a token it kept as read with characters no word has ("t#", "S&@Khoahoc").
pub use crate::pdf::Doubt;

/// Candidate lists searched ahead (`OcrRepair::precompute`): key `i`'s entries (word index,
/// channel log P) are `ends[i − 1]..ends[i]` of `words` and `logp`; searched with `margin`,
/// `lm_weight` and `per_token` (a repairer with other parameters gets none).
#[derive(Default)]
struct Precomputed {
    keys: Strs,
    index: StrIndex,
    ends: Vec<u32>,
    words: Vec<u32>,
    logp: Vec<f32>,
    margin: f32,
    lm_weight: f32,
    per_token: u32,
}

/// The OCR cores whose candidates the shipped tables hold, for the words of the generic LM text
/// (`rules/lm/generic.ngrams` unigrams) seen at least twice: each one's toneless ASCII skeleton,
/// what an English-model OCR writes for a common word when it drops every mark ("quyet" for
/// "quyết"), and for those seen `RENDERED_MIN_COUNT` times its `RENDERINGS` likeliest readings under
/// the OCR channel ("dugc" for "được", "s6" for "số"). Taken from the generic text and the channel,
/// not the corpus's OCR. (Session 11: a first batch of the corpus OCR text found 30% of its
/// candidate lists among the skeletons' and finds 57% with the readings; most of the rest are the
/// sides of two-word splits.)
pub fn candidate_keys(generic_counts: &str, channel: &ChannelCounts) -> Vec<String> {
    const RENDERED_MIN_COUNT: f32 = 10.0;
    const RENDERINGS: usize = 6;
    let channel = Channel::from_counts(channel);
    // (a reading the decoder never looks up as one core: split apart, or kept as it is)
    let core = |k: &str| !k.is_empty() && split_token(k) == [Piece::Word(k)] && !is_fixed(k);
    let mut keys: Vec<String> = Vec::new();
    for (g, c) in generic_counts.lines().filter_map(|l| l.rsplit_once('\t')) {
        let Ok(c) = c.parse::<f32>() else { continue };
        if g.contains(' ') || g.starts_with('#') || c < 2.0 || !g.chars().all(|c| c.is_alphabetic()) {
            continue;
        }
        let k = skeleton(g);
        if k.is_ascii() {
            keys.push(k);
        }
        if c >= RENDERED_MIN_COUNT {
            keys.extend(channel.likeliest_renderings(&g.to_lowercase(), RENDERINGS, 4).into_iter().filter(|k| core(k)));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Whether an OCR text layer was written by a Vietnamese model (Tesseract's `vie`, a scanner's
/// Vietnamese OCR) rather than an English one: an English model has no ă, đ, ơ, ư, no letter with a
/// dot below or a hook above (its letters are ASCII and Latin-1's), while about three Vietnamese
/// words in five carry one. The scans of the corpus: none of 6 500–7 900 words for each English-model
/// layer, 3 911 of 6 562 (60%) for 000's pages read by Tesseract-vie. A fifth of the words with
/// letters, and at least ten, is the line.
pub fn written_by_vietnamese_model<'a>(words: impl Iterator<Item = &'a str>) -> bool {
    let only_vietnamese = |c: char| matches!(c, '\u{1EA0}'..='\u{1EF9}') || "ăĂđĐơƠưƯĩĨũŨ".contains(c);
    let (mut lettered, mut marked) = (0usize, 0usize);
    for w in words {
        if w.chars().any(char::is_alphabetic) {
            lettered += 1;
            marked += usize::from(w.chars().any(only_vietnamese));
        }
    }
    marked >= 10 && 5 * marked >= lettered
}

/// The first bytes of an OCR tables file ([`OcrRepair::tables_to_bytes`]).
const TABLES_MAGIC: &[u8; 8] = b"KHOT\x02\0\0\0";

/// The shipped OCR channel (rules/lm/ocr-channel.tsv).
pub fn shipped_channel() -> ChannelCounts {
    ChannelCounts::from_text(include_str!("../../rules/lm/ocr-channel.tsv"))
}
/// Shortest OCR token tried as two words run together, the candidates per side, and the split
/// readings kept per token.
const MIN_SPLIT_LEN: usize = 4;
const SPLIT_SIDE: usize = 3;
const SPLIT_KEEP: usize = 6;
/// A partial word whose channel score already falls below this is not searched further (such a
/// word loses to keeping the OCR token, `Params::keep_logp`, by five nats before the LM speaks).
/// repair-check gives the same figures at −60 and −14 (−10 loses 0.03 points); the OCR text of the
/// corpus is repaired in 0.8 s instead of 1.1.
const FLOOR: f32 = -14.0;
/// The LM's words outside the syllable inventory ("kpi", "email", "chip") are candidates only when
/// the model has seen them often enough: the generic text's rarest ("sf", "cz", "jơ", seen one to
/// three times in software manuals) were taken for damaged syllables ("s0" for "số" became "sf").
const MIN_EXTRA_LOGP: f32 = -11.5;

/// A node of the skeleton trie; its parts are ranges (`start..end`) of the repairer's flat arrays.
#[derive(Clone, Copy)]
struct TrieNode {
    /// Its children: `OcrRepair::child_letter` (an index into `skel_letters`) and `child_node`.
    children: (u32, u32),
    /// The words whose skeleton ends here (`OcrRepair::node_words`: indices into `words`).
    words: (u32, u32),
    /// The spellings of those words (`OcrRepair::spells`), in letter order.
    spells: (u32, u32),
}

/// One spelling of a word at a trie node: its letters (`OcrRepair::spell_letters`, `len` from
/// `off`), how many leading letters it shares with the node's spelling before it (their alignment
/// rows are that one's), and its place among the node's scores: 2·(the word's place in
/// `TrieNode::words`) + 0 for the word's own spelling, 1 for its other tone-mark placement.
struct Spell {
    off: u32,
    len: u16,
    lcp: u16,
    slot: u32,
}

pub struct OcrRepair {
    lm: Model,
    channel: Channel,
    params: Params,
    /// Candidate words: the syllable inventory, then the LM's other alphabetic words.
    words: Strs,
    /// The word in the other tone-mark placement ("ủy" for the inventory's "uỷ", "hóa" for "hoá"),
    /// where it differs (else empty): OCR damages a mark where it is printed, and plans print both.
    /// A word is aligned in both spellings (`spells`).
    word_alt: Strs,
    /// How many of `words` are the inventory's (the rest are the LM's other words).
    inventory_len: usize,
    /// The trie nodes' spellings and their letters (`TrieNode::spells`), and the longest.
    spells: Vec<Spell>,
    spell_letters: Vec<u16>,
    longest: usize,
    /// Every letter of `words` in either spelling.
    letters: Vec<char>,
    /// For each OCR segment the channel has seen, `Channel::logp` of it for every one of `letters`
    /// (a search fills its letters' rows from these instead of looking each pair up).
    letter_logp: FxHashMap<String, Box<[f32]>>,
    /// The trie's skeleton letters.
    skel_letters: Vec<char>,
    /// `words`' LM ids.
    word_ids: Vec<u32>,
    trie: Vec<TrieNode>,
    /// The trie nodes' children and words (`TrieNode`'s ranges).
    child_letter: Vec<u16>,
    child_node: Vec<u32>,
    node_words: Vec<u32>,
    /// Per skeleton letter, the bound of the channel over its letters for the segments no bound
    /// has seen, by segment length (`Bound::get`'s fallback; `MAX_SEG + 1` per letter) …
    bound_other: Vec<f32>,
    /// … and, for each segment some bound has seen, every skeleton letter's bound of it.
    bound_seen: FxHashMap<String, Box<[f32]>>,
    /// Candidate lists worked out ahead for common OCR cores (`precompute`): the shipped model's
    /// are in rules/lm/ocr-tables.bin.
    pre: Precomputed,
    /// How many candidate lists came from `pre` and how many were searched (diagnostics).
    pre_hits: AtomicUsize,
    searches: AtomicUsize,
    /// Word candidates per lower-case OCR core (`candidates`).
    cache: Mutex<FxHashMap<String, Vec<Cand>>>,
    /// The decoder's full candidate list per lower-case OCR core (`slot_candidates`): shared, read
    /// concurrently by the threads of a batch.
    slots: RwLock<FxHashMap<String, Arc<[Cand]>>>,
    /// The same for a word set in capitals (`caps_candidates`), by its core as read (an "i" among
    /// capitals is evidence).
    caps_slots: RwLock<FxHashMap<String, Arc<[Cand]>>>,
    /// The LM ids of the words the rules' names write with a capital (`name_words`).
    name_words: rustc_hash::FxHashSet<u32>,
    /// The LM id of the separator token (`lm::SEP`; 0: the model has none).
    sep: u32,
    /// The dictionary's two-syllable words as pairs of LM ids (`dictionary_pairs`).
    words2: rustc_hash::FxHashSet<u64>,
}

impl OcrRepair {
    pub fn new(counts: &Counts, channel: &ChannelCounts, params: Params) -> OcrRepair {
        OcrRepair::with_model(Model::from_counts(counts), channel, params)
    }

    pub fn with_model(lm: Model, channel: &ChannelCounts, params: Params) -> OcrRepair {
        let channel = Channel::from_counts(channel);
        let mut words: Vec<String> = inventory().forms.clone();
        let known: rustc_hash::FxHashSet<&str> = inventory().forms.iter().map(|s| s.as_str()).collect();
        let mut extra: Vec<String> = lm
            .words()
            .filter(|w| !known.contains(w) && w.chars().all(|c| c.is_alphabetic()) && w.chars().count() >= 2 && lm.unigram_logp(lm.id_folded(w)) >= MIN_EXTRA_LOGP)
            .map(String::from)
            .collect();
        extra.sort();
        words.extend(extra);
        // (children, words) per node while building; flattened into `TrieNode` ranges below.
        let mut trie: Vec<(Vec<(u16, u32)>, Vec<u32>)> = vec![(Vec::new(), Vec::new())];
        let mut skel_letters: Vec<char> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let mut node = 0usize;
            for c in skeleton(w).chars() {
                let x = match skel_letters.iter().position(|&y| y == c) {
                    Some(x) => x as u16,
                    None => {
                        skel_letters.push(c);
                        (skel_letters.len() - 1) as u16
                    }
                };
                let next = match trie[node].0.iter().find(|(y, _)| *y == x) {
                    Some(&(_, n)) => n as usize,
                    None => {
                        trie.push((Vec::new(), Vec::new()));
                        let n = trie.len() - 1;
                        trie[node].0.push((x, n as u32));
                        n
                    }
                };
                node = next;
            }
            trie[node].1.push(i as u32);
        }
        let mut letters_of: FxHashMap<char, Vec<char>> = FxHashMap::default();
        for c in super::channel::vietnamese_letters() {
            letters_of.entry(skeleton(&c.to_string()).chars().next().unwrap_or(c)).or_default().push(c);
        }
        let bounds: Vec<super::channel::Bound> = skel_letters
            .iter()
            .map(|&x| {
                let own = [x];
                let letters = letters_of.get(&x).map(|v| v.as_slice()).filter(|v| !v.is_empty()).unwrap_or(&own);
                channel.bound_table(letters)
            })
            .collect();
        let mut bound_seen: FxHashMap<String, Box<[f32]>> = FxHashMap::default();
        for b in &bounds {
            for seg in b.segments() {
                if !bound_seen.contains_key(seg) {
                    let len = seg.chars().count();
                    bound_seen.insert(seg.to_string(), bounds.iter().map(|b| b.get(seg, len)).collect());
                }
            }
        }
        // A segment some bound has seen is in `bound_seen`: what the search asks a `Bound` for
        // beyond that is its fallback by length (a probe no letter ever emits).
        let probe = ["", "\u{1}", "\u{1}\u{2}", "\u{1}\u{2}\u{3}"];
        let bound_other: Vec<f32> = bounds.iter().flat_map(|b| probe.iter().enumerate().map(|(l, p)| b.get(p, l)).collect::<Vec<_>>()).collect();
        let word_alt: Vec<String> = words.iter().map(|w| other_tone_style(w).unwrap_or_default()).collect();
        const _: () = assert!(super::channel::MAX_SEG == 3, "bound_other's probes are one per segment length");
        let mut letters: Vec<char> = Vec::new();
        let mut letter_ix: FxHashMap<char, u16> = FxHashMap::default();
        let mut index = |w: &str| -> Vec<u16> {
            w.chars()
                .map(|c| {
                    *letter_ix.entry(c).or_insert_with(|| {
                        letters.push(c);
                        (letters.len() - 1) as u16
                    })
                })
                .collect()
        };
        let word_chars: Vec<Vec<u16>> = words.iter().map(|w| index(w)).collect();
        let word_alt_chars: Vec<Vec<u16>> = word_alt.iter().map(|w| index(w)).collect();
        let letter_logp = channel
            .seen_segments()
            .map(|seg| (seg.to_string(), letters.iter().map(|&c| channel.logp_of(c, channel.segment(seg))).collect()))
            .collect();
        let inventory_len = inventory().forms.len();
        // Each node's spellings in letter order, so that a search aligns a shared prefix once.
        let (mut spells, mut spell_letters): (Vec<Spell>, Vec<u16>) = (Vec::new(), Vec::new());
        let (mut child_letter, mut child_node, mut node_words) = (Vec::new(), Vec::new(), Vec::new());
        let mut nodes: Vec<TrieNode> = Vec::with_capacity(trie.len());
        for (children, node_w) in &trie {
            let mut own: Vec<(&[u16], u32)> = Vec::new();
            for (k, &wi) in node_w.iter().enumerate() {
                for (which, sp) in [&word_chars[wi as usize], &word_alt_chars[wi as usize]].into_iter().enumerate() {
                    if !sp.is_empty() {
                        own.push((sp.as_slice(), 2 * k as u32 + which as u32));
                    }
                }
            }
            own.sort();
            let start = spells.len() as u32;
            let mut prev: &[u16] = &[];
            for (sp, slot) in own {
                let lcp = sp.iter().zip(prev).take_while(|(a, b)| a == b).count();
                spells.push(Spell { off: spell_letters.len() as u32, len: sp.len() as u16, lcp: lcp as u16, slot });
                spell_letters.extend_from_slice(sp);
                prev = sp;
            }
            let (c0, w0) = (child_letter.len() as u32, node_words.len() as u32);
            child_letter.extend(children.iter().map(|c| c.0));
            child_node.extend(children.iter().map(|c| c.1));
            node_words.extend_from_slice(node_w);
            nodes.push(TrieNode { children: (c0, child_letter.len() as u32), words: (w0, node_words.len() as u32), spells: (start, spells.len() as u32) });
        }
        let longest = spells.iter().map(|s| s.len as usize).max().unwrap_or(0);
        // The inventory's forms are in the LM's tone style already, and the rest are the LM's own
        // words: a plain lookup (`Model::id` would fold each first).
        let word_ids = words.iter().map(|w| lm.id_folded(w)).collect();
        let names = name_words(&lm);
        let sep = lm.id(lm::SEP);
        let words2 = dictionary_pairs(&lm);
        OcrRepair {
            lm,
            channel,
            params,
            words: words.iter().map(|w| w.as_str()).collect(),
            word_alt: word_alt.iter().map(|w| w.as_str()).collect(),
            spells,
            spell_letters,
            longest,
            inventory_len,
            letters,
            letter_logp,
            skel_letters,
            word_ids,
            trie: nodes,
            child_letter,
            child_node,
            node_words,
            bound_other,
            bound_seen,
            pre: Precomputed::default(),
            pre_hits: AtomicUsize::new(0),
            searches: AtomicUsize::new(0),
            cache: Mutex::new(FxHashMap::default()),
            slots: RwLock::new(FxHashMap::default()),
            caps_slots: RwLock::new(FxHashMap::default()),
            name_words: names,
            sep,
            words2,
        }
    }

    /// (test) `inventory_with_skeleton` is `inventory().by_skeleton`.
    #[cfg(test)]
    fn check_inventory_with_skeleton(&self) {
        for (k, ids) in &inventory().by_skeleton {
            assert_eq!(self.inventory_with_skeleton(k), Some(ids.as_slice()), "{k}");
        }
        for k in ["", "kpi", "ioc", "vc", "tw", "xyz", "ngh", "dong", "ư"] {
            assert_eq!(self.inventory_with_skeleton(k), inventory().by_skeleton.get(k).map(|v| v.as_slice()), "{k}");
        }
    }

    /// The shipped model (rules/lm/): the language model and the repairer's tables read from their
    /// files (`rules/lm/model.bin`, `rules/lm/ocr-tables.bin`), not built.
    pub fn shipped() -> &'static OcrRepair {
        static M: OnceLock<OcrRepair> = OnceLock::new();
        M.get_or_init(|| {
            OcrRepair::from_tables(lm::shipped_model(), &shipped_channel(), Params::default(), include_bytes!("../../rules/lm/ocr-tables.bin"))
                .expect("rules/lm/ocr-tables.bin is the shipped repairer's tables (checked by tests)")
        })
    }

    /// The tables [`OcrRepair::with_model`] builds from the inventory, the language model and the
    /// channel, in the layout [`OcrRepair::from_tables`] reads (`rules/lm/ocr-tables.bin` for the
    /// shipped model, written by `examples/write_model`): little-endian, in this order — magic;
    /// `inventory_len`, `longest`; `words`, `word_alt` (string lists); `letters`, `skel_letters`
    /// (code points); `word_ids`; the trie (six u32 per node: its children's, words' and spellings'
    /// ranges), `child_letter`, `child_node`, `node_words`; the spellings (three u32 each: offset,
    /// length | lcp << 16, slot), `spell_letters`; `bound_other`; then `letter_logp` and
    /// `bound_seen`, each as its segments (sorted) and their arrays one after another; the
    /// precomputed candidates; `words2` (two u32 LM ids per word, sorted). Arrays are counted
    /// (`packed::Writer`).
    pub fn tables_to_bytes(&self) -> Vec<u8> {
        let mut w = packed::Writer(TABLES_MAGIC.to_vec());
        w.u32(self.inventory_len as u32);
        w.u32(self.longest as u32);
        w.strs(&self.words);
        w.strs(&self.word_alt);
        w.u32s(&self.letters.iter().map(|&c| c as u32).collect::<Vec<_>>());
        w.u32s(&self.skel_letters.iter().map(|&c| c as u32).collect::<Vec<_>>());
        w.u32s(&self.word_ids);
        w.u32s(&self.trie.iter().flat_map(|n| [n.children.0, n.children.1, n.words.0, n.words.1, n.spells.0, n.spells.1]).collect::<Vec<_>>());
        w.u16s(&self.child_letter);
        w.u32s(&self.child_node);
        w.u32s(&self.node_words);
        w.u32s(&self.spells.iter().flat_map(|sp| [sp.off, sp.len as u32 | (sp.lcp as u32) << 16, sp.slot]).collect::<Vec<_>>());
        w.u16s(&self.spell_letters);
        w.f32s(&self.bound_other);
        for map in [&self.letter_logp, &self.bound_seen] {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            w.strs(&keys.iter().map(|k| k.as_str()).collect());
            w.f32s(&keys.iter().flat_map(|k| map[*k].iter().copied()).collect::<Vec<_>>());
        }
        // The precomputed candidates, with the parameters they were searched with.
        let p = &self.pre;
        w.f32s(&[p.margin, p.lm_weight]);
        w.u32(p.per_token);
        w.strs(&p.keys);
        w.u32s(&p.ends);
        w.u32s(&p.words);
        w.f32s(&p.logp);
        let mut words2: Vec<u64> = self.words2.iter().copied().collect();
        words2.sort_unstable();
        w.u32s(&words2.iter().flat_map(|&k| [(k >> 32) as u32, k as u32]).collect::<Vec<_>>());
        w.0
    }

    /// The repairer of `lm` and `channel` with its tables read from [`OcrRepair::tables_to_bytes`]'
    /// layout (which must have been written for that model and channel: the shipped files are
    /// checked by a test). Every index is checked against its array.
    pub fn from_tables(lm: Model, channel: &ChannelCounts, params: Params, bytes: &[u8]) -> Result<OcrRepair, String> {
        let bad = |what: &str| format!("OCR tables file: {what} out of range");
        let mut r = packed::Reader(bytes);
        if r.take(TABLES_MAGIC.len())? != TABLES_MAGIC {
            return Err("not a kehoach OCR tables file (or an older format)".into());
        }
        let inventory_len = r.u32()? as usize;
        let longest = r.u32()? as usize;
        let words = r.strs()?;
        let word_alt = r.strs()?;
        let chars = |v: Vec<u32>| v.into_iter().map(|c| char::from_u32(c).ok_or_else(|| bad("a letter"))).collect::<Result<Vec<char>, String>>();
        let letters = chars(r.u32s()?)?;
        let skel_letters = chars(r.u32s()?)?;
        let word_ids = r.u32s()?;
        let flat_nodes = r.u32s()?;
        let child_letter = r.u16s()?;
        let child_node = r.u32s()?;
        let node_words = r.u32s()?;
        let flat_spells = r.u32s()?;
        let spell_letters = r.u16s()?;
        let bound_other = r.f32s()?;
        let mut maps = Vec::with_capacity(2);
        for width in [letters.len(), skel_letters.len()] {
            let keys = r.strs()?;
            let values = r.f32s()?;
            if values.len() != keys.len() * width {
                return Err(bad("a segment table"));
            }
            let map: FxHashMap<String, Box<[f32]>> = keys.iter().enumerate().map(|(i, k)| (k.to_string(), values[i * width..(i + 1) * width].into())).collect();
            maps.push(map);
        }
        let searched_with = r.f32s()?;
        let per_token = r.u32()?;
        let (keys, ends, pre_words, logp) = (r.strs()?, r.u32s()?, r.u32s()?, r.f32s()?);
        let flat_words2 = r.u32s()?;
        r.finish()?;
        if flat_words2.len() % 2 != 0 || flat_words2.iter().any(|&id| id as usize >= lm.len().max(1)) {
            return Err(bad("a two-syllable word"));
        }
        let words2: rustc_hash::FxHashSet<u64> = flat_words2.chunks_exact(2).map(|p| pair(p[0], p[1])).collect();
        if searched_with.len() != 2 || ends.len() != keys.len() || pre_words.len() != logp.len() || ends.windows(2).any(|e| e[0] > e[1]) || ends.last().is_some_and(|&e| e as usize != logp.len()) {
            return Err(bad("the precomputed candidates"));
        }
        if pre_words.iter().any(|&wi| wi as usize >= words.len()) {
            return Err(bad("a precomputed candidate"));
        }
        // Lists searched under other parameters are not this repairer's: left out.
        let pre = if searched_with[0] == params.margin && searched_with[1] == params.lm_weight && per_token as usize == params.per_token {
            Precomputed { index: StrIndex::new(&keys), keys, ends, words: pre_words, logp, margin: searched_with[0], lm_weight: searched_with[1], per_token }
        } else {
            Precomputed::default()
        };
        let bound_seen = maps.pop().unwrap();
        let letter_logp = maps.pop().unwrap();
        let n = words.len();
        if word_alt.len() != n || word_ids.len() != n || inventory_len > n || word_ids.iter().any(|&i| i as usize >= lm.len().max(1)) {
            return Err(bad("a word"));
        }
        if flat_nodes.len() % 6 != 0 || flat_spells.len() % 3 != 0 || child_letter.len() != child_node.len() || bound_other.len() != skel_letters.len() * (super::channel::MAX_SEG + 1) {
            return Err(bad("an array"));
        }
        let trie: Vec<TrieNode> = flat_nodes.chunks_exact(6).map(|x| TrieNode { children: (x[0], x[1]), words: (x[2], x[3]), spells: (x[4], x[5]) }).collect();
        let spells: Vec<Spell> = flat_spells.chunks_exact(3).map(|x| Spell { off: x[0], len: x[1] as u16, lcp: (x[1] >> 16) as u16, slot: x[2] }).collect();
        let range_ok = |(a, b): (u32, u32), len: usize| a <= b && b as usize <= len;
        for t in &trie {
            let nw = (t.words.1 - t.words.0.min(t.words.1)) as usize;
            if !range_ok(t.children, child_node.len()) || !range_ok(t.words, node_words.len()) || !range_ok(t.spells, spells.len()) {
                return Err(bad("a trie node"));
            }
            if spells[t.spells.0 as usize..t.spells.1 as usize].iter().any(|sp| sp.slot as usize >= 2 * nw) {
                return Err(bad("a spelling"));
            }
        }
        if trie.is_empty()
            || child_node.iter().any(|&c| c as usize >= trie.len())
            || child_letter.iter().any(|&x| x as usize >= skel_letters.len())
            || node_words.iter().any(|&w| w as usize >= n)
            || spell_letters.iter().any(|&c| c as usize >= letters.len())
            || spells.iter().any(|sp| sp.lcp > sp.len || sp.len as usize > longest || sp.off as usize + sp.len as usize > spell_letters.len())
        {
            return Err(bad("the trie"));
        }
        let names = name_words(&lm);
        let sep = lm.id(lm::SEP);
        Ok(OcrRepair {
            lm,
            channel: Channel::from_counts(channel),
            params,
            words,
            word_alt,
            inventory_len,
            spells,
            spell_letters,
            longest,
            letters,
            letter_logp,
            skel_letters,
            word_ids,
            trie,
            child_letter,
            child_node,
            node_words,
            bound_other,
            bound_seen,
            pre,
            pre_hits: AtomicUsize::new(0),
            searches: AtomicUsize::new(0),
            cache: Mutex::new(FxHashMap::default()),
            slots: RwLock::new(FxHashMap::default()),
            caps_slots: RwLock::new(FxHashMap::default()),
            name_words: names,
            sep,
            words2,
        })
    }

    /// Candidate lists for `keys` (lower-case OCR cores) worked out now, by the search, and kept:
    /// `candidates` then reads them instead of searching (`rules/lm/ocr-tables.bin` holds the
    /// shipped model's, for [`candidate_keys`]).
    pub fn precompute<'a>(&mut self, keys: impl IntoIterator<Item = &'a str>) {
        let mut keys: Vec<&str> = keys.into_iter().collect();
        keys.sort_unstable();
        keys.dedup();
        let mut p = Precomputed { margin: self.params.margin, lm_weight: self.params.lm_weight, per_token: self.params.per_token as u32, ..Precomputed::default() };
        for k in keys {
            for (s, wi) in self.search(k) {
                p.words.push(wi);
                p.logp.push(s);
            }
            p.keys.push(k);
            p.ends.push(p.words.len() as u32);
        }
        p.index = StrIndex::new(&p.keys);
        self.pre = p;
    }

    /// How many candidate lists were read from the precomputed ones, and how many searched.
    pub fn candidate_counts(&self) -> (usize, usize) {
        (self.pre_hits.load(Ordering::Relaxed), self.searches.load(Ordering::Relaxed))
    }

    /// Whether `a b` is a two-syllable word of the dictionary (rules/lm/words2.txt, both syllables
    /// known to the language model), case and tone-mark placement style aside.
    pub fn dictionary_word(&self, a: &str, b: &str) -> bool {
        let id = |x: &str| self.lm.id(&lm::token_of(x));
        self.words2.contains(&pair(id(a), id(b)))
    }

    /// Candidates for one lower-case OCR word core, best first: precomputed, or searched.
    fn candidates(&self, core: &str) -> Vec<Cand> {
        if let Some(c) = self.cache.lock().unwrap().get(core) {
            return c.clone();
        }
        let out: Vec<Cand> = match self.pre.index.get(&self.pre.keys, core) {
            Some(i) => {
                self.pre_hits.fetch_add(1, Ordering::Relaxed);
                let start = if i == 0 { 0 } else { self.pre.ends[i - 1] as usize };
                (start..self.pre.ends[i] as usize).map(|e| self.cand(self.pre.words[e], self.pre.logp[e])).collect()
            }
            None => {
                self.searches.fetch_add(1, Ordering::Relaxed);
                self.search(core).into_iter().map(|(s, wi)| self.cand(wi, s)).collect()
            }
        };
        self.cache.lock().unwrap().insert(core.to_string(), out.clone());
        out
    }

    /// The candidate of word `wi` at channel log P `s`.
    fn cand(&self, wi: u32, s: f32) -> Cand {
        let form = self.words.get(wi as usize);
        // Output in the plans' tone-mark style ("hóa", "Ủy"); the LM knows both as one token.
        let alt = self.word_alt.get(wi as usize);
        let form = if !alt.is_empty() {
            // (`other_tone_style`: the classic style where it differs)
            alt.to_string()
        } else if (wi as usize) < self.inventory_len {
            // (an inventory form with no other style is in the classic style)
            form.to_string()
        } else {
            classic_tone_style(form)
        };
        Cand { lm_id: self.word_ids[wi as usize], second: NONE, form, logp: s }
    }

    /// The search for one lower-case OCR core's candidates: (channel log P, word index), best
    /// first by channel and unigram, at most `per_token`.
    fn search(&self, core: &str) -> Vec<(f32, u32)> {
        // Where each character of the token starts (and its end): the token has m characters.
        let mut at: Vec<usize> = core.char_indices().map(|(i, _)| i).collect();
        at.push(core.len());
        let m = at.len() - 1;
        let mut found: Vec<(f32, u32)> = Vec::new();
        let mut best = f32::NEG_INFINITY;
        let margin = self.params.margin;
        // Depth-first over skeletons; a row holds, for each OCR prefix length, the best score of
        // emitting it from the skeleton so far (an upper bound over the letters of each skeleton
        // letter, so pruning against the best complete word never drops a better one). The rows of
        // the nodes waiting on the stack live one after another in `rows` (m + 1 each).
        let w1 = m + 1;
        let mut stack: Vec<u32> = vec![0];
        let mut rows: Vec<f32> = vec![f32::NEG_INFINITY; w1];
        rows[0] = 0.0;
        // Every OCR segment (end j, length l) at index j·4 + l, and per letter the channel's log P of
        // each, tabulated once per token: the search below then only adds numbers.
        const W: usize = super::channel::MAX_SEG + 1;
        let segs: Vec<&str> = (0..w1 * W).map(|k| if k % W <= k / W { &core[at[k / W - k % W]..at[k / W]] } else { "" }).collect();
        let seg_entries: Vec<super::channel::Segment> = segs.iter().map(|s| self.channel.segment(s)).collect();
        let seg_letters: Vec<Option<&[f32]>> = segs.iter().map(|s| self.letter_logp.get(*s).map(|v| &v[..])).collect();
        let seg_bounds: Vec<Option<&[f32]>> = segs.iter().map(|s| self.bound_seen.get(*s).map(|v| &v[..])).collect();
        // Rows tabulated on first use: per skeleton letter its bounds, per letter its log P, of
        // each segment (a row is empty until filled).
        let mut bound_rows: Vec<Vec<f32>> = vec![Vec::new(); self.skel_letters.len()];
        let mut letter_rows: Vec<Vec<f32>> = vec![Vec::new(); self.letters.len()];
        // Alignment rows, one per letter of a spelling (row 0: nothing aligned yet).
        let mut dp = vec![f32::NEG_INFINITY; (self.longest + 1) * w1];
        dp[0] = 0.0;
        let mut scores: Vec<f32> = Vec::new();
        let mut row = vec![f32::NEG_INFINITY; w1];
        let mut next = vec![f32::NEG_INFINITY; w1];
        let mut children: Vec<(f32, u32, usize)> = Vec::new();
        let mut child_rows: Vec<f32> = Vec::new();
        while let Some(node) = stack.pop() {
            row.copy_from_slice(&rows[rows.len() - w1..]);
            rows.truncate(rows.len() - w1);
            if max_of(&row) <= best - margin {
                continue;
            }
            let n = self.trie[node as usize];
            let n_words = &self.node_words[n.words.0 as usize..n.words.1 as usize];
            if !n_words.is_empty() && row[m] > best - margin {
                // The channel's best alignment of each spelling with the OCR token
                // (`Channel::score`), row by row in `dp`: a spelling takes the rows of the letters
                // it shares with the one before.
                scores.clear();
                scores.resize(2 * n_words.len(), f32::NEG_INFINITY);
                for sp in &self.spells[n.spells.0 as usize..n.spells.1 as usize] {
                    for d in sp.lcp as usize..sp.len as usize {
                        let c = self.spell_letters[sp.off as usize + d] as usize;
                        let lr = &mut letter_rows[c];
                        if lr.is_empty() {
                            fill_row(lr, &seg_letters, c, |k| self.channel.logp_of(self.letters[c], seg_entries[k]));
                        }
                        let (done, rest) = dp.split_at_mut((d + 1) * w1);
                        max_plus(&done[d * w1..], lr, &mut rest[..w1]);
                    }
                    scores[sp.slot as usize] = dp[sp.len as usize * w1 + m];
                }
                // A word scores its better spelling.
                for (k, &wi) in n_words.iter().enumerate() {
                    let s = fmax(scores[2 * k], scores[2 * k + 1]);
                    if s > best - margin {
                        found.push((s, wi));
                        best = fmax(best, s);
                    }
                }
            }
            for e in n.children.0 as usize..n.children.1 as usize {
                let (x, child) = (self.child_letter[e], self.child_node[e]);
                let br = &mut bound_rows[x as usize];
                if br.is_empty() {
                    fill_row(br, &seg_bounds, x as usize, |k| self.bound_other[x as usize * W + k % W]);
                }
                max_plus(&row, br, &mut next);
                let top = max_of(&next);
                if top > best - margin && top > FLOOR {
                    children.push((top, child, child_rows.len()));
                    child_rows.extend_from_slice(&next);
                }
            }
            // The most promising child is searched first: a good complete word found early prunes
            // the rest of the search.
            children.sort_by(|a, b| a.0.total_cmp(&b.0));
            for (_, c, at) in children.drain(..) {
                stack.push(c);
                rows.extend_from_slice(&child_rows[at..at + w1]);
            }
            child_rows.clear();
        }
        found.retain(|(s, _)| *s > best - margin);
        // Shortlist by channel and how common the word is: many tone variants fit a mark-less OCR
        // word equally well, and the rare ones must not crowd out the common one.
        let lw = self.params.lm_weight;
        let prior = |wi: u32| lw * self.lm.unigram_logp(self.word_ids[wi as usize]);
        found.sort_by_cached_key(|&(s, wi)| std::cmp::Reverse(ordered(s + prior(wi))));
        found.truncate(self.params.per_token);
        found
    }

    /// The OCR core (lower-case) kept as it is, as a candidate at channel score `logp`.
    fn kept(&self, core: &str, logp: f32) -> Cand {
        Cand { lm_id: self.lm.id(&lm::token_of(core)), second: NONE, form: core.to_string(), logp }
    }

    /// Candidates for a word set in capitals (lower-case core): an English OCR drops the marks of
    /// capitals rather than writing look-alikes, so every syllable with the token's bare letters
    /// fits it equally (`Params::caps_bare_logp`) and the language model chooses; the channel's
    /// own candidates stay, at `caps_other_logp` more ("BOI" for "ĐỔI").
    fn caps_candidates(&self, word: &str) -> Vec<Cand> {
        let lower = word.to_lowercase();
        let core = lower.as_str();
        let mut out: Vec<Cand> = self.candidates(core);
        for c in &mut out {
            c.logp += self.params.caps_other_logp;
        }
        // A lower-case 'i' among capitals is an "I" with a mark above it ("CHi" for "CHỈ", "PHi"
        // for "PHÍ"): the OCR took the mark for the dot of an "i".
        let dotted: Vec<usize> = word.chars().enumerate().filter(|(_, c)| *c == 'i').map(|(k, _)| k).collect();
        let fits = |form: &str| dotted.iter().all(|&k| form.chars().nth(k).is_some_and(|c| matches!(c, 'í' | 'ì' | 'ỉ' | 'ĩ')));
        match self.inventory_with_skeleton(core) {
            Some(ids) => {
                for &wi in ids {
                    if !fits(self.words.get(wi as usize)) {
                        continue;
                    }
                    let c = self.cand(wi, self.params.caps_bare_logp);
                    match out.iter_mut().find(|o| o.lm_id == c.lm_id && o.form == c.form) {
                        Some(o) => o.logp = fmax(o.logp, c.logp),
                        None => out.push(c),
                    }
                }
            }
            // Letters that spell no syllable: as likely an abbreviation ("VC", "TW") as any reading.
            None => {
                out.retain(|c| c.form != core);
                out.push(self.kept(core, self.params.caps_other_logp));
                out.extend(self.caps_split_candidates(word));
            }
        }
        let lw = self.params.lm_weight;
        let second = |c: &Cand| if c.second == NONE { 0.0 } else { self.lm.unigram_logp(c.second) };
        let prior = |c: &Cand| c.logp + lw * (self.lm.unigram_logp(c.lm_id) + second(c));
        out.sort_by(|a, b| prior(b).total_cmp(&prior(a)));
        out.truncate(self.params.per_token);
        out
    }

    /// Two-syllable readings of a word in capitals whose letters spell no syllable: two words run
    /// together, as an English OCR reads a title's letter-spaced "K Ế  H O Ạ C H" ("KEHOACH"). Each
    /// side is read as a word in capitals is (its bare letters, marks dropped, at `caps_bare_logp`),
    /// at `split_logp` for the split; six letters or more, and none the language model knows as it
    /// is, as for [`Self::is_abbreviation`] ("OCOP" is no "Ô CỌP"). The best few by the language
    /// model's unigram and bigram.
    fn caps_split_candidates(&self, word: &str) -> Vec<Cand> {
        let chars: Vec<char> = word.chars().collect();
        let lower = word.to_lowercase();
        if chars.len() < 6 || self.lm.id(&lower) != 0 {
            return Vec::new();
        }
        let lower: Vec<char> = lower.chars().collect();
        // (a lower-case 'i' among capitals is a marked "I", as in `caps_candidates`)
        let fits = |form: &str, from: usize| form.chars().zip(&chars[from..]).all(|(f, &o)| o != 'i' || matches!(f, 'í' | 'ì' | 'ỉ' | 'ĩ'));
        let mut out: Vec<Cand> = Vec::new();
        for k in 1..chars.len() {
            let (a, b): (String, String) = (lower[..k].iter().collect(), lower[k..].iter().collect());
            let (Some(xs), Some(ys)) = (self.inventory_with_skeleton(&a), self.inventory_with_skeleton(&b)) else { continue };
            for &x in xs.iter().filter(|&&x| fits(self.words.get(x as usize), 0)) {
                let cx = self.cand(x, self.params.caps_bare_logp);
                for &y in ys.iter().filter(|&&y| fits(self.words.get(y as usize), k)) {
                    out.push(self.run_together(&cx, &self.cand(y, self.params.caps_bare_logp)));
                }
            }
        }
        // (every reading has the same channel score: the language model ranks them)
        let lw = self.params.lm_weight;
        self.best_two_word(out, |c| lw * (self.lm.unigram_logp(c.lm_id) + self.lm.bigram_context(c.lm_id).p(&self.lm, c.second).max(1e-12).ln()))
    }

    /// `x` then `y` read as one OCR word (two words run together), at `split_logp` for the split.
    fn run_together(&self, x: &Cand, y: &Cand) -> Cand {
        Cand { form: format!("{} {}", x.form, y.form), lm_id: x.lm_id, second: y.lm_id, logp: x.logp + y.logp + self.params.split_logp }
    }

    /// The best `SPLIT_KEEP` two-word readings of a token by `prior`, best first.
    fn best_two_word(&self, mut out: Vec<Cand>, prior: impl Fn(&Cand) -> f32) -> Vec<Cand> {
        out.sort_by(|a, b| prior(b).total_cmp(&prior(a)));
        out.truncate(SPLIT_KEEP);
        out
    }

    /// The inventory's syllables whose skeleton is `skel` (indices into `words`, ascending: what
    /// `inventory().by_skeleton` holds), found in the skeleton trie (none: `None`), so that the
    /// shipped repairer does not build the inventory.
    fn inventory_with_skeleton(&self, skel: &str) -> Option<&[u32]> {
        let mut node = self.trie[0];
        for c in skel.chars() {
            let x = self.skel_letters.iter().position(|&y| y == c)? as u16;
            let e = (node.children.0..node.children.1).find(|&e| self.child_letter[e as usize] == x)?;
            node = self.trie[self.child_node[e as usize] as usize];
        }
        let ws = &self.node_words[node.words.0 as usize..node.words.1 as usize];
        // (a node's words ascend, the inventory's first)
        let n = ws.iter().take_while(|&&wi| (wi as usize) < self.inventory_len).count();
        (n > 0).then(|| &ws[..n])
    }

    /// Whether a capital word is an abbreviation to keep as it is ("KPI", "IOC", "KH&CN"): three or
    /// more capitals (and '&' between them) whose bare letters spell no Vietnamese syllable. An
    /// English OCR keeps the letters of capitals (it drops their marks), so such a word was not
    /// one; a long one that splits into two syllables is two words run together ("KEHOACH").
    fn is_abbreviation(&self, core: &str) -> bool {
        let n = core.chars().count();
        if n < 3 || !core.chars().all(|c| c.is_ascii_uppercase() || c == '&') || core.starts_with('&') || core.ends_with('&') {
            return false;
        }
        if core.contains('&') {
            return true;
        }
        let lower = core.to_ascii_lowercase();
        let syllable = |s: &str| self.inventory_with_skeleton(s).is_some();
        if syllable(&lower) {
            return false;
        }
        !(n >= 6 && (1..n).any(|k| syllable(&lower[..k]) && syllable(&lower[k..])))
    }

    /// Everything the decoder considers for one OCR word core (`word`; `caps`: set in capitals):
    /// its word candidates, the token itself (kept as it is), and two-word readings where no single
    /// word fits it well. Computed once per distinct core and shared.
    fn slot_candidates(&self, word: &str, caps: bool) -> Arc<[Cand]> {
        // (the capitals' candidates depend on the case of an 'i')
        let lower_word;
        let (memo, key) = if caps {
            (&self.caps_slots, word)
        } else {
            lower_word = word.to_lowercase();
            (&self.slots, lower_word.as_str())
        };
        if let Some(c) = memo.read().unwrap().get(key) {
            return c.clone();
        }
        let lower = word.to_lowercase();
        let lower = lower.as_str();
        let mut cands = if caps { self.caps_candidates(word) } else { self.candidates(lower) };
        if !cands.iter().any(|c| c.form == lower) {
            cands.push(self.kept(lower, self.params.keep_logp));
        }
        // Two words run together: tried where no single word fits the token well.
        let best = cands.first().map(|c| c.logp).unwrap_or(f32::NEG_INFINITY);
        // A token the language model knows as it is ("cbccvc") is not two words.
        if lower.chars().count() >= MIN_SPLIT_LEN && best < self.params.split_below && self.lm.id(lower) == 0 {
            cands.extend(self.split_candidates(lower));
        }
        let cands: Arc<[Cand]> = cands.into();
        memo.write().unwrap().insert(key.to_string(), cands.clone());
        cands
    }

    /// The candidates of one OCR word (lower-case) with their channel log P, best first (diagnostics).
    pub fn candidates_of(&self, core: &str) -> Vec<(String, f32)> {
        self.candidates(&core.to_lowercase()).into_iter().map(|c| (c.form, c.logp)).collect()
    }

    /// Two-word readings of an OCR word that may be two words run together ("kéhoach" for
    /// "kế hoạch"): at each split point, the best few candidates of each side, at a cost per split.
    fn split_candidates(&self, core: &str) -> Vec<Cand> {
        let chars: Vec<char> = core.chars().collect();
        let mut out: Vec<Cand> = Vec::new();
        if chars.len() < MIN_SPLIT_LEN {
            return out;
        }
        for k in 1..chars.len() {
            let a: String = chars[..k].iter().collect();
            let b: String = chars[k..].iter().collect();
            let (ca, cb) = (self.candidates(&a), self.candidates(&b));
            for x in ca.iter().take(SPLIT_SIDE) {
                for y in cb.iter().take(SPLIT_SIDE) {
                    out.push(self.run_together(x, y));
                }
            }
        }
        let lw = self.params.lm_weight;
        self.best_two_word(out, |c| c.logp + lw * (self.lm.unigram_logp(c.lm_id) + self.lm.unigram_logp(c.second)))
    }

    /// Respells the capital abbreviations inside a code ("ND-CP" → "NĐ-CP", "KH/BCD" → "KH/BCĐ"): an
    /// English OCR reads "Đ" as "D"; the form the language model knows wins.
    fn respell_code(&self, code: &str) -> String {
        if let Some(numeral) = roman_misread(code) {
            return numeral;
        }
        let mut out = String::with_capacity(code.len() + 4);
        // A document code ("204-QĐ/TW": capitals, digits, '-' and '/') holds no underscore: one
        // there is a speck the OCR read ("204-QD_/TW").
        let shape = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '-' | '/' | '_' | '.');
        let despecked: String;
        let code = if code.contains('_') && code.contains(['/', '-']) && code.chars().all(shape) {
            despecked = code.replace('_', "");
            despecked.as_str()
        } else {
            code
        };
        let misread: String;
        let code = match misread_symbols(code) {
            Some(m) => {
                misread = m;
                misread.as_str()
            }
            None => code,
        };
        let chars: Vec<char> = code.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_ascii_uppercase() {
                out.push(chars[i]);
                i += 1;
                continue;
            }
            let mut j = i;
            while j < chars.len() && chars[j].is_ascii_uppercase() {
                j += 1;
            }
            let run: String = chars[i..j].iter().collect();
            out.push_str(&self.respell_caps(&run));
            i = j;
        }
        out
    }

    fn respell_caps(&self, run: &str) -> String {
        if run.chars().count() < 2 || !run.contains('D') {
            return run.to_string();
        }
        // A document symbol of the rules ("QĐ" in "204-QĐ/TW") wins outright over a run that is none,
        // and so do two symbols written together ("BCĐTW" in "02-KH/BCĐTW").
        let documents = &crate::rules::Rules::get().documents;
        // A run that is no symbol as read but one with some 'D's written 'Đ' ("QD" → "QĐ"), or with
        // "DD" written 'Đ': the OCR saw an "Đ" as two letters, the crossbar as a speck between them
        // ("204-QD_D/TW", "QDD" once the speck is gone).
        let as_symbol = |x: &str| -> Option<String> {
            d_variants(x).find(|v| documents.is_symbol(v)).or_else(|| Some(x.replacen("DD", "Đ", 1)).filter(|v| x.contains("DD") && documents.is_symbol(v)))
        };
        if !documents.is_symbol(run) {
            if let Some(v) = as_symbol(run) {
                return v;
            }
            for (k, _) in run.char_indices().skip(2) {
                let (left, right) = run.split_at(k);
                if right.chars().count() < 2 {
                    continue;
                }
                let side = |x: &str| if documents.is_symbol(x) { Some(x.to_string()) } else { as_symbol(x) };
                if let (Some(a), Some(b)) = (side(left), side(right)) {
                    return a + &b;
                }
            }
        }
        let known = |w: &str| {
            let id = self.lm.id(&w.to_lowercase());
            (id != 0).then(|| self.lm.unigram_logp(id))
        };
        let mut best = (known(run).unwrap_or(f32::NEG_INFINITY), run.to_string());
        for v in d_variants(run) {
            if let Some(lp) = known(&v) {
                if lp > best.0 + 1.0 {
                    best = (lp, v);
                }
            }
        }
        best.1
    }

    /// Repairs a sequence of whitespace-free OCR tokens as one stretch of text; `context` carries
    /// the last two LM tokens across calls. Returns one string per token (a token read as two
    /// words run together comes back with a space inside).
    pub fn repair_tokens(&self, toks: &[&str], context: &mut (u32, u32)) -> Vec<String> {
        self.repair_tokens_with(toks, context, None)
    }

    /// Repairs a document given as lines of whitespace-free OCR tokens, in one pass with a cache
    /// model: the document's reading so far, as a small bigram model of the document itself, is
    /// mixed into the language model for each next line. A word the OCR damaged beyond doubt in one
    /// place ("S@ Khoa học" is "Sở Khoa học") then decides its look-alikes further on ("So Khoa
    /// học"). Returns one string per token.
    pub fn repair_doc_tokens(&self, lines: &[Vec<&str>]) -> Vec<Vec<String>> {
        self.repair_doc_tokens_in_cells(lines, &[])
    }

    /// [`Self::repair_doc_tokens`], each line's language-model context taken from the line
    /// `follows` names for it (the line before when none is given).
    pub fn repair_doc_tokens_in_cells(&self, lines: &[Vec<&str>], follows: &[super::Follows]) -> Vec<Vec<String>> {
        self.read_doc(lines, follows, false).0
    }

    /// [`Self::repair_doc_tokens_in_cells`], and per token the [`Doubt`] of its reading (`None`:
    /// no other candidate came near).
    pub fn repair_doc_tokens_doubted(&self, lines: &[Vec<&str>], follows: &[super::Follows]) -> (Vec<Vec<String>>, Vec<Vec<Option<Doubt>>>) {
        self.read_doc(lines, follows, true)
    }

    fn read_doc(&self, lines: &[Vec<&str>], follows: &[super::Follows], doubted: bool) -> (Vec<Vec<String>>, Vec<Vec<Option<Doubt>>>) {
        use super::Follows;
        let joined: Vec<Vec<std::borrow::Cow<str>>> = lines.iter().map(|l| l.iter().map(|t| horn_joined(t)).collect()).collect();
        let lines: Vec<Vec<&str>> = joined.iter().map(|l| l.iter().map(|t| t.as_ref()).collect()).collect();
        let mut doubts: Vec<Vec<Option<Doubt>>> = Vec::with_capacity(if doubted { lines.len() } else { 0 });
        // (Session 9: the cache was the first pass's reading of the whole document, mixed in for a
        // second pass at weight 0.2. Built online, at weight 0.05, it reads better on every held-out
        // figure (repair-check 91.22 / 91.98 / 90.35% against 90.48 / 91.20 / 89.20%; scanned
        // cells +0.1 to +0.8 points) and decodes each line once: a first reading's mistakes
        // reinforced themselves in the second pass.)
        let mut cache = DocCache::new(self.lm.len());
        let mut ends: Vec<(u32, u32)> = Vec::with_capacity(lines.len());
        let mut out = Vec::with_capacity(lines.len());
        // Each line's plan, choice and starting context, kept for `rescore_last`.
        let mut kept: Vec<(Plan, Option<Vec<u16>>, (u32, u32))> = Vec::with_capacity(lines.len());
        for (k, line) in lines.iter().enumerate() {
            let before = match follows.get(k).copied().unwrap_or_default() {
                Follows::Previous => k.checked_sub(1),
                Follows::Line(j) => Some(j),
                Follows::Nothing => None,
            };
            let mut ctx = before.and_then(|j| ends.get(j).copied()).unwrap_or_else(|| self.start());
            let start = ctx;
            let plan = self.plan(line);
            let use_cache = self.params.cache_weight > 0.0 && cache.total > 0.0;
            let choice = self.decode(&plan, &mut ctx, use_cache.then_some(&cache));
            let read = self.render(&plan, choice.as_deref());
            if doubted {
                doubts.push(choice.as_deref().map_or_else(|| vec![None; read.len()], |c| self.doubts(&plan, c, start, &read)));
            }
            if self.params.cache_weight > 0.0 {
                cache.add_ids(&chosen_ids(&plan, choice.as_deref(), self.sep));
            }
            // The line this one continues gets its last word chosen again, now that the words after
            // it are read (session 13: check --scanned, cell-text syllables 95.65 / 94.80 / 93.81 /
            // 95.52% → 95.97 / 95.14 / 94.03 / 95.89%; repair-check's text lines unchanged within
            // 0.01). Its reading so far (the cache model, the context this line started from) keeps
            // the first choice.
            if let Some(j) = before {
                let next = chosen_ids(&plan, choice.as_deref(), self.sep);
                let next_joined = plan.slots.first().is_some_and(|s| s.joined);
                if let (Some(better), (p, Some(c), _)) = (self.rescore_last(&kept[j], &next, next_joined), &mut kept[j]) {
                    let last = c.len() - 1;
                    c[last] = better;
                    let before: Vec<String> = std::mem::replace(&mut out[j], self.render(p, Some(c)));
                    // (a doubt whose other reading this now is: the first reading is the other)
                    if let Some(Some(d)) = doubts.get_mut(j).and_then(|d| d.last_mut()) {
                        if let (Some(other), Some(now), Some(was)) = (&mut d.other, out[j].last(), before.last()) {
                            if other == now {
                                *other = was.clone();
                            }
                        }
                    }
                }
            }
            out.push(read);
            ends.push(ctx);
            kept.push((plan, choice, start));
        }
        // (`drop_speck_stop` works within a line only: the line a line follows may be another
        // cell's, whose full stop is real.)
        (out, doubts)
    }

    /// Per token of a decoded line (`read`, as rendered): its [`Doubt`] when another candidate of
    /// one of its words scores within `Params::doubt_margin` of the chosen one, all else as chosen.
    /// Scored without the document cache: the cache holds the document's own earlier choices, and
    /// a word read wrong a few times ("dũng tiến độ" for "đúng") grew surer with each. (check
    /// --scanned at margin 3, wrong words flagged with the cache 49 / 52 / 57 / 57% for 8 / 9 / 13
    /// / 9% of words flagged; without it 69 / 71 / 73 / 71% for 13 / 16 / 21 / 14%; at margin 2
    /// without it 60 / 63 / 64 / 59% for 10 / 11 / 15 / 10%: more errors for the same share.)
    fn doubts(&self, plan: &Plan, choice: &[u16], start: (u32, u32), read: &[String]) -> Vec<Option<Doubt>> {
        let n = plan.slots.len();
        // The LM context before each slot, on the chosen path.
        let mut before = Vec::with_capacity(n);
        let (mut u, mut v) = start;
        for k in 0..n {
            before.push((u, v));
            (u, v) = self.state_after(plan, choice, k, (u, v));
        }
        let mut out: Vec<Option<Doubt>> = vec![None; read.len()];
        for (k, slot) in plan.slots.iter().enumerate() {
            if slot.cands.len() < 2 {
                continue;
            }
            let to = (k + 3).min(n);
            let chosen_form = &slot.cands[choice[k] as usize].form;
            // The word's own terms (channel, case, the LM given the words before it, looked up
            // once; without the document cache, a small weight), for every candidate: one whose
            // own terms fall too far below the chosen one's for the two words after it to make up
            // (`RIGHT_SWING`) is not replayed.
            let (u, v) = before[k];
            let (u, v) = if slot.sep { (v, self.sep) } else { (u, v) };
            let left = self.lm.context(u, v);
            let own = |ci: usize| {
                let c = &slot.cands[ci];
                c.logp + slot.case_logp.get(ci).copied().unwrap_or(0.0) + self.params.lm_weight * left.p(&self.lm, c.lm_id).max(1e-12).ln()
            };
            let chosen_own = own(choice[k] as usize);
            let near: Vec<u16> = (0..slot.cands.len() as u16)
                .filter(|&ci| ci != choice[k] && slot.cands[ci as usize].form != *chosen_form && chosen_own - own(ci as usize) <= self.params.doubt_margin + RIGHT_SWING)
                .collect();
            if near.is_empty() {
                continue;
            }
            let chosen = self.replay(plan, choice, None, k, to, &mut before[k].clone());
            let mut best: Option<(f32, u16)> = None;
            for ci in near {
                let margin = chosen - self.replay(plan, choice, Some((k, ci)), k, to, &mut before[k].clone());
                if best.is_none_or(|(m, _)| margin < m) {
                    best = Some((margin, ci));
                }
            }
            let Some((margin, ci)) = best.filter(|&(m, _)| m < self.params.doubt_margin) else { continue };
            if out[slot.tok].as_ref().is_some_and(|d| d.margin <= margin) {
                continue;
            }
            let mut other = choice.to_vec();
            other[k] = ci;
            let alt = self.render(plan, Some(&other)).swap_remove(slot.tok);
            if alt != read[slot.tok] {
                out[slot.tok] = Some(Doubt { margin, other: Some(alt) });
            }
        }
        for (d, t) in out.iter_mut().zip(read) {
            if d.is_none() && self.unreadable(t) {
                *d = Some(Doubt { margin: 0.0, other: None });
            }
        }
        out
    }

    /// A token the repair could not read: [`junk_inside`] it, or a lower-case word of letters that
    /// the language model has never seen ("thytc", "trufc"; the model holds every syllable its
    /// training text has, a rare real one unseen there is worth a look too).
    fn unreadable(&self, t: &str) -> bool {
        let core = t.trim_matches(|c: char| !c.is_alphanumeric());
        let plain_lower = !core.is_empty() && core.chars().all(|c| c.is_alphabetic() && c.is_lowercase());
        junk_inside(t) || plain_lower && self.lm.id(core) == 0
    }

    /// The LM state after slot `k` of the chosen path, given the state before it.
    fn state_after(&self, plan: &Plan, choice: &[u16], k: usize, (mut u, mut v): (u32, u32)) -> (u32, u32) {
        let slot = &plan.slots[k];
        if slot.sep {
            (u, v) = (v, self.sep);
        }
        if slot.cands.is_empty() {
            for &t in &slot.fixed_tokens {
                (u, v) = (v, t);
            }
        } else {
            let c = &slot.cands[choice[k] as usize];
            (u, v) = if c.second == NONE { (v, c.lm_id) } else { (c.lm_id, c.second) };
        }
        (u, v)
    }

    /// The decoder's score of slots `from..to` of a path (the chosen one, with slot `alt.0` read as
    /// candidate `alt.1`), from the LM state `state`, which it moves along; with the line's
    /// trailing separator when `to` is the line's end. Without the document cache (see
    /// [`Self::doubts`]).
    fn replay(&self, plan: &Plan, choice: &[u16], alt: Option<(usize, u16)>, from: usize, to: usize, state: &mut (u32, u32)) -> f32 {
        let cache = None;
        let lw = self.params.lm_weight;
        let (mut u, mut v) = *state;
        let mut s = 0.0;
        for k in from..to {
            let slot = &plan.slots[k];
            if slot.sep {
                s += lw * self.lm_logp(self.lm.context(u, v), self.sep, cache);
                (u, v) = (v, self.sep);
            }
            if slot.cands.is_empty() {
                for (j, &t) in slot.fixed_tokens.iter().enumerate() {
                    let bonus = if j > 0 || slot.joined { self.word_bonus(v, t) } else { 0.0 };
                    s += lw * self.lm_logp(self.lm.context(u, v), t, cache) + bonus;
                    (u, v) = (v, t);
                }
                continue;
            }
            let ci = match alt {
                Some((a, c)) if a == k => c,
                _ => choice[k],
            } as usize;
            let c = &slot.cands[ci];
            s += c.logp + slot.case_logp.get(ci).copied().unwrap_or(0.0);
            s += lw * self.lm_logp(self.lm.context(u, v), c.lm_id, cache) + if slot.joined { self.word_bonus(v, c.lm_id) } else { 0.0 };
            if c.second == NONE {
                (u, v) = (v, c.lm_id);
            } else {
                s += lw * self.lm_logp(self.lm.context(v, c.lm_id), c.second, cache) + self.word_bonus(c.lm_id, c.second);
                (u, v) = (c.lm_id, c.second);
            }
        }
        if to == plan.slots.len() && plan.trailing_sep {
            s += lw * self.lm_logp(self.lm.context(u, v), self.sep, cache);
        }
        *state = (u, v);
        s
    }

    /// A line's last word chosen again with the words that continue it, `next` (the LM ids of the
    /// line that follows it, as read), as its right context: its candidates scored by the channel,
    /// the LM and the dictionary bonus over the two words before it and the two after it. A line
    /// that ends a cell at its right edge ("Nghị quyết ban" | "hành quy định …") was decided with
    /// no right context at all. Returns the candidate when another than the chosen one scores
    /// better; `None` for a line that does not end in a single word with a choice. `next_joined`:
    /// the next line starts with a word (`Slot::joined`), which may make one dictionary word with
    /// this one, as the decoder of that line took it.
    fn rescore_last(&self, line: &(Plan, Option<Vec<u16>>, (u32, u32)), next: &[u32], next_joined: bool) -> Option<u16> {
        let (plan, choice, start) = line;
        let choice = choice.as_ref()?;
        let last = plan.slots.last()?;
        let (t, i) = (last.tok, last.piece);
        if last.cands.len() < 2 || i + 1 != plan.pieces[t].len() || t + 1 != plan.pieces.len() || next.is_empty() {
            return None;
        }
        let chosen = choice[choice.len() - 1] as usize;
        if last.cands[chosen].second != NONE {
            return None;
        }
        let ids = chosen_ids(plan, Some(choice), self.sep);
        let mut all: Vec<u32> = vec![start.0, start.1];
        all.extend_from_slice(&ids[..ids.len() - 1]);
        let (a, b) = (all[all.len() - 2], all[all.len() - 1]);
        let lw = self.params.lm_weight;
        let left = self.lm.context(a, b);
        let score = |ci: usize| -> f32 {
            let c = &last.cands[ci];
            if c.second != NONE {
                return f32::NEG_INFINITY;
            }
            let w = c.lm_id;
            let bonus = if last.joined { self.word_bonus(b, w) } else { 0.0 };
            let mut s = c.logp + last.case_logp.get(ci).copied().unwrap_or(0.0) + lw * left.p(&self.lm, w).max(1e-12).ln() + bonus;
            if plan.trailing_sep {
                // (the separator, then the next line's first word after it)
                s += lw * (self.lm.logp(b, w, self.sep) + self.lm.logp(w, self.sep, next[0]));
                if let Some(&n2) = next.get(1) {
                    s += lw * self.lm.logp(self.sep, next[0], n2);
                }
                return s;
            }
            s += lw * self.lm.logp(b, w, next[0]) + if next_joined { self.word_bonus(w, next[0]) } else { 0.0 };
            if let Some(&n2) = next.get(1) {
                s += lw * self.lm.logp(w, next[0], n2);
            }
            s
        };
        // (each candidate scored once)
        let (mut best, mut best_score, mut chosen_score) = (chosen, f32::NEG_INFINITY, f32::NEG_INFINITY);
        for ci in 0..last.cands.len() {
            let s = score(ci);
            if ci == chosen {
                chosen_score = s;
            }
            if s > best_score {
                (best, best_score) = (ci, s);
            }
        }
        (best != chosen && best_score > chosen_score).then_some(best as u16)
    }

    /// [`Self::word_bonus`] of two words given as text (diagnostics: `examples/why.rs`).
    pub fn dictionary_bonus(&self, v: &str, w: &str) -> f32 {
        self.word_bonus(self.lm.id(&lm::token_of(v)), self.lm.id(&lm::token_of(w)))
    }

    /// A capitalised word's candidates when its capital is a bare vowel: an English OCR drops the
    /// marks of a capital ("Ủy" read "Uy", "Ứng" read "Ung"), as in a word set in capitals, so a
    /// reading whose first letter is that vowel with marks is scored by the channel on the rest of
    /// the word, at `caps_bare_logp` for the capital, where that is better. `None`: no change.
    fn capital_initial(&self, core: &str, cands: &[Cand]) -> Option<Vec<Cand>> {
        let mut chars = core.chars();
        let first = chars.next()?;
        if !matches!(first, 'A' | 'E' | 'I' | 'O' | 'U' | 'Y') || !chars.next().is_some_and(|c| c.is_lowercase()) {
            return None;
        }
        let bare = first.to_ascii_lowercase();
        let ocr_rest: Vec<char> = core.chars().skip(1).flat_map(char::to_lowercase).collect();
        let mut out: Vec<Cand> = cands.to_vec();
        let mut changed = false;
        for c in out.iter_mut().filter(|c| c.second == NONE) {
            let word: Vec<char> = super::syllable::fold_tone_style(&c.form).chars().collect();
            let Some(&w0) = word.first() else { continue };
            if w0 == bare || skeleton(&w0.to_string()) != bare.to_string() {
                continue;
            }
            let s = self.channel.score(&word[1..], &ocr_rest) + self.params.caps_bare_logp;
            if s > c.logp {
                c.logp = s;
                changed = true;
            }
        }
        changed.then_some(out)
    }

    /// `Params::word_bonus` where `v` then `w` is a two-syllable word of the dictionary, else 0.
    fn word_bonus(&self, v: u32, w: u32) -> f32 {
        if self.params.word_bonus != 0.0 && self.words2.contains(&pair(v, w)) {
            self.params.word_bonus
        } else {
            0.0
        }
    }

    /// LM log P of `w` in a context, mixed with the document's cache model when there is one.
    fn lm_logp(&self, ctx: lm::Context, w: u32, cache: Option<&DocCache>) -> f32 {
        let cache_p = cache.map(|c| c.p(ctx.v(), w));
        self.mix_logp(ctx.p(&self.lm, w), cache_p)
    }

    /// The log of an LM probability, mixed with the document cache's when there is one.
    fn mix_logp(&self, p: f32, cache_p: Option<f32>) -> f32 {
        let p = p.max(1e-12);
        match cache_p {
            None => p.ln(),
            Some(c) => {
                let l = self.params.cache_weight;
                ((1.0 - l) * p + l * c).max(1e-12).ln()
            }
        }
    }

    fn repair_tokens_with(&self, toks: &[&str], context: &mut (u32, u32), cache: Option<&DocCache>) -> Vec<String> {
        let joined: Vec<std::borrow::Cow<str>> = toks.iter().map(|t| horn_joined(t)).collect();
        let toks: Vec<&str> = joined.iter().map(|t| t.as_ref()).collect();
        let plan = self.plan(&toks);
        let choice = self.decode(&plan, context, cache);
        self.render(&plan, choice.as_deref())
    }

    /// A line's tokens split into pieces, and each word piece's candidates: what both passes of a
    /// document's decoding share.
    fn plan<'a>(&self, toks: &[&'a str]) -> Plan<'a> {
        let pieces: Vec<Vec<Piece>> = toks.iter().map(|t| split_token(t)).collect();
        let words: Vec<(usize, usize, &str)> = pieces
            .iter()
            .enumerate()
            .flat_map(|(t, ps)| ps.iter().enumerate().filter_map(move |(i, p)| if let Piece::Word(w) = p { Some((t, i, *w)) } else { None }))
            .collect();
        // A stretch set in capitals (a header block) keeps its capitals; elsewhere a short
        // all-capital OCR word ("SG" for "Sở") is an OCR accident, not a capitalised word. A word
        // is in capitals when most of its line is, or a word beside it is ("UBND TỈNH" in a line
        // of mixed case).
        // (words of letters only: a number or a speck, "2025" or "_", is in no case)
        let lettered = words.iter().filter(|(_, _, w)| w.chars().any(char::is_alphabetic)).count();
        let caps_line = words.iter().filter(|(_, _, w)| is_all_caps(w)).count() * 2 > lettered;
        // Whether any piece between word k − 1 and word k (from the line's start for the first)
        // is punctuation.
        let between = |k: usize| {
            let (t, i) = words.get(k).map_or((pieces.len().saturating_sub(1), pieces.last().map_or(0, |p| p.len())), |w| (w.0, w.1));
            let from = k.checked_sub(1).map_or((0, 0), |j| (words[j].0, words[j].1 + 1));
            let pieces = &pieces;
            (from.0..=t).flat_map(move |tt| {
                let lo = if tt == from.0 { from.1 } else { 0 };
                let hi = if tt == t { i } else { pieces[tt].len() };
                pieces.get(tt).and_then(|p| p.get(lo..hi.max(lo))).unwrap_or(&[]).iter()
            })
        };
        let joined = |k: usize| !between(k).any(|p| matches!(p, Piece::Other(x) if x.chars().any(|c| !c.is_whitespace())));
        // A comma or semicolon between word k − 1 and word k (k = the number of words: after the
        // last), with a space after it as `lm::tokens` takes one (not "0,8"): the language model's
        // separator token (`lm::SEP`).
        let sep = |k: usize| {
            let spaced = || words.get(k).is_none_or(|w| w.0 > words[k - 1].0);
            k > 0 && self.sep != 0 && spaced() && between(k).any(|p| matches!(p, Piece::Other(x) if x.contains([',', ';'])))
        };
        let mut slots: Vec<Slot> = Vec::new();
        for (k, &(t, i, core)) in words.iter().enumerate() {
            let beside = |j: Option<usize>| j.and_then(|j| words.get(j)).is_some_and(|(_, _, w)| in_capitals(w));
            let caps = in_capitals(core) && (caps_line || beside(k.checked_sub(1)) || beside(Some(k + 1)));
            // Two capitals without a vowel among capitals ("CBCC, VC") are an abbreviation as three
            // are anywhere (`is_fixed`): an English OCR keeps the letters of capitals, so no vowel
            // was lost.
            // Outside capitals, two such capitals are one when the language model knows them as a
            // word ("của TW": "TW" is in "57-NQ/TW"); "SG" for "Sở" is not.
            let short_abbreviation = core.len() == 2 && vowelless_capitals(core) && (caps || self.lm.id(&core.to_lowercase()) != 0);
            if is_fixed(core) || self.is_abbreviation(core) || is_enumerator(&pieces[t], i) || short_abbreviation {
                let toks = lm::tokens(&roman_misread(core).unwrap_or_else(|| core.to_string())).iter().map(|t| self.lm.id(t)).collect();
                slots.push(Slot { tok: t, piece: i, cands: Arc::from(Vec::new()), fixed_tokens: toks, caps: false, case_logp: Vec::new(), joined: joined(k), sep: sep(k) });
                continue;
            }
            let mut cands = self.slot_candidates(core, caps);
            if !caps {
                if let Some(c) = self.capital_initial(core, &cands) {
                    cands = c.into();
                }
            }
            // A word capitalised inside a sentence is a name's: its readings that no name writes
            // with a capital pay `name_other_logp` (the OCR token kept as it is does not: a foreign
            // or unknown name).
            let case_logp = if !caps && k > 0 && capitalised_inside(&pieces, words[k - 1], (t, i)) {
                let lower = core.to_lowercase();
                cands.iter().map(|c| if (c.form == lower && c.lm_id == 0) || self.name_words.contains(&c.lm_id) { 0.0 } else { self.params.name_other_logp }).collect()
            } else {
                Vec::new()
            };
            slots.push(Slot { tok: t, piece: i, cands, fixed_tokens: Vec::new(), caps, case_logp, joined: joined(k), sep: sep(k) });
        }
        let trailing_sep = sep(words.len());
        Plan { pieces, slots, trailing_sep }
    }

    /// The beam search over a planned line: the chosen candidate of each slot (its index), none
    /// when no hypothesis survived.
    fn decode(&self, plan: &Plan, context: &mut (u32, u32), cache: Option<&DocCache>) -> Option<Vec<u16>> {
        let slots = &plan.slots;
        let lw = self.params.lm_weight;
        // Beam search: every hypothesis extended by every candidate; hypotheses with the same LM
        // state recombine (the better survives) and the best `beam` states go on (`Top`). A
        // hypothesis whose channel score alone cannot enter the kept set is not scored by the LM
        // (an LM log P is never positive), so the pruning changes no result.
        let mut arena: Vec<(usize, u16)> = vec![(usize::MAX, 0)];
        let mut beam = vec![Hyp { score: 0.0, u: context.0, v: context.1, hist: 0 }];
        let mut top = Top::new(self.params.beam, self.params.prune);
        let mut shared = ByLastWord::default();
        let mut contexts: Vec<(lm::Context, usize)> = Vec::with_capacity(self.params.beam);
        for slot in slots.iter() {
            top.clear();
            if slot.sep {
                self.read_sep(&mut beam, cache);
            }
            if slot.cands.is_empty() {
                for h in &beam {
                    let (mut u, mut v, mut s) = (h.u, h.v, h.score);
                    for (j, &t) in slot.fixed_tokens.iter().enumerate() {
                        let bonus = if j > 0 || slot.joined { self.word_bonus(v, t) } else { 0.0 };
                        s += lw * self.lm_logp(self.lm.context(u, v), t, cache) + bonus;
                        u = v;
                        v = t;
                    }
                    top.offer(Hyp { score: s, u, v, hist: h.hist }, 0);
                }
            } else {
                shared.clear();
                // (every hypothesis's contexts looked up together, before any scoring: the look-ups
                // are independent memory reads the processor then overlaps)
                contexts.clear();
                for h in &beam {
                    contexts.push((self.lm.trigram_context(h.u, h.v), shared.add(&self.lm, cache, h.v, slot.cands.len())));
                }
                for (h, &(ctx, k)) in beam.iter().zip(&contexts) {
                    let (bigram, cv, values) = shared.word(k, slot.cands.len());
                    for ((ci, c), value) in slot.cands.iter().enumerate().zip(values.iter_mut()) {
                        let base = h.score + c.logp + slot.case_logp.get(ci).copied().unwrap_or(0.0);
                        if base <= top.threshold() {
                            continue;
                        }
                        if value.0.is_nan() {
                            *value = (bigram.p_bigram(&self.lm, c.lm_id), cache.map_or(f32::NAN, |k| k.p_after(h.v, cv, c.lm_id)));
                        }
                        let (p2, cache_p) = *value;
                        let p = ctx.p_from(&self.lm, c.lm_id, p2);
                        let mut s = base + lw * self.mix_logp(p, cache.is_some().then_some(cache_p)) + if slot.joined { self.word_bonus(h.v, c.lm_id) } else { 0.0 };
                        let (u, v) = if c.second == NONE {
                            (h.v, c.lm_id)
                        } else {
                            s += lw * self.lm_logp(self.lm.context(h.v, c.lm_id), c.second, cache) + self.word_bonus(c.lm_id, c.second);
                            (c.lm_id, c.second)
                        };
                        top.offer(Hyp { score: s, u, v, hist: h.hist }, ci as u16);
                    }
                }
            }
            beam.clear();
            for &(h, ci) in &top.kept {
                arena.push((h.hist, ci));
                beam.push(Hyp { hist: arena.len() - 1, ..h });
            }
        }
        let mut choice = vec![0u16; slots.len()];
        if plan.trailing_sep {
            self.read_sep(&mut beam, cache);
            beam.sort_by(|a, b| b.score.total_cmp(&a.score));
        }
        let best = beam.first()?;
        *context = (best.u, best.v);
        let mut h = best.hist;
        for k in (0..slots.len()).rev() {
            let (parent, ci) = arena[h];
            choice[k] = ci;
            h = parent;
        }
        Some(choice)
    }

    /// Every hypothesis reads the separator token (`lm::SEP`) next.
    fn read_sep(&self, beam: &mut [Hyp], cache: Option<&DocCache>) {
        let lw = self.params.lm_weight;
        for h in beam.iter_mut() {
            h.score += lw * self.lm_logp(self.lm.context(h.u, h.v), self.sep, cache);
            (h.u, h.v) = (h.v, self.sep);
        }
    }

    /// A planned line's tokens with each slot's chosen candidate in place of its word (the tokens
    /// as they were when there is no choice).
    fn render(&self, plan: &Plan, choice: Option<&[u16]>) -> Vec<String> {
        let (pieces, slots) = (&plan.pieces, &plan.slots);
        // (slots are in the order of their pieces)
        let mut next = 0;
        let mut out = Vec::with_capacity(pieces.len());
        for (t, ps) in pieces.iter().enumerate() {
            let mut text = String::new();
            for (i, p) in ps.iter().enumerate() {
                let slot = slots.get(next).filter(|s| s.tok == t && s.piece == i);
                match (slot, choice, p) {
                    (Some(slot), Some(choice), Piece::Word(core)) => {
                        if slot.cands.is_empty() {
                            text.push_str(&self.respell_code(core));
                        } else {
                            text.push_str(&with_case_of(&slot.cands[choice[next] as usize].form, core, slot.caps));
                        }
                    }
                    _ => text.push_str(p.text()),
                }
                if slot.is_some() {
                    next += 1;
                }
            }
            out.push(text);
        }
        for t in 0..out.len().saturating_sub(1) {
            let (a, b) = out.split_at_mut(t + 1);
            drop_speck_stop(&mut a[t], &b[0]);
            // ("cơ quan chủ: trì": across a cell's lines the normaliser does the same,
            // `without_specks_inside_words`)
            if colon_inside_word(self, &a[t], &b[0]) {
                a[t].pop();
            }
        }
        // The word before a document's number is "số" (rules/documents.toml), whatever the
        // language model made of "s6" there ("Quyết định sơ 204-QĐ/TW": "quyết định sơ thẩm");
        // across a cell's lines the normaliser does the same (`mend_ocr_text`, `deadline::mend_ocr`).
        let documents = &crate::rules::Rules::get().documents;
        for t in 0..out.len().saturating_sub(1) {
            if !documents.is_document_number(&out[t + 1]) {
                continue;
            }
            let before: Vec<&str> = out[t.saturating_sub(3)..t].iter().map(|w| w.as_str()).collect();
            if let Some(w) = number_word_before(documents, &before, &out[t], &out[t + 1]) {
                out[t] = w;
            }
        }
        // A target's "≥" as the OCR read it ("Có = 70%", "=80%"): written back before a number.
        let lookalikes = &crate::rules::Rules::get().targets.at_least_lookalikes;
        let digit_first = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
        for t in 0..out.len() {
            let next_is_number = out.get(t + 1).is_some_and(|n| digit_first(n));
            if let Some(l) = lookalikes.iter().find(|l| (out[t] == **l && next_is_number) || out[t].strip_prefix(l.as_str()).is_some_and(digit_first)) {
                out[t] = format!("≥{}", &out[t][l.len()..]);
            }
        }
        out
    }

    /// Repairs one line, keeping its whitespace; `context` carries the last two LM tokens.
    fn repair_line(&self, line: &str, context: &mut (u32, u32)) -> String {
        let toks: Vec<&str> = line.split_whitespace().collect();
        respace(line, &self.repair_tokens(&toks, context))
    }

    /// The LM context at the start of a text.
    pub fn start(&self) -> (u32, u32) {
        let bos = self.lm.id(lm::BOS);
        (bos, bos)
    }

    /// Repairs a text line by line, carrying the LM context across lines.
    pub fn repair_text(&self, text: &str) -> String {
        let mut ctx = self.start();
        text.split('\n').map(|l| self.repair_line(l, &mut ctx)).collect::<Vec<_>>().join("\n")
    }
}

impl Repairer for OcrRepair {
    fn repair(&self, text: &str) -> String {
        self.repair_line(text, &mut self.start())
    }
    fn repair_words(&self, words: &[&str]) -> Vec<String> {
        self.repair_lines(&[super::WordLine { words: words.to_vec(), upper_font: Vec::new(), follows: super::Follows::Previous }]).pop().unwrap_or_default()
    }
    fn repair_text_lines(&self, lines: &[&str]) -> Vec<String> {
        let toks: Vec<Vec<&str>> = lines.iter().map(|l| l.split_whitespace().collect()).collect();
        let fixed = self.repair_doc_tokens(&toks);
        lines.iter().zip(&fixed).map(|(l, f)| respace(l, f)).collect()
    }
    fn repair_lines(&self, lines: &[super::WordLine]) -> Vec<Vec<String>> {
        self.word_lines(lines, false).0
    }
    fn repair_lines_doubted(&self, lines: &[super::WordLine]) -> (Vec<Vec<String>>, Vec<Vec<Option<Doubt>>>) {
        self.word_lines(lines, true)
    }
}

impl OcrRepair {
    /// The `Repairer::repair_lines` of this model, with the words' doubts when `doubted`.
    fn word_lines(&self, lines: &[super::WordLine], doubted: bool) -> (Vec<Vec<String>>, Vec<Vec<Option<Doubt>>>) {
        // A PDF word may hold spaces ("Kế hoạch" in one box): its pieces are repaired as tokens
        // and joined again; its doubt is its most doubtful piece's, the other pieces as read.
        let split: Vec<Vec<Vec<&str>>> = lines.iter().map(|l| l.words.iter().map(|w| w.split_whitespace().collect()).collect()).collect();
        let flat: Vec<Vec<&str>> = split.iter().map(|l| l.iter().flatten().copied().collect()).collect();
        let follows: Vec<super::Follows> = lines.iter().map(|l| l.follows).collect();
        let (fixed, doubts) = self.read_doc(&flat, &follows, doubted);
        let mut words_out = Vec::with_capacity(lines.len());
        let mut doubts_out = Vec::with_capacity(lines.len());
        for (k, (words, f)) in split.iter().zip(fixed).enumerate() {
            let none = vec![None; f.len()];
            let d = doubts.get(k).unwrap_or(&none);
            let (mut ws, mut ds) = (Vec::with_capacity(words.len()), Vec::with_capacity(words.len()));
            let mut at = 0;
            for parts in words {
                let read = &f[at..at + parts.len()];
                let worst = (at..at + parts.len()).filter(|&k| d[k].is_some()).min_by(|&a, &b| d[a].as_ref().unwrap().margin.total_cmp(&d[b].as_ref().unwrap().margin));
                ds.push(worst.map(|k| {
                    let doubt = d[k].as_ref().unwrap();
                    let other = doubt.other.as_ref().map(|o| read.iter().enumerate().map(|(j, r)| if at + j == k { o.as_str() } else { r.as_str() }).collect::<Vec<_>>().join(" "));
                    Doubt { margin: doubt.margin, other }
                }));
                ws.push(read.join(" "));
                at += parts.len();
            }
            words_out.push(ws);
            doubts_out.push(ds);
        }
        (words_out, doubts_out)
    }
}

/// `a.max(b)` for numbers that are never NaN (one instruction; `f32::max` also handles NaN).
#[inline(always)]
fn fmax(a: f32, b: f32) -> f32 {
    if a > b {
        a
    } else {
        b
    }
}

fn max_of(row: &[f32]) -> f32 {
    row.iter().fold(f32::NEG_INFINITY, |a, &b| fmax(a, b))
}

/// One step of the channel's alignment: `out[j]` = max over segment lengths l of
/// `row[j − l] + table[j·W + l]` (W = MAX_SEG + 1: the token's segments ending at j).
#[inline(always)]
fn max_plus(row: &[f32], table: &[f32], out: &mut [f32]) {
    const W: usize = super::channel::MAX_SEG + 1;
    for j in 0..row.len() {
        let t = &table[j * W..j * W + W];
        let mut b = row[j] + t[0];
        for l in 1..W.min(j + 1) {
            b = fmax(b, row[j - l] + t[l]);
        }
        out[j] = b;
    }
}

/// A letter's row of log P over an OCR token's segments (index j·W + l: the segment of length l
/// ending at character j; W = MAX_SEG + 1): −∞ for a segment that would start before the token,
/// else the letter's entry in the segment's per-letter array (`arrays[k]`, built at load for the
/// segments the channel has seen), else `other(k)`.
fn fill_row(row: &mut Vec<f32>, arrays: &[Option<&[f32]>], letter: usize, other: impl Fn(usize) -> f32) {
    const W: usize = super::channel::MAX_SEG + 1;
    row.extend((0..arrays.len()).map(|k| {
        if k % W > k / W {
            f32::NEG_INFINITY
        } else if let Some(v) = arrays[k] {
            v[letter]
        } else {
            other(k)
        }
    }));
}

/// An f32 as a key that sorts as `total_cmp` does.
fn ordered(x: f32) -> i32 {
    let b = x.to_bits() as i32;
    b ^ (((b >> 31) as u32) >> 1) as i32
}

/// A word piece to decode: its place (token, piece) and candidates; a fixed piece (a code, a number)
/// has none and its LM tokens instead.
struct Slot {
    tok: usize,
    piece: usize,
    cands: Arc<[Cand]>,
    fixed_tokens: Vec<u32>,
    /// The word is set in capitals (its candidates are `caps_candidates`, written in capitals).
    caps: bool,
    /// Per candidate, log P added for its case (`Params::name_other_logp`); empty: none.
    case_logp: Vec<f32>,
    /// No punctuation stands between this word and the word before it in the line (the first
    /// word of a line: none before it in the line): only then can the two be one dictionary word
    /// (`Params::word_bonus`). The language model reads words, and a comma or semicolon between
    /// two of them as its separator token (`sep`); other punctuation is dropped.
    joined: bool,
    /// A comma or semicolon stands between this word and the one before it: the language model
    /// reads its separator token (`lm::SEP`) there.
    sep: bool,
}

/// One line made ready for decoding (`OcrRepair::plan`).
struct Plan<'a> {
    pieces: Vec<Vec<Piece<'a>>>,
    slots: Vec<Slot>,
    /// The line ends in a comma or semicolon after its last word.
    trailing_sep: bool,
}

/// A decoder hypothesis: its score, LM state (the last two tokens) and back-pointer.
#[derive(Debug, Clone, Copy)]
struct Hyp {
    score: f32,
    u: u32,
    v: u32,
    hist: usize,
}

/// The best `width` hypotheses offered so far with distinct LM states, best first, each with the
/// candidate index that made it. Equal scores keep the one offered first.
struct Top {
    width: usize,
    prune: f32,
    kept: Vec<(Hyp, u16)>,
    /// `threshold()` of `kept`, kept up to date.
    floor: f32,
}

impl Top {
    fn new(width: usize, prune: f32) -> Top {
        Top { width: width.max(1), prune, kept: Vec::with_capacity(width + 1), floor: f32::NEG_INFINITY }
    }

    fn clear(&mut self) {
        self.kept.clear();
        self.floor = f32::NEG_INFINITY;
    }

    /// A score at or below this cannot enter.
    fn threshold(&self) -> f32 {
        self.floor
    }

    /// [`Top::threshold`] worked out from `kept`.
    fn compute_threshold(&self) -> f32 {
        let Some(best) = self.kept.first() else { return f32::NEG_INFINITY };
        let relative = best.0.score - self.prune;
        if self.kept.len() < self.width {
            relative
        } else {
            relative.max(self.kept[self.kept.len() - 1].0.score)
        }
    }

    fn offer(&mut self, h: Hyp, ci: u16) {
        if h.score <= self.threshold() {
            return;
        }
        if let Some(i) = self.kept.iter().position(|(k, _)| k.u == h.u && k.v == h.v) {
            if h.score <= self.kept[i].0.score {
                return;
            }
            self.kept.remove(i);
        }
        let at = self.kept.iter().position(|(k, _)| k.score < h.score).unwrap_or(self.kept.len());
        self.kept.insert(at, (h, ci));
        self.kept.truncate(self.width);
        let floor = self.kept[0].0.score - self.prune;
        while self.kept.len() > 1 && self.kept[self.kept.len() - 1].0.score <= floor {
            self.kept.pop();
        }
        self.floor = self.compute_threshold();
    }
}

/// Puts repaired tokens back into their line's whitespace.
fn respace(line: &str, fixed: &[String]) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut k = 0;
    let mut rest = line;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        out.push_str(&rest[..start]);
        let end = rest[start..].find(char::is_whitespace).map(|e| start + e).unwrap_or(rest.len());
        out.push_str(fixed.get(k).map(|s| s.as_str()).unwrap_or(&rest[start..end]));
        k += 1;
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A bigram model of the document's reading so far (see `repair_doc_tokens`), keyed by the
/// language model's ids.
#[derive(Default)]
struct DocCache {
    /// Counts by word id (as a context: `ctx`).
    uni: Vec<f32>,
    bi: FxHashMap<(u32, u32), f32>,
    ctx: Vec<f32>,
    total: f32,
}

impl DocCache {
    /// Weight of the unigram in each bigram context (additive smoothing towards it). Session 14:
    /// 2 → 8. With 2, a context read a few times in the document gave its few followers most of the
    /// cache's mass and any frequent word of the document the rest: "nội bộ tai cdc" was read "tài
    /// các" once "tài" had been read often ("tài chính", "tài liệu"). `repair-check` held out, BETA
    /// 0.5 / 1 / 2 / 4 / 8 / 16 / 64 / ∞ (a unigram cache): mean 91.95 / 92.08 / 92.24 / 92.44 /
    /// 92.66 / 92.72 / 92.73 / 92.59; `check --scanned` cell syllables 95.97 / 95.14 / 94.03 /
    /// 95.89% → 96.10 / 95.22 / 94.08 / 95.91% at 8 (at 16 and above 003 loses).
    const BETA: f32 = 8.0;

    /// An empty cache for a model of `words` words.
    fn new(words: usize) -> DocCache {
        DocCache { uni: vec![0.0; words], ctx: vec![0.0; words], ..DocCache::default() }
    }

    /// Counts one more line of the document's reading.
    fn add_ids(&mut self, ids: &[u32]) {
        for (i, &w) in ids.iter().enumerate() {
            self.uni[w as usize] += 1.0;
            self.total += 1.0;
            if i > 0 {
                *self.bi.entry((ids[i - 1], w)).or_default() += 1.0;
                self.ctx[ids[i - 1] as usize] += 1.0;
            }
        }
    }

    fn p(&self, v: u32, w: u32) -> f32 {
        self.p_after(v, self.context_count(v), w)
    }

    /// How often `v` was read before another word.
    fn context_count(&self, v: u32) -> f32 {
        self.ctx.get(v as usize).copied().unwrap_or(0.0)
    }

    /// [`DocCache::p`] given `cv`, `v`'s [`DocCache::context_count`] (looked up once per word).
    fn p_after(&self, v: u32, cv: f32, w: u32) -> f32 {
        if self.total == 0.0 || w == 0 {
            return 0.0;
        }
        let pu = self.uni.get(w as usize).copied().unwrap_or(0.0) / self.total;
        // (a word never read as a context has no bigram after it)
        let cvw = if cv > 0.0 { self.bi.get(&(v, w)).copied().unwrap_or(0.0) } else { 0.0 };
        (cvw + Self::BETA * pu) / (cv + Self::BETA)
    }
}

/// How much the two words after a word can favour another reading of it over the chosen one, as
/// [`OcrRepair::doubts`] bounds it before replaying that reading (natural log).
const RIGHT_SWING: f32 = 6.0;

/// A token the repair kept with a character inside it that no word, number or code has, next to a
/// letter: an OCR misreading it could not undo ("t#", "ngu%i", "S&@Khoahoc", "}jén"); or a
/// lower-case letter beside a digit ("s6", "l6n": codes are written in capitals, "5G", "T2").
fn junk_inside(t: &str) -> bool {
    let junk = |c: char| matches!(c, '@' | '#' | '%' | '©' | '®' | '¢' | '¥' | '{' | '}' | '|' | '~' | '^' | '*' | '\\' | '$' | '£' | '€' | '§');
    let cs: Vec<char> = t.chars().collect();
    // ("80%" is a number; "%" after a letter is not)
    let beside = |i: usize, f: &dyn Fn(char) -> bool| i > 0 && f(cs[i - 1]) || cs.get(i + 1).is_some_and(|&n| f(n));
    cs.iter().enumerate().any(|(i, &c)| junk(c) && beside(i, &|n| n.is_alphabetic()) || c.is_lowercase() && beside(i, &|n| n.is_ascii_digit()))
}

/// A capital run with one or more of its 'D's written 'Đ' ("QD" → "QĐ"), every choice of them; none
/// for a run without a 'D' or with more than three.
fn d_variants(run: &str) -> impl Iterator<Item = String> + '_ {
    let ds: Vec<usize> = run.char_indices().filter(|(_, c)| *c == 'D').map(|(i, _)| i).collect();
    let masks = if (1..=3).contains(&ds.len()) { 1u32..(1 << ds.len()) } else { 0..0 };
    masks.map(move |mask| run.char_indices().map(|(i, c)| if ds.iter().position(|&d| d == i).is_some_and(|k| mask & (1 << k) != 0) { 'Đ' } else { c }).collect())
}

/// Drops a full stop between two words, the next in lower case ("nhiệm vụ. theo"): a speck the OCR
/// read (a sentence starts with a capital; the clean plan text has no such full stop).
fn drop_speck_stop(word: &mut String, next: &str) {
    let speck = word.strip_suffix('.').is_some_and(|w| !w.is_empty() && w.chars().all(char::is_alphabetic));
    if speck && next.starts_with(|c: char| c.is_lowercase()) {
        word.pop();
    }
}

/// The LM tokens of a decoded line: each slot's chosen candidate (one or two words) or its fixed
/// tokens.
fn chosen_ids(plan: &Plan, choice: Option<&[u16]>, sep: u32) -> Vec<u32> {
    let mut ids = Vec::with_capacity(plan.slots.len());
    let Some(choice) = choice else { return ids };
    for (slot, &ci) in plan.slots.iter().zip(choice) {
        if slot.sep {
            ids.push(sep);
        }
        if slot.cands.is_empty() {
            ids.extend_from_slice(&slot.fixed_tokens);
        } else {
            let c = &slot.cands[ci as usize];
            ids.push(c.lm_id);
            if c.second != NONE {
                ids.push(c.second);
            }
        }
    }
    ids
}

/// What one slot's scoring shares between hypotheses that end in the same word: each candidate's
/// bigram-level probability and document-cache probability, which depend on that word only. The
/// beam's hypotheses differ mostly in their word before last, so this halves the model lookups.
#[derive(Default)]
struct ByLastWord {
    /// The last words seen in this slot, and per word one (p2, cache p) per candidate (NaN: not
    /// computed yet), at `k * n..(k + 1) * n` for the k-th word.
    words: Vec<(u32, lm::Context, f32)>,
    values: Vec<(f32, f32)>,
}

impl ByLastWord {
    fn clear(&mut self) {
        self.words.clear();
        self.values.clear();
    }

    /// The place of the word `v` (of `n` candidates' values), made and its contexts looked up when
    /// new.
    fn add(&mut self, lm: &Model, cache: Option<&DocCache>, v: u32, n: usize) -> usize {
        match self.words.iter().position(|w| w.0 == v) {
            Some(k) => k,
            None => {
                self.words.push((v, lm.bigram_context(v), cache.map_or(0.0, |c| c.context_count(v))));
                self.values.resize(self.values.len() + n, (f32::NAN, f32::NAN));
                self.words.len() - 1
            }
        }
    }

    /// The word at place `k` (from `add`) of `n` candidates: its bigram context, its count as a
    /// context in the document cache, and the candidates' values after it.
    fn word(&mut self, k: usize, n: usize) -> (&lm::Context, f32, &mut [(f32, f32)]) {
        let (_, bigram, cv) = &self.words[k];
        (bigram, *cv, &mut self.values[k * n..(k + 1) * n])
    }
}

/// Characters an OCR puts where it saw a speck between two words run together ("déi.méi",
/// "tu’.cua", "Ban‘Chi"): between two word pieces of one token they stand for a space.
const JUNK: &[char] = &['.', '’', '‘', '\'', '`', '_', '*', '~', '^', '-', ':'];

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

/// A word run: starts with a lower-case letter (or is one capitalised word) and holds no digit run
/// of its own, so it can be a Vietnamese word rather than part of a code.
fn wordlike(s: &str) -> bool {
    let mut cs = s.chars();
    let Some(first) = cs.next() else { return false };
    first.is_alphabetic() && s.chars().count() >= 2 && !s.chars().skip(1).any(|c| c.is_uppercase()) && !s.chars().all(|c| c.is_ascii_digit())
}

/// A token with the horn an English-model OCR set apart from its letter as an apostrophe inside the
/// word ("tru’éc", "nu’éc", "du’gc", "tru’c": "u’" for "ư", "o’" for "ơ"; corpus/ocr's pairs)
/// without it: the channel reads "truéc" and "dugc" cheaply, and "tru’éc" cut at the apostrophe was
/// two words, "trụ ốc" (OCRmyPDF's 000: "trước 31/12/2025", a goal's deadline, lost). Where the
/// letters after the apostrophe can be a word of their own, starting with a consonant and holding a
/// vowel ("to’ban" for "tờ bản"), it stays the space it stands for.
fn horn_joined(tok: &str) -> std::borrow::Cow<'_, str> {
    if !tok.contains(['’', '\'']) {
        return std::borrow::Cow::Borrowed(tok);
    }
    let vowel = |c: char| crate::rules::fold(&c.to_string()).starts_with(['a', 'e', 'i', 'o', 'u', 'y']);
    let cs: Vec<char> = tok.chars().collect();
    let mut out = String::with_capacity(tok.len());
    for (i, &c) in cs.iter().enumerate() {
        if matches!(c, '’' | '\'') && i > 0 && matches!(cs[i - 1], 'u' | 'o' | 'U' | 'O') {
            let right: Vec<char> = cs[i + 1..].iter().copied().take_while(|c| c.is_alphabetic()).collect();
            let own_word = right.first().is_some_and(|&c| !vowel(c)) && right.iter().any(|&c| vowel(c));
            if !right.is_empty() && !own_word {
                continue;
            }
        }
        out.push(c);
    }
    if out.len() == tok.len() { std::borrow::Cow::Borrowed(tok) } else { std::borrow::Cow::Owned(out) }
}

/// Splits one whitespace-free OCR token into pieces; where the OCR ran two words together with a
/// speck between them ("déi.méi", "Nai,ngay", "hoc-tai"), the pieces carry the space back.
fn split_token(tok: &str) -> Vec<Piece<'_>> {
    // (most tokens are letters only: one word, which every rule of `split_by_rules` leaves whole)
    if !tok.is_empty() && tok.chars().all(char::is_alphabetic) {
        return vec![Piece::Word(tok)];
    }
    split_by_rules(tok)
}

fn split_by_rules(tok: &str) -> Vec<Piece<'_>> {
    if tok.contains("://") || tok.starts_with("www.") || (tok.contains('@') && tok.contains('.') && tok.rfind('.') > tok.find('@')) || is_domain(tok) {
        return vec![Piece::Word(tok)];
    }
    let mut out: Vec<Piece> = Vec::new();
    for p in split_line(tok) {
        let Piece::Word(w) = p else {
            out.push(p);
            continue;
        };
        // Specks stuck to a word's ends ("S@_"; "déi_|", "céc_—": a table's ruling read as a bar or
        // a dash) are not text: dropped.
        let speck = |c: char| matches!(c, '_' | '*' | '~' | '^' | '`' | '|' | '—');
        let core = w.trim_matches(speck);
        if core.is_empty() || !core.chars().any(|c| c.is_alphabetic()) {
            out.push(Piece::Word(w));
            continue;
        }
        // A list number run into its item's first word ("1.Trach", "2.1.Xay"): the number stays as
        // read, the word is repaired.
        let w = match list_number_len(core) {
            Some(n) => {
                out.push(Piece::Other(&core[..n]));
                &core[n..]
            }
            None => core,
        };
        // Break a word at a junk character between two word-like runs.
        let mut start = 0;
        // A word in lower case, or capitalised ("Điểm"; at least two letters: "A/B" may be a code).
        let lower_word = |x: &str| {
            let mut cs = x.chars();
            cs.next().is_some_and(|c| c.is_alphabetic() && (!c.is_uppercase() || x.chars().nth(1).is_some())) && cs.all(|c| c.is_alphabetic() && !c.is_uppercase())
        };
        for (i, c) in w.char_indices() {
            // Two words joined by a slash ("nghé/san" for "nghệ/sản", "Diém/Xa" for "Điểm/Xã") are
            // two words; a code ("KH/BCĐ", "57-NQ/TW") has a run of capitals or digits and stays
            // whole.
            // So is a per cent over a word ("%/nam" for "%/năm", a unit of measure).
            // A slash at a word's end or start is punctuation ("Kế hoach/ Dự thảo": a list of
            // outputs run over a line break; "hoach/" was kept whole as a code).
            if c == '/' && ((i + 1 == w.len() && i > start && lower_word(&w[start..i])) || (i == 0 && w.len() > 1 && lower_word(w[1..].split(|x: char| JUNK.contains(&x) || x == '/').next().unwrap_or("")))) {
                if i > start {
                    out.push(Piece::Word(&w[start..i]));
                }
                out.push(Piece::Other("/"));
                start = i + 1;
                continue;
            }
            if c == '/' && i > start {
                let right = w[i + 1..].split(|x: char| JUNK.contains(&x) || x == '/').next().unwrap_or("");
                let per_cent = &w[start..i] == "%";
                if (per_cent || lower_word(&w[start..i])) && lower_word(right) && w[i + 1..].split('/').all(lower_word) {
                    if per_cent {
                        out.push(Piece::Other(&w[start..=i]));
                    } else {
                        out.push(Piece::Word(&w[start..i]));
                        out.push(Piece::Other("/"));
                    }
                    start = i + 1;
                }
                continue;
            }
            if i <= start || !JUNK.contains(&c) || c == ':' {
                continue;
            }
            let left = &w[start..i];
            let right = &w[i + c.len_utf8()..];
            let right_run: &str = right.split(|x: char| JUNK.contains(&x) || x == '/').next().unwrap_or("");
            let ok = wordlike(left)
                && !left.chars().any(|x| x.is_ascii_digit() && left.starts_with(|y: char| y.is_uppercase()))
                && if c == '-' { wordlike(right_run) && !right_run.chars().any(|x| x.is_ascii_digit()) } else { right_run.starts_with(|x: char| x.is_alphanumeric()) };
            if ok {
                out.push(Piece::Word(left));
                out.push(Piece::Other(SPACE));
                start = i + c.len_utf8();
            }
        }
        if start < w.len() {
            out.push(Piece::Word(&w[start..]));
        }
    }
    // Punctuation between two words of one token: junk becomes a space; a comma, semicolon or colon
    // gets the space the OCR lost after it, except between two numbers, where it is part of one
    // ("0,8": a decimal comma; "8:30").
    let mut fixed: Vec<Piece> = Vec::with_capacity(out.len());
    let number = |p: &Piece| matches!(p, Piece::Word(w) if w.chars().all(|c| c.is_ascii_digit()));
    for i in 0..out.len() {
        let between = i > 0 && i + 1 < out.len() && matches!(out[i - 1], Piece::Word(_)) && matches!(out[i + 1], Piece::Word(_));
        match out[i] {
            Piece::Other(o) if between && o != SPACE => {
                if o.chars().all(|c| JUNK.contains(&c) && c != ':') {
                    fixed.push(Piece::Other(SPACE));
                } else if o.ends_with([',', ';', ':']) && !(o.chars().count() == 1 && number(&out[i - 1]) && number(&out[i + 1])) {
                    fixed.push(Piece::Other(o));
                    fixed.push(Piece::Other(SPACE));
                } else {
                    fixed.push(Piece::Other(o));
                }
            }
            ref p => fixed.push(p.clone()),
        }
    }
    // A mark read as a quote or question mark at a word's edge ("st?" for "sử", "su’" for "sử",
    // "‘mạch"): the hook or tone mark the OCR took apart from its letter. Plans ask no questions and
    // use no single quotes, so it is dropped; the word is repaired without it.
    for i in 0..fixed.len() {
        let after_word = i > 0 && matches!(fixed[i - 1], Piece::Word(_));
        let before_word = matches!(fixed.get(i + 1), Some(Piece::Word(_)));
        if let Piece::Other(o) = fixed[i] {
            let mut o = o;
            if after_word {
                o = o.strip_prefix(['?', '’']).unwrap_or(o);
            }
            if before_word {
                o = o.strip_suffix('‘').unwrap_or(o);
            }
            fixed[i] = Piece::Other(o);
        }
    }
    fixed.retain(|p| !matches!(p, Piece::Other("")));
    fixed
}

/// A document number whose symbol the OCR read with a lower-case letter in it ("204-Qp/TW" for
/// "204-QĐ/TW", "57-NQ/Tw"): each run of letters of it that is no symbol of rules/documents.toml
/// but starts with a capital and holds a lower-case letter is written as the symbol with its
/// letters in capitals, or else as the one symbol of its length, with its first letter, that it
/// differs from in one letter. Where two symbols fit ("Np": "NQ", "NĐ") the run stays as read.
/// `None` when nothing is respelled or the token is no number (nor the part of one after a line
/// break, with another symbol: "Qp/TW").
fn misread_symbols(code: &str) -> Option<String> {
    let documents = &crate::rules::Rules::get().documents;
    // (a number, or its end on the next line of a cell, "204-" then "Qp/TW": another symbol in it)
    let another = || code.split(|c: char| !c.is_alphabetic()).any(|run| documents.is_symbol(run));
    if !code.contains(['-', '/']) || !(code.starts_with(|c: char| c.is_ascii_digit()) || another()) {
        return None;
    }
    let mut out = String::with_capacity(code.len() + 2);
    let mut changed = false;
    let mut rest = code;
    while !rest.is_empty() {
        let end = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
        let (run, after) = rest.split_at(end);
        let cs: Vec<char> = run.chars().collect();
        let damaged = cs.len() >= 2 && cs[0].is_ascii_uppercase() && cs.iter().any(|c| c.is_lowercase()) && !documents.is_symbol(run);
        let symbols = || documents.symbols.iter().map(|(x, _)| x.as_str());
        let same_letters: Vec<&str> = symbols().filter(|x| damaged && x.to_uppercase() == run.to_uppercase()).collect();
        let fits: Vec<&str> = if !same_letters.is_empty() {
            same_letters
        } else if damaged {
            symbols().filter(|x| x.chars().count() == cs.len() && x.starts_with(cs[0]) && x.chars().zip(&cs).filter(|(a, b)| a != *b).count() == 1).collect()
        } else {
            Vec::new()
        };
        if let [symbol] = fits[..] {
            out.push_str(symbol);
            changed = true;
        } else {
            out.push_str(run);
        }
        let skip = after.find(char::is_alphabetic).unwrap_or(after.len());
        out.push_str(&after[..skip]);
        rest = &after[skip..];
    }
    changed.then_some(out)
}

/// The length of a list number ("1.", "2.1.") that a word follows with no space: one or two digits
/// per level, each level closed by a full stop, then a lower-case or capitalised word of two
/// letters or more ("1.Trach"; not "0.8m", "3.HTTT").
fn list_number_len(w: &str) -> Option<usize> {
    let b = w.as_bytes();
    let mut i = 0;
    loop {
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if !(1..=2).contains(&digits) || b.get(i + digits) != Some(&b'.') {
            return None;
        }
        i += digits + 1;
        if !b.get(i).is_some_and(u8::is_ascii_digit) {
            break;
        }
    }
    let run: Vec<char> = w[i..].chars().take_while(|c| c.is_alphabetic()).collect();
    (run.len() >= 2 && !run[1..].iter().any(|c| c.is_uppercase())).then_some(i)
}

const SPACE: &str = " ";

/// A host name without its scheme ("so.dongnai.gov.vn/", the end of a URL an OCR read on the next
/// line): three or more dot-separated ASCII labels, the last (a top-level domain) two or three
/// lower-case letters.
fn is_domain(tok: &str) -> bool {
    let host = tok.trim_end_matches(['/', ',', ';', ')']);
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 3
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels.last().is_some_and(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_lowercase()))
}

/// A list marker: one letter and a closing bracket ("a)", "(b)"; "K)" where an OCR misread a row
/// code), never a word to respell.
/// `i` is the marker's letter among the token's pieces; the item's first word may follow in the
/// same token, the space lost ("b)Xay dung": "b" is no "bộ").
fn is_enumerator(pieces: &[Piece], i: usize) -> bool {
    let letter = matches!(pieces.get(i), Some(Piece::Word(w)) if w.chars().count() == 1);
    let closes = matches!(pieces.get(i + 1), Some(Piece::Other(o)) if o.starts_with(')'));
    (i == 0 || i == 1 && pieces[0] == Piece::Other("(")) && letter && closes
}

/// Whether the word piece at `at` (token, piece) is capitalised inside a sentence: one capital
/// first and no other ("Dé", "S6"), after a word with a lower-case letter (`prev`: its token, piece
/// and core) with nothing between them that may end or open a sentence or a list item.
fn capitalised_inside(pieces: &[Vec<Piece>], prev: (usize, usize, &str), at: (usize, usize)) -> bool {
    let core = match &pieces[at.0][at.1] {
        Piece::Word(w) => *w,
        Piece::Other(_) => return false,
    };
    let mut cs = core.chars();
    if !cs.next().is_some_and(|c| c.is_uppercase()) || cs.any(|c| c.is_uppercase()) || !prev.2.chars().any(|c| c.is_lowercase()) {
        return false;
    }
    // The pieces between the two words: the rest of the previous token, whole tokens between, the
    // start of this one.
    let mut between = (prev.0..=at.0).flat_map(|t| {
        let from = if t == prev.0 { prev.1 + 1 } else { 0 };
        let to = if t == at.0 { at.1 } else { pieces[t].len() };
        pieces[t][from.min(to)..to].iter()
    });
    !between.any(|p| match p {
        Piece::Word(_) => true,
        Piece::Other(o) => o.contains(['.', ':', ';', '!', '?', '(', '"', '“', '-', '–', '•', '+', '|']),
    })
}

/// The LM ids of the words that the rules' names (rules/agencies.toml: names, aliases and
/// abbreviations' expansions; rules/documents.toml: what the symbols stand for, "Đề án") write
/// with a capital: "sở", "ủy", "đề", "khoa", "công".
fn name_words(lm: &Model) -> rustc_hash::FxHashSet<u32> {
    // (the headers' synonyms are no names: a header capitalises its every word)
    lm::rules_names(false)
        .iter()
        .flat_map(|n| n.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) && !w.chars().skip(1).any(|c| c.is_uppercase()))
        .map(|w| lm.id(&lm::token_of(w)))
        .filter(|&id| id != 0)
        .collect()
}

/// The dictionary's two-syllable words (`rules/lm/words2.txt`) as pairs of `lm`'s ids, both
/// syllables known to it: `pair(u, w)`.
fn dictionary_pairs(lm: &Model) -> rustc_hash::FxHashSet<u64> {
    let unk = lm.id(lm::UNK);
    lm::dictionary_words()
        .filter_map(|(a, b)| {
            let (a, b) = (lm.id(a), lm.id(b));
            (a != unk && b != unk).then_some(pair(a, b))
        })
        .collect()
}

/// Two LM ids as one key.
fn pair(u: u32, w: u32) -> u64 {
    ((u as u64) << 32) | w as u64
}

/// ASCII capitals only, none of them a vowel ("TTHC", "VC"): no Vietnamese syllable.
fn vowelless_capitals(core: &str) -> bool {
    core.chars().all(|c| c.is_ascii_uppercase() && !"AEIOUY".contains(c))
}

/// Tokens kept as they are: no letter, codes and dates ("57-NQ/TW", "01/01/2026"), URLs, numbers,
/// Roman numerals in capitals ("II", "IV": section numbers).
fn is_fixed(core: &str) -> bool {
    if !core.chars().any(|c| c.is_alphabetic()) {
        // A marked letter's look-alike, alone or beside one digit ("¥" for "ý", "¢" for "ở",
        // "1€" for "lệ"), is a word the OCR left no letter of.
        let lookalike = |c: char| matches!(c, '@' | '¢' | '¥' | '€' | '©' | '®');
        let digits = core.chars().filter(char::is_ascii_digit).count();
        return !(core.chars().any(lookalike) && digits <= 1 && core.chars().count() <= 3 && core.chars().all(|c| lookalike(c) || c.is_ascii_digit()));
    }
    if core.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) || roman_misread(core).is_some() {
        return true;
    }
    // Three or more capitals without a vowel are an abbreviation ("STT", "CSDL", "TTHC", "DMST" for
    // "ĐMST"), not a syllable: the aligned pairs of corpus/ocr hold 140 such tokens, all
    // abbreviations (a lower-case one, "cdc" for "các", is a damaged word).
    if core.chars().count() >= 3 && vowelless_capitals(core) {
        return true;
    }
    if core.chars().any(|c| matches!(c, '/' | '-' | '.' | '_' | '=' | '+' | '%' | '–')) {
        return true;
    }
    // "16" then lower-case letters is a word beginning "lô", "lơ", "lõ" … ("16i" for "lỗi", "16p"
    // for "lớp", "16n" for "lớn": 11 such tokens in the aligned pairs, no code among them).
    if core.len() <= 5 && core.strip_prefix("16").is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_lowercase())) {
        return false;
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

/// A Roman numeral with an "I" read as "l" ("Il." for "II.", "IlI-" for "III-", "VIl" for "VII"),
/// alone or before a code's '/', '-' or '.' ("IlI/2025"): the numeral as printed. The numeral
/// starts with a capital, holds an "l" and reads as one (`codes::roman_value`) once each "l" is an
/// "I"; no Vietnamese word is made of these letters.
fn roman_misread(code: &str) -> Option<String> {
    // (asked of every OCR word: most start with another letter)
    if !code.starts_with(['I', 'V', 'X']) {
        return None;
    }
    let end = code.find(|c: char| !matches!(c, 'I' | 'V' | 'X' | 'l')).unwrap_or(code.len());
    let (numeral, rest) = code.split_at(end);
    let read = numeral.replace('l', "I");
    let ok = (2..=5).contains(&numeral.len())
        && numeral.contains('l')
        && !numeral.starts_with('l')
        && (rest.is_empty() || rest.starts_with(['/', '-', '.']))
        && crate::normalise::codes::roman_value(&read).is_some();
    ok.then(|| read + rest)
}

fn is_all_caps(w: &str) -> bool {
    let mut letters = w.chars().filter(|c| c.is_alphabetic());
    letters.clone().nth(1).is_some() && letters.all(|c| c.is_uppercase())
}

/// A word set in capitals as an English OCR reads it: two capitals or more, no digit (capitals lose
/// their marks rather than get look-alikes), and no other letter but an 'i' (its "Í", "Ỉ": "CHi"
/// for "CHỈ").
fn in_capitals(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic());
    !w.chars().any(|c| c.is_ascii_digit()) && letters.clone().filter(|c| c.is_uppercase()).nth(1).is_some() && letters.clone().next().is_some_and(|c| c.is_uppercase()) && letters.clone().all(|c| c.is_uppercase() || c == 'i')
}

/// Whether two words could be one syllable in the two tone-mark placement styles ("hóa", "hoá"):
/// the same number of letters, differing at two neighbouring places (where the mark moved). A quick
/// test before the full [`fold_tone_style`] comparison, which most pairs of words fail.
fn tone_moved(a: &str, b: &str) -> bool {
    if a.is_ascii() || b.is_ascii() {
        return false;
    }
    let (mut ca, mut cb) = (a.chars(), b.chars());
    // The places that differ: none yet, one (`Some(i)`, i), or two neighbours (i - 1, i).
    let (mut first, mut pair) = (None, false);
    for i in 0.. {
        match (ca.next(), cb.next()) {
            (None, None) => return pair,
            (Some(x), Some(y)) if x == y => {}
            (Some(_), Some(_)) => match first {
                None => first = Some(i),
                Some(f) if f + 1 == i && !pair => pair = true,
                Some(_) => return false,
            },
            _ => return false,
        }
    }
    unreachable!()
}

/// Writes `form` (lower-case) in the case pattern of the OCR word: all capitals (a word in capitals,
/// `caps`, or any all-capital word of three letters or more), capitalised, or lower-case.
fn with_case_of(form: &str, ocr: &str, caps: bool) -> String {
    // The OCR word itself, in either tone-mark style ("hoá" stays "hoá"): as printed.
    let lower = ocr.to_lowercase();
    if form == lower || (tone_moved(form, &lower) && fold_tone_style(form) == fold_tone_style(&lower)) {
        return ocr.to_string();
    }
    if caps {
        return form.to_uppercase();
    }
    in_case_of(form, ocr)
}

/// The word an OCR text should have where it has `word` before `next`, `before` the words before
/// it (nearest last): `number_word` ("số", in the case of the word read: "SỐ" in a title set in
/// capitals) when `next` is a document's number and `word` one of the number word's readings
/// ("Quyết định sơ 204-QĐ/TW"), or a number of one or two digits after the name of a kind of
/// document ("Quyết định 0 204-QĐ/TW", "Quyết định 36 204-QĐ/TW": no document is cited by two
/// numbers); `None` otherwise.
pub fn number_word_before(rules: &crate::rules::DocumentRules, before: &[&str], word: &str, next: &str) -> Option<String> {
    // (the number first: it starts with a digit, a test that costs nothing for most words)
    if !rules.is_document_number(next) || word.to_lowercase() == rules.number_word {
        return None;
    }
    let reading = rules.number_word_readings.contains(&crate::rules::fold(word));
    let digits = (1..=2).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit());
    if !(reading || digits && rules.ends_with_a_kind(before)) {
        return None;
    }
    let caps = word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    Some(if caps { rules.number_word.to_uppercase() } else { in_case_of(&rules.number_word, word) })
}

/// [`number_word_before`] over a text's words, across its line breaks (a cell's lines
/// joined); the text as it was where nothing changes.
pub fn mend_number_words(rules: &crate::rules::DocumentRules, text: &str) -> String {
    // The words' byte ranges (runs of non-white space); the white space between them kept.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    let mut out = String::with_capacity(text.len() + 4);
    let mut at = 0;
    for k in 0..spans.len().saturating_sub(1) {
        let ((a, b), (c, d)) = (spans[k], spans[k + 1]);
        if !rules.is_document_number(&text[c..d]) {
            continue;
        }
        let before: Vec<&str> = spans[k.saturating_sub(3)..k].iter().map(|&(x, y)| &text[x..y]).collect();
        if let Some(w) = number_word_before(rules, &before, &text[a..b], &text[c..d]) {
            out.push_str(&text[at..a]);
            out.push_str(&w);
            at = b;
        }
    }
    out.push_str(&text[at..]);
    out
}

/// Whether `word` ends with a colon that stands between the two syllables of a word of the
/// dictionary, `next` the other ("chủ:" then "trì"): a speck, as no such colon is in the plans.
/// `repair` tells the dictionary's words.
fn colon_inside_word(repair: &OcrRepair, word: &str, next: &str) -> bool {
    let next = next.trim_end_matches(|c: char| !c.is_alphabetic());
    word.strip_suffix(':').is_some_and(|w| !w.is_empty() && w.chars().all(char::is_alphabetic) && !next.is_empty() && next.chars().all(char::is_alphabetic) && repair.dictionary_word(w, next))
}

/// `text` without the specks an OCR read inside a word of the dictionary, across its line breaks
/// (a cell's lines joined): a colon stuck to its first syllable ([`colon_inside_word`], "cơ quan
/// chủ:" / "trì") and a dash alone between its two syllables ("giải - trình"; "kinh tế - xã hội"
/// keeps its dash: "tế xã" is no word). The text as it was where there is none. (The dictionary is
/// the shipped repairer's: rules/lm/words2.txt whatever the language model.)
pub fn without_specks_inside_words(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(": ") && !text.contains(":\n") && !text.contains(" - ") {
        return std::borrow::Cow::Borrowed(text);
    }
    let repair = OcrRepair::shipped();
    let words: Vec<(usize, &str)> = text.split_whitespace().map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w)).collect();
    let syllable = |w: &str| !w.is_empty() && w.chars().all(char::is_alphabetic);
    let mut out = text.to_string();
    // (from the end, so that the offsets before stay right)
    for k in (0..words.len().saturating_sub(1)).rev() {
        let (at, w) = words[k];
        if colon_inside_word(repair, w, words[k + 1].1) {
            out.remove(at + w.len() - 1);
        } else if w == "-" && k > 0 {
            let (before, next) = (words[k - 1], words[k + 1].1.trim_end_matches(|c: char| !c.is_alphabetic()));
            if syllable(before.1) && syllable(next) && repair.dictionary_word(before.1, next) {
                // (the dash and the white space before it)
                out.replace_range(before.0 + before.1.len()..at + 1, "");
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `form` in the case of the OCR word read in its place: in capitals when that word is (three
/// letters or more: "PONG" → "ĐỒNG"; two capitals are as often an OCR accident, "SG" for "Sở"),
/// else with the case of its first letter ("Pong" → "Đồng", "số" read for "Sở" → "sở"). A capital
/// "I" read as the letter "l" is its look-alike, not a capital ("Igi" → "lợi"): in corpus/ocr an
/// OCR word "I" + lower case stands for a word in "l" 16 times and never for one in "L" (the OCR
/// reads a capital "L" as "L"). Also the normaliser's, where it writes an OCR table's text in its
/// rules' spelling.
pub fn in_case_of(form: &str, ocr: &str) -> String {
    if is_all_caps(ocr) && ocr.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
        return form.to_uppercase();
    }
    let mut cs = form.chars();
    let capital = ocr.chars().next().is_some_and(|c| c.is_uppercase()) && !(ocr.starts_with('I') && form.starts_with('l'));
    match (cs.next(), capital) {
        (Some(f), true) => f.to_uppercase().chain(cs).collect(),
        (Some(f), false) => f.to_lowercase().chain(cs).collect(),
        (None, _) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::written_by_vietnamese_model;

    #[test]
    fn a_vietnamese_models_ocr_is_told_by_its_letters() {
        let words = |t: &'static str| t.split_whitespace();
        // Tesseract's English model on 000's page 5 (ASCII and Latin-1 letters only) …
        assert!(!written_by_vietnamese_model(words("Trién khai Nghi quyét s6 57-NQ/TW cua B6 Chinh tri vé dét pha phat trién khoa hoc, céng nghé, d6i mdi sang tao va chuyén déi s6 quéc gia")));
        // … its Vietnamese model, and clean text.
        assert!(written_by_vietnamese_model(words("Triển khai Nghị quyết số 57-NQ/TW của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia")));
        // Too few words to tell: the English-model repair, as before.
        assert!(!written_by_vietnamese_model(words("Đồng Nai")));
        assert!(!written_by_vietnamese_model(std::iter::empty()));
    }

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
    fn tokens_of_letters_only_are_one_word_by_the_rules_too() {
        for f in std::fs::read_dir("corpus/ocr/eng").unwrap() {
            let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
            for tok in text.split_whitespace().filter(|t| t.chars().all(char::is_alphabetic)) {
                assert_eq!(split_by_rules(tok), split_token(tok), "{tok}");
            }
        }
    }

    #[test]
    fn a_ruling_read_as_a_bar_at_a_word_end_is_a_speck() {
        assert_eq!(split_token("déi_|"), vec![Piece::Word("déi")]);
        assert_eq!(split_token("S@_|"), vec![Piece::Word("S@")]);
        assert_eq!(split_token("céc_—_|"), vec![Piece::Word("céc")]);
        assert_eq!(split_token("|"), vec![Piece::Word("|")]);
    }

    #[test]
    fn marks_read_as_quotes_or_question_marks_are_dropped() {
        assert_eq!(split_token("st?"), vec![Piece::Word("st")]);
        assert_eq!(split_token("tu’,"), vec![Piece::Word("tu"), Piece::Other(",")]);
        assert_eq!(horn_joined("tru’éc"), "truéc");
        assert_eq!(horn_joined("du’gc"), "dugc");
        assert_eq!(horn_joined("tru’c"), "truc");
        assert_eq!(horn_joined("to’ban"), "to’ban");
        assert_eq!(horn_joined("tu’,"), "tu’,");
        assert_eq!(horn_joined("tu’.cua"), "tu’.cua");
        assert_eq!(horn_joined("st’"), "st’");
        assert_eq!(split_token("‘mạch"), vec![Piece::Word("mạch")]);
        assert_eq!(split_token("“khai"), vec![Piece::Other("“"), Piece::Word("khai")]);
        assert!(split_token("lần”.").contains(&Piece::Other("”")));
    }

    #[test]
    fn a_full_stop_before_a_lower_case_word_is_a_speck() {
        let r = OcrRepair::shipped();
        let out = r.repair_tokens(&["nhiệm", "vụ.", "theo", "kỳ.", "Sở"], &mut r.start());
        assert_eq!(out, vec!["nhiệm", "vụ", "theo", "kỳ.", "Sở"]);
        // (a line's last word keeps its full stop: the next line may be another cell's)
        let lines = [vec!["triển", "khai", "nhiệm", "vụ."], vec!["theo", "phân", "kỳ."]];
        assert_eq!(r.repair_doc_tokens(&lines)[0][3], "vụ.");
    }

    #[test]
    fn host_names_are_kept() {
        assert!(is_domain("so.dongnai.gov.vn/") && is_domain("dichvucong.gov.vn,"));
        assert!(!is_domain("déi.méi") && !is_domain("tu.cua") && !is_domain("1.2.3") && !is_domain("a..vn"));
        let r = OcrRepair::shipped();
        assert_eq!(r.repair_tokens(&["so.dongnai.gov.vn/"], &mut r.start()), vec!["so.dongnai.gov.vn/".to_string()]);
    }

    #[test]
    fn two_consonant_capitals_among_capitals_are_kept() {
        let r = OcrRepair::shipped();
        let toks = ["cho", "CBCC,", "VC", "tren"];
        assert_eq!(r.repair_tokens(&toks, &mut r.start())[2], "VC");
    }

    #[test]
    fn list_markers_are_kept() {
        let r = OcrRepair::shipped();
        for t in ["a)", "b)", "K)", "đ)"] {
            assert_eq!(r.repair_tokens(&[t], &mut r.start()), vec![t.to_string()], "{t}");
        }
        assert!(is_enumerator(&split_token("(c)"), 1) && is_enumerator(&split_token("b)Xay"), 0) && !is_enumerator(&split_token("ca)"), 0));
    }

    /// A list's numbering run into the item's first word, the space lost: the number or marker
    /// stays as read, the word is repaired ("1.Trach" was kept whole as a code, "b)Xay" read "bộ)").
    #[test]
    fn numbering_run_into_a_word() {
        let r = OcrRepair::shipped();
        assert_eq!(r.repair_text("1.Trach nhiem cua cac co quan"), "1.Trách nhiệm của các cơ quan");
        assert_eq!(r.repair_text("2.1.Trien khai"), "2.1.Triển khai");
        assert_eq!(r.repair_text("b)Xay dung"), "b)Xây dựng");
        assert_eq!(r.repair_text("(c)Xay dung"), "(c)Xây dựng");
        assert_eq!(list_number_len("1.Trach"), Some(2));
        assert_eq!(list_number_len("12.3.tang"), Some(5));
        for t in ["0.8m", "3.HTTT", "123.Abc", "1.2", ".Trach", "1Trach"] {
            assert_eq!(list_number_len(t), None, "{t}");
        }
    }

    /// A colon (or, across a cell's lines, a dash alone) between the two syllables of a word of the
    /// dictionary is a speck; elsewhere it stays.
    #[test]
    fn a_colon_inside_a_word_is_a_speck() {
        let r = OcrRepair::shipped();
        assert_eq!(r.repair_text("co quan chu: tri ky nhay"), "cơ quan chủ trì ký nháy");
        assert_eq!(r.repair_text("bao gom: cac so"), "bao gồm: các sở");
        assert_eq!(without_specks_inside_words("cơ quan chủ:\ntrì ký nháy."), "cơ quan chủ\ntrì ký nháy.");
        assert_eq!(without_specks_inside_words("Chủ: trì, gồm: các sở"), "Chủ trì, gồm: các sở");
        // a dash alone between the syllables of a word; not between two words
        assert_eq!(without_specks_inside_words("Báo cáo giải - trình kèm theo."), "Báo cáo giải trình kèm theo.");
        assert_eq!(without_specks_inside_words("phát triển kinh tế - xã hội"), "phát triển kinh tế - xã hội");
    }

    /// A slash at a word's end or start is punctuation, the word repaired ("hoach/" was kept whole
    /// as a code); a code's slash stays.
    #[test]
    fn a_slash_at_a_words_edge() {
        let r = OcrRepair::shipped();
        assert_eq!(r.repair_text("Ke hoach/ Du thao"), "Kế hoạch/ Dự thảo");
        assert_eq!(r.repair_text("bao cao /du thao"), "báo cáo /dự thảo");
        for t in ["KH/", "/TW", "57-NQ/", "2026/"] {
            assert_eq!(r.repair_text(t), t, "{t}");
        }
    }

    /// A section or quarter numeral with an "I" read as "l" is the numeral ("Il." became "I.").
    #[test]
    fn roman_numerals_with_an_l_for_an_i() {
        let r = OcrRepair::shipped();
        assert_eq!(r.repair_text("Il. Nhiem vu"), "II. Nhiệm vụ");
        assert_eq!(r.repair_text("Phu luc IlI- Danh muc"), "Phụ lục III- Danh mục");
        assert_eq!(r.repair_text("Quy IlI/2025"), "Quý III/2025");
        for (t, want) in [("Il", "II"), ("Ill", "III"), ("VIl", "VII"), ("Xl", "XI"), ("IlI/2025", "III/2025"), ("IIl-", "III-")] {
            assert_eq!(roman_misread(t).as_deref(), Some(want), "{t}");
        }
        for t in ["II", "lI", "IlIl", "Ilx", "Ilan", "IlI2025", "l"] {
            assert_eq!(roman_misread(t), None, "{t}");
        }
    }

    #[test]
    fn tone_moved_pairs() {
        for (a, b) in [("hóa", "hoá"), ("thủy", "thuỷ"), ("tùy", "tuỳ"), ("khỏe", "khoẻ")] {
            assert!(tone_moved(a, b) && tone_moved(b, a), "{a} {b}");
        }
        for (a, b) in [("hoa", "hoá"), ("vién", "viên"), ("hóa", "hóa"), ("hóa", "hoà"), ("hoá", "họa"), ("thuỷ", "thủ"), ("nghĩa", "nghia")] {
            assert!(!tone_moved(a, b) || fold_tone_style(a) != fold_tone_style(b), "{a} {b}");
        }
        assert!(!tone_moved("vién", "viên") && !tone_moved("cac", "các"));
    }

    #[test]
    fn fixed_tokens() {
        for t in ["57-NQ/TW", "22/12/2024", "2026", "https://a.b", "5G", "II", "IV", "XII"] {
            assert!(is_fixed(t) || t == "5G", "{t}");
        }
        for t in ["s6", "Pong", "m&i", "ngh¢", "tir", "16i", "16p"] {
            assert!(!is_fixed(t), "{t}");
        }
        // Two digits are a number's or a code's, but for "16" before lower-case letters ("lỗi").
        for t in ["10h30", "16h00", "20km", "16", "16ABC", "16abcdef"] {
            assert!(is_fixed(t), "{t}");
        }
        // A marked letter's look-alike with no letter left is a word, beside one digit at most.
        for t in ["¥", "¢", "@", "1€"] {
            assert!(!is_fixed(t), "{t}");
        }
        for t in ["12€", "1.000€", "€€€€", "#", "1&"] {
            assert!(is_fixed(t), "{t}");
        }
        let r = OcrRepair::shipped();
        assert_eq!(r.repair_text("sửa 16i phần mềm, 16h00"), "sửa lỗi phần mềm, 16h00");
        assert_eq!(r.repair_text("Tỷ 1€ các cơ quan; lấy ¥ kiến"), "Tỷ lệ các cơ quan; lấy ý kiến");
    }

    /// A comma or semicolon between two words, or after a line's last word, is read as the
    /// language model's separator token; one inside a number is not.
    #[test]
    fn commas_between_words_are_separators() {
        let r = OcrRepair::shipped();
        assert_ne!(r.sep, 0);
        let plan = r.plan(&["Sé", "Tai", "chinh,", "Sa", "0,8;", "ty"]);
        let seps: Vec<bool> = plan.slots.iter().map(|s| s.sep).collect();
        assert_eq!(seps, [false, false, false, true, false, false, true]);
        assert!(!plan.trailing_sep);
        assert!(r.plan(&["Tai", "chinh,"]).trailing_sep);
        // (the line a list continues on: "Sa" read with the comma before it and the next line after)
        assert_eq!(r.repair_text_lines(&["Sé Tai chinh, Sa", "Tu phap"]), ["Sở Tài chính, Sở", "Tư pháp"]);
    }

    #[test]
    fn words_joined_by_a_slash_are_two_words() {
        fn words(t: &str) -> Vec<&str> {
            split_token(t).into_iter().filter_map(|p| if let Piece::Word(w) = p { Some(w) } else { None }).collect()
        }
        assert_eq!(words("nghé/san"), vec!["nghé", "san"]);
        assert_eq!(words("va/hoac/hoặc"), vec!["va", "hoac", "hoặc"]);
        assert_eq!(words("KH/BCD"), vec!["KH/BCD"]);
        assert_eq!(words("57-NQ/TW"), vec!["57-NQ/TW"]);
        assert_eq!(words("01/2026"), vec!["01/2026"]);
        assert_eq!(words("nam/2026"), vec!["nam/2026"]);
        // capitalised words too (001-scan: "Diém/Xa" for "Điểm/Xã", "trinh/Ké" for "trình/Kế")
        assert_eq!(words("Diém/Xa"), vec!["Diém", "Xa"]);
        assert_eq!(words("trinh/Ké"), vec!["trinh", "Ké"]);
        // a single capital, or capitals after the first letter, may be a code's
        assert_eq!(words("A/B"), vec!["A/B"]);
        assert_eq!(words("Sở/UBND"), vec!["Sở/UBND"]);
        assert_eq!(words("QĐ/Ttg"), vec!["QĐ/Ttg"]);
        // a per cent over a word (a unit of measure), its text kept
        assert_eq!(words("%/nam"), vec!["nam"]);
        assert_eq!(split_token("%/nam").iter().map(|p| p.text()).collect::<String>(), "%/nam");
        assert_eq!(words("%/2026"), vec!["%/2026"]);
    }

    /// A token's pieces written back together.
    fn text(t: &str) -> String {
        split_token(t).iter().map(|p| p.text()).collect()
    }

    #[test]
    fn tokens_run_together_get_their_space_back() {
        assert_eq!(text("déi.méi"), "déi méi");
        assert_eq!(text("Nai,ngay"), "Nai, ngay");
        assert_eq!(text("hoc-tai"), "hoc tai");
        assert_eq!(text("Ban‘Chi"), "Ban Chi");
        assert_eq!(text("s6.07-TB/CQTTBCD"), "s6 07-TB/CQTTBCD");
        assert_eq!(text("S@_"), "S@");
        // Codes, numbers, abbreviations, addresses and dotted abbreviations stay whole.
        for t in ["57-NQ/TW", "ND-CP", "2026-2030", "v.v.", "TP.HCM", "https://a.gov.vn/x", "ab@c.gov.vn", "1.2"] {
            assert_eq!(text(t), t, "{t}");
        }
    }

    #[test]
    fn a_lines_last_word_is_read_again_with_the_line_that_continues_it() {
        // "bản" is likelier after "và" than "ban"; "ban hành" is a word and "bản hành" none.
        let mut c = Counts::default();
        for (l, n) in [("và bản đồ", 3.0), ("ban hành", 3.0), ("bản", 2.0), ("hành chính", 1.0)] {
            c.add_sentence(&lm::tokens(l), n);
        }
        let r = OcrRepair::new(&c, &shipped_channel(), Params::default());
        assert_eq!(r.repair_text("va ban"), "và bản");
        let lines = [vec!["va", "ban"], vec!["hanh"]];
        let read = r.repair_doc_tokens_in_cells(&lines, &[super::super::Follows::Nothing, super::super::Follows::Line(0)]);
        assert_eq!(read, [vec!["và", "ban"], vec!["hành"]]);
        // A line nothing continues keeps its reading.
        let read = r.repair_doc_tokens_in_cells(&lines, &[super::super::Follows::Nothing, super::super::Follows::Nothing]);
        assert_eq!(read[0], ["và", "bản"]);
    }

    #[test]
    fn a_two_syllable_word_of_the_dictionary_wins_a_close_call() {
        // A language model that has "để xuất" (software manuals: "to export") a little more often
        // than "đề xuất" (to propose), which the dictionary has as a word.
        let mut c = Counts::default();
        for (l, n) in [("rà soát để xuất tập tin", 1.2), ("rà soát đề xuất", 1.0), ("để", 3.0)] {
            c.add_sentence(&lm::tokens(l), n);
        }
        let blind = OcrRepair::new(&c, &shipped_channel(), Params { word_bonus: 0.0, ..Params::default() });
        assert_eq!(blind.repair_text("ra soat, dé xuat"), "rà soát, để xuất");
        let r = OcrRepair::new(&c, &shipped_channel(), Params::default());
        assert_eq!(r.repair_text("ra soat, dé xuat"), "rà soát, đề xuất");
        // The dictionary as read from rules/lm/words2.txt, and as the repairer's pairs of LM ids.
        let words: rustc_hash::FxHashSet<(&str, &str)> = lm::dictionary_words().collect();
        assert!(words.contains(&("đề", "xuất")) && words.contains(&("ban", "hành")) && words.contains(&("tiếp", "thu")));
        assert!(!words.contains(&("để", "xuất")) && !words.contains(&("bản", "hành")));
        assert!(r.words2.contains(&pair(r.lm.id("đề"), r.lm.id("xuất"))) && !r.words2.contains(&pair(r.lm.id("để"), r.lm.id("xuất"))));
    }

    #[test]
    fn a_word_capitalised_inside_a_sentence_reads_as_a_name() {
        // A language model that knows "để ẩn" (software manuals: "nhấp để ẩn") better than "đề án".
        let mut c = Counts::default();
        for (l, n) in [("nhấp để ẩn thanh công cụ", 6.0), ("để ẩn", 3.0), ("phê duyệt để ẩn", 2.0), ("phê duyệt đề án", 1.0), ("đề án", 1.0)] {
            c.add_sentence(&lm::tokens(l), n);
        }
        let blind = OcrRepair::new(&c, &shipped_channel(), Params { name_other_logp: 0.0, ..Params::default() });
        assert_eq!(blind.repair_text("phé duyét Dé an"), "phê duyệt Để ẩn");
        let r = OcrRepair::new(&c, &shipped_channel(), Params::default());
        // Inside a sentence the capital says a name ("Đề án" in rules/documents.toml); at the start
        // of a line, after a full stop or a list dash it says nothing.
        assert_eq!(r.repair_text("phé duyét Dé an"), "phê duyệt Đề án");
        assert_eq!(r.repair_text("phé duyét. Dé an"), "phê duyệt. Để ẩn");
        assert_eq!(r.repair_text("Dé an"), "Để ẩn");
        assert_eq!(r.repair_text("phé duyét dé an"), "phê duyệt để ẩn");
        let s = OcrRepair::shipped();
        let name = |w: &str| s.name_words.contains(&s.lm.id(w));
        assert!(name("đề") && name("sở") && name("ủy") && name("quý") && !name("để") && !name("ẩn"));
    }

    #[test]
    fn a_comma_between_two_numbers_is_part_of_the_number() {
        // A decimal comma ("≥ 0,8": the target's value) and a time get no space after them; a comma
        // after a word still does.
        assert_eq!(text("0,8."), "0,8.");
        assert_eq!(text("1,5"), "1,5");
        assert_eq!(text("8:30"), "8:30");
        assert_eq!(text("Nai,2026"), "Nai, 2026");
        let r = OcrRepair::shipped();
        assert_eq!(r.repair_text("cap tinh = 0,8."), "cấp tỉnh ≥ 0,8.");
    }

    #[test]
    fn inventory_forms_have_the_ids_model_id_gives() {
        // `with_model` looks the inventory's forms up without folding them (`Model::id_folded`):
        // the same ids as `Model::id`, on the shipped model.
        let m = OcrRepair::shipped();
        for (w, &id) in m.words.iter().zip(&m.word_ids) {
            assert_eq!(id, m.lm.id(w), "{w}");
        }
    }

    /// `rules/lm/ocr-tables.bin` holds what `with_model` builds for the shipped model and channel
    /// (stale after any change to the inventory, the model, the channel or the layout), and a
    /// damaged file is refused.
    #[test]
    fn shipped_tables_file_is_the_built_tables() {
        let mut built = OcrRepair::with_model(lm::shipped_model(), &shipped_channel(), Params::default());
        built.precompute(candidate_keys(include_str!("../../rules/lm/generic.ngrams"), &shipped_channel()).iter().map(|k| k.as_str()));
        let built = built.tables_to_bytes();
        let file: &[u8] = include_bytes!("../../rules/lm/ocr-tables.bin");
        assert!(
            file == built.as_slice(),
            "rules/lm/ocr-tables.bin is not the shipped repairer's tables: run `cargo run --release --example write_model`"
        );
        assert_eq!(OcrRepair::shipped().tables_to_bytes(), built);
        for cut in [0, 7, 12, file.len() / 3, file.len() - 1] {
            assert!(OcrRepair::from_tables(lm::shipped_model(), &shipped_channel(), Params::default(), &file[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = file.to_vec();
        longer.push(0);
        assert!(OcrRepair::from_tables(lm::shipped_model(), &shipped_channel(), Params::default(), &longer).is_err());
    }

    #[test]
    fn inventory_by_skeleton_from_the_trie() {
        OcrRepair::shipped().check_inventory_with_skeleton();
    }

    /// The shipped precomputed candidates are what the search gives, word for word and bit for bit
    /// (a sample of keys; the test above compares every list through the file's bytes), and a
    /// repairer with other parameters does not use them.
    #[test]
    fn precomputed_candidates_are_the_search() {
        let file: &[u8] = include_bytes!("../../rules/lm/ocr-tables.bin");
        let table = OcrRepair::from_tables(lm::shipped_model(), &shipped_channel(), Params::default(), file).unwrap();
        let search = OcrRepair::with_model(lm::shipped_model(), &shipped_channel(), Params::default());
        let keys = candidate_keys(include_str!("../../rules/lm/generic.ngrams"), &shipped_channel());
        assert!(keys.len() > 1000, "{}", keys.len());
        for k in keys.iter().step_by(97).map(|k| k.as_str()).chain(["nghi", "quyet", "hoach", "cong", "so", "ke"]) {
            let (a, b) = (table.candidates(k), search.candidates(k));
            assert_eq!(a.len(), b.len(), "{k}");
            for (x, y) in a.iter().zip(&b) {
                assert!(x.form == y.form && x.lm_id == y.lm_id && x.logp.to_bits() == y.logp.to_bits(), "{k}: {} {} vs {} {}", x.form, x.logp, y.form, y.logp);
            }
        }
        assert_eq!(search.candidate_counts().0, 0);
        assert!(table.candidate_counts().0 > 40 && table.candidate_counts().1 == 0, "{:?}", table.candidate_counts());
        let other = OcrRepair::from_tables(lm::shipped_model(), &shipped_channel(), Params { margin: 6.0, ..Params::default() }, file).unwrap();
        other.candidates("quyet");
        assert_eq!(other.candidate_counts(), (0, 1));
    }

    #[test]
    fn case_follows_ocr() {
        // A token kept as it is keeps its own case ("R&D", "KH").
        assert_eq!(with_case_of("r&d", "R&D", false), "R&D");
        assert_eq!(with_case_of("đồng", "PONG", false), "ĐỒNG");
        assert_eq!(with_case_of("đồng", "Pong", false), "Đồng");
        assert_eq!(with_case_of("số", "s6", false), "số");
        assert_eq!(with_case_of("sở", "SG", false), "Sở");
        // (the normaliser's rules' spellings, which may start with a capital)
        assert_eq!(in_case_of("quý", "QUY"), "QUÝ");
        assert_eq!(in_case_of("Sở", "số"), "sở");
        assert_eq!(in_case_of("Sở", "SG"), "Sở");
        // A capital I read as the letter l was the OCR's look-alike for it; an I read as itself
        // stays a capital.
        assert_eq!(with_case_of("lợi", "Igi", false), "lợi");
        assert_eq!(with_case_of("lớn", "Ion", false), "lớn");
        assert_eq!(with_case_of("ích", "Ich", false), "Ích");
        assert_eq!(with_case_of("ủy", "UY", true), "ỦY");
        // A word in capitals is written in capitals; the OCR's own word stays as printed, in
        // either tone-mark style.
        assert_eq!(with_case_of("chỉ", "CHi", true), "CHỈ");
        assert_eq!(with_case_of("hóa", "hoá", false), "hoá");
        assert_eq!(with_case_of("ủy", "Uỷ", false), "Uỷ");
    }

    /// Capitals: a word is in capitals when its line mostly is or a word beside it is; an 'i' among
    /// capitals is taken for a marked "I"; digits are look-alikes of lower case.
    #[test]
    fn words_in_capitals() {
        assert!(in_capitals("TINH") && in_capitals("CHi") && in_capitals("KH&CN"));
        assert!(!in_capitals("Bi") && !in_capitals("N6Oi") && !in_capitals("Tinh") && !in_capitals("T"));
        let r = OcrRepair::shipped();
        let caps = |line: &str| r.plan(&line.split_whitespace().collect::<Vec<_>>()).slots.iter().map(|s| s.caps).collect::<Vec<_>>();
        assert_eq!(caps("UBND TINH DONG NAI ban hanh"), [false, true, true, true, false, false]);
        assert_eq!(caps("Sé KE hoach"), [false, false, false]);
        assert_eq!(caps("KE"), [true]);
        // A speck or a number is no word in lower case ("_ KEHOACH": a title's line).
        assert_eq!(caps("_ KEHOACH"), [false, true]);
        assert_eq!(caps("2025 TINH"), [false, true]);
    }

    /// A title's letter-spaced capitals read as one word ("KEHOACH" for "K Ế  H O Ạ C H") are two
    /// syllables in capitals; a run the language model knows as it is ("OCOP") or of fewer than six
    /// letters is not split.
    #[test]
    fn capitals_run_together_are_two_words() {
        let r = OcrRepair::shipped();
        assert_eq!(r.repair_text("KEHOACH"), "KẾ HOẠCH");
        assert_eq!(r.repair_text("_ KEHOACH"), "_ KẾ HOẠCH");
        assert_eq!(r.repair_text("BAN CHi DAO KEHOACH"), "BAN CHỈ ĐẠO KẾ HOẠCH");
        assert!(r.caps_split_candidates("OCOP").is_empty());
        assert!(r.caps_split_candidates("KEHOA").is_empty());
        let forms: Vec<String> = r.caps_split_candidates("KEHOACH").into_iter().map(|c| c.form).collect();
        assert_eq!(forms.first().map(String::as_str), Some("kế hoạch"), "{forms:?}");
    }

    /// An English OCR drops the marks of capitals: every syllable with the bare letters is a
    /// candidate at the same channel score ("KẾ" for "KE", which the lower-case channel puts far
    /// down), and an 'i' among capitals keeps only the "I"s with a mark above it.
    #[test]
    fn capitals_lose_their_marks_not_their_letters() {
        let r = OcrRepair::shipped();
        let score = |c: &[Cand], f: &str| c.iter().find(|c| c.form == f).map(|c| c.logp);
        let lower = r.candidates("ke");
        let caps = r.caps_candidates("KE");
        assert_eq!(score(&caps, "kế"), Some(r.params.caps_bare_logp));
        assert_eq!(score(&caps, "kế"), score(&caps, "ke"));
        assert!(score(&lower, "kế").unwrap() < score(&lower, "ke").unwrap() - 3.0);
        let chi: Vec<String> = r.caps_candidates("CHi").into_iter().filter(|c| c.logp == r.params.caps_bare_logp).map(|c| c.form).collect();
        assert!(chi.contains(&"chỉ".to_string()) && chi.contains(&"chí".to_string()));
        assert!(!chi.contains(&"chi".to_string()) && !chi.contains(&"chị".to_string()));
        assert_eq!(r.repair_text("CAC CHi TIEU CU THE KE HOACH"), "CÁC CHỈ TIÊU CỤ THỂ KẾ HOẠCH");
    }

    /// Capitals that spell no syllable are an abbreviation, kept as they are; a long run that is
    /// two syllables is two words run together.
    #[test]
    fn abbreviations_in_capitals_are_kept() {
        let r = OcrRepair::shipped();
        for a in ["KPI", "IOC", "DTI", "PII", "FDI", "KH&CN", "R&D", "QLVB&DH"] {
            assert!(r.is_abbreviation(a), "{a}");
        }
        for w in ["TINH", "SOC", "KEHOACH", "Kpi", "kpi", "KE", "&KH"] {
            assert!(!r.is_abbreviation(w), "{w}");
        }
        assert_eq!(r.repair_text("trung tâm điều hanh théng minh (IOC), chi s6 (DTI) va (PII)"), "trung tâm điều hành thông minh (IOC), chỉ số (DTI) và (PII)");
    }

    /// Text that is right already comes through: a letter the English OCR never writes ("ỉ", "ự")
    /// is still read as itself (`channel::COPY_FLOOR`).
    #[test]
    fn marked_words_come_through() {
        let r = OcrRepair::shipped();
        for w in ["chỉ", "và", "số", "của", "triển", "nghị", "quyết", "đồng", "ưu", "ở", "tự"] {
            assert_eq!(r.candidates(w).first().map(|c| c.form.as_str()), Some(w), "{w}");
        }
        assert_eq!(r.repair_text("Triển khai chỉ số và của Sở"), "Triển khai chỉ số và của Sở");
    }

    /// A capital vowel read bare ("Ung" for "Ứng"): the marked readings are scored on the rest of
    /// the word (lower case, and "D" for "Đ", which the channel has learned, are left to it).
    #[test]
    fn a_capitals_marks_are_dropped_by_the_ocr() {
        let r = OcrRepair::shipped();
        let cands = r.slot_candidates("Ung", false);
        let logp = |cs: &[Cand], f: &str| cs.iter().find(|c| c.form == f).map(|c| c.logp);
        let before = logp(&cands, "ứng").expect("ứng is a candidate");
        let after = r.capital_initial("Ung", &cands).expect("changed");
        assert!(before < -2.0 && logp(&after, "ứng").unwrap() > -0.5, "{before} → {:?}", logp(&after, "ứng"));
        assert_eq!(logp(&after, "ung"), logp(&cands, "ung"));
        assert!(r.capital_initial("ung", &cands).is_none());
        assert!(r.capital_initial("UNG", &cands).is_none());
        assert!(r.capital_initial("Dung", &r.slot_candidates("Dung", false)).is_none());
    }

    /// Two vowelless capitals in a line of lower case: an abbreviation the language model knows
    /// ("của TW") is kept; "SG" (for "Sở") is read as a word.
    #[test]
    fn known_two_capital_abbreviations_are_kept() {
        let r = OcrRepair::shipped();
        assert_eq!(r.repair_text("Nghị quyết của TW"), "Nghị quyết của TW");
        let plan = r.plan(&["cua", "TW", "va", "SG"]);
        let fixed: Vec<bool> = plan.slots.iter().map(|s| s.cands.is_empty()).collect();
        assert_eq!(fixed, [false, true, false, false]);
    }

    /// Two words with punctuation between them are never one dictionary word: "đăng, đắng" (a
    /// reduplicative of the dictionary) took the bonus across the comma.
    #[test]
    fn no_dictionary_word_across_punctuation() {
        let r = OcrRepair::shipped();
        let plan = r.plan(&["(vé", "t6", "chic", "dang,", "dang", "vién,", "CBCC", "x/y"]);
        let joined: Vec<bool> = plan.slots.iter().map(|s| s.joined).collect();
        assert_eq!(joined, [false, true, true, true, false, true, false, true, false]);
    }

    /// The search's tabulated scores are the channel's own alignment of each candidate with the
    /// token (`Channel::score`), best first by channel score plus unigram prior, within the margin.
    #[test]
    fn candidates_carry_the_channels_alignment_score() {
        let r = OcrRepair::shipped();
        for tok in ["s6", "nghi", "quyét", "trién", "pong", "cong", "thirc", "nhiém", "vu"] {
            let c = r.candidates(tok);
            assert!(!c.is_empty(), "{tok}");
            let ocr: Vec<char> = tok.chars().collect();
            for x in &c {
                let word: Vec<char> = crate::repair::syllable::fold_tone_style(&x.form).chars().collect();
                let s = r.channel.score(&word, &ocr);
                assert!((s - x.logp).abs() < 1e-4, "{tok} → {}: search {} vs channel {s}", x.form, x.logp);
                assert!(x.logp > c[0].logp.max(c.iter().map(|y| y.logp).fold(f32::MIN, f32::max)) - r.params.margin);
            }
            let key = |x: &Cand| x.logp + r.params.lm_weight * r.lm.unigram_logp(x.lm_id);
            assert!(c.windows(2).all(|w| key(&w[0]) >= key(&w[1])), "{tok}: not best first");
        }
        let forms = |t: &str| r.candidates(t).into_iter().map(|c| c.form).collect::<Vec<_>>();
        assert!(forms("s6").contains(&"số".to_string()));
        assert!(forms("nghi").contains(&"nghị".to_string()));
    }

    /// The pruned trie search finds what scoring every candidate word finds: each word's best
    /// alignment in either spelling (`Channel::score`), kept within the margin of the best, the
    /// shortlist's head by channel score and unigram. (The prefix-sharing alignment, the bounds and
    /// the pruning are exactness claims; this checks them against the plain definition.)
    #[test]
    fn search_finds_what_scoring_every_word_finds() {
        let r = OcrRepair::shipped();
        let lw = r.params.lm_weight;
        for tok in ["s6", "nghi", "quyét", "trién", "pong", "thirc", "nhiém", "dugc", "hoach", "ky", "hoa", "ty", "quy"] {
            let ocr: Vec<char> = tok.chars().collect();
            let scored: Vec<(f32, usize)> = (0..r.words.len())
                .map(|wi| {
                    let own: Vec<char> = r.words.get(wi).chars().collect();
                    let alt: Vec<char> = r.word_alt.get(wi).chars().collect();
                    let s = r.channel.score(&own, &ocr);
                    (if alt.is_empty() { s } else { s.max(r.channel.score(&alt, &ocr)) }, wi)
                })
                .collect();
            let best = scored.iter().map(|x| x.0).fold(f32::NEG_INFINITY, f32::max);
            // (`FLOOR` cuts the search short where nothing fits the token: not the case here.)
            assert!(best - r.params.margin > FLOOR, "{tok}: nothing fits");
            let mut kept: Vec<(f32, usize)> = scored.into_iter().filter(|x| x.0 > best - r.params.margin).collect();
            kept.sort_by(|a, b| (b.0 + lw * r.lm.unigram_logp(r.word_ids[b.1])).total_cmp(&(a.0 + lw * r.lm.unigram_logp(r.word_ids[a.1]))));
            let cands = r.candidates(tok);
            // (a candidate's form is its word in the plans' tone style)
            let form = |wi: usize| if r.word_alt.get(wi).is_empty() { classic_tone_style(r.words.get(wi)) } else { r.word_alt.get(wi).to_string() };
            assert_eq!(cands.len(), kept.len().min(r.params.per_token), "{tok}");
            // Each candidate scores its word's better spelling …
            for c in &cands {
                let s = kept.iter().filter(|k| form(k.1) == c.form).map(|k| k.0).fold(f32::NEG_INFINITY, f32::max);
                assert!((s - c.logp).abs() < 1e-4, "{tok} → {}: search {} vs scored {s}", c.form, c.logp);
            }
            // … and the shortlist's head is there (the last places may swap on float rounding).
            for &(s, wi) in kept.iter().take(r.params.per_token - 2) {
                assert!(cands.iter().any(|c| c.form == form(wi)), "{tok}: {} ({s}) scored within the margin, not found", r.words.get(wi));
            }
        }
    }

    /// A target's "≥" that the OCR read as "=" (rules/targets.toml) is written back before a number,
    /// and only there.
    #[test]
    fn at_least_written_back_before_a_number() {
        let r = OcrRepair::shipped();
        assert!(r.repair_text("Co = 70% thu tuc hanh chinh").contains("≥ 70%"));
        assert!(r.repair_text("dat =80% tong so").contains("≥80%"));
        assert!(r.repair_text("a = b").contains("a = b"));
        assert!(r.repair_text("ket qua =").ends_with(" ="));
    }

    /// A model that knows no document symbol (a plan held out, generic text without them) still
    /// respells "QD" as "QĐ" inside a code: rules/documents.toml lists the symbols.
    #[test]
    fn the_word_before_a_document_number_is_so() {
        let d = &crate::rules::Rules::get().documents;
        assert_eq!(mend_number_words(d, "theo Quyết định sơ 204-QĐ/TW"), "theo Quyết định số 204-QĐ/TW");
        // across a cell's lines, its white space kept; in capitals; before a number with a year
        assert_eq!(mend_number_words(d, "Quyết định sở\n204-QĐ/TW,"), "Quyết định số\n204-QĐ/TW,");
        assert_eq!(mend_number_words(d, "KẾ HOẠCH SO 55-KH/TU"), "KẾ HOẠCH SỐ 55-KH/TU");
        assert_eq!(mend_number_words(d, "Nghị định s6 13/2023/NĐ-CP"), "Nghị định số 13/2023/NĐ-CP");
        // a number of one or two digits after a kind of document
        assert_eq!(mend_number_words(d, "theo Quyết định 0 204-QĐ/TW"), "theo Quyết định số 204-QĐ/TW");
        assert_eq!(mend_number_words(d, "Kế hoạch 36\n55-KH/TU"), "Kế hoạch số\n55-KH/TU");
        for t in ["Điều 36 204-QĐ/TW", "Quyết định 365 204-QĐ/TW", "Quyết định 36 2025"] {
            assert_eq!(mend_number_words(d, t), t);
        }
        // not before a number that holds no symbol, nor another word
        for t in ["Sở 5 phòng", "sở 12/2025", "sổ tay 204-QĐ/TW", "Sở Tư pháp", "số 204-QĐ/TW"] {
            assert_eq!(mend_number_words(d, t), t);
        }
    }

    #[test]
    fn document_symbols_in_codes_from_the_rules() {
        let r = OcrRepair::new(&Counts::default(), &ChannelCounts::default(), Params::default());
        assert_eq!(r.respell_code("204-QD/TW"), "204-QĐ/TW");
        assert_eq!(r.respell_code("13/2023/ND-CP"), "13/2023/NĐ-CP");
        assert_eq!(r.respell_code("KH/BCD"), "KH/BCĐ");
        // symbols as read, and runs that give no symbol, stay
        assert_eq!(r.respell_code("55-KH/TU"), "55-KH/TU");
        assert_eq!(r.respell_code("CD-ROM"), "CD-ROM");
        assert_eq!(r.respell_code("HD/UBND"), "HD/UBND");
        // a speck read into a document code is dropped; elsewhere an underscore stays
        assert_eq!(r.respell_code("204-QD_/TW"), "204-QĐ/TW");
        assert_eq!(r.respell_code("204-QD_D/TW"), "204-QĐ/TW");
        assert_eq!(r.respell_code("02-KH/BCDTW"), "02-KH/BCĐTW");
        assert_eq!(r.respell_code("KH/QDTW"), "KH/QĐTW");
        assert_eq!(r.respell_code("ADD-ON"), "ADD-ON");
        assert_eq!(r.respell_code("ma_so-1"), "ma_so-1");
        assert_eq!(r.respell_code("A_B"), "A_B");
        // a symbol read with a lower-case letter, where one symbol fits
        assert_eq!(r.respell_code("204-Qp/TW"), "204-QĐ/TW");
        assert_eq!(r.respell_code("204-QD/Tw"), "204-QĐ/TW");
        assert_eq!(r.respell_code("Qp/TW"), "QĐ/TW");
        for t in ["13/2023/Np-CP", "15/2025/TTg", "3/TTr-UBND", "Qp/HCM", "Tp-HCM", "12-Kp/TU"] {
            assert_eq!(r.respell_code(t), t, "{t}");
        }
    }

    #[test]
    fn beam_keeps_the_best_of_each_state_within_its_width() {
        let h = |score: f32, u: u32, v: u32| Hyp { score, u, v, hist: 0 };
        let mut top = Top::new(2, f32::INFINITY);
        assert_eq!(top.threshold(), f32::NEG_INFINITY);
        top.offer(h(-5.0, 1, 2), 0);
        top.offer(h(-3.0, 1, 2), 1); // the same LM state, better: replaces it
        top.offer(h(-4.0, 1, 2), 2); // the same state, worse: ignored
        top.offer(h(-6.0, 1, 3), 3);
        assert_eq!(top.kept.iter().map(|k| k.1).collect::<Vec<_>>(), vec![1, 3]);
        assert_eq!(top.threshold(), -6.0);
        top.offer(h(-6.0, 1, 4), 4); // a tie does not displace the one offered first
        top.offer(h(-1.0, 2, 2), 5);
        assert_eq!(top.kept.iter().map(|k| k.1).collect::<Vec<_>>(), vec![5, 1]);
        // Relative pruning: hypotheses more than `prune` below the best are dropped.
        let mut top = Top::new(5, 2.0);
        top.offer(h(-5.0, 1, 1), 0);
        top.offer(h(-6.5, 1, 2), 1);
        top.offer(h(-2.0, 1, 3), 2);
        assert_eq!(top.kept.iter().map(|k| k.1).collect::<Vec<_>>(), vec![2]);
        assert_eq!(top.threshold(), -4.0);
    }
}

#[cfg(test)]
mod doubt_tests {
    use super::*;

    fn doubted(line: &str) -> Vec<(String, Option<Doubt>)> {
        let r = OcrRepair::shipped();
        let toks: Vec<&str> = line.split_whitespace().collect();
        let (read, doubts) = r.repair_doc_tokens_doubted(&[toks], &[]);
        read[0].iter().cloned().zip(doubts[0].iter().cloned()).collect()
    }

    /// A word alone, with nothing around it to decide between its readings, is doubted, its
    /// runner-up named; the same word in a phrase that decides it is not.
    #[test]
    fn a_word_no_context_decides_is_doubted() {
        let alone = doubted("thi diém");
        assert_eq!(alone[0].0, "thí");
        let d = alone[0].1.as_ref().expect("doubted");
        assert!(d.margin >= 0.0 && d.margin < Params::default().doubt_margin, "{d:?}");
        assert_eq!(d.other.as_deref(), Some("thời"));
        assert_eq!(alone[1].1, None);
        let phrase = doubted("Trién khai Nghi quyét s6 57-NQ/TW cua B6 Chinh tri");
        assert!(phrase.iter().all(|(_, d)| d.is_none()), "{phrase:?}");
        assert_eq!(phrase.iter().map(|(w, _)| w.as_str()).collect::<Vec<_>>().join(" "), "Triển khai Nghị quyết số 57-NQ/TW của Bộ Chính trị");
    }

    /// The doubts change no reading: the same words with and without them.
    #[test]
    fn doubts_change_no_reading() {
        let r = OcrRepair::shipped();
        let lines: Vec<Vec<&str>> = ["Ban hanh Ké hoach tai cac don vi", "mang dang thi diém ban", "t6 chic dang, dang vién"].iter().map(|l| l.split_whitespace().collect()).collect();
        assert_eq!(r.repair_doc_tokens_doubted(&lines, &[]).0, r.repair_doc_tokens(&lines));
    }

    /// A token kept with a character no word has, or a lower-case run that is no syllable and no
    /// word of the model, is unreadable: doubted, with no other reading.
    #[test]
    fn an_unreadable_token_is_doubted_with_no_other_reading() {
        let read = doubted("ban hanh t# ngu%i xqkz 80% KH&CN 5G");
        let unread: Vec<&str> = read.iter().filter(|(_, d)| d.as_ref().is_some_and(|d| d.other.is_none() && d.margin == 0.0)).map(|(w, _)| w.as_str()).collect();
        assert_eq!(unread, ["t#", "ngu%i", "xqkz"], "{read:?}");
        assert!(junk_inside("s6") && junk_inside("l6n") && junk_inside("S&@Khoahoc") && junk_inside("}jén"));
        assert!(!junk_inside("80%") && !junk_inside("5G") && !junk_inside("KH&CN") && !junk_inside("T2") && !junk_inside("(c)"));
    }
}
