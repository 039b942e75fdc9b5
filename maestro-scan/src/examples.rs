//! Checking a rule set's own examples: each positive example must produce exactly that rule's
//! finding, each negative example must not produce it. Used by the test suite for the built-in
//! rules and available to authors of user rule files.

use std::fmt;

use crate::{
    rule::Kind,
    rule_set::RuleSet,
    scanner::{Kinds, ScanOptions, Scanner},
};

/// An example that does not behave as its rule says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The rule.
    pub rule_id: String,
    /// The example text.
    pub example: String,
    /// Whether it was a positive example.
    pub positive: bool,
    /// The rule ids the example produced.
    pub found: Vec<String>,
}

impl fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let which = if self.positive {
            "positive"
        } else {
            "negative"
        };
        write!(
            f,
            "rule `{}`: {which} example {:?} produced {:?}",
            self.rule_id, self.example, self.found
        )
    }
}

/// Run every rule's examples. Secret examples are scanned without a path by the secret rules of
/// `rules`; code examples by the code rules, as a file of the rule's first language. Returns the
/// failures (empty when every example behaves).
#[must_use]
pub fn check_examples(rules: &RuleSet) -> Vec<ExampleFailure> {
    let scanner = |kinds| {
        Scanner::new(
            rules.clone(),
            ScanOptions {
                kinds,
                ..ScanOptions::default()
            },
        )
    };
    let (secrets, code) = (scanner(Kinds::Secrets), scanner(Kinds::Code));
    let mut failures = Vec::new();
    for rule in rules.rules() {
        let (scanner, path) = match rule.kind() {
            Kind::Secret => (&secrets, None),
            Kind::Code => (
                &code,
                rule.languages()
                    .first()
                    .map(|l| format!("example.{}", l.extension())),
            ),
        };
        let examples = rule
            .positive_examples()
            .iter()
            .map(|e| (e, true))
            .chain(rule.negative_examples().iter().map(|e| (e, false)));
        for (example, positive) in examples {
            let report = scanner.scan_text(path.as_deref(), example.as_bytes());
            let found: Vec<String> = report.findings.into_iter().map(|f| f.rule_id).collect();
            let ok = if positive {
                found.len() == 1 && found[0] == rule.id()
            } else {
                !found.iter().any(|id| id == rule.id())
            };
            if !ok {
                failures.push(ExampleFailure {
                    rule_id: rule.id().to_owned(),
                    example: example.clone(),
                    positive,
                    found,
                });
            }
        }
    }
    failures
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_example_is_reported() {
        let rules = RuleSet::from_toml_str(
            r#"
[[rule]]
id = "acme-token"
kind = "secret"
description = "ACME token"
keywords = ["acme_"]
pattern = '\b(acme_[a-z0-9]{24})\b'
positive = ["t = 'acme_k3j5h7g9f2d4s6a8q1w3e5r7'", "t = 'acme_short'"]
negative = ["t = 'acme_zzzz'", "u = 'acme_k3j5h7g9f2d4s6a8q1w3e5r7'"]
"#,
            "t.toml",
        )
        .expect("valid");
        let failures = check_examples(&rules);
        let got: Vec<(&str, bool)> = failures
            .iter()
            .map(|f| (f.example.as_str(), f.positive))
            .collect();
        assert_eq!(
            got,
            [
                ("t = 'acme_short'", true),
                ("u = 'acme_k3j5h7g9f2d4s6a8q1w3e5r7'", false)
            ]
        );
        assert!(failures[0].to_string().contains("positive example"));
    }
}
