//! Structured values the line rules cannot read as `key = value`:
//! - escaped strings: JSON inside a JSON string (`"{\"password\": \"...\"}"`) and `.env` or
//!   YAML text inside one (`"DB_PASSWORD=...\nAPI_KEY=..."`), unescaped around an escaped key
//!   (`\"name\":`) or a key after an escaped line break (`\nNAME=`, `\nname:`);
//! - YAML block scalars (`password: |` then indented lines), folded onto their key;
//! - name/value pairs (`- name: DB_PASSWORD` then `value: ...`, `{"name": "X", "value": "Y"}`,
//!   `Key`/`Value`), read as `DB_PASSWORD: ...`.
//!
//! Plain `key: value`, `key = value` and `KEY=value` lines of JSON, YAML, `.env`, INI and TOML
//! are read by the rules themselves (their assignment pattern allows quoted keys).

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem::Finder;

use super::escapes::unescape;
use super::{Budget, Encoding, Finders, Found, MIN_TEXT, Origin, prefix_before};

/// Bytes unescaped before and after an escaped key.
const ESCAPED_BEFORE: usize = 512;
const ESCAPED_AFTER: usize = 8 << 10;

/// The longest block scalar read.
const MAX_BLOCK: usize = 16 << 10;

/// How far before a `value` key its `name` is looked for.
const NAME_WINDOW: usize = 256;

/// The longest key name.
const MAX_KEY: usize = 64;

/// The searches of every input, built once.
static LITERAL_BLOCK: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b": |"));
static FOLDED_BLOCK: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b": >"));
static VALUE_KEY: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"alue"));

/// Every structured value of `text` (block scalars and name/value pairs as `finders` say).
pub(super) fn find(text: &[u8], budget: &mut Budget, finders: Finders, out: &mut Vec<Found>) {
    escaped(text, budget, out);
    if finders.block_scalars {
        block_scalars(text, budget, out);
    }
    if finders.pairs {
        name_values(text, budget, out);
    }
}

/// The start of the line of `at`, or `at - within` when the line starts before that (lines
/// are searched only so far, so that long lines cost no more than short ones).
fn line_start(text: &[u8], at: usize, within: usize) -> usize {
    let from = at.saturating_sub(within);
    memchr::memrchr(b'\n', &text[from..at]).map_or(from, |i| from + i + 1)
}

/// The end of the line of `at`, or `at + within` when the line ends after that.
fn line_end(text: &[u8], at: usize, within: usize) -> usize {
    let to = (at + within).min(text.len());
    memchr::memchr(b'\n', &text[at..to]).map_or(to, |i| at + i)
}

/// The longest key line or value line read.
const MAX_LINE: usize = 4 << 10;

/// The length of a key name at `at` (`[A-Za-z_][A-Za-z0-9_.-]*`, at most [`MAX_KEY`]).
fn key_len(text: &[u8], at: usize) -> usize {
    match text.get(at) {
        Some(b) if b.is_ascii_alphabetic() || *b == b'_' => {}
        _ => return 0,
    }
    let len = text[at..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
        .count();
    if len > MAX_KEY { 0 } else { len }
}

fn skip_blanks(text: &[u8], mut at: usize) -> usize {
    while matches!(text.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    at
}

/// Whether an escaped key starts at `at`, right after `\"` (`name\":`) or after `\n`
/// (`NAME=`, `name:`).
fn escaped_key(text: &[u8], at: usize, quoted: bool) -> bool {
    let len = key_len(text, at);
    if len == 0 {
        return false;
    }
    let mut i = at + len;
    if quoted {
        if !text[i..].starts_with(br#"\""#) {
            return false;
        }
        i += 2;
    }
    let i = skip_blanks(text, i);
    match text.get(i) {
        Some(b':') => true,
        Some(b'=') => !quoted,
        _ => false,
    }
}

/// Strings with escaped keys, unescaped around them.
fn escaped(text: &[u8], budget: &mut Budget, out: &mut Vec<Found>) {
    let mut done = 0;
    for at in memchr::memchr_iter(b'\\', text) {
        if at < done {
            continue;
        }
        let key = match text.get(at + 1) {
            Some(b'"') => escaped_key(text, at + 2, true),
            Some(b'n') => escaped_key(text, at + 2, false),
            _ => false,
        };
        if !key {
            continue;
        }
        let start = line_start(text, at, ESCAPED_BEFORE);
        let end = line_end(text, at, ESCAPED_AFTER);
        done = end;
        if !budget.take(end - start) {
            return;
        }
        let (value, map) = unescape(text, start..end);
        let (prefix, prefix_at_start) = prefix_before(text, start);
        out.push(Found {
            how: Encoding::Escaped,
            prefix,
            prefix_at_start,
            value,
            origin: Origin::Bytes(map),
        });
    }
}

/// YAML block scalars (`key: |`, `key: >-`), their lines joined onto the key.
fn block_scalars(text: &[u8], budget: &mut Budget, out: &mut Vec<Found>) {
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
fn name_values(text: &[u8], budget: &mut Budget, out: &mut Vec<Found>) {
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
        let mut out = Vec::new();
        find(
            text.as_bytes(),
            &mut Budget::new(1 << 20),
            Finders::ALL,
            &mut out,
        );
        out.into_iter()
            .map(|f| {
                let mut s = String::from_utf8(f.prefix).expect("text");
                s.push('|');
                s.push_str(std::str::from_utf8(&f.value).expect("text"));
                (f.how, s)
            })
            .collect()
    }

    #[test]
    fn escaped_json_and_env_text_are_unescaped() {
        let got = found(r#"{"config": "{\"password\": \"Zq3k9!x\"}"}"#);
        assert_eq!(
            got,
            [(
                Encoding::Escaped,
                r#"|{"config": "{"password": "Zq3k9!x"}"}"#.to_owned()
            )]
        );
        let got = found(r#"env = "A=1\nDB_PASSWORD=Zq3k9!xT\n""#);
        assert_eq!(got[0].1, "|env = \"A=1\nDB_PASSWORD=Zq3k9!xT\n\"");
        // An escaped line break before prose, and a lone escaped quote, are left alone.
        assert!(found(r#"msg = "failed:\n  see the log" + "\"quoted\"""#).is_empty());
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
