//! YAML block scalars: `key: |` or `key: >-` then more indented lines, the lines joined
//! (literal: by line breaks; folded: by spaces) and read after their key.

use std::sync::LazyLock;

use memchr::memmem::Finder;

use super::super::{Budget, Encoding, Found, MIN_TEXT, Origin, prefix_before};
use super::{MAX_LINE, line_end, line_start, skip_blanks};

/// The longest block scalar read.
const MAX_BLOCK: usize = 16 << 10;

/// The headers, searched for once built.
static LITERAL_BLOCK: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b": |"));
static FOLDED_BLOCK: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b": >"));

/// YAML block scalars (`key: |`, `key: >-`), their lines joined onto the key.
pub(super) fn find(text: &[u8], budget: &mut Budget, out: &mut Vec<Found>) {
    let mut headers: Vec<(usize, bool)> = LITERAL_BLOCK
        .find_iter(text)
        .map(|at| (at, false))
        .collect();
    headers.extend(FOLDED_BLOCK.find_iter(text).map(|at| (at, true)));
    headers.sort_unstable();
    // A header inside a block read already is its text.
    let mut done = 0;
    for (at, folded) in headers {
        if at < done {
            continue;
        }
        let indicator = at + 2;
        let mut i = indicator + 1;
        while matches!(text.get(i), Some(b'-' | b'+' | b'1'..=b'9')) && i < indicator + 3 {
            i += 1;
        }
        let i = skip_blanks(text, i);
        let header_end = match text.get(i) {
            Some(b'\n') => i,
            Some(b'\r') if text.get(i + 1) == Some(&b'\n') => i + 1,
            Some(b'#') => line_end(text, i, MAX_LINE),
            _ => continue,
        };
        let key_line = line_start(text, at, MAX_LINE);
        let key_indent = skip_blanks(text, key_line) - key_line;
        let Some((value, map)) = block_lines(text, header_end + 1, key_indent, folded) else {
            continue;
        };
        done = map.last().copied().unwrap_or(done);
        if value.len() < MIN_TEXT || !budget.take(value.len()) {
            continue;
        }
        let (prefix, prefix_at_start) = prefix_before(text, indicator);
        out.push(Found {
            how: Encoding::BlockScalar,
            prefix,
            prefix_at_start,
            value,
            origin: Origin::Bytes(map),
        });
    }
}

/// The content of a block scalar whose lines start at `from`, more indented than its key:
/// each line without the block's indentation, joined by `\n` (literal) or a space (folded).
fn block_lines(
    text: &[u8],
    from: usize,
    key_indent: usize,
    folded: bool,
) -> Option<(Vec<u8>, Vec<usize>)> {
    let mut value = Vec::new();
    let mut map = Vec::new();
    let mut indent = None;
    let mut at = from;
    let mut last_end = from;
    while at < text.len() && value.len() < MAX_BLOCK {
        let end = line_end(text, at, MAX_LINE);
        let content = skip_blanks(text, at).min(end);
        let line = &text[content..end];
        if line.iter().all(|&b| b == b'\r') {
            at = end + 1;
            continue;
        }
        let this = content - at;
        let block = *indent.get_or_insert(this);
        if this <= key_indent || this < block {
            break;
        }
        if !value.is_empty() {
            value.push(if folded { b' ' } else { b'\n' });
            map.push(at - 1);
        }
        let stop = if text[end - 1] == b'\r' { end - 1 } else { end };
        let start = at + block;
        value.extend_from_slice(&text[start..stop]);
        map.extend(start..stop);
        last_end = stop;
        if text.get(end).is_some_and(|&b| b != b'\n') {
            // A line longer than is read: the block ends with what was read of it.
            break;
        }
        at = end + 1;
    }
    if value.is_empty() {
        return None;
    }
    map.push(last_end);
    Some((value, map))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(Encoding, String)> {
        super::super::found_by(find, text)
    }

    #[test]
    fn block_scalars_are_folded_onto_their_key() {
        let text = "db:\n  password: |\n    Zq3k9!xT\n  user: app\n";
        assert_eq!(
            found(text),
            [(Encoding::BlockScalar, "  password: |Zq3k9!xT".to_owned())]
        );
        let text = "key: >-\n  first part\n  second part\n";
        assert_eq!(found(text)[0].1, "key: |first part second part");
        assert!(found("x: |\n\ny: 1\n").is_empty());
    }
}
