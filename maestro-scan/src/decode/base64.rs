//! Base64: runs of the standard or the URL-safe alphabet (not both), with their `=` padding,
//! decoded when they spell text; a block of full lines of equal length (MIME, PEM bodies) is
//! one run. Identifiers, paths and words are runs too, but they do not spell text: the first
//! character of every four is the top six bits of a byte, `I` to `f` for printable ASCII (`C`
//! or `D` for tab, LF and CR), which the first groups of an identifier already fail; the
//! first bytes are decoded and checked before the whole run.

use std::ops::Range;

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use super::runs::is_alphabet;
use super::{Budget, Encoding, Found, Origin, is_text, prefix_before};

/// Groups (of four characters) checked before anything is decoded.
const SAMPLE_GROUPS: usize = 16;

/// The shortest line of a multi-line block.
const MIN_BLOCK_LINE: usize = 40;

const CONFIG: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_allow_trailing_bits(true)
    .with_decode_padding_mode(DecodePaddingMode::Indifferent);
const STANDARD: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::STANDARD, CONFIG);
const URL_SAFE: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::URL_SAFE, CONFIG);

/// The value of a base64 character.
fn sextet(c: u8) -> u8 {
    match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' | b'-' => 62,
        _ => 63,
    }
}

/// Whether a group's first character starts a byte of printable ASCII, tab, LF or CR.
fn starts_text(c: u8) -> bool {
    matches!(sextet(c), 2 | 3 | 8..=31)
}

/// Decode the base64 value of an alphabet run of `text` into `out`; returns the end of the
/// text it covered when that goes past the run (a multi-line block).
pub(super) fn find_in_run(
    text: &[u8],
    run: Range<usize>,
    budget: &mut Budget,
    out: &mut Vec<Found>,
) -> Option<usize> {
    let first = &text[run.clone()];
    // Quick refusal: the sampled groups must start text bytes (one miss in eight allowed).
    let groups = (first.len() / 4).min(SAMPLE_GROUPS);
    let mut misses = 0;
    for &c in first.iter().step_by(4).take(groups) {
        if !starts_text(c) {
            misses += 1;
            if misses * 8 > groups {
                return None;
            }
        }
    }
    if groups == 0 {
        return None;
    }
    let standard = first.iter().any(|&b| b == b'+' || b == b'/');
    let url = first.iter().any(|&b| b == b'-' || b == b'_');
    if standard && url {
        return None;
    }
    let segments = block(text, run.clone());
    let end = segments.last().map_or(run.end, |s| s.end);
    let padding = text[end..]
        .iter()
        .take(2)
        .take_while(|&&b| b == b'=')
        .count();
    let mut chars: Vec<u8> = Vec::with_capacity(end - run.start);
    for s in &segments {
        chars.extend_from_slice(&text[s.clone()]);
    }
    if chars.len() % 4 == 1 {
        return None;
    }
    let engine = if url { &URL_SAFE } else { &STANDARD };
    // Decode a sample first: a long run of binary data costs only its first bytes.
    let sample = &chars[..chars.len().min(SAMPLE_GROUPS * 4)];
    if !budget.take(sample.len() / 4 * 3) {
        return None;
    }
    let Ok(head) = engine.decode(sample) else {
        return None;
    };
    if !is_text(&head, sample.len() == chars.len()) {
        return None;
    }
    let value = if sample.len() == chars.len() {
        head
    } else {
        if !budget.take(chars.len() / 4 * 3) {
            return None;
        }
        engine.decode(&chars).ok()?
    };
    if !is_text(&value, true) {
        return None;
    }
    let (prefix, prefix_at_start) = prefix_before(text, run.start);
    out.push(Found {
        how: Encoding::Base64,
        prefix,
        prefix_at_start,
        value,
        origin: Origin::Whole(run.start..end + padding),
    });
    (segments.len() > 1).then_some(end + padding)
}

/// The lines of a block starting with `run`: a run alone on its line (after indentation), of
/// at least [`MIN_BLOCK_LINE`] characters and a multiple of four, continued by the runs alone
/// on the next lines at the same indentation, all as long as the first but the last.
fn block(text: &[u8], run: Range<usize>) -> Vec<Range<usize>> {
    let mut segments = vec![run.clone()];
    let width = run.len();
    if width < MIN_BLOCK_LINE || !width.is_multiple_of(4) {
        return segments;
    }
    let blanks = text[..run.start]
        .iter()
        .rev()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    let line_start = run.start - blanks;
    if line_start > 0 && text[line_start - 1] != b'\n' {
        return segments;
    }
    let indent = &text[line_start..run.start];
    let mut end = run.end;
    loop {
        let mut next = end;
        if text.get(next) == Some(&b'\r') {
            next += 1;
        }
        if text.get(next) != Some(&b'\n') {
            break;
        }
        next += 1;
        if !text[next..].starts_with(indent) {
            break;
        }
        let start = next + indent.len();
        let mut stop = start;
        while stop < text.len() && is_alphabet(text[stop]) {
            stop += 1;
        }
        let len = stop - start;
        let at_line_end = matches!(text.get(stop), None | Some(b'\n' | b'\r' | b'='));
        if len == 0 || len > width || !at_line_end {
            break;
        }
        segments.push(start..stop);
        end = stop;
        if len < width {
            break;
        }
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose;

    fn found(text: &str) -> Vec<(String, Range<usize>)> {
        let mut out = Vec::new();
        let mut budget = Budget::new(1 << 20);
        let mut runs = super::super::runs::Runs::new(text.as_bytes());
        while let Some(run) = runs.next() {
            if let Some(end) = find_in_run(text.as_bytes(), run, &mut budget, &mut out) {
                runs.skip_to(end);
            }
        }
        out.into_iter()
            .map(|f| {
                let Origin::Whole(range) = f.origin else {
                    panic!("base64 values stand for their run")
                };
                (String::from_utf8(f.value).expect("text"), range)
            })
            .collect()
    }

    #[test]
    fn text_in_base64_is_decoded_with_its_padding() {
        let encoded = general_purpose::STANDARD.encode("user:pa55word-for-db");
        assert!(encoded.ends_with('='));
        let text = format!("auth: {encoded}\n");
        assert_eq!(
            found(&text),
            [("user:pa55word-for-db".to_owned(), 6..6 + encoded.len())]
        );
        let url = general_purpose::URL_SAFE_NO_PAD.encode("a?b>c~~~d?e>f~~~g?h>");
        assert!(url.contains('_') || url.contains('-'), "{url}");
        assert_eq!(found(&format!("v={url}"))[0].0, "a?b>c~~~d?e>f~~~g?h>");
    }

    #[test]
    fn identifiers_binary_and_mixed_alphabets_are_not_decoded() {
        assert!(found("ThisIsAVeryLongIdentifierName and some_snake_case_identifier").is_empty());
        let binary: Vec<u8> = (0u8..=255).collect();
        assert!(found(&general_purpose::STANDARD.encode(binary)).is_empty());
        // A run mixing both alphabets is not base64.
        let encoded = general_purpose::STANDARD.encode("what??? more>>> text, long enough");
        assert!(encoded.contains('/') || encoded.contains('+'), "{encoded}");
        assert_eq!(found(&encoded).len(), 1);
        assert!(found(&format!("{encoded}-_")).is_empty());
    }

    #[test]
    fn a_block_of_lines_is_one_value() {
        let plain = "line one of a long text that is encoded in base64 across several lines";
        let encoded = general_purpose::STANDARD.encode(plain);
        let lines: Vec<&str> = encoded
            .as_bytes()
            .chunks(44)
            .map(|c| std::str::from_utf8(c).expect("ascii"))
            .collect();
        let text = format!("data:\n  {}\nnext: x\n", lines.join("\n  "));
        let got = found(&text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, plain);
    }
}
