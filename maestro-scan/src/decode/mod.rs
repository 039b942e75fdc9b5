//! Decoding: the values an input hides from a line-by-line regex — encoded (base64, hex,
//! URL-encoded), split (adjacent string literals joined by `+`, `.`, `..` or nothing) or
//! structured (escaped JSON strings, YAML block scalars, name/value pairs) — brought into one
//! view that the same engine scans.
//!
//! Only candidate runs are decoded, never the whole input: runs of the base64 alphabet of at
//! least 16 characters ([`runs`], [`base64`]), of at least 32 hex digits ([`hex`]), runs with
//! `%XX` escapes ([`percent`]), chains of string literals ([`concat`](mod@concat)) and the values of
//! [`values`]. A decoding is kept only when it is mostly printable text ([`is_text`]); it is
//! then searched again for the same runs, once (depth 2: base64 of base64, hex of a base64 PEM,
//! a URL-encoded base64 value). The decoded bytes of one input are bounded ([`MAX_DECODED`]).
//! Literals are joined only in files of languages that concatenate them, and YAML block scalars
//! read only in YAML files and text without an extension ([`Finders`]).
//!
//! The view is the concatenation of the pieces, each its context (the text before the value
//! on its line, at most [`MAX_PREFIX`] bytes: `password: "`), its decoded value and `\n`; a
//! match in a value maps back to the encoded range in the input ([`Origin`]), a match in a
//! context is not the piece's (the input itself holds it).

use std::ops::Range;

mod base64;
mod concat;
mod escapes;
mod finders;
mod hex;
mod percent;
mod runs;
mod values;

pub(crate) use finders::{Finders, Joins};

/// How many decodings are applied one inside the other at most.
pub(crate) const MAX_DEPTH: usize = 2;

/// The most bytes decoded from one input (successful decodings and failed attempts alike);
/// candidates past it are not decoded.
pub(crate) const MAX_DECODED: usize = 256 << 10;

/// The most context kept before a value.
pub(crate) const MAX_PREFIX: usize = 64;

/// The fewest characters a decoded value has to be worth scanning.
const MIN_TEXT: usize = 8;

/// How a value was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// A base64 or base64url run, decoded.
    Base64,
    /// A run of hex digits, decoded.
    Hex,
    /// A run with `%XX` escapes, decoded.
    Percent,
    /// Adjacent string literals, joined.
    Concat,
    /// A string with escapes (`\"`, `\n`, `\u0041`), unescaped.
    Escaped,
    /// A YAML block scalar (`key: |`), folded onto its key.
    BlockScalar,
    /// A value given as a name/value pair (`- name: KEY` / `value: ...`), as `KEY: value`.
    NameValue,
}

impl Encoding {
    /// How a finding's description says it.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Encoding::Base64 => "base64-decoded",
            Encoding::Hex => "hex-decoded",
            Encoding::Percent => "URL-decoded",
            Encoding::Concat => "in joined string literals",
            Encoding::Escaped => "in an unescaped string",
            Encoding::BlockScalar => "in a YAML block scalar",
            Encoding::NameValue => "in a name/value pair",
        }
    }
}

/// Where a value's bytes come from in the text it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Origin {
    /// The whole encoded range stands for every byte of the value (base64, hex).
    Whole(Range<usize>),
    /// Byte `i` of the value comes from offset `map[i]`; `map[len]` is where the last byte's
    /// source ends (unescaped, URL-decoded and joined values). The range of bytes `a..b` is
    /// `map[a]..map[b]`: up to where the next byte's source starts (for joined literals, the
    /// joint after a literal is included).
    Bytes(Vec<usize>),
}

impl Origin {
    /// The range of the text that value bytes `range` come from.
    pub(crate) fn range(&self, range: Range<usize>) -> Range<usize> {
        match self {
            Origin::Whole(whole) => whole.clone(),
            Origin::Bytes(map) => {
                let last = map.len() - 1;
                let start = map[range.start.min(last)];
                start..map[range.end.min(last)].max(start)
            }
        }
    }

    /// This origin (of a value found in a parent's value) in the parent's text.
    fn through(self, parent: &Origin) -> Origin {
        match (parent, self) {
            (Origin::Whole(whole), _) => Origin::Whole(whole.clone()),
            (Origin::Bytes(_), Origin::Whole(range)) => Origin::Whole(parent.range(range)),
            (Origin::Bytes(outer), Origin::Bytes(inner)) => {
                let last = outer.len() - 1;
                Origin::Bytes(inner.into_iter().map(|i| outer[i.min(last)]).collect())
            }
        }
    }
}

/// A value a finder found in a text.
#[derive(Debug)]
pub(crate) struct Found {
    pub(crate) how: Encoding,
    /// The context before the value (the key it is assigned to), at most [`MAX_PREFIX`] bytes.
    pub(crate) prefix: Vec<u8>,
    /// Whether the context reaches back to the start of the text (a value found inside a
    /// decoded value then inherits that value's context).
    pub(crate) prefix_at_start: bool,
    pub(crate) value: Vec<u8>,
    pub(crate) origin: Origin,
}

/// The bytes decoding may still produce for one input.
#[derive(Debug)]
pub(crate) struct Budget {
    left: usize,
}

impl Budget {
    pub(crate) fn new(bytes: usize) -> Budget {
        Budget { left: bytes }
    }

    /// Spend `bytes`; `false` (and nothing spent) when they are not left.
    pub(crate) fn take(&mut self, bytes: usize) -> bool {
        if bytes > self.left {
            self.left = 0;
            return false;
        }
        self.left -= bytes;
        true
    }

    fn exhausted(&self) -> bool {
        self.left == 0
    }
}

/// One piece of a [`Decoded`] view.
#[derive(Debug)]
pub(crate) struct Piece {
    /// Where its value starts in the view (its context comes before).
    pub(crate) value: usize,
    /// Where its value ends in the view.
    pub(crate) end: usize,
    /// Where the value comes from in the input.
    pub(crate) origin: Origin,
    /// The decodings that led to it, outermost first.
    pub(crate) how: Vec<Encoding>,
}

/// The decoded view of one input.
#[derive(Debug, Default)]
pub(crate) struct Decoded {
    /// Context, value and `\n` of every piece, in order.
    pub(crate) text: Vec<u8>,
    /// The pieces, in increasing order of position in the view.
    pub(crate) pieces: Vec<Piece>,
}

/// What a match of the view stands for in the input.
#[derive(Debug)]
pub(crate) struct Located<'a> {
    /// The range of the input the matched value bytes come from.
    pub(crate) range: Range<usize>,
    pub(crate) piece: &'a Piece,
}

impl Decoded {
    /// The decoded view of `text`: every value the `finders` find in it and, down to
    /// [`MAX_DEPTH`], in their values (with [`Finders::DECODED`]). `None` when there is nothing
    /// to decode.
    pub(crate) fn of(text: &[u8], finders: Finders) -> Option<Decoded> {
        let mut budget = Budget::new(MAX_DECODED);
        let found = find_all(text, &mut budget, finders);
        if found.is_empty() {
            return None;
        }
        let mut decoded = Decoded::default();
        for f in found {
            decoded.push(f, None, 1, &mut budget);
        }
        (!decoded.pieces.is_empty()).then_some(decoded)
    }

    /// Add a piece found at `depth` (in the value of `parent`, a piece index, when it has
    /// one) and, below [`MAX_DEPTH`], the pieces found in its value.
    fn push(
        &mut self,
        found: Found,
        parent: Option<(usize, &[u8])>,
        depth: usize,
        budget: &mut Budget,
    ) {
        let Found {
            how,
            mut prefix,
            prefix_at_start,
            value,
            origin,
        } = found;
        let (origin, how) = match parent {
            Some((index, parent_prefix)) => {
                if prefix_at_start {
                    let mut inherited = parent_prefix.to_vec();
                    inherited.extend_from_slice(&prefix);
                    let cut = inherited.len().saturating_sub(MAX_PREFIX);
                    prefix = inherited.split_off(cut);
                }
                let parent = &self.pieces[index];
                let mut chain = parent.how.clone();
                chain.push(how);
                (origin.through(&parent.origin), chain)
            }
            None => (origin, vec![how]),
        };
        self.text.extend_from_slice(&prefix);
        let start = self.text.len();
        self.text.extend_from_slice(&value);
        let end = self.text.len();
        self.text.push(b'\n');
        self.pieces.push(Piece {
            value: start,
            end,
            origin,
            how,
        });
        if depth >= MAX_DEPTH || budget.exhausted() {
            return;
        }
        let index = self.pieces.len() - 1;
        for inner in find_all(&value, budget, Finders::DECODED) {
            self.push(inner, Some((index, &prefix)), depth + 1, budget);
        }
    }

    /// The piece a match starting at `start` of the view belongs to, and the range of the input
    /// its bytes `start..end` come from; `None` when the match starts in a piece's context.
    pub(crate) fn locate(&self, start: usize, end: usize) -> Option<Located<'_>> {
        let i = self.pieces.partition_point(|p| p.value <= start);
        let piece = &self.pieces[i.checked_sub(1)?];
        if start >= piece.end {
            return None;
        }
        let from = start - piece.value;
        let to = end.min(piece.end).max(start) - piece.value;
        Some(Located {
            range: piece.origin.range(from..to),
            piece,
        })
    }
}

/// Every value of the `finders` in `text`, in order of position.
fn find_all(text: &[u8], budget: &mut Budget, finders: Finders) -> Vec<Found> {
    let mut found = Vec::new();
    runs::find(text, budget, &mut found);
    percent::find(text, budget, &mut found);
    concat::find(text, finders.joins, budget, &mut found);
    values::find(text, budget, finders, &mut found);
    found.sort_by_key(|f| f.origin.range(0..0).start);
    found
}

/// Whether decoded bytes are text worth scanning: UTF-8 (a character cut at the end is
/// allowed when `complete` is false), at least [`MIN_TEXT`] characters when complete, and at
/// most one control character (other than tab, CR and LF) in 32.
pub(crate) fn is_text(bytes: &[u8], complete: bool) -> bool {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) if !complete && e.error_len().is_none() => {
            std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return false,
    };
    let (mut chars, mut controls) = (0usize, 0usize);
    for c in text.chars() {
        chars += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
            controls += 1;
        }
    }
    (!complete || chars >= MIN_TEXT) && controls * 32 <= chars
}

/// The context before `at` in `text`: from the start of its line, at most [`MAX_PREFIX`]
/// bytes, and whether it reaches the start of the text.
pub(crate) fn prefix_before(text: &[u8], at: usize) -> (Vec<u8>, bool) {
    let from = at.saturating_sub(MAX_PREFIX);
    let start = memchr::memrchr(b'\n', &text[from..at]).map_or(from, |i| from + i + 1);
    (text[start..at].to_vec(), start == 0)
}

#[cfg(test)]
mod tests;
