//! The keyword prefilter: finds every (overlapping) occurrence of every rule keyword, ASCII
//! case-insensitively, in one pass of an Aho-Corasick automaton.
//!
//! A hook process (one per crew file write) builds the automaton every time, so it is the
//! non-contiguous NFA, which builds in a fraction of the time of a DFA (the scanning cost of an
//! NFA is irrelevant next to the regexes the hits trigger).

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// Every keyword, searched for all at once.
#[derive(Debug, Clone)]
pub(crate) struct KeywordSet {
    automaton: AhoCorasick,
}

/// The minimum keyword length (rule loading refuses shorter ones: they would match almost
/// everywhere).
pub(crate) const MIN_KEYWORD_LEN: usize = 3;

impl KeywordSet {
    /// A set over `keywords`. Keyword `i` is reported as `i`.
    pub(crate) fn new(keywords: &[Vec<u8>]) -> KeywordSet {
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
            .build(keywords)
            .expect("a few hundred short keywords always fit an automaton");
        KeywordSet { automaton }
    }

    /// Call `found(keyword index, start)` for every occurrence of every keyword, in increasing
    /// order of end.
    pub(crate) fn find_all(&self, text: &[u8], mut found: impl FnMut(usize, usize)) {
        for hit in self.automaton.find_overlapping_iter(text) {
            found(hit.pattern().as_usize(), hit.start());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(set: &KeywordSet, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        set.find_all(text.as_bytes(), |k, at| out.push((k, at)));
        out.sort_unstable_by_key(|&(k, at)| (at, k));
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
