//! Backslash escapes of string literals (JSON, C, Python, JavaScript): `\"`, `\'`, `\\`, `\/`,
//! `\n`, `\r`, `\t` and `\uXXXX`, resolved with the source offset of every byte, so that a
//! match in the unescaped text maps back to its exact range.

use std::ops::Range;

/// `text[range]` with its escapes resolved, and where each of its bytes comes from (one offset
/// per byte, then the end of the range). Other escapes are kept as they are.
pub(super) fn unescape(text: &[u8], range: Range<usize>) -> (Vec<u8>, Vec<usize>) {
    let mut value = Vec::with_capacity(range.len());
    let mut map = Vec::with_capacity(range.len() + 1);
    let mut i = range.start;
    while i < range.end {
        let b = text[i];
        if b != b'\\' || i + 1 >= range.end {
            value.push(b);
            map.push(i);
            i += 1;
            continue;
        }
        let resolved = match text[i + 1] {
            c @ (b'"' | b'\'' | b'\\' | b'/') => Some(c),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            _ => None,
        };
        if let Some(c) = resolved {
            value.push(c);
            map.push(i);
            i += 2;
        } else if text[i + 1] == b'u'
            && let Some(c) = text.get(i + 2..(i + 6).min(range.end)).and_then(unicode)
        {
            let mut buf = [0u8; 4];
            for &byte in c.encode_utf8(&mut buf).as_bytes() {
                value.push(byte);
                map.push(i);
            }
            i += 6;
        } else {
            value.push(b);
            map.push(i);
            i += 1;
        }
    }
    map.push(range.end);
    (value, map)
}

/// The character of the four hex digits of a `\u` escape (not a surrogate).
fn unicode(digits: &[u8]) -> Option<char> {
    if digits.len() != 4 {
        return None;
    }
    let code = u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()?;
    char::from_u32(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_resolve_and_map_back() {
        let text = br#"x = "{\"password\": \"a\u0041b\"}\n\q""#;
        let (value, map) = unescape(text, 5..text.len() - 1);
        assert_eq!(
            value,
            br#"{"password": "aAb"}"#.iter().chain(b"\n\\q").copied().collect::<Vec<u8>>()
        );
        assert_eq!(map.len(), value.len() + 1);
        // `"` of `\"password` comes from its backslash; `A` from its `\u0041`.
        assert_eq!(map[1], 6);
        let a = value.iter().position(|&b| b == b'A').expect("A");
        assert_eq!(&text[map[a]..map[a + 1]], br"\u0041");
        assert_eq!(*map.last().expect("end"), text.len() - 1);
    }

    #[test]
    fn a_trailing_backslash_and_short_unicode_stay() {
        let (value, _) = unescape(br"ab\", 0..3);
        assert_eq!(value, br"ab\");
        let (value, _) = unescape(br"a\u00", 0..5);
        assert_eq!(value, br"a\u00");
    }
}
