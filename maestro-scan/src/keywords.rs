//! The keyword prefilter: finds every (overlapping) occurrence of every rule keyword, ASCII
//! case-insensitively, in one pass.
//!
//! The built-in keywords are searched with an Aho–Corasick DFA that the build script made
//! (`build/keyword_automaton.rs`): a hook process, started for every tool call of a crew, then
//! builds nothing. Keywords of a workspace's own rules that are not built in get a small
//! automaton built at run time (the non-contiguous NFA, the quickest to build), searched after
//! the built-in one.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// The automaton made at build time over the built-in keywords.
mod builtin {
    include!(concat!(env!("OUT_DIR"), "/keyword_automaton.rs"));

    /// The transition table: `STATE_COUNT * CLASS_COUNT` little-endian `u16` states.
    pub(crate) static TRANSITIONS: &[u8] =
        include_bytes!(concat!(env!("OUT_DIR"), "/keyword_transitions.bin"));
}

/// Every keyword, searched for all at once. Keyword ids: built-in keyword `i` (in
/// [`KeywordSet::builtin_id`]'s numbering) is `i`; the `j`-th extra keyword is
/// `KeywordSet::BUILTIN + j`.
#[derive(Debug, Clone)]
pub(crate) struct KeywordSet {
    /// Whether any built-in keyword is searched for.
    builtin: bool,
    /// The keywords that are not built in, searched by an automaton built at run time.
    extra: Option<AhoCorasick>,
}

/// The minimum keyword length (rule loading refuses shorter ones: they would match almost
/// everywhere).
pub(crate) const MIN_KEYWORD_LEN: usize = 3;

impl KeywordSet {
    /// How many built-in keywords there are: the first id of an extra keyword.
    pub(crate) const BUILTIN: usize = builtin::KEYWORDS.len();

    /// The id of a built-in keyword (given in lower case), if it is one.
    pub(crate) fn builtin_id(folded: &[u8]) -> Option<usize> {
        builtin::KEYWORDS
            .binary_search_by(|k| k.as_bytes().cmp(folded))
            .ok()
    }

    /// A set that searches the built-in keywords (when `builtin`) and `extra`, keywords that
    /// are not built in (any case).
    pub(crate) fn new(builtin: bool, extra: &[Vec<u8>]) -> KeywordSet {
        let extra = (!extra.is_empty()).then(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                .build(extra)
                .expect("short keywords always fit an automaton")
        });
        KeywordSet { builtin, extra }
    }

    /// Call `found(keyword id, start)` for every occurrence of every keyword (in no particular
    /// order). Every built-in keyword is reported when the built-in ones are searched.
    pub(crate) fn find_all(&self, text: &[u8], mut found: impl FnMut(usize, usize)) {
        if self.builtin {
            find_builtin(text, &mut found);
        }
        if let Some(automaton) = &self.extra {
            for hit in automaton.find_overlapping_iter(text) {
                found(Self::BUILTIN + hit.pattern().as_usize(), hit.start());
            }
        }
    }
}

/// One pass of the built-in DFA: a table lookup per byte, then the keywords that end there.
fn find_builtin(text: &[u8], found: &mut impl FnMut(usize, usize)) {
    let table = builtin::TRANSITIONS;
    let mut state = 0usize;
    for (end, &byte) in text.iter().enumerate() {
        let class = usize::from(builtin::CLASSES[usize::from(byte)]);
        let at = (state * builtin::CLASS_COUNT + class) * 2;
        state = usize::from(u16::from_le_bytes([table[at], table[at + 1]]));
        let (first, last) = (
            builtin::MATCH_OFFSETS[state] as usize,
            builtin::MATCH_OFFSETS[state + 1] as usize,
        );
        for &keyword in &builtin::MATCHES[first..last] {
            let keyword = usize::from(keyword);
            found(keyword, end + 1 - builtin::KEYWORDS[keyword].len());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A set over `keywords` (as a scanner builds one) and its occurrences in `text`, keyword
    /// `i` of the list reported as `i`, sorted by position.
    fn all_of(keywords: &[Vec<u8>], text: &str) -> Vec<(usize, usize)> {
        let mut ids = Vec::new();
        let mut extra = Vec::new();
        for keyword in keywords {
            if let Some(id) = KeywordSet::builtin_id(&keyword.to_ascii_lowercase()) {
                ids.push(id);
            } else {
                ids.push(KeywordSet::BUILTIN + extra.len());
                extra.push(keyword.clone());
            }
        }
        let set = KeywordSet::new(ids.iter().any(|&id| id < KeywordSet::BUILTIN), &extra);
        let mut out = Vec::new();
        set.find_all(text.as_bytes(), |id, at| {
            for (k, _) in ids.iter().enumerate().filter(|&(_, &i)| i == id) {
                out.push((k, at));
            }
        });
        out.sort_unstable_by_key(|&(k, at)| (at, k));
        out
    }

    #[test]
    fn finds_overlapping_case_insensitive_occurrences() {
        let set = [
            b"token".to_vec(),
            b"session_token".to_vec(),
            b"ghp_".to_vec(),
            b"TOK".to_vec(),
        ];
        assert_eq!(
            all_of(&set, "AWS_SESSION_TOKEN=ghp_x tok"),
            [(1, 4), (0, 12), (3, 12), (2, 18), (3, 24)]
        );
        assert!(all_of(&set, "to").is_empty());
        assert!(all_of(&set, "nothing here").is_empty());
        assert_eq!(all_of(&set, "ghp_"), [(2, 0)]);
    }

    #[test]
    fn agrees_with_a_naive_search() {
        let keywords: Vec<Vec<u8>> = ["abc", "bcd", "abcd", "xyz", "zz_", "a-b"]
            .iter()
            .map(|k| k.as_bytes().to_vec())
            .collect();
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
        assert_eq!(all_of(&keywords, text), naive);
    }

    #[test]
    fn the_built_in_automaton_is_complete() {
        assert_eq!(
            builtin::TRANSITIONS.len(),
            builtin::STATE_COUNT * builtin::CLASS_COUNT * 2
        );
        assert_eq!(builtin::MATCH_OFFSETS.len(), builtin::STATE_COUNT + 1);
        let mut sorted = builtin::KEYWORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, builtin::KEYWORDS, "sorted and distinct");
    }

    #[test]
    fn built_in_and_run_time_keywords_agree_with_a_naive_search() {
        // Built-in keywords (every tenth), ones that are not built in, and a built-in one given
        // in upper case, against text made of all of them in mixed case and fragments.
        let mut keywords: Vec<Vec<u8>> = builtin::KEYWORDS
            .iter()
            .step_by(10)
            .map(|k| k.as_bytes().to_vec())
            .collect();
        keywords.push(b"zz-not-built-in".to_vec());
        keywords.push(b"qqq".to_vec());
        keywords.push(builtin::KEYWORDS[3].to_ascii_uppercase().into_bytes());
        let mut text = String::new();
        for (i, k) in keywords.iter().enumerate() {
            let k = String::from_utf8(k.clone()).unwrap();
            let k = if i % 2 == 0 {
                k.to_ascii_uppercase()
            } else {
                k
            };
            text.push_str(&k);
            text.push_str(if i % 3 == 0 { " " } else { "" });
            text.push_str(&k[..k.len() / 2]);
        }
        text.push_str("qqqq");
        let mut naive = Vec::new();
        let bytes = text.as_bytes();
        for at in 0..bytes.len() {
            for (k, keyword) in keywords.iter().enumerate() {
                if bytes.len() - at >= keyword.len()
                    && bytes[at..at + keyword.len()].eq_ignore_ascii_case(keyword)
                {
                    naive.push((k, at));
                }
            }
        }
        naive.sort_unstable_by_key(|&(k, at)| (at, k));
        assert!(naive.len() > keywords.len());
        assert_eq!(all_of(&keywords, &text), naive);
    }

    #[test]
    fn the_built_in_keywords_are_the_built_in_rules_keywords() {
        let mut from_rules: Vec<String> = crate::RuleSet::builtin()
            .rules()
            .iter()
            .flat_map(|r| r.keywords().iter().map(|k| k.to_ascii_lowercase()))
            .collect();
        from_rules.sort_unstable();
        from_rules.dedup();
        assert_eq!(from_rules, builtin::KEYWORDS);
    }
}
