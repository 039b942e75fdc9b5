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

    /// Parse `text`. One parser per grammar is kept per thread (a parser is cheap to reuse and
    /// costly to build). `None` only when the parser gives up (it never does on its own).
    pub(crate) fn parse(self, text: &[u8]) -> Option<Tree> {
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
            slot.as_mut().expect("set just above").parse(text, None)
        })
    }
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
}
