//! The little-endian layout of the shipped OCR model's binary files (`rules/lm/model.bin`,
//! `rules/lm/ocr-tables.bin`): counted arrays of u16 / u32 / f32 and string lists, read back as a
//! few slice copies (no per-item allocation). Also [`Strs`] (many strings in one allocation) and
//! [`StrIndex`] (an open-addressing table from a string to its place in a `Strs`), so that loading
//! a model does not build a hash map of thousands of owned strings.

/// Many strings in one buffer: string `i` is `text[ends[i − 1]..ends[i]]`.
#[derive(Default, Clone, Debug, PartialEq)]
pub struct Strs {
    text: String,
    ends: Vec<u32>,
}

impl Strs {
    pub fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len() as u32);
    }

    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// String `i` as bytes (no char-boundary checks: for comparing).
    fn bytes(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text.as_bytes()[start..self.ends[i] as usize]
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

impl<'a> FromIterator<&'a str> for Strs {
    fn from_iter<I: IntoIterator<Item = &'a str>>(it: I) -> Strs {
        let mut s = Strs::default();
        it.into_iter().for_each(|x| s.push(x));
        s
    }
}

/// The slot of a string in a table of `2^bits` slots: FNV-1a over the bytes, its high bits spread
/// by a Fibonacci multiply (the table is rebuilt at load, so this only has to be fixed within a
/// process).
fn slot_of(s: &str, bits: u32) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

/// The slot count of a linear-probing table for `n` entries: a power of two, at most two thirds
/// full (a miss, the common case of a decoder's trigram look-ups, probes about three slots).
pub fn table_size(n: usize) -> usize {
    (n * 3 / 2 + 1).next_power_of_two().max(8)
}

/// An open-addressing (linear probing) table from the strings of a [`Strs`] to their indices.
/// Inserting a string already there makes the later index the one found (as `HashMap::insert`).
#[derive(Default, Clone)]
pub struct StrIndex {
    /// Index + 1 of the string in each slot (0: empty).
    slots: Vec<u32>,
}

impl StrIndex {
    pub fn new(keys: &Strs) -> StrIndex {
        let mut t = StrIndex { slots: vec![0; table_size(keys.len())] };
        let mask = t.slots.len() - 1;
        for i in 0..keys.len() {
            let k = keys.get(i);
            let mut s = slot_of(k, t.slots.len().trailing_zeros());
            loop {
                match t.slots[s] {
                    0 => {
                        t.slots[s] = i as u32 + 1;
                        break;
                    }
                    x if keys.bytes(x as usize - 1) == k.as_bytes() => {
                        t.slots[s] = i as u32 + 1;
                        break;
                    }
                    _ => s = (s + 1) & mask,
                }
            }
        }
        t
    }

    /// The index in `keys` (the `Strs` the table was built from) of `k`.
    pub fn get(&self, keys: &Strs, k: &str) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut s = slot_of(k, self.slots.len().trailing_zeros());
        loop {
            match self.slots[s] {
                0 => return None,
                x if keys.bytes(x as usize - 1) == k.as_bytes() => return Some(x as usize - 1),
                _ => s = (s + 1) & mask,
            }
        }
    }
}

#[derive(Default)]
pub struct Writer(pub Vec<u8>);

impl Writer {
    pub fn u32(&mut self, x: u32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    pub fn u32s(&mut self, xs: &[u32]) {
        self.u32(xs.len() as u32);
        xs.iter().for_each(|x| self.0.extend_from_slice(&x.to_le_bytes()));
    }
    pub fn u16s(&mut self, xs: &[u16]) {
        self.u32(xs.len() as u32);
        xs.iter().for_each(|x| self.0.extend_from_slice(&x.to_le_bytes()));
    }
    pub fn f32s(&mut self, xs: &[f32]) {
        self.u32(xs.len() as u32);
        xs.iter().for_each(|x| self.0.extend_from_slice(&x.to_le_bytes()));
    }
    pub fn strs(&mut self, s: &Strs) {
        self.u32s(&s.ends);
        self.u32(s.text.len() as u32);
        self.0.extend_from_slice(s.text.as_bytes());
    }
}

pub struct Reader<'a>(pub &'a [u8]);

fn truncated() -> String {
    "model file truncated".into()
}

impl<'a> Reader<'a> {
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if self.0.len() < n {
            return Err(truncated());
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Ok(a)
    }
    pub fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    /// A count followed by `width`-byte items: the items' bytes.
    fn counted(&mut self, width: usize) -> Result<&'a [u8], String> {
        let n = self.u32()? as usize;
        self.take(n.checked_mul(width).ok_or_else(truncated)?)
    }
    pub fn u32s(&mut self) -> Result<Vec<u32>, String> {
        Ok(self.counted(4)?.chunks_exact(4).map(|c| u32::from_le_bytes(c.try_into().unwrap())).collect())
    }
    pub fn u16s(&mut self) -> Result<Vec<u16>, String> {
        Ok(self.counted(2)?.chunks_exact(2).map(|c| u16::from_le_bytes(c.try_into().unwrap())).collect())
    }
    pub fn f32s(&mut self) -> Result<Vec<f32>, String> {
        Ok(self.counted(4)?.chunks_exact(4).map(|c| f32::from_le_bytes(c.try_into().unwrap())).collect())
    }
    pub fn strs(&mut self) -> Result<Strs, String> {
        let ends = self.u32s()?;
        let n = self.u32()? as usize;
        let text = std::str::from_utf8(self.take(n)?).map_err(|_| "model file: a string is not UTF-8".to_string())?;
        let mut prev = 0;
        for &e in &ends {
            if e < prev || e as usize > text.len() || !text.is_char_boundary(e as usize) {
                return Err("model file: a string list out of range".into());
            }
            prev = e;
        }
        if prev as usize != text.len() {
            return Err("model file: a string list out of range".into());
        }
        Ok(Strs { text: text.to_string(), ends })
    }
    pub fn finish(&self) -> Result<(), String> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err("model file: trailing bytes".into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_index_and_round_trip() {
        let words: Vec<String> = (0..500).map(|i| format!("w{i}ư")).chain(["".to_string(), "hoá".to_string()]).collect();
        let s: Strs = words.iter().map(|w| w.as_str()).collect();
        let ix = StrIndex::new(&s);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(s.get(i), w);
            assert_eq!(ix.get(&s, w), Some(i));
        }
        assert_eq!(ix.get(&s, "w500ư"), None);
        assert_eq!(ix.get(&s, "hóa"), None);
        let mut w = Writer::default();
        w.strs(&s);
        w.u16s(&[1, 2, 65535]);
        w.f32s(&[1.5, f32::NEG_INFINITY]);
        let mut r = Reader(&w.0);
        assert_eq!(r.strs().unwrap(), s);
        assert_eq!(r.u16s().unwrap(), vec![1, 2, 65535]);
        assert_eq!(r.f32s().unwrap(), vec![1.5, f32::NEG_INFINITY]);
        assert!(r.finish().is_ok());
        for cut in [0, 3, 10, w.0.len() - 1] {
            let mut r = Reader(&w.0[..cut]);
            assert!(r.strs().and_then(|_| r.u16s()).and_then(|_| r.f32s()).is_err(), "cut at {cut}");
        }
        // A later duplicate is the one found.
        let d: Strs = ["a", "b", "a"].into_iter().collect();
        assert_eq!(StrIndex::new(&d).get(&d, "a"), Some(2));
    }
}
