//! Helpers shared by the differential tests of the vendored fast paths (tests/cmap.rs,
//! tests/content_stream.rs).

/// A small deterministic generator (xorshift), so the mutations are the same on every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// `data` with one to three bytes replaced, removed or inserted, the new bytes drawn from `special`
/// (the bytes that matter to the grammar under test).
pub fn mutate(data: &[u8], special: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut m = data.to_vec();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(m.len().max(1));
        let b = special[rng.below(special.len())];
        match rng.below(3) {
            0 if !m.is_empty() => m[at] = b,
            1 if !m.is_empty() => {
                m.remove(at);
            }
            _ => m.insert(at.min(m.len()), b),
        }
    }
    m
}
