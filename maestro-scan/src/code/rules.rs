//! The syntax-tree rule files (`rules/code/<language>.toml`): sources, sanitisers, guards and
//! rules of one language, parsed on first use (a hook process parses only its file's language).
//! The format is documented in `docs/code-rules.md`.

use std::sync::OnceLock;

use serde::Deserialize;

use super::pattern::Pattern;
use crate::language::Language;
use crate::rule::{Confidence, Severity};

/// The class of data a source produces when its rule does not say.
pub(crate) const UNTRUSTED: &str = "untrusted";

/// A rule file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    /// The languages whose files these rules apply to.
    pub languages: Vec<Language>,
    #[serde(default)]
    source: Vec<SourceSpec>,
    #[serde(default)]
    parameter_source: Vec<ParameterSourceSpec>,
    #[serde(default)]
    sanitizer: Vec<SanitizerSpec>,
    #[serde(default)]
    guard: Vec<GuardSpec>,
    /// The rules.
    #[serde(default)]
    pub rule: Vec<RuleSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceSpec {
    patterns: Vec<String>,
    label: Option<String>,
    class: Option<String>,
    #[serde(default)]
    assigns_arguments: bool,
    #[serde(default)]
    not_for: Vec<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ParameterSourceSpec {
    #[serde(default)]
    decorators: Vec<String>,
    #[serde(default)]
    annotations: Vec<String>,
    #[serde(default)]
    types: Vec<String>,
    #[serde(default)]
    callbacks: Vec<String>,
    #[serde(default)]
    parameters: Option<Vec<usize>>,
    #[serde(default)]
    skip_names: Vec<String>,
    #[serde(default)]
    skip_types: Vec<String>,
    label: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SanitizerSpec {
    calls: Vec<String>,
    #[serde(default)]
    cwes: Vec<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GuardSpec {
    #[serde(default)]
    calls: Vec<String>,
    #[serde(default)]
    members: Vec<String>,
    checks: GuardChecks,
    #[serde(default)]
    cwes: Vec<u32>,
    #[serde(default)]
    negated: bool,
    #[serde(default)]
    values: Vec<String>,
}

/// What a guard call validates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum GuardChecks {
    /// The receiver (`x.isdigit()`).
    Receiver,
    /// The first argument (`ALLOWED.includes(x)`, `re.fullmatch(p, x)` takes `any-argument`).
    Argument,
    /// Every argument.
    AnyArgument,
}

/// One rule, as written.
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
    class: Option<String>,
    #[serde(default)]
    calls: Vec<String>,
    #[serde(default)]
    args: Vec<usize>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    receiver: bool,
    #[serde(default)]
    assign: Vec<String>,
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    returns_in_handler: bool,
    #[serde(default)]
    when_keywords: Vec<String>,
    #[serde(default)]
    unless_keywords: Vec<String>,
    #[serde(default)]
    missing_keywords: Vec<String>,
    #[serde(default)]
    unless_args_at_least: Option<usize>,
    #[serde(default)]
    when_arg: Option<ArgValuesSpec>,
    #[serde(default)]
    unless_arg: Option<ArgValuesSpec>,
    #[serde(default)]
    purpose: Vec<String>,
    /// Snippets that must produce this rule's finding.
    #[serde(default)]
    pub positive: Vec<String>,
    /// Snippets that must not.
    #[serde(default)]
    pub negative: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArgValuesSpec {
    index: usize,
    values: Vec<String>,
}

/// A source of data of a class.
#[derive(Debug)]
pub(crate) struct Source {
    pub(crate) patterns: Vec<Pattern>,
    pub(crate) label: Option<String>,
    pub(crate) class: u8,
    pub(crate) assigns_arguments: bool,
    /// Categories this data is not a threat for (the deployment's environment does not
    /// redirect users elsewhere).
    pub(crate) cleared: u64,
}

/// Parameters of handler functions that carry untrusted data.
#[derive(Debug)]
pub(crate) struct ParameterSource {
    pub(crate) decorators: Vec<Pattern>,
    pub(crate) annotations: Vec<Pattern>,
    pub(crate) types: Vec<Pattern>,
    pub(crate) callbacks: Vec<Pattern>,
    pub(crate) parameters: Option<Vec<usize>>,
    pub(crate) skip_names: Vec<String>,
    pub(crate) skip_types: Vec<Pattern>,
    pub(crate) label: String,
}

/// A sanitiser: its result no longer carries taint for `cleared` categories.
#[derive(Debug)]
pub(crate) struct Sanitizer {
    pub(crate) calls: Vec<Pattern>,
    pub(crate) cleared: u64,
}

/// A validating call: in the branch where it held, the value it checked is clean.
#[derive(Debug)]
pub(crate) struct Guard {
    pub(crate) calls: Vec<Pattern>,
    /// Comparing `x.member` with `==` validates `x` (`url.origin === SELF`).
    pub(crate) members: Vec<String>,
    pub(crate) checks: GuardChecks,
    pub(crate) cleared: u64,
    /// The value is clean where the call returned false (`x.startsWith('//')`).
    pub(crate) negated: bool,
    /// The call's first argument must match one of these (empty: any).
    pub(crate) values: Vec<Pattern>,
}

/// `name=value` conditions on keyword arguments.
#[derive(Debug, Clone)]
pub(crate) struct KeywordValue {
    pub(crate) name: String,
    pub(crate) value: Pattern,
}

/// Values of one positional argument.
#[derive(Debug, Clone)]
pub(crate) struct ArgValues {
    pub(crate) index: usize,
    pub(crate) values: Vec<Pattern>,
}

/// A compiled rule.
#[derive(Debug)]
pub(crate) struct CodeRule {
    pub(crate) id: String,
    pub(crate) cwe: u32,
    /// The class of data that must reach the sink; `None` for a structural rule (the construct
    /// itself is the finding).
    pub(crate) class: Option<u8>,
    pub(crate) calls: Vec<Pattern>,
    pub(crate) args: Vec<usize>,
    pub(crate) keywords: Vec<String>,
    pub(crate) receiver: bool,
    pub(crate) assign: Vec<Pattern>,
    pub(crate) values: Vec<Pattern>,
    pub(crate) names: Vec<String>,
    pub(crate) returns_in_handler: bool,
    pub(crate) when_keywords: Vec<KeywordValue>,
    pub(crate) unless_keywords: Vec<KeywordValue>,
    pub(crate) missing_keywords: Vec<KeywordValue>,
    pub(crate) unless_args_at_least: Option<usize>,
    pub(crate) when_arg: Option<ArgValues>,
    pub(crate) unless_arg: Option<ArgValues>,
    pub(crate) purpose: Vec<String>,
}

/// One language's compiled rules.
#[derive(Debug)]
pub(crate) struct Pack {
    /// The data classes its sources and rules name (`untrusted` first).
    #[allow(dead_code)] // read by tests and kept for messages
    pub(crate) classes: Vec<String>,
    pub(crate) sources: Vec<Source>,
    pub(crate) parameter_sources: Vec<ParameterSource>,
    pub(crate) sanitizers: Vec<Sanitizer>,
    pub(crate) guards: Vec<Guard>,
    pub(crate) rules: Vec<CodeRule>,
}

/// The built-in rule files, with the languages they serve.
pub(crate) const BUILTIN: &[(&str, &str)] = &[
    ("python.toml", include_str!("../../rules/code/python.toml")),
    ("php.toml", include_str!("../../rules/code/php.toml")),
    ("ruby.toml", include_str!("../../rules/code/ruby.toml")),
    ("rust.toml", include_str!("../../rules/code/rust.toml")),
    (
        "javascript.toml",
        include_str!("../../rules/code/javascript.toml"),
    ),
];

/// The bit of a CWE's category in a taint's `cleared` mask (CWE-95 counts as 94, 327 as 328,
/// 1004 as 614); unknown CWEs share the last bit.
pub(crate) fn category_bit(cwe: u32) -> u64 {
    const CATEGORIES: &[u32] = &[
        89, 78, 94, 22, 601, 79, 90, 643, 611, 502, 330, 328, 614, 501, 918, 117, 113, 1336, 73,
        434, 943, 470, 917,
    ];
    let cwe = match cwe {
        95 => 94,
        327 => 328,
        1004 => 614,
        other => other,
    };
    CATEGORIES
        .iter()
        .position(|&c| c == cwe)
        .map_or(1 << 63, |i| 1 << i)
}

fn mask(cwes: &[u32]) -> u64 {
    if cwes.is_empty() {
        u64::MAX
    } else {
        cwes.iter().fold(0, |m, &c| m | category_bit(c))
    }
}

fn patterns(list: &[String]) -> Vec<Pattern> {
    list.iter().map(|p| Pattern::new(p)).collect()
}

fn keyword_values(list: &[String]) -> Vec<KeywordValue> {
    list.iter()
        .map(|kv| {
            let (name, value) = kv.split_once('=').unwrap_or((kv.as_str(), "*"));
            KeywordValue {
                name: name.trim().to_owned(),
                value: Pattern::new(value.trim()),
            }
        })
        .collect()
}

fn arg_values(spec: Option<&ArgValuesSpec>) -> Option<ArgValues> {
    spec.map(|s| ArgValues {
        index: s.index,
        values: patterns(&s.values),
    })
}

impl Pack {
    /// The rules for files of `language`, parsed and compiled on first use.
    pub(crate) fn of(language: Language) -> Option<&'static Pack> {
        type Slot = (Vec<Language>, OnceLock<Pack>, &'static str);
        static PACKS: OnceLock<Vec<Slot>> = OnceLock::new();
        let packs = PACKS.get_or_init(|| {
            BUILTIN
                .iter()
                .map(|(_, text)| (languages_of(text), OnceLock::new(), *text))
                .collect()
        });
        let (_, pack, text) = packs.iter().find(|(l, _, _)| l.contains(&language))?;
        Some(pack.get_or_init(|| {
            let file: PackFile = toml::from_str(text).expect("built-in code rules are valid");
            Pack::compile(&file)
        }))
    }

    /// Compile a parsed rule file.
    pub(crate) fn compile(file: &PackFile) -> Pack {
        let mut classes = vec![UNTRUSTED.to_owned()];
        let mut class = |name: Option<&str>| -> u8 {
            let name = name.unwrap_or(UNTRUSTED);
            let at = classes.iter().position(|c| c == name).unwrap_or_else(|| {
                classes.push(name.to_owned());
                classes.len() - 1
            });
            u8::try_from(at).expect("fewer than 256 classes")
        };
        let sources = file
            .source
            .iter()
            .map(|s| Source {
                patterns: patterns(&s.patterns),
                label: s.label.clone(),
                class: class(s.class.as_deref()),
                assigns_arguments: s.assigns_arguments,
                cleared: if s.not_for.is_empty() {
                    0
                } else {
                    mask(&s.not_for)
                },
            })
            .collect();
        let rules = file
            .rule
            .iter()
            .map(|r| CodeRule {
                id: r.id.clone(),
                cwe: r.cwe,
                class: r.class.as_deref().map(|c| class(Some(c))),
                calls: patterns(&r.calls),
                args: r.args.clone(),
                keywords: r.keywords.clone(),
                receiver: r.receiver,
                assign: patterns(&r.assign),
                values: patterns(&r.values),
                names: r.names.iter().map(|n| n.to_ascii_lowercase()).collect(),
                returns_in_handler: r.returns_in_handler,
                when_keywords: keyword_values(&r.when_keywords),
                unless_keywords: keyword_values(&r.unless_keywords),
                missing_keywords: keyword_values(&r.missing_keywords),
                unless_args_at_least: r.unless_args_at_least,
                when_arg: arg_values(r.when_arg.as_ref()),
                unless_arg: arg_values(r.unless_arg.as_ref()),
                purpose: r.purpose.iter().map(|n| n.to_ascii_lowercase()).collect(),
            })
            .collect();
        Pack {
            sources,
            parameter_sources: file
                .parameter_source
                .iter()
                .map(|p| ParameterSource {
                    decorators: patterns(&p.decorators),
                    annotations: patterns(&p.annotations),
                    types: patterns(&p.types),
                    callbacks: patterns(&p.callbacks),
                    parameters: p.parameters.clone(),
                    skip_names: p.skip_names.clone(),
                    skip_types: patterns(&p.skip_types),
                    label: p
                        .label
                        .clone()
                        .unwrap_or_else(|| "handler parameter".to_owned()),
                })
                .collect(),
            sanitizers: file
                .sanitizer
                .iter()
                .map(|s| Sanitizer {
                    calls: patterns(&s.calls),
                    cleared: mask(&s.cwes),
                })
                .collect(),
            guards: file
                .guard
                .iter()
                .map(|g| Guard {
                    calls: patterns(&g.calls),
                    members: g.members.clone(),
                    checks: g.checks,
                    cleared: mask(&g.cwes),
                    negated: g.negated,
                    values: patterns(&g.values),
                })
                .collect(),
            rules,
            classes,
        }
    }
}

/// The `languages` of a rule file, read without parsing the rest.
fn languages_of(text: &str) -> Vec<Language> {
    #[derive(Deserialize)]
    struct Head {
        languages: Vec<Language>,
    }
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("languages"))
        .expect("a built-in rule file names its languages");
    toml::from_str::<Head>(line)
        .expect("the languages line of a built-in rule file is valid")
        .languages
}

/// Every built-in rule file, parsed with its examples, in file name order (the order of the
/// compiled-in rule list, see build.rs).
pub(crate) fn builtin_files() -> Vec<(&'static str, PackFile)> {
    let mut files: Vec<&(&str, &str)> = BUILTIN.iter().collect();
    files.sort_by_key(|(name, _)| *name);
    files
        .into_iter()
        .map(|(name, text)| {
            (
                *name,
                toml::from_str(text).unwrap_or_else(|e| panic!("built-in code rules {name}: {e}")),
            )
        })
        .collect()
}
