//! Split strings: chains of string literals joined by `+` (JavaScript, Java, C#, Go, Python),
//! `.` (PHP), `..` (Lua) or nothing (shell `"a""b"`), across line breaks and `\` continuations,
//! are joined into one value; in Python and C, where literals separated by white space are
//! one string, so are they ([`Joins::Adjacent`]), and nowhere else (a list of literals, one a
//! line, or the words of a shell command are not one value).
//!
//! A line is read only when a quote in it is followed by such a joint and another quote (a
//! scan of the quotes, not of the text); it is then read from its start, literal by literal,
//! so that the quote that opens a literal is not taken for one that closes it. A comment (`#`
//! or `//` outside a literal) ends the line.

use std::ops::Range;

use super::{Budget, Encoding, Found, Joins, MIN_TEXT, Origin, prefix_before};

/// The longest joined value.
const MAX_JOINED: usize = 16 << 10;

/// The most line breaks between two literals of a chain.
const MAX_BREAKS: usize = 2;

fn is_quote(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | b'`')
}

/// After a literal ending before `at`, where the next literal of its chain starts: spaces, an
/// operator (`+`, `.`, `..`) or a `\` continuation, white space including at most
/// [`MAX_BREAKS`] line breaks, and a quote; without an operator or a continuation, only a quote
/// right there, unless literals separated by white space are joined (`adjacent`).
fn joint(text: &[u8], at: usize, adjacent: bool) -> Option<usize> {
    let mut i = at;
    let mut breaks = 0;
    let mut explicit = false;
    loop {
        match text.get(i)? {
            b' ' | b'\t' | b'\r' => i += 1,
            b'\n' => {
                breaks += 1;
                if breaks > MAX_BREAKS {
                    return None;
                }
                i += 1;
            }
            b'\\' if matches!(text.get(i + 1), Some(b'\n' | b'\r')) => {
                explicit = true;
                i += 1;
            }
            b'+' if !explicit => {
                explicit = true;
                i += 1;
            }
            b'.' if !explicit => {
                explicit = true;
                i += if text.get(i + 1) == Some(&b'.') { 2 } else { 1 };
            }
            &b => return (is_quote(b) && (explicit || adjacent || i == at)).then_some(i),
        }
    }
}

/// A literal opening at `at`: the range of its content and where it ends (after its closing
/// quote); `None` when it does not close on its line.
fn literal(text: &[u8], at: usize) -> Option<(Range<usize>, usize)> {
    let quote = text[at];
    let triple = [quote; 3];
    if text[at..].starts_with(&triple) {
        let start = at + 3;
        let window = &text[start..(start + MAX_JOINED).min(text.len())];
        let close = memchr::memmem::find(window, &triple)?;
        if memchr::memchr(b'\n', &window[..close]).is_some() {
            return None;
        }
        return Some((start..start + close, start + close + 3));
    }
    let mut i = at + 1;
    while i < text.len() {
        match text[i] {
            b'\\' => i += 2,
            b'\n' => return None,
            b if b == quote => return Some((at + 1..i, i + 1)),
            _ => i += 1,
        }
    }
    None
}

/// Whether a comment starts at `i` (outside a literal): `#` at the start of a line or after
/// white space, or `//` not after `:` (a URL).
fn comment(text: &[u8], i: usize) -> bool {
    match text[i] {
        b'#' => i == 0 || matches!(text[i - 1], b' ' | b'\t' | b'\n'),
        b'/' => text.get(i + 1) == Some(&b'/') && (i == 0 || text[i - 1] != b':'),
        _ => false,
    }
}

/// The joined values of the chains of literals in `text`, joined as `joins` says.
pub(super) fn find(text: &[u8], joins: Joins, budget: &mut Budget, out: &mut Vec<Found>) {
    let adjacent = match joins {
        Joins::No => return,
        Joins::Operators => false,
        Joins::Adjacent => true,
    };
    let mut done = 0;
    let mut chain = Vec::new();
    // Backquoted literals are read in a line with another joint (a chain of them only is
    // rare, and Markdown is full of backquotes).
    for q in memchr::memchr2_iter(b'"', b'\'', text) {
        // Most quotes are followed by neither a joint nor white space.
        let next = text.get(q + 1).copied().unwrap_or(b'x');
        if q < done
            || !matches!(
                next,
                b' ' | b'\t' | b'\r' | b'\n' | b'+' | b'.' | b'\\' | b'"' | b'\'' | b'`'
            )
            || joint(text, q + 1, adjacent).is_none()
        {
            continue;
        }
        let line = memchr::memrchr(b'\n', &text[..q]).map_or(0, |i| i + 1);
        done = read_line(text, line.max(done), adjacent, &mut chain, budget, out);
        if budget.exhausted() {
            return;
        }
    }
}

/// Read literals from `start` to the end of its line (or of the last line a chain reaches),
/// emitting the chains of two literals or more; returns where it stopped.
fn read_line(
    text: &[u8],
    start: usize,
    adjacent: bool,
    chain: &mut Vec<Literal>,
    budget: &mut Budget,
    out: &mut Vec<Found>,
) -> usize {
    chain.clear();
    let mut i = start;
    while i < text.len() {
        let b = text[i];
        if b == b'\n' {
            break;
        }
        if comment(text, i) {
            i = memchr::memchr(b'\n', &text[i..]).map_or(text.len(), |n| i + n);
            break;
        }
        if !is_quote(b) {
            i += 1;
            continue;
        }
        let Some((content, end)) = literal(text, i) else {
            i = memchr::memchr(b'\n', &text[i..]).map_or(text.len(), |n| i + n);
            break;
        };
        chain.push((b, content, i));
        i = end;
        if let Some(next) = joint(text, end, adjacent) {
            i = next;
        } else {
            emit(text, chain, budget, out);
            chain.clear();
        }
    }
    emit(text, chain, budget, out);
    i
}

/// A literal of a chain: its quote, its content and where it opens.
type Literal = (u8, Range<usize>, usize);

/// The joined value of a chain of two literals or more.
fn emit(text: &[u8], chain: &[Literal], budget: &mut Budget, out: &mut Vec<Found>) {
    if chain.len() < 2 {
        return;
    }
    let len: usize = chain.iter().map(|(_, c, _)| c.len()).sum();
    if !(MIN_TEXT..=MAX_JOINED).contains(&len) || !budget.take(len) {
        return;
    }
    let mut value = Vec::with_capacity(len + 1);
    let mut map = Vec::with_capacity(len + 2);
    for (_, content, _) in chain {
        value.extend_from_slice(&text[content.clone()]);
        map.extend(content.clone());
    }
    let (quote, last, _) = &chain[chain.len() - 1];
    value.push(*quote);
    map.push(last.end);
    map.push(last.end + 1);
    let (prefix, prefix_at_start) = prefix_before(text, chain[0].2 + 1);
    out.push(Found {
        how: Encoding::Concat,
        prefix,
        prefix_at_start,
        value,
        origin: Origin::Bytes(map),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(text: &str) -> Vec<String> {
        joined_as(text, Joins::Adjacent)
    }

    fn joined_as(text: &str, joins: Joins) -> Vec<String> {
        let mut out = Vec::new();
        find(text.as_bytes(), joins, &mut Budget::new(1 << 20), &mut out);
        out.into_iter()
            .map(|f| {
                let mut s = String::from_utf8(f.prefix).expect("text");
                s.push('|');
                s.push_str(std::str::from_utf8(&f.value).expect("text"));
                s
            })
            .collect()
    }

    #[test]
    fn chains_of_every_language_are_joined() {
        assert_eq!(
            joined(r#"const t = "ghp_abc" + "defghi" + 'jkl';"#),
            [r#"const t = "|ghp_abcdefghijkl'"#]
        );
        assert_eq!(
            joined("KEY = ('AKIA'\n       'QYXZ1234')\n"),
            ["KEY = ('|AKIAQYXZ1234'"]
        );
        assert_eq!(
            joined("$k = 'sk_live_' . 'abcdef';"),
            ["$k = '|sk_live_abcdef'"]
        );
        assert_eq!(
            joined(r#"local k = "abcd" .. "efgh""#),
            [r#"local k = "|abcdefgh""#]
        );
        assert_eq!(
            joined(r#"TOKEN="abcd""efgh"'ijkl'"#),
            [r#"TOKEN="|abcdefghijkl'"#]
        );
        assert_eq!(
            joined("x = \"abcd\" \\\n    \"efgh\"\n"),
            ["x = \"|abcdefgh\""]
        );
        assert_eq!(
            joined("s := \"abcd\" +\n\t\"efgh\""),
            ["s := \"|abcdefgh\""]
        );
    }

    #[test]
    fn white_space_joins_only_where_the_language_joins() {
        let list = "'Password=abcd1'\n'RoleName=efgh2'\n";
        assert_eq!(joined_as(list, Joins::Adjacent).len(), 1);
        assert!(joined_as(list, Joins::Operators).is_empty());
        assert!(joined_as(r#"curl -u "abcd" "efgh""#, Joins::Operators).is_empty());
        assert_eq!(joined_as(r#"T="abcd""efgh""#, Joins::Operators).len(), 1);
        assert_eq!(
            joined_as("x = 'abcd' +\n  'efgh'", Joins::Operators).len(),
            1
        );
        assert_eq!(
            joined_as("x = 'abcd' \\\n  'efgh'", Joins::Operators).len(),
            1
        );
        assert!(joined_as(r#"x = "abcd" + "efgh""#, Joins::No).is_empty());
    }

    #[test]
    fn quotes_are_read_from_the_start_of_the_line() {
        // `" "` is one literal, not the joint of two.
        assert!(joined(r#"x = " ".join(parts) + name"#).is_empty());
        assert!(joined(r#"print("a" + x + "b")"#).is_empty());
        assert!(joined(r#"f(", ", "abcdefgh")"#).is_empty());
        // A comment ends the line.
        assert!(joined(r#"x = 1  # "abcd" + "efgh""#).is_empty());
        // Too short to be worth it.
        assert!(joined(r#"x = "a" + "b""#).is_empty());
    }

    #[test]
    fn joined_bytes_map_to_their_literals() {
        let text = r#"t = "abcd" + "efgh""#;
        let mut out = Vec::new();
        find(
            text.as_bytes(),
            Joins::Operators,
            &mut Budget::new(1 << 20),
            &mut out,
        );
        let origin = &out[0].origin;
        // A range ends where the source of the next byte starts (the joint included).
        assert_eq!(origin.range(0..4), 5..14);
        assert_eq!(origin.range(0..3), 5..8);
        assert_eq!(origin.range(4..8), 14..18);
        assert_eq!(origin.range(0..8), 5..18);
    }
}
