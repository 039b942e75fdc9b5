//! Issue 16: secrets in encoded, split and structured values, on the cases of
//! `tests/decoding/*.toml` (written by `tools/gen_decoding_cases.py`): each positive is
//! reported by its rule at its line, saying how it was found, and redacted; each near miss is
//! not reported at all.

use std::path::PathBuf;

use maestro_scan::{Kinds, RuleSet, ScanOptions, Scanner};
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    path: Option<String>,
    text: String,
    found: Vec<String>,
    #[serde(default)]
    how: String,
    #[serde(default)]
    line: usize,
    #[serde(default)]
    hidden: Vec<String>,
}

fn cases() -> Vec<(String, Case)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/decoding");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/decoding")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        let file: File = toml::from_str(&text).expect("a case file");
        let stem = path
            .file_stem()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        out.extend(file.case.into_iter().map(|c| (stem.clone(), c)));
    }
    out
}

fn secrets_scanner() -> Scanner {
    Scanner::new(
        RuleSet::builtin().clone(),
        ScanOptions {
            kinds: Kinds::Secrets,
            ..ScanOptions::default()
        },
    )
}

/// Why a case fails, if it does.
fn check(scanner: &Scanner, case: &Case) -> Option<String> {
    let report = scanner.scan_text(case.path.as_deref(), case.text.as_bytes());
    let seen: Vec<String> = report
        .findings
        .iter()
        .map(|f| format!("{}@{} {:?}", f.rule_id, f.line, f.description))
        .collect();
    if case.found.is_empty() {
        return (!report.findings.is_empty()).then(|| format!("reported {seen:?}"));
    }
    for id in &case.found {
        let hit = report.findings.iter().any(|f| {
            f.rule_id == *id
                && f.line == case.line
                && if case.how.is_empty() {
                    !f.description.contains("(found ")
                } else {
                    f.description.contains(&format!("(found {})", case.how))
                }
        });
        if !hit {
            return Some(format!(
                "no {id} at line {} ({}); saw {seen:?}",
                case.line, case.how
            ));
        }
    }
    let Some(redacted) = scanner.redact_secrets(&case.text) else {
        return Some("not redacted".to_owned());
    };
    case.hidden
        .iter()
        .find(|h| redacted.contains(h.as_str()))
        .map(|h| format!("{h:?} left in the redacted text {redacted:?}"))
}

#[test]
fn every_decoding_case_behaves() {
    let scanner = secrets_scanner();
    let cases = cases();
    let mut failures = Vec::new();
    let mut counts = std::collections::BTreeMap::<&str, (usize, usize)>::new();
    for (file, case) in &cases {
        let count = counts.entry(file.as_str()).or_default();
        if case.found.is_empty() {
            count.1 += 1;
        } else {
            count.0 += 1;
        }
        if let Some(why) = check(&scanner, case) {
            failures.push(format!("{file}: {}: {why}", case.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    // Every decoding has positives and near misses.
    for file in ["base64", "hex", "percent", "concat", "values"] {
        let (positives, negatives) = counts.get(file).copied().unwrap_or_default();
        assert!(
            positives >= 4 && negatives >= 3,
            "{file}: {positives} positives, {negatives} near misses"
        );
    }
}

#[test]
fn a_decoded_secret_is_not_reachable_from_the_report() {
    let scanner = secrets_scanner();
    let case = cases()
        .into_iter()
        .map(|(_, c)| c)
        .find(|c| c.name == "base64 of base64")
        .expect("the case exists");
    let report = scanner.scan_text(case.path.as_deref(), case.text.as_bytes());
    let json = maestro_scan::output::json(&report);
    let f = &report.findings[0];
    assert_eq!(f.redacted, "ghp_…(40 chars)");
    assert!(!json.contains("1aISRcIHerfHySkAvbS9a4"), "secret leaked");
}
