//! maestro-scan integration tests (one binary).

mod embedding;
mod examples;
mod inputs;
mod sarif;
mod suppressions;
mod unscanned;

use maestro_scan::{
    RuleSet,
    rule_set::{BUILTIN_CODE_TOML, BUILTIN_SECRETS_TOML},
};

/// The built-in rules as written, with their examples.
#[must_use]
pub fn rules_with_examples() -> RuleSet {
    let secrets = RuleSet::from_toml_str(BUILTIN_SECRETS_TOML, "rules/secrets.toml")
        .expect("the built-in secret rules load and compile");
    let code = RuleSet::from_toml_str(BUILTIN_CODE_TOML, "rules/code.toml")
        .expect("the built-in code rules load and compile");
    secrets.merge(code)
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
