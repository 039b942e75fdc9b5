//! Every rule's positive examples produce exactly that rule's finding; negatives do not produce it.

use maestro_scan::{Kind, Kinds, ScanOptions, Scanner};

use crate::rules_with_examples;

#[test]
fn rule_counts_and_cwe_coverage() {
    let rules = rules_with_examples();
    let secrets = rules.rules().iter().filter(|r| r.kind() == Kind::Secret).count();
    let code = rules.rules().iter().filter(|r| r.kind() == Kind::Code).count();
    assert!(secrets >= 150, "{secrets} secret rules");
    assert!(code >= 40, "{code} code rules");
    for cwe in [78, 89, 95, 22, 79, 295, 327, 328, 330, 502, 798] {
        assert!(
            rules.rules().iter().any(|r| r.kind() == Kind::Code && r.cwe() == cwe),
            "no code rule for CWE-{cwe}"
        );
    }
    for rule in rules.rules() {
        assert!(!rule.positive_examples().is_empty(), "{} has no positive example", rule.id());
        assert!(!rule.negative_examples().is_empty(), "{} has no negative example", rule.id());
    }
}

#[test]
fn every_example_behaves() {
    let rules = rules_with_examples();
    let secrets = Scanner::new(
        rules.clone(),
        ScanOptions { kinds: Kinds::Secrets, ..ScanOptions::default() },
    );
    let code = Scanner::new(
        rules.clone(),
        ScanOptions { kinds: Kinds::Code, ..ScanOptions::default() },
    );
    let mut failures = Vec::new();
    for rule in rules.rules() {
        let (scanner, path) = match rule.kind() {
            Kind::Secret => (&secrets, None),
            Kind::Code => (&code, Some(format!("example.{}", rule.languages()[0].extension()))),
        };
        for example in rule.positive_examples() {
            let report = scanner.scan_text(path.as_deref(), example.as_bytes());
            let ids: Vec<&str> = report.findings.iter().map(|f| f.rule_id.as_str()).collect();
            if ids != [rule.id()] {
                failures.push(format!("{}: positive {example:?} gave {ids:?}", rule.id()));
            }
        }
        for example in rule.negative_examples() {
            let report = scanner.scan_text(path.as_deref(), example.as_bytes());
            if report.findings.iter().any(|f| f.rule_id == rule.id()) {
                failures.push(format!("{}: negative {example:?} matched", rule.id()));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
