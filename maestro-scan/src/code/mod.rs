//! Code rules on syntax trees: each file is parsed once with its language's tree-sitter grammar,
//! walked by one language-neutral engine, and checked against the language's rules — taint
//! flows from sources (request data, `input()`, `sys.argv`, the environment...) through
//! assignments, formatting, containers and the file's own functions to sinks (SQL, shell,
//! `eval`, paths...), and structural rules (a weak hash for a password, an XML parser that
//! resolves entities, a cookie without `Secure`). Text inside string literals and comments is
//! never matched as code.
//!
//! # How it fits together
//!
//! - `grammar`: the grammar of each language and one reused parser per thread.
//! - `table` and `lang/<language>.rs`: each language's table maps its node kinds to
//!   language-neutral roles (call, member, string, assignment, function, if...).
//! - `rules`: the rule files `rules/code/<language>.toml` (format: `docs/code-rules.md`),
//!   parsed on first use for the language being scanned.
//! - `engine`: the walk and the taint analysis; `imports`: how imports bind names; `pattern`:
//!   how rules name functions.
//!
//! # Adding or extending a language's rules
//!
//! 1. Look at the trees the grammar builds for a few snippets:
//!    `cargo run -p maestro-scan --example syntax_tree -- FILE` prints the syntax tree of a file
//!    (node kinds and field names).
//! 2. Check the language's table in `src/code/lang/<language>.rs`: every node kind that is a
//!    call, member access, string, assignment, function, `if`... must have its role, with the
//!    grammar's field names. A kind without a role is walked through (its children's values are
//!    joined), so only kinds that matter need an entry. Tables exist for every language: Python,
//!    JavaScript/TypeScript (shared), Go, Java, Ruby, PHP, C#, Rust and shell.
//! 3. Write `rules/code/<language>.toml` (sources, parameter sources, sanitisers, guards and
//!    rules; see `docs/code-rules.md`) with `languages = ["<language>"]` on its first lines, and
//!    list it in `BUILTIN` in `src/code/rules.rs`. Each rule has `positive` and `negative`
//!    snippets, checked by the test suite (`tests/it/examples.rs`).
//! 4. Measure on the corpus: `cargo run -p maestro-scan --example corpus_score -- DIR`.
//!
//! Rules describe the flaw through the API's semantics (which function, which argument, which
//! flag), never a particular file's names or layout.

use crate::language::Language;

mod engine;
mod grammar;
mod imports;
mod lang;
mod memory;
pub(crate) mod pattern;
pub(crate) mod pattern_index;
pub(crate) mod rules;
mod table;
mod taint;

use grammar::Grammar;
pub use memory::TreeMemory;
use table::{Role, Table, named_children};

/// Files larger than this are not parsed: their code rules do not run (secret rules still do).
pub const MAX_PARSED_SIZE: usize = 4 << 20;

/// One step of a tainted flow, in byte offsets of the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawStep {
    pub(crate) at: usize,
    pub(crate) label: String,
}

/// A finding of the syntax-tree rules.
#[derive(Debug, Clone)]
pub(crate) struct CodeHit {
    pub(crate) rule_id: &'static str,
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Source, intermediate steps and sink, for a tainted flow.
    pub(crate) flow: Vec<RawStep>,
}

/// What parsing and checking one file found.
#[derive(Debug, Default)]
pub(crate) struct Analysis {
    pub(crate) hits: Vec<CodeHit>,
    /// Byte ranges of comments and of the literal text of strings, sorted.
    pub(crate) literals: Vec<(usize, usize)>,
}

impl Analysis {
    /// Whether byte `at` is inside a comment or a string's literal text.
    pub(crate) fn in_literal(&self, at: usize) -> bool {
        let i = self.literals.partition_point(|&(start, _)| start <= at);
        i > 0 && at < self.literals[i - 1].1
    }
}

/// Whether the built-in syntax-tree rules cover `language` (a rule file in `rules/code/`
/// names it).
#[must_use]
pub fn has_rules(language: Language) -> bool {
    rules::Pack::of(language).is_some()
}

/// Parse `text` (a file of `language` at `path`) and run the built-in rules `enabled` accepts;
/// with `literals`, also list the comment and string ranges; with `trees`, parse from the tree
/// kept for the path. `None` when the file is too large.
pub(crate) fn analyze(
    language: Language,
    path: Option<&str>,
    text: &[u8],
    enabled: &dyn Fn(&str) -> bool,
    literals: bool,
    trees: Option<&TreeMemory>,
) -> Option<Analysis> {
    if text.len() > MAX_PARSED_SIZE {
        return None;
    }
    let grammar = Grammar::new(language, path);
    let tree = match (trees, path) {
        (Some(trees), Some(path)) => trees.parse_code(grammar, path, text)?,
        _ => grammar.parse_code(text)?,
    };
    let table = Table::of(grammar);
    let mut analysis = Analysis::default();
    if let Some(pack) = rules::Pack::of(language) {
        let mut hits = engine::Engine::new(text, table, pack, enabled).run(tree.root_node());
        // A structural rule and a taint rule of the same weakness on the same construct (a
        // `shell=True` call, and untrusted data reaching it) are one flaw: the flow says more.
        let flows: Vec<(u32, usize, usize)> = hits
            .iter()
            .filter(|h| pack.rules[h.rule].class.is_some())
            .map(|h| (pack.rules[h.rule].cwe, h.start, h.end))
            .collect();
        hits.retain(|h| {
            let rule = &pack.rules[h.rule];
            rule.class.is_some()
                || !flows
                    .iter()
                    .any(|&(cwe, start, end)| cwe == rule.cwe && start < h.end && h.start < end)
        });
        analysis.hits = hits
            .into_iter()
            .map(|h| CodeHit {
                rule_id: pack.rules[h.rule].id.as_str(),
                start: h.start,
                end: h.end,
                flow: h
                    .flow
                    .into_iter()
                    .map(|s| RawStep {
                        at: s.at,
                        label: s.label,
                    })
                    .collect(),
            })
            .collect();
    }
    if literals {
        analysis.literals = literal_ranges(tree.root_node(), table);
    }
    Some(analysis)
}

fn literal_ranges(root: tree_sitter::Node<'_>, table: &Table) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match table.role(node) {
            Some(Role::Comment) => out.push((node.start_byte(), node.end_byte())),
            Some(Role::Str) => {
                let mut at = node.start_byte();
                for c in named_children(node) {
                    if matches!(table.role(c), Some(Role::Text)) {
                        continue;
                    }
                    out.push((at, c.start_byte()));
                    at = c.end_byte();
                    stack.push(c);
                }
                out.push((at, node.end_byte()));
            }
            _ => {
                let mut cursor = node.walk();
                for c in node.children(&mut cursor) {
                    if c.is_extra() && c.kind().contains("comment") {
                        out.push((c.start_byte(), c.end_byte()));
                    } else if c.is_named() {
                        stack.push(c);
                    }
                }
            }
        }
    }
    out.retain(|(s, e)| s < e);
    out.sort_unstable();
    out
}

/// The syntax tree of a file as an S-expression (node kinds and field names), as the engine
/// sees it (Rust macros with expression arguments are calls), for rule authors; `None` when
/// the path's language has no grammar.
#[must_use]
pub fn syntax_tree(path: &str, text: &[u8]) -> Option<String> {
    let language = Language::from_path(path)?;
    let tree = Grammar::new(language, Some(path)).parse_code(text)?;
    Some(tree.root_node().to_sexp())
}

/// The 1-based lines of the parse errors (`ERROR` or missing nodes) of a file; `None` when the
/// path's language has no grammar.
#[must_use]
pub fn parse_error_lines(path: &str, text: &[u8]) -> Option<Vec<usize>> {
    let language = Language::from_path(path)?;
    let tree = Grammar::new(language, Some(path)).parse(text)?;
    let mut lines = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if !node.has_error() {
            continue;
        }
        if node.is_error() || node.is_missing() {
            lines.push(node.start_position().row + 1);
            continue;
        }
        let mut cursor = node.walk();
        stack.extend(node.children(&mut cursor));
    }
    lines.sort_unstable();
    lines.dedup();
    Some(lines)
}

#[cfg(test)]
mod tests;
