//! Checks (and, where the content is intact, repairs) of the object graph before pdf-extract's
//! interpreter runs on it.
//!
//! pdf-extract trusts the document: it climbs /Parent chains without a cycle check, recurses into
//! form XObjects without a depth limit, expands every ToUnicode range code by code and parses CMaps
//! and Type 1 fonts with recursive parsers. A cycle or a deep nesting there is a hang or a stack
//! overflow, which no `catch_unwind` can turn into an error line. So, per document:
//!
//! - the page tree is walked from the catalog with a visited set; a cycle, a node reached twice, a
//!   /Parent that is not the node listing the page, or a missing /MediaBox is repaired by rebuilding
//!   the tree as one flat node (inherited attributes copied into each page), with a warning; a page
//!   or node that is missing or unreadable is an error (its text would be silently lost);
//! - each page's /Contents must resolve to streams (a missing stream or a reference cycle is an
//!   error), within the page-content limit;
//! - form XObjects must not draw themselves, directly or not, nor nest deeper than 32;
//! - the fonts the pages use must have ToUnicode/encoding CMaps and Type 1 programs nested at most
//!   32 deep and ToUnicode ranges covering at most 2^20 codes;
//! - a document whose cross-reference table was rebuilt must have every object its pages use.

use super::limits::{mib, Limits};
use crate::error::Error;
use crate::model::Warning;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{HashMap, HashSet};

/// Keys a page inherits from its ancestors.
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];
/// Deepest nesting of form XObjects, and of arrays, dictionaries, procedures and strings in a CMap
/// or Type 1 font program.
pub const MAX_NESTING: usize = 32;
/// Most codes a ToUnicode CMap may map (two-byte codes need 65 536).
pub const MAX_CMAP_CODES: u64 = 1 << 20;
/// lopdf's parser refuses objects nested deeper than this.
const LOPDF_MAX_NESTING: usize = 100;
/// A4, when no page and no ancestor has a /MediaBox.
const DEFAULT_MEDIA_BOX: [f64; 4] = [0.0, 0.0, 595.276, 841.89];

/// How the document was damaged before it was opened, for error wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    None,
    /// The cross-reference table was rebuilt.
    Rebuilt,
    /// Rebuilt, and the file lacks its final %%EOF: it was cut short.
    Truncated,
}

pub struct Sanitiser<'a> {
    /// The bytes lopdf read, from `%PDF-` on (to say why an object could not be read).
    pub bytes: &'a [u8],
    pub limits: &'a Limits,
    pub damage: Damage,
}

fn corrupt(s: String) -> Error {
    Error::Corrupt(s)
}

fn r(id: ObjectId) -> String {
    format!("{} {} R", id.0, id.1)
}

struct PageRef {
    id: ObjectId,
    inherited: Vec<(&'static [u8], Object)>,
}

fn inherit(parent: &[(&'static [u8], Object)], d: &Dictionary) -> Vec<(&'static [u8], Object)> {
    let mut v: Vec<(&'static [u8], Object)> = parent.to_vec();
    for k in INHERITED {
        if let Ok(o) = d.get(k) {
            v.retain(|(key, _)| *key != k);
            v.push((k, o.clone()));
        }
    }
    v
}

impl Sanitiser<'_> {
    /// Runs every check; returns the warnings of repairs made.
    pub fn run(&self, doc: &mut Document) -> Result<Vec<Warning>, Error> {
        let mut warnings = Vec::new();
        let (root, pages, anomalies) = self.walk(doc)?;
        if pages.is_empty() {
            return Err(corrupt("no pages found".into()));
        }
        let no_media_box = pages.iter().any(|p| !p.inherited.iter().any(|(k, _)| *k == b"MediaBox"));
        if !anomalies.is_empty() || no_media_box {
            let mut why = anomalies.first().cloned().unwrap_or_else(|| "a page has no /MediaBox: A4 assumed".into());
            if anomalies.len() > 1 {
                why.push_str(&format!("; {} more", anomalies.len() - 1));
            }
            flatten(doc, root, &pages);
            warnings.push(Warning::new("pdf_page_tree", format!("damaged page tree ({why}): read as a flat list of {} pages", pages.len())));
        }
        let mut graph = Graph { doc, s: self, done: HashSet::new(), do_names: HashMap::new(), fonts: HashSet::new() };
        for (i, p) in pages.iter().enumerate() {
            let n = i + 1;
            graph.contents(n, p.id)?;
            if let Some(res) = page_resources(doc, p.id) {
                graph.resources(n, res, &mut Vec::new())?;
            }
        }
        if self.damage != Damage::None {
            for (i, p) in pages.iter().enumerate() {
                self.complete(doc, i + 1, p.id)?;
            }
        }
        Ok(warnings)
    }

    fn lost(&self, what: String) -> Error {
        match self.damage {
            Damage::Truncated => corrupt(format!("the file ends early (no %%EOF marker): {what}")),
            _ => corrupt(what),
        }
    }

    /// Why an object is absent: lopdf could not parse it (and perhaps why), or it is not there.
    fn unreadable(&self, doc: &Document, id: ObjectId) -> &'static str {
        match doc.reference_table.get(id.0) {
            Some(lopdf::xref::XrefEntry::Normal { offset, .. }) => {
                let at = *offset as usize;
                if at < self.bytes.len() && nesting(&self.bytes[at..], true) > LOPDF_MAX_NESTING {
                    "cannot be read: it is nested more than 100 levels deep"
                } else {
                    "cannot be read"
                }
            }
            _ => "is missing",
        }
    }

    fn walk(&self, doc: &Document) -> Result<(ObjectId, Vec<PageRef>, Vec<String>), Error> {
        let root = doc
            .catalog()
            .ok()
            .and_then(|c| c.get(b"Pages").and_then(Object::as_reference).ok())
            .ok_or_else(|| corrupt("no pages found".into()))?;
        let root_dict = match doc.objects.get(&root).map(Object::as_dict) {
            Some(Ok(d)) => d,
            _ => return Err(self.lost(format!("the page tree {} {}", r(root), self.unreadable(doc, root)))),
        };
        let mut anomalies = Vec::new();
        let mut pages = Vec::new();
        let mut visited = HashSet::from([root]);
        if root_dict.has_type(b"Page") {
            anomalies.push(format!("the catalog's /Pages {} is a page", r(root)));
            pages.push(PageRef { id: root, inherited: inherit(&[], root_dict) });
            return Ok((root, pages, anomalies));
        }
        if root_dict.get(b"Parent").is_ok() {
            anomalies.push(format!("the root {} has a /Parent", r(root)));
        }
        struct Frame {
            node: ObjectId,
            kids: Vec<Object>,
            i: usize,
            inherited: Vec<(&'static [u8], Object)>,
        }
        let kids = |d: &Dictionary| -> Vec<Object> {
            d.get(b"Kids")
                .ok()
                .and_then(|k| match k {
                    Object::Reference(id) => doc.objects.get(id).and_then(|o| o.as_array().ok()),
                    o => o.as_array().ok(),
                })
                .cloned()
                .unwrap_or_default()
        };
        let mut stack = vec![Frame { node: root, kids: kids(root_dict), i: 0, inherited: inherit(&[], root_dict) }];
        while let Some(top) = stack.last_mut() {
            if top.i >= top.kids.len() {
                stack.pop();
                continue;
            }
            let kid = top.kids[top.i].clone();
            top.i += 1;
            let Ok(kid) = kid.as_reference() else {
                anomalies.push(format!("a /Kids entry of {} is not a reference", r(top.node)));
                continue;
            };
            if !visited.insert(kid) {
                anomalies.push(format!("it reaches {} twice, a reference cycle", r(kid)));
                continue;
            }
            let d = match doc.objects.get(&kid).map(Object::as_dict) {
                Some(Ok(d)) => d,
                Some(Err(_)) => return Err(corrupt(format!("the page tree lists {}, which is not a page", r(kid)))),
                None => return Err(self.lost(format!("the page tree lists {}, which {}", r(kid), self.unreadable(doc, kid)))),
            };
            let node = top.node;
            let is_node = d.has_type(b"Pages") || !d.has_type(b"Page") && d.get(b"Kids").is_ok();
            if !d.has_type(b"Pages") && !d.has_type(b"Page") {
                anomalies.push(format!("{} has no /Type", r(kid)));
            }
            if d.get(b"Parent").and_then(Object::as_reference).ok() != Some(node) {
                anomalies.push(format!("the /Parent of {} is not {}", r(kid), r(node)));
            }
            let inherited = inherit(&top.inherited, d);
            if is_node {
                if stack.len() >= 64 {
                    anomalies.push(format!("it nests deeper than 64 levels at {}", r(kid)));
                }
                let k = kids(d);
                stack.push(Frame { node: kid, kids: k, i: 0, inherited });
            } else {
                pages.push(PageRef { id: kid, inherited });
            }
        }
        Ok((root, pages, anomalies))
    }

    /// For a document whose cross-reference table was rebuilt: every object a page uses (its
    /// contents and resources, transitively; not its annotations or parent) must be there.
    fn complete(&self, doc: &Document, n: usize, page: ObjectId) -> Result<(), Error> {
        let mut seen = HashSet::new();
        let mut todo: Vec<&Object> = Vec::new();
        let d = doc.get_dictionary(page).map_err(|_| corrupt(format!("page {n} cannot be read")))?;
        for (k, v) in d.iter() {
            if k != b"Parent" && k != b"Annots" {
                todo.push(v);
            }
        }
        while let Some(o) = todo.pop() {
            match o {
                Object::Reference(id) => {
                    if !seen.insert(*id) {
                        continue;
                    }
                    match doc.objects.get(id) {
                        Some(o) => todo.push(o),
                        None => return Err(self.lost(format!("page {n} uses {}, which {}", r(*id), self.unreadable(doc, *id)))),
                    }
                }
                Object::Array(a) => todo.extend(a.iter()),
                Object::Dictionary(d) => todo.extend(d.iter().filter(|(k, _)| k.as_slice() != b"Parent").map(|(_, v)| v)),
                Object::Stream(s) => todo.extend(s.dict.iter().filter(|(k, _)| k.as_slice() != b"Parent").map(|(_, v)| v)),
                _ => {}
            }
        }
        Ok(())
    }
}

/// The page's resources as pdf-extract finds them: on the page, else up the /Parent chain.
fn page_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    let mut d = doc.get_dictionary(page).ok()?;
    let mut seen = HashSet::new();
    loop {
        if let Ok(o) = d.get(b"Resources") {
            return deref(doc, o).and_then(|o| o.as_dict().ok());
        }
        let p = d.get(b"Parent").and_then(Object::as_reference).ok()?;
        if !seen.insert(p) {
            return None;
        }
        d = doc.get_dictionary(p).ok()?;
    }
}

/// One level of indirection, as pdf-extract's `maybe_deref`.
fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    match o {
        Object::Reference(id) => doc.objects.get(id),
        o => Some(o),
    }
}

/// Rebuilds the page tree as one node listing every page once, in order, each page carrying the
/// attributes it inherited on the way down.
fn flatten(doc: &mut Document, root: ObjectId, pages: &[PageRef]) {
    let new_root = doc.new_object_id();
    for p in pages {
        if let Ok(d) = doc.get_object_mut(p.id).and_then(Object::as_dict_mut) {
            for (k, v) in &p.inherited {
                if d.get(k).is_err() {
                    d.set(*k, v.clone());
                }
            }
            if d.get(b"MediaBox").is_err() {
                d.set("MediaBox", Object::Array(DEFAULT_MEDIA_BOX.iter().map(|&x| Object::Real(x as f32)).collect()));
            }
            d.set("Type", Object::Name(b"Page".to_vec()));
            d.set("Parent", Object::Reference(new_root));
            d.remove(b"Kids");
        }
    }
    let mut node = Dictionary::new();
    node.set("Type", Object::Name(b"Pages".to_vec()));
    node.set("Kids", Object::Array(pages.iter().map(|p| Object::Reference(p.id)).collect()));
    node.set("Count", Object::Integer(pages.len() as i64));
    doc.objects.insert(new_root, Object::Dictionary(node));
    let _ = root;
    if let Ok(c) = doc.catalog_mut() {
        c.set("Pages", Object::Reference(new_root));
    }
}

struct Graph<'a, 'b> {
    doc: &'a Document,
    s: &'b Sanitiser<'b>,
    /// (form, resources in force) pairs whose whole subtree was checked.
    done: HashSet<(ObjectId, usize)>,
    /// The XObject names each form's content draws with `Do`.
    do_names: HashMap<ObjectId, Vec<Vec<u8>>>,
    fonts: HashSet<usize>,
}

impl<'a> Graph<'a, '_> {
    /// Follows a chain of references to its end.
    fn resolve(&self, n: usize, mut o: &'a Object) -> Result<Option<&'a Object>, Error> {
        let mut chain: Vec<ObjectId> = Vec::new();
        while let Object::Reference(id) = o {
            if let Some(i) = chain.iter().position(|c| c == id) {
                let cyc = if chain.len() - i == 1 {
                    format!("object {} refers to itself", r(*id))
                } else {
                    chain[i..].iter().chain(std::iter::once(id)).map(|&c| r(c)).collect::<Vec<_>>().join(" → ")
                };
                return Err(corrupt(format!("page {n}: reference cycle: {cyc}")));
            }
            chain.push(*id);
            match self.doc.objects.get(id) {
                Some(next) => o = next,
                None => return Ok(None),
            }
        }
        Ok(Some(o))
    }

    fn contents(&self, n: usize, page: ObjectId) -> Result<(), Error> {
        let Ok(d) = self.doc.get_dictionary(page) else { return Ok(()) };
        let Ok(c) = d.get(b"Contents") else { return Ok(()) };
        let streams: Vec<&Object> = match c {
            Object::Array(a) => a.iter().collect(),
            o => vec![o],
        };
        let mut total = 0usize;
        for s in streams {
            match self.resolve(n, s)? {
                Some(Object::Stream(st)) => total += st.content.len(),
                Some(Object::Array(a)) if matches!(s, Object::Reference(_)) => {
                    for e in a {
                        match self.resolve(n, e)? {
                            Some(Object::Stream(st)) => total += st.content.len(),
                            Some(Object::Null) => {}
                            Some(_) => return Err(corrupt(format!("page {n}: its /Contents is not a content stream"))),
                            None => return Err(self.missing_content(n, e)),
                        }
                    }
                }
                Some(Object::Null) => {}
                Some(_) => return Err(corrupt(format!("page {n}: its /Contents is not a content stream"))),
                None => return Err(self.missing_content(n, s)),
            }
        }
        if total > self.s.limits.max_page_content_bytes {
            return Err(Error::Limit(format!("the content of page {n} is {}, more than {}", human(total), mib(self.s.limits.max_page_content_bytes))));
        }
        Ok(())
    }

    fn missing_content(&self, n: usize, o: &Object) -> Error {
        let id = match o {
            Object::Reference(id) => *id,
            _ => (0, 0),
        };
        let mut last = id;
        let mut cur = o;
        while let Object::Reference(i) = cur {
            last = *i;
            match self.doc.objects.get(i) {
                Some(next) => cur = next,
                None => break,
            }
        }
        self.s.lost(format!("page {n}: its content stream {} {}", r(last), self.s.unreadable(self.doc, last)))
    }

    /// Checks the fonts and form XObjects of one resource dictionary; `stack` holds the forms being
    /// drawn (with the resources in force), outermost first.
    fn resources(&mut self, n: usize, res: &'a Dictionary, stack: &mut Vec<(ObjectId, usize)>) -> Result<(), Error> {
        if let Some(Ok(fonts)) = res.get(b"Font").ok().and_then(|f| deref(self.doc, f)).map(Object::as_dict) {
            for (name, f) in fonts.iter() {
                let key = match f {
                    Object::Reference(id) => id.0 as usize ^ ((id.1 as usize) << 32),
                    o => o as *const Object as usize,
                };
                if !self.fonts.insert(key) {
                    continue;
                }
                if let Some(Ok(fd)) = deref(self.doc, f).map(Object::as_dict) {
                    self.font(n, name, f, fd)?;
                }
            }
        }
        let Some(Ok(xobjects)) = res.get(b"XObject").ok().and_then(|x| deref(self.doc, x)).map(Object::as_dict) else {
            return Ok(());
        };
        for (_, x) in xobjects.iter() {
            if let Object::Reference(id) = x {
                self.form(n, *id, res, stack)?;
            }
        }
        Ok(())
    }

    fn form(&mut self, n: usize, id: ObjectId, outer: &'a Dictionary, stack: &mut Vec<(ObjectId, usize)>) -> Result<(), Error> {
        let Some(Object::Stream(s)) = self.doc.objects.get(&id) else { return Ok(()) };
        if matches!(s.dict.get(b"Subtype").and_then(Object::as_name), Ok(b"Image") | Ok(b"PS")) {
            return Ok(());
        }
        let res: &'a Dictionary = match s.dict.get(b"Resources").ok().and_then(|o| deref(self.doc, o)) {
            Some(Object::Dictionary(d)) => d,
            _ => outer,
        };
        let key = (id, res as *const Dictionary as usize);
        if stack.contains(&key) {
            return Err(corrupt(format!("page {n}: reference cycle: form XObject {} draws itself", r(id))));
        }
        if self.done.contains(&key) {
            return Ok(());
        }
        if stack.len() >= MAX_NESTING {
            return Err(corrupt(format!("page {n}: form XObjects nested more than {MAX_NESTING} deep")));
        }
        let names = self
            .do_names
            .entry(id)
            .or_insert_with(|| {
                let data = if s.filters().is_ok() { s.decompressed_content().unwrap_or_else(|_| s.content.clone()) } else { s.content.clone() };
                match lopdf::content::Content::decode(&data) {
                    Ok(c) => c
                        .operations
                        .iter()
                        .filter(|op| op.operator == "Do")
                        .filter_map(|op| op.operands.first().and_then(|o| o.as_name().ok()).map(|x| x.to_vec()))
                        .collect(),
                    Err(_) => Vec::new(),
                }
            })
            .clone();
        stack.push(key);
        self.resources(n, res, stack)?;
        if let Some(Ok(xobjects)) = res.get(b"XObject").ok().and_then(|x| deref(self.doc, x)).map(Object::as_dict) {
            for name in names {
                if let Ok(Object::Reference(child)) = xobjects.get(&name) {
                    self.form(n, *child, res, stack)?;
                }
            }
        }
        stack.pop();
        self.done.insert(key);
        Ok(())
    }

    fn font(&mut self, n: usize, name: &[u8], f: &Object, fd: &'a Dictionary) -> Result<(), Error> {
        let what = match f {
            Object::Reference(id) => format!("font /{} ({})", String::from_utf8_lossy(name), r(*id)),
            _ => format!("font /{}", String::from_utf8_lossy(name)),
        };
        let stream_of = |o: Option<&'a Object>| -> Option<Vec<u8>> {
            match o.and_then(|o| deref(self.doc, o)) {
                Some(Object::Stream(s)) => Some(if s.filters().is_ok() { s.decompressed_content().unwrap_or_else(|_| s.content.clone()) } else { s.content.clone() }),
                _ => None,
            }
        };
        if let Some(data) = stream_of(fd.get(b"ToUnicode").ok()) {
            check_cmap(&data, true).map_err(|e| e.into_error(n, &what, "ToUnicode map"))?;
        }
        if let Some(data) = stream_of(fd.get(b"Encoding").ok()) {
            check_cmap(&data, false).map_err(|e| e.into_error(n, &what, "encoding CMap"))?;
        }
        if let Some(Ok(desc)) = fd.get(b"FontDescriptor").ok().and_then(|o| deref(self.doc, o)).map(Object::as_dict) {
            if let Some(data) = stream_of(desc.get(b"FontFile").ok()) {
                let clear = memchr::memmem::find(&data, b"eexec").map(|i| &data[..i]).unwrap_or(&data);
                check_cmap(clear, false).map_err(|e| e.into_error(n, &what, "Type 1 program"))?;
            }
        }
        Ok(())
    }
}

fn human(n: usize) -> String {
    if n >= 1 << 20 {
        format!("{} MiB", n >> 20)
    } else {
        format!("{n} bytes")
    }
}

#[derive(Debug, PartialEq)]
pub enum CmapIssue {
    Deep,
    Codes(u64),
}

impl CmapIssue {
    fn into_error(self, n: usize, what: &str, part: &str) -> Error {
        match self {
            CmapIssue::Deep => corrupt(format!("page {n}: {what}: its {part} is nested more than {MAX_NESTING} levels deep")),
            CmapIssue::Codes(c) => Error::Limit(format!("page {n}: {what}: its {part} maps {c} codes, more than {MAX_CMAP_CODES}")),
        }
    }
}

/// Deepest nesting of arrays and dictionaries (and, with `strings`, parenthesised strings, which
/// count their own nested parentheses) in PDF or PostScript syntax, up to `endobj`/`stream`.
pub fn nesting(b: &[u8], stop_at_endobj: bool) -> usize {
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while i < b.len() {
        match b[i] {
            b'%' => {
                while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                let mut d = 1;
                i += 1;
                while i < b.len() && d > 0 {
                    match b[i] {
                        b'\\' => i += 1,
                        b'(' => {
                            d += 1;
                            max = max.max(depth + d);
                        }
                        b')' => d -= 1,
                        _ => {}
                    }
                    i += 1;
                }
                max = max.max(depth + 1);
                continue;
            }
            b'<' if b.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b'>' if b.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'e' if stop_at_endobj && (b[i..].starts_with(b"endobj") || b[i..].starts_with(b"endstream")) => break,
            b's' if stop_at_endobj && b[i..].starts_with(b"stream") => break,
            _ => {}
        }
        max = max.max(depth);
        i += 1;
    }
    max
}

/// A CMap (or Type 1 font's clear text) must nest at most `MAX_NESTING` deep; with `count`, its
/// `bfrange` entries must cover at most `MAX_CMAP_CODES` codes (pdf-extract's CMap parser expands
/// each range code by code).
pub fn check_cmap(b: &[u8], count: bool) -> Result<(), CmapIssue> {
    if nesting(b, false) > MAX_NESTING {
        return Err(CmapIssue::Deep);
    }
    if !count {
        return Ok(());
    }
    let mut total: u64 = 0;
    let mut in_range = false;
    let mut pending: Vec<u32> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'<' && b.get(i + 1) != Some(&b'<') {
            let end = memchr::memchr(b'>', &b[i..]).map(|e| i + e).unwrap_or(b.len());
            if in_range {
                let digits: Vec<u8> = b[i + 1..end].iter().copied().filter(|c| c.is_ascii_hexdigit()).collect();
                let mut code: u32 = 0;
                for pair in digits.chunks(2) {
                    let v = u8::from_str_radix(std::str::from_utf8(pair).unwrap_or("0"), 16).unwrap_or(0);
                    code = (code << 8) | v as u32;
                }
                pending.push(code);
                if pending.len() == 3 {
                    total += span(pending[0], pending[1]);
                    pending.clear();
                }
            }
            i = end + 1;
            continue;
        }
        if c == b'[' && in_range && pending.len() == 2 {
            total += span(pending[0], pending[1]);
            pending.clear();
            let end = memchr::memchr(b']', &b[i..]).map(|e| i + e).unwrap_or(b.len());
            i = end + 1;
            continue;
        }
        if c.is_ascii_alphabetic() {
            let s = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            match &b[s..i] {
                b"beginbfrange" => {
                    in_range = true;
                    pending.clear();
                }
                b"endbfrange" => in_range = false,
                _ => {}
            }
            continue;
        }
        i += 1;
        if total > MAX_CMAP_CODES {
            break;
        }
    }
    if total > MAX_CMAP_CODES {
        return Err(CmapIssue::Codes(total));
    }
    Ok(())
}

fn span(lo: u32, hi: u32) -> u64 {
    if hi >= lo {
        (hi - lo) as u64 + 1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_counts_arrays_dicts_and_strings() {
        assert_eq!(nesting(b"<< /A [1 [2]] >>", true), 3);
        assert_eq!(nesting(b"(a (b (c)))", true), 3);
        assert_eq!(nesting(b"(a \\( [[[ ) [", true), 1);
        assert_eq!(nesting(b"<</Length 5>>stream\n[[[[[[", true), 1);
        assert_eq!(nesting(&[b'['; 1000], true), 1000);
    }

    #[test]
    fn cmap_ranges_are_counted() {
        let ok = b"2 beginbfrange\n<0000> <00FF> <0041>\n<0100> <0101> [<0041> <0042>]\nendbfrange";
        assert_eq!(check_cmap(ok, true), Ok(()));
        let huge = b"1 beginbfrange\n<00000000> <FFFFFFFF> <0041>\nendbfrange";
        assert_eq!(check_cmap(huge, true), Err(CmapIssue::Codes(1 << 32)));
        let deep = [b"1 beginbfrange <00> <01> ".to_vec(), vec![b'['; 40], vec![b']'; 40]].concat();
        assert_eq!(check_cmap(&deep, true), Err(CmapIssue::Deep));
        // Outside a bfrange, hex strings are not ranges.
        assert_eq!(check_cmap(b"1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange", true), Ok(()));
    }
}
