//! maestro-scan integration tests (one binary).

mod code_rules;
mod corpus;
mod decoding;
mod embedding;
mod examples;
mod inputs;
mod sarif;
mod secrets_coverage;
mod suppressions;
mod unscanned;

use maestro_scan::{
    Allowlist, InlineAllow, RuleSet, ScanOptions, Scanner,
    rule_set::{BUILTIN_CODE_TOML, BUILTIN_SECRETS_TOML},
};

/// A scanner over the built-in rules with the `allow` entries and the inline-allow mode.
#[must_use]
pub fn scanner_allowing(allow: &[&str], inline_allow: InlineAllow) -> Scanner {
    let rules = RuleSet::builtin().clone();
    let allow = Allowlist::new(allow, &rules).expect("valid allow entries");
    Scanner::new(
        rules,
        ScanOptions {
            allow,
            inline_allow,
            ..ScanOptions::default()
        },
    )
}

/// The built-in rules as written, with their examples.
#[must_use]
pub fn rules_with_examples() -> RuleSet {
    let secrets = RuleSet::from_toml_str(BUILTIN_SECRETS_TOML, "rules/secrets.toml")
        .expect("the built-in secret rules load and compile");
    let regex_code = RuleSet::from_toml_str(BUILTIN_CODE_TOML, "rules/code.toml")
        .expect("the built-in regex code rules load and compile");
    secrets
        .merge(regex_code)
        .merge(RuleSet::builtin_code_rules_with_examples())
}

/// A GitHub token with a valid checksum, taken from the rule file (not from a finding).
#[must_use]
pub fn github_token() -> String {
    let rules = rules_with_examples();
    let rule = rules.get("github-pat").expect("rule exists");
    let token = rule
        .first_match(rule.positive_examples()[0].as_bytes())
        .expect("example matches");
    String::from_utf8(token.to_vec()).expect("ascii")
}
