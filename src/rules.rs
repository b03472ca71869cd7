//! Domain knowledge as data: the files under `rules/`, embedded at build time so the binary is
//! self-contained. Code never hard-codes a header synonym or an agency name; it asks these tables.

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

const HEADERS_TOML: &str = include_str!("../rules/headers.toml");
const AGENCIES_TOML: &str = include_str!("../rules/agencies.toml");
const DEADLINES_TOML: &str = include_str!("../rules/deadlines.toml");
const DOCUMENTS_TOML: &str = include_str!("../rules/documents.toml");
const TARGETS_TOML: &str = include_str!("../rules/targets.toml");

#[derive(Debug, Deserialize)]
pub struct HeaderRules {
    pub indicator_markers: Vec<String>,
    pub task_table: BTreeMap<String, Vec<String>>,
    pub indicator_table: BTreeMap<String, Vec<String>>,
    /// OCR task tables: the role of an unnamed column right after a column of the key role.
    #[serde(default)]
    pub ocr_task_role_after: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize, Clone)]
pub struct Agency {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub collective: bool,
}

/// A unit internal to an issuing body: named with its parent.
#[derive(Debug, Deserialize, Clone)]
pub struct InternalUnit {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub collective: bool,
    /// Canonical names of the bodies this unit can belong to; "*" for any issuer.
    pub parents: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct AgencyRules {
    /// Similarity (normalised Levenshtein on folded text) a fuzzy match must reach.
    pub fuzzy_threshold: f64,
    /// Abbreviation expansions applied before matching, longest first: [["UBND", "Ủy ban nhân dân"], …].
    #[serde(default)]
    pub abbreviations: Vec<(String, String)>,
    #[serde(rename = "agency", default)]
    pub agencies: Vec<Agency>,
    #[serde(rename = "internal", default)]
    pub internal: Vec<InternalUnit>,
}

/// One recurrence phrase of rules/deadlines.toml and the recurrence it names.
#[derive(Debug, Deserialize, Clone)]
pub struct RecurrencePhrase {
    pub phrase: String,
    pub every: String,
}

/// The deadline grammar's words (rules/deadlines.toml, which says what each list is for), folded
/// when loaded; src/normalise/deadline.rs builds its patterns from them.
#[derive(Debug, Deserialize)]
pub struct DeadlineRules {
    pub date_leads: Vec<String>,
    pub month_leads: Vec<String>,
    pub month_words: Vec<String>,
    pub quarter_leads: Vec<String>,
    pub quarter_words: Vec<String>,
    pub year_words: Vec<String>,
    pub quarter_numerals: BTreeMap<String, u32>,
    pub roman_letters: Vec<String>,
    pub stroke_i: Vec<String>,
    pub stroke_v: Vec<String>,
    /// Characters OCR reads for two strokes run together ("H" for II); measured by width only.
    #[serde(default)]
    pub stroke_pairs: Vec<String>,
    /// Characters OCR puts for the slash of "Quý II/2026" (Tesseract-vie: "II/⁄2026").
    #[serde(default)]
    pub slashes: Vec<String>,
    /// Stroke characters OCR reads for that slash when it reads none ("Quý I12026").
    #[serde(default)]
    pub slash_lookalikes: Vec<String>,
    /// Quarter numerals an OCR read with a stroke lost, and the numeral each can only be ("V": IV).
    #[serde(default)]
    pub lost_stroke_numerals: BTreeMap<String, String>,
    pub range_dashes: Vec<String>,
    pub range_words: Vec<String>,
    pub year_range_leads: Vec<String>,
    pub year_leads: Vec<String>,
    pub recurrence_fuzzy_min_len: usize,
    pub recurrence: Vec<RecurrencePhrase>,
    pub done: Vec<String>,
    pub continuing: Vec<String>,
    pub onward_starts: Vec<String>,
    pub onward: Vec<String>,
    pub fillers: Vec<String>,
}

impl DeadlineRules {
    /// Example deadlines written with the grammar's words as they stand in the file (before
    /// folding): each quarter, month and year word with a number, each lead-in before a date, each
    /// range lead before a range, each phrase alone.
    fn phrases(&self) -> Vec<String> {
        let mut out = Vec::new();
        for q in &self.quarter_words {
            out.extend(self.quarter_numerals.keys().map(|n| format!("{q} {n}/2026")));
        }
        out.extend(self.month_words.iter().map(|m| format!("{m} 6/2026")));
        out.extend(self.year_words.iter().map(|y| format!("{y} 2026")));
        out.extend(self.date_leads.iter().map(|l| format!("{l} 31/12/2025")));
        out.extend(self.year_range_leads.iter().map(|l| format!("{l} 2026 - 2030")));
        out.extend(self.recurrence.iter().map(|r| r.phrase.clone()));
        for list in [&self.done, &self.continuing, &self.onward_starts, &self.onward, &self.fillers] {
            out.extend(list.iter().cloned());
        }
        out
    }

    /// The words of the grammar's lead-ins, quarter, month and year words and the words and
    /// whole texts of its phrases, by folded form (before folding: `Rules::deadline_spellings`).
    fn spellings(&self) -> HashMap<String, String> {
        let lists = [&self.date_leads, &self.month_leads, &self.month_words, &self.quarter_leads, &self.quarter_words, &self.year_words, &self.range_words, &self.year_range_leads, &self.year_leads, &self.done, &self.continuing, &self.onward_starts, &self.onward, &self.fillers];
        let mut texts: Vec<&str> = lists.into_iter().flatten().map(|s| s.as_str()).collect();
        texts.extend(self.recurrence.iter().map(|r| r.phrase.as_str()));
        let mut by_fold: HashMap<String, Option<String>> = HashMap::new();
        for t in texts {
            for form in t.split_whitespace().chain(std::iter::once(t)) {
                let lower = form.to_lowercase();
                let e = by_fold.entry(fold(&lower)).or_insert_with(|| Some(lower.clone()));
                if e.as_deref() != Some(lower.as_str()) {
                    *e = None;
                }
            }
        }
        by_fold.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))).collect()
    }

    fn fold_all(&mut self) {
        let lists = [
            &mut self.date_leads,
            &mut self.month_leads,
            &mut self.month_words,
            &mut self.quarter_leads,
            &mut self.quarter_words,
            &mut self.year_words,
            &mut self.roman_letters,
            &mut self.stroke_i,
            &mut self.stroke_v,
            &mut self.stroke_pairs,
            &mut self.range_dashes,
            &mut self.range_words,
            &mut self.year_range_leads,
            &mut self.year_leads,
            &mut self.done,
            &mut self.continuing,
            &mut self.onward_starts,
            &mut self.onward,
            &mut self.fillers,
        ];
        for l in lists {
            for s in l.iter_mut() {
                *s = fold(s);
            }
        }
        self.quarter_numerals = std::mem::take(&mut self.quarter_numerals).into_iter().map(|(k, v)| (fold(&k), v)).collect();
        self.lost_stroke_numerals = std::mem::take(&mut self.lost_stroke_numerals).into_iter().map(|(k, v)| (fold(&k), fold(&v))).collect();
        for r in &mut self.recurrence {
            r.phrase = fold(&r.phrase);
        }
    }
}

pub struct Rules {
    /// Header synonyms folded (`fold`), the form the table stage matches.
    pub headers: HeaderRules,
    pub agencies: AgencyRules,
    /// Every header synonym as rules/headers.toml writes it, with its marks ("Thời hạn hoàn thành").
    pub header_texts: Vec<String>,
    /// Deadlines as the grammar's words write them, with their marks ("Quý I/2026", "Thường
    /// xuyên", "Giai đoạn 2026 - 2027"): training sentences of the OCR repair's language model.
    pub deadline_texts: Vec<String>,
    /// The deadline grammar's words, folded.
    pub deadlines: DeadlineRules,
    /// Each word and phrase of the deadline grammar, folded, with its spelling in the file ("quy" →
    /// "Quý", "thuong xuyen" → "Thường xuyên"); a folded form two spellings share is left out.
    pub deadline_spellings: HashMap<String, String>,
    /// The symbols of documents in their numbers ("QĐ", "NĐ", "TW"), as rules/documents.toml writes them.
    pub documents: DocumentRules,
    /// What an OCR puts for a target's operator (rules/targets.toml).
    pub targets: TargetRules,
}

/// rules/targets.toml.
#[derive(Debug, Deserialize)]
pub struct TargetRules {
    /// Read by an OCR for the "≥" before a target's number, and never written there by plans.
    pub at_least_lookalikes: Vec<String>,
    /// Looked at in a scan's page image before a number (`pdf::glyph`): "≥" or not.
    pub at_least_glyph_lookalikes: Vec<String>,
}

/// rules/documents.toml.
#[derive(Debug, Deserialize)]
pub struct DocumentRules {
    /// (symbol, what it stands for).
    pub symbols: Vec<(String, String)>,
    /// The word a document's number follows ("số"), and its readings there (folded).
    pub number_word: String,
    pub number_word_readings: Vec<String>,
}

impl DocumentRules {
    pub fn is_symbol(&self, s: &str) -> bool {
        self.symbols.iter().any(|(x, _)| x == s)
    }

    /// Whether `words` (nearest last) end with the name of a kind of document a symbol stands for
    /// ("Quyết định", "Kế hoạch"; case and marks aside).
    pub fn ends_with_a_kind(&self, words: &[&str]) -> bool {
        self.symbols.iter().flat_map(|(_, means)| means.split(';')).any(|name| {
            let name: Vec<String> = name.split_whitespace().map(fold).collect();
            name.len() <= words.len() && words[words.len() - name.len()..].iter().zip(&name).all(|(w, n)| fold(w) == *n)
        })
    }

    /// A document's number ("204-QĐ/TW", "13/2023/NĐ-CP", "57-NQ/TW,"): a token that starts with a
    /// digit, holds a '-' or '/', and a run of letters that is a symbol.
    pub fn is_document_number(&self, token: &str) -> bool {
        token.starts_with(|c: char| c.is_ascii_digit())
            && token.contains(['-', '/'])
            && token.split(|c: char| !c.is_alphabetic()).any(|run| self.is_symbol(run))
    }
}

impl Rules {
    pub fn load() -> Result<Rules, String> {
        let mut headers: HeaderRules = toml::from_str(HEADERS_TOML).map_err(|e| format!("rules/headers.toml: {e}"))?;
        let agencies: AgencyRules = toml::from_str(AGENCIES_TOML).map_err(|e| format!("rules/agencies.toml: {e}"))?;
        let mut header_texts: Vec<String> = headers.indicator_markers.clone();
        for syn in headers.task_table.values().chain(headers.indicator_table.values()) {
            header_texts.extend(syn.iter().cloned());
        }
        header_texts.sort();
        header_texts.dedup();
        for s in headers.indicator_markers.iter_mut().chain(headers.task_table.values_mut().chain(headers.indicator_table.values_mut()).flatten()) {
            *s = fold(s);
        }
        let mut deadlines: DeadlineRules = toml::from_str(DEADLINES_TOML).map_err(|e| format!("rules/deadlines.toml: {e}"))?;
        let deadline_texts = deadlines.phrases();
        let deadline_spellings = deadlines.spellings();
        deadlines.fold_all();
        let documents: DocumentRules = toml::from_str(DOCUMENTS_TOML).map_err(|e| format!("rules/documents.toml: {e}"))?;
        let targets: TargetRules = toml::from_str(TARGETS_TOML).map_err(|e| format!("rules/targets.toml: {e}"))?;
        Ok(Rules { headers, agencies, header_texts, deadline_texts, deadlines, deadline_spellings, documents, targets })
    }

    /// The embedded rules, parsed once.
    pub fn get() -> &'static Rules {
        static RULES: OnceLock<Rules> = OnceLock::new();
        RULES.get_or_init(|| Rules::load().expect("embedded rules parse (checked by tests)"))
    }
}

/// Whether `c` is one of a rules list of one-character strings (`stroke_i`, `slashes`, …).
pub fn is_one_of(c: char, set: &[String]) -> bool {
    set.iter().any(|s| s.chars().eq(std::iter::once(c)))
}

/// Lower case, diacritics removed (đ → d), whitespace collapsed: the form all matching uses.
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.nfd() {
        if crate::repair::is_combining(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        for l in c.to_lowercase() {
            out.push(l);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_parse() {
        Rules::load().unwrap();
    }

    #[test]
    fn header_synonyms_are_matched_folded_and_kept_as_written() {
        let r = Rules::load().unwrap();
        let all: Vec<&String> = r.headers.task_table.values().chain(r.headers.indicator_table.values()).flatten().chain(&r.headers.indicator_markers).collect();
        assert!(all.iter().all(|s| fold(s) == **s), "every synonym folded");
        assert!(all.iter().any(|s| s.as_str() == "thoi han hoan thanh"));
        assert!(r.header_texts.iter().any(|s| s == "Thời hạn hoàn thành"));
        assert!(r.header_texts.iter().all(|t| all.contains(&&fold(t))));
    }

    #[test]
    fn deadline_words_are_folded() {
        let d = Rules::load().unwrap().deadlines;
        assert!(d.quarter_words.contains(&"quy".to_string()));
        assert_eq!(d.quarter_numerals.get("iv"), Some(&4));
        assert!(d.recurrence.iter().any(|r| r.phrase == "thuong xuyen" && r.every == "continuous"));
        assert!(d.done.iter().all(|s| fold(s) == *s) && d.done.contains(&"da thuc hien".to_string()));
    }

    #[test]
    fn fold_removes_marks() {
        assert_eq!(fold("  Thời hạn\nHoàn thành  "), "thoi han hoan thanh");
        assert_eq!(fold("Đồng Nai"), "dong nai");
    }
}
