//! Inputs (text, file, tree, added lines), suppression, ordering and what a finding reveals.

use std::fs;

use maestro_scan::{AddedLines, InlineAllow, Kinds, RuleSet, ScanOptions, Scanner};

use crate::{github_token, scanner_allowing};

fn scanner(allow: &[&str]) -> Scanner {
    scanner_allowing(allow, InlineAllow::Anywhere)
}

#[test]
fn the_secret_is_not_reachable_from_findings_or_output() {
    let token = github_token();
    let text = format!("GITHUB_TOKEN = \"{token}\"\n");
    let report = scanner(&[]).scan_text(Some("config.py"), text.as_bytes());
    assert_eq!(report.findings.len(), 1, "{report:?}");
    let f = &report.findings[0];
    assert_eq!(f.rule_id, "github-pat");
    assert_eq!((f.line, f.column), (1, 17));
    assert_eq!(f.redacted, "ghp_…(40 chars)");
    let rendered = format!(
        "{f:?}{}{}{}",
        maestro_scan::output::json(&report),
        maestro_scan::output::text(&report, &maestro_scan::output::TextOptions::default()),
        maestro_scan::output::sarif(&report, RuleSet::builtin()),
    );
    assert!(!rendered.contains(&token[4..]), "secret leaked");
    assert!(
        !rendered.contains(&token[4..14]),
        "a part of the secret leaked"
    );
    // Stable across runs and scanners.
    let again = scanner(&[]).scan_text(Some("config.py"), text.as_bytes());
    assert_eq!(again.findings[0].fingerprint, f.fingerprint);
}

#[test]
fn suppressions_are_counted() {
    let token = github_token();
    let line = format!("t = \"{token}\"");
    let text = format!("{line}  # maestro:allow github-pat\n{line}  # maestro:allow jwt\n{line}\n");
    let report = scanner(&[]).scan_text(Some("a.py"), text.as_bytes());
    assert_eq!(report.findings.len(), 2);
    assert_eq!(report.summary.suppressed, 1);
    assert_eq!(report.summary.suppressed_by.inline, 1);

    let fp = report.findings[0].fingerprint.clone();
    let by_fp = scanner(&[fp.as_str()]).scan_text(Some("a.py"), format!("{line}\n").as_bytes());
    assert!(by_fp.findings.is_empty());
    assert_eq!(by_fp.summary.suppressed_by.fingerprint, 1);

    let by_rule = scanner(&["github-pat"]).scan_text(Some("a.py"), text.as_bytes());
    assert_eq!((by_rule.findings.len(), by_rule.summary.suppressed), (0, 3));
    assert_eq!(by_rule.summary.suppressed_by.inline, 1);
    assert_eq!(by_rule.summary.suppressed_by.rule, 2);

    let by_path = scanner(&["fixtures/**"]).scan_text(Some("fixtures/a.py"), text.as_bytes());
    assert_eq!(
        (by_path.findings.len(), by_path.summary.suppressed_by.path),
        (0, 2)
    );
}

#[test]
fn tree_walk_honours_gitignore_sorts_and_counts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    fs::create_dir_all(root.join(".git")).expect("mkdir");
    fs::create_dir_all(root.join("src/deep")).expect("mkdir");
    fs::write(root.join(".gitignore"), "ignored/\n").expect("write");
    fs::create_dir_all(root.join("ignored")).expect("mkdir");
    let token = github_token();
    fs::write(root.join("ignored/leak.py"), format!("t = \"{token}\"\n")).expect("write");
    fs::write(root.join(".git/config"), format!("t = \"{token}\"\n")).expect("write");
    fs::write(
        root.join("src/app.py"),
        format!(
            "import os\nos.system(input())\nt = \"{token}\"\nr = requests.get(u, verify=False)\n"
        ),
    )
    .expect("write");
    fs::write(
        root.join("src/deep/z.go"),
        "cfg := &tls.Config{InsecureSkipVerify: true}\n",
    )
    .expect("write");
    fs::write(root.join(".env"), format!("GITHUB_TOKEN={token}\n")).expect("write");
    fs::write(root.join("blob.bin"), b"\x00\x01ghp_").expect("write");
    fs::write(root.join("big.txt"), vec![b'a'; 2048]).expect("write");

    let s = Scanner::new(
        RuleSet::builtin().clone(),
        ScanOptions {
            max_file_size: 1024,
            threads: 2,
            ..ScanOptions::default()
        },
    );
    let report = s.scan_tree(root);
    let prefix = format!("{}/", root.display());
    let got: Vec<(String, usize, &str)> = report
        .findings
        .iter()
        .map(|f| {
            (
                f.path.trim_start_matches(&prefix).to_owned(),
                f.line,
                f.rule_id.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (".env".to_owned(), 1, "github-pat"),
            ("src/app.py".to_owned(), 2, "python-command-injection"),
            ("src/app.py".to_owned(), 3, "github-pat"),
            ("src/app.py".to_owned(), 4, "python-requests-verify-false"),
            ("src/deep/z.go".to_owned(), 1, "go-insecure-skip-verify"),
        ]
    );
    // The binary file is scanned (nothing in it), the large one refused and listed.
    assert_eq!(report.summary.skipped_by.binary, 0);
    assert_eq!(report.summary.binary_scanned, 1);
    assert_eq!(report.summary.skipped_by.too_large, 1);
    assert_eq!(report.summary.skipped, 1);
    assert_eq!(report.summary.findings, 5);
    assert_eq!(report.unscanned.len(), 1);
    assert_eq!(
        report.unscanned[0].to_string(),
        format!(
            "`{}` is 2048 bytes, above the scanner's limit of 1024 (scan.maxFileSize raises it)",
            root.join("big.txt").display()
        )
    );
    assert!(!report.is_complete());
    // .gitignore only applies inside a git repository: `.git` exists here, so `ignored/` is
    // skipped; .gitignore, .env, app.py, z.go and blob.bin were scanned.
    assert_eq!(report.summary.files, 5);

    let paths = s
        .scan_paths(&[root.join("src/app.py"), root.join("src/deep")])
        .expect("exist");
    assert_eq!(paths.summary.findings, 4);
    assert!(s.scan_paths(&[root.join("missing")]).is_err());
    let err = s.scan_file(&root.join("missing.py")).expect_err("missing");
    assert!(err.to_string().contains("missing.py"), "{err}");
}

#[test]
fn added_lines_report_real_line_numbers() {
    let token = github_token();
    let files = vec![
        AddedLines {
            path: "src/a.py".into(),
            lines: vec![(10, "x = 1".into()), (42, format!("TOKEN = \"{token}\""))],
        },
        AddedLines {
            path: "src/b.go".into(),
            lines: vec![(7, "cfg := &tls.Config{InsecureSkipVerify: true}".into())],
        },
    ];
    let report = scanner(&[]).scan_added_lines(&files);
    let got: Vec<(&str, usize, usize, &str)> = report
        .findings
        .iter()
        .map(|f| (f.path.as_str(), f.line, f.column, f.rule_id.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("src/a.py", 42, 10, "github-pat"),
            ("src/b.go", 7, 20, "go-insecure-skip-verify")
        ]
    );
    assert_eq!(report.summary.files, 2);
}

#[test]
fn kinds_select_rules_and_user_rules_load() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("rules.toml");
    fs::write(
        &file,
        r#"
[[rule]]
id = "acme-token"
kind = "secret"
description = "ACME internal token"
keywords = ["acme_"]
pattern = '\b(acme_[a-z0-9]{24})\b'
entropy = 3.0
confidence = "high"
positive = ["t = 'acme_k3j5h7g9f2d4s6a8q1w3e5r7'"]
negative = ["t = 'acme_xxxx'"]
"#,
    )
    .expect("write");
    let rules = RuleSet::builtin()
        .clone()
        .with_user_file(&file)
        .expect("valid user file");
    let text = b"t = 'acme_k3j5h7g9f2d4s6a8q1w3e5r7'\nr = requests.get(u, verify=False)\n";
    let secrets = Scanner::new(
        rules.clone(),
        ScanOptions {
            kinds: Kinds::Secrets,
            ..ScanOptions::default()
        },
    );
    let code = Scanner::new(
        rules,
        ScanOptions {
            kinds: Kinds::Code,
            ..ScanOptions::default()
        },
    );
    let ids = |s: &Scanner| {
        s.scan_text(Some("a.py"), text)
            .findings
            .into_iter()
            .map(|f| f.rule_id)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&secrets), ["acme-token"]);
    assert_eq!(ids(&code), ["python-requests-verify-false"]);
    assert!(
        RuleSet::builtin()
            .clone()
            .with_user_file(&dir.path().join("nope.toml"))
            .is_err()
    );
}
