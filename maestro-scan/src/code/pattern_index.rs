//! Which of a list's entries can match a path, found by the path's last segment.
//!
//! The engine asks, for every call, member and assignment it meets, which rules, sources,
//! sanitisers or opaque calls name it. Most patterns end in a literal segment (`*.execute`,
//! `hashlib.md5`), and a path can only match such a pattern when its own last segment is that
//! literal — so a [`PatternIndex`] keeps, per literal last segment, the entries having a
//! pattern that ends in it, merged with the entries having a pattern whose end is not literal
//! (`subprocess.*`, `yaml.*Loader`), which must always be tried. A lookup is one hash of the
//! path's last segment; the candidates come in list order, so "the first entry that matches"
//! keeps its meaning. The index only narrows: every candidate is still checked with
//! [`Pattern::matches`](super::pattern::Pattern::matches).

use std::collections::HashMap;

use super::pattern::{Pattern, last_segment};

/// Candidates per literal last segment, and the entries every path must try.
#[derive(Debug, Default)]
pub(crate) struct PatternIndex {
    by_last: HashMap<Box<str>, Box<[u32]>>,
    /// Entries with a pattern whose last segment is not literal, in list order.
    always: Box<[u32]>,
}

impl PatternIndex {
    /// Index entries by their patterns: `entries` yields each entry's patterns, in list order.
    pub(crate) fn new<'p, I, P>(entries: I) -> PatternIndex
    where
        I: IntoIterator<Item = P>,
        P: IntoIterator<Item = &'p Pattern>,
    {
        let mut by_last: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        let mut always = Vec::new();
        for (at, patterns) in entries.into_iter().enumerate() {
            let at = u32::try_from(at).expect("fewer than 2^32 entries");
            for p in patterns {
                let list = match p.literal_last() {
                    Some(last) => by_last.entry(last.into()).or_default(),
                    None => &mut always,
                };
                if list.last() != Some(&at) {
                    list.push(at);
                }
            }
        }
        always.dedup();
        let by_last = by_last
            .into_iter()
            .map(|(last, mut list)| {
                list.extend_from_slice(&always);
                list.sort_unstable();
                list.dedup();
                (last, list.into_boxed_slice())
            })
            .collect();
        PatternIndex {
            by_last,
            always: always.into_boxed_slice(),
        }
    }

    /// The entries that may have a pattern matching `path`, in list order.
    pub(crate) fn candidates(&self, path: &str) -> impl Iterator<Item = usize> + '_ {
        self.by_last
            .get(last_segment(path))
            .unwrap_or(&self.always)
            .iter()
            .map(|&i| i as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(entries: &[&[&str]]) -> (Vec<Vec<Pattern>>, PatternIndex) {
        let compiled: Vec<Vec<Pattern>> = entries
            .iter()
            .map(|e| e.iter().map(|p| Pattern::new(p)).collect())
            .collect();
        let index = PatternIndex::new(compiled.iter().map(|e| e.iter()));
        (compiled, index)
    }

    #[test]
    fn candidates_are_every_entry_that_matches_in_list_order() {
        let (compiled, index) = index(&[
            &["*.execute", "cursor.executemany"],
            &["subprocess.*"],
            &["hashlib.md5", "*.execute"],
            &["yaml.*Loader"],
            &["input"],
            &["*.get(x.y)"],
        ]);
        let paths = [
            "conn.cursor().execute",
            "subprocess.run",
            "hashlib.md5",
            "yaml.SafeLoader",
            "input",
            "x.input",
            "a.get(x.y)",
            "f(a.b).execute",
            "execute",
            "nothing.at.all",
            "",
        ];
        for path in paths {
            let got: Vec<usize> = index.candidates(path).collect();
            let mut sorted = got.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(got, sorted, "{path}: candidates in list order, once each");
            let matching: Vec<usize> = (0..compiled.len())
                .filter(|&i| compiled[i].iter().any(|p| p.matches(path)))
                .collect();
            for m in &matching {
                assert!(
                    got.contains(m),
                    "{path}: entry {m} matches but is no candidate"
                );
            }
        }
        // Narrowing: a path ending in a literal only one entry names gets that entry and the
        // entries that must always be tried.
        assert_eq!(
            index.candidates("hashlib.md5").collect::<Vec<_>>(),
            [1, 2, 3]
        );
        assert_eq!(index.candidates("os.system").collect::<Vec<_>>(), [1, 3]);
    }
}
