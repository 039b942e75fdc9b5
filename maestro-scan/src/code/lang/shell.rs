//! Shell (tree-sitter-bash). A command is a call of its name with its words as arguments.

use crate::code::table::{ImportStyle, Role, Spec};

pub(crate) static SPEC: Spec = Spec {
    roles: &[&[
        (
            "command",
            Role::Command {
                name: "name",
                argument: "argument",
            },
        ),
        (
            "variable_assignment",
            Role::Assign {
                left: "name",
                right: "value",
            },
        ),
        ("variable_name", Role::Name),
        ("special_variable_name", Role::Name),
        ("string", Role::Str),
        ("raw_string", Role::Str),
        ("ansi_c_string", Role::Str),
        ("string_content", Role::Text),
        ("simple_expansion", Role::Interpolation),
        ("expansion", Role::Interpolation),
        (
            "function_definition",
            Role::Function {
                name: "name",
                parameters: "",
                body: "body",
            },
        ),
        ("number", Role::Constant),
        ("word", Role::Constant),
        ("comment", Role::Comment),
    ]],
    imports: ImportStyle::None,
    self_names: &[],
    parameter_name_fields: &[],
    expression_bodies: false,
    format_captures: false,
    element_callbacks: &[],
};
