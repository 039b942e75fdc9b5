//! The syntax-tree rule files (`rules/code/<language>.toml`): sources, sanitisers, guards and
//! rules of one language, parsed on first use (a hook process parses only its file's language).
//! The format is documented in `docs/code-rules.md`.
//!
//! This module holds the built-in files ([`BUILTIN`]), the category bits of CWEs and the lazy
//! loading of each language's [`Pack`]; the file format is in `spec` and the compiled rules in
//! `pack`.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::language::Language;

mod pack;
mod spec;

pub(crate) use pack::{ArgValues, CodeRule, KeywordValue, Pack, ParameterSource};
pub(crate) use spec::GuardChecks;
pub use spec::PackFile;

/// The class of data a source produces when its rule does not say.
pub(crate) const UNTRUSTED: &str = "untrusted";

/// The built-in rule files as written (with their examples, for tests and rule authors), and
/// the compact JSON copy build.rs makes of each (without examples) that scans parse.
pub(crate) const BUILTIN: &[(&str, &str, &str)] = &[
    (
        "csharp.toml",
        include_str!("../../rules/code/csharp.toml"),
        include_str!(concat!(env!("OUT_DIR"), "/code_rules_csharp.json")),
    ),
    (
        "go.toml",
        include_str!("../../rules/code/go.toml"),
        include_str!(concat!(env!("OUT_DIR"), "/code_rules_go.json")),
    ),
    (
        "java.toml",
        include_str!("../../rules/code/java.toml"),
        include_str!(concat!(env!("OUT_DIR"), "/code_rules_java.json")),
    ),
    (
        "javascript.toml",
        include_str!("../../rules/code/javascript.toml"),
        include_str!(concat!(env!("OUT_DIR"), "/code_rules_javascript.json")),
    ),
    (
        "php.toml",
        include_str!("../../rules/code/php.toml"),
        include_str!(concat!(env!("OUT_DIR"), "/code_rules_php.json")),
    ),
    (
        "python.toml",
        include_str!("../../rules/code/python.toml"),
        include_str!(concat!(env!("OUT_DIR"), "/code_rules_python.json")),
    ),
    (
        "ruby.toml",
        include_str!("../../rules/code/ruby.toml"),
        include_str!(concat!(env!("OUT_DIR"), "/code_rules_ruby.json")),
    ),
    (
        "rust.toml",
        include_str!("../../rules/code/rust.toml"),
        include_str!(concat!(env!("OUT_DIR"), "/code_rules_rust.json")),
    ),
    (
        "shell.toml",
        include_str!("../../rules/code/shell.toml"),
        include_str!(concat!(env!("OUT_DIR"), "/code_rules_shell.json")),
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

impl Pack {
    /// The rules for files of `language`, parsed and compiled on first use.
    pub(crate) fn of(language: Language) -> Option<&'static Pack> {
        type Slot = (Vec<Language>, OnceLock<Pack>, &'static str);
        static PACKS: OnceLock<Vec<Slot>> = OnceLock::new();
        let packs = PACKS.get_or_init(|| {
            BUILTIN
                .iter()
                .map(|(_, toml_text, json)| (languages_of(toml_text), OnceLock::new(), *json))
                .collect()
        });
        let (_, pack, json) = packs.iter().find(|(l, _, _)| l.contains(&language))?;
        Some(pack.get_or_init(|| {
            let file: PackFile =
                serde_json::from_str(json).expect("build.rs wrote valid built-in code rules");
            Pack::compile(&file)
        }))
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
    let mut files: Vec<&(&str, &str, &str)> = BUILTIN.iter().collect();
    files.sort_by_key(|(name, _, _)| *name);
    files
        .into_iter()
        .map(|(name, text, _)| {
            (
                *name,
                toml::from_str(text).unwrap_or_else(|e| panic!("built-in code rules {name}: {e}")),
            )
        })
        .collect()
}
