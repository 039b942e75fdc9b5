//! Escaped strings: a string holding JSON (`"{\"password\": \"...\"}"`) or `.env` or YAML text
//! (`"A=1\nDB_PASSWORD=..."`) is unescaped around its escaped keys.

use super::super::escapes::unescape;
use super::super::{Budget, Encoding, Found, Origin, prefix_before};
use super::{key_len, line_end, line_start, skip_blanks};

/// Bytes unescaped before an escaped key.
const ESCAPED_BEFORE: usize = 512;
/// Bytes unescaped after an escaped key.
const ESCAPED_AFTER: usize = 8 << 10;

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
pub(super) fn find(text: &[u8], budget: &mut Budget, out: &mut Vec<Found>) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(Encoding, String)> {
        super::super::found_by(find, text)
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
}
