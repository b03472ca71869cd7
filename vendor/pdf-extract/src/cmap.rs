//! A fast path for reading ToUnicode CMaps (PATCHES.md #4).
//!
//! adobe-cmap-parser lexes a CMap with pom parser combinators (boxed closures, one allocation per
//! byte of a hex string): about 5 million instructions for a 2 KB CMap, 8% of a born-digital
//! document's time. `lex` reads the same grammar (the PEG in adobe-cmap-parser 0.4.1's `value` and
//! `file`) directly and returns the same values; where it meets anything it does not follow exactly
//! (backslash escapes and nested parentheses in strings, `#` in names, odd hex digits, numbers that
//! overflow, a stream that does not end after a complete value) it declines, and the whole CMap goes
//! to adobe-cmap-parser as before. The values are then read by a copy of adobe-cmap-parser's own
//! `get_unicode_map` loop, so the map (and every error or panic) is the same.

use adobe_cmap_parser::Value;
use std::collections::HashMap;

/// `adobe_cmap_parser::get_unicode_map`, lexing on the fast path when it can.
pub fn get_unicode_map(input: &[u8]) -> Result<HashMap<u32, Vec<u8>>, &'static str> {
    match lex(input) {
        Some(values) => unicode_map(&values),
        None => adobe_cmap_parser::get_unicode_map(input),
    }
}

/// The values of a CMap as adobe-cmap-parser lexes them, or `None` to leave it to adobe-cmap-parser.
pub fn lex(input: &[u8]) -> Option<Vec<Value>> {
    let mut l = Lexer { b: input, pos: 0 };
    let mut values = Vec::new();
    // file = (comment* content_space value)+
    loop {
        while l.peek() == Some(b'%') {
            l.comment()?;
        }
        l.content_space();
        if l.pos == l.b.len() {
            break;
        }
        values.push(l.value(0)?);
    }
    if values.is_empty() {
        return None; // adobe-cmap-parser fails ("failed to parse"): let it
    }
    Some(values)
}

struct Lexer<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn starts_with(&self, s: &[u8]) -> bool {
        self.b[self.pos..].starts_with(s)
    }

    /// `'%' none_of("\r\n")* eol`
    fn comment(&mut self) -> Option<()> {
        let rest = &self.b[self.pos..];
        let end = rest.iter().position(|&c| c == b'\r' || c == b'\n')?;
        self.pos += end;
        if self.starts_with(b"\r\n") {
            self.pos += 2;
        } else {
            self.pos += 1;
        }
        Some(())
    }

    /// pom's `multispace`: space, tab, line feed, carriage return.
    fn content_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// adobe-cmap-parser's `space`: also NUL and form feed.
    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0C') = self.peek() {
            self.pos += 1;
        }
    }

    /// `value`: the alternatives in adobe-cmap-parser's order, then content_space.
    fn value(&mut self, depth: usize) -> Option<Value> {
        if depth > 16 {
            return None;
        }
        let v = if self.starts_with(b"true") {
            self.pos += 4;
            Value::Boolean(true)
        } else if self.starts_with(b"false") {
            self.pos += 5;
            Value::Boolean(false)
        } else {
            match self.peek()? {
                b'+' | b'-' | b'0'..=b'9' | b'.' => self.number()?,
                b'/' => Value::Name(self.name()?),
                c if is_alpha(c) || matches!(c, b'*' | b'\'' | b'"') => {
                    let start = self.pos;
                    while matches!(self.peek(), Some(c) if is_alpha(c) || matches!(c, b'*' | b'\'' | b'"')) {
                        self.pos += 1;
                    }
                    Value::Operator(String::from_utf8(self.b[start..self.pos].to_vec()).ok()?)
                }
                b'(' => Value::LiteralString(self.literal_string()?),
                b'<' if self.starts_with(b"<<") => Value::Dictionary(self.dictionary(depth)?),
                b'<' => Value::LiteralString(self.hex_string()?),
                b'[' => Value::Array(self.array(depth)?),
                _ => return None,
            }
        };
        self.content_space();
        Some(v)
    }

    /// `integer` (`[+-]?[0-9]+`, an i64), else `number` (here only `[+-]?\.[0-9]+`: with a leading
    /// digit `integer` has already matched).
    fn number(&mut self) -> Option<Value> {
        let start = self.pos;
        if let Some(b'+' | b'-') = self.peek() {
            self.pos += 1;
        }
        let digits = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        if self.pos > digits {
            let text = std::str::from_utf8(&self.b[start..self.pos]).ok()?;
            return text.parse::<i64>().ok().map(Value::Integer); // overflow: adobe-cmap-parser
        }
        if self.peek() != Some(b'.') {
            return None;
        }
        self.pos += 1;
        let frac = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        if self.pos == frac {
            return None;
        }
        Some(Value::Number(String::from_utf8(self.b[start..self.pos].to_vec()).ok()?))
    }

    /// `'/' (none_of(" \t\n\r\x0C()<>[]{}/%#") | '#' hex_char)*`, declining `#`.
    fn name(&mut self) -> Option<Vec<u8>> {
        self.pos += 1;
        let start = self.pos;
        while let Some(c) = self.peek() {
            if b" \t\n\r\x0C()<>[]{}/%#".contains(&c) {
                break;
            }
            self.pos += 1;
        }
        if self.peek() == Some(b'#') {
            return None;
        }
        Some(self.b[start..self.pos].to_vec())
    }

    /// `'(' none_of("\\()")* ')'`, declining escapes and nested parentheses.
    fn literal_string(&mut self) -> Option<Vec<u8>> {
        self.pos += 1;
        let start = self.pos;
        loop {
            match self.peek()? {
                b')' => break,
                b'\\' | b'(' => return None,
                _ => self.pos += 1,
            }
        }
        let s = self.b[start..self.pos].to_vec();
        self.pos += 1;
        Some(s)
    }

    /// `'<' (space hex_char)* space '>'`, hex_char being exactly two hex digits.
    fn hex_string(&mut self) -> Option<Vec<u8>> {
        self.pos += 1;
        let mut out = Vec::with_capacity(4);
        loop {
            self.space();
            match self.peek()? {
                b'>' => {
                    self.pos += 1;
                    return Some(out);
                }
                c => {
                    let hi = hex(c)?;
                    let lo = hex(*self.b.get(self.pos + 1)?)?;
                    out.push(hi << 4 | lo);
                    self.pos += 2;
                }
            }
        }
    }

    /// `"<<" space (name space value)* ">>"`; keys must be UTF-8 (adobe-cmap-parser unwraps them).
    fn dictionary(&mut self, depth: usize) -> Option<HashMap<String, Value>> {
        self.pos += 2;
        self.space();
        let mut dict = HashMap::new();
        loop {
            match self.peek()? {
                b'>' if self.starts_with(b">>") => {
                    self.pos += 2;
                    return Some(dict);
                }
                b'/' => {
                    let key = String::from_utf8(self.name()?).ok()?;
                    self.space();
                    let value = self.value(depth + 1)?;
                    dict.insert(key, value);
                }
                _ => return None,
            }
        }
    }

    /// `'[' space value* ']'`
    fn array(&mut self, depth: usize) -> Option<Vec<Value>> {
        self.pos += 1;
        self.space();
        let mut items = Vec::new();
        loop {
            match self.peek()? {
                b']' => {
                    self.pos += 1;
                    return Some(items);
                }
                _ => items.push(self.value(depth + 1)?),
            }
        }
    }
}

fn is_alpha(c: u8) -> bool {
    c.is_ascii_alphabetic()
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

fn as_code(str: &[u8]) -> u32 {
    let mut code: u32 = 0;
    for c in str {
        code = (code << 8) | (*c as u32);
    }
    code
}

/// adobe-cmap-parser 0.4.1's `get_unicode_map` after its `parse`, verbatim (MIT) but for one `reserve`.
fn unicode_map(lexed: &[Value]) -> Result<HashMap<u32, Vec<u8>>, &'static str> {
    let mut i = 0;
    let mut map = HashMap::new();
    while i < lexed.len() {
        match lexed[i] {
            Value::Operator(ref o) => {
                match o.as_ref() {
                    "beginbfchar" => {
                        let count = if let &Value::Integer(ref c) = &lexed[i-1] { Ok(*c) } else { Err("beginbfchar exected int") }?;
                        i += 1;
                        for _ in 0..count {
                            let char_code = if let &Value::LiteralString(ref s) = &lexed[i] { Ok(s) } else { Err("beginbfchar exected hexstring") }?;
                            let uni_code = if let &Value::LiteralString(ref s) = &lexed[i+1] { Ok(s) } else { Err("beginbfchar exected hexstring") }?;
                            map.insert(as_code(char_code), uni_code.clone());
                            i += 2;
                        }
                        i += 1;
                    }
                    "beginbfrange" => {
                        let count = if let &Value::Integer(ref c) = &lexed[i-1] { Ok(*c) } else { Err("beginbfrange exected int") }?;
                        i += 1;
                        for _ in 0..count {
                            let lower_code = if let &Value::LiteralString(ref s) = &lexed[i] { Ok(as_code(s)) } else { Err("beginbfrange exected hexstring") }?;
                            let upper_code = if let &Value::LiteralString(ref s) = &lexed[i+1] { Ok(as_code(s)) } else { Err("beginbfrange exected hexstring") }?;
                            if upper_code >= lower_code && matches!(&lexed[i+2], Value::LiteralString(_)) {
                                map.reserve((upper_code - lower_code) as usize + 1); // not in the original: capacity only
                            }
                            match &lexed[i+2] {
                                &Value::LiteralString(ref start) => {
                                    match start.len() {
                                        4 => {
                                            let val = as_code(start);
                                            for c in lower_code..=upper_code {
                                                let code = val + (c - lower_code);
                                                map.insert(c, code.to_be_bytes().to_vec());
                                            }
                                        }
                                        2 => {
                                            let val: u16 = as_code(start) as u16;
                                            for c in lower_code..=upper_code {
                                                let code = val + (c - lower_code) as u16;
                                                map.insert(c, code.to_be_bytes().to_vec());
                                            }
                                        }
                                        _ => {
                                            panic!("bad length of hexstring");
                                        }
                                    }
                                }
                                &Value::Array(ref codes) => {
                                    let mut i = 0;
                                    if (upper_code - lower_code + 1) as usize != codes.len() {
                                        return Err("bad length of array");
                                    }
                                    for c in lower_code..=upper_code {
                                        map.insert(c, if let &Value::LiteralString(ref s) = &codes[i] { Ok(s.clone()) } else { Err("beginbfrange exected hexstring") }?);
                                        i += 1;
                                    }
                                }
                                _ => { return Err("beginbfrange exected array or literal") }
                            }
                            i += 3;
                        }
                        i += 1;
                    }
                    _ => { i += 1; }
                }
            }
            _ => { i += 1; }
        }
    }
    Ok(map)
}
