//! Redaction: a text with every secret match replaced by its rule's marker.

use std::sync::Arc;

use super::matching::Candidate;
use crate::rule::Rule;

/// `text` with each of the secret matches `found` (of `rules`) replaced by
/// `[REDACTED:<rule id>]`, or `None` when there are none.
pub(super) fn redact(text: &str, mut found: Vec<Candidate>, rules: &[Arc<Rule>]) -> Option<String> {
    if found.is_empty() {
        return None;
    }
    found.sort_unstable_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for c in found {
        // A match inside one already replaced (a secret and the encoded value holding it).
        if at > 0 && c.end <= at {
            continue;
        }
        // Matches are byte ranges; widen them to character boundaries (which can make one
        // reach into the next).
        let start = floor_char_boundary(text, c.start.max(at));
        let end = ceil_char_boundary(text, c.end).max(start);
        out.push_str(&text[at..start]);
        out.push_str("[REDACTED:");
        out.push_str(rules[c.rule].id());
        out.push(']');
        at = end;
    }
    out.push_str(&text[at..]);
    Some(out)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}
