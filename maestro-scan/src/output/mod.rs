//! Report formats: grep-like text, the JSON shape of SPEC §4, and SARIF 2.1.0.

mod sarif;

use std::fmt::Write as _;

use serde_json::{Value, json};

pub use sarif::{sarif, sarif_value};

use crate::{
    report::{Report, Summary},
    rule::Severity,
};

/// Text output options.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextOptions {
    /// Colour with ANSI escapes. Default: `false` (callers enable it for terminals).
    pub color: bool,
}

const RESET: &str = "\x1b[0m";

fn severity_color(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "\x1b[1;31m",
        Severity::High => "\x1b[31m",
        Severity::Medium => "\x1b[33m",
        Severity::Low => "\x1b[36m",
    }
}

/// One line per finding: `path:line:col: rule-id [severity/confidence] description (redacted)`.
/// Text scanned without a path is shown as `<input>`.
#[must_use]
pub fn text(report: &Report, options: &TextOptions) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let path = if f.path.is_empty() {
            "<input>"
        } else {
            &f.path
        };
        if options.color {
            let _ = writeln!(
                out,
                "\x1b[35m{path}\x1b[0m:\x1b[32m{}\x1b[0m:{}: \x1b[1m{}\x1b[0m [{}{}{RESET}/{}] {} ({})",
                f.line,
                f.column,
                f.rule_id,
                severity_color(f.severity),
                f.severity,
                f.confidence,
                f.description,
                f.redacted
            );
        } else {
            let _ = writeln!(
                out,
                "{path}:{}:{}: {} [{}/{}] {} ({})",
                f.line, f.column, f.rule_id, f.severity, f.confidence, f.description, f.redacted
            );
        }
    }
    out
}

/// A one-line summary: `N findings in F files (B bytes); S skipped, P suppressed`.
#[must_use]
pub fn summary_line(summary: &Summary) -> String {
    format!(
        "{} finding{} in {} file{} ({} bytes); {} skipped, {} suppressed",
        summary.findings,
        if summary.findings == 1 { "" } else { "s" },
        summary.files,
        if summary.files == 1 { "" } else { "s" },
        summary.bytes,
        summary.skipped,
        summary.suppressed
    )
}

/// The JSON document of SPEC §4: `{"findings": [...], "summary": {...}}` with `snake_case` keys
/// (findings also carry `description` and `fix`; the summary carries `skipped_by`,
/// `suppressed_by` and `binary_scanned`). When there are any: unreadable files under `errors`,
/// suppressed findings under `suppressed` (`{"finding": {...}, "by": "inline"}`), content not
/// scanned under `unscanned` (`{"path", "reason": {"kind": "too_large", "size", "limit"},
/// "message"}`, the message being the one-line reason).
#[must_use]
pub fn json_value(report: &Report) -> Value {
    let mut value = json!({
        "findings": report.findings,
        "summary": report.summary,
    });
    if !report.errors.is_empty() {
        value["errors"] = json!(report.errors);
    }
    if !report.suppressed.is_empty() {
        value["suppressed"] = json!(report.suppressed);
    }
    if !report.unscanned.is_empty() {
        value["unscanned"] = report
            .unscanned
            .iter()
            .map(|u| json!({"path": u.path, "reason": u.reason, "message": u.to_string()}))
            .collect();
    }
    value
}

/// [`json_value`], pretty-printed.
#[must_use]
pub fn json(report: &Report) -> String {
    serde_json::to_string_pretty(&json_value(report)).expect("a JSON value always serialises")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{RuleSet, ScanOptions, Scanner};

    fn report() -> Report {
        let scanner = Scanner::new(RuleSet::builtin().clone(), ScanOptions::default());
        scanner.scan_text(Some("app.py"), b"r = requests.get(url, verify=False)\n")
    }

    #[test]
    fn text_lines() {
        let out = text(&report(), &TextOptions::default());
        assert_eq!(
            out,
            "app.py:1:23: python-requests-verify-false [high/high] TLS certificate verification \
             disabled (verify=False) (verify=False)\n"
        );
        let coloured = text(&report(), &TextOptions { color: true });
        assert!(coloured.contains("\x1b[31mhigh"));
    }

    #[test]
    fn json_shape() {
        let v = json_value(&report());
        let f = &v["findings"][0];
        for key in [
            "rule_id",
            "kind",
            "path",
            "line",
            "column",
            "redacted",
            "fingerprint",
            "confidence",
            "severity",
            "cwe",
        ] {
            assert!(f.get(key).is_some(), "missing {key}");
        }
        for key in ["files", "bytes", "skipped", "suppressed", "findings"] {
            assert!(v["summary"][key].is_u64(), "missing {key}");
        }
        assert_eq!(f["cwe"], "CWE-295");
        assert_eq!(
            summary_line(&report().summary),
            "1 finding in 1 file (36 bytes); 0 skipped, 0 suppressed"
        );
        assert!(v.get("suppressed").is_none() && v.get("unscanned").is_none());
    }

    #[test]
    fn json_lists_suppressed_and_unscanned() {
        let rules = RuleSet::builtin().clone();
        let allow = crate::Allowlist::new(&["python-requests-verify-false"], &rules).expect("id");
        let scanner = Scanner::new(
            rules,
            ScanOptions {
                allow,
                max_file_size: 40,
                ..ScanOptions::default()
            },
        );
        let mut report =
            scanner.scan_text(Some("app.py"), b"r = requests.get(url, verify=False)\n");
        report.absorb(scanner.scan_text(Some("big.txt"), &[b'a'; 41]));
        report.finish();
        let v = json_value(&report);
        assert_eq!(v["suppressed"][0]["by"], "rule");
        assert_eq!(
            v["suppressed"][0]["finding"]["rule_id"],
            "python-requests-verify-false"
        );
        assert_eq!(v["unscanned"][0]["path"], "big.txt");
        assert_eq!(v["unscanned"][0]["reason"]["size"], 41);
        assert_eq!(
            v["unscanned"][0]["message"],
            "`big.txt` is 41 bytes, above the scanner's limit of 40 (scan.maxFileSize raises it)"
        );
        assert!(v["findings"].as_array().is_some_and(Vec::is_empty));
    }
}
