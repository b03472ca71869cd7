//! A fast path for decoding content streams (PATCHES.md #3).
//!
//! lopdf's `Content::decode` is a nom parser that spent a third of a born-digital document's time
//! on the text operators of its pages (one closure call per hex digit). `decode_content` reads the
//! common shape of a content stream — operands (numbers, names, literal and hex strings, arrays and
//! dictionaries of those, `true`, `false`, `null`) followed by an operator, separated by white space —
//! in one pass over the bytes, and gives exactly what lopdf gives for it. Anything outside that shape
//! (comments, inline images, `#` escapes in names, nesting, references, an operator glued to digits,
//! unusual white space, a stream that does not end after an operator) is handed to lopdf whole, so its
//! quirks (it drops everything after the first thing it cannot parse) are kept as they are.

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Object, StringFormat};
use std::str::FromStr;

/// The operations of a content stream: the fast path when it covers the whole stream, lopdf otherwise.
pub fn decode_content(data: &[u8]) -> lopdf::Result<Content<Vec<Operation>>> {
    match fast_decode(data) {
        Some(operations) => Ok(Content { operations }),
        None => Content::decode(data),
    }
}

/// The fast path alone: `None` when the stream holds anything it does not read exactly as lopdf does.
pub fn fast_decode(data: &[u8]) -> Option<Vec<Operation>> {
    let mut p = Lexer { data, pos: 0, items: Vec::new() };
    let mut operations = Vec::with_capacity(data.len() / 16);
    let mut operands = Vec::new();
    loop {
        p.skip_content_space();
        let Some(&c) = data.get(p.pos) else { break };
        if is_regular(c) && !is_number_start(c) {
            let word = p.regular_run();
            match word {
                b"true" => operands.push(Object::Boolean(true)),
                b"false" => operands.push(Object::Boolean(false)),
                b"null" => operands.push(Object::Null),
                // lopdf reads `null`, `true` and `false` as a prefix of any word: leave those to it.
                _ if word.starts_with(b"null") || word.starts_with(b"true") || word.starts_with(b"false") => return None,
                // lopdf reads an inline image wherever an operation starts with `BI`; its data is not
                // made of tokens.
                _ if word.starts_with(b"BI") => return None,
                _ if word.iter().all(|&b| is_operator_byte(b)) => {
                    let operator = String::from_utf8(word.to_vec()).ok()?;
                    // Collected into a vector of the exact size (no growth, nothing to trim).
                    operations.push(Operation { operator, operands: operands.drain(..).collect() });
                }
                _ => return None,
            }
        } else {
            operands.push(p.object(false)?);
        }
    }
    // Operands with no operator after them: lopdf drops them silently; let it.
    if !operands.is_empty() {
        return None;
    }
    Some(operations)
}

struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    /// The items of the array being read, reused from array to array.
    items: Vec<Object>,
}

impl<'a> Lexer<'a> {
    /// lopdf's `content_space`: only these four separate operations and operands.
    fn skip_content_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\r' | b'\n') = self.data.get(self.pos) {
            self.pos += 1;
        }
    }

    /// lopdf's `space` inside arrays and dictionaries: white space, NUL and form feed (no comments here).
    fn skip_space(&mut self) {
        while let Some(&c) = self.data.get(self.pos) {
            if !is_whitespace(c) {
                break;
            }
            self.pos += 1;
        }
    }

    fn regular_run(&mut self) -> &'a [u8] {
        let start = self.pos;
        while let Some(&c) = self.data.get(self.pos) {
            if !is_regular(c) {
                break;
            }
            self.pos += 1;
        }
        &self.data[start..self.pos]
    }

    /// One operand (`nested`: inside an array or dictionary, where only numbers, names and strings are
    /// taken).
    fn object(&mut self, nested: bool) -> Option<Object> {
        let c = *self.data.get(self.pos)?;
        match c {
            b'/' => {
                self.pos += 1;
                let name = self.regular_run();
                if name.contains(&b'#') {
                    return None;
                }
                Some(Object::Name(name.to_vec()))
            }
            b'(' => self.literal_string(),
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                if nested {
                    return None;
                }
                self.dictionary()
            }
            b'<' => self.hex_string(),
            b'[' => {
                if nested {
                    return None;
                }
                self.array()
            }
            c if is_number_start(c) => self.number(),
            _ => None,
        }
    }

    /// lopdf's `real` (`[+-]?(\d+\.\d*|\.\d+)`, an f32) before `integer` (`[+-]?\d+`, an i64); the word
    /// must end there (`1.5.3`, `12abc`, `1e5` go to lopdf).
    fn number(&mut self) -> Option<Object> {
        let word = self.regular_run();
        let digits = match word.first() {
            Some(b'+' | b'-') => &word[1..],
            _ => word,
        };
        let text = std::str::from_utf8(word).ok()?;
        match digits.iter().position(|&b| b == b'.') {
            None => {
                if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
                    return None;
                }
                Some(Object::Integer(i64::from_str(text).ok()?))
            }
            Some(dot) => {
                let (int, frac) = (&digits[..dot], &digits[dot + 1..]);
                if !int.iter().all(u8::is_ascii_digit) || !frac.iter().all(u8::is_ascii_digit) {
                    return None;
                }
                if int.is_empty() && frac.is_empty() {
                    return None;
                }
                Some(Object::Real(f32::from_str(text).ok()?))
            }
        }
    }

    /// lopdf's `literal_string`: escapes decoded, line ends kept as they are, balanced parentheses kept.
    fn literal_string(&mut self) -> Option<Object> {
        self.pos += 1; // (
        let mut out = Vec::new();
        let mut depth = 0usize;
        loop {
            let c = *self.data.get(self.pos)?;
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    if depth >= 50 {
                        return None; // lopdf has a nesting limit of its own
                    }
                    out.push(c);
                }
                b')' if depth == 0 => return Some(Object::String(out, StringFormat::Literal)),
                b')' => {
                    depth -= 1;
                    out.push(c);
                }
                b'\\' => {
                    let e = *self.data.get(self.pos)?;
                    match e {
                        b'0'..=b'7' => {
                            let mut v: u16 = 0;
                            let mut n = 0;
                            while n < 3 {
                                match self.data.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u16;
                                        self.pos += 1;
                                        n += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        b'\r' => {
                            self.pos += 1;
                            if self.data.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => self.pos += 1,
                        _ => {
                            self.pos += 1;
                            out.push(match e {
                                b'n' => b'\n',
                                b'r' => b'\r',
                                b't' => b'\t',
                                b'b' => 0x08,
                                b'f' => 0x0C,
                                other => other,
                            });
                        }
                    }
                }
                _ => out.push(c),
            }
        }
    }

    /// lopdf's `hexadecimal_string`: digits with any white space between them, an odd last digit
    /// padded with 0.
    fn hex_string(&mut self) -> Option<Object> {
        self.pos += 1; // <
        let len = self.data[self.pos..].iter().position(|&b| b == b'>').unwrap_or(0);
        let mut out = Vec::with_capacity(len / 2 + 1);
        let mut high: Option<u8> = None;
        loop {
            let c = *self.data.get(self.pos)?;
            self.pos += 1;
            let v = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                b'>' => break,
                c if is_whitespace(c) => continue,
                _ => return None,
            };
            match high.take() {
                None => high = Some(v),
                Some(h) => out.push(h << 4 | v),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        Some(Object::String(out, StringFormat::Hexadecimal))
    }

    /// lopdf's `array` of direct objects (no nested arrays or dictionaries, no references).
    fn array(&mut self) -> Option<Object> {
        self.pos += 1; // [
        self.items.clear();
        loop {
            self.skip_space();
            match *self.data.get(self.pos)? {
                b']' => {
                    self.pos += 1;
                    return Some(Object::Array(self.items.drain(..).collect()));
                }
                c if is_regular(c) && !is_number_start(c) => return None, // true, null, R …: lopdf
                _ => {
                    let item = self.object(true)?;
                    self.items.push(item);
                }
            }
        }
    }

    /// lopdf's `dictionary`: name keys, direct values (no nesting, no references).
    fn dictionary(&mut self) -> Option<Object> {
        self.pos += 2; // <<
        let mut dict = Dictionary::new();
        loop {
            self.skip_space();
            match *self.data.get(self.pos)? {
                b'>' => {
                    if self.data.get(self.pos + 1) != Some(&b'>') {
                        return None;
                    }
                    self.pos += 2;
                    return Some(Object::Dictionary(dict));
                }
                b'/' => {
                    let Object::Name(key) = self.object(true)? else { return None };
                    self.skip_space();
                    match *self.data.get(self.pos)? {
                        c if is_regular(c) && !is_number_start(c) => return None,
                        _ => {
                            let value = self.object(true)?;
                            dict.set(key, value);
                        }
                    }
                }
                _ => return None,
            }
        }
    }
}

fn is_whitespace(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0C')
}

fn is_delimiter(c: u8) -> bool {
    matches!(c, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn is_regular(c: u8) -> bool {
    !is_whitespace(c) && !is_delimiter(c)
}

fn is_number_start(c: u8) -> bool {
    c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.')
}

/// lopdf's `operator`: letters, `*`, `'` and `"`.
fn is_operator_byte(c: u8) -> bool {
    c.is_ascii_alphabetic() || matches!(c, b'*' | b'\'' | b'"')
}
