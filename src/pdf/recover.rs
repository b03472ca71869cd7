//! Rebuilding a damaged or missing cross-reference table by scanning the file for its objects, as
//! poppler and qpdf do.
//!
//! lopdf 0.42 does not reconstruct: a missing table is a load error, and wrong offsets silently
//! drop the objects they point past. So the reader scans the bytes for `N G obj` headers (skipping
//! stream data, the later of two definitions winning, as in an incremental update), appends a fresh
//! table and trailer to a copy of the file and loads that. The trailer's /Root, /Info, /Encrypt and
//! /ID come from the last surviving trailer (or cross-reference stream) dictionary; without one, the
//! catalog is found among the objects.

use lopdf::{Document, Object, ObjectId};
use memchr::memmem;
use regex::bytes::Regex;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Object numbers above this (PDF's own implementation limit) are not taken from a scan.
const MAX_OBJECT_NUMBER: u32 = 8_388_607;

/// A copy of the file with a rebuilt cross-reference table appended.
#[derive(Debug)]
pub struct Rebuilt {
    pub bytes: Vec<u8>,
    /// Number of objects found by the scan.
    pub objects: usize,
    /// Offsets (from `%PDF-`) of the objects found, by object number.
    pub offsets: BTreeMap<u32, (u32, u16)>,
}

fn ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

/// Next occurrence of a pattern at or after a position, remembered so that a scan moving forwards
/// searches each byte once (a hostile file of a million headers and no `endobj` stays linear).
struct Next<'a> {
    finder: memmem::Finder<'a>,
    /// The last search started at `from` and found `at` (`None`: nothing up to the end).
    searched: bool,
    from: usize,
    at: Option<usize>,
}

impl<'a> Next<'a> {
    fn new(pat: &'a [u8]) -> Self {
        Next { finder: memmem::Finder::new(pat), searched: false, from: 0, at: None }
    }
    fn find(&mut self, hay: &[u8], pos: usize) -> Option<usize> {
        if self.searched && pos >= self.from {
            match self.at {
                Some(a) if a >= pos => return Some(a),
                None => return None,
                _ => {}
            }
        }
        self.searched = true;
        self.from = pos;
        self.at = hay.get(pos..).and_then(|h| self.finder.find(h)).map(|i| pos + i);
        self.at
    }
}

fn header_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?-u)(\d{1,10})[\x00\t\n\x0c\r ]+(\d{1,5})[\x00\t\n\x0c\r ]+obj").unwrap())
}

fn field_re(key: &str) -> Regex {
    Regex::new(&format!(r"(?-u)/{key}[\x00\t\n\x0c\r ]*(\d+)[\x00\t\n\x0c\r ]+(\d+)[\x00\t\n\x0c\r ]+R")).unwrap()
}

/// Scans the file (from its `%PDF-` header) for objects and returns it with a new table appended.
/// `None` when no object is found.
pub fn rebuild(bytes: &[u8]) -> Option<Rebuilt> {
    let start = memmem::find(bytes, b"%PDF-")?;
    let body = &bytes[start..];
    let mut offsets: BTreeMap<u32, (u32, u16)> = BTreeMap::new();
    let mut trailers: Vec<&[u8]> = Vec::new();
    let (mut endobj, mut streamkw, mut endstream) = (Next::new(b"endobj"), Next::new(b"stream"), Next::new(b"endstream"));
    let mut pos = 0;
    let re = header_re();
    while let Some(m) = re.captures_at(body, pos) {
        let whole = m.get(0).unwrap();
        let (s, e) = (whole.start(), whole.end());
        pos = e;
        // A header starts a line or follows whitespace, and `obj` ends a token.
        if s > 0 && !ws(body[s - 1]) || body.get(e).is_some_and(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let (Ok(num), Ok(gen)) = (std::str::from_utf8(&m[1]).unwrap().parse::<u32>(), std::str::from_utf8(&m[2]).unwrap().parse::<u16>()) else {
            continue;
        };
        if num == 0 || num > MAX_OBJECT_NUMBER || s > u32::MAX as usize {
            continue;
        }
        offsets.insert(num, (s as u32, gen));
        let end = endobj.find(body, e);
        if let Some(st) = streamkw.find(body, e) {
            if end.is_none_or(|en| st < en) {
                let dict = &body[e..st];
                if contains(dict, b"/XRef") {
                    trailers.push(dict);
                }
                // Skip the stream's data: headers inside it are not objects.
                if let Some(es) = endstream.find(body, st + 6) {
                    pos = es;
                }
            }
        }
    }
    if offsets.is_empty() {
        return None;
    }
    // Classic trailers.
    let mut tpos = 0;
    while let Some(i) = memmem::find(&body[tpos..], b"trailer") {
        let t = tpos + i + 7;
        trailers.push(&body[t..(t + 4096).min(body.len())]);
        tpos = t;
    }
    let pick = |key: &str| -> Option<(u32, u32)> {
        let re = field_re(key);
        trailers.iter().rev().find_map(|t| re.captures(t).and_then(|c| Some((std::str::from_utf8(&c[1]).ok()?.parse().ok()?, std::str::from_utf8(&c[2]).ok()?.parse().ok()?))))
    };
    let id_re = Regex::new(r"(?-u)/ID[\x00\t\n\x0c\r ]*(\[[^\]]{0,300}\])").unwrap();
    let id = trailers.iter().rev().find_map(|t| id_re.captures(t).map(|c| c[1].to_vec()));

    let mut out = Vec::with_capacity(bytes.len() + offsets.len() * 20 + 200);
    out.extend_from_slice(bytes);
    out.extend_from_slice(b"\n");
    let xref_at = out.len() - start;
    out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f \n");
    let nums: Vec<u32> = offsets.keys().copied().collect();
    let mut i = 0;
    while i < nums.len() {
        let mut j = i;
        while j + 1 < nums.len() && nums[j + 1] == nums[j] + 1 {
            j += 1;
        }
        out.extend_from_slice(format!("{} {}\n", nums[i], j - i + 1).as_bytes());
        for n in &nums[i..=j] {
            let (off, gen) = offsets[n];
            out.extend_from_slice(format!("{off:010} {gen:05} n \n").as_bytes());
        }
        i = j + 1;
    }
    out.extend_from_slice(format!("trailer\n<</Size {}", nums.last().unwrap() + 1).as_bytes());
    for key in ["Root", "Info", "Encrypt"] {
        if let Some((n, g)) = pick(key) {
            if offsets.contains_key(&n) {
                out.extend_from_slice(format!("/{key} {n} {g} R").as_bytes());
            }
        }
    }
    if let Some(id) = id {
        out.extend_from_slice(b"/ID");
        out.extend_from_slice(&id);
    }
    out.extend_from_slice(format!(">>\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
    Some(Rebuilt { bytes: out, objects: offsets.len(), offsets })
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    memmem::find(hay, needle).is_some()
}

/// Points the trailer at a document catalog when it names none (or a missing one): the catalog
/// defined last in the file whose /Pages is a dictionary. Returns false when there is none.
pub fn ensure_root(doc: &mut Document, offsets: &BTreeMap<u32, (u32, u16)>) -> bool {
    if doc.catalog().is_ok_and(|c| c.get(b"Pages").and_then(Object::as_reference).is_ok_and(|p| doc.get_dictionary(p).is_ok())) {
        return true;
    }
    let mut best: Option<(u32, ObjectId)> = None;
    for (&id, obj) in &doc.objects {
        let Ok(d) = obj.as_dict() else { continue };
        if !d.has_type(b"Catalog") {
            continue;
        }
        if !d.get(b"Pages").and_then(Object::as_reference).is_ok_and(|p| doc.get_dictionary(p).is_ok()) {
            continue;
        }
        // Objects packed in object streams have no offset of their own: rank them first.
        let at = offsets.get(&id.0).map(|o| o.0).unwrap_or(0);
        if best.is_none_or(|(b, _)| at >= b) {
            best = Some((at, id));
        }
    }
    match best {
        Some((_, id)) => {
            doc.trailer.set("Root", Object::Reference(id));
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_objects_and_skips_stream_data() {
        let pdf = b"%PDF-1.4\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n2 0 obj\n<</Length 20>>\nstream\n\n9 0 obj fake\nendstream\nendobj\n3 0 obj 42 endobj\n";
        let r = rebuild(pdf).unwrap();
        assert_eq!(r.offsets.keys().copied().collect::<Vec<_>>(), vec![1, 2, 3]);
        assert_eq!(r.offsets[&2].0 as usize, pdf.windows(7).position(|w| w == b"2 0 obj").unwrap());
        let tail = String::from_utf8_lossy(&r.bytes[pdf.len()..]).to_string();
        assert!(tail.contains("1 3\n"), "{tail}");
        assert!(tail.contains("/Size 4"), "{tail}");
    }

    #[test]
    fn later_definition_wins_and_trailer_fields_are_kept() {
        let pdf = b"%PDF-1.4\n1 0 obj 1 endobj\n1 0 obj 2 endobj\ntrailer\n<</Root 1 0 R/Info 5 0 R/ID [<AB><AB>]>>\n";
        let r = rebuild(pdf).unwrap();
        assert_eq!(r.offsets[&1].0 as usize, pdf.windows(10).rposition(|w| w == b"1 0 obj 2 ").unwrap());
        let tail = String::from_utf8_lossy(&r.bytes[pdf.len()..]).to_string();
        assert!(tail.contains("/Root 1 0 R"), "{tail}");
        assert!(!tail.contains("/Info"), "object 5 is not in the file: {tail}");
        assert!(tail.contains("/ID[<AB><AB>]"), "{tail}");
    }

    #[test]
    fn no_objects_no_rebuild() {
        assert!(rebuild(b"%PDF-1.4\nnothing here\n").is_none());
        assert!(rebuild(b"no header 1 0 obj").is_none());
    }

    #[test]
    fn many_headers_without_endobj_stay_linear() {
        let mut pdf = b"%PDF-1.4\n".to_vec();
        for i in 1..200_000u32 {
            pdf.extend_from_slice(format!("{i} 0 obj\n").as_bytes());
        }
        let t = std::time::Instant::now();
        let r = rebuild(&pdf).unwrap();
        assert_eq!(r.objects, 199_999);
        assert!(t.elapsed().as_secs() < 5);
    }
}
