//! Per-document memory limits, checked while the PDF is read.
//!
//! A process-wide allocator limit would stop the whole batch, so the limits are on what a hostile
//! document can make the reader allocate beyond its own size: the number of objects, and the bytes
//! its streams inflate to (a decompression bomb: kilobytes on disk, gigabytes in memory). Streams
//! are inflated here, once, by bounded decoders that stop at the cap, and stored decoded, so nothing
//! downstream (lopdf's object streams, pdf-extract's content streams, fonts and CMaps) ever runs an
//! unbounded decoder on them. Image XObjects are emptied instead: no stage reads pixels.
//!
//! lopdf calls a load filter (a plain `fn`) for every object it parses, before it unpacks object
//! streams; the budget it charges lives in a thread-local for the duration of one `load`.

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId, Stream};
use std::cell::RefCell;
use std::io::Read;

const MIB: usize = 1 << 20;

/// The per-document limits (defaults: see `Default`; README "Errors" lists them).
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Largest size one stream may inflate to.
    pub max_stream_bytes: usize,
    /// Largest total size all streams of the document may inflate to.
    pub max_total_bytes: usize,
    /// Most objects a document may hold (including those packed in object streams).
    pub max_objects: usize,
    /// Largest decoded content of one page (its content streams together): the content parser
    /// needs several times this in memory.
    pub max_page_content_bytes: usize,
    /// Most glyphs the reader may collect from the whole document.
    pub max_glyphs: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_stream_bytes: 64 * MIB,
            max_total_bytes: 256 * MIB,
            max_objects: 1_000_000,
            max_page_content_bytes: 16 * MIB,
            max_glyphs: 5_000_000,
        }
    }
}

pub fn mib(n: usize) -> String {
    if n >= MIB && n % MIB == 0 {
        format!("{} MiB", n / MIB)
    } else {
        format!("{n} bytes")
    }
}

/// What one document has used so far, and the first limit it broke.
#[derive(Debug, Clone)]
pub struct Budget {
    pub limits: Limits,
    pub inflated: usize,
    pub objects: usize,
    pub breach: Option<String>,
}

thread_local! {
    static LOADING: RefCell<Option<Budget>> = const { RefCell::new(None) };
}

impl Budget {
    pub fn new(limits: &Limits) -> Self {
        Budget { limits: limits.clone(), inflated: 0, objects: 0, breach: None }
    }

    fn breach(&mut self, msg: String) {
        if self.breach.is_none() {
            self.breach = Some(msg);
        }
    }

    /// Counts one object; inflates it if it is a stream.
    fn admit_object(&mut self, id: ObjectId, obj: &mut Object) {
        self.objects += 1;
        if self.objects > self.limits.max_objects {
            self.breach(format!("more than {} objects", self.limits.max_objects));
        }
        if let Object::Stream(s) = obj {
            self.admit_stream(id, s);
        }
    }

    /// Inflates a stream in place, within the budget. After a breach, streams are emptied so that
    /// no later stage spends memory on a document that is already refused.
    pub fn admit_stream(&mut self, id: ObjectId, s: &mut Stream) {
        if self.breach.is_some() {
            s.set_plain_content(Vec::new());
            return;
        }
        if is_picture(&s.dict) {
            // (Its coding is kept aside for `glyph::page_image`, which reads a scan's image from
            // the file's bytes.)
            for (key, kept) in [(&b"Filter"[..], IMAGE_FILTER), (b"DecodeParms", IMAGE_PARMS)] {
                if let Ok(v) = s.dict.get(key).cloned() {
                    s.dict.set(kept, v);
                }
            }
            s.set_plain_content(Vec::new());
            return;
        }
        let Ok(filters) = s.filters() else { return };
        if filters.is_empty() {
            return;
        }
        // Mirror lopdf: it decodes only these; with any other filter it gives up and the raw bytes
        // are used, which cannot grow.
        if !filters.iter().all(|f| matches!(*f, b"FlateDecode" | b"LZWDecode" | b"ASCII85Decode")) {
            return;
        }
        let filters: Vec<Vec<u8>> = filters.iter().map(|f| f.to_vec()).collect();
        // PNG predictors (lopdf applies those of a direct /DecodeParms dictionary) only shrink the
        // data: measure the inflated size but leave the decoding to lopdf.
        let predictor = s
            .dict
            .get(b"DecodeParms")
            .and_then(Object::as_dict)
            .ok()
            .and_then(|p| p.get(b"Predictor").and_then(Object::as_i64).ok())
            .is_some_and(|p| (10..=15).contains(&p));
        let cap = self.limits.max_stream_bytes.min(self.limits.max_total_bytes.saturating_sub(self.inflated));
        let mut data: Option<Vec<u8>> = None;
        for f in &filters {
            let input: &[u8] = data.as_deref().unwrap_or(&s.content);
            let out = match f.as_slice() {
                b"FlateDecode" => inflate(input, cap),
                b"LZWDecode" => unlzw(input, s.dict.get(b"DecodeParms").and_then(Object::as_dict).ok(), cap),
                _ => unascii85(input, cap),
            };
            match out {
                Ok(Some(o)) => data = Some(o),
                // lopdf would fail on this stage too and fall back to the raw bytes.
                Ok(None) => return,
                Err(Over) => {
                    let over_total = cap < self.limits.max_stream_bytes;
                    self.breach(if over_total {
                        format!("the streams inflate to more than {} in all", mib(self.limits.max_total_bytes))
                    } else {
                        format!("object {} {} R inflates to more than {} (a decompression bomb?)", id.0, id.1, mib(cap))
                    });
                    s.set_plain_content(Vec::new());
                    return;
                }
            }
        }
        let data = data.unwrap_or_default();
        self.inflated += data.len();
        if !predictor {
            s.set_plain_content(data);
        }
    }

    /// Charges every stream lopdf did not pass through the load filter (encrypted documents, streams
    /// whose length was resolved after loading) and checks the object count.
    pub fn admit_document(&mut self, doc: &mut Document) {
        if doc.objects.len() > self.limits.max_objects {
            self.breach(format!("more than {} objects", self.limits.max_objects));
        }
        for (&id, obj) in doc.objects.iter_mut() {
            if let Object::Stream(s) = obj {
                let pending = s.filters().map(|f| !f.is_empty()).unwrap_or(false) || is_picture(&s.dict) && !s.content.is_empty();
                if pending {
                    self.admit_stream(id, s);
                }
            }
        }
    }
}

/// An emptied image's /Filter and /DecodeParms, kept under these keys.
pub(crate) const IMAGE_FILTER: &[u8] = b"KehoachFilter";
pub(crate) const IMAGE_PARMS: &[u8] = b"KehoachDecodeParms";

/// Image and PostScript XObjects carry no text; pdf-extract would still decode and parse them as
/// content, so they are emptied.
fn is_picture(d: &Dictionary) -> bool {
    matches!(d.get(b"Subtype").and_then(Object::as_name), Ok(b"Image") | Ok(b"PS"))
}

#[derive(Debug)]
struct Over;

/// Reads into `out` until the end, an error (kept as lopdf keeps it: what was read stays), or `cap`.
fn read_capped<R: Read>(mut r: R, out: &mut Vec<u8>, cap: usize) -> Result<bool, Over> {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match r.read(&mut buf) {
            Ok(0) => return Ok(true),
            Ok(n) => {
                if out.len() + n > cap {
                    return Err(Over);
                }
                out.extend_from_slice(&buf[..n]);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return Ok(false),
        }
    }
}

/// Like lopdf's `decompress_zlib`: zlib, and when that yields nothing, raw deflate after the
/// two-byte header; a corrupt tail keeps what was inflated before it.
fn inflate(input: &[u8], cap: usize) -> Result<Option<Vec<u8>>, Over> {
    let mut out = Vec::new();
    if input.is_empty() {
        return Ok(Some(out));
    }
    let ok = read_capped(flate2::read::ZlibDecoder::new(input), &mut out, cap)?;
    if !ok && out.is_empty() && input.len() > 2 {
        read_capped(flate2::read::DeflateDecoder::new(&input[2..]), &mut out, cap)?;
    }
    Ok(Some(out))
}

/// Like lopdf's `decompress_lzw` (MSB, early change unless /EarlyChange 0; errors keep the output).
fn unlzw(input: &[u8], params: Option<&Dictionary>, cap: usize) -> Result<Option<Vec<u8>>, Over> {
    use weezl::{decode::Decoder, BitOrder};
    let early = params.and_then(|p| p.get(b"EarlyChange").ok()).and_then(|p| p.as_i64().ok()).map(|v| v != 0).unwrap_or(true);
    let mut d = if early { Decoder::with_tiff_size_switch(BitOrder::Msb, 8) } else { Decoder::new(BitOrder::Msb, 8) };
    let mut out = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut inp = input;
    loop {
        let r = d.decode_bytes(inp, &mut buf);
        let n = r.consumed_out;
        if out.len() + n > cap {
            return Err(Over);
        }
        out.extend_from_slice(&buf[..n]);
        inp = &inp[r.consumed_in..];
        match r.status {
            Ok(weezl::LzwStatus::Ok) if r.consumed_in > 0 || n > 0 => {}
            _ => break,
        }
    }
    Ok(Some(out))
}

/// lopdf's own ASCII85 decoder (the output is at most four times the input, which is itself
/// within the budget), then the size check.
fn unascii85(input: &[u8], cap: usize) -> Result<Option<Vec<u8>>, Over> {
    let mut d = Dictionary::new();
    d.set("Filter", Object::Name(b"ASCII85Decode".to_vec()));
    let s = Stream::new(d, input.to_vec());
    match s.decompressed_content() {
        Ok(o) if o.len() > cap => Err(Over),
        Ok(o) => Ok(Some(o)),
        Err(_) => Ok(None),
    }
}

fn load_filter(id: ObjectId, obj: &mut Object) -> Option<(ObjectId, Object)> {
    LOADING.with(|b| {
        if let Some(budget) = b.borrow_mut().as_mut() {
            budget.admit_object(id, obj);
        }
    });
    // lopdf keeps its own `obj` for top-level objects and ignores what is returned, but takes the
    // returned value for the members of object streams (never streams themselves).
    match obj {
        Object::Stream(_) => Some((id, Object::Null)),
        o => Some((id, o.clone())),
    }
}

/// lopdf's `load_mem` with every object charged to `budget` as it is parsed.
pub fn load(bytes: &[u8], budget: &mut Budget) -> lopdf::Result<Document> {
    LOADING.with(|b| *b.borrow_mut() = Some(budget.clone()));
    let opts = LoadOptions { filter: Some(load_filter), ..Default::default() };
    let r = Document::load_mem_with_options(bytes, opts);
    if let Some(b) = LOADING.with(|b| b.borrow_mut().take()) {
        *budget = b;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn deflate(b: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(b).unwrap();
        e.finish().unwrap()
    }

    fn flate_stream(data: &[u8]) -> Stream {
        let mut d = Dictionary::new();
        d.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        Stream::new(d, deflate(data))
    }

    #[test]
    fn inflates_in_place_like_lopdf() {
        let data = b"BT /F1 12 Tf (abc) Tj ET".repeat(100);
        let mut s = flate_stream(&data);
        let expected = s.decompressed_content().unwrap();
        let mut b = Budget::new(&Limits::default());
        b.admit_stream((1, 0), &mut s);
        assert!(b.breach.is_none());
        assert_eq!(s.content, expected);
        assert!(s.dict.get(b"Filter").is_err());
        assert_eq!(b.inflated, data.len());
    }

    #[test]
    fn stream_over_the_cap_is_refused_and_emptied() {
        let mut s = flate_stream(&vec![b' '; 10_000]);
        let mut b = Budget::new(&Limits { max_stream_bytes: 4096, ..Limits::default() });
        b.admit_stream((7, 0), &mut s);
        assert_eq!(b.breach.as_deref(), Some("object 7 0 R inflates to more than 4096 bytes (a decompression bomb?)"));
        assert!(s.content.is_empty());
    }

    #[test]
    fn total_over_the_cap_is_refused() {
        let mut b = Budget::new(&Limits { max_total_bytes: 15_000, ..Limits::default() });
        for i in 0..2 {
            let mut s = flate_stream(&vec![b'x'; 10_000]);
            b.admit_stream((i, 0), &mut s);
        }
        assert_eq!(b.breach.as_deref(), Some("the streams inflate to more than 15000 bytes in all"));
    }

    #[test]
    fn images_are_emptied_without_decoding() {
        let mut s = flate_stream(&vec![0u8; 100_000]);
        s.dict.set("Subtype", Object::Name(b"Image".to_vec()));
        let mut b = Budget::new(&Limits { max_stream_bytes: 10, ..Limits::default() });
        b.admit_stream((3, 0), &mut s);
        assert!(b.breach.is_none());
        assert!(s.content.is_empty());
    }

    #[test]
    fn corrupt_flate_keeps_what_lopdf_keeps() {
        let mut raw = deflate(&b"0 0 m 10 10 l S ".repeat(50));
        let n = raw.len();
        raw.truncate(n - 6);
        let mut d = Dictionary::new();
        d.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        let mut s = Stream::new(d, raw);
        let expected = s.decompressed_content().unwrap();
        Budget::new(&Limits::default()).admit_stream((1, 0), &mut s);
        assert_eq!(s.content, expected);
    }

    #[test]
    fn object_count_is_limited_while_loading() {
        let bytes = std::fs::read("corpus/000-lo.pdf").unwrap();
        let mut b = Budget::new(&Limits { max_objects: 20, ..Limits::default() });
        let _ = load(&bytes, &mut b);
        assert_eq!(b.breach.as_deref(), Some("more than 20 objects"));
        let mut b = Budget::new(&Limits::default());
        let doc = load(&bytes, &mut b).unwrap();
        assert!(b.breach.is_none());
        assert_eq!(b.objects, doc.objects.len());
    }
}
