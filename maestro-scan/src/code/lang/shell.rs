//! Shell (tree-sitter-bash).
//!
//! - A command is a call of its name with its words as arguments (rules pick the argument
//!   after a flag, or the n-th operand, see `docs/code-rules.md`); what a here-string feeds it
//!   is its input. A command whose name is an expansion (`$cmd args`) has that expansion as its
//!   receiver.
//! - A pipeline feeds each command the previous one's output: `printf '%s' "$x" | tr -cd
//!   '[:alnum:]'` is clean when `tr -cd` is a sanitiser. A here-document or here-string feeds
//!   the command it is on (`read -r -d '' SCRIPT <<'EOF'` reads a constant), and `read` reads
//!   what it is fed when that is known.
//! - A parameter expansion with an operator is a call of the operator on the variable:
//!   `${x//[^a-z]/}` is `${//}` with `x` as receiver and the pattern as first argument,
//!   `${name##*/}` is `${##}`; `${x:-default}` is `${:-}`.
//! - `[[ $x =~ ^[0-9]+$ ]]`, `[[ $x == a ]]` and `case` patterns are pattern comparisons
//!   (guards); `cond || exit` and `cond && continue` guard what follows; `false` and `true`
//!   are constant conditions.
//! - A function returns what its body prints (the value of its commands), and `$1`...`$9`,
//!   `$@` and `$*` inside it are its arguments; outside any function they are the script's.

use crate::code::table::{ImportStyle, Role, Spec};

pub(crate) static SPEC: Spec = Spec {
    roles: &[&[
        (
            "command",
            Role::Command {
                name: "name",
                argument: "argument",
                input: "redirect",
            },
        ),
        ("pipeline", Role::Pipeline),
        (
            "redirected_statement",
            Role::Redirected {
                body: "body",
                input: "redirect",
            },
        ),
        ("heredoc_body", Role::Str),
        ("heredoc_start", Role::Constant),
        ("heredoc_end", Role::Constant),
        (
            "variable_assignment",
            Role::Assign {
                left: "name",
                right: "value",
            },
        ),
        ("variable_name", Role::Name),
        ("special_variable_name", Role::Name),
        (
            "subscript",
            Role::Index {
                object: "name",
                index: "index",
            },
        ),
        ("string", Role::Str),
        ("raw_string", Role::Str),
        ("ansi_c_string", Role::Str),
        ("string_content", Role::Text),
        ("heredoc_content", Role::Text),
        ("simple_expansion", Role::Interpolation),
        ("expansion", Role::Expansion),
        (
            "binary_expression",
            Role::Binary {
                left: "left",
                right: "right",
            },
        ),
        (
            "list",
            Role::Binary {
                left: "#0",
                right: "#last",
            },
        ),
        ("unary_expression", Role::Not { argument: "#last" }),
        ("negated_command", Role::Not { argument: "#last" }),
        (
            "function_definition",
            Role::Function {
                name: "name",
                parameters: "",
                body: "body",
            },
        ),
        (
            "if_statement",
            Role::If {
                condition: "condition",
                consequence: "#plain",
                alternative: "#plain",
            },
        ),
        (
            "elif_clause",
            Role::If {
                condition: "condition",
                consequence: "#plain",
                alternative: "",
            },
        ),
        ("else_clause", Role::Else),
        (
            "case_statement",
            Role::Match {
                value: "value",
                body: "",
            },
        ),
        (
            "case_item",
            Role::Arm {
                pattern: "value",
                value: "#plain",
            },
        ),
        (
            "for_statement",
            Role::For {
                left: "variable",
                right: "value",
                body: "body",
            },
        ),
        ("array", Role::Container),
        ("number", Role::Constant),
        ("word", Role::Constant),
        ("extglob_pattern", Role::Constant),
        ("regex", Role::Constant),
        ("comment", Role::Comment),
    ]],
    imports: ImportStyle::None,
    self_names: &[],
    parameter_name_fields: &[],
    expression_bodies: true,
    format_captures: false,
    element_callbacks: &[],
    aliases: &[("*", "@")],
    positional_parameters: true,
};
