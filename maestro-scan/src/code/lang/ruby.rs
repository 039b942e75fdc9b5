//! Ruby (tree-sitter-ruby).

use crate::code::table::{ImportStyle, Role, Spec};

pub(crate) static SPEC: Spec = Spec {
    roles: &[&[
        (
            "call",
            Role::MethodCall {
                receiver: "receiver",
                method: "method",
                arguments: "arguments",
            },
        ),
        (
            "element_reference",
            Role::Index {
                object: "object",
                index: "#last",
            },
        ),
        ("identifier", Role::Name),
        ("constant", Role::Name),
        ("instance_variable", Role::Name),
        ("class_variable", Role::Name),
        ("global_variable", Role::Name),
        ("self", Role::Name),
        ("scope_resolution", Role::ScopedName),
        ("string", Role::Str),
        ("heredoc_body", Role::Str),
        ("string_content", Role::Text),
        ("heredoc_content", Role::Text),
        ("escape_sequence", Role::Text),
        ("interpolation", Role::Interpolation),
        ("subshell", Role::Builtin("`")),
        (
            "binary",
            Role::Binary {
                left: "left",
                right: "right",
            },
        ),
        (
            "unary",
            Role::Not {
                argument: "operand",
            },
        ),
        (
            "assignment",
            Role::Assign {
                left: "left",
                right: "right",
            },
        ),
        (
            "operator_assignment",
            Role::AugmentedAssign {
                left: "left",
                right: "right",
            },
        ),
        ("return", Role::Return),
        ("break", Role::Terminate),
        ("next", Role::Terminate),
        (
            "method",
            Role::Function {
                name: "name",
                parameters: "parameters",
                body: "body",
            },
        ),
        (
            "singleton_method",
            Role::Function {
                name: "name",
                parameters: "parameters",
                body: "body",
            },
        ),
        (
            "block",
            Role::Function {
                name: "",
                parameters: "parameters",
                body: "body",
            },
        ),
        (
            "do_block",
            Role::Function {
                name: "",
                parameters: "parameters",
                body: "body",
            },
        ),
        (
            "lambda",
            Role::Function {
                name: "",
                parameters: "parameters",
                body: "body",
            },
        ),
        (
            "if",
            Role::If {
                condition: "condition",
                consequence: "consequence",
                alternative: "alternative",
            },
        ),
        (
            "elsif",
            Role::If {
                condition: "condition",
                consequence: "consequence",
                alternative: "alternative",
            },
        ),
        (
            "for",
            Role::For {
                left: "pattern",
                right: "value",
                body: "body",
            },
        ),
        (
            "pair",
            Role::Pair {
                key: "key",
                value: "value",
            },
        ),
        ("hash", Role::Container),
        ("array", Role::Container),
        ("integer", Role::Constant),
        ("float", Role::Constant),
        ("true", Role::Constant),
        ("false", Role::Constant),
        ("nil", Role::Constant),
        ("simple_symbol", Role::Constant),
        ("hash_key_symbol", Role::Constant),
        (
            "conditional",
            Role::Conditional {
                condition: "condition",
                consequence: "consequence",
                alternative: "alternative",
            },
        ),
        ("comment", Role::Comment),
        ("class", Role::Class),
        ("module", Role::Class),
    ]],
    imports: ImportStyle::None,
    self_names: &["self"],
    parameter_name_fields: &[],
};
