//! Agencies: split a lead/support cell into units and name each from the registry
//! (`rules/agencies.toml`). Unknown names keep their text, get `id: null` and a warning.

use crate::model::Unit;
use crate::rules::{fold, Rules};

/// The id of a canonical name: ASCII-folded, lower case, words joined by "-".
pub fn id_of(name: &str) -> String {
    fold(name)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Words that begin a new unit when they follow a separator (or, capitalised, even a plain space).
const HEADS: &[&str] = &[
    "Sở", "UBND", "Ủy ban", "Uỷ ban", "Văn phòng", "Công an", "Ban", "Phòng", "Trung tâm", "Liên hiệp", "MTTQ", "Thanh tra",
    "Báo", "Bộ", "Đài", "Cơ quan", "Các", "các", "Doanh nghiệp", "Điện lực", "Hội", "Tỉnh đoàn", "Viện", "Trường",
    "Kho bạc", "Cục", "Chi cục", "Đảng ủy", "Hội đồng", "Tổ", "Sở,", "HĐND",
];

/// Heads that split even without a separator (a unit list printed one per line, joined by spaces).
const SPACE_HEADS: &[&str] = &["Sở", "UBND", "Văn phòng", "Công an", "Phòng", "Trung tâm", "Liên hiệp", "MTTQ", "Thanh tra"];

fn starts_with_head(s: &str, heads: &[&str]) -> bool {
    heads.iter().any(|h| {
        s.starts_with(h) && s[h.len()..].chars().next().map(|c| !c.is_alphanumeric()).unwrap_or(true)
    })
}

pub struct UnitMatcher<'a> {
    rules: &'a Rules,
    /// Canonical name of the plan's issuer, for internal units.
    issuer: Option<String>,
    /// (folded alias, index into agencies or internal, is_internal), longest first.
    aliases: Vec<(String, usize, bool)>,
    /// The same aliases with abbreviations expanded (computed once: matching is a hot path).
    expanded: Vec<String>,
    /// The expanded aliases as skeletons (`skeleton`), for OCR-damaged names.
    skeletons: Vec<String>,
    raw_skeletons: Vec<String>,
    /// Every spelling (as written and expanded) split into its words, with its entry, for
    /// `frame_matches` (split once: it runs for every unit no other step names).
    spelling_words: Vec<(Vec<String>, usize, bool)>,
    /// The registry's abbreviations, folded once (folding them on every expansion was 5% of a
    /// document's time).
    abbreviations: Vec<(String, String)>,
}

/// The most `strsim::normalized_levenshtein(a, b)` can be for a `b` of `bl` characters: the edit
/// distance is at least the difference in length. A candidate this bound does not lift above the best
/// so far is skipped unscored (the fuzzy search ran for every alias of the registry, per unit).
fn similarity_bound(a: &str, bl: usize) -> f64 {
    let al = a.chars().count();
    let max = al.max(bl);
    if max == 0 {
        return 1.0;
    }
    1.0 - al.abs_diff(bl) as f64 / max as f64
}

impl<'a> UnitMatcher<'a> {
    pub fn new(rules: &'a Rules, issuer: Option<&str>) -> Self {
        let mut aliases = Vec::new();
        for (i, a) in rules.agencies.agencies.iter().enumerate() {
            aliases.push((fold(&a.name), i, false));
            for al in &a.aliases {
                aliases.push((fold(al), i, false));
            }
        }
        for (i, u) in rules.agencies.internal.iter().enumerate() {
            let applies = u.parents.iter().any(|p| p == "*" || Some(p.as_str()) == issuer);
            if !applies || issuer.is_none() {
                continue;
            }
            aliases.push((fold(&u.name), i, true));
            for al in &u.aliases {
                aliases.push((fold(al), i, true));
            }
        }
        aliases.sort_by_key(|a| std::cmp::Reverse(a.0.len()));
        let abbreviations = rules.agencies.abbreviations.iter().map(|(a, f)| (fold(a), fold(f))).collect();
        let mut m = UnitMatcher { rules, issuer: issuer.map(|s| s.to_string()), aliases, expanded: Vec::new(), skeletons: Vec::new(), raw_skeletons: Vec::new(), spelling_words: Vec::new(), abbreviations };
        m.expanded = m.aliases.iter().map(|(a, _, _)| m.expand(a)).collect();
        // Both spellings: expanded ("…khoa hoc va ky thuat") and as written ("…khkt", which OCR
        // damages into "KHỆT" where no expansion applies).
        m.skeletons = m.expanded.iter().map(|a| skeleton(a)).collect();
        m.raw_skeletons = m.aliases.iter().map(|(a, _, _)| skeleton(a)).collect();
        let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        m.spelling_words = m.aliases.iter().zip(&m.expanded).flat_map(|((a, i, int), e)| [(words(a), *i, *int), (words(e), *i, *int)]).collect();
        m.spelling_words.dedup();
        m
    }

    /// Expands abbreviations in a folded string.
    fn expand(&self, folded: &str) -> String {
        let mut words: Vec<String> = folded.split(' ').map(|s| s.to_string()).collect();
        for (fa, ff) in &self.abbreviations {
            for w in words.iter_mut() {
                if w == fa {
                    *w = ff.clone();
                }
            }
        }
        words.join(" ")
    }

    fn unit_from(&self, raw: &str, idx: usize, internal: bool) -> Unit {
        if internal {
            let u = &self.rules.agencies.internal[idx];
            let parent = self.issuer.clone().unwrap_or_default();
            Unit {
                raw: raw.to_string(),
                name: u.name.clone(),
                id: Some(format!("{}/{}", id_of(&parent), id_of(&u.name))),
                collective: u.collective,
                parent: Some(parent),
            }
        } else {
            let a = &self.rules.agencies.agencies[idx];
            Unit { raw: raw.to_string(), name: a.name.clone(), id: Some(id_of(&a.name)), collective: a.collective, parent: None }
        }
    }

    /// Names one raw unit. Returns the unit and whether it was recognised.
    pub fn name(&self, raw: &str) -> (Unit, bool) {
        let f = fold(raw);
        if let Some((_, i, int)) = self.aliases.iter().find(|(a, _, _)| *a == f) {
            return (self.unit_from(raw, *i, *int), true);
        }
        let e = self.expand(&f);
        if let Some(k) = self.expanded.iter().position(|a| *a == e) {
            let (_, i, int) = &self.aliases[k];
            return (self.unit_from(raw, *i, *int), true);
        }
        // Fuzzy: best similarity over all aliases, after expansion.
        let mut best = (0.0, 0usize, false);
        let el = e.chars().count();
        for ((_, i, int), a) in self.aliases.iter().zip(&self.expanded) {
            if similarity_bound(a, el) <= best.0 {
                continue;
            }
            let s = strsim::normalized_levenshtein(a, &e);
            if s > best.0 {
                best = (s, *i, *int);
            }
        }
        if best.0 >= self.rules.agencies.fuzzy_threshold {
            return (self.unit_from(raw, best.1, best.2), true);
        }
        // OCR damage: punctuation read into a word ("S@_} Tư pháp"), words run together
        // ("S@Taichinh"). The same threshold on the letters and digits alone.
        if let Some((i, int)) = self.skeleton_match(&f, &e) {
            return (self.unit_from(raw, i, int), true);
        }
        // OCR damage to one word's vowels ("S&é Nội vụ", "Sở Tư phướp"): the one agency whose name
        // is the reading word for word, but for one word with the same consonants.
        if let [(i, int)] = self.frame_matches(&f)[..] {
            return (self.unit_from(raw, i, int), true);
        }
        (Unit { raw: raw.to_string(), name: clean_name(raw, self.rules), id: None, collective: false, parent: None }, false)
    }

    /// The registry entry whose skeleton is nearest to the skeleton of the expanded folded `e`, if
    /// within the fuzzy threshold.
    fn skeleton_match(&self, f: &str, e: &str) -> Option<(usize, bool)> {
        let mut best = (0.0, 0usize, false);
        for (k, list) in [(skeleton(e), &self.skeletons), (skeleton(f), &self.raw_skeletons)] {
            if k.chars().count() < 4 {
                continue;
            }
            let kl = k.chars().count();
            for ((_, i, int), a) in self.aliases.iter().zip(list) {
                if similarity_bound(a, kl) <= best.0 {
                    continue;
                }
                let s = strsim::normalized_levenshtein(a, &k);
                if s > best.0 {
                    best = (s, *i, *int);
                }
            }
        }
        (best.0 >= self.rules.agencies.fuzzy_threshold).then_some((best.1, best.2))
    }

    /// The registry entries (index, internal; each once) whose name or an alias, abbreviations
    /// expanded or not, is the folded reading `f` word for word but for one word that shows the
    /// same consonants ([`consonants`]): how an English-model OCR damages a name, marks and vowels
    /// misread ("S&é Nội vụ", "$6 Tư pháp", "Sở Tư phướp"), consonants kept. Two words or more must
    /// be read exactly, or in a name of two words one, with the other holding a sign no word has
    /// ("S&@ ngành"); the caller takes a reading only when one entry fits: an agency the registry
    /// does not know fits none of another's words ("Sở Dân tộc", "Ban Dân tộc").
    pub fn frame_matches(&self, f: &str) -> Vec<(usize, bool)> {
        let read: Vec<&str> = f.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).collect();
        let mut out: Vec<(usize, bool)> = Vec::new();
        if read.len() < 2 {
            return out;
        }
        for (words, i, int) in &self.spelling_words {
            if words.len() != read.len() {
                continue;
            }
            let mut differ = words.iter().zip(&read).filter(|(w, r)| w != *r);
            let (Some((w, r)), None) = (differ.next(), differ.next()) else { continue };
            // (of a name of two words, the one read right is too little to go on unless the other
            // shows the OCR's hand: a sign no word has, "S&@ ngành")
            let kept = consonants(w);
            let fits = !kept.is_empty() && kept == consonants(r) && (read.len() >= 3 || r.chars().any(|c| !c.is_alphabetic()));
            if fits && !out.contains(&(*i, *int)) {
                out.push((*i, *int));
            }
        }
        out
    }

    /// The best fuzzy similarity of `raw` to any registry spelling, and that entry's canonical name;
    /// entries named `exclude` are skipped (to measure how close the nearest *other* agency is).
    pub fn best_similarity(&self, raw: &str, exclude: Option<&str>) -> (f64, String) {
        let e = self.expand(&fold(raw));
        let mut best = (0.0, String::new());
        for ((_, i, int), a) in self.aliases.iter().zip(&self.expanded) {
            let name = if *int { &self.rules.agencies.internal[*i].name } else { &self.rules.agencies.agencies[*i].name };
            if Some(name.as_str()) == exclude {
                continue;
            }
            let s = strsim::normalized_levenshtein(a, &e);
            if s > best.0 {
                best = (s, name.clone());
            }
        }
        best
    }

    /// Length in bytes of the longest registry name matching `s` at its start, on a word boundary.
    fn known_prefix(&self, s: &str) -> Option<usize> {
        let f = fold(s);
        for (a, _, _) in &self.aliases {
            if a.len() < 4 || !f.starts_with(a.as_str()) {
                continue;
            }
            let next = f[a.len()..].chars().next();
            if next.map(|c| !c.is_alphanumeric()).unwrap_or(true) {
                return Some(super::byte_len_for_folded(s, a.chars().count()));
            }
        }
        None
    }

    /// Splits a cell into raw unit strings. Separators: commas, semicolons, line breaks, " và ",
    /// each only where a unit begins after it; never inside a registry name.
    pub fn split(&self, cell: &str) -> Vec<String> {
        let text = cell.replace('\u{a0}', " ");
        let mut out = Vec::new();
        let mut cur = String::new();
        let mut rest: &str = text.trim();
        while !rest.is_empty() {
            let at_start = cur.trim().is_empty();
            if at_start {
                // (a known name across a line break only as `name_runs_across` allows)
                let n = self.known_prefix(rest).filter(|&n| match rest[..n].find('\n') {
                    Some(nl) => self.name_runs_across(&rest[..nl], rest[nl + 1..].trim_start()),
                    None => true,
                });
                if let Some(n) = n {
                    cur.push_str(&rest[..n]);
                    rest = &rest[n..];
                    continue;
                }
            }
            // Separator?
            let sep_len = if rest.starts_with('\n') || rest.starts_with(';') || rest.starts_with(',') {
                1
            } else if rest.starts_with(" và ") {
                " và ".len()
            } else {
                0
            };
            if sep_len > 0 {
                let after = rest[sep_len..].trim_start();
                let hard = rest.starts_with('\n');
                // A line break inside a known name is the cell's wrapping, even where its first
                // line is a name of its own ("Văn phòng" | "UBND tỉnh").
                if hard && !cur.trim().is_empty() && self.name_runs_across(&cur, after) {
                    cur.push(' ');
                    rest = after;
                    continue;
                }
                if hard || starts_with_head(after, HEADS) || self.known_prefix(after).is_some() {
                    push_unit(&mut out, &cur);
                    cur.clear();
                    rest = after;
                    continue;
                }
            }
            if rest.starts_with(' ') && !at_start {
                let after = rest.trim_start();
                let words_so_far = cur.split_whitespace().count();
                if words_so_far >= 2 && (starts_with_head(after, SPACE_HEADS) || self.known_prefix(after).is_some()) && !self.is_inside_known(&cur, after) {
                    push_unit(&mut out, &cur);
                    cur.clear();
                    rest = after;
                    continue;
                }
            }
            let c = rest.chars().next().unwrap();
            cur.push(c);
            rest = &rest[c.len_utf8()..];
        }
        push_unit(&mut out, &cur);
        out
    }

    /// Whether a known name runs on from `head` across a line break into `after`, at least as far
    /// as the name `after` starts with: "Văn phòng" | "UBND tỉnh" is one unit, but "Văn phòng" |
    /// "Sở Tài chính" two, not "Văn phòng Sở" and a rest.
    fn name_runs_across(&self, head: &str, after: &str) -> bool {
        self.reach_past(head, after) > self.known_prefix(after).unwrap_or(0)
    }

    /// Whether `cur` + " " + `after` continues one known name (e.g. "Văn phòng" + "UBND tỉnh").
    fn is_inside_known(&self, cur: &str, after: &str) -> bool {
        self.reach_past(cur, after) > 0
    }

    /// How far (bytes) past `head` the longest known name that `head` + " " + `after` starts with
    /// reaches; 0 when none reaches past `head`. A speck ending `head` is left out
    /// (`without_end_speck`).
    fn reach_past(&self, head: &str, after: &str) -> usize {
        let head = without_end_speck(head);
        self.known_prefix(&format!("{head} {after}")).map_or(0, |n| n.saturating_sub(head.len()))
    }

    /// Splits and names a cell. Unknown names are returned separately for warnings.
    pub fn units(&self, cell: &str) -> (Vec<Unit>, Vec<String>) {
        let mut units = Vec::new();
        let mut unknown = Vec::new();
        for raw in self.split(cell) {
            let (u, ok) = self.name(&raw);
            if ok {
                units.push(u);
                continue;
            }
            // An unknown piece may be several units whose heads OCR damaged ("Sở Tài chính, S@_}
            // Tư pháp": no head after the comma, so `split` kept them together).
            if let Some(parts) = self.resplit(&raw) {
                units.extend(parts);
                continue;
            }
            units.push(u);
        }
        // An unknown piece that is part of its neighbour's name, cut off by an OCR-damaged join
        // ("Văn phòng -" + "UBND tỉnh"; "…trực thuộc" + "Sở"): the two read together as one unit.
        let mut k = 0;
        while k < units.len() {
            if units[k].id.is_some() {
                k += 1;
                continue;
            }
            let merged = [k.checked_sub(1), Some(k + 1)].into_iter().flatten().filter(|&j| j < units.len()).find_map(|j| {
                let (a, b) = if j < k { (j, k) } else { (k, j) };
                let joined = format!("{} {}", units[a].raw, units[b].raw);
                let (u, ok) = self.name(&joined);
                ok.then_some((a, u))
            });
            match merged {
                Some((a, u)) => {
                    units.splice(a..a + 2, std::iter::once(u));
                    k = a;
                }
                None => k += 1,
            }
        }
        for u in &units {
            if u.id.is_none() {
                unknown.push(u.raw.clone());
            }
        }
        (units, unknown)
    }

    /// A recognised unit as an OCR text layer read it, written as the registry writes the unit when
    /// the reading's letters are within `OCR_MEND_EDITS` of one of the unit's spellings (its name or
    /// an alias): "Số Khoa học và Công nghệ", "S@Khoahoc và Công nghệ" → "Sở Khoa học và Công
    /// nghệ"), its spaces, commas and semicolons kept (`respell`); a reading whose letters and
    /// marks are a spelling's already only loses the specks between its words ("UBND } xã
    /// phường"). A reading further from every spelling (a longer name, an abbreviation of its own)
    /// is left as read, and so is an unrecognised unit.
    pub fn mend_ocr(&self, u: &Unit) -> Option<String> {
        u.id.as_ref()?;
        let a = &self.rules.agencies;
        let (name, aliases) = if u.parent.is_some() {
            a.internal.iter().find(|x| x.name == u.name).map(|x| (&x.name, &x.aliases))?
        } else {
            a.agencies.iter().find(|x| x.name == u.name).map(|x| (&x.name, &x.aliases))?
        };
        let letters = |s: &str| s.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect::<String>();
        let read = letters(&u.raw);
        let k = skeleton(&fold(&u.raw));
        let mut best: Option<(usize, &String)> = None;
        for sp in std::iter::once(name).chain(aliases) {
            if letters(sp) == read {
                let mended = respell(&u.raw, sp, u.collective);
                return (mended != u.raw).then_some(mended);
            }
            let d = strsim::levenshtein(&skeleton(&fold(sp)), &k);
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, sp));
            }
        }
        let (_, sp) = best.filter(|&(d, sp)| d <= OCR_MEND_EDITS && sp.chars().count() > 2 * OCR_MEND_EDITS)?;
        Some(respell(&u.raw, sp, u.collective))
    }

    /// `raw` cut at its commas and semicolons into two or more pieces that are each a registry unit
    /// (pieces joined back where only together they are one: "Các sở, ngành, địa phương"); None
    /// when no such cut exists.
    fn resplit(&self, raw: &str) -> Option<Vec<Unit>> {
        let mut cuts = vec![0];
        for (i, c) in raw.char_indices() {
            if c == ',' || c == ';' {
                cuts.push(i + 1);
            }
        }
        cuts.push(raw.len() + 1);
        let n = cuts.len() - 1;
        if !(2..=12).contains(&n) {
            return None;
        }
        let piece = |a: usize, b: usize| raw[cuts[a]..cuts[b] - 1].trim().trim_end_matches([',', ';']).trim().to_string();
        // best[b]: the fewest-unit segmentation of the first b pieces into recognised units.
        let mut best: Vec<Option<Vec<Unit>>> = vec![None; n + 1];
        best[0] = Some(Vec::new());
        for b in 1..=n {
            for a in 0..b {
                let Some(before) = &best[a] else { continue };
                let p = piece(a, b);
                if p.is_empty() {
                    continue;
                }
                let (u, ok) = self.name(&p);
                if !ok {
                    continue;
                }
                let cand: Vec<Unit> = before.iter().cloned().chain(std::iter::once(u)).collect();
                if best[b].as_ref().map(|x| cand.len() < x.len()).unwrap_or(true) {
                    best[b] = Some(cand);
                }
            }
        }
        best[n].take().filter(|v| v.len() >= 2)
    }
}

/// A unit's text so far without a mark at its end: a speck an OCR read between a name's words
/// ("Văn phòng -" + "UBND tỉnh"); no separator is a lone mark at the end of a unit.
fn without_end_speck(cur: &str) -> &str {
    cur.trim().trim_end_matches(['-', '–', '_', '|', '~', '*', '.']).trim_end()
}

fn push_unit(out: &mut Vec<String>, s: &str) {
    let t = s.trim().trim_end_matches([',', ';', '.']).trim();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    if !t.is_empty() {
        out.push(t);
    }
}

/// `read` written with `spelling`'s words: when both have as many words, each word of `spelling`
/// with the case of the word read in its place, and between them the space, comma or semicolon
/// read there (the document's: "UBND xã phường", "Các phòng chuyên môn; đơn vị …") or else the
/// spelling's separator (what else OCR put there is a speck: "UBND } xã phường"); otherwise
/// `spelling`. In a `collective` unit ("các sở, ngành, địa phương": a class of bodies, written in
/// lower case inside a sentence) a word after the first whose first letter an OCR tells from its
/// capital by size alone (c, o, s, u, v, w, x, z, with their marks) has the spelling's case: the
/// Tesseract-vie layer of 000 reads "các Sở, ngành".
fn respell(read: &str, spelling: &str, collective: bool) -> String {
    let (rw, rs) = words_and_separators(read);
    let (sw, ss) = words_and_separators(spelling);
    if rw.len() != sw.len() {
        return spelling.to_string();
    }
    // (the spelling's own text before its first word and after its last: "(…)", never the
    // reading's, which is specks there)
    let first = sw.first().map_or(0, |w| w.as_ptr() as usize - spelling.as_ptr() as usize);
    let last = sw.last().map_or(spelling.len(), |w| w.as_ptr() as usize - spelling.as_ptr() as usize + w.len());
    let mut out = spelling[..first].to_string();
    for (k, (r, s)) in rw.iter().zip(&sw).enumerate() {
        if k > 0 {
            let sep = rs[k - 1].trim();
            out.push_str(if sep.is_empty() || sep == "," || sep == ";" { rs[k - 1] } else { ss[k - 1] });
        }
        let by_size = r.chars().next().is_some_and(|c| matches!(crate::rules::fold(&c.to_lowercase().to_string()).as_str(), "c" | "o" | "s" | "u" | "v" | "w" | "x" | "z"));
        if collective && k > 0 && by_size {
            out.push_str(s);
        } else {
            out.push_str(&crate::repair::ocr::in_case_of(s, r));
        }
    }
    out.push_str(&spelling[last..]);
    out
}

/// The runs of letters and digits of `s` (with their marks and "&": "KH&CN" is one word), and the
/// text between each two.
fn words_and_separators(s: &str) -> (Vec<&str>, Vec<&str>) {
    let in_word = |c: char| c.is_alphanumeric() || crate::repair::is_combining(c) || c == '&';
    let (mut words, mut seps) = (Vec::new(), Vec::new());
    let mut start: Option<usize> = None;
    let mut sep_start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        match (in_word(c), start) {
            (true, None) => {
                if let Some(j) = sep_start.take() {
                    seps.push(&s[j..i]);
                }
                start = Some(i);
            }
            (false, Some(j)) => {
                words.push(&s[j..i]);
                start = None;
                sep_start = Some(i);
            }
            _ => {}
        }
    }
    if let Some(j) = start {
        words.push(&s[j..]);
    }
    (words, seps)
}

/// How far (letters added, dropped or changed, marks aside) an OCR reading of a unit may be from
/// the registry's spelling for `UnitMatcher::mend_ocr` to write it as the registry does.
const OCR_MEND_EDITS: usize = 2;

/// The consonant letters of a folded word, in order ("phuop" → "php"), with the consonant an OCR
/// reads as a sign ("$6" → "s"): what an English-model OCR keeps of a marked syllable.
fn consonants(folded: &str) -> String {
    folded.chars().map(|c| if c == '$' { 's' } else { c }).filter(|c| c.is_ascii_alphabetic() && !"aeiouy".contains(*c)).collect()
}

/// Letters and digits of a folded name, nothing else: "s@_} tu phap" → "stuphap".
pub fn skeleton(folded: &str) -> String {
    folded.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Best cleaned name for an unknown unit: abbreviations expanded, whitespace collapsed,
/// old-style tone marks moved ("uỷ" → "ủy").
pub fn clean_name(raw: &str, rules: &Rules) -> String {
    let mut words: Vec<String> = raw.split_whitespace().map(|s| s.to_string()).collect();
    for w in words.iter_mut() {
        for (abbr, full) in &rules.agencies.abbreviations {
            if w == abbr {
                *w = full.clone();
            }
        }
    }
    let s = words.join(" ");
    new_style_tones(&s)
}

/// "uỷ" → "ủy", "hoá" → "hóa", "oà" → "òa" …: the new-style placement SCHEMA.md asks for in names.
pub fn new_style_tones(s: &str) -> String {
    let pairs = [
        ("uỷ", "ủy"), ("Uỷ", "Ủy"), ("uý", "úy"), ("uỳ", "ùy"), ("uỹ", "ũy"), ("uỵ", "ụy"),
        ("oá", "óa"), ("oà", "òa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
        ("oé", "óe"), ("oè", "òe"), ("oẻ", "ỏe"), ("oẽ", "õe"), ("oẹ", "ọe"),
    ];
    let mut out = s.to_string();
    for (a, b) in pairs {
        // Only at a word end (the old style marks the last vowel of "oa", "oe", "uy" at word end).
        let mut res = String::new();
        let mut rest = out.as_str();
        while let Some(i) = rest.find(a) {
            let after = &rest[i + a.len()..];
            let at_end = after.chars().next().map(|c| !c.is_alphabetic()).unwrap_or(true);
            res.push_str(&rest[..i]);
            res.push_str(if at_end { b } else { a });
            rest = after;
        }
        res.push_str(rest);
        out = res;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(cell: &str, issuer: Option<&str>) -> Vec<(String, String, Option<String>)> {
        let m = UnitMatcher::new(Rules::get(), issuer);
        m.units(cell).0.into_iter().map(|u| (u.raw, u.name, u.id)).collect()
    }

    #[test]
    fn ids() {
        assert_eq!(id_of("Sở Khoa học và Công nghệ"), "so-khoa-hoc-va-cong-nghe");
        assert_eq!(id_of("Các sở, ban, ngành"), "cac-so-ban-nganh");
    }

    #[test]
    fn splitting_keeps_known_names_whole() {
        let n = names("Sở Tài chính, Sở Tư pháp và các sở, ngành, địa phương", None);
        let raws: Vec<_> = n.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(raws, vec!["Sở Tài chính", "Sở Tư pháp", "các sở, ngành, địa phương"]);
        let n = names("Sở ngành, UBND xã phường", None);
        assert_eq!(n[0].1, "Các sở, ban, ngành");
        assert_eq!(n[1].1, "Ủy ban nhân dân cấp xã");
        let n = names("UBND xã, phường", None);
        assert_eq!(n.len(), 1);
        let n = names("Công an tỉnh, Văn phòng UBND tỉnh", None);
        assert_eq!(n[1].1, "Văn phòng Ủy ban nhân dân tỉnh");
        let n = names("Sở Tài chính, Sở Tư pháp, Sở Giáo dục và Đào tạo, Liên hiệp các hội KHKT và các sở, ngành, địa phương", None);
        let raws: Vec<_> = n.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(raws, vec!["Sở Tài chính", "Sở Tư pháp", "Sở Giáo dục và Đào tạo", "Liên hiệp các hội KHKT", "các sở, ngành, địa phương"]);
    }

    #[test]
    fn internal_units_get_parent() {
        let skhcn = Some("Sở Khoa học và Công nghệ");
        let n = names("Các phòng chuyên môn; đơn vị trực thuộc Sở", skhcn);
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].2.as_deref(), Some("so-khoa-hoc-va-cong-nghe/cac-phong-chuyen-mon-don-vi-truc-thuoc-so"));
        let n = names("Phòng Đổi mới sáng tạo Phòng Khoa học và Công nghệ Phòng Chuyển đổi số", skhcn);
        let raws: Vec<_> = n.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(raws, vec!["Phòng Đổi mới sáng tạo", "Phòng Khoa học và Công nghệ", "Phòng Chuyển đổi số"]);
        let n = names("Văn phòng Sở", skhcn);
        assert_eq!(n[0].1, "Văn phòng");
        assert_eq!(n[0].2.as_deref(), Some("so-khoa-hoc-va-cong-nghe/van-phong"));
    }

    /// "Văn phòng" is a unit of its own where the issuer has one, but not where the cell goes on
    /// with the rest of a longer name: across a line break, or a speck an OCR read between the
    /// words ("Văn phòng - UBND tỉnh").
    #[test]
    fn a_name_of_its_own_inside_a_longer_name() {
        let bcd = Some("Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh Đồng Nai");
        assert_eq!(names("Văn phòng", bcd)[0].1, "Văn phòng");
        for cell in ["Văn phòng UBND tỉnh", "Văn phòng\nUBND tỉnh", "Văn phòng - UBND tỉnh", "Công an tỉnh,\nVăn phòng\nUBND tỉnh"] {
            let n = names(cell, bcd);
            assert_eq!(n.last().map(|x| x.1.as_str()), Some("Văn phòng Ủy ban nhân dân tỉnh"), "{cell:?}: {n:?}");
        }
        // Two units, each on its line, stay two.
        let n = names("Văn phòng\nSở Tài chính", bcd);
        assert_eq!(n.iter().map(|x| x.1.as_str()).collect::<Vec<_>>(), ["Văn phòng", "Sở Tài chính"]);
    }

    #[test]
    fn abbreviations_and_fuzzy() {
        assert_eq!(names("Sở KH&CN", None)[0].1, "Sở Khoa học và Công nghệ");
        assert_eq!(names("VP UBND tỉnh", None)[0].1, "Văn phòng Ủy ban nhân dân tỉnh");
        assert_eq!(names("Văn phòng Tỉnh", None)[0].1, "Văn phòng Tỉnh ủy");
        let m = UnitMatcher::new(Rules::get(), None);
        let (u, ok) = m.name("Hợp tác xã Bình Minh");
        assert!(!ok);
        assert_eq!(u.id, None);
    }

    #[test]
    fn no_unit_text_lost() {
        let m = UnitMatcher::new(Rules::get(), Some("Sở Khoa học và Công nghệ"));
        for cell in [
            "Sở Tài chính, Sở Tư pháp và các sở, ngành, địa phương",
            "Các ban đảng, MTTQ tỉnh, Sở ngành, UBND xã phường",
            "Phòng Đổi mới sáng tạo; Phòng Khoa học và Công nghệ; Phòng Chuyển đổi số",
            "Sở ngành, cơ quan chủ quản CSDL",
        ] {
            let joined: String = m.split(cell).join(" ");
            let words = |s: &str| s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty() && *w != "và").map(|w| w.to_string()).collect::<Vec<_>>();
            assert_eq!(words(&joined), words(cell), "{cell}");
        }
    }

    #[test]
    fn an_ocr_reading_of_a_recognised_unit_is_written_as_the_registry_writes_it() {
        let mended = |cell: &str, issuer: Option<&str>| {
            let m = UnitMatcher::new(Rules::get(), issuer);
            m.units(cell).0.iter().map(|u| m.mend_ocr(u).unwrap_or_else(|| u.raw.clone())).collect::<Vec<_>>()
        };
        // Marks and letters within two edits of the name: its words.
        assert_eq!(mended("Số Khoa học và Công nghệ", None), ["Sở Khoa học và Công nghệ"]);
        assert_eq!(mended("S@Khoahoc và Công nghệ", None), ["Sở Khoa học và Công nghệ"]);
        assert_eq!(mended("Sở Tài chính, S@_} Tư pháp", None), ["Sở Tài chính", "Sở Tư pháp"]);
        // The document's separators and case kept, specks between words dropped.
        let skhcn = Some("Sở Khoa học và Công nghệ");
        assert_eq!(mended("Các phòng chuyên môn; đơn vị trực thuộc Số", skhcn), ["Các phòng chuyên môn; đơn vị trực thuộc Sở"]);
        assert_eq!(mended("UBND } xã phường", None), ["UBND xã phường"]);
        assert_eq!(mended("Sở Công thương", None), ["Sở Công thương"]);
        assert_eq!(respell("“Ban Quan ly (BQL", "Ban Quản lý (BQL)", false), "Ban Quản lý (BQL)");
        // A collective unit's later words whose capital an OCR tells by size alone take the
        // registry's case; its first word, and a named unit's words, the case read.
        assert_eq!(respell("các Sở, ngành, địa phương", "Các sở, ngành, địa phương", true), "các sở, ngành, địa phương");
        assert_eq!(respell("Các Sở, Ngành", "Các sở, ngành", true), "Các sở, Ngành");
        assert_eq!(respell("Sở Công thương", "Sở Công Thương", false), "Sở Công thương");
        assert_eq!(mended("Sở Tư pháp và các Sở, ngành, địa phương", None).last().unwrap(), "các sở, ngành, địa phương");
        // An abbreviation is its own spelling (an alias); a reading far from every spelling and
        // an unknown unit stay as read.
        assert_eq!(mended("Sở KH&CN", None), ["Sở KH&CN"]);
        assert_eq!(mended("Hợp tác xã Bình Minh", None), ["Hợp tác xã Bình Minh"]);
    }

    #[test]
    fn ocr_damaged_names_and_heads() {
        // heads OCR damaged after a comma: each piece is a registry unit
        let n = names("Sở Tài chính, S@_} Tư pháp", None);
        assert_eq!(n.iter().map(|x| x.1.as_str()).collect::<Vec<_>>(), vec!["Sở Tài chính", "Sở Tư pháp"]);
        assert_eq!(n[1].0, "S@_} Tư pháp");
        // words run together
        assert_eq!(names("S@Taichinh", None)[0].2.as_deref(), Some("so-tai-chinh"));
        // an abbreviation damaged past its expansion
        assert_eq!(names("Liên hiệp các hội KHỆT", None)[0].2.as_deref(), Some("lien-hiep-cac-hoi-khoa-hoc-va-ky-thuat-tinh"));
        // a name cut in two by OCR junk at a head
        let n = names("Công an tỉnh, Văn phòng - UBND tỉnh", None);
        assert_eq!(n.iter().map(|x| x.1.as_str()).collect::<Vec<_>>(), vec!["Công an tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"]);
        let skhcn = Some("Sở Khoa học và Công nghệ");
        assert_eq!(names("Các phòng chuyên môn; đơn vi trực thuộc SỞ", skhcn).len(), 1);
        // a cell that is not several units stays one unknown unit
        let m = UnitMatcher::new(Rules::get(), None);
        let (us, unk) = m.units("Hợp tác xã Bình Minh, Công ty Ánh Dương");
        assert_eq!(us.len(), 1);
        assert_eq!(unk.len(), 1);
    }

    #[test]
    fn one_word_damaged_in_its_vowels() {
        // An English-model OCR keeps a word's consonants and misreads its marks and vowels: the
        // rest of the name read right, the word is the registry's (the fuzzy and skeleton scores of
        // a short name with one such word fall below the threshold).
        assert_eq!(names("S&é Nội vụ", None)[0].2.as_deref(), Some("so-noi-vu"));
        assert_eq!(names("Sở Tư phướp", None)[0].2.as_deref(), Some("so-tu-phap"));
        let n = names("Sở Tài chính, $6 Tư pháp", None);
        assert_eq!(n.iter().map(|x| x.2.as_deref()).collect::<Vec<_>>(), vec![Some("so-tai-chinh"), Some("so-tu-phap")]);
        // other consonants are another word ("Bộ" is no "Sở"); an agency the registry does not
        // know stays unknown; two words damaged are one too many; of a name of two words, the
        // damaged one must show a sign no word has
        let m = UnitMatcher::new(Rules::get(), None);
        assert!(m.frame_matches(&fold("Bộ Nội vụ")).is_empty());
        assert_eq!(names("Sở Dân tộc", None)[0].2, None);
        assert!(m.frame_matches(&fold("Sẻ ngành")).is_empty());
        assert_eq!(names("MTTQ tỉnh, S&@ ngành", None).iter().map(|x| x.2.as_deref()).collect::<Vec<_>>(), [Some("uy-ban-mat-tran-to-quoc-viet-nam-tinh"), Some("cac-so-ban-nganh")]);
        assert!(m.frame_matches(&fold("S&é Nội vé")).is_empty());
    }

    #[test]
    fn skeletons_keep_agencies_apart() {
        // No registry name reaches the threshold against another agency's skeleton: the skeleton
        // fallback cannot turn one known agency into another.
        let r = Rules::get();
        let m = UnitMatcher::new(r, Some("Sở Khoa học và Công nghệ"));
        let name_of = |i: usize, int: bool| if int { r.agencies.internal[i].name.clone() } else { r.agencies.agencies[i].name.clone() };
        let both: Vec<(&(String, usize, bool), &String)> = m.aliases.iter().zip(&m.skeletons).chain(m.aliases.iter().zip(&m.raw_skeletons)).collect();
        for &((_, i, int), k) in &both {
            for &((_, j, jnt), l) in &both {
                if name_of(*i, *int) != name_of(*j, *jnt) {
                    let s = strsim::normalized_levenshtein(k, l);
                    assert!(s < r.agencies.fuzzy_threshold, "{k} ~ {l}: {s}");
                }
            }
        }
    }

    #[test]
    fn tone_style() {
        assert_eq!(new_style_tones("Tỉnh uỷ"), "Tỉnh ủy");
        assert_eq!(new_style_tones("số hoá"), "số hóa");
        assert_eq!(new_style_tones("hoàn thành"), "hoàn thành");
    }
}
