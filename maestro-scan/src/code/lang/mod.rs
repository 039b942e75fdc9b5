//! One table per language: which node kinds of its grammar play which [`Role`](super::table::Role).
//! See the module documentation of [`code`](super) for how to add or extend one.

use super::grammar::Grammar;
use super::table::Spec;

mod csharp;
mod go;
mod java;
mod javascript;
mod php;
mod python;
mod ruby;
mod rust;
mod shell;

/// The table of a grammar.
pub(crate) fn spec(grammar: Grammar) -> &'static Spec {
    match grammar {
        Grammar::Python => &python::SPEC,
        Grammar::JavaScript => &javascript::SPEC,
        Grammar::TypeScript | Grammar::Tsx => &javascript::TYPESCRIPT_SPEC,
        Grammar::Go => &go::SPEC,
        Grammar::Java => &java::SPEC,
        Grammar::Ruby => &ruby::SPEC,
        Grammar::Php => &php::SPEC,
        Grammar::CSharp => &csharp::SPEC,
        Grammar::Rust => &rust::SPEC,
        Grammar::Bash => &shell::SPEC,
    }
}
