//! Where a finding is: offsets of a scanned view turned into 1-based lines and columns of the
//! input, counted incrementally over increasing offsets.

use crate::binary;
use crate::decode::Decoded;

/// How a view's offsets become lines and columns.
#[derive(Clone, Copy)]
pub(crate) enum Positions<'a> {
    /// In the view itself (the input, or its UTF-16 decoding).
    Direct { line_map: Option<&'a [usize]> },
    /// In `original`, through the runs' segments.
    Runs {
        original: &'a [u8],
        runs: &'a binary::Runs,
        line_map: Option<&'a [usize]>,
    },
    /// In `original`, at the start of the encoded value each piece of the decoded view comes
    /// from.
    Decoded {
        original: &'a [u8],
        decoded: &'a Decoded,
        line_map: Option<&'a [usize]>,
    },
}

/// Lines and columns of increasing offsets in one text, counted once.
pub(crate) struct Cursor<'a> {
    text: &'a [u8],
    at: usize,
    /// 0-based line of `at`.
    line: usize,
    /// 1-based column of `at`.
    column: usize,
    /// Whether columns count UTF-8 characters (text) rather than bytes (binary content).
    characters: bool,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(text: &'a [u8], characters: bool) -> Cursor<'a> {
        Cursor {
            text,
            at: 0,
            line: 0,
            column: 1,
            characters,
        }
    }

    /// The 0-based line and 1-based column of `to`; counting restarts from the start of the
    /// text when `to` is before the previous offset.
    pub(crate) fn advance(&mut self, to: usize) -> (usize, usize) {
        if to < self.at {
            *self = Cursor::new(self.text, self.characters);
        }
        let to = to.min(self.text.len());
        let span = &self.text[self.at..to];
        let width = |bytes: &[u8]| {
            if self.characters {
                bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
            } else {
                bytes.len()
            }
        };
        match memchr::memrchr(b'\n', span) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', span).count();
                self.column = width(&span[last + 1..]) + 1;
            }
            None => self.column += width(span),
        }
        self.at = to;
        (self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_counts_lines_and_columns_incrementally() {
        let text = "ab\né\nxyz".as_bytes();
        let mut cursor = Cursor::new(text, true);
        assert_eq!(cursor.advance(1), (0, 2));
        assert_eq!(cursor.advance(3), (1, 1));
        assert_eq!(cursor.advance(5), (1, 2));
        assert_eq!(cursor.advance(8), (2, 3));
        let mut bytes = Cursor::new(text, false);
        assert_eq!(bytes.advance(5), (1, 3));
        // Backwards: counted again from the start.
        assert_eq!(cursor.advance(1), (0, 2));
    }
}
