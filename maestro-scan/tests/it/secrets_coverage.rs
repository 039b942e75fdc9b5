//! Issue 16: the breadth of the secret rules, measured on their own examples.
//!
//! A *kind* is one provider credential type: one rule of a provider family, its id without a
//! `-legacy` or `-v2` suffix (an older or newer format of the same credential). The families
//! `formats` (JWTs, URLs with credentials) and `generic` (assignments) are not provider kinds.
//! Families are the `# family: <name>` headers of `rules/secrets.toml`.

use std::collections::{BTreeMap, BTreeSet};

use maestro_scan::{Kind, Kinds, ScanOptions, Scanner, rule_set::BUILTIN_SECRETS_TOML};

use crate::rules_with_examples;

/// Rule id → family, read from the family headers of the rule file.
fn families() -> BTreeMap<String, String> {
    let mut family = String::new();
    let mut out = BTreeMap::new();
    for line in BUILTIN_SECRETS_TOML.lines() {
        if let Some(rest) = line.strip_prefix("# family: ") {
            rest.split_whitespace()
                .next()
                .unwrap_or_default()
                .clone_into(&mut family);
        } else if let Some(id) = line
            .strip_prefix("id = \"")
            .and_then(|l| l.strip_suffix('"'))
        {
            assert!(
                !family.is_empty(),
                "rule {id} comes before any family header"
            );
            out.insert(id.to_owned(), family.clone());
        }
    }
    out
}

fn kind_of(id: &str) -> &str {
    id.strip_suffix("-legacy")
        .or_else(|| id.strip_suffix("-v2"))
        .unwrap_or(id)
}

const NOT_PROVIDER_KINDS: [&str; 2] = ["formats", "generic"];

#[test]
fn at_least_250_provider_kinds_across_the_families() {
    let families = families();
    let mut kinds: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (id, family) in &families {
        if !NOT_PROVIDER_KINDS.contains(&family.as_str()) {
            kinds.entry(family).or_default().insert(kind_of(id));
        }
    }
    let total: usize = kinds.values().map(BTreeSet::len).sum();
    let summary: Vec<String> = kinds
        .iter()
        .map(|(family, k)| format!("{family}: {}", k.len()))
        .collect();
    assert!(total >= 250, "{total} kinds ({})", summary.join(", "));
    // Every family a team leaks from is covered, none by a token effort.
    for (family, minimum) in [
        ("cloud", 30),
        ("vcs", 15),
        ("ci-cd", 15),
        ("registries", 12),
        ("iac", 12),
        ("observability", 20),
        ("payments", 20),
        ("messaging", 30),
        ("ai", 30),
        ("databases", 25),
        ("identity", 40),
        ("crypto", 8),
        ("private-keys", 12),
    ] {
        let got = kinds.get(family).map_or(0, BTreeSet::len);
        assert!(
            got >= minimum,
            "family {family}: {got} kinds, want {minimum}"
        );
    }
    // The rule file and the compiled-in rules agree on the ids.
    let rules = rules_with_examples();
    let secret_ids: BTreeSet<&str> = rules
        .rules()
        .iter()
        .filter(|r| r.kind() == Kind::Secret)
        .map(|r| r.id())
        .collect();
    let header_ids: BTreeSet<&str> = families.keys().map(String::as_str).collect();
    assert_eq!(secret_ids, header_ids);
}

#[test]
fn recall_on_positives_and_no_negative_flagged() {
    let rules = rules_with_examples();
    let scanner = Scanner::new(
        rules.clone(),
        ScanOptions {
            kinds: Kinds::Secrets,
            ..ScanOptions::default()
        },
    );
    let (mut positives, mut found) = (0usize, 0usize);
    let mut missed = Vec::new();
    let mut flagged = Vec::new();
    let mut negatives = 0usize;
    for rule in rules.rules().iter().filter(|r| r.kind() == Kind::Secret) {
        assert!(
            rule.positive_examples().len() >= 2 && rule.negative_examples().len() >= 3,
            "{}: at least two positive and three near-miss negative examples",
            rule.id()
        );
        for example in rule.positive_examples() {
            positives += 1;
            let report = scanner.scan_text(None, example.as_bytes());
            if report.findings.iter().any(|f| f.rule_id == rule.id()) {
                found += 1;
            } else {
                missed.push(format!("{}: {example:?}", rule.id()));
            }
        }
        for example in rule.negative_examples() {
            negatives += 1;
            let report = scanner.scan_text(None, example.as_bytes());
            // A near miss of one rule must not be taken for a secret by any rule that blocks.
            let blocking: Vec<&str> = report
                .findings
                .iter()
                .filter(|f| {
                    f.rule_id == rule.id() || f.confidence == maestro_scan::Confidence::High
                })
                .map(|f| f.rule_id.as_str())
                .collect();
            if !blocking.is_empty() {
                flagged.push(format!("{} {example:?} → {blocking:?}", rule.id()));
            }
        }
    }
    #[allow(clippy::cast_precision_loss)] // a few thousand examples
    let recall = found as f64 / positives as f64;
    assert!(
        recall >= 0.98,
        "recall {recall:.3} ({found}/{positives}); missed:\n{}",
        missed.join("\n")
    );
    assert!(
        flagged.is_empty(),
        "{} of {negatives} negatives flagged:\n{}",
        flagged.len(),
        flagged.join("\n")
    );
}
