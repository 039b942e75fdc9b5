//! Python (tree-sitter-python).

use crate::code::table::{ImportStyle, Role, Spec};

pub(crate) static SPEC: Spec = Spec {
    roles: &[&[
        (
            "call",
            Role::Call {
                callee: "function",
                arguments: "arguments",
            },
        ),
        (
            "keyword_argument",
            Role::KeywordArgument {
                name: "name",
                value: "value",
            },
        ),
        (
            "attribute",
            Role::Member {
                object: "object",
                property: "attribute",
            },
        ),
        (
            "subscript",
            Role::Index {
                object: "value",
                index: "subscript",
            },
        ),
        ("identifier", Role::Name),
        ("string", Role::Str),
        ("string_content", Role::Text),
        ("string_start", Role::Text),
        ("string_end", Role::Text),
        ("escape_sequence", Role::Text),
        ("interpolation", Role::Interpolation),
        (
            "binary_operator",
            Role::Binary {
                left: "left",
                right: "right",
            },
        ),
        (
            "boolean_operator",
            Role::Binary {
                left: "left",
                right: "right",
            },
        ),
        ("comparison_operator", Role::Comparison),
        (
            "not_operator",
            Role::Not {
                argument: "argument",
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
            "augmented_assignment",
            Role::AugmentedAssign {
                left: "left",
                right: "right",
            },
        ),
        (
            "named_expression",
            Role::Assign {
                left: "name",
                right: "value",
            },
        ),
        (
            "as_pattern",
            Role::Assign {
                left: "alias",
                right: "#0",
            },
        ),
        ("return_statement", Role::Return),
        ("raise_statement", Role::Terminate),
        ("break_statement", Role::Terminate),
        ("continue_statement", Role::Terminate),
        (
            "function_definition",
            Role::Function {
                name: "name",
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
        ("decorator", Role::Annotation { name: "#0" }),
        (
            "if_statement",
            Role::If {
                condition: "condition",
                consequence: "consequence",
                alternative: "alternative",
            },
        ),
        (
            "elif_clause",
            Role::If {
                condition: "condition",
                consequence: "consequence",
                alternative: "",
            },
        ),
        (
            "for_statement",
            Role::For {
                left: "left",
                right: "right",
                body: "body",
            },
        ),
        (
            "for_in_clause",
            Role::For {
                left: "left",
                right: "right",
                body: "",
            },
        ),
        (
            "pair",
            Role::Pair {
                key: "key",
                value: "value",
            },
        ),
        ("list", Role::Container),
        ("tuple", Role::Container),
        ("set", Role::Container),
        ("dictionary", Role::Container),
        ("integer", Role::Constant),
        ("float", Role::Constant),
        ("true", Role::Constant),
        ("false", Role::Constant),
        ("none", Role::Constant),
        ("import_statement", Role::Import),
        ("import_from_statement", Role::Import),
        (
            "conditional_expression",
            Role::Conditional {
                condition: "#1",
                consequence: "#0",
                alternative: "#2",
            },
        ),
        ("comment", Role::Comment),
        ("class_definition", Role::Class),
    ]],
    imports: ImportStyle::Python,
    self_names: &["self", "cls"],
    parameter_name_fields: &[],
    expression_bodies: false,
    format_captures: false,
    element_callbacks: &[],
    aliases: &[],
    positional_parameters: false,
};
