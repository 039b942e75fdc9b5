//! maestro-scan integration tests (one binary).

mod embedding;
mod examples;
mod inputs;
mod sarif;

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
