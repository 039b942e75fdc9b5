//! The rule file format: the serde shapes a `rules/code/<language>.toml` file (or build.rs's
//! compact JSON copy of it) is read into, field for field as written, before
//! [`Pack::compile`](super::Pack::compile) turns patterns into matchers and CWEs into masks.
//! Fields are visible to the parent module so that compilation can read them.

use serde::Deserialize;

use crate::language::Language;
use crate::rule::{Confidence, Severity};

/// A rule file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    /// The languages whose files these rules apply to.
    pub languages: Vec<Language>,
    #[serde(default)]
    pub(super) source: Vec<SourceSpec>,
    #[serde(default)]
    pub(super) parameter_source: Vec<ParameterSourceSpec>,
    #[serde(default)]
    pub(super) sanitizer: Vec<SanitizerSpec>,
    #[serde(default)]
    pub(super) guard: Vec<GuardSpec>,
    #[serde(default)]
    pub(super) opaque: Vec<OpaqueSpec>,
    /// The rules.
    #[serde(default)]
    pub rule: Vec<RuleSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SourceSpec {
    #[serde(default)]
    pub(super) patterns: Vec<String>,
    pub(super) label: Option<String>,
    pub(super) class: Option<String>,
    #[serde(default)]
    pub(super) assigns_arguments: bool,
    #[serde(default)]
    pub(super) not_for: Vec<u32>,
    #[serde(default)]
    pub(super) environment: bool,
    #[serde(default)]
    pub(super) except: Vec<String>,
    #[serde(default)]
    pub(super) values: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ParameterSourceSpec {
    #[serde(default)]
    pub(super) decorators: Vec<String>,
    #[serde(default)]
    pub(super) annotations: Vec<String>,
    #[serde(default)]
    pub(super) types: Vec<String>,
    #[serde(default)]
    pub(super) callbacks: Vec<String>,
    #[serde(default)]
    pub(super) parameters: Option<Vec<usize>>,
    #[serde(default)]
    pub(super) skip_names: Vec<String>,
    #[serde(default)]
    pub(super) skip_types: Vec<String>,
    pub(super) label: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SanitizerSpec {
    pub(super) calls: Vec<String>,
    #[serde(default)]
    pub(super) cwes: Vec<u32>,
    #[serde(default)]
    pub(super) values: Vec<String>,
    #[serde(default)]
    pub(super) second_values: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct OpaqueSpec {
    pub(super) calls: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct GuardSpec {
    #[serde(default)]
    pub(super) calls: Vec<String>,
    #[serde(default)]
    pub(super) members: Vec<String>,
    #[serde(default)]
    pub(super) patterns: Vec<String>,
    #[serde(default)]
    pub(super) checks: GuardChecks,
    #[serde(default)]
    pub(super) cwes: Vec<u32>,
    #[serde(default)]
    pub(super) negated: bool,
    #[serde(default)]
    pub(super) values: Vec<String>,
    #[serde(default)]
    pub(super) compared: bool,
}

/// What a guard call validates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum GuardChecks {
    /// The receiver (`x.isdigit()`).
    #[default]
    Receiver,
    /// The first argument (`ALLOWED.includes(x)`, `re.fullmatch(p, x)` takes `any-argument`).
    Argument,
    /// Every argument.
    AnyArgument,
}

/// One rule, as written.
#[allow(clippy::struct_excessive_bools)] // the rule file's independent switches, as written
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Unique id.
    pub id: String,
    /// CWE id.
    pub cwe: u32,
    /// Severity.
    pub severity: Severity,
    /// Confidence (default medium).
    #[serde(default)]
    pub confidence: Confidence,
    /// One line describing the flaw.
    pub message: String,
    /// One-line fix hint.
    pub fix: String,
    #[serde(default)]
    pub(super) class: Option<String>,
    #[serde(default)]
    pub(super) calls: Vec<String>,
    #[serde(default)]
    pub(super) args: Vec<usize>,
    #[serde(default)]
    pub(super) keywords: Vec<String>,
    #[serde(default)]
    pub(super) receiver: bool,
    #[serde(default)]
    pub(super) assign: Vec<String>,
    #[serde(default)]
    pub(super) values: Vec<String>,
    #[serde(default)]
    pub(super) names: Vec<String>,
    #[serde(default)]
    pub(super) returns_in_handler: bool,
    #[serde(default)]
    pub(super) when_keywords: Vec<String>,
    #[serde(default)]
    pub(super) unless_keywords: Vec<String>,
    #[serde(default)]
    pub(super) missing_keywords: Vec<String>,
    #[serde(default)]
    pub(super) unless_args_at_least: Option<usize>,
    #[serde(default)]
    pub(super) when_arg: Option<ArgValuesSpec>,
    #[serde(default)]
    pub(super) unless_arg: Option<ArgValuesSpec>,
    #[serde(default)]
    pub(super) purpose: Vec<String>,
    #[serde(default)]
    pub(super) trusted_sources: Vec<String>,
    #[serde(default)]
    pub(super) only_sources: Vec<String>,
    #[serde(default)]
    pub(super) flag_args: Vec<String>,
    #[serde(default)]
    pub(super) operands: Vec<usize>,
    #[serde(default)]
    pub(super) operands_from: Option<usize>,
    #[serde(default)]
    pub(super) option_values: Vec<String>,
    #[serde(default)]
    pub(super) stdin: bool,
    #[serde(default)]
    pub(super) when_any_arg: Vec<String>,
    #[serde(default)]
    pub(super) unless_any_arg: Vec<String>,
    #[serde(default)]
    pub(super) when_receiver: Vec<String>,
    #[serde(default)]
    pub(super) appended: bool,
    /// Snippets that must produce this rule's finding.
    #[serde(default)]
    pub positive: Vec<String>,
    /// Snippets that must not.
    #[serde(default)]
    pub negative: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ArgValuesSpec {
    #[serde(default)]
    pub(super) index: usize,
    #[serde(default)]
    pub(super) flag: Option<String>,
    pub(super) values: Vec<String>,
}
