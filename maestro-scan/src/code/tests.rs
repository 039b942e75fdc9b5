//! The language tables name real node kinds and fields of their grammars.

use super::grammar::Grammar;
use super::lang;
use super::table::Role;

const ALL: [Grammar; 11] = [
    Grammar::Python,
    Grammar::JavaScript,
    Grammar::TypeScript,
    Grammar::Tsx,
    Grammar::Go,
    Grammar::Java,
    Grammar::Ruby,
    Grammar::Php,
    Grammar::CSharp,
    Grammar::Rust,
    Grammar::Bash,
];

fn fields(role: Role<&'static str>) -> Vec<&'static str> {
    match role {
        Role::Call { callee, arguments } => vec![callee, arguments],
        Role::MethodCall {
            receiver,
            method,
            arguments,
        } => vec![receiver, method, arguments],
        Role::Command {
            name,
            argument,
            input,
        } => vec![name, argument, input],
        Role::New { class, arguments } => vec![class, arguments],
        Role::KeywordArgument { name, value }
        | Role::Declare { name, value }
        | Role::Pair { key: name, value } => vec![name, value],
        Role::Member { object, property } => vec![object, property],
        Role::Index { object, index } => vec![object, index],
        Role::Binary { left, right }
        | Role::Assign { left, right }
        | Role::AugmentedAssign { left, right } => vec![left, right],
        Role::Not { argument } => vec![argument],
        Role::Function {
            name,
            parameters,
            body,
        } => vec![name, parameters, body],
        Role::Annotation { name } => vec![name],
        Role::If {
            condition,
            consequence,
            alternative,
        }
        | Role::Conditional {
            condition,
            consequence,
            alternative,
        } => vec![condition, consequence, alternative],
        Role::For { left, right, body } => vec![left, right, body],
        Role::Match { value, body } => vec![value, body],
        Role::Arm { pattern, value } => vec![pattern, value],
        Role::FieldDeclaration { name, ty } => vec![name, ty],
        Role::Redirected { body, input } => vec![body, input],
        _ => Vec::new(),
    }
}

#[test]
fn tables_name_real_kinds_and_fields() {
    let mut wrong = Vec::new();
    for grammar in ALL {
        let language = grammar.ts_language();
        let spec = lang::spec(grammar);
        for (kind, role) in spec.roles.iter().flat_map(|l| l.iter()) {
            if language.id_for_node_kind(kind, true) == 0 {
                // TypeScript-only kinds are absent from TSX and the reverse; JSX kinds too.
                if !matches!(grammar, Grammar::Tsx | Grammar::TypeScript) {
                    wrong.push(format!("{grammar:?}: no node kind `{kind}`"));
                }
                continue;
            }
            for field in fields(*role) {
                if field.is_empty() || field.starts_with('#') {
                    continue;
                }
                if language.field_id_for_name(field).is_none() {
                    wrong.push(format!("{grammar:?}: `{kind}` has no field `{field}`"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
