//! The canonical JSON form: writing it, and checking that stored bytes are exactly it.
//!
//! The rules are stated for implementers in the crate documentation (section "Canonical form");
//! this module is their single implementation, used by both the writer and the verifier.

use std::cmp::Ordering;

/// Deepest nesting of arrays and objects accepted inside `details` (the entry object itself is
/// depth 1, `details` depth 2).
pub const MAX_DEPTH: usize = 64;

/// Appends `s` as a canonical JSON string (with its quotes) to `out`.
pub(crate) fn write_str(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.push(b'"');
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            0x0c => b'f',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            0x00..=0x1f => b'u',
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.push(b'\\');
        out.push(short);
        if short == b'u' {
            out.extend_from_slice(b"00");
            out.push(HEX[usize::from(b >> 4)]);
            out.push(HEX[usize::from(b & 0x0f)]);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Appends the decimal form of an unsigned integer.
pub(crate) fn write_u64(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + u8::try_from(n % 10).expect("a digit is below 10");
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// Appends the decimal form of a signed integer.
pub(crate) fn write_i64(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    write_u64(out, n.unsigned_abs());
}

/// Why bytes are not canonical JSON: the offset of the first offending byte and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NotCanonical {
    pub offset: usize,
    pub what: &'static str,
}

pub(crate) type Checked<T> = Result<T, NotCanonical>;

pub(crate) fn fail<T>(offset: usize, what: &'static str) -> Checked<T> {
    Err(NotCanonical { offset, what })
}

/// Checks the canonical string starting at `pos` (which must be its opening quote) and returns
/// the offset just past its closing quote and whether it contains an escape.
///
/// The caller has already checked that the whole input is valid UTF-8.
pub(crate) fn check_str(b: &[u8], pos: usize) -> Checked<(usize, bool)> {
    if b.get(pos) != Some(&b'"') {
        return fail(pos, "expected a string");
    }
    let mut i = pos + 1;
    let mut escaped = false;
    loop {
        let Some(&c) = b.get(i) else {
            return fail(i, "unterminated string");
        };
        match c {
            b'"' => return Ok((i + 1, escaped)),
            b'\\' => {
                escaped = true;
                match b.get(i + 1) {
                    Some(b'"' | b'\\' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                    Some(b'u') => {
                        let code = b.get(i + 2..i + 6).ok_or(NotCanonical {
                            offset: i,
                            what: "truncated \\u escape",
                        })?;
                        let ok = code[0] == b'0'
                            && code[1] == b'0'
                            && matches!(code[2], b'0' | b'1')
                            && matches!(code[3], b'0'..=b'9' | b'a'..=b'f');
                        let value = if ok {
                            (code[2] - b'0') * 16
                                + if code[3] <= b'9' {
                                    code[3] - b'0'
                                } else {
                                    code[3] - b'a' + 10
                                }
                        } else {
                            0x08
                        };
                        if !ok || matches!(value, 0x08 | 0x09 | 0x0a | 0x0c | 0x0d) {
                            return fail(
                                i,
                                "\\u escape used for a character that has another canonical form",
                            );
                        }
                        i += 6;
                    }
                    _ => return fail(i, "escape not allowed in canonical form"),
                }
            }
            0x00..=0x1f => return fail(i, "control character not escaped"),
            _ => i += 1,
        }
    }
}

/// Unescapes a checked canonical string body (between the quotes).
fn unescape(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        if body[i] == b'\\' {
            let c = body[i + 1];
            let (byte, len) = match c {
                b'b' => (0x08, 2),
                b'f' => (0x0c, 2),
                b'n' => (b'\n', 2),
                b'r' => (b'\r', 2),
                b't' => (b'\t', 2),
                b'u' => {
                    let hi = body[i + 4] - b'0';
                    let lo = body[i + 5];
                    let lo = if lo <= b'9' {
                        lo - b'0'
                    } else {
                        lo - b'a' + 10
                    };
                    (hi * 16 + lo, 6)
                }
                other => (other, 2),
            };
            out.push(byte);
            i += len;
        } else {
            out.push(body[i]);
            i += 1;
        }
    }
    out
}

/// Compares two checked keys (string bodies without quotes) by the bytes of their decoded UTF-8.
fn compare_keys(a: &[u8], a_escaped: bool, b: &[u8], b_escaped: bool) -> Ordering {
    if a_escaped || b_escaped {
        unescape(a).cmp(&unescape(b))
    } else {
        a.cmp(b)
    }
}

/// Checks a canonical integer at `pos` and returns the offset past it.
pub(crate) fn check_int(b: &[u8], pos: usize) -> Checked<usize> {
    let negative = b.get(pos) == Some(&b'-');
    let start = pos + usize::from(negative);
    let mut end = start;
    while matches!(b.get(end), Some(b'0'..=b'9')) {
        end += 1;
    }
    let digits = &b[start..end];
    if digits.is_empty() {
        return fail(pos, "expected a value");
    }
    if digits.len() > 1 && digits[0] == b'0' {
        return fail(pos, "leading zero in an integer");
    }
    if negative && digits == b"0" {
        return fail(pos, "negative zero");
    }
    if matches!(b.get(end), Some(b'.' | b'e' | b'E')) {
        return fail(end, "numbers must be integers");
    }
    let text = std::str::from_utf8(digits).expect("ASCII digits");
    let in_range = digits.len() < 19
        || if negative {
            text.parse::<u64>().is_ok_and(|n| n <= 1 << 63)
        } else {
            text.parse::<u64>().is_ok()
        };
    if !in_range {
        return fail(pos, "integer outside the 64-bit range");
    }
    Ok(end)
}

/// Checks the canonical value at `pos`, nested `depth` deep, and returns the offset past it.
pub(crate) fn check_value(b: &[u8], pos: usize, depth: usize) -> Checked<usize> {
    match b.get(pos) {
        Some(b'"') => check_str(b, pos).map(|(end, _)| end),
        Some(b'{') => check_object(b, pos, depth + 1),
        Some(b'[') => {
            if depth + 1 > MAX_DEPTH {
                return fail(pos, "nested too deeply");
            }
            let mut i = pos + 1;
            if b.get(i) == Some(&b']') {
                return Ok(i + 1);
            }
            loop {
                i = check_value(b, i, depth + 1)?;
                match b.get(i) {
                    Some(b',') => i += 1,
                    Some(b']') => return Ok(i + 1),
                    _ => return fail(i, "expected `,` or `]`"),
                }
            }
        }
        Some(b't') if b[pos..].starts_with(b"true") => Ok(pos + 4),
        Some(b'f') if b[pos..].starts_with(b"false") => Ok(pos + 5),
        Some(b'n') if b[pos..].starts_with(b"null") => Ok(pos + 4),
        Some(b'-' | b'0'..=b'9') => check_int(b, pos),
        _ => fail(pos, "expected a value"),
    }
}

/// Checks a canonical object at `pos` (its `{`) at nesting `depth` and returns the offset past it.
pub(crate) fn check_object(b: &[u8], pos: usize, depth: usize) -> Checked<usize> {
    if depth > MAX_DEPTH {
        return fail(pos, "nested too deeply");
    }
    if b.get(pos) != Some(&b'{') {
        return fail(pos, "expected an object");
    }
    let mut i = pos + 1;
    if b.get(i) == Some(&b'}') {
        return Ok(i + 1);
    }
    let mut previous: Option<(usize, usize, bool)> = None;
    loop {
        let key_start = i;
        let (key_end, escaped) = check_str(b, i)?;
        let key = (key_start + 1, key_end - 1, escaped);
        if let Some((ps, pe, pesc)) = previous
            && compare_keys(&b[ps..pe], pesc, &b[key.0..key.1], escaped) != Ordering::Less
        {
            return fail(key_start, "object keys not in strictly increasing order");
        }
        previous = Some(key);
        if b.get(key_end) != Some(&b':') {
            return fail(key_end, "expected `:`");
        }
        i = check_value(b, key_end + 1, depth)?;
        match b.get(i) {
            Some(b',') => i += 1,
            Some(b'}') => return Ok(i + 1),
            _ => return fail(i, "expected `,` or `}`"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(s: &str) -> Vec<u8> {
        let mut out = Vec::new();
        write_str(&mut out, s);
        out
    }

    #[test]
    fn string_escapes_match_the_rules_and_serde_json() {
        let cases = [
            "plain",
            "quote\" back\\ slash/",
            "\u{8}\u{c}\n\r\t",
            "\u{0}\u{1f}\u{7f}",
            "é€😀",
        ];
        for case in cases {
            let ours = written(case);
            assert_eq!(ours, serde_json::to_vec(case).expect("string"), "{case:?}");
            assert_eq!(check_str(&ours, 0), Ok((ours.len(), ours.contains(&b'\\'))));
        }
        assert_eq!(written("\u{1}"), br#""\u0001""#);
    }

    #[test]
    fn non_canonical_strings_are_refused() {
        for bad in [
            &br#""\/""#[..],
            br#""\u0041""#,
            br#""\u000a""#,
            br#""\u001F""#,
            b"\"a\nb\"",
            br#""\x""#,
            b"\"open",
        ] {
            assert!(
                check_str(bad, 0).is_err(),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn integers() {
        for (text, ok) in [
            ("0", true),
            ("-1", true),
            ("18446744073709551615", true),
            ("18446744073709551616", false),
            ("-9223372036854775808", true),
            ("-9223372036854775809", false),
            ("01", false),
            ("-0", false),
            ("1.5", false),
            ("1e3", false),
            ("+1", false),
        ] {
            assert_eq!(check_value(text.as_bytes(), 0, 1).is_ok(), ok, "{text}");
        }
        let mut out = Vec::new();
        write_i64(&mut out, i64::MIN);
        assert_eq!(out, b"-9223372036854775808");
    }

    #[test]
    fn objects_need_sorted_unique_keys_and_no_whitespace() {
        assert!(check_object(br#"{"a":1,"b":[true,false,null,{}]}"#, 0, 1).is_ok());
        assert!(check_object(br#"{"b":1,"a":2}"#, 0, 1).is_err());
        assert!(check_object(br#"{"a":1,"a":2}"#, 0, 1).is_err());
        assert!(check_object(br#"{"a": 1}"#, 0, 1).is_err());
        // "\n" (0x0a) sorts before "A" (0x41) although its escaped form "\\n" would not.
        assert!(check_object(br#"{"\n":1,"A":2}"#, 0, 1).is_ok());
        assert!(check_object(br#"{"A":1,"\n":2}"#, 0, 1).is_err());
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(check_value(deep.as_bytes(), 0, 0).is_err());
    }
}
