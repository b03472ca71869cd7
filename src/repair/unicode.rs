//! Unicode-level damage: NFD, detached or early combining marks, spacing accents, mark order.
//! Deterministic; output is NFC.

use unicode_normalization::UnicodeNormalization;

/// Vietnamese shape marks (circumflex, breve, horn) must precede tone marks.
fn is_shape_mark(c: char) -> bool {
    matches!(c, '\u{0302}' | '\u{0306}' | '\u{031B}')
}

fn is_tone_mark(c: char) -> bool {
    matches!(c, '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}')
}

pub fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

/// Spacing accent characters that stand in for combining marks in damaged text.
fn spacing_to_combining(c: char) -> Option<char> {
    Some(match c {
        '\u{02CB}' | '\u{0060}' => '\u{0300}', // ˋ ` grave
        '\u{02CA}' | '\u{00B4}' => '\u{0301}', // ˊ ´ acute
        '\u{02DC}' => '\u{0303}',              // ˜ tilde (the ASCII ~ is left alone: it is real text)
        '\u{02C0}' => '\u{0309}',              // ˀ hook above
        '\u{02C6}' => '\u{0302}',              // ˆ circumflex
        '\u{02D8}' => '\u{0306}',              // ˘ breve
        _ => return None,
    })
}

fn is_base_letter(c: char) -> bool {
    c.is_alphabetic() && !is_combining(c)
}

/// Unicode-level repair of one run of text. Whitespace between words is kept as is.
pub fn repair_unicode(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    // Already NFC with no combining mark and no spacing accent: nothing below would change it.
    if !text.chars().any(|c| is_combining(c) || spacing_to_combining(c).is_some())
        && unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
    {
        return text.to_string();
    }
    let decomposed: Vec<char> = text.nfd().collect();
    // Pass 1: spacing accents directly after a letter become combining marks.
    let mut chars: Vec<char> = Vec::with_capacity(decomposed.len());
    for (i, &c) in decomposed.iter().enumerate() {
        if let Some(m) = spacing_to_combining(c) {
            let after_letter = chars.last().map(|&p| is_base_letter(p) || is_combining(p)).unwrap_or(false);
            let before_space = decomposed.get(i + 1).map(|n| !n.is_alphanumeric()).unwrap_or(true);
            if after_letter && before_space {
                chars.push(m);
                continue;
            }
        }
        chars.push(c);
    }
    // Pass 2: marks detached by a space ("Vie ̣t") or emitted before their letter ("̣Viet").
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_combining(c) {
            let prev_is_letter = out.last().map(|&p| is_base_letter(p) || is_combining(p)).unwrap_or(false);
            if !prev_is_letter {
                // Detached after a space: glue it back to the letter before the space.
                if out.last() == Some(&' ') && out.len() >= 2 && (is_base_letter(out[out.len() - 2]) || is_combining(out[out.len() - 2])) {
                    let space = out.pop().unwrap();
                    out.push(c);
                    // Keep the space only when a word follows (the space separated two words).
                    let next = chars.get(i + 1).copied();
                    if next.map(|n| n.is_alphanumeric()).unwrap_or(false) && next.map(|n| !is_combining(n)).unwrap_or(false) {
                        // "Vie ̣t": the mark sat between a word and its own tail; no space.
                    } else {
                        out.push(space);
                    }
                    i += 1;
                    continue;
                }
                // Emitted before its letter: move it after the next base letter.
                let mut j = i;
                while j < chars.len() && is_combining(chars[j]) {
                    j += 1;
                }
                if j < chars.len() && is_base_letter(chars[j]) {
                    out.push(chars[j]);
                    out.extend_from_slice(&chars[i..j]);
                    i = j + 1;
                    continue;
                }
            }
        }
        out.push(c);
        i += 1;
    }
    // Pass 3: within each cluster of marks, shape marks before tone marks; drop exact duplicates.
    let mut k = 0;
    while k < out.len() {
        if is_combining(out[k]) {
            let start = k;
            while k < out.len() && is_combining(out[k]) {
                k += 1;
            }
            let cluster = &mut out[start..k];
            cluster.sort_by_key(|&m| if is_shape_mark(m) { 0 } else if is_tone_mark(m) { 2 } else { 1 });
        } else {
            k += 1;
        }
    }
    out.dedup_by(|a, b| is_combining(*a) && a == b);
    let s: String = out.into_iter().collect();
    s.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_becomes_nfc() {
        let nfd: String = "Kế hoạch Đồng Nai".nfd().collect();
        assert_ne!(nfd, "Kế hoạch Đồng Nai");
        assert_eq!(repair_unicode(&nfd), "Kế hoạch Đồng Nai");
    }

    #[test]
    fn clean_text_unchanged() {
        for s in ["Triển khai Nghị quyết số 57-NQ/TW", "Sở Khoa học và Công nghệ", "≥ 80%", "a ~ b", "`code`"] {
            assert_eq!(repair_unicode(s), s);
        }
    }

    #[test]
    fn wrong_mark_order_fixed() {
        // ê + acute written as e + acute + circumflex
        let s = "Ke\u{0301}\u{0302} hoa\u{0323}ch";
        assert_eq!(repair_unicode(s), "Kế hoạch");
    }

    #[test]
    fn detached_mark_after_space() {
        let s = "Viê \u{0323}t Nam";
        assert_eq!(repair_unicode(s), "Việt Nam");
    }

    #[test]
    fn mark_before_letter() {
        assert_eq!(repair_unicode("\u{0300}a"), "à");
        assert_eq!(repair_unicode("(\u{0301}a)"), "(á)");
    }

    #[test]
    fn spacing_accents() {
        assert_eq!(repair_unicode("ca\u{02CA} nhân"), "cá nhân");
        assert_eq!(repair_unicode("Vie\u{0302}\u{02DC}"), "Viễ");
    }
}
