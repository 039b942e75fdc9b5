//! The compiled rules of one language: the [`Pack`] of sources, parameter sources,
//! sanitisers, guards, opaque calls and rules the engine checks, and [`Pack::compile`], which
//! turns a parsed [`PackFile`] into one (patterns into matchers, CWE lists into category masks,
//! class names into small numbers).

use super::spec::{ArgValuesSpec, GuardChecks, PackFile};
use super::{UNTRUSTED, category_bit};
use crate::code::pattern::Pattern;
use crate::code::pattern_index::PatternIndex;

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
    /// A variable the file does not bind, named in capitals (shell: the environment), except
    /// these names.
    pub(crate) environment: bool,
    pub(crate) except: Vec<String>,
    /// A source call only when one of its arguments matches one of these (empty: always).
    pub(crate) values: Vec<Pattern>,
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
    /// The call's first argument must match one of these (empty: any).
    pub(crate) values: Vec<Pattern>,
    /// And its second argument one of these (empty: any).
    pub(crate) second_values: Vec<Pattern>,
}

/// A validating call: in the branch where it held, the value it checked is clean.
#[derive(Debug)]
pub(crate) struct Guard {
    pub(crate) calls: Vec<Pattern>,
    /// Comparing `x.member` with `==` validates `x` (`url.origin === SELF`).
    pub(crate) members: Vec<String>,
    /// Pattern comparisons (`== *..*`, `=~ ^*$`: the operator, a space and the pattern as
    /// written, as globs) that validate the compared value.
    pub(crate) patterns: Vec<Pattern>,
    pub(crate) checks: GuardChecks,
    pub(crate) cleared: u64,
    /// The value is clean where the call returned false (`x.startsWith('//')`).
    pub(crate) negated: bool,
    /// The call's first argument must match one of these (empty: any).
    pub(crate) values: Vec<Pattern>,
    /// The guard holds when the call's result is compared with `==` (`dirname(p) == BASE`),
    /// not when the call itself is true.
    pub(crate) compared: bool,
}

/// `name=value` conditions on keyword arguments.
#[derive(Debug, Clone)]
pub(crate) struct KeywordValue {
    pub(crate) name: String,
    pub(crate) value: Pattern,
}

/// Values of one positional argument, or of the argument after a flag.
#[derive(Debug, Clone)]
pub(crate) struct ArgValues {
    pub(crate) index: usize,
    pub(crate) flag: Option<String>,
    pub(crate) values: Vec<Pattern>,
}

/// A compiled rule.
#[allow(clippy::struct_excessive_bools)] // the rule file's independent switches
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
    /// Labels of sources this sink trusts (credentials from the environment for a bind).
    pub(crate) trusted_sources: Vec<String>,
    /// Labels of the only sources whose data counts (empty: every source of the class).
    pub(crate) only_sources: Vec<String>,
    /// Command lines: the arguments after these flags (`-c SCRIPT`, `--command=SQL`).
    pub(crate) flag_args: Vec<Pattern>,
    /// Command lines: these operands (arguments that are not options), and every one from
    /// `operands_from` on.
    pub(crate) operands: Vec<usize>,
    pub(crate) operands_from: Option<usize>,
    /// Command lines: options that take the next argument as their value.
    pub(crate) option_values: Vec<String>,
    /// The data fed to the command's standard input (a pipe, a here-string).
    pub(crate) stdin: bool,
    /// Structural conditions on any argument (an array expansion's elements included).
    pub(crate) when_any_arg: Vec<Pattern>,
    pub(crate) unless_any_arg: Vec<Pattern>,
    /// Structural condition on the receiver as written (or the expression a name was bound
    /// to): `*.arg("-c")`, `*Context::new(*`.
    pub(crate) when_receiver: Vec<Pattern>,
    /// Only data appended to something else counts (`"/srv/$name"`, `base.join(name)`): a path
    /// that starts with the data is the caller's choice of place, not a traversal.
    pub(crate) appended: bool,
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
    /// Calls whose result carries none of their arguments' data.
    pub(crate) opaque: Vec<Pattern>,
    pub(crate) rules: Vec<CodeRule>,
    /// The entries of the lists above that may name a path (see [`PatternIndex`]).
    pub(crate) index: PackIndex,
}

/// Per list, which entries may name a path.
#[derive(Debug)]
pub(crate) struct PackIndex {
    /// `sources` by their patterns.
    pub(crate) sources: PatternIndex,
    /// `sanitizers` by their calls.
    pub(crate) sanitizers: PatternIndex,
    /// `opaque`, one pattern an entry.
    pub(crate) opaque: PatternIndex,
    /// `rules` by their calls.
    pub(crate) rule_calls: PatternIndex,
    /// `rules` by the names they watch assignments to.
    pub(crate) rule_assign: PatternIndex,
}

impl PackIndex {
    fn new(
        sources: &[Source],
        sanitizers: &[Sanitizer],
        opaque: &[Pattern],
        rules: &[CodeRule],
    ) -> PackIndex {
        PackIndex {
            sources: PatternIndex::new(sources.iter().map(|s| &s.patterns)),
            sanitizers: PatternIndex::new(sanitizers.iter().map(|s| &s.calls)),
            opaque: PatternIndex::new(opaque.iter().map(std::slice::from_ref)),
            rule_calls: PatternIndex::new(rules.iter().map(|r| &r.calls)),
            rule_assign: PatternIndex::new(rules.iter().map(|r| &r.assign)),
        }
    }
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
        flag: s.flag.clone(),
        values: patterns(&s.values),
    })
}

impl Pack {
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
        let sources: Vec<Source> = file
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
                environment: s.environment,
                except: s.except.clone(),
                values: patterns(&s.values),
            })
            .collect();
        let rules: Vec<CodeRule> = file
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
                trusted_sources: r.trusted_sources.clone(),
                only_sources: r.only_sources.clone(),
                flag_args: patterns(&r.flag_args),
                operands: r.operands.clone(),
                operands_from: r.operands_from,
                option_values: r.option_values.clone(),
                stdin: r.stdin,
                when_any_arg: patterns(&r.when_any_arg),
                unless_any_arg: patterns(&r.unless_any_arg),
                when_receiver: patterns(&r.when_receiver),
                appended: r.appended,
            })
            .collect();
        let sanitizers: Vec<Sanitizer> = file
            .sanitizer
            .iter()
            .map(|s| Sanitizer {
                calls: patterns(&s.calls),
                cleared: mask(&s.cwes),
                values: patterns(&s.values),
                second_values: patterns(&s.second_values),
            })
            .collect();
        let opaque: Vec<Pattern> = file
            .opaque
            .iter()
            .flat_map(|o| patterns(&o.calls))
            .collect();
        let index = PackIndex::new(&sources, &sanitizers, &opaque, &rules);
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
            sanitizers,
            guards: file
                .guard
                .iter()
                .map(|g| Guard {
                    calls: patterns(&g.calls),
                    members: g.members.clone(),
                    patterns: patterns(&g.patterns),
                    checks: g.checks,
                    cleared: mask(&g.cwes),
                    negated: g.negated,
                    values: patterns(&g.values),
                    compared: g.compared,
                })
                .collect(),
            opaque,
            rules,
            classes,
            index,
        }
    }
}
