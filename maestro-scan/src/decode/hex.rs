//! Hex: runs of at least [`MIN_HEX`] hex digits (an even number; `0x` before them is not part
//! of them) decoded when they spell text. Digests, ids and keys are hex too, but they do not
//! spell text: the first digit of each byte of printable ASCII is `2` to `7` (or `0` before
//! `9`, `a` or `d`: tab, LF, CR), which a few bytes of a digest already fail.

use std::ops::Range;

use super::{Budget, Encoding, Found, Origin, is_text, prefix_before};

/// The shortest hex run decoded: 32 digits (16 bytes).
pub(super) const MIN_HEX: usize = 32;

/// Bytes checked before a run is decoded.
const SAMPLE: usize = 16;

/// Whether a hex byte (two digits) is printable ASCII, tab, LF or CR.
fn text_byte(high: u8, low: u8) -> bool {
    matches!(high, b'2'..=b'7') || (high == b'0' && matches!(low, b'9' | b'a' | b'A' | b'd' | b'D'))
}

/// Decode an alphabet run of `text` that is hex digits (after an optional `0x`) into `out`;
/// `true` when it is hex (it is then not base64).
pub(super) fn find_in_run(
    text: &[u8],
    mut run: Range<usize>,
    budget: &mut Budget,
    out: &mut Vec<Found>,
) -> bool {
    if text[run.clone()].starts_with(b"0x") {
        run.start += 2;
    }
    let digits = &text[run.clone()];
    // Quick refusal on the first byte, before reading the run.
    if digits.len() < 2 || !text_byte(digits[0], digits[1]) && digits[0].is_ascii_hexdigit() {
        return digits.iter().all(u8::is_ascii_hexdigit);
    }
    if !digits.iter().all(u8::is_ascii_hexdigit) {
        return false;
    }
    // An odd run is taken from its first digit (a digit glued to its end is not its).
    let len = digits.len() & !1;
    if len >= MIN_HEX {
        decode(text, run.start..run.start + len, budget, out);
    }
    true
}

fn decode(text: &[u8], range: Range<usize>, budget: &mut Budget, out: &mut Vec<Found>) {
    let digits = &text[range.clone()];
    let sample = &digits[..digits.len().min(2 * SAMPLE)];
    let misses = sample
        .chunks_exact(2)
        .filter(|pair| !text_byte(pair[0], pair[1]))
        .count();
    if misses * 8 > sample.len() / 2 || !budget.take(digits.len() / 2) {
        return;
    }
    let Ok(value) = hex::decode(digits) else {
        return;
    };
    if !is_text(&value, true) {
        return;
    }
    let (prefix, prefix_at_start) = prefix_before(text, range.start);
    out.push(Found {
        how: Encoding::Hex,
        prefix,
        prefix_at_start,
        value,
        origin: Origin::Whole(range),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, Range<usize>)> {
        let mut out = Vec::new();
        let mut budget = Budget::new(1 << 20);
        for run in super::super::runs::Runs::new(text.as_bytes()) {
            find_in_run(text.as_bytes(), run, &mut budget, &mut out);
        }
        out.into_iter()
            .map(|f| {
                let Origin::Whole(range) = f.origin else {
                    panic!("hex values stand for their run")
                };
                (String::from_utf8(f.value).expect("text"), range)
            })
            .collect()
    }

    #[test]
    fn text_in_hex_is_decoded_and_digests_are_not() {
        let hex = hex::encode("postgres://app:pw@db/x");
        let text = format!(
            "blob = \"{hex}\"\nsha = \"{}\"\n",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
        );
        let got = found(&text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "postgres://app:pw@db/x");
        assert_eq!(got[0].1, 8..8 + hex.len());
        // `0x`, and a glued odd digit, are not part of the value.
        let text = format!("x = 0x{hex}f;");
        assert_eq!(found(&text)[0].0, "postgres://app:pw@db/x");
        // Hex glued to other letters is not a hex run.
        assert!(found(&format!("x = key_{hex}")).is_empty());
        // Too short.
        assert!(found(&format!("x = {}", hex::encode("short text"))).is_empty());
    }

    #[test]
    fn binary_in_hex_is_not_text() {
        let hex = hex::encode((0u8..=255).collect::<Vec<u8>>());
        assert!(found(&hex).is_empty());
    }
}
