//! Content the scanner used to skip — binary-looking, UTF-16, NUL-interleaved, over the size
//! limit — with a credential inside: each is now found, or refused with a reason. Encodings that
//! were already scanned as bytes (Latin-1, invalid UTF-8) are proved to stay found.

use std::fs;

use maestro_scan::{Report, RuleSet, ScanOptions, Scanner, UnscannedReason};

use crate::github_token;

const AWS_KEY: &str = "AKIAQ7RPZ3MFXW2BKT5L";

fn scanner(max_file_size: u64) -> Scanner {
    Scanner::new(
        RuleSet::builtin().clone(),
        ScanOptions {
            max_file_size,
            ..ScanOptions::default()
        },
    )
}

/// Two lines, one credential each: the AWS key on the first, the GitHub token on the second.
fn credentials() -> String {
    format!(
        "aws_access_key_id = {AWS_KEY}\r\ngithub_token = \"{}\"\r\n",
        github_token()
    )
}

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn utf16be(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

/// `text` with a NUL after every byte (as UTF-16LE of ASCII, without the word "UTF-16").
fn interleaved(text: &str) -> Vec<u8> {
    text.bytes().flat_map(|b| [b, 0]).collect()
}

/// `bytes` scanned as a text and as a file; both reports, after checking they agree.
fn scan_both(name: &str, bytes: &[u8]) -> (Report, Report) {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join(name);
    fs::write(&file, bytes).expect("write");
    let s = scanner(10 << 20);
    let text = s.scan_text(Some(name), bytes);
    let from_file = s.scan_file(&file).expect("readable");
    let lines = |r: &Report| -> Vec<(String, usize)> {
        r.findings
            .iter()
            .map(|f| (f.rule_id.clone(), f.line))
            .collect()
    };
    assert_eq!(
        lines(&text),
        lines(&from_file),
        "{name}: text and file differ"
    );
    assert_eq!(text.summary, from_file.summary, "{name}");
    (text, from_file)
}

/// The rule ids and lines of the findings.
fn found(report: &Report) -> Vec<(&str, usize)> {
    report
        .findings
        .iter()
        .map(|f| (f.rule_id.as_str(), f.line))
        .collect()
}

/// The AWS key on line `aws` and the GitHub token on line `aws + 1`, each exactly once, and
/// nothing left unscanned.
fn assert_both_found(report: &Report, aws: usize, binary: bool) {
    assert_eq!(
        found(report),
        [("aws-access-key-id", aws), ("github-pat", aws + 1)],
        "{report:#?}"
    );
    assert!(report.is_complete());
    assert_eq!(report.summary.binary_scanned, usize::from(binary));
    assert_eq!(report.summary.skipped, 0);
    let rendered = format!("{report:?}");
    assert!(!rendered.contains(AWS_KEY), "the key leaked");
    assert!(!rendered.contains(&github_token()[4..]), "the token leaked");
}

#[test]
fn a_nul_in_the_first_8_kib_no_longer_hides_a_secret() {
    let mut bytes = b"header\0\n".to_vec();
    bytes.extend_from_slice(credentials().as_bytes());
    let (text, file) = scan_both("config.env", &bytes);
    assert_both_found(&text, 2, true);
    assert_both_found(&file, 2, true);
    // The column is the byte column in the original line.
    assert_eq!(text.findings[0].column, 21);
}

#[test]
fn a_nul_after_the_first_8_kib_does_not_hide_a_secret_either() {
    let mut bytes = "x\n".repeat(5000).into_bytes();
    bytes.extend_from_slice(credentials().as_bytes());
    bytes.push(0);
    let (text, _) = scan_both("late.txt", &bytes);
    assert_both_found(&text, 5001, true);
}

#[test]
fn a_png_header_before_the_secret_does_not_hide_it() {
    let mut bytes =
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0\x1f\x15\xc4\x89".to_vec();
    bytes.extend_from_slice(b"\0\0\0\x40tEXtComment\0");
    bytes.extend_from_slice(credentials().as_bytes());
    bytes.extend_from_slice(b"\0\0\0\0IEND\xaeB`\x82");
    let (text, file) = scan_both("logo.png", &bytes);
    // Lines of the original bytes: the PNG signature holds two newlines.
    assert_both_found(&text, 3, true);
    assert_both_found(&file, 3, true);
}

#[test]
fn utf16le_with_a_bom_is_decoded() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(utf16le(&format!("# clés — ключи\r\n{}", credentials())));
    let (text, file) = scan_both("keys.txt", &bytes);
    assert_both_found(&text, 2, true);
    assert_both_found(&file, 2, true);
    // Line and column of the decoded text, in characters.
    assert_eq!(text.findings[0].column, 21);
}

#[test]
fn utf16be_with_a_bom_is_decoded() {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(utf16be(&format!("# 鍵\r\n{}", credentials())));
    let (text, file) = scan_both("keys.txt", &bytes);
    assert_both_found(&text, 2, true);
    assert_both_found(&file, 2, true);
    assert_eq!(text.findings[0].column, 21);
}

#[test]
fn utf16le_without_a_bom_is_recognised_by_its_nuls() {
    let bytes = utf16le(&format!("[default]\r\n{}", credentials()));
    let (text, file) = scan_both("credentials", &bytes);
    assert_both_found(&text, 2, true);
    assert_both_found(&file, 2, true);
    assert_eq!(text.findings[0].column, 21);
}

#[test]
fn utf16be_without_a_bom_is_recognised_by_its_nuls() {
    let bytes = utf16be(&credentials());
    let (text, _) = scan_both("credentials", &bytes);
    assert_both_found(&text, 1, true);
}

#[test]
fn nuls_interleaved_in_ascii_do_not_hide_a_secret() {
    // Plain ASCII around, the secrets alone spelled with a NUL after each character, and at
    // both alignments (the second starts at an odd offset).
    let token = github_token();
    let mut bytes = b"aws_access_key_id = ".to_vec();
    bytes.extend(interleaved(AWS_KEY));
    bytes.extend_from_slice(b"\ngithub_token = x");
    bytes.extend(interleaved(&token));
    bytes.extend_from_slice(b"\n");
    assert_eq!(
        bytes.iter().position(|&b| b == b'x').map(|x| x % 2),
        Some(0)
    );
    let (text, file) = scan_both("env", &bytes);
    assert_both_found(&text, 1, true);
    assert_both_found(&file, 1, true);
}

#[test]
fn a_utf16_secret_embedded_in_a_binary_is_found() {
    let mut bytes: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    bytes.extend(utf16le(&credentials()));
    bytes.extend((0..=255u8).rev().cycle().take(3001));
    let (text, _) = scan_both("app.exe", &bytes);
    assert_eq!(
        found(&text).iter().map(|f| f.0).collect::<Vec<_>>(),
        ["aws-access-key-id", "github-pat"],
        "{text:#?}"
    );
}

#[test]
fn latin1_text_around_a_secret_is_scanned_as_bytes() {
    let token = github_token();
    let mut bytes = b"# contrase\xf1a del se\xf1or \xab\xe9t\xe9\xbb\n".to_vec();
    bytes.extend_from_slice(b"aws_access_key_id = \xab");
    bytes.extend_from_slice(AWS_KEY.as_bytes());
    bytes.extend_from_slice(b"\xbb \xe0 \xfc\r\ngithub_token = \xe9");
    bytes.extend_from_slice(token.as_bytes());
    bytes.extend_from_slice(b"\xe9\r\n");
    assert!(std::str::from_utf8(&bytes).is_err());
    let (text, file) = scan_both("latin1.cfg", &bytes);
    assert_both_found(&text, 2, false);
    assert_both_found(&file, 2, false);
}

#[test]
fn invalid_utf8_around_a_secret_is_scanned_as_bytes() {
    let token = github_token();
    let mut bytes = b"\xc3\x28 \xa0\xa1 \xf0\x28\x8c\x28\n".to_vec();
    bytes.extend_from_slice(b"aws_access_key_id=\xed\xa0\x80");
    bytes.extend_from_slice(AWS_KEY.as_bytes());
    bytes.extend_from_slice(b"\xc0\xaf\ngithub_token=\xff");
    bytes.extend_from_slice(token.as_bytes());
    bytes.extend_from_slice(b"\xfe\n");
    assert!(std::str::from_utf8(&bytes).is_err());
    let (text, file) = scan_both("broken.txt", &bytes);
    assert_both_found(&text, 2, false);
    assert_both_found(&file, 2, false);
}

#[test]
fn one_byte_above_the_limit_is_refused_with_a_one_line_reason() {
    let body = credentials();
    let limit = body.len() as u64 - 1;
    let s = scanner(limit);
    let report = s.scan_text(Some("keys.env"), body.as_bytes());
    assert!(report.findings.is_empty(), "not scanned, so nothing found");
    assert!(
        report.is_clean(),
        "is_clean alone says nothing of unscanned content"
    );
    assert!(!report.is_complete());
    assert_eq!(report.summary.skipped_by.too_large, 1);
    assert_eq!(report.summary.files, 0);
    assert_eq!(
        report.unscanned[0].reason,
        UnscannedReason::TooLarge {
            size: limit + 1,
            limit
        }
    );
    let reason = report.unscanned[0].to_string();
    assert_eq!(
        reason,
        format!(
            "`keys.env` is {} bytes, above the scanner's limit of {limit} (scan.maxFileSize \
             raises it)",
            limit + 1
        )
    );
    assert!(!reason.contains('\n'));

    // The same through a file: refused without being scanned.
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("keys.env");
    fs::write(&file, &body).expect("write");
    let report = s.scan_file(&file).expect("readable");
    assert!(report.findings.is_empty());
    assert_eq!(report.unscanned.len(), 1);
    assert!(
        report.unscanned[0].to_string().ends_with(&format!(
            "is {} bytes, above the scanner's limit of {limit} (scan.maxFileSize raises it)",
            limit + 1
        )),
        "{}",
        report.unscanned[0]
    );

    // A binary over the limit is refused too (not scanned through the binary path).
    let mut binary = vec![0u8; 8];
    binary.extend_from_slice(body.as_bytes());
    let report = scanner(body.len() as u64).scan_text(None, &binary);
    assert_eq!(
        (report.unscanned.len(), report.summary.binary_scanned),
        (1, 0)
    );
    assert_eq!(
        report.unscanned[0].to_string(),
        format!(
            "`<input>` is {} bytes, above the scanner's limit of {} (scan.maxFileSize raises it)",
            body.len() + 8,
            body.len()
        )
    );
}

#[test]
fn exactly_at_the_limit_is_scanned() {
    let body = credentials();
    let s = scanner(body.len() as u64);
    let report = s.scan_text(Some("keys.env"), body.as_bytes());
    assert_both_found(&report, 1, false);
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("keys.env");
    fs::write(&file, &body).expect("write");
    assert_both_found(&s.scan_file(&file).expect("readable"), 1, false);
}

#[test]
fn added_lines_with_nuls_are_scanned_at_their_real_lines() {
    let token = github_token();
    let files = [maestro_scan::AddedLines {
        path: "bin/data".into(),
        lines: vec![
            (3, "\0\0header".into()),
            (9, format!("aws_access_key_id = {AWS_KEY}")),
            (
                12,
                format!(
                    "tok\0= x{}",
                    String::from_utf8(interleaved(&token)).expect("ascii")
                ),
            ),
        ],
    }];
    let report = scanner(10 << 20).scan_added_lines(&files);
    assert_eq!(
        found(&report),
        [("aws-access-key-id", 9), ("github-pat", 12)],
        "{report:#?}"
    );
    assert_eq!(report.summary.binary_scanned, 1);
}
