//! Structured values the line rules cannot read as `key = value`:
//! - escaped strings ([`escaped`]): JSON inside a JSON string (`"{\"password\": \"...\"}"`)
//!   and `.env` or YAML text inside one (`"DB_PASSWORD=...\nAPI_KEY=..."`), unescaped around an
//!   escaped key (`\"name\":`) or a key after an escaped line break (`\nNAME=`, `\nname:`);
//! - YAML block scalars ([`blocks`]: `password: |` then indented lines), folded onto their key;
//! - name/value pairs ([`pairs`]: `- name: DB_PASSWORD` then `value: ...`,
//!   `{"name": "X", "value": "Y"}`, `Key`/`Value`), read as `DB_PASSWORD: ...`.
//!
//! Plain `key: value`, `key = value` and `KEY=value` lines of JSON, YAML, `.env`, INI and TOML
//! are read by the rules themselves (their assignment pattern allows quoted keys).

use super::{Budget, Finders, Found};

mod blocks;
mod escaped;
mod pairs;

/// Every structured value of `text` (block scalars and name/value pairs as `finders` say).
pub(super) fn find(text: &[u8], budget: &mut Budget, finders: Finders, out: &mut Vec<Found>) {
    escaped::find(text, budget, out);
    if finders.block_scalars {
        blocks::find(text, budget, out);
    }
    if finders.pairs {
        pairs::find(text, budget, out);
    }
}

/// The longest key line or value line read.
pub(super) const MAX_LINE: usize = 4 << 10;

/// The longest key name.
const MAX_KEY: usize = 64;

/// The start of the line of `at`, or `at - within` when the line starts before that (lines
/// are searched only so far, so that long lines cost no more than short ones).
pub(super) fn line_start(text: &[u8], at: usize, within: usize) -> usize {
    let from = at.saturating_sub(within);
    memchr::memrchr(b'\n', &text[from..at]).map_or(from, |i| from + i + 1)
}

/// The end of the line of `at`, or `at + within` when the line ends after that.
pub(super) fn line_end(text: &[u8], at: usize, within: usize) -> usize {
    let to = (at + within).min(text.len());
    memchr::memchr(b'\n', &text[at..to]).map_or(to, |i| at + i)
}

/// The length of a key name at `at` (`[A-Za-z_][A-Za-z0-9_.-]*`, at most [`MAX_KEY`]).
pub(super) fn key_len(text: &[u8], at: usize) -> usize {
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

pub(super) fn skip_blanks(text: &[u8], mut at: usize) -> usize {
    while matches!(text.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    at
}

/// What finder `find` reads in `text`, each as its encoding and `key|value` (for tests).
#[cfg(test)]
fn found_by(
    find: fn(&[u8], &mut Budget, &mut Vec<Found>),
    text: &str,
) -> Vec<(super::Encoding, String)> {
    let mut out = Vec::new();
    find(text.as_bytes(), &mut Budget::new(1 << 20), &mut out);
    out.into_iter()
        .map(|f| {
            let mut s = String::from_utf8(f.prefix).expect("text");
            s.push('|');
            s.push_str(std::str::from_utf8(&f.value).expect("text"));
            (f.how, s)
        })
        .collect()
}
