//! Suppressions are listed, not only counted; an inline `maestro:allow` counts, under
//! `InlineAllow::BaseLines`, only on a line that already exists in the base.

use std::fs;

use maestro_scan::{InlineAllow, Report, Scanner, Suppression};

use crate::{github_token, scanner_allowing};

const AWS_KEY: &str = "AKIAQ7RPZ3MFXW2BKT5L";

fn scanner(allow: &[&str], inline_allow: InlineAllow) -> Scanner {
    scanner_allowing(allow, inline_allow)
}

fn crew() -> Scanner {
    scanner(&[], InlineAllow::BaseLines)
}

/// The reported findings as (rule, line, inline allow refused).
fn reported(report: &Report) -> Vec<(&str, usize, bool)> {
    report
        .findings
        .iter()
        .map(|f| (f.rule_id.as_str(), f.line, f.inline_allow_refused))
        .collect()
}

/// The suppressed findings as (rule, line, by).
fn suppressed(report: &Report) -> Vec<(&str, usize, Suppression)> {
    report
        .suppressed
        .iter()
        .map(|s| (s.finding.rule_id.as_str(), s.finding.line, s.by))
        .collect()
}

#[test]
fn every_suppression_is_listed_with_its_reason_and_without_the_secret() {
    let token = github_token();
    let text =
        format!("a = \"{token}\"  # maestro:allow github-pat\nb = \"{token}\"\nkey = {AWS_KEY}\n");
    let report =
        scanner(&["github-pat"], InlineAllow::Anywhere).scan_text(Some("a.py"), text.as_bytes());
    assert_eq!(reported(&report), [("aws-access-key-id", 3, false)]);
    assert_eq!(
        suppressed(&report),
        [
            ("github-pat", 1, Suppression::Inline),
            ("github-pat", 2, Suppression::Rule)
        ]
    );
    assert_eq!(report.summary.suppressed, 2);
    assert_eq!(
        (
            report.summary.suppressed_by.inline,
            report.summary.suppressed_by.rule
        ),
        (1, 1)
    );
    assert_eq!(report.suppressed[1].by.to_string(), "scan.allow rule id");
    assert_eq!(report.suppressed[0].finding.redacted, "ghp_…(40 chars)");
    let json = maestro_scan::output::json(&report);
    let rendered = format!("{report:?}{json}");
    assert!(!rendered.contains(&token[4..]), "the token leaked");

    // By path and by fingerprint, each listed.
    let by_path = scanner(&["fixtures/**"], InlineAllow::Anywhere)
        .scan_text(Some("fixtures/k.env"), format!("k={AWS_KEY}\n").as_bytes());
    assert_eq!(
        suppressed(&by_path),
        [("aws-access-key-id", 1, Suppression::Path)]
    );
    let fingerprint = report.findings[0].fingerprint.clone();
    let by_fingerprint = scanner(&[fingerprint.as_str()], InlineAllow::Anywhere)
        .scan_text(Some("a.py"), text.as_bytes());
    assert_eq!(
        suppressed(&by_fingerprint),
        [
            ("github-pat", 1, Suppression::Inline),
            ("aws-access-key-id", 3, Suppression::Fingerprint)
        ]
    );
    assert!(
        by_fingerprint
            .findings
            .iter()
            .all(|f| f.rule_id == "github-pat")
    );
}

#[test]
fn suppressions_in_a_tree_are_listed_per_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("a.env"),
        format!("k={AWS_KEY} # maestro:allow\n"),
    )
    .expect("write");
    fs::write(dir.path().join("b.env"), format!("k={AWS_KEY}\n")).expect("write");
    let report = scanner(&[], InlineAllow::Anywhere).scan_tree(dir.path());
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.suppressed.len(), 1);
    assert!(report.suppressed[0].finding.path.ends_with("a.env"));
    assert_eq!(report.summary.suppressed_by.inline, 1);
}

#[test]
fn under_base_lines_an_inline_allow_on_a_base_line_counts_and_is_listed() {
    let line = format!("aws_id = '{AWS_KEY}'  # maestro:allow test fixture");
    let base = format!("import os\n{line}\n");
    let text = format!("import os\nimport sys\n{line}\n");
    let report = crew().scan_text_with_base(Some("t.py"), text.as_bytes(), Some(base.as_bytes()));
    assert!(report.findings.is_empty(), "{report:#?}");
    assert_eq!(
        suppressed(&report),
        [("aws-access-key-id", 3, Suppression::Inline)]
    );

    // A CRLF checkout of the same line still matches the base line.
    let crlf = format!("import os\r\n{line}\r\n");
    let report = crew().scan_text_with_base(Some("t.py"), crlf.as_bytes(), Some(base.as_bytes()));
    assert_eq!(
        suppressed(&report),
        [("aws-access-key-id", 2, Suppression::Inline)]
    );
}

#[test]
fn under_base_lines_an_inline_allow_the_crew_adds_is_refused_and_marked() {
    let token = github_token();
    let base = b"import os\nprint('hello')\n";
    let text = format!("import os\nt = \"{token}\"  # maestro:allow\nprint('hello')\n");
    let report = crew().scan_text_with_base(Some("t.py"), text.as_bytes(), Some(base));
    assert_eq!(reported(&report), [("github-pat", 2, true)]);
    assert!(report.suppressed.is_empty());
    assert_eq!(report.summary.suppressed, 0);

    // No base at all (a new file): no inline allow counts.
    let report = crew().scan_text(Some("new.py"), text.as_bytes());
    assert_eq!(reported(&report), [("github-pat", 2, true)]);

    // The same text under `Anywhere`: suppressed, as before.
    let anywhere = scanner(&[], InlineAllow::Anywhere).scan_text(Some("t.py"), text.as_bytes());
    assert!(anywhere.findings.is_empty());
    assert_eq!(
        suppressed(&anywhere),
        [("github-pat", 2, Suppression::Inline)]
    );
}

#[test]
fn under_base_lines_a_base_line_one_character_off_does_not_count() {
    let line = format!("aws_id = '{AWS_KEY}'  # maestro:allow");
    // The base holds the allow on a line that differs by one character (`aws_id` / `aws_Id`),
    // and the same line with a trailing space.
    let base = format!("{}\n{line} \n", line.replacen("aws_id", "aws_Id", 1));
    let report = crew().scan_text_with_base(
        Some("t.py"),
        format!("{line}\n").as_bytes(),
        Some(base.as_bytes()),
    );
    assert_eq!(reported(&report), [("aws-access-key-id", 1, true)]);
    assert!(report.suppressed.is_empty());
}

#[test]
fn under_base_lines_the_allowlist_still_applies_to_a_refused_inline_allow() {
    let scanner = scanner(&["fixtures/**"], InlineAllow::BaseLines);
    let text = format!("k = {AWS_KEY}  # maestro:allow\n");
    let report = scanner.scan_text_with_base(Some("fixtures/k.py"), text.as_bytes(), None);
    assert!(report.findings.is_empty());
    assert_eq!(
        suppressed(&report),
        [("aws-access-key-id", 1, Suppression::Path)]
    );
    // The suppression that took effect is the user's; the crew's comment was refused.
    assert!(report.suppressed[0].finding.inline_allow_refused);
}

#[test]
fn files_and_added_lines_follow_the_inline_mode() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("k.py");
    let line = format!("k = '{AWS_KEY}'  # maestro:allow");
    fs::write(&file, format!("x = 1\n{line}\n")).expect("write");
    let crew = crew();
    let in_base = crew
        .scan_file_with_base(&file, Some(format!("{line}\n").as_bytes()))
        .expect("readable");
    assert_eq!(
        suppressed(&in_base),
        [("aws-access-key-id", 2, Suppression::Inline)]
    );
    let no_base = crew.scan_file(&file).expect("readable");
    assert_eq!(reported(&no_base), [("aws-access-key-id", 2, true)]);
    let tree = crew.scan_tree(dir.path());
    assert_eq!(reported(&tree), [("aws-access-key-id", 2, true)]);

    let added = [maestro_scan::AddedLines {
        path: "k.py".into(),
        lines: vec![(7, line.clone())],
    }];
    assert_eq!(
        reported(&crew.scan_added_lines(&added)),
        [("aws-access-key-id", 7, true)]
    );
    let anywhere = scanner(&[], InlineAllow::Anywhere).scan_added_lines(&added);
    assert_eq!(
        suppressed(&anywhere),
        [("aws-access-key-id", 7, Suppression::Inline)]
    );
}

#[test]
fn an_inline_allow_in_binary_looking_content_counts_only_anywhere() {
    let line = format!("k = '{AWS_KEY}'  # maestro:allow");
    let utf16: Vec<u8> = format!("\u{FEFF}{line}\n")
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let anywhere = scanner(&[], InlineAllow::Anywhere).scan_text(Some("k.txt"), &utf16);
    assert!(anywhere.findings.is_empty(), "{anywhere:#?}");
    assert_eq!(
        suppressed(&anywhere),
        [("aws-access-key-id", 1, Suppression::Inline)]
    );
    // Under BaseLines the decoded line is not compared with the base: refused, fail closed.
    let report = crew().scan_text_with_base(Some("k.txt"), &utf16, Some(&utf16));
    assert_eq!(reported(&report), [("aws-access-key-id", 1, true)]);
}
