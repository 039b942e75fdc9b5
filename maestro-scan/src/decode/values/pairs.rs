//! Name/value pairs: `- name: DB_PASSWORD` then `value: ...` (Kubernetes `env`),
//! `{"name": "X", "value": "Y"}` (ECS task definitions), `Key`/`Value` (tags, parameters), read
//! as `NAME: value`.

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem::Finder;

use super::super::{Budget, Encoding, Found, MIN_TEXT, Origin};
use super::{MAX_LINE, key_len, line_end, skip_blanks};

/// How far before a `value` key its `name` is looked for.
const NAME_WINDOW: usize = 256;

static VALUE_KEY: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"alue"));

/// The value after a key ending at `at` (`": "`, `: `): a quoted string (quotes kept) or the
/// rest of the line up to `,` or `}`; with its range.
fn key_value(text: &[u8], at: usize) -> Option<Range<usize>> {
    let mut i = at;
    if matches!(text.get(i), Some(b'"' | b'\'')) {
        i += 1;
    }
    i = skip_blanks(text, i);
    if text.get(i) != Some(&b':') {
        return None;
    }
    i = skip_blanks(text, i + 1);
    let end = line_end(text, i, MAX_LINE);
    if let &q @ (b'"' | b'\'') = text.get(i)? {
        let close = memchr::memchr(q, &text[i + 1..end])? + i + 1;
        return Some(i..close + 1);
    }
    let stop = text[i..end]
        .iter()
        .position(|&b| matches!(b, b',' | b'}' | b'\r' | b'#'))
        .map_or(end, |p| i + p);
    let trimmed = text[i..stop]
        .iter()
        .rposition(|&b| b != b' ')
        .map_or(i, |p| i + p + 1);
    (trimmed > i).then_some(i..trimmed)
}

/// Whether a key starts at `at`: at the start of a line or after white space, a quote, `{`, `,`
/// or `-`.
fn key_start(text: &[u8], at: usize) -> bool {
    at == 0
        || matches!(
            text[at - 1],
            b' ' | b'\t' | b'\n' | b'"' | b'\'' | b'{' | b',' | b'-'
        )
}

/// `name`/`value` and `key`/`value` pairs, read as `NAME: value`.
pub(super) fn find(text: &[u8], budget: &mut Budget, out: &mut Vec<Found>) {
    // `value` and `Value` in one search.
    for at in VALUE_KEY.find_iter(text).filter_map(|at| at.checked_sub(1)) {
        if !matches!(text[at], b'v' | b'V') || !key_start(text, at) {
            continue;
        }
        let Some(value) = key_value(text, at + 5) else {
            continue;
        };
        if value.len() < MIN_TEXT {
            continue;
        }
        let Some(name) = name_before(text, at) else {
            continue;
        };
        if !budget.take(value.len()) {
            return;
        }
        let mut prefix = text[name].to_vec();
        prefix.extend_from_slice(b": ");
        out.push(Found {
            how: Encoding::NameValue,
            prefix,
            prefix_at_start: false,
            value: text[value.clone()].to_vec(),
            origin: Origin::Bytes(value.clone().chain([value.end]).collect()),
        });
    }
}

/// The name of a `name`/`key` key at `k` (of `len` bytes) that names the `value` key at `at`.
fn name_at(text: &[u8], k: usize, len: usize, at: usize) -> Option<Range<usize>> {
    if !key_start(text, k) {
        return None;
    }
    let range = key_value(text, k + len)?;
    let name = match text[range.start] {
        b'"' | b'\'' => range.start + 1..range.end - 1,
        _ => range,
    };
    if name.is_empty() || key_len(text, name.start) != name.len() {
        return None;
    }
    let between = &text[name.end..at];
    let breaks = memchr::memchr_iter(b'\n', between).count();
    (breaks <= 2 && !between.iter().any(|&b| b == b'{' || b == b'}')).then_some(name)
}

/// The name given to the `value` key at `at`: the value of the nearest `name`/`key` key
/// before it, in the same object (no brace between) and at most two lines up.
fn name_before(text: &[u8], at: usize) -> Option<Range<usize>> {
    let from = at.saturating_sub(NAME_WINDOW);
    let window = &text[from..at];
    let mut best: Option<Range<usize>> = None;
    for key in [&b"name"[..], b"Name", b"key", b"Key"] {
        for k in memchr::memmem::rfind_iter(window, key).map(|k| from + k) {
            if best.as_ref().is_some_and(|b| b.start > k) {
                break;
            }
            if let Some(name) = name_at(text, k, key.len(), at) {
                best = Some(name);
                break;
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(Encoding, String)> {
        super::super::found_by(find, text)
    }

    #[test]
    fn name_value_pairs_read_as_assignments() {
        let text = "env:\n  - name: DB_PASSWORD\n    value: \"Zq3k9!xT\"\n";
        assert_eq!(
            found(text),
            [(Encoding::NameValue, "DB_PASSWORD: |\"Zq3k9!xT\"".to_owned())]
        );
        let text = r#"[{"name": "API_TOKEN", "value": "Zq3k9!xTw"}]"#;
        assert_eq!(found(text)[0].1, "API_TOKEN: |\"Zq3k9!xTw\"");
        let text = r#"{"Key": "Secret", "Value": "Zq3k9!xTw"}"#;
        assert_eq!(found(text)[0].1, "Secret: |\"Zq3k9!xTw\"");
        // Another object's name is not this value's.
        assert!(found(r#"{"name": "a"}, {"value": "Zq3k9!xTw"}"#).is_empty());
    }
}
