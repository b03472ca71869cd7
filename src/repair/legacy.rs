//! Legacy 8-bit Vietnamese font encodings: TCVN3 (ABC, the .VnTime family), VNI (VNI-Times) and
//! VISCII.
//!
//! A PDF set in such a font has no usable ToUnicode map, so a text extractor reads each byte as the
//! Latin-1 (or cp1252/WinAnsi) character of the same code: "Kế hoạch" in TCVN3 comes out as
//! "KÕ ho¹ch". This module reads such text back into bytes, decodes the bytes with the encoding's
//! table (`rules/legacy/*.tsv`, from the published standards) and decides, per line, which encoding
//! (or none) the text is in by how Vietnamese each decoding looks: the number of its letter runs that
//! are well-formed Vietnamese syllables. "None" wins ties, so clean Unicode text is never changed, and
//! a run is converted only where its decoding is better than what is there, so a legacy run inside
//! Unicode text is converted while the Unicode around it is kept.
//!
//! TCVN3 codes only the lower-case letters and the seven capitals without a tone mark; a toned capital
//! is drawn by the separate upper-case font (.VnTimeH) at the code of its lower-case letter, and the
//! text layer cannot tell them apart. A word is decoded as capitals when its other letters are capitals
//! (two or more of them, or one when the line's other toned words are capitals).

use super::syllable::is_syllable;
use std::collections::HashMap;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

const TCVN3_TSV: &str = include_str!("../../rules/legacy/tcvn3.tsv");
const VNI_TSV: &str = include_str!("../../rules/legacy/vni.tsv");
const VISCII_TSV: &str = include_str!("../../rules/legacy/viscii.tsv");
const FONTS_TOML: &str = include_str!("../../rules/legacy/fonts.toml");

/// Whether a PDF font (its BaseFont name) is a TCVN3 upper-case font such as .VnTimeH
/// (`rules/legacy/fonts.toml`).
pub fn is_upper_case_font(base_font: &str) -> bool {
    static PATTERNS: OnceLock<Vec<regex::Regex>> = OnceLock::new();
    let patterns = PATTERNS.get_or_init(|| {
        #[derive(serde::Deserialize)]
        struct Fonts {
            upper_case_tcvn3: Vec<String>,
        }
        let f: Fonts = toml::from_str(FONTS_TOML).expect("rules/legacy/fonts.toml");
        f.upper_case_tcvn3.iter().map(|p| regex::Regex::new(&format!("(?i){p}")).expect("rules/legacy/fonts.toml: pattern")).collect()
    });
    // "ABCDEF+.VnTimeH,Bold" -> ".VnTimeH"
    let name = match base_font.split_once('+') {
        Some((prefix, rest)) if prefix.len() == 6 && prefix.chars().all(|c| c.is_ascii_uppercase()) => rest,
        _ => base_font,
    };
    let mut name: String = name.split(',').next().unwrap_or("").chars().filter(|c| !c.is_whitespace()).collect();
    for style in ["-BoldItalic", "-BoldOblique", "-Bold", "-Italic", "-Oblique", "-Regular", "BoldItalic", "Bold", "Italic"] {
        if name.len() > style.len() && name.to_ascii_lowercase().ends_with(&style.to_ascii_lowercase()) {
            name.truncate(name.len() - style.len());
            break;
        }
    }
    patterns.iter().any(|p| p.is_match(&name))
}

/// A legacy encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    Tcvn3,
    Vni,
    Viscii,
}

impl Encoding {
    pub const ALL: [Encoding; 3] = [Encoding::Tcvn3, Encoding::Vni, Encoding::Viscii];

    pub fn name(self) -> &'static str {
        match self {
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
            Encoding::Viscii => "viscii",
        }
    }

    pub fn table(self) -> &'static Table {
        static T: OnceLock<[Table; 3]> = OnceLock::new();
        let t = T.get_or_init(|| {
            [
                Table::parse(Encoding::Tcvn3, TCVN3_TSV).expect("rules/legacy/tcvn3.tsv"),
                Table::parse(Encoding::Vni, VNI_TSV).expect("rules/legacy/vni.tsv"),
                Table::parse(Encoding::Viscii, VISCII_TSV).expect("rules/legacy/viscii.tsv"),
            ]
        });
        match self {
            Encoding::Tcvn3 => &t[0],
            Encoding::Vni => &t[1],
            Encoding::Viscii => &t[2],
        }
    }
}

/// One encoding's mapping, both ways.
#[derive(Debug)]
pub struct Table {
    pub encoding: Encoding,
    /// Single byte → letter (TCVN3: as drawn by the regular font).
    single: [Option<char>; 256],
    /// TCVN3 only: single byte → the capital the upper-case font draws there.
    upper_font: [Option<char>; 256],
    /// Two-byte sequences (VNI: base letter + mark) → letter.
    pairs: HashMap<[u8; 2], char>,
    /// Letter → bytes, and whether only the upper-case font has it (TCVN3 toned capitals).
    encode: HashMap<char, (Vec<u8>, bool)>,
}

impl Table {
    /// Parses a `rules/legacy/*.tsv` file: `letter<TAB>hex bytes[<TAB>normal|upper]`, `#` comments.
    pub fn parse(encoding: Encoding, tsv: &str) -> Result<Table, String> {
        let mut t = Table { encoding, single: [None; 256], upper_font: [None; 256], pairs: HashMap::new(), encode: HashMap::new() };
        for (n, line) in tsv.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let mut chars = cols[0].chars();
            let (Some(letter), None) = (chars.next(), chars.next()) else {
                return Err(format!("line {}: first column must be one letter", n + 1));
            };
            let bytes: Vec<u8> = cols
                .get(1)
                .ok_or_else(|| format!("line {}: no bytes", n + 1))?
                .split_whitespace()
                .map(|h| u8::from_str_radix(h, 16).map_err(|e| format!("line {}: {e}", n + 1)))
                .collect::<Result<_, _>>()?;
            let upper = match cols.get(2).copied() {
                None | Some("normal") => false,
                Some("upper") => true,
                Some(x) => return Err(format!("line {}: unknown font {x:?}", n + 1)),
            };
            match (bytes.as_slice(), upper) {
                ([b], false) => t.single[*b as usize] = Some(letter),
                ([b], true) => t.upper_font[*b as usize] = Some(letter),
                ([a, b], false) => {
                    t.pairs.insert([*a, *b], letter);
                }
                _ => return Err(format!("line {}: unsupported byte sequence", n + 1)),
            }
            t.encode.insert(letter, (bytes, upper));
        }
        // In the upper-case font the capitals without a tone mark also sit at their lower-case codes.
        if encoding == Encoding::Tcvn3 {
            for b in 0..256 {
                if let Some(l) = t.single[b] {
                    if l.is_lowercase() && t.upper_font[b].is_none() {
                        t.upper_font[b] = l.to_uppercase().next();
                    }
                }
            }
        }
        Ok(t)
    }

    /// Number of letters in the table.
    pub fn len(&self) -> usize {
        self.encode.len()
    }

    pub fn is_empty(&self) -> bool {
        self.encode.is_empty()
    }

    /// The letters of the table.
    pub fn letters(&self) -> impl Iterator<Item = char> + '_ {
        self.encode.keys().copied()
    }

    /// Encodes Unicode text the way a legacy font would show it to a text extractor: one Latin-1
    /// character per byte. TCVN3 toned capitals get the code the upper-case font draws them at.
    /// Other characters (punctuation, symbols such as "≥", set in another font) are kept; a letter the
    /// encoding has no code for gives `None`.
    pub fn encode(&self, text: &str) -> Option<String> {
        let mut out = String::new();
        for c in text.nfc() {
            if let Some((bytes, _)) = self.encode.get(&c) {
                out.extend(bytes.iter().map(|&b| b as char));
            } else if c.is_ascii() || !c.is_alphabetic() {
                out.push(c);
            } else {
                return None;
            }
        }
        Some(out)
    }

    /// Whether the letter needs TCVN3's upper-case font.
    pub fn needs_upper_font(&self, c: char) -> bool {
        self.encode.get(&c).map(|e| e.1).unwrap_or(false)
    }

    /// Decodes one run of bytes (as chars, see [`to_byte`]); `upper(i)` says whether char `i` is in
    /// TCVN3's upper-case font. Characters without a byte reading or without a letter are kept.
    /// Returns the text and the number of letters that came from a code (not ASCII).
    fn decode_chars(&self, chars: &[char], upper: &dyn Fn(usize) -> bool) -> (String, usize) {
        let mut out = String::with_capacity(chars.len() * 2);
        let coded = self.decode_chars_into(chars, upper, &mut out);
        (out, coded)
    }

    /// [`Self::decode_chars`] appending to `out`; returns the number of letters from codes.
    fn decode_chars_into(&self, chars: &[char], upper: &dyn Fn(usize) -> bool, out: &mut String) -> usize {
        let mut coded = 0;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let Some(b) = to_byte(c) else {
                out.push(c);
                i += 1;
                continue;
            };
            if let Some(b2) = chars.get(i + 1).and_then(|&n| to_byte(n)) {
                if let Some(&l) = self.pairs.get(&[b, b2]) {
                    out.push(l);
                    coded += 1;
                    i += 2;
                    continue;
                }
            }
            let l = if upper(i) { self.upper_font[b as usize].or(self.single[b as usize]) } else { self.single[b as usize] };
            match l {
                Some(l) => {
                    out.push(l);
                    if !l.is_ascii() {
                        coded += 1;
                    }
                }
                None => out.push(c),
            }
            i += 1;
        }
        coded
    }

    /// Decodes text that is entirely in this encoding (no detection), word by word; TCVN3 words take
    /// their case from their other letters as described in the module documentation.
    pub fn decode(&self, text: &str) -> String {
        let tokens = split_tokens(text);
        let words: Vec<&str> = tokens.iter().filter(|t| t.0).map(|t| t.1).collect();
        let upper = if self.encoding == Encoding::Tcvn3 { tcvn3_upper_words(&words) } else { vec![false; words.len()] };
        let mut out = String::with_capacity(text.len() * 2);
        let mut k = 0;
        for (is_word, s) in tokens {
            if is_word {
                let chars: Vec<char> = s.chars().collect();
                let u = upper[k];
                out.push_str(&self.decode_chars(&chars, &|_| u).0);
                k += 1;
            } else {
                out.push_str(s);
            }
        }
        out.nfc().collect()
    }
}

/// The byte a legacy-font character was read from: its Latin-1 code, or for 0x80–0x9F also the cp1252
/// (WinAnsi) punctuation an extractor may have given ('€' '‚' 'ƒ' …). C0 controls are kept (VISCII
/// puts six capitals there).
pub fn to_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x100 {
        return Some(u as u8);
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

/// Splits a line into (is_word, text) pieces: words are maximal runs of non-whitespace.
fn split_tokens(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_word: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let w = !is_separator(c);
        match in_word {
            Some(prev) if prev != w => {
                out.push((prev, &text[start..i]));
                start = i;
            }
            _ => {}
        }
        in_word = Some(w);
    }
    if let Some(w) = in_word {
        out.push((w, &text[start..]));
    }
    out
}

/// Whitespace that separates words. U+00A0 and U+0085 are not: they are bytes 0xA0 and 0x85, letters
/// in VISCII.
fn is_separator(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{85}')
}

/// NFC, without work when the text already is (the decoded letters are precomposed).
pub fn nfc(s: String) -> String {
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        s
    } else {
        s.nfc().collect()
    }
}

/// `char::is_alphabetic`, with the Latin and Vietnamese ranges answered from a table (the general
/// lookup dominated the time on legacy text).
fn is_letter(c: char) -> bool {
    static LATIN: OnceLock<Vec<bool>> = OnceLock::new();
    let u = c as u32;
    if u < 0x80 {
        return c.is_ascii_alphabetic();
    }
    if u < 0x250 {
        return LATIN.get_or_init(|| (0..0x250u32).map(|u| char::from_u32(u).map(|c| c.is_alphabetic()).unwrap_or(false)).collect())[u as usize];
    }
    if (0x1EA0..=0x1EF9).contains(&u) {
        return true;
    }
    c.is_alphabetic()
}

/// Whether a character can be part of a run to decode: letters and digits, combining marks, and any
/// non-ASCII character with a byte reading (legacy codes such as '¹' '§' '©' are punctuation in
/// Latin-1), plus the C0 positions VISCII uses for letters.
fn is_run_char(c: char) -> bool {
    is_letter(c)
        || c.is_numeric()
        || matches!(c as u32, 0x0300..=0x036F)
        || (!c.is_ascii() && !is_separator(c) && to_byte(c).is_some())
        || matches!(c as u32, 0x02 | 0x05 | 0x06 | 0x14 | 0x19 | 0x1E)
}

/// A character that legacy text shows and clean Vietnamese text hardly ever has (evidence of
/// mojibake): the Latin-1 symbols (¡ … ¿, × ÷), C1 controls and the C0 positions VISCII uses. The cp1252
/// typographic punctuation (“ ” – … ) is common in clean text and is not evidence.
fn is_foreign(c: char) -> bool {
    matches!(c as u32, 0xA1..=0xBF | 0xD7 | 0xF7 | 0x80..=0x9F | 0x02 | 0x05 | 0x06 | 0x14 | 0x19 | 0x1E)
}

/// TCVN3 case per word, when the PDF does not say which font drew it: `true` where the word is to be
/// read in the upper-case font. A word with a lower-case letter is lower case; one with two or more
/// capitals (and no lower-case letter) is upper case; one with a single capital or none goes with the
/// line's other toned words ("KÕ HO¹CH" = "KẾ HOẠCH", "KÕ ho¹ch" = "Kế hoạch").
fn tcvn3_upper_words(words: &[&str]) -> Vec<bool> {
    // (upper letters, lower letters, toned codes) per word
    let stats: Vec<(usize, usize, usize)> = words
        .iter()
        .map(|w| {
            let (mut up, mut lo, mut coded) = (0, 0, 0);
            for c in w.chars() {
                match to_byte(c) {
                    // ASCII capitals and the seven capitals TCVN3 codes (Ă Â Ê Ô Ơ Ư Đ)
                    Some(b'A'..=b'Z' | 0xA1..=0xA7) => up += 1,
                    Some(b'a'..=b'z') => lo += 1,
                    Some(b) if b >= 0xA8 && Encoding::Tcvn3.table().single[b as usize].is_some() => coded += 1,
                    _ => {}
                }
            }
            (up, lo, coded)
        })
        .collect();
    let mut votes_up = 0;
    let mut votes_lo = 0;
    for &(up, lo, coded) in &stats {
        if coded > 0 {
            if lo > 0 {
                votes_lo += 1;
            } else if up >= 2 {
                votes_up += 1;
            }
        }
    }
    stats
        .iter()
        .map(|&(up, lo, _)| {
            if lo > 0 {
                false
            } else if up >= 2 {
                true
            } else {
                // one capital or none: the line decides
                votes_up > votes_lo
            }
        })
        .collect()
}

/// How Vietnamese a run looks: +1 for each letter run that is a syllable, −1 for each that is not;
/// a run showing characters clean text never has counts −1 as a whole (its pieces between those
/// characters are not words).
fn vietnamese_score(s: &str) -> i32 {
    let mut score = 0;
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        if is_foreign(c) {
            return -1;
        }
        let letter = i < s.len() && (is_letter(c) || matches!(c as u32, 0x0300..=0x036F));
        match (start, letter) {
            (None, true) => start = Some(i),
            (Some(b), false) => {
                score += if syllable_cached(&s[b..i]) { 1 } else { -1 };
                start = None;
            }
            _ => {}
        }
    }
    score
}

/// `is_syllable`, remembered per thread (the same few thousand words come back on every line).
fn syllable_cached(w: &str) -> bool {
    use std::cell::RefCell;
    thread_local! {
        static CACHE: RefCell<rustc_hash::FxHashMap<String, bool>> = RefCell::new(Default::default());
    }
    CACHE.with(|c| {
        if let Some(&v) = c.borrow().get(w) {
            return v;
        }
        let v = is_syllable(w);
        let mut c = c.borrow_mut();
        if c.len() > 200_000 {
            c.clear();
        }
        c.insert(w.to_string(), v);
        v
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// Decoded reads better (or as well, and shows characters clean text never has).
    Legacy,
    /// Reads as well decoded as not: decided by its neighbours.
    Tie,
    /// Clean text (characters no 8-bit font gives, or reads worse decoded).
    Unicode,
    /// Nothing to decide (no legacy code in it).
    Neutral,
}

/// Decodes one run (scored in pieces split at inner hyphens, unless for TCVN3 the hyphens read better
/// as ư): the text, the number of letters from codes, and the score.
fn decode_run(enc: Encoding, table: &Table, chars: &[char], is_upper: &dyn Fn(usize) -> bool) -> (String, usize, i32) {
    if !chars.contains(&'-') {
        let (d, coded) = table.decode_chars(chars, is_upper);
        let score = vietnamese_score(&d);
        return (d, coded, score);
    }
    let mut d = String::new();
    let (mut coded, mut score) = (0, 0);
    let mut from = 0;
    for k in 0..=chars.len() {
        if k < chars.len() && chars[k] != '-' {
            continue;
        }
        if from > 0 {
            d.push('-');
        }
        let (dp, cp) = table.decode_chars(&chars[from..k], &|i| is_upper(from + i));
        score += vietnamese_score(&dp);
        coded += cp;
        d.push_str(&dp);
        from = k + 1;
    }
    if enc == Encoding::Tcvn3 && chars.contains(&'-') {
        // 0xAD (ư) is "hyphen" in WinAnsiEncoding: a reader without a ToUnicode map gives '-'. Read it
        // as ư only where that reads strictly better and as Vietnamese ("n-íc" = "nước", not "e-mail",
        // "QĐ-BKHCN").
        let as_u: Vec<char> = chars.iter().map(|&c| if c == '-' { '\u{ad}' } else { c }).collect();
        let (du, cu) = table.decode_chars(&as_u, is_upper);
        let su = vietnamese_score(&du);
        if su > score && su > 0 {
            return (du, cu, su);
        }
    }
    (d, coded, score)
}

/// cp1252 punctuation (“ ” ‘ ’ … – — • ‹ ›): common in clean text, capitals in VISCII.
fn is_typographic(c: char) -> bool {
    (c as u32) > 0xFF && to_byte(c).is_some() && !c.is_alphabetic()
}

/// One run of a line: where it is (word index, byte range in the word) and its characters.
struct Run {
    word: usize,
    /// Index (in chars) of the run's first char in its word.
    first_char: usize,
    start: usize,
    end: usize,
    chars: Vec<char>,
    suspect: bool,
}

fn runs_of(words: &[&str]) -> Vec<Run> {
    let mut runs = Vec::new();
    for (wi, w) in words.iter().enumerate() {
        let mut start: Option<usize> = None;
        let chars: Vec<(usize, char)> = w.char_indices().collect();
        for (k, &(i, c)) in chars.iter().chain(std::iter::once(&(w.len(), ' '))).enumerate() {
            // A hyphen between letters may be TCVN3's ư (0xAD) as a WinAnsi reader gives it.
            let letterish = |c: Option<&(usize, char)>| c.map(|&(_, c)| is_letter(c) || is_foreign(c)).unwrap_or(false);
            let inner_hyphen = c == '-' && k > 0 && letterish(chars.get(k - 1)) && letterish(chars.get(k + 1));
            let inside = i < w.len() && (is_run_char(c) || inner_hyphen);
            match (start, inside) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    let chars: Vec<char> = w[s..i].chars().collect();
                    let suspect = chars.iter().any(|&c| !c.is_ascii() && to_byte(c).is_some() || (c as u32) < 0x20);
                    let first_char = w[..s].chars().count();
                    runs.push(Run { word: wi, first_char, start: s, end: i, chars, suspect });
                    start = None;
                }
                _ => {}
            }
        }
    }
    runs
}

/// One encoding's reading of a line.
struct Reading {
    enc: Encoding,
    /// Sum of the runs' gains (decoded score − score as it is).
    total: i32,
    /// Runs that decode to Vietnamese from a mix of ASCII letters and codes ("KÕ", "ho¹ch").
    strong: usize,
    verdicts: Vec<(Verdict, Option<String>)>,
}

/// A line analysed under every encoding.
pub struct LineAnalysis {
    runs: Vec<Run>,
    readings: Vec<Reading>,
    /// The line has characters no 8-bit font gives (clean Unicode runs).
    unicode: bool,
}

/// Analyses one line given as its words (in order) and, per word, which of its characters an
/// upper-case legacy font drew (an empty list where that is not known).
pub fn analyse_line(words: &[&str], upper_font: &[Vec<bool>]) -> LineAnalysis {
    let runs = runs_of(words);
    let unicode = runs.iter().any(|r| r.chars.iter().any(|&c| to_byte(c).is_none()));
    if !runs.iter().any(|r| r.suspect) {
        return LineAnalysis { runs, readings: Vec::new(), unicode };
    }
    let tcvn3_upper = tcvn3_upper_words(words);
    // Each run as it is, and its score (pieces split at hyphens).
    let origs: Vec<(String, i32)> = runs
        .iter()
        .map(|r| {
            if !r.suspect {
                return (String::new(), 0);
            }
            let o: String = r.chars.iter().collect();
            let sc = o.split('-').map(vietnamese_score).sum();
            (o, sc)
        })
        .collect();
    let nonbyte: Vec<bool> = runs.iter().map(|r| r.chars.iter().any(|&c| to_byte(c).is_none())).collect();
    let mut readings = Vec::with_capacity(3);
    let mut scratch = String::new();
    for enc in Encoding::ALL {
        let table = enc.table();
        let mut total = 0;
        let mut strong = 0;
        let mut verdicts = Vec::with_capacity(runs.len());
        for (k, r) in runs.iter().enumerate() {
            if nonbyte[k] {
                // Characters no 8-bit font gives: Unicode text.
                verdicts.push((Verdict::Unicode, None));
                continue;
            }
            if !r.suspect {
                verdicts.push((Verdict::Neutral, None));
                continue;
            }
            let known = upper_font.get(r.word).filter(|m| m.iter().any(|&u| u));
            let guess = tcvn3_upper[r.word];
            let is_upper = |i: usize| {
                enc == Encoding::Tcvn3
                    && match known {
                        // The PDF says which characters the upper-case font drew.
                        Some(m) => m.get(r.first_char + i).copied().unwrap_or(false),
                        // Otherwise the word's other letters say (see the module documentation).
                        None => guess,
                    }
            };
            let (orig, orig_score) = &origs[k];
            // Typographic punctuation at the run's edges (“ ” … read as cp1252) may be just that, or
            // VISCII capitals: keep whichever reads better (punctuation on a tie).
            let n = r.chars.len();
            let lead = r.chars.iter().take_while(|&&c| is_typographic(c)).count();
            let trail = if lead == n { 0 } else { r.chars.iter().rev().take_while(|&&c| is_typographic(c)).count() };
            let mut trims = vec![(lead, trail), (lead, 0), (0, trail), (0, 0)];
            trims.sort();
            trims.dedup();
            trims.reverse();
            let (d, _coded, score): (Option<String>, usize, i32) = if trims.len() == 1 && !r.chars.contains(&'-') {
                // The common case, decoded into a reused buffer: most readings are rejected.
                scratch.clear();
                let coded = table.decode_chars_into(&r.chars, &is_upper, &mut scratch);
                if coded == 0 || scratch == *orig {
                    verdicts.push((Verdict::Neutral, None));
                    continue;
                }
                (None, coded, vietnamese_score(&scratch))
            } else {
                let mut best_run: Option<(String, usize, i32)> = None;
                for (l, t) in trims {
                    let (dm, cm, sm) = decode_run(enc, table, &r.chars[l..n - t], &|i| is_upper(l + i));
                    if best_run.as_ref().map(|b| sm > b.2).unwrap_or(true) {
                        let d = if l == 0 && t == 0 {
                            dm
                        } else {
                            let mut d: String = r.chars[..l].iter().collect();
                            d.push_str(&dm);
                            d.extend(r.chars[n - t..].iter());
                            d
                        };
                        best_run = Some((d, cm, sm));
                    }
                }
                let (d, coded, score) = best_run.unwrap();
                if coded == 0 || d == *orig {
                    verdicts.push((Verdict::Neutral, None));
                    continue;
                }
                (Some(d), coded, score)
            };
            let gain = score - orig_score;
            let foreign = r.chars.iter().any(|&c| is_foreign(c));
            total += gain;
            let v = if gain > 0 || (gain == 0 && foreign) {
                if gain > 0 && score > 0 && r.chars.iter().any(|c| c.is_ascii_alphabetic()) {
                    strong += 1;
                }
                Verdict::Legacy
            } else if gain == 0 {
                Verdict::Tie
            } else {
                Verdict::Unicode
            };
            let d = if matches!(v, Verdict::Legacy | Verdict::Tie) { Some(d.unwrap_or_else(|| scratch.clone())) } else { None };
            verdicts.push((v, d));
        }
        readings.push(Reading { enc, total, strong, verdicts });
    }
    LineAnalysis { runs, readings, unicode }
}

impl LineAnalysis {
    /// The encoding this line shows on its own, if any: the best-reading encoding, when the line reads
    /// better decoded and at least one run decodes from ASCII letters and codes together; two such runs
    /// when the line also has clean Unicode runs (a symbol such as "m²" alone decodes to a syllable in
    /// VISCII, and clean text has those).
    pub fn own_encoding(&self) -> Option<Encoding> {
        self.candidates().first().copied()
    }

    /// The encodings that read this line best (see [`Self::own_encoding`]), TCVN3 first on a tie.
    fn candidates(&self) -> Vec<Encoding> {
        let need = if self.unicode { 2 } else { 1 };
        let ok: Vec<&Reading> = self.readings.iter().filter(|r| r.total > 0 && r.strong >= need).collect();
        let Some(best) = ok.iter().map(|r| r.total).max() else {
            return Vec::new();
        };
        ok.iter().filter(|r| r.total == best).map(|r| r.enc).collect()
    }

    /// Whether, in a document known to be in `enc`, this line should be read in it too: it has no
    /// clean Unicode run, reads at least as well decoded, and something in it decodes with evidence
    /// (a lone "ë" = "ở", "§BSCL" = "ĐBSCL") or, when `ties` (the document has next to no clean
    /// Unicode lines), reads as well both ways (a wrapped "thèng" = "thống", "Ghi chó" = "Ghi chú").
    fn fits(&self, enc: Encoding, ties: bool) -> bool {
        self.readings
            .iter()
            .find(|r| r.enc == enc)
            .map(|r| {
                r.total >= 0
                    && !self.unicode
                    && r.verdicts.iter().any(|v| v.0 == Verdict::Legacy || (ties && v.0 == Verdict::Tie))
            })
            .unwrap_or(false)
    }

    /// The line's words decoded in `enc` (runs that read worse decoded are kept).
    fn apply(&self, words: &[&str], enc: Encoding) -> Vec<String> {
        let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        let Some(reading) = self.readings.iter().find(|r| r.enc == enc) else {
            return out;
        };
        let mut verdicts: Vec<Verdict> = reading.verdicts.iter().map(|v| v.0).collect();
        // A run that reads as well both ways goes with its nearest neighbour that is clearly one or
        // the other (left first: a font runs on until it changes).
        for i in 0..verdicts.len() {
            if verdicts[i] != Verdict::Tie {
                continue;
            }
            let clear = |v: &Verdict| matches!(v, Verdict::Legacy | Verdict::Unicode);
            let left = verdicts[..i].iter().rev().copied().find(clear);
            let right = verdicts[i + 1..].iter().copied().find(clear);
            if left.or(right).unwrap_or(Verdict::Legacy) == Verdict::Legacy {
                verdicts[i] = Verdict::Legacy;
            }
        }
        // Replace runs from the end of each word so that earlier byte ranges stay valid.
        for ((r, v), (_, d)) in self.runs.iter().zip(&verdicts).zip(&reading.verdicts).rev() {
            if let (Verdict::Legacy, Some(d)) = (v, d) {
                out[r.word].replace_range(r.start..r.end, d);
            }
        }
        out
    }
}

/// The legacy decoding of one line given as its words (in order), decided on the line alone. Returns
/// the words, each decoded or as it was, and the encoding chosen (None when the line was left alone).
pub fn decode_line(words: &[&str]) -> (Vec<String>, Option<Encoding>) {
    let a = analyse_line(words, &[]);
    match a.own_encoding() {
        Some(enc) => (a.apply(words, enc), Some(enc)),
        None => (words.iter().map(|w| w.to_string()).collect(), None),
    }
}

/// The legacy decoding of a whole document's lines. Each line is first decided alone; the encoding
/// most lines show is then the document's, and a line too short to decide alone (a cell holding
/// "ë", "§BSCL") is read in it when it fits.
pub fn decode_lines(lines: &[super::WordLine]) -> Vec<Vec<String>> {
    let analyses: Vec<LineAnalysis> = lines.iter().map(|l| analyse_line(&l.words, &l.upper_font)).collect();
    let candidates: Vec<Vec<Encoding>> = analyses.iter().map(|a| a.candidates()).collect();
    // The document's encoding: the one most lines show unambiguously (else most lines' first choice).
    let count = |unique: bool| {
        let mut counts = [0usize; 3];
        for c in &candidates {
            if !c.is_empty() && (!unique || c.len() == 1) {
                counts[c[0] as usize] += 1;
            }
        }
        Encoding::ALL.into_iter().filter(|e| counts[*e as usize] > 0).max_by_key(|e| (counts[*e as usize], std::cmp::Reverse(*e as u8)))
    };
    let prior = count(true).or_else(|| count(false));
    // A line that reads as well both ways goes with the document only where the document is legacy
    // text through and through: in one that also has clean Unicode lines, such a line may be one.
    let legacy_lines = candidates.iter().filter(|c| !c.is_empty()).count();
    let unicode_lines = analyses.iter().filter(|a| a.unicode).count();
    let ties = unicode_lines * 20 <= legacy_lines;
    lines
        .iter()
        .zip(analyses.iter().zip(&candidates))
        .map(|(line, (a, cands))| {
            let enc = match (cands.first(), prior) {
                (Some(_), Some(p)) if cands.contains(&p) => Some(p),
                (Some(&c), _) => Some(c),
                (None, Some(p)) if a.fits(p, ties) => Some(p),
                _ => None,
            };
            match enc {
                Some(enc) => a.apply(&line.words, enc),
                None => line.words.iter().map(|w| w.to_string()).collect(),
            }
        })
        .collect()
}

/// Decodes the lines of a text as one document (see [`decode_lines`]); whitespace kept as it is.
pub fn decode_text_lines(lines: &[&str]) -> Vec<String> {
    let tokens: Vec<Vec<(bool, &str)>> = lines.iter().map(|l| split_tokens(l)).collect();
    let word_lines: Vec<super::WordLine> =
        tokens.iter().map(|t| super::WordLine { words: t.iter().filter(|t| t.0).map(|t| t.1).collect(), upper_font: Vec::new(), follows: crate::repair::Follows::Previous }).collect();
    let decoded = decode_lines(&word_lines);
    tokens
        .iter()
        .zip(decoded)
        .map(|(toks, words)| {
            let mut out = String::new();
            let mut k = 0;
            for (is_word, s) in toks {
                if *is_word {
                    out.push_str(&words[k]);
                    k += 1;
                } else {
                    out.push_str(s);
                }
            }
            out
        })
        .collect()
}

/// Decodes one line of text, decided on the line alone (whitespace kept as it is).
pub fn decode_text(line: &str) -> String {
    let tokens = split_tokens(line);
    let words: Vec<&str> = tokens.iter().filter(|t| t.0).map(|t| t.1).collect();
    let (decoded, enc) = decode_line(&words);
    if enc.is_none() {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() * 2);
    let mut k = 0;
    for (is_word, s) in tokens {
        if is_word {
            out.push_str(&decoded[k]);
            k += 1;
        } else {
            out.push_str(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower_letters() -> Vec<char> {
        let mut v = Vec::new();
        for b in ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"] {
            for t in ["", "\u{300}", "\u{309}", "\u{303}", "\u{301}", "\u{323}"] {
                let c: String = format!("{b}{t}").nfc().collect();
                if !c.is_ascii() {
                    v.push(c.chars().next().unwrap());
                }
            }
        }
        v.push('đ');
        v
    }

    #[test]
    fn each_table_has_all_134_letters() {
        let lower = lower_letters();
        assert_eq!(lower.len(), 67);
        for enc in Encoding::ALL {
            let t = enc.table();
            assert_eq!(t.len(), 134, "{}", enc.name());
            for &l in &lower {
                let u = l.to_uppercase().next().unwrap();
                assert!(t.encode.contains_key(&l), "{}: {l} missing", enc.name());
                assert!(t.encode.contains_key(&u), "{}: {u} missing", enc.name());
            }
        }
    }

    #[test]
    fn every_letter_round_trips() {
        for enc in Encoding::ALL {
            let t = enc.table();
            for l in t.letters() {
                let s = l.to_string();
                let e = t.encode(&s).unwrap();
                assert!(e.chars().all(|c| (c as u32) < 0x100), "{}: {l} encodes outside one byte per char", enc.name());
                if enc == Encoding::Tcvn3 && t.needs_upper_font(l) {
                    // alone it reads as the lower-case letter; inside a capitalised word as the capital
                    assert_eq!(t.decode(&e), l.to_lowercase().to_string(), "tcvn3 {l} alone");
                    let word = format!("NG{l}N");
                    assert_eq!(t.decode(&t.encode(&word).unwrap()), word, "tcvn3 {l} in a capitalised word");
                } else {
                    assert_eq!(t.decode(&e), s, "{}: {l} ({e:?})", enc.name());
                }
            }
        }
    }

    #[test]
    fn codes_are_unique() {
        for enc in Encoding::ALL {
            let t = enc.table();
            let mut seen = HashMap::new();
            for (l, (b, upper)) in &t.encode {
                if let Some(prev) = seen.insert((b.clone(), *upper), *l) {
                    panic!("{}: {l} and {prev} share {b:?}", enc.name());
                }
            }
        }
    }

    #[test]
    fn known_codes_from_the_standards() {
        // TCVN3: "KÕ ho¹ch" = "Kế hoạch"; VNI: "Vieät Nam"; VISCII's C0 capitals.
        assert_eq!(Encoding::Tcvn3.table().decode("KÕ ho¹ch"), "Kế hoạch");
        assert_eq!(Encoding::Vni.table().decode("Vieät Nam"), "Việt Nam");
        assert_eq!(Encoding::Vni.table().decode("Ñoàng Nai"), "Đồng Nai");
        assert_eq!(Encoding::Viscii.table().decode("\u{02}\u{05}\u{06}\u{14}\u{19}\u{1E}"), "ẲẴẪỶỸỴ");
        assert_eq!(Encoding::Viscii.table().encode("Việt").unwrap(), "Vi\u{ae}t");
    }

    #[test]
    fn cp1252_and_latin1_readings_of_0x80_0x9f() {
        // VISCII 0x80 = Ạ, 0x85 = Ầ: whether the extractor gave U+0080 or '€', U+0085 or '…'.
        let t = Encoding::Viscii.table();
        assert_eq!(t.decode("\u{80}\u{85}"), "ẠẦ");
        assert_eq!(t.decode("€…"), "ẠẦ");
    }

    fn dl(s: &str) -> String {
        decode_text(s)
    }

    #[test]
    fn detects_tcvn3() {
        assert_eq!(dl("KÕ ho¹ch triÓn khai thùc hiÖn NghÞ quyÕt sè 57-NQ/TW"), "Kế hoạch triển khai thực hiện Nghị quyết số 57-NQ/TW");
        assert_eq!(dl("Së Khoa häc vµ C«ng nghÖ"), "Sở Khoa học và Công nghệ");
        assert_eq!(dl("§ång Nai, ngµy 12 th¸ng 11 n¨m 2025"), "Đồng Nai, ngày 12 tháng 11 năm 2025");
    }

    #[test]
    fn detects_vni() {
        assert_eq!(dl("Keá hoaïch trieån khai thöïc hieän Nghò quyeát soá 57-NQ/TW"), "Kế hoạch triển khai thực hiện Nghị quyết số 57-NQ/TW");
        assert_eq!(dl("ÑOÀNG NAI, ngaøy 12 thaùng 11 naêm 2025"), "ĐỒNG NAI, ngày 12 tháng 11 năm 2025");
    }

    #[test]
    fn detects_viscii() {
        let t = Encoding::Viscii.table();
        let clean = "Kế hoạch triển khai thực hiện Nghị quyết số 57-NQ/TW của Ban Chấp hành";
        let moji = t.encode(clean).unwrap();
        assert_ne!(moji, clean);
        assert_eq!(dl(&moji), clean);
        let caps = "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI";
        assert_eq!(dl(&t.encode(caps).unwrap()), caps);
    }

    #[test]
    fn tcvn3_upper_case_font_words() {
        // .VnTimeH: lower-case codes drawn as capitals; the word's other letters say so.
        assert_eq!(dl("KÕ HO¹CH"), "KẾ HOẠCH");
        assert_eq!(dl("TØNH ñY §åNG NAI"), "TỈNH ỦY ĐỒNG NAI");
        assert_eq!(dl("I- MôC TI£U, Y£U CÇU"), "I- MỤC TIÊU, YÊU CẦU");
        // title case stays title case
        assert_eq!(dl("KÕ Ho¹ch"), "Kế Hoạch");
    }

    #[test]
    fn mixed_text_keeps_the_unicode_around_a_legacy_run() {
        assert_eq!(dl("Kế hoạch số 12 (KÕ ho¹ch cò) của Sở"), "Kế hoạch số 12 (Kế hoạch cũ) của Sở");
        assert_eq!(dl("Căn cứ Nghị quyết, triÓn khai thùc hiÖn các nhiệm vụ"), "Căn cứ Nghị quyết, triển khai thực hiện các nhiệm vụ");
    }

    #[test]
    fn clean_text_is_unchanged() {
        for s in [
            "Kế hoạch triển khai thực hiện Nghị quyết số 57-NQ/TW",
            "Sở Khoa học và Công nghệ; các sở, ban, ngành",
            "có, là, và, các, cá, tá, Ý kiến, Ủy ban, Đà Lạt",
            "Résumé, café, naïve, ≥ 80%, “trích dẫn” – gạch",
            "UBND, CSDL, TTHC, KH&CN, e-mail, https://example.vn/a?b=c",
            "Diện tích 20 m², nhiệt độ 25°C, tỷ lệ ½, 3 × 4, «trích»",
            "Café Đà Lạt, Nguyễn Văn Á, chữ ký số, lưu ý: “tối đa 80%”…",
            "",
            "   ",
        ] {
            assert_eq!(dl(s), s);
        }
    }
    fn wl<'a>(words: &[&'a str]) -> crate::repair::WordLine<'a> {
        crate::repair::WordLine { words: words.to_vec(), upper_font: Vec::new(), follows: crate::repair::Follows::Previous }
    }

    #[test]
    fn the_document_decides_lines_too_short_to_decide_alone() {
        // "thèng" (thống) and "Ghi chó" (chú) read as Vietnamese both ways; "ë" (ở) alone too.
        let lines = [wl(&["KÕ", "ho¹ch", "triÓn", "khai", "hÖ"]), wl(&["thèng"]), wl(&["Ghi", "chó"]), wl(&["ë"]), wl(&["§BSCL"])];
        let out = decode_lines(&lines);
        assert_eq!(out[0].join(" "), "Kế hoạch triển khai hệ");
        assert_eq!(out[1], ["thống"]);
        assert_eq!(out[2].join(" "), "Ghi chú");
        assert_eq!(out[3], ["ở"]);
        assert_eq!(out[4], ["ĐBSCL"]);
        // Alone, without a legacy document around them, they are left as they are.
        for l in &lines[1..4] {
            assert_eq!(decode_lines(std::slice::from_ref(l))[0], l.words);
        }
    }

    #[test]
    fn in_a_mixed_document_clean_lines_that_read_both_ways_stay() {
        let lines = [wl(&["KÕ", "ho¹ch", "triÓn", "khai"]), wl(&["Kế", "hoạch", "này"]), wl(&["Ghi", "chú"]), wl(&["§BSCL"])];
        let out = decode_lines(&lines);
        assert_eq!(out[0].join(" "), "Kế hoạch triển khai");
        assert_eq!(out[1].join(" "), "Kế hoạch này");
        assert_eq!(out[2].join(" "), "Ghi chú");
        assert_eq!(out[3], ["ĐBSCL"]);
    }

    #[test]
    fn characters_drawn_by_an_upper_case_font_are_capitals() {
        // "Ủy ban": Ủ drawn by .VnTimeH at the code of ủ, y by .VnTime. Without the font: "ủy".
        let line = crate::repair::WordLine { words: vec!["ñy", "ban", "nh©n", "d©n"], upper_font: vec![vec![true, false], vec![], vec![], vec![]], follows: crate::repair::Follows::Previous };
        assert_eq!(decode_lines(&[line.clone()])[0].join(" "), "Ủy ban nhân dân");
        assert_eq!(decode_lines(&[wl(&line.words)])[0].join(" "), "ủy ban nhân dân");
    }

    #[test]
    fn upper_case_font_names() {
        for f in ["ABCDEF+.VnTimeH", ".VnTimeH,Bold", "VnArialH-BoldItalic", ".VnCentury SchoolbookH", "WJHSMB+KH-VnTimeH-Bold"] {
            assert!(is_upper_case_font(f), "{f}");
        }
        for f in ["ABCDEF+.VnTime", ".VnTime,Bold", "VnArial", "DejaVuSerif-Bold", "LiberationSerif", "WJHSMB+KH-VnTime", "Helvetica", ""] {
            assert!(!is_upper_case_font(f), "{f}");
        }
    }

    #[test]
    fn hyphen_for_tcvn3_u_horn_from_a_winansi_reader() {
        // Without a ToUnicode map, WinAnsiEncoding names 0xAD "hyphen": ư comes out as '-'.
        assert_eq!(dl("n-íc ngoµi vµ tr-êng häc"), "nước ngoài và trường học");
        // real hyphens stay
        assert_eq!(dl("KÕ ho¹ch sè 757/Q§-BKHCN vÒ e-mail"), "Kế hoạch số 757/QĐ-BKHCN về e-mail");
    }

    #[test]
    fn typographic_quotes_stay_quotes_in_viscii_text() {
        // In VISCII “ (0x93) is Ộ; around a word that reads as Vietnamese it is a quote.
        let t = Encoding::Viscii.table();
        assert_eq!(dl(&format!("“{}” {}", t.encode("đột phá phát triển").unwrap(), t.encode("khoa học").unwrap())), "“đột phá phát triển” khoa học");
        // and where only the capital reads as Vietnamese, it is the capital
        let caps = t.encode("CỘNG ĐỒNG HỘI NHẬP").unwrap();
        assert!(caps.contains('\u{93}'));
        assert_eq!(dl(&caps.replace('\u{93}', "“")), "CỘNG ĐỒNG HỘI NHẬP");
    }
}
