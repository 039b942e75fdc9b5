//! Candidate runs: maximal runs of the base64 alphabet (standard and URL-safe:
//! `A-Za-z0-9+/-_`) of at least [`MIN_RUN`] characters, offered to [`hex`](super::hex) and
//! [`base64`](super::base64).
//!
//! Every text input is searched, so the search has no branch per byte: it classifies sixteen
//! bytes into a mask by table ([`block_mask`]) and follows runs from one block to the next
//! with the mask's leading and trailing ones.

use std::ops::Range;

use super::{Budget, Found};

/// The shortest run looked at: 16 base64 characters (12 bytes).
pub(super) const MIN_RUN: usize = 16;

/// Bytes classified at once (and the longest run that can lie inside one block, plus one).
const BLOCK: usize = 16;

/// Which bytes belong to the base64 alphabet, standard or URL-safe.
static ALPHABET: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        #[allow(clippy::cast_possible_truncation)] // b < 256
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'-' | b'_');
        b += 1;
    }
    table
};

/// Whether `b` belongs to the base64 alphabet, standard or URL-safe.
pub(super) fn is_alphabet(b: u8) -> bool {
    ALPHABET[usize::from(b)]
}

/// One bit per byte of `block` (the first lowest): in the alphabet or not.
fn block_mask(block: &[u8; BLOCK]) -> u32 {
    let bit = |i: usize| u32::from(is_alphabet(block[i])) << i;
    let quarter = |i: usize| bit(i) | bit(i + 1) | bit(i + 2) | bit(i + 3);
    (quarter(0) | quarter(4)) | (quarter(8) | quarter(12))
}

/// The runs of `text` of at least [`MIN_RUN`] alphabet characters, in order; consumers can
/// skip text they have handled ([`Runs::skip_to`]).
#[derive(Debug)]
pub(super) struct Runs<'a> {
    text: &'a [u8],
    /// The next block.
    at: usize,
    /// How many alphabet bytes end the text before it.
    streak: usize,
    /// Runs starting before this are not wanted.
    skip: usize,
}

impl<'a> Runs<'a> {
    pub(super) fn new(text: &'a [u8]) -> Runs<'a> {
        Runs {
            text,
            at: 0,
            streak: 0,
            skip: 0,
        }
    }

    /// Look for the next run only from `at` on.
    pub(super) fn skip_to(&mut self, at: usize) {
        self.skip = self.skip.max(at);
    }

    /// The run ending at `end`, `len` bytes long, if it is one.
    fn run(&self, end: usize, len: usize) -> Option<Range<usize>> {
        (len >= MIN_RUN && end - len >= self.skip).then(|| end - len..end)
    }
}

impl Iterator for Runs<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let text = self.text;
        while self.at < text.len() {
            let start = self.at;
            self.at += BLOCK;
            let mask = if let Some(block) = text.get(start..start + BLOCK) {
                block_mask(block.try_into().expect("a block"))
            } else {
                // The last bytes, then bytes out of the alphabet.
                let mut last = [0u8; BLOCK];
                last[..text.len() - start].copy_from_slice(&text[start..]);
                block_mask(&last)
            };
            if mask == 0xFFFF {
                self.streak += BLOCK;
                continue;
            }
            // The run going on from the blocks before ends in this one; a run inside it is
            // too short; one ending it goes on into the next.
            let head = mask.trailing_ones() as usize;
            let len = self.streak + head;
            self.streak = (mask << 16).leading_ones() as usize;
            if let Some(run) = self.run(start + head, len) {
                return Some(run);
            }
        }
        // A run to the end of the text (of whole blocks).
        let len = std::mem::take(&mut self.streak);
        self.run(text.len(), len)
    }
}

/// The hex and base64 values of the runs of `text`.
pub(super) fn find(text: &[u8], budget: &mut Budget, out: &mut Vec<Found>) {
    let mut runs = Runs::new(text);
    while let Some(run) = runs.next() {
        if budget.exhausted() {
            return;
        }
        if super::hex::find_in_run(text, run.clone(), budget, out) {
            continue;
        }
        if let Some(end) = super::base64::find_in_run(text, run, budget, out) {
            runs.skip_to(end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> Vec<&str> {
        Runs::new(text.as_bytes()).map(|r| &text[r]).collect()
    }

    #[test]
    fn a_block_is_classified_byte_by_byte() {
        let block = *b".a0 _\xFFZ/+-,@[`{~";
        assert_eq!(block_mask(&block), 0b0000_0011_1101_0110);
        for b in 0..=255u8 {
            let expected = b.is_ascii_alphanumeric() || b"+/-_".contains(&b);
            assert_eq!(block_mask(&[b; BLOCK]) == 0xFFFF, expected, "byte {b:#x}");
        }
    }

    #[test]
    fn every_long_run_and_no_short_one_is_found() {
        assert_eq!(
            runs("a bb 0123456789abcdef x ABCDEFGHIJKLMNO+/_-q"),
            ["0123456789abcdef", "ABCDEFGHIJKLMNO+/_-q"]
        );
        assert_eq!(
            runs("short words only, nothing long here"),
            Vec::<&str>::new()
        );
        // A run at every alignment and of every length around the block size is found whole.
        for pad in 0..20 {
            for len in 15..50 {
                let text = format!("{}={}=", " ".repeat(pad), "Q".repeat(len));
                let want = (len >= MIN_RUN).then_some(pad + 1..pad + 1 + len);
                let got: Vec<Range<usize>> = Runs::new(text.as_bytes()).collect();
                assert_eq!(got, Vec::from_iter(want), "pad {pad} len {len}");
            }
        }
        assert_eq!(runs(&"x".repeat(16)).len(), 1);
        assert_eq!(runs(&"x".repeat(32)), ["x".repeat(32)]);
        let text = format!("k={}:{}=v", "a".repeat(20), "b".repeat(16));
        assert_eq!(runs(&text), ["a".repeat(20), "b".repeat(16)]);
    }

    #[test]
    fn skipping_leaves_out_the_runs_before() {
        let text = "AAAAAAAAAAAAAAAA\nBBBBBBBBBBBBBBBB\nCCCCCCCCCCCCCCCC";
        let mut it = Runs::new(text.as_bytes());
        assert_eq!(it.next(), Some(0..16));
        it.skip_to(34);
        assert_eq!(it.next(), Some(34..50));
        assert_eq!(it.next(), None);
    }
}
