//! One stored line: writing an entry in its canonical form, and parsing and checking one.

use std::ops::Range;

use jiff::Timestamp;

use crate::canonical::{self, Checked, NotCanonical, fail};
use crate::details::TooDeep;
use crate::event::Event;
use crate::hash::EntryHash;

/// Length of the stored suffix `,"hash":"<64 hex>"}`.
pub(crate) const HASH_SUFFIX_LEN: usize = 75;
const HASH_KEY: &[u8] = br#","hash":""#;

/// `ts` as stored: RFC 3339, UTC, whole seconds, e.g. `2026-11-24T10:00:00Z`.
pub(crate) fn format_ts(ts: Timestamp) -> String {
    Timestamp::from_second(ts.as_second())
        .expect("a valid timestamp truncated to seconds is valid")
        .to_string()
}

/// Appends the stored line for `event` (with `seq`, `prev` and `ts`) to `out` and returns the
/// entry's hash. The line ends with `\n`.
pub(crate) fn write_line(
    out: &mut Vec<u8>,
    event: &Event,
    seq: u64,
    prev: &EntryHash,
    ts: &str,
) -> Result<EntryHash, TooDeep> {
    let start = out.len();
    out.extend_from_slice(br#"{"action":"#);
    canonical::write_str(out, &event.action);
    out.extend_from_slice(br#","actor":"#);
    canonical::write_str(out, &event.actor);
    out.extend_from_slice(br#","details":"#);
    event.details.write(out, 2)?;
    out.extend_from_slice(br#","prev":""#);
    let prev_hex = prev.to_hex_bytes();
    out.extend_from_slice(&prev_hex);
    out.extend_from_slice(br#"","seq":"#);
    canonical::write_u64(out, seq);
    out.extend_from_slice(br#","subject":"#);
    canonical::write_str(out, &event.subject);
    out.extend_from_slice(br#","ts":"#);
    canonical::write_str(out, ts);
    out.push(b'}');
    let hash = hash_body(&prev_hex, &out[start..]);
    out.pop();
    out.extend_from_slice(HASH_KEY);
    out.extend_from_slice(&hash.to_hex_bytes());
    out.extend_from_slice(b"\"}\n");
    Ok(hash)
}

/// SHA-256 of the 64 ASCII hex characters of `prev` followed by the canonical body.
pub(crate) fn hash_body(prev_hex: &[u8; 64], body: &[u8]) -> EntryHash {
    EntryHash::of_parts(&[prev_hex, body])
}

/// A stored line that parsed and is in canonical form. Ranges index the line and cover a string
/// value with its quotes.
#[derive(Debug, Clone)]
pub(crate) struct ParsedLine {
    pub seq: u64,
    pub prev: EntryHash,
    pub hash: EntryHash,
    pub action: Range<usize>,
    pub actor: Range<usize>,
    pub details: Range<usize>,
    pub subject: Range<usize>,
    pub ts: Range<usize>,
    /// The 64 hex characters of `prev`.
    pub prev_hex: Range<usize>,
    /// Length of the body without its closing `}` (where `,"hash":` starts).
    pub body_len: usize,
}

impl ParsedLine {
    /// The hash the line should carry: SHA-256(prev hex || body).
    pub(crate) fn computed_hash(&self, line: &[u8]) -> EntryHash {
        EntryHash::of_parts(&[&line[self.prev_hex.clone()], &line[..self.body_len], b"}"])
    }
}

fn expect(b: &[u8], pos: usize, literal: &[u8], what: &'static str) -> Checked<usize> {
    if b[pos.min(b.len())..].starts_with(literal) {
        Ok(pos + literal.len())
    } else {
        fail(pos, what)
    }
}

fn string_at(b: &[u8], pos: usize) -> Checked<Range<usize>> {
    canonical::check_str(b, pos).map(|(end, _)| pos..end)
}

/// Whether a complete last line is *torn*: not JSON at all (what a crash that exposes a
/// partial or zero-filled block leaves). A line that is JSON but not a canonical entry is not
/// torn: no crash produces it, so it is reported as malformed and never moved aside.
pub(crate) fn is_torn(line: &[u8]) -> bool {
    parse_line(line).is_err() && serde_json::from_slice::<serde_json::Value>(line).is_err()
}

/// Parses a stored line (without its `\n`) and checks that it is exactly the canonical form plus
/// the hash key. Does not check the hash itself.
pub(crate) fn parse_line(line: &[u8]) -> Result<ParsedLine, NotCanonical> {
    if std::str::from_utf8(line).is_err() {
        return fail(0, "not UTF-8");
    }
    if line.len() < HASH_SUFFIX_LEN + 2 {
        return fail(0, "too short to be an entry");
    }
    let body_len = line.len() - HASH_SUFFIX_LEN;
    let suffix = &line[body_len..];
    if !suffix.starts_with(HASH_KEY) || !suffix.ends_with(b"\"}") {
        return fail(body_len, "does not end with the \"hash\" key");
    }
    let hash = EntryHash::from_hex_bytes(&suffix[HASH_KEY.len()..HASH_KEY.len() + 64]).ok_or(
        NotCanonical {
            offset: body_len + HASH_KEY.len(),
            what: "hash is not 64 lowercase hex",
        },
    )?;

    let mut i = expect(line, 0, br#"{"action":"#, "expected {\"action\":")?;
    let action = string_at(line, i)?;
    i = expect(line, action.end, br#","actor":"#, "expected ,\"actor\":")?;
    let actor = string_at(line, i)?;
    i = expect(line, actor.end, br#","details":"#, "expected ,\"details\":")?;
    let details_end = canonical::check_object(line, i, 2)?;
    let details = i..details_end;
    i = expect(line, details_end, br#","prev":""#, "expected ,\"prev\":")?;
    let prev_at = i;
    let prev = line
        .get(i..i + 64)
        .and_then(EntryHash::from_hex_bytes)
        .ok_or(NotCanonical {
            offset: i,
            what: "prev is not 64 lowercase hex",
        })?;
    i = expect(line, i + 64, br#"","seq":"#, "expected ,\"seq\":")?;
    if line.get(i) == Some(&b'-') {
        return fail(i, "seq is negative");
    }
    let seq_end = canonical::check_int(line, i)?;
    let seq: u64 = std::str::from_utf8(&line[i..seq_end])
        .expect("checked digits")
        .parse()
        .expect("checked to fit in u64");
    i = expect(line, seq_end, br#","subject":"#, "expected ,\"subject\":")?;
    let subject = string_at(line, i)?;
    i = expect(line, subject.end, br#","ts":"#, "expected ,\"ts\":")?;
    let ts = string_at(line, i)?;
    if ts.end != body_len {
        return fail(ts.end, "unexpected data after \"ts\"");
    }
    Ok(ParsedLine {
        seq,
        prev,
        hash,
        action,
        actor,
        details,
        subject,
        ts,
        prev_hex: prev_at..prev_at + 64,
        body_len,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::details::Details;

    #[test]
    fn written_lines_parse_back() {
        let event = Event::new("dispatcher", "order.dispatch", "v1/\"health\"\n")
            .with_details(Details::new().with("crew", 2).with("note", "é"));
        let mut out = Vec::new();
        let prev = EntryHash::of_parts(&[b"x"]);
        let hash = write_line(&mut out, &event, 7, &prev, "2026-11-24T10:00:00Z").expect("shallow");
        assert_eq!(out.last(), Some(&b'\n'));
        let line = &out[..out.len() - 1];
        let parsed = parse_line(line).expect("canonical");
        assert_eq!((parsed.seq, parsed.prev, parsed.hash), (7, prev, hash));
        assert_eq!(parsed.computed_hash(line), hash);
        assert_eq!(&line[parsed.ts.clone()], br#""2026-11-24T10:00:00Z""#);
        // The stored line is valid JSON whose fields serde_json reads back.
        let value: serde_json::Value = serde_json::from_slice(line).expect("json");
        assert_eq!(value["subject"], "v1/\"health\"\n");
        assert_eq!(value["hash"], hash.to_hex());
    }

    #[test]
    fn non_canonical_variants_are_refused() {
        let event = Event::new("a", "b", "c");
        let mut out = Vec::new();
        write_line(
            &mut out,
            &event,
            1,
            &EntryHash::ZERO,
            "2026-11-24T10:00:00Z",
        )
        .expect("shallow");
        let good = String::from_utf8(out[..out.len() - 1].to_vec()).expect("utf-8");
        for bad in [
            good.replacen("{\"action\"", "{ \"action\"", 1),
            good.replacen("\"seq\":1", "\"seq\":01", 1),
            good.replacen("\"seq\":1", "\"seq\":1.0", 1),
            good.replacen("\"details\":{}", "\"details\":[]", 1),
            good.replacen(",\"hash\"", ",\"hash2\"", 1),
            good.replacen("\"actor\":\"a\"", "\"actor\":\"\\u0061\"", 1),
            good[..good.len() - 1].to_owned(),
        ] {
            assert!(parse_line(bad.as_bytes()).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_single_byte_mutation_or_truncation_is_refused_or_changes_the_hash() {
        let event = Event::new("dispatcher", "order.dispatch", "v1/health").with_details(
            Details::new()
                .with("n", -12)
                .with("list", vec!["a\"b", "\u{1}"])
                .with("ok", true),
        );
        let mut out = Vec::new();
        write_line(
            &mut out,
            &event,
            42,
            &EntryHash::ZERO,
            "2026-11-24T10:00:00Z",
        )
        .expect("shallow");
        let line = &out[..out.len() - 1];
        assert!(parse_line(line).is_ok());
        for at in 0..line.len() {
            assert!(parse_line(&line[..at]).is_err(), "truncated at {at}");
            for byte in [
                b' ', b'"', b'\\', b'0', b'9', b'a', b'{', b'}', b',', 0x00, 0xff,
            ] {
                if line[at] == byte {
                    continue;
                }
                let mut mutated = line.to_vec();
                mutated[at] = byte;
                if let Ok(p) = parse_line(&mutated) {
                    // Still canonical: then the content changed and the hash check catches it.
                    assert_ne!(
                        p.computed_hash(&mutated),
                        p.hash,
                        "mutation at {at} to {byte:#x} went unnoticed"
                    );
                }
            }
        }
    }
}
