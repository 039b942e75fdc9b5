//! Every rule's positive examples produce exactly that rule's finding; negatives do not produce it.

use maestro_scan::Kind;

use crate::rules_with_examples;

#[test]
fn rule_counts_and_cwe_coverage() {
    let rules = rules_with_examples();
    let secrets = rules
        .rules()
        .iter()
        .filter(|r| r.kind() == Kind::Secret)
        .count();
    let code = rules
        .rules()
        .iter()
        .filter(|r| r.kind() == Kind::Code)
        .count();
    assert!(secrets >= 150, "{secrets} secret rules");
    assert!(code >= 40, "{code} code rules");
    for cwe in [78, 89, 95, 22, 79, 295, 327, 328, 330, 502, 798] {
        assert!(
            rules
                .rules()
                .iter()
                .any(|r| r.kind() == Kind::Code && r.cwe() == cwe),
            "no code rule for CWE-{cwe}"
        );
    }
    for rule in rules.rules() {
        assert!(
            !rule.positive_examples().is_empty(),
            "{} has no positive example",
            rule.id()
        );
        assert!(
            !rule.negative_examples().is_empty(),
            "{} has no negative example",
            rule.id()
        );
    }
}

#[test]
fn every_example_behaves() {
    let failures = maestro_scan::examples::check_examples(&rules_with_examples());
    let lines: Vec<String> = failures.iter().map(ToString::to_string).collect();
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        lines.len(),
        lines.join("\n")
    );
}
