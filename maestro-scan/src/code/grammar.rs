//! The tree-sitter grammar of each language, and one parser per grammar and thread.

use std::cell::RefCell;

use tree_sitter::{Language as TsLanguage, Parser, Tree};

use crate::language::Language;

/// A grammar: one per [`Language`], except that TypeScript files with JSX (`.tsx`) have their
/// own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Grammar {
    Python,
    JavaScript,
    TypeScript,
    Tsx,
    Go,
    Java,
    Ruby,
    Php,
    CSharp,
    Rust,
    Bash,
}

/// How many grammars there are (the size of per-grammar tables).
pub(crate) const GRAMMARS: usize = 11;

impl Grammar {
    /// The grammar of a file of `language` at `path` (the extension tells TSX from TypeScript).
    pub(crate) fn new(language: Language, path: Option<&str>) -> Grammar {
        match language {
            Language::Python => Grammar::Python,
            Language::JavaScript => Grammar::JavaScript,
            Language::TypeScript => {
                if path.is_some_and(|p| p.to_ascii_lowercase().ends_with(".tsx")) {
                    Grammar::Tsx
                } else {
                    Grammar::TypeScript
                }
            }
            Language::Go => Grammar::Go,
            Language::Java => Grammar::Java,
            Language::Ruby => Grammar::Ruby,
            Language::Php => Grammar::Php,
            Language::CSharp => Grammar::CSharp,
            Language::Rust => Grammar::Rust,
            Language::Shell => Grammar::Bash,
        }
    }

    /// The index of this grammar in per-grammar tables.
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The tree-sitter language.
    pub(crate) fn ts_language(self) -> TsLanguage {
        match self {
            Grammar::Python => tree_sitter_python::LANGUAGE.into(),
            Grammar::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Grammar::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Grammar::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Grammar::Go => tree_sitter_go::LANGUAGE.into(),
            Grammar::Java => tree_sitter_java::LANGUAGE.into(),
            Grammar::Ruby => tree_sitter_ruby::LANGUAGE.into(),
            Grammar::Php => tree_sitter_php::LANGUAGE_PHP.into(),
            Grammar::CSharp => tree_sitter_c_sharp::LANGUAGE.into(),
            Grammar::Rust => tree_sitter_rust::LANGUAGE.into(),
            Grammar::Bash => tree_sitter_bash::LANGUAGE.into(),
        }
    }

    /// Parse `text` for the engine. For Rust, a macro invocation whose parenthesised or
    /// bracketed arguments are expressions (`format!("{}", x)`, `vec![a, b]`) is parsed as a
    /// call of the macro's name (`format ("{}", x)`): the text is rewritten in place (`!` to a
    /// space, `[`/`]` to parentheses, byte offsets unchanged) and parsed again, so the
    /// arguments are expressions rather than a token tree. A macro whose rewriting does not
    /// parse keeps its token tree. The engine still reads the original text.
    pub(crate) fn parse_code(self, text: &[u8]) -> Option<Tree> {
        self.parse_code_with(text, true)
    }

    /// [`Grammar::parse_code`]; with `incremental`, each rewriting is parsed from the tree
    /// before it, told which bytes changed (tree-sitter then parses only around them), rather
    /// than afresh (the tests compare the two).
    fn parse_code_with(self, text: &[u8], incremental: bool) -> Option<Tree> {
        let tree = self.parse(text)?;
        if self != Grammar::Rust {
            return Some(tree);
        }
        let had_errors = tree.root_node().has_error();
        // The rewriting changes single bytes and no line: one table of line starts serves.
        let lines: Vec<usize> = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text).map(|at| at + 1))
            .collect();
        let mut best = tree;
        let mut current = text.to_vec();
        let mut refused: Vec<usize> = Vec::new();
        for _ in 0..6 {
            let edits: Vec<MacroEdit> = macro_calls(best.root_node(), &current)
                .into_iter()
                .filter(|e| !refused.contains(&e.bang))
                .collect();
            if edits.is_empty() {
                break;
            }
            let mut next = current.clone();
            for e in &edits {
                next[e.bang] = b' ';
                next[e.open] = b'(';
                next[e.close] = b')';
            }
            let tree = if incremental {
                let mut old = best.clone();
                for e in &edits {
                    for at in [e.bang, e.open, e.close] {
                        old.edit(&one_byte(&lines, at));
                    }
                }
                self.parse_from(&next, Some(&old))?
            } else {
                self.parse(&next)?
            };
            if !had_errors && tree.root_node().has_error() {
                // Keep the token trees of the macros the errors are in, and try again.
                let errors = error_ranges(tree.root_node());
                let before = refused.len();
                for e in &edits {
                    if errors.iter().any(|&(s, end)| s <= e.close && e.bang < end) {
                        refused.push(e.bang);
                    }
                }
                if refused.len() == before {
                    break;
                }
                continue;
            }
            best = tree;
            current = next;
        }
        Some(best)
    }

    /// Parse `text`. One parser per grammar is kept per thread (a parser is cheap to reuse and
    /// costly to build). `None` only when the parser gives up (it never does on its own).
    pub(crate) fn parse(self, text: &[u8]) -> Option<Tree> {
        self.parse_from(text, None)
    }

    /// Parse `text`, reusing `old` (a tree already told how the text changed) where unchanged.
    pub(crate) fn parse_from(self, text: &[u8], old: Option<&Tree>) -> Option<Tree> {
        thread_local! {
            static PARSERS: RefCell<[Option<Parser>; GRAMMARS]> = RefCell::new(Default::default());
        }
        PARSERS.with(|parsers| {
            let mut parsers = parsers.borrow_mut();
            let slot = &mut parsers[self.index()];
            if slot.is_none() {
                let mut parser = Parser::new();
                parser
                    .set_language(&self.ts_language())
                    .expect("the grammar crates are built for this tree-sitter version");
                *slot = Some(parser);
            }
            slot.as_mut().expect("set just above").parse(text, old)
        })
    }
}

/// A macro invocation to parse as a call: the byte offsets of its `!` and of its opening and
/// closing delimiters.
struct MacroEdit {
    bang: usize,
    open: usize,
    close: usize,
}

/// The Rust macro invocations whose arguments read as expressions: called with `(...)` or
/// `[...]`, with no `;`, `=>`, `$` or `{...}` group at their top level.
fn macro_calls(root: tree_sitter::Node<'_>, text: &[u8]) -> Vec<MacroEdit> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        let mut cursor = node.walk();
        let children: Vec<tree_sitter::Node<'_>> = node.children(&mut cursor).collect();
        if node.kind() == "macro_invocation"
            && let Some(tree) = children.last().filter(|c| c.kind() == "token_tree")
            && let Some(bang) = children.iter().find(|c| !c.is_named() && c.kind() == "!")
            && bang.end_byte() == tree.start_byte()
            && matches!(text.get(tree.start_byte()), Some(b'(' | b'['))
            && tree.end_byte() > tree.start_byte() + 1
        {
            let mut inner = tree.walk();
            let expression_like = tree.children(&mut inner).all(|t| {
                let piece = &text[t.byte_range()];
                !(matches!(piece, b";" | b"=>" | b"$" | b"#")
                    || (t.kind() == "token_tree" && piece.first() == Some(&b'{')))
            });
            if expression_like {
                out.push(MacroEdit {
                    bang: bang.start_byte(),
                    open: tree.start_byte(),
                    close: tree.end_byte() - 1,
                });
            }
        }
        stack.extend(children.into_iter().filter(tree_sitter::Node::is_named));
    }
    out
}

/// The edit replacing the one byte at `at` by another, `lines` holding where each line starts.
fn one_byte(lines: &[usize], at: usize) -> tree_sitter::InputEdit {
    let row = lines.partition_point(|&start| start <= at) - 1;
    let start = tree_sitter::Point {
        row,
        column: at - lines[row],
    };
    let end = tree_sitter::Point {
        row,
        column: start.column + 1,
    };
    tree_sitter::InputEdit {
        start_byte: at,
        old_end_byte: at + 1,
        new_end_byte: at + 1,
        start_position: start,
        old_end_position: end,
        new_end_position: end,
    }
}

/// Every node of `tree`: its kind, field, byte range and start and end points (to compare
/// trees node by node in tests).
#[cfg(test)]
pub(crate) fn shape(tree: &Tree) -> String {
    let mut out = String::new();
    let mut cursor = tree.walk();
    loop {
        let node = cursor.node();
        out.push_str(&format!(
            "{} {:?} {:?} {:?}-{:?}\n",
            node.kind(),
            cursor.field_name(),
            node.byte_range(),
            node.start_position(),
            node.end_position()
        ));
        if cursor.goto_first_child() || cursor.goto_next_sibling() {
            continue;
        }
        loop {
            if !cursor.goto_parent() {
                return out;
            }
            if cursor.goto_next_sibling() {
                break;
            }
        }
    }
}

/// The byte ranges of a tree's parse errors.
fn error_ranges(root: tree_sitter::Node<'_>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if !node.has_error() {
            continue;
        }
        if node.is_error() || node.is_missing() {
            out.push((
                node.start_byte(),
                node.end_byte().max(node.start_byte() + 1),
            ));
            continue;
        }
        let mut cursor = node.walk();
        stack.extend(node.children(&mut cursor));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_grammar_parses_its_language() {
        let cases = [
            (Grammar::Python, "x = f(1)\n"),
            (Grammar::JavaScript, "const x = f(1);\n"),
            (Grammar::TypeScript, "const x: number = f(1);\n"),
            (Grammar::Tsx, "const x = <div>{f(1)}</div>;\n"),
            (Grammar::Go, "package main\nfunc main() { f(1) }\n"),
            (Grammar::Java, "class A { void m() { f(1); } }\n"),
            (Grammar::Ruby, "x = f(1)\n"),
            (Grammar::Php, "<?php $x = f(1);\n"),
            (Grammar::CSharp, "class A { void M() { F(1); } }\n"),
            (Grammar::Rust, "fn main() { f(1); }\n"),
            (Grammar::Bash, "x=$(f 1)\n"),
        ];
        for (grammar, text) in cases {
            let tree = grammar.parse(text.as_bytes()).expect("parses");
            assert!(!tree.root_node().has_error(), "{grammar:?}: {text}");
        }
    }

    /// Rust's macro rewriting parsed from the tree before each step gives the tree parsing
    /// afresh gives, node by node, on every Rust file of this crate and of the corpus.
    #[test]
    fn incremental_macro_rewriting_gives_the_fresh_tree() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut stack = vec![root.join("src"), root.join("corpus/rust")];
        let mut files = 0;
        let mut rewritten = 0;
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("dir") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read(&path).expect("read");
                    let incremental = Grammar::Rust.parse_code_with(&text, true).expect("parses");
                    let fresh = Grammar::Rust.parse_code_with(&text, false).expect("parses");
                    assert_eq!(shape(&incremental), shape(&fresh), "{}", path.display());
                    files += 1;
                    rewritten += usize::from(
                        shape(&incremental) != shape(&Grammar::Rust.parse(&text).expect("parses")),
                    );
                }
            }
        }
        assert!(
            files > 100 && rewritten > 50,
            "{files} files, {rewritten} rewritten"
        );
    }
}
