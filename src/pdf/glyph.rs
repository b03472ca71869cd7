//! "≥" read back from a scan's page image.
//!
//! An English-model OCR has no "≥": it reads the sign as ">" (dropping the bar under it), as "="
//! or as a "2" joined to the number after it ("≥ 20" → "220", "≥ 01" → "201"). The text layer cannot
//! tell them apart (every box is the font size high and a quarter em wide whatever was printed),
//! but the page image can: "≥" is a chevron with a separate bar under it; ">" has no bar; "2" is one
//! stroke from its arc down to its foot; "=" is two thin bars.
//!
//! So, on a page whose text is an OCR layer over one image covering the page, every word that is
//! such a look-alike before a number (`rules/targets.toml`: `at_least_glyph_lookalikes`) has the
//! first glyph under its box looked at; where it is a "≥", the word becomes "≥" and the number
//! after it its own word, as a born-digital plan has them. The image is decoded only for pages with
//! such a word. Anything unclear (no image, another placement, an unreadable glyph) leaves the words
//! as the OCR read them.

use super::{Page, Word};

/// A page image in grey levels (0 black … 255 white), one byte per pixel, row by row: the image's
/// top rows (`px.len() / width` of them), as far down as was asked for, of an image `height` rows
/// high (what scales it to the page).
#[derive(Clone)]
pub struct Gray {
    pub width: usize,
    pub height: usize,
    pub px: Vec<u8>,
}

impl Gray {
    /// The rows decoded.
    pub fn rows(&self) -> usize {
        self.px.len() / self.width.max(1)
    }

    fn dark(&self, x: usize, y: usize, threshold: u8) -> bool {
        x < self.width && y < self.rows() && self.px[y * self.width + x] < threshold
    }

    /// The image as a binary PGM (the rows decoded).
    pub fn to_pgm(&self) -> Vec<u8> {
        let mut out = format!("P5\n{} {}\n255\n", self.width, self.rows()).into_bytes();
        out.extend_from_slice(&self.px);
        out
    }

    /// The whole image turned counter-clockwise by `turns` quarter turns (as it is seen); only a
    /// whole image (every row decoded) can be turned: `None` otherwise.
    pub fn turned(self, turns: u8) -> Option<Gray> {
        let (w, h) = (self.width, self.height);
        if turns % 4 == 0 {
            return Some(self);
        }
        if self.px.len() != w * h {
            return None;
        }
        let at = |x: usize, y: usize| self.px[y * w + x];
        let px: Vec<u8> = match turns % 4 {
            // (the right edge comes to the top)
            1 => (0..w).flat_map(|ny| (0..h).map(move |nx| (nx, w - 1 - ny))).map(|(y, x)| at(x, y)).collect(),
            2 => (0..h).flat_map(|ny| (0..w).map(move |nx| (w - 1 - nx, h - 1 - ny))).map(|(x, y)| at(x, y)).collect(),
            // (the left edge comes to the top)
            _ => (0..w).flat_map(|ny| (0..h).map(move |nx| (h - 1 - nx, ny))).map(|(y, x)| at(x, y)).collect(),
        };
        let (width, height) = if turns % 2 == 1 { (h, w) } else { (w, h) };
        Some(Gray { width, height, px })
    }
}

/// The largest page image decoded (pixels, one byte each).
const MAX_PIXELS: usize = 36 << 20;

/// What the first glyph of a word box is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    AtLeast,
    Other,
}

/// Decodes a page's single image XObject when it is a JPEG (what scanners and OCRmyPDF write),
/// CCITT-coded (a black-and-white scan) or Flate-coded (a PNG scan) and of the page's aspect ratio, from its top down to
/// `down_to` (page points) at least; `None` otherwise. `turns`: how the image lies on the page as
/// the reader gives it ([`Page::image_turns`]); a turned image is decoded whole and turned upright.
/// The reader empties image streams as it loads (`limits`), so the image is taken from the file's
/// bytes, at the object's offset.
pub fn page_image(bytes: &[u8], doc: &lopdf::Document, page_id: lopdf::ObjectId, page_w: f64, page_h: f64, down_to: f64, turns: u8) -> Option<Gray> {
    let page = doc.get_dictionary(page_id).ok()?;
    let res = entry(doc, page, b"Resources")?;
    let xobjects = entry(doc, res.as_dict().ok()?, b"XObject")?;
    let mut images = xobjects.as_dict().ok()?.iter().filter_map(|(_, v)| v.as_reference().ok()).filter(|id| {
        doc.get_object(*id).ok().and_then(|o| o.as_stream().ok()).and_then(|s| s.dict.get(b"Subtype").ok()).and_then(|t| t.as_name().ok()) == Some(b"Image".as_slice())
    });
    let id = images.next()?;
    if images.next().is_some() {
        return None;
    }
    // The rows wanted: those down to `down_to` (the top of a turned image is not the page's).
    let down_to = if turns % 4 == 0 { down_to } else { f64::MAX };
    // (each reader decodes at least these of the image's rows: a JPEG in whole blocks)
    let want = |height: usize| ((down_to.max(0.0) * height as f64 / page_h.max(1.0)).ceil() as usize).saturating_add(16).min(height);
    let dict = &doc.get_object(id).ok()?.as_stream().ok()?.dict;
    let filter = match dict.get(super::limits::IMAGE_FILTER) {
        Ok(lopdf::Object::Array(a)) if a.len() == 1 => a[0].as_name().ok(),
        Ok(f) => f.as_name().ok(),
        Err(_) => None,
    };
    let (width, height, px) = match filter {
        Some(b"CCITTFaxDecode") => fax_image(bytes, doc, id, dict, want)?,
        Some(b"FlateDecode") => flate_image(bytes, doc, id, dict, want)?,
        Some(b"JBIG2Decode") => jbig2_image(bytes, doc, id, dict, want)?,
        Some(b"JPXDecode") => jpx_image(bytes, doc, id, dict, want)?,
        _ => jpeg_image(bytes, doc, id, want)?,
    };
    if width < 100 || height < 100 {
        return None;
    }
    let img = Gray { width, height, px }.turned(turns)?;
    // A scan covers its page: the same aspect ratio within 1%.
    let (a, b) = (img.width as f64 / img.height as f64, page_w / page_h);
    if (a / b - 1.0).abs() > 0.01 {
        return None;
    }
    Some(img)
}

/// A JPEG page image's width, height and grey levels, its top `want(height)` rows at least.
fn jpeg_image(bytes: &[u8], doc: &lopdf::Document, id: lopdf::ObjectId, want: impl Fn(usize) -> usize) -> Option<(usize, usize, Vec<u8>)> {
    let jpeg = raw_jpeg(bytes, doc, id)?;
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(zune_jpeg::zune_core::bytestream::ZCursor::new(jpeg), luma_options());
    decoder.decode_headers().ok()?;
    let info = decoder.info()?;
    // A page image, not a bomb: a JPEG of a few kilobytes may declare any size, so at most
    // `MAX_PIXELS` (a 600 dpi A4 scan is 35 M; the decoded image is one byte per pixel).
    if info.width as usize * info.height as usize > MAX_PIXELS {
        return None;
    }
    let (width, height) = (info.width as usize, info.height as usize);
    // The rows asked for and two blocks more, whole blocks; the rest of the page is not decoded.
    let rows = (want(height).div_ceil(16) * 16).min(height);
    let px = match (rows < height).then(|| with_height(jpeg, rows as u16)).flatten() {
        // (a JPEG the cut does not suit is decoded whole)
        Some(top) => luma(&top).or_else(|| decoder.decode().ok())?,
        None => decoder.decode().ok()?,
    };
    (px.len() == width * height || px.len() == width * rows).then_some((width, height, px))
}

/// A CCITT-coded page image (what a black-and-white scanner writes, and Tesseract's renderer for a
/// one-bit page): its width, height and grey levels (0 or 255), its top `want(height)` rows.
/// The coding's parameters are the PDF's (/DecodeParms: /K, /Columns, /Rows, /BlackIs1,
/// /EncodedByteAlign, /EndOfBlock, /EndOfLine, with their defaults), and an image /Decode of
/// [1 0] turns it over; an image mask is no page image.
fn fax_image(bytes: &[u8], doc: &lopdf::Document, id: lopdf::ObjectId, dict: &lopdf::Dictionary, want: impl Fn(usize) -> usize) -> Option<(usize, usize, Vec<u8>)> {
    let int = |d: &lopdf::Dictionary, k: &[u8]| entry(doc, d, k).and_then(|o| o.as_i64().ok());
    let flag = |d: &lopdf::Dictionary, k: &[u8], default: bool| entry(doc, d, k).and_then(|o| o.as_bool().ok()).unwrap_or(default);
    if is_image_mask(doc, dict) {
        return None;
    }
    let parms = decode_parms(doc, dict)?;
    let width = usize::try_from(int(dict, b"Width")?).ok()?;
    let height = usize::try_from(int(dict, b"Height")?).ok()?;
    let columns = usize::try_from(int(&parms, b"Columns").unwrap_or(1728)).ok()?;
    if width == 0 || height == 0 || width != columns || width * height > MAX_PIXELS {
        return None;
    }
    let rows = want(height);
    let k = int(&parms, b"K").unwrap_or(0);
    let settings = hayro_ccitt::DecodeSettings {
        columns: u32::try_from(width).ok()?,
        rows: u32::try_from(rows).ok()?,
        end_of_block: flag(&parms, b"EndOfBlock", true),
        end_of_line: flag(&parms, b"EndOfLine", false),
        rows_are_byte_aligned: flag(&parms, b"EncodedByteAlign", false),
        encoding: match k {
            ..0 => hayro_ccitt::EncodingMode::Group4,
            0 => hayro_ccitt::EncodingMode::Group3_1D,
            _ => hayro_ccitt::EncodingMode::Group3_2D,
        },
        strict: false,
    };
    // The coding's black is the page's black, unless /BlackIs1 (its black then comes out as 1,
    // which a grey image shows white) or a /Decode of [1 0] turns it over.
    let dark_is_black = flag(&parms, b"BlackIs1", false) == decode_flipped(doc, dict);
    struct Rows {
        width: usize,
        px: Vec<u8>,
        dark_is_black: bool,
    }
    impl hayro_ccitt::Decoder for Rows {
        fn push_row(&mut self, changes: &[u32]) {
            let (ink, paper) = if self.dark_is_black { (0, 255) } else { (255, 0) };
            let start = self.px.len();
            self.px.resize(start + self.width, paper);
            let row = &mut self.px[start..];
            for span in changes.chunks(2) {
                let a = (span[0] as usize).min(self.width);
                let b = span.get(1).map_or(self.width, |&b| (b as usize).min(self.width));
                row[a..b.max(a)].fill(ink);
            }
        }
    }
    let data = raw_stream(bytes, doc, id)?;
    let mut out = Rows { width, px: Vec::with_capacity(width * rows), dark_is_black };
    let mut ctx = hayro_ccitt::DecoderContext::new(settings);
    // (a damaged coding keeps the rows decoded before it)
    let _ = hayro_ccitt::decode(data, &mut out, &mut ctx);
    out.px.truncate(width * rows);
    (out.px.len() == width * rows && rows > 0).then_some((width, height, out.px))
}

/// A JBIG2-coded page image (an office scanner's "compact" black-and-white PDF, OCRmyPDF's
/// `--optimize 2`): its width, height and grey levels (0 or 255), its top `want(height)` rows. The
/// page's segments in the embedded organisation, with the symbol dictionaries of its /JBIG2Globals
/// stream when it has one; JBIG2's black is the page's black (the filter gives it as 0), unless a
/// /Decode of [1 0] turns it over; an image mask is no page image.
fn jbig2_image(bytes: &[u8], doc: &lopdf::Document, id: lopdf::ObjectId, dict: &lopdf::Dictionary, want: impl Fn(usize) -> usize) -> Option<(usize, usize, Vec<u8>)> {
    let int = |k: &[u8]| entry(doc, dict, k).and_then(|o| o.as_i64().ok());
    if is_image_mask(doc, dict) {
        return None;
    }
    let width = usize::try_from(int(b"Width")?).ok()?;
    let height = usize::try_from(int(b"Height")?).ok()?;
    if width == 0 || height == 0 || width * height > MAX_PIXELS {
        return None;
    }
    let settings = hayro_jbig2::DecodeSettings::default();
    // (the globals stream is no image: the reader left its content decoded)
    let globals = match decode_parms(doc, dict)?.get(b"JBIG2Globals") {
        Ok(lopdf::Object::Reference(r)) => {
            let data = doc.get_object(*r).ok()?.as_stream().ok()?.decompressed_content().ok()?;
            Some(hayro_jbig2::Globals::new(&data, &settings).ok()?)
        }
        _ => None,
    };
    let page = hayro_jbig2::Page::new_embedded(raw_stream(bytes, doc, id)?, globals.as_ref(), &settings).ok()?;
    // (the page's own size, which its bitmap takes, bounded as the image's is)
    if page.width() as usize != width || page.width() as usize * page.height() as usize > MAX_PIXELS {
        return None;
    }
    let rows = want(height);
    let dark_is_black = !decode_flipped(doc, dict);
    /// The decoded pixels, row by row, kept down to `len` (the rows wanted).
    struct Rows {
        width: usize,
        len: usize,
        px: Vec<u8>,
        ink: u8,
        /// The pixels pushed in the current row.
        x: usize,
    }
    impl Rows {
        fn push(&mut self, black: bool, n: usize) {
            let n = n.min(self.width - self.x.min(self.width));
            let room = self.len - self.px.len().min(self.len);
            let v = if black { self.ink } else { 255 - self.ink };
            self.px.extend(std::iter::repeat_n(v, n.min(room)));
            self.x += n;
        }
    }
    impl hayro_jbig2::Decoder for Rows {
        fn push_pixel(&mut self, black: bool) {
            self.push(black, 1);
        }
        fn push_pixel_chunk(&mut self, black: bool, chunk_count: u32) {
            self.push(black, 8 * chunk_count as usize);
        }
        fn next_line(&mut self) {
            // (a row pushed short is paper to its end)
            let x = self.x;
            if x < self.width {
                self.push(false, self.width - x);
            }
            self.x = 0;
        }
    }
    let mut out = Rows { width, len: width * rows, px: Vec::with_capacity(width * rows), ink: if dark_is_black { 0 } else { 255 }, x: 0 };
    // (a damaged coding keeps the rows decoded before it)
    let _ = page.decode(&mut out);
    out.px.truncate(width * rows);
    (out.px.len() == width * rows && rows > 0).then_some((width, height, out.px))
}

/// The most pixels a JPEG 2000 page image is decoded at (an A4 page at about 200 dpi).
const JPX_FULL_PIXELS: usize = 4_000_000;

/// A JPEG 2000 page image (JPXDecode: Adobe Acrobat's "optimize scanned PDF", some scanners),
/// grey or colour: its width, height and grey levels (RGB by its luma, CMYK by its K), its top
/// `want(height)` rows. The whole image is decoded (a JPEG 2000 codestream is coded by tiles and
/// resolutions, not rows), then cut. An image mask, or one whose /Decode turns it over, is `None`.
fn jpx_image(bytes: &[u8], doc: &lopdf::Document, id: lopdf::ObjectId, dict: &lopdf::Dictionary, want: impl Fn(usize) -> usize) -> Option<(usize, usize, Vec<u8>)> {
    if is_image_mask(doc, dict) || decode_flipped(doc, dict) {
        return None;
    }
    let data = raw_stream(bytes, doc, id)?;
    let mut settings = hayro_jpeg2000::DecodeSettings::default();
    let mut image = hayro_jpeg2000::Image::new(data, &settings).ok()?;
    // A page of more than `JPX_FULL_PIXELS` is decoded at a lower resolution level, half or less
    // (a JPEG 2000 codestream holds its image at every power of two down): the look reads a 150-dpi
    // page's "≥", and a 300-dpi colour page decoded whole takes over 200 MB of samples.
    let (w, h) = (image.width(), image.height());
    let mut k = 0;
    while (w >> k) as usize * (h >> k) as usize > JPX_FULL_PIXELS {
        k += 1;
    }
    if k > 0 {
        settings.target_resolution = Some(((w >> k).max(1), (h >> k).max(1)));
        image = hayro_jpeg2000::Image::new(data, &settings).ok()?;
    }
    let (width, height) = (image.width() as usize, image.height() as usize);
    // (a few bytes may declare any size: the decoder's buffers are the image's, a float per sample)
    if width == 0 || height == 0 || width * height > MAX_PIXELS {
        return None;
    }
    let rows = want(height);
    let mut ctx = hayro_jpeg2000::DecoderContext::default();
    let decoded = image.decode(&mut ctx).ok()?;
    let channels = decoded.components().len();
    if channels == 0 || decoded.components()[0].samples().len() != width * height {
        return None;
    }
    let data = decoded.data_u8();
    let px: Vec<u8> = match image.color_space() {
        hayro_jpeg2000::ColorSpace::CMYK => data.chunks_exact(channels).take(width * rows).map(|p| 255 - p[3]).collect(),
        _ if channels >= 3 => data.chunks_exact(channels).take(width * rows).map(rgb_luma).collect(),
        _ => data.chunks_exact(channels).take(width * rows).map(|p| p[0]).collect(),
    };
    (px.len() == width * rows && rows > 0).then_some((width, height, px))
}

/// A Flate-coded page image (a PNG scan put into a PDF by img2pdf or OCRmyPDF): grey or RGB, one
/// or eight bits per sample, with or without the PNG predictors; its width, height and grey
/// levels, its top `want(height)` rows (only those are inflated). Anything else (a palette, 16
/// bits, the TIFF predictor) is `None`.
fn flate_image(bytes: &[u8], doc: &lopdf::Document, id: lopdf::ObjectId, dict: &lopdf::Dictionary, want: impl Fn(usize) -> usize) -> Option<(usize, usize, Vec<u8>)> {
    use std::io::Read;
    let int = |d: &lopdf::Dictionary, k: &[u8]| entry(doc, d, k).and_then(|o| o.as_i64().ok());
    if is_image_mask(doc, dict) {
        return None;
    }
    let colors = match entry(doc, dict, b"ColorSpace")? {
        lopdf::Object::Name(n) if n == b"DeviceGray" || n == b"CalGray" => 1,
        lopdf::Object::Name(n) if n == b"DeviceRGB" || n == b"CalRGB" => 3,
        lopdf::Object::Array(a) if a.first().and_then(|o| o.as_name().ok()) == Some(b"ICCBased") => match a.get(1).and_then(|o| resolved(doc, o))?.as_stream().ok().and_then(|st| st.dict.get(b"N").ok().and_then(|n| n.as_i64().ok())) {
            Some(1) => 1,
            Some(3) => 3,
            _ => return None,
        },
        _ => return None,
    };
    let parms = decode_parms(doc, dict)?;
    let bpc = int(dict, b"BitsPerComponent")?;
    let width = usize::try_from(int(dict, b"Width")?).ok()?;
    let height = usize::try_from(int(dict, b"Height")?).ok()?;
    let predictor = int(&parms, b"Predictor").unwrap_or(1);
    if !matches!(bpc, 1 | 8) || (bpc == 1 && colors != 1) || width == 0 || height == 0 || width * height > MAX_PIXELS || !(predictor == 1 || predictor >= 10) {
        return None;
    }
    let stride = (width * colors * bpc as usize).div_ceil(8);
    let png = predictor >= 10;
    let rows = want(height);
    let mut inflate = flate2::read::ZlibDecoder::new(raw_stream(bytes, doc, id)?);
    // Row by row, the one above kept for the predictors: at most the grey image in memory, not
    // its RGB bytes. (PNG: a filter byte before each row; `bpp` the bytes a pixel takes, at
    // least one.)
    let bpp = (colors * bpc as usize).div_ceil(8);
    let (mut up, mut cur) = (vec![0u8; stride], vec![0u8; stride]);
    let mut kind = [0u8];
    // Grey levels: a one-bit sample 1 is white (0 black), unless a /Decode of [1 0] turns it
    // over; RGB by its luma.
    let flipped = decode_flipped(doc, dict);
    let mut px = Vec::with_capacity(rows * width);
    for _ in 0..rows {
        if png {
            inflate.read_exact(&mut kind).ok()?;
        }
        inflate.read_exact(&mut cur).ok()?;
        if png {
            for i in 0..stride {
                let a = if i >= bpp { cur[i - bpp] } else { 0 };
                let (b, c) = (up[i], if i >= bpp { up[i - bpp] } else { 0 });
                let pred = match kind[0] {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => ((a as u16 + b as u16) / 2) as u8,
                    4 => {
                        let p = a as i16 + b as i16 - c as i16;
                        let (pa, pb, pc) = ((p - a as i16).abs(), (p - b as i16).abs(), (p - c as i16).abs());
                        if pa <= pb && pa <= pc { a } else if pb <= pc { b } else { c }
                    }
                    _ => return None,
                };
                cur[i] = cur[i].wrapping_add(pred);
            }
        }
        match (bpc, colors) {
            (1, _) => px.extend((0..width).map(|x| if ((cur[x / 8] >> (7 - x % 8)) & 1 == 1) != flipped { 255 } else { 0 })),
            (_, 1) => px.extend(cur[..width].iter().map(|&v| if flipped { 255 - v } else { v })),
            _ => px.extend(cur.chunks_exact(3).map(rgb_luma)),
        }
        std::mem::swap(&mut up, &mut cur);
    }
    (rows > 0).then_some((width, height, px))
}

/// An object, a reference followed.
fn resolved(doc: &lopdf::Document, o: &lopdf::Object) -> Option<lopdf::Object> {
    match o {
        lopdf::Object::Reference(r) => doc.get_object(*r).ok().cloned(),
        o => Some(o.clone()),
    }
}

/// A dictionary's entry, a reference followed.
fn entry(doc: &lopdf::Document, d: &lopdf::Dictionary, key: &[u8]) -> Option<lopdf::Object> {
    d.get(key).ok().and_then(|o| resolved(doc, o))
}

/// An image's /DecodeParms as the reader kept them aside (`limits::IMAGE_PARMS`): one dictionary,
/// empty when there were none; `None` for what this module does not read.
fn decode_parms(doc: &lopdf::Document, dict: &lopdf::Dictionary) -> Option<lopdf::Dictionary> {
    match entry(doc, dict, super::limits::IMAGE_PARMS) {
        Some(lopdf::Object::Dictionary(d)) => Some(d),
        Some(lopdf::Object::Array(a)) if a.len() == 1 => resolved(doc, &a[0])?.as_dict().ok().cloned(),
        None | Some(lopdf::Object::Null) => Some(lopdf::Dictionary::new()),
        _ => None,
    }
}

/// The grey level of an RGB pixel (its first three samples), by its luma (Rec. 601).
fn rgb_luma(p: &[u8]) -> u8 {
    ((p[0] as u32 * 299 + p[1] as u32 * 587 + p[2] as u32 * 114) / 1000) as u8
}

/// Is the image a stencil mask (/ImageMask true: paint through it), no page image?
fn is_image_mask(doc: &lopdf::Document, dict: &lopdf::Dictionary) -> bool {
    entry(doc, dict, b"ImageMask").and_then(|o| o.as_bool().ok()) == Some(true)
}

/// Does the image's /Decode array turn its samples over ([1 0])?
fn decode_flipped(doc: &lopdf::Document, dict: &lopdf::Dictionary) -> bool {
    entry(doc, dict, b"Decode").and_then(|o| o.as_array().ok().and_then(|a| a.first().and_then(|v| v.as_float().ok()))).is_some_and(|d0| d0 > 0.5)
}

fn luma_options() -> zune_jpeg::zune_core::options::DecoderOptions {
    zune_jpeg::zune_core::options::DecoderOptions::default().jpeg_set_out_colorspace(zune_jpeg::zune_core::colorspace::ColorSpace::Luma)
}

/// A JPEG's grey levels.
fn luma(jpeg: &[u8]) -> Option<Vec<u8>> {
    zune_jpeg::JpegDecoder::new_with_options(zune_jpeg::zune_core::bytestream::ZCursor::new(jpeg), luma_options()).decode().ok()
}

/// A copy of a JPEG whose frame header says it is `rows` high, so that a decoder decodes its top
/// `rows` rows only. Every scan codes its blocks from the top row down, and a block's coefficients
/// depend only on the blocks before it, so those rows come out exactly as in the whole image
/// (`tests/text_layer.rs` compares them); the decoder skips the rest of each scan's data to the
/// next marker. zune-jpeg requires a progressive image's first scan to end at a marker, so one is
/// put before it: the first component's DC coefficients, all 0, coded with a one-code table of its
/// own (the real first scan then writes them), in a DC table slot no table before the first scan
/// fills. `None` (decode the whole image) with restart intervals, with a height of 0 (given later
/// by a DNL marker), with no frame header or no free DC table slot before the first scan.
fn with_height(jpeg: &[u8], rows: u16) -> Option<Vec<u8>> {
    let mut i = 2;
    // (offset of the frame header's height field, its marker)
    let mut frame: Option<(usize, u8)> = None;
    // The DC Huffman table slots defined so far.
    let mut dc_tables = [false; 4];
    while i + 4 <= jpeg.len() {
        if jpeg[i] != 0xFF {
            return None;
        }
        let m = jpeg[i + 1];
        match m {
            0xFF => {
                i += 1;
                continue;
            }
            0x01 | 0xD0..=0xD7 => {
                i += 2;
                continue;
            }
            0xD9 | 0xDD => return None,
            0xDA => {
                let (at, kind) = frame?;
                let f = jpeg.get(at..at + 5)?;
                if f[..2] == [0, 0] {
                    return None;
                }
                let mut out = jpeg.to_vec();
                out[at..at + 2].copy_from_slice(&rows.to_be_bytes());
                if kind == 0xC2 {
                    let slot = dc_tables.iter().rposition(|&used| !used)? as u8;
                    let width = u16::from_be_bytes([f[2], f[3]]) as usize;
                    let comps: Vec<(u8, usize, usize)> = jpeg.get(at + 5..at + 5 + 3 * f[4] as usize)?.chunks(3).map(|c| (c[0], (c[1] >> 4) as usize, (c[1] & 15) as usize)).collect();
                    let hmax = comps.iter().map(|c| c.1).max()?.max(1);
                    let vmax = comps.iter().map(|c| c.2).max()?.max(1);
                    let &(id, h, v) = comps.first()?;
                    let blocks = (width * h).div_ceil(hmax * 8) * (rows as usize * v).div_ceil(vmax * 8);
                    // DHT: DC table `slot`, one code of length 1 (bit 0) for category 0 (a
                    // difference of 0).
                    let mut first = vec![0xFF, 0xC4, 0, 20, slot, 1];
                    first.extend([0u8; 15]);
                    first.push(0);
                    // SOS: one component, DC table `slot`, Ss = Se = 0, Ah = Al = 0; then a 0 bit
                    // per block, padded with 1 bits.
                    first.extend([0xFF, 0xDA, 0, 8, 1, id, slot << 4, 0, 0, 0]);
                    let mut data = vec![0u8; blocks.div_ceil(8)];
                    if blocks % 8 != 0 {
                        *data.last_mut()? = 0xFF >> (blocks % 8);
                    }
                    first.extend(data);
                    out.splice(i..i, first);
                }
                return Some(out);
            }
            // SOF0–SOF15 (not DHT C4, JPG C8, DAC CC): length, precision, height, width, components
            0xC0..=0xCF if !matches!(m, 0xC4 | 0xC8 | 0xCC) => frame = Some((i + 5, m)),
            // DHT: tables of (class and slot, 16 code counts, the symbols)
            0xC4 => {
                let end = (i + 2 + u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]) as usize).min(jpeg.len());
                let mut t = i + 4;
                while t + 17 <= end {
                    let (class, slot) = (jpeg[t] >> 4, (jpeg[t] & 15) as usize);
                    if class == 0 {
                        *dc_tables.get_mut(slot)? = true;
                    }
                    t += 17 + jpeg[t + 1..t + 17].iter().map(|&n| n as usize).sum::<usize>();
                }
            }
            _ => {}
        }
        i += 2 + u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]) as usize;
    }
    None
}

/// A JPEG image stream's bytes as the file holds them: [`raw_stream`], when the dictionary at the
/// object's offset names DCTDecode and the bytes are a JPEG.
fn raw_jpeg<'a>(bytes: &'a [u8], doc: &lopdf::Document, id: lopdf::ObjectId) -> Option<&'a [u8]> {
    let (dict, data) = raw_stream_with_dict(bytes, doc, id)?;
    (dict.contains("/DCTDecode") && data.starts_with(&[0xFF, 0xD8])).then_some(data)
}

/// An image stream's bytes as the file holds them (the loaded object's were emptied, its /Length
/// with them): those after "stream" at the object's offset, as many as the dictionary there gives
/// as its length, directly or by reference.
fn raw_stream<'a>(bytes: &'a [u8], doc: &lopdf::Document, id: lopdf::ObjectId) -> Option<&'a [u8]> {
    raw_stream_with_dict(bytes, doc, id).map(|(_, data)| data)
}

fn raw_stream_with_dict<'a>(bytes: &'a [u8], doc: &lopdf::Document, id: lopdf::ObjectId) -> Option<(&'a str, &'a [u8])> {
    let lopdf::xref::XrefEntry::Normal { offset, .. } = *doc.reference_table.get(id.0)? else { return None };
    let from = usize::try_from(offset).ok()?;
    let head = bytes.get(from..from.saturating_add(4096).min(bytes.len()))?;
    let kw = head.windows(6).position(|w| w == b"stream")?;
    let dict = std::str::from_utf8(&head[..kw]).ok()?;
    let mut after = dict[dict.find("/Length")? + 7..].split_whitespace();
    let n: i64 = after.next()?.trim_end_matches(['/', '>']).parse().ok()?;
    let length = match (after.next().and_then(|g| g.parse::<u16>().ok()), after.next()) {
        (Some(g), Some(r)) if r.starts_with('R') => doc.get_object((u32::try_from(n).ok()?, g)).ok()?.as_i64().ok()?,
        _ => n,
    };
    let at = kw + 6 + if head.get(kw + 6) == Some(&b'\r') { 2 } else { 1 };
    let start = from + at;
    let data = bytes.get(start..start.checked_add(usize::try_from(length).ok()?)?)?;
    Some((dict, data))
}

/// The pixels `first_sign` looks at (x0, x1, y0, y1; ends excluded): from a little left of the word's
/// box over the width of one wide glyph, from an em above the baseline to a little below it.
pub fn window(img: &Gray, w: &Word, page_w: f64, page_h: f64) -> (usize, usize, usize, usize) {
    let (sx, sy) = (img.width as f64 / page_w, img.height as f64 / page_h);
    let em = w.size;
    let x0 = ((w.x0 - 0.15 * em) * sx).max(0.0) as usize;
    let x1 = (((w.x0 + 0.75 * em) * sx) as usize).min(img.width);
    let y0 = ((w.baseline - 1.0 * em) * sy).max(0.0) as usize;
    let y1 = (((w.baseline + 0.2 * em) * sy) as usize).min(img.rows());
    (x0, x1, y0, y1)
}

/// Looks at the first glyph in a word's box (page points, top-left origin; the image scaled to
/// the page).
pub fn first_sign(img: &Gray, w: &Word, page_w: f64, page_h: f64) -> Sign {
    let sy = img.height as f64 / page_h;
    let em = w.size;
    let (x0, x1, y0, y1) = window(img, w, page_w, page_h);
    if x1 <= x0 + 4 || y1 <= y0 + 4 {
        return Sign::Other;
    }
    // Ink against paper, from the window's darkest and lightest grey.
    let (mut lo, mut hi) = (255u8, 0u8);
    for y in y0..y1 {
        for &v in &img.px[y * img.width + x0..y * img.width + x1] {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    if hi < lo + 60 {
        return Sign::Other;
    }
    // (two fifths of the way from ink to paper: a scan's grey edges would join the bar to the
    // chevron at half way)
    let t = lo + ((hi - lo) as u16 * 2 / 5) as u8;
    // Ruling lines (a cell's border) crossing the window are not glyphs: rows and columns inked over
    // nine tenths of it are left out.
    let ruled_row: Vec<bool> = (y0..y1).map(|y| (x0..x1).filter(|&x| img.dark(x, y, t)).count() * 10 >= (x1 - x0) * 9).collect();
    let ruled_col: Vec<bool> = (x0..x1).map(|x| (y0..y1).filter(|&y| img.dark(x, y, t)).count() * 10 >= (y1 - y0) * 9).collect();
    let ink = |x: usize, y: usize| !ruled_row[y - y0] && !ruled_col[x - x0] && img.dark(x, y, t);
    // The first glyph's columns: from the first column with ink to the next column without.
    let ink_col = |x: usize| (y0..y1).any(|y| ink(x, y));
    let Some(a) = (x0..x1).find(|&x| ink_col(x)) else { return Sign::Other };
    let b = (a..x1).find(|&x| !ink_col(x)).unwrap_or(x1);
    let gw = b - a;
    // Its rows with ink, in runs.
    let ink_row = |y: usize| (a..b).filter(|&x| ink(x, y)).count();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for y in y0..y1 {
        if ink_row(y) > 0 {
            match runs.last_mut() {
                Some(r) if r.1 == y => r.1 = y + 1,
                _ => runs.push((y, y + 1)),
            }
        }
    }
    // Specks (a few pixels of noise) are not strokes.
    runs.retain(|&(r0, r1)| (r0..r1).map(ink_row).sum::<usize>() >= 4);
    let px_em = em * sy;
    // "≥": a chevron at least a quarter of an em tall (0.35–0.45 of the text's em; an OCR layer's
    // size can be half as large again), then a gap, then a bar at most a sixth of an
    // em thick spanning most of the glyph's width; nothing else.
    if let [chevron, bar] = runs[..] {
        let chevron_tall = (chevron.1 - chevron.0) as f64 >= 0.25 * px_em;
        let bar_thin = ((bar.1 - bar.0) as f64) <= 0.17 * px_em;
        let bar_wide = (bar.0..bar.1).any(|y| ink_row(y) as f64 >= 0.7 * gw as f64);
        // A chevron's ink starts at its left edge at the top ("2" and "=" start with a bar or arc).
        let starts_left = (chevron.0..chevron.0 + 2).any(|y| (a..a + (gw / 3).max(1)).any(|x| ink(x, y)));
        let left = |y: usize| (a..b).find(|&x| ink(x, y)).unwrap_or(a);
        let right = |y: usize| (a..b).rev().find(|&x| ink(x, y)).unwrap_or(a);
        let h = (chevron.1 - chevron.0) as f64;
        // It starts as a thin stroke: over its top fifth, ink spans at most half the glyph (a "2"
        // starts with its arc, as wide as the glyph) …
        let narrow_top = (chevron.0..chevron.0 + ((0.2 * h) as usize).max(1)).all(|y| (right(y) - left(y)) as f64 <= 0.5 * gw as f64);
        // … and reaches furthest right at its point, half way down (a "2" at its arc, near the top).
        // A blunt point (DejaVu Serif's, several rows at the furthest right) is the row of those
        // where the left edge too is furthest right: the inner corner.
        let far = (chevron.0..chevron.1).map(right).max().unwrap_or(a);
        let point = (chevron.0..chevron.1).filter(|&y| right(y) == far).rev().max_by_key(|&y| left(y)).unwrap_or(chevron.0);
        let point_mid = ((point - chevron.0) as f64) >= 0.3 * h && ((point - chevron.0) as f64) <= 0.7 * h;
        // Its left edge runs right down to the point and back left after it (a "2"'s arc first
        // widens to the left).
        let arms = (chevron.0 + 1..=point).all(|y| left(y) + 1 >= left(y - 1)) && (point + 1..chevron.1).all(|y| left(y) <= left(y - 1) + 1);
        if arms && chevron_tall && bar_thin && bar_wide && starts_left && narrow_top && point_mid && gw as f64 >= 0.2 * px_em {
            return Sign::AtLeast;
        }
    }
    Sign::Other
}

/// Whether a word is a look-alike of "≥" the OCR may have put before a number: one of `lookalikes`
/// alone (then the next word must start with a digit), or one run into a number (">01", "220",
/// "201", "20,8", "270%"; not a year or a date).
fn candidate(word: &str, next: Option<&str>, lookalikes: &[String]) -> bool {
    let digit_first = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
    if lookalikes.iter().any(|l| l == word) {
        return next.is_some_and(digit_first);
    }
    // A look-alike run into the number (">01", "=80%", "220").
    let Some(rest) = lookalikes.iter().filter(|l| l.chars().count() == 1).find_map(|l| word.strip_prefix(l.as_str())) else { return false };
    let core = rest.trim_end_matches(['%', ',', ';', '.', ')', '-']);
    let digits = core.chars().take_while(|c| c.is_ascii_digit()).count();
    // (a year, "2030,", is a number of its own)
    let year = word.starts_with("20") && digits == 3 && core.len() == 3;
    // (a "2" before a number with a hyphen after it is a number of its own, a symbol's "204-QĐ/TW";
    // "≥ 0" is no target: "200" is two hundred)
    let own_number = (word.starts_with(|c: char| c.is_ascii_digit()) && rest.ends_with('-')) || core.chars().filter(char::is_ascii_digit).all(|c| c == '0');
    // (two digits at least after the look-alike: "21" is a row number far more often than "≥ 1")
    (1..=3).contains(&digits) && core.chars().filter(char::is_ascii_digit).count() >= 2 && core[digits..].chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') && !year && !own_number
}

/// The glyph step on one page of a document (`page_id` in `doc`, read from `bytes`): the look-alikes
/// of `rules/targets.toml` rewritten where the page image shows "≥". A panic in the image decoder
/// leaves the page as read.
pub fn read_page(bytes: &[u8], doc: &lopdf::Document, page_id: lopdf::ObjectId, page: &mut Page) {
    read_page_or_rendered(bytes, doc, page_id, page, None)
}

/// [`read_page`], looking at `rendered` (the whole page rendered upright, e.g. for `extract --ocr`)
/// when the page has no JPEG image of its own to decode (a born-digital page whose fonts could not
/// be read; a scan stored in another image format).
pub fn read_page_or_rendered(bytes: &[u8], doc: &lopdf::Document, page_id: lopdf::ObjectId, page: &mut Page, rendered: Option<Gray>) {
    let lookalikes = &crate::rules::Rules::get().targets.at_least_glyph_lookalikes;
    let (w, h) = (page.width, page.height);
    // (an image the reader did not see drawn once, upright or turned, is not known to be the page)
    let turns = page.image_turns;
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_at_least(page, lookalikes, |down_to| turns.and_then(|t| page_image(bytes, doc, page_id, w, h, down_to, t)).or(rendered))
    }));
}

/// A binary PGM (P5, 8 bits: what `pdftoppm -gray` writes) as grey levels; `None` for anything else.
pub fn pgm(data: &[u8]) -> Option<Gray> {
    let mut fields = Vec::new();
    let mut i = 2;
    if !data.starts_with(b"P5") {
        return None;
    }
    // width, height, maxval: separated by white space (and comments), then one white space byte.
    while fields.len() < 3 {
        while data.get(i)?.is_ascii_whitespace() || *data.get(i)? == b'#' {
            if data[i] == b'#' {
                while *data.get(i)? != b'\n' {
                    i += 1;
                }
            }
            i += 1;
        }
        let start = i;
        while data.get(i)?.is_ascii_digit() {
            i += 1;
        }
        fields.push(std::str::from_utf8(&data[start..i]).ok()?.parse::<usize>().ok()?);
    }
    let (width, height) = (fields[0], fields[1]);
    if fields[2] != 255 || width == 0 || height == 0 || width.checked_mul(height)? > MAX_PIXELS {
        return None;
    }
    let px = data.get(i + 1..i + 1 + width * height)?.to_vec();
    Some(Gray { width, height, px })
}

/// Rewrites the look-alikes of "≥" on one OCR page whose glyph is a "≥" (see the module doc);
/// `image` decodes the page image down to the given depth (page points: the lowest candidate's
/// `window`), called at most once. Returns how many were rewritten.
pub fn read_at_least(page: &mut Page, lookalikes: &[String], image: impl FnOnce(f64) -> Option<Gray>) -> usize {
    let cands: Vec<usize> = (0..page.words.len()).filter(|&i| candidate(&page.words[i].text, page.words.get(i + 1).map(|w| w.text.as_str()), lookalikes)).collect();
    if cands.is_empty() {
        return 0;
    }
    let down_to = cands.iter().map(|&i| page.words[i].baseline + 0.2 * page.words[i].size).fold(0.0, f64::max);
    let Some(img) = image(down_to) else { return 0 };
    let (pw, ph) = (page.width, page.height);
    let mut n = 0;
    // From the end, so that inserted words do not move the indices still to do.
    for &i in cands.iter().rev() {
        if first_sign(&img, &page.words[i], pw, ph) != Sign::AtLeast {
            continue;
        }
        // (what the image shows, not a reading to keep beside the OCR's: no `raw`)
        let w = &mut page.words[i];
        let read = w.text.clone();
        n += 1;
        if lookalikes.contains(&read) {
            w.text = "≥".into();
            continue;
        }
        // "220", ">01": the sign and "20", "01", two words, the sign's box its first character's
        // share.
        let chars = read.chars().count() as f64;
        let split = w.x0 + (w.x1 - w.x0) / chars;
        let mut number = w.clone();
        number.text = read.chars().skip(1).collect();
        number.x0 = split;
        w.text = "≥".into();
        w.x1 = split;
        w.space_after = true;
        page.words.insert(i + 1, number);
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> Word {
        Word { text: text.into(), x0: 10.0, x1: 16.0, top: 20.0, bottom: 32.0, baseline: 30.0, size: 10.0, space_after: true, fonts: Vec::new(), raw: None, doubt: None }
    }

    /// A 100×100 page at 10 px per point with `shape` drawn at the word's first glyph (x from 100,
    /// baseline at row 300, 10 pt = 100 px em): rows of '#' and '.', 6 px per cell; a ruling line
    /// above it and a cell border left of it.
    fn page_with(shape: &[&str]) -> Gray {
        let (width, height) = (1000, 1000);
        let mut px = vec![255u8; width * height];
        let top = 300 - shape.len() * 6;
        for (r, row) in shape.iter().enumerate() {
            for (c, ch) in row.chars().enumerate() {
                if ch == '#' {
                    for dy in 0..6 {
                        for dx in 0..6 {
                            px[(top + r * 6 + dy) * width + 102 + c * 6 + dx] = 0;
                        }
                    }
                }
            }
        }
        for x in 0..width {
            px[205 * width + x] = 0;
        }
        for y in 0..height {
            px[y * width + 90] = 0;
        }
        Gray { width, height, px }
    }

    const AT_LEAST: &[&str] = &["#.......", ".##.....", "...##...", ".....##.", "...##...", ".##.....", "#.......", "........", "########"];
    const GREATER: &[&str] = &["#.......", ".##.....", "...##...", ".....##.", "...##...", ".##.....", "#......."];
    const TWO: &[&str] = &["..####..", ".#....#.", "......#.", ".....#..", "....#...", "...#....", "..#.....", ".#......", "########"];
    const EQUALS: &[&str] = &["########", "........", "........", "########"];
    /// DejaVu Serif's "≥" (a born-digital page rendered at 300 dpi for `--ocr`): its point is blunt,
    /// two rows at the furthest right, the inner corner on the first.
    const AT_LEAST_BLUNT: &[&str] = &["##......", "###.....", ".####...", "...####.", ".....###", "...#####", ".####...", "###.....", "##......", "........", "########"];
    /// A "2" whose thin diagonal the scan broke: arc and diagonal, a gap, the foot.
    const BROKEN_TWO: &[&str] = &["..####..", ".#....#.", "......#.", ".....#..", "....#...", "...#....", "..#.....", "........", "########"];

    /// A 3 × 2 image turned a quarter at a time: the right edge comes to the top, four turns are
    /// the image again; a partly decoded image cannot be turned.
    #[test]
    fn a_pgm_read() {
        let g = pgm(b"P5\n# pdftoppm\n3 2\n255\nabcdef").unwrap();
        assert_eq!((g.width, g.height, g.px.as_slice()), (3, 2, b"abcdef".as_slice()));
        assert_eq!(g.to_pgm(), b"P5\n3 2\n255\nabcdef");
        assert!(pgm(b"P5 3 2 255 abc").is_none()); // short
        assert!(pgm(b"P5 3 2 65535 abcdefabcdef").is_none()); // 16 bits
        assert!(pgm(b"P6 1 1 255 abc").is_none()); // colour
        assert!(pgm(b"P5 3").is_none());
    }

    #[test]
    fn an_image_turned_by_quarters() {
        // a b c
        // d e f
        let img = || Gray { width: 3, height: 2, px: b"abcdef".to_vec() };
        let one = img().turned(1).unwrap();
        assert_eq!((one.width, one.height, one.px.as_slice()), (2, 3, b"cfbead".as_slice()));
        let two = img().turned(2).unwrap();
        assert_eq!((two.width, two.height, two.px.as_slice()), (3, 2, b"fedcba".as_slice()));
        let three = img().turned(3).unwrap();
        assert_eq!((three.width, three.height, three.px.as_slice()), (2, 3, b"daebfc".as_slice()));
        let mut g = img();
        for _ in 0..4 {
            g = g.turned(1).unwrap();
        }
        assert_eq!((g.width, g.height, g.px), (3, 2, b"abcdef".to_vec()));
        assert!(Gray { width: 3, height: 2, px: b"abc".to_vec() }.turned(1).is_none());
        assert!(Gray { width: 3, height: 2, px: b"abc".to_vec() }.turned(0).is_some());
    }

    #[test]
    fn at_least_told_from_its_look_alikes() {
        let w = word("x");
        assert_eq!(first_sign(&page_with(AT_LEAST), &w, 100.0, 100.0), Sign::AtLeast);
        assert_eq!(first_sign(&page_with(AT_LEAST_BLUNT), &w, 100.0, 100.0), Sign::AtLeast);
        assert_eq!(first_sign(&page_with(GREATER), &w, 100.0, 100.0), Sign::Other);
        assert_eq!(first_sign(&page_with(TWO), &w, 100.0, 100.0), Sign::Other);
        assert_eq!(first_sign(&page_with(EQUALS), &w, 100.0, 100.0), Sign::Other);
        assert_eq!(first_sign(&page_with(BROKEN_TWO), &w, 100.0, 100.0), Sign::Other);
        assert_eq!(first_sign(&page_with(&[]), &w, 100.0, 100.0), Sign::Other);
        // A word whose size is half as large again as its text's (OCRmyPDF's layer of 001, page 6:
        // 15.5 pt for 11-pt text, its line pitch taken from rows a line and a half apart): the
        // chevron is 0.28 of that em.
        let big = Word { size: 15.0, ..word("x") };
        assert_eq!(first_sign(&page_with(AT_LEAST), &big, 100.0, 100.0), Sign::AtLeast);
        assert_eq!(first_sign(&page_with(TWO), &big, 100.0, 100.0), Sign::Other);
    }

    #[test]
    fn a_jpeg_cut_to_its_top_rows_decodes_them_exactly() {
        // A 333×250 crop of 000-scan page 1 (cjpeg, quality 30): grey progressive (the corpus
        // scans' kind), grey baseline, colour 4:2:0 progressive.
        for (name, jpeg) in [
            ("gray-progressive", &include_bytes!("../../tests/data/jpeg/gray-progressive.jpg")[..]),
            ("gray-baseline", include_bytes!("../../tests/data/jpeg/gray-baseline.jpg")),
            ("color-420-progressive", include_bytes!("../../tests/data/jpeg/color-420-progressive.jpg")),
        ] {
            let whole = luma(jpeg).unwrap();
            assert_eq!(whole.len(), 333 * 250, "{name}");
            for rows in [1u16, 8, 9, 16, 100, 249] {
                let top = luma(&with_height(jpeg, rows).unwrap()).unwrap();
                assert_eq!(top.len(), 333 * rows as usize, "{name} {rows}");
                assert_eq!(top[..], whole[..top.len()], "{name} {rows}");
            }
        }
        // A DC table slot the file fills before its first scan is left alone (the one-code table
        // takes a free one): the file's DC table 0 copied to slot 3, which its first scan then uses.
        let jpeg = include_bytes!("../../tests/data/jpeg/gray-progressive.jpg");
        let sos = jpeg.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap();
        let dht = jpeg.windows(2).position(|w| w == [0xFF, 0xC4]).unwrap();
        assert_eq!(jpeg[dht + 4], 0x00, "the first table is DC table 0");
        let len = u16::from_be_bytes([jpeg[dht + 2], jpeg[dht + 3]]) as usize;
        let mut copy = jpeg[dht..dht + 2 + len].to_vec();
        copy[4] = 0x03;
        let mut slot3 = [&jpeg[..sos], &copy[..], &jpeg[sos..]].concat();
        assert_eq!(slot3[sos + copy.len() + 6], 0x00);
        slot3[sos + copy.len() + 6] = 0x30;
        let whole = luma(&slot3).unwrap();
        assert_eq!(whole, luma(jpeg).unwrap());
        let top = luma(&with_height(&slot3, 40).unwrap()).unwrap();
        assert_eq!(top[..], whole[..333 * 40]);
        // With no slot free, the image is decoded whole.
        let table = |slot: u8| [&[0xFF, 0xC4, 0, 20, slot, 1][..], &[0; 15], &[5]].concat();
        let full = [&jpeg[..sos], &[1u8, 2, 3].iter().flat_map(|&s| table(s)).collect::<Vec<u8>>(), &jpeg[sos..]].concat();
        assert!(with_height(&full, 40).is_none());
        // Restart intervals: left whole.
        assert!(with_height(include_bytes!("../../tests/data/jpeg/gray-restart.jpg"), 16).is_none());
        assert!(with_height(b"not a jpeg", 16).is_none());
    }

    #[test]
    fn look_alikes_before_a_number() {
        let l = vec![">".to_string(), "=".to_string(), "2".to_string()];
        assert!(candidate(">", Some("40%"), &l) && candidate("2", Some("50%"), &l));
        assert!(!candidate(">", Some("các"), &l) && !candidate("=", None, &l));
        for w in ["220", "201", "270%", "20,8", "255", ">01", ">85.", ">85-", "=80%"] {
            assert!(candidate(w, None, &l), "{w}");
        }
        for w in ["2026", "2025", "2030,", "2050.", "31/12/2025", "2.1", "300", "2", "21", ">1", "204-", "200", ">00"] {
            assert!(!candidate(w, None, &l), "{w}");
        }
    }

    #[test]
    fn rewritten_only_where_the_glyph_is_at_least() {
        let l = vec![">".to_string(), "=".to_string(), "2".to_string()];
        let mut page = Page { number: 1, width: 100.0, height: 100.0, words: vec![word("220"), word("%")], invisible_glyphs: 2, images: 1, ..Default::default() };
        assert_eq!(read_at_least(&mut page, &l, |_| Some(page_with(AT_LEAST))), 1);
        let texts: Vec<&str> = page.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["≥", "20", "%"]);
        assert_eq!(page.words[1].raw, None);
        assert!(page.words[0].x1 <= page.words[1].x0);
        let mut page = Page { words: vec![word("220")], ..page };
        assert_eq!(read_at_least(&mut page, &l, |_| Some(page_with(TWO))), 0);
        assert_eq!(page.words[0].text, "220");
        // No candidate: the image is not even decoded.
        let mut page = Page { words: vec![word("Quý")], ..page };
        assert_eq!(read_at_least(&mut page, &l, |_| panic!("decoded")), 0);
    }
}
