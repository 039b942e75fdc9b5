//! URL encoding: runs of URL characters holding `%XX` escapes, decoded (`+` stays a `+`). A
//! run is found from its escapes (one SIMD search for `%`), so text without `%` costs nothing
//! more; `%d`, `%s` and escapes of control characters (`%02x`) do not make a run.

use std::ops::Range;

use super::{Budget, Encoding, Found, Origin, is_text, prefix_before};

/// The shortest run decoded, escapes included.
const MIN_RUN: usize = 12;

/// The longest run decoded.
const MAX_RUN: usize = 16 << 10;

/// A character of a URL that is not a delimiter in code: unreserved, reserved but for
/// brackets, parentheses and quotes, and `%`.
fn url_char(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'-' | b'.'
                | b'_'
                | b'~'
                | b':'
                | b'/'
                | b'?'
                | b'#'
                | b'@'
                | b'!'
                | b'$'
                | b'&'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b'%'
        )
}

/// The byte a `%XX` escape at `at` stands for, when it is one and not of a control character.
fn escape(text: &[u8], at: usize) -> Option<u8> {
    let digit = |i: usize| char::from(*text.get(i)?).to_digit(16);
    let byte = u8::try_from(digit(at + 1)? << 4 | digit(at + 2)?).ok()?;
    (byte >= 0x20 && byte != 0x7F || matches!(byte, b'\t' | b'\n' | b'\r')).then_some(byte)
}

/// The URL-decoded values of the runs of `text` holding escapes.
pub(super) fn find(text: &[u8], budget: &mut Budget, out: &mut Vec<Found>) {
    let mut done = 0;
    for at in memchr::memchr_iter(b'%', text) {
        if at < done || escape(text, at).is_none() {
            continue;
        }
        let mut start = at;
        while start > done && url_char(text[start - 1]) {
            start -= 1;
        }
        let mut end = at + 3;
        while end < text.len() && url_char(text[end]) {
            end += 1;
        }
        done = end;
        if end - start < MIN_RUN || end - start > MAX_RUN || budget.exhausted() {
            continue;
        }
        decode(text, start..end, budget, out);
    }
}

fn decode(text: &[u8], range: Range<usize>, budget: &mut Budget, out: &mut Vec<Found>) {
    if !budget.take(range.len()) {
        return;
    }
    let mut value = Vec::with_capacity(range.len());
    let mut map = Vec::with_capacity(range.len() + 1);
    let mut i = range.start;
    while i < range.end {
        map.push(i);
        if text[i] == b'%'
            && i + 2 < range.end
            && let Some(byte) = escape(text, i)
        {
            value.push(byte);
            i += 3;
        } else {
            value.push(text[i]);
            i += 1;
        }
    }
    map.push(range.end);
    if !is_text(&value, true) {
        return;
    }
    let (prefix, prefix_at_start) = prefix_before(text, range.start);
    out.push(Found {
        how: Encoding::Percent,
        prefix,
        prefix_at_start,
        value,
        origin: Origin::Bytes(map),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, Range<usize>)> {
        let mut out = Vec::new();
        find(text.as_bytes(), &mut Budget::new(1 << 20), &mut out);
        out.into_iter()
            .map(|f| {
                let range = f.origin.range(0..f.value.len());
                (String::from_utf8(f.value).expect("text"), range)
            })
            .collect()
    }

    #[test]
    fn escaped_runs_are_decoded_and_mapped_byte_by_byte() {
        let text = "url = 'postgres%3A%2F%2Fapp%3Apw@db'";
        let got = found(text);
        assert_eq!(got, [("postgres://app:pw@db".to_owned(), 7..35)]);
        let mut out = Vec::new();
        find(text.as_bytes(), &mut Budget::new(1 << 20), &mut out);
        // `app` (after `%2F%2F`) comes from offset 24.
        assert_eq!(out[0].origin.range(11..14), 24..27);
    }

    #[test]
    fn format_strings_and_control_escapes_are_not_runs() {
        assert!(found("printf(\"%d items of %s at %02x%02x\", n, s, a, b)").is_empty());
        assert!(found("x = '%41'").is_empty(), "too short");
        assert!(found("a%00b%01c%02d%03e%04f").is_empty());
    }
}
