//! The engine's own cases: views of binary input, inline allows, redaction, overlaps.

use super::{ScanOptions, Scanner};
use crate::allow::{InlineAllow, Suppression};
use crate::report::Report;
use crate::rule_set::RuleSet;

fn scanner() -> Scanner {
    Scanner::new(RuleSet::builtin().clone(), ScanOptions::default())
}

const KEY: &str = "AKIAQ7RPZ3MFXW2BKT5L";

fn limited(max_file_size: u64) -> Scanner {
    Scanner::new(
        RuleSet::builtin().clone(),
        ScanOptions {
            max_file_size,
            ..ScanOptions::default()
        },
    )
}

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

#[test]
fn binary_input_is_scanned_and_large_input_refused() {
    let s = limited(64);
    let r = s.scan_text(Some("a.bin"), format!("ab\0cd\nid={KEY}\n").as_bytes());
    assert_eq!(r.findings.len(), 1, "{r:?}");
    assert_eq!((r.findings[0].line, r.findings[0].column), (2, 4));
    assert_eq!(r.summary.binary_scanned, 1);
    assert_eq!((r.summary.files, r.summary.skipped), (1, 0));
    assert!(r.is_complete());

    let r = s.scan_text(Some("a.txt"), &[b'a'; 65]);
    assert_eq!((r.summary.skipped, r.summary.skipped_by.too_large), (1, 1));
    assert_eq!(r.summary.files, 0);
    assert!(!r.is_complete());
    assert_eq!(
        r.unscanned[0].reason,
        crate::UnscannedReason::TooLarge {
            size: 65,
            limit: 64
        }
    );
    assert!(s.scan_text(Some("a.txt"), &[b'a'; 64]).is_complete());
}

#[test]
fn a_secret_seen_by_several_views_is_reported_once() {
    // UTF-16LE text: its decoding and its NUL-interleaved runs both hold the key.
    let text = utf16le(&format!("\u{FEFF}first\nkey = {KEY}\n"));
    let r = scanner().scan_text(None, &text);
    assert_eq!(r.findings.len(), 1, "{r:?}");
    // Reported by the decoding, at its line and column in the decoded text.
    assert_eq!((r.findings[0].line, r.findings[0].column), (2, 7));
    // The same key twice in a plain text is two findings.
    let twice = scanner().scan_text(None, format!("{KEY}\n{KEY}\n").as_bytes());
    assert_eq!(twice.findings.len(), 2);
}

#[test]
fn runs_report_the_line_and_byte_column_of_the_original() {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\xff\xfe".to_vec();
    bytes.extend_from_slice(format!("k={KEY}").as_bytes());
    let r = scanner().scan_text(Some("x.png"), &bytes);
    assert_eq!(r.findings.len(), 1, "{r:?}");
    // Two newlines before; the key starts at byte 7 of the third line.
    assert_eq!((r.findings[0].line, r.findings[0].column), (3, 7));
}

#[test]
fn inline_allows_follow_the_mode() {
    let line = format!("id = '{KEY}'  # maestro:allow\n");
    let anywhere = scanner().scan_text(Some("a.py"), line.as_bytes());
    assert!(anywhere.findings.is_empty());
    assert_eq!(anywhere.suppressed[0].by, Suppression::Inline);

    let crew = Scanner::new(
        RuleSet::builtin().clone(),
        ScanOptions {
            inline_allow: InlineAllow::BaseLines,
            ..ScanOptions::default()
        },
    );
    let no_base = crew.scan_text(Some("a.py"), line.as_bytes());
    assert!(no_base.findings[0].inline_allow_refused, "{no_base:?}");
    assert!(no_base.suppressed.is_empty());
    let in_base = crew.scan_text_with_base(Some("a.py"), line.as_bytes(), Some(line.as_bytes()));
    assert!(in_base.findings.is_empty());
    assert_eq!(in_base.summary.suppressed_by.inline, 1);
    // A marker for another rule is not an allow, so it is not refused either.
    let other = format!("id = '{KEY}'  # maestro:allow jwt\n");
    let r = crew.scan_text_with_base(Some("a.py"), other.as_bytes(), Some(other.as_bytes()));
    assert!(!r.findings[0].inline_allow_refused);
}

#[test]
fn redaction_replaces_every_secret_and_keeps_the_rest() {
    let s = scanner();
    let key = "AKIAQ7RPZ3MFXW2BKT5L";
    let text = format!("é key={key} and again {key}; code md5(x) stays");
    let out = s.redact_secrets(&text).expect("a secret");
    assert!(!out.contains(key), "{out}");
    assert_eq!(out.matches("[REDACTED:").count(), 2, "{out}");
    assert!(out.starts_with("é key="), "{out}");
    assert!(out.ends_with("; code md5(x) stays"), "{out}");
    assert_eq!(s.redact_secrets("nothing secret here, md5(x)"), None);
    // An allowlisted rule still redacts: allowlists decide blocking, not what a log keeps.
    let allow = crate::Allowlist::new(&["aws-access-key-id"], s.rules()).expect("allow");
    let allowing = Scanner::new(
        RuleSet::builtin().clone(),
        ScanOptions {
            allow,
            ..ScanOptions::default()
        },
    );
    assert!(allowing.redact_secrets(&text).is_some());
}

#[test]
fn code_rules_follow_the_extension() {
    let s = scanner();
    let text = b"import hashlib\npassword_digest = hashlib.md5(password).hexdigest()\n";
    let ids = |r: Report| {
        r.findings
            .into_iter()
            .map(|f| f.rule_id)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(s.scan_text(Some("a.py"), text)), ["python-weak-hash"]);
    assert!(ids(s.scan_text(Some("a.go"), text)).is_empty());
    assert!(ids(s.scan_text(Some("notes.txt"), text)).is_empty());
    // Without a path the language is unknown: the syntax-tree rules do not run.
    assert!(ids(s.scan_text(None, text)).is_empty());
}

#[test]
fn lines_and_columns_are_one_based_in_characters() {
    let s = scanner();
    let text = "first\n  é = requests.get(u, verify=False)\n";
    let r = s.scan_text(Some("x.py"), text.as_bytes());
    assert_eq!(r.findings.len(), 1, "{r:?}");
    assert_eq!((r.findings[0].line, r.findings[0].column), (2, 23));
}
