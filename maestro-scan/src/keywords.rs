//! The keyword prefilter: finds every (overlapping) occurrence of every rule keyword, ASCII
//! case-insensitively, in one pass.
//!
//! An Aho-Corasick automaton over ~450 keywords takes about a millisecond to build, which a hook
//! process (one per crew file write) pays every time. This set builds in microseconds instead: a
//! 64 Kbit bitset of hashed, case-folded three-byte keyword prefixes is probed at every input
//! position, and only positions whose trigram is present are compared against the keywords
//! sharing that prefix. Keywords are therefore at least three bytes long.

/// Every keyword, folded to lowercase, with a bitset of their first three bytes.
#[derive(Debug, Clone)]
pub(crate) struct KeywordSet {
    keywords: Vec<Box<[u8]>>,
    /// 2^16 bits, indexed by the hash of a folded trigram.
    bits: Box<[u64]>,
    /// `2^BUCKET_BITS` buckets of (trigram, keyword index), indexed by the trigram hash.
    buckets: Vec<Vec<(u32, u32)>>,
}

const BUCKET_BITS: u32 = 10;

/// The minimum keyword length.
pub(crate) const MIN_KEYWORD_LEN: usize = 3;

#[inline]
fn trigram(a: u8, b: u8, c: u8) -> u32 {
    u32::from(a.to_ascii_lowercase())
        | (u32::from(b.to_ascii_lowercase()) << 8)
        | (u32::from(c.to_ascii_lowercase()) << 16)
}

#[inline]
fn hash(trigram: u32) -> u32 {
    trigram.wrapping_mul(0x9E37_79B1)
}

impl KeywordSet {
    /// A set over `keywords` (each at least [`MIN_KEYWORD_LEN`] bytes; shorter ones are never
    /// found, and rule loading refuses them). Keyword `i` is reported as `i`.
    pub(crate) fn new(keywords: &[Vec<u8>]) -> KeywordSet {
        let mut bits = vec![0u64; 1 << 10].into_boxed_slice();
        let mut buckets = vec![Vec::new(); 1 << BUCKET_BITS];
        let mut folded = Vec::with_capacity(keywords.len());
        for (i, keyword) in keywords.iter().enumerate() {
            let keyword: Box<[u8]> = keyword.to_ascii_lowercase().into_boxed_slice();
            if keyword.len() >= MIN_KEYWORD_LEN {
                let t = trigram(keyword[0], keyword[1], keyword[2]);
                let h = hash(t);
                let bit = (h >> 16) as usize;
                bits[bit >> 6] |= 1 << (bit & 63);
                let index = u32::try_from(i).expect("fewer than 2^32 keywords");
                buckets[(h >> (32 - BUCKET_BITS)) as usize].push((t, index));
            }
            folded.push(keyword);
        }
        KeywordSet {
            keywords: folded,
            bits,
            buckets,
        }
    }

    /// Call `found(keyword index, start)` for every occurrence of every keyword, in increasing
    /// order of start.
    pub(crate) fn find_all(&self, text: &[u8], mut found: impl FnMut(usize, usize)) {
        if text.len() < MIN_KEYWORD_LEN {
            return;
        }
        let last = text.len() - MIN_KEYWORD_LEN;
        let mut i = 0;
        while i <= last {
            let t = trigram(text[i], text[i + 1], text[i + 2]);
            let h = hash(t);
            let bit = (h >> 16) as usize;
            if self.bits[bit >> 6] & (1 << (bit & 63)) != 0 {
                for &(bucket_trigram, keyword) in &self.buckets[(h >> (32 - BUCKET_BITS)) as usize]
                {
                    if bucket_trigram != t {
                        continue;
                    }
                    let keyword_bytes = &self.keywords[keyword as usize];
                    if let Some(candidate) = text.get(i..i + keyword_bytes.len())
                        && candidate.eq_ignore_ascii_case(keyword_bytes)
                    {
                        found(keyword as usize, i);
                    }
                }
            }
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(set: &KeywordSet, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        set.find_all(text.as_bytes(), |k, at| out.push((k, at)));
        out
    }

    #[test]
    fn finds_overlapping_case_insensitive_occurrences() {
        let set = KeywordSet::new(&[
            b"token".to_vec(),
            b"session_token".to_vec(),
            b"ghp_".to_vec(),
            b"TOK".to_vec(),
        ]);
        assert_eq!(
            all(&set, "AWS_SESSION_TOKEN=ghp_x tok"),
            [(1, 4), (0, 12), (3, 12), (2, 18), (3, 24)]
        );
        assert!(all(&set, "to").is_empty());
        assert!(all(&set, "nothing here").is_empty());
        assert_eq!(all(&set, "ghp_"), [(2, 0)]);
    }

    #[test]
    fn agrees_with_a_naive_search() {
        let keywords: Vec<Vec<u8>> = ["abc", "bcd", "abcd", "xyz", "zz_", "a-b"]
            .iter()
            .map(|k| k.as_bytes().to_vec())
            .collect();
        let set = KeywordSet::new(&keywords);
        let text = "ABCD abcd xyzz_ a-bcd zzz_ XYZ";
        let mut naive = Vec::new();
        for at in 0..text.len() {
            for (k, keyword) in keywords.iter().enumerate() {
                if text.as_bytes()[at..].len() >= keyword.len()
                    && text.as_bytes()[at..at + keyword.len()].eq_ignore_ascii_case(keyword)
                {
                    naive.push((k, at));
                }
            }
        }
        assert_eq!(all(&set, text), naive);
    }
}
