//! Binary-looking content (a NUL byte anywhere): the texts scanned in its place, so that such
//! content is searched rather than skipped.
//!
//! Three views, each scanned by the ordinary engine:
//! - the printable ASCII runs of the bytes, as `strings` prints them ([`ascii_runs`]);
//! - the runs of printable ASCII characters each separated from the next by one NUL byte, at
//!   any alignment ([`interleaved_runs`]): UTF-16 text in the ASCII range, little- or
//!   big-endian, whole or embedded in a binary, and ASCII with NULs slipped between characters;
//! - the whole content decoded as UTF-16 when it is UTF-16 text ([`utf16_text`]), recognised by
//!   its byte-order mark or, without one, by NUL bytes gathering at odd (little-endian) or even
//!   (big-endian) offsets.
//!
//! A run view is a compact text (runs separated by `\n`) with the offset of every run in the
//! original bytes, so findings are reported at their line in the original content.

/// The shortest run kept, in characters (as `strings -n 6`): shorter runs of a binary are noise,
/// and no secret is that short.
pub(crate) const MIN_RUN: usize = 6;

/// Bytes sampled at the start of BOM-less content to recognise UTF-16 by its NUL pattern.
const UTF16_SAMPLE: usize = 64 << 10;

/// A character `strings` prints: printable ASCII, space or tab.
fn printable(b: u8) -> bool {
    b == b'\t' || (0x20..=0x7E).contains(&b)
}

/// One run of a [`Runs`] view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Segment {
    /// Where the run starts in the view.
    pub(crate) view: usize,
    /// Where it starts in the original bytes.
    pub(crate) original: usize,
    /// Original bytes per view byte: 1 for ASCII runs, 2 for NUL-interleaved runs.
    pub(crate) stride: usize,
}

/// Runs of characters taken out of binary content, one per line, with their origin.
#[derive(Debug, Default)]
pub(crate) struct Runs {
    /// The runs, each followed by `\n`.
    pub(crate) text: Vec<u8>,
    /// One segment per run, in increasing order of both offsets.
    pub(crate) segments: Vec<Segment>,
}

impl Runs {
    fn push(&mut self, original: usize, stride: usize, chars: impl Iterator<Item = u8>) {
        self.segments.push(Segment {
            view: self.text.len(),
            original,
            stride,
        });
        self.text.extend(chars);
        self.text.push(b'\n');
    }

    /// The offset in the original bytes of `view` (an offset inside a run; a separator maps
    /// just past its run).
    pub(crate) fn original_offset(&self, view: usize) -> usize {
        let i = self.segments.partition_point(|s| s.view <= view);
        match i.checked_sub(1).map(|i| self.segments[i]) {
            Some(s) => s.original + (view - s.view) * s.stride,
            None => view,
        }
    }
}

/// The runs of at least [`MIN_RUN`] printable ASCII bytes (tab included), as `strings` finds
/// them.
pub(crate) fn ascii_runs(bytes: &[u8]) -> Runs {
    let mut runs = Runs::default();
    let mut i = 0;
    while i < bytes.len() {
        if !printable(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && printable(bytes[i]) {
            i += 1;
        }
        if i - start >= MIN_RUN {
            runs.push(start, 1, bytes[start..i].iter().copied());
        }
    }
    runs
}

/// The runs of at least [`MIN_RUN`] printable ASCII characters each followed by one NUL (but
/// the last), wherever they start: `A\0K\0I\0A\0…` yields `AKIA…`. This is UTF-16 in the ASCII
/// range whatever its byte order and alignment (`\0A\0K…` too), as `strings -e l` and
/// `strings -e b` find it.
pub(crate) fn interleaved_runs(bytes: &[u8]) -> Runs {
    let mut runs = Runs::default();
    let mut from = 0;
    while let Some(at) = memchr::memchr(0, &bytes[from..]) {
        let nul = from + at;
        if nul == from || !printable(bytes[nul - 1]) {
            from = nul + 1;
            continue;
        }
        let start = nul - 1;
        let mut last = start;
        while last + 2 < bytes.len() && bytes[last + 1] == 0 && printable(bytes[last + 2]) {
            last += 2;
        }
        if (last - start) / 2 + 1 >= MIN_RUN {
            runs.push(start, 2, bytes[start..=last].iter().step_by(2).copied());
        }
        from = (last + 1).max(nul + 1);
    }
    runs
}

/// A UTF-16 byte order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ByteOrder {
    /// Little-endian: ASCII characters are followed by their NUL.
    Little,
    /// Big-endian: ASCII characters are preceded by their NUL.
    Big,
}

/// Whether `bytes` look like UTF-16 text, and in which byte order, and where the text starts
/// (after a byte-order mark). Without a mark, the NULs of the first 64 KiB decide: at least a
/// quarter of the 16-bit units with a NUL high byte, and four times as many NULs there as at the
/// other parity (binary data has NULs at both parities).
pub(crate) fn utf16_byte_order(bytes: &[u8]) -> Option<(ByteOrder, usize)> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some((ByteOrder::Little, 2)),
        [0xFE, 0xFF, ..] => return Some((ByteOrder::Big, 2)),
        _ => {}
    }
    let sample = &bytes[..bytes.len().min(UTF16_SAMPLE) & !1];
    let units = sample.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for at in memchr::memchr_iter(0, sample) {
        if at % 2 == 0 {
            even += 1;
        } else {
            odd += 1;
        }
    }
    let dominant = |many: usize, few: usize| many > 0 && many * 4 >= units && many >= few * 4;
    if dominant(odd, even) {
        Some((ByteOrder::Little, 0))
    } else if dominant(even, odd) {
        Some((ByteOrder::Big, 0))
    } else {
        None
    }
}

/// `bytes` from `start` decoded as UTF-16 in `order`, as UTF-8; unpaired surrogates become
/// U+FFFD and an odd last byte is dropped.
pub(crate) fn utf16_text(bytes: &[u8], order: ByteOrder, start: usize) -> String {
    let units = bytes[start.min(bytes.len())..]
        .chunks_exact(2)
        .map(|pair| match order {
            ByteOrder::Little => u16::from_le_bytes([pair[0], pair[1]]),
            ByteOrder::Big => u16::from_be_bytes([pair[0], pair[1]]),
        });
    let mut text = String::with_capacity(bytes.len() / 2 + bytes.len() / 4);
    text.extend(char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(runs: &Runs) -> Vec<&str> {
        std::str::from_utf8(&runs.text)
            .expect("runs are ASCII")
            .lines()
            .collect()
    }

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    fn utf16be(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    #[test]
    fn ascii_runs_are_those_strings_prints_and_map_back() {
        let bytes =
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0key = AKIAQ7RPZ3MFXW2BKT5L\x00\x01\tshort\xffabcdef";
        let runs = ascii_runs(bytes);
        assert_eq!(
            lines(&runs),
            ["key = AKIAQ7RPZ3MFXW2BKT5L", "\tshort", "abcdef"]
        );
        let in_view = runs.text.iter().position(|&b| b == b'A').expect("the key");
        let original = bytes.iter().position(|&b| b == b'A').expect("the key");
        assert_eq!(runs.original_offset(in_view), original);
        assert_eq!(
            runs.original_offset(runs.segments[2].view + 1),
            bytes.len() - 5
        );
        assert!(ascii_runs(b"\0abc\0de\0").text.is_empty());
    }

    #[test]
    fn interleaved_runs_find_utf16_ascii_at_any_alignment() {
        let le = utf16le("id=AKIAQ7RPZ3MFXW2BKT5L");
        let be = utf16be("id=AKIAQ7RPZ3MFXW2BKT5L");
        let mut odd = vec![0x13];
        odd.extend_from_slice(&le);
        for bytes in [&le, &be, &odd] {
            let runs = interleaved_runs(bytes);
            assert_eq!(lines(&runs), ["id=AKIAQ7RPZ3MFXW2BKT5L"], "{bytes:?}");
            let k = runs.text.iter().position(|&b| b == b'K').expect("K");
            let at = runs.original_offset(k);
            assert_eq!(bytes[at], b'K');
            assert_eq!(bytes[at - 2], b'A');
        }
        // Five characters are not a run; a double NUL ends one.
        assert!(interleaved_runs(b"a\0b\0c\0d\0e\0").text.is_empty());
        assert_eq!(
            lines(&interleaved_runs(b"a\0b\0c\0d\0e\0f\0\0g\0h\0")),
            ["abcdef"]
        );
    }

    #[test]
    fn utf16_is_recognised_by_mark_or_nul_parity() {
        let text = "naïve 日本 key = AKIAQ7RPZ3MFXW2BKT5L\n";
        let mut le_bom = vec![0xFF, 0xFE];
        le_bom.extend(utf16le(text));
        let mut be_bom = vec![0xFE, 0xFF];
        be_bom.extend(utf16be(text));
        assert_eq!(utf16_byte_order(&le_bom), Some((ByteOrder::Little, 2)));
        assert_eq!(utf16_byte_order(&be_bom), Some((ByteOrder::Big, 2)));
        assert_eq!(
            utf16_byte_order(&utf16le(text)),
            Some((ByteOrder::Little, 0))
        );
        assert_eq!(utf16_byte_order(&utf16be(text)), Some((ByteOrder::Big, 0)));
        assert_eq!(utf16_text(&le_bom, ByteOrder::Little, 2), text);
        assert_eq!(utf16_text(&be_bom, ByteOrder::Big, 2), text);
        // Binary data with NULs at both parities is not UTF-16; nor is text with one NUL.
        let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 5) as u8).collect();
        assert_eq!(utf16_byte_order(&binary), None);
        assert_eq!(utf16_byte_order(b"plain text with one\0NUL in it"), None);
        // An unpaired surrogate decodes to U+FFFD.
        assert_eq!(
            utf16_text(&[0x00, 0xD8, 0x41, 0x00], ByteOrder::Little, 0),
            "\u{FFFD}A"
        );
    }
}
