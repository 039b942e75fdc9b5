//! Go (tree-sitter-go).

use crate::code::table::{ImportStyle, Role, Spec};

pub(crate) static SPEC: Spec = Spec {
    roles: &[&[
        (
            "call_expression",
            Role::Call {
                callee: "function",
                arguments: "arguments",
            },
        ),
        (
            "selector_expression",
            Role::Member {
                object: "operand",
                property: "field",
            },
        ),
        (
            "index_expression",
            Role::Index {
                object: "operand",
                index: "index",
            },
        ),
        ("identifier", Role::Name),
        ("interpreted_string_literal", Role::Str),
        ("raw_string_literal", Role::Str),
        ("interpreted_string_literal_content", Role::Text),
        ("raw_string_literal_content", Role::Text),
        ("escape_sequence", Role::Text),
        (
            "binary_expression",
            Role::Binary {
                left: "left",
                right: "right",
            },
        ),
        (
            "unary_expression",
            Role::Not {
                argument: "operand",
            },
        ),
        (
            "assignment_statement",
            Role::Assign {
                left: "left",
                right: "right",
            },
        ),
        (
            "short_var_declaration",
            Role::Assign {
                left: "left",
                right: "right",
            },
        ),
        (
            "var_spec",
            Role::Declare {
                name: "name",
                value: "value",
            },
        ),
        (
            "const_spec",
            Role::Declare {
                name: "name",
                value: "value",
            },
        ),
        ("return_statement", Role::Return),
        ("break_statement", Role::Terminate),
        ("continue_statement", Role::Terminate),
        (
            "function_declaration",
            Role::Function {
                name: "name",
                parameters: "parameters",
                body: "body",
            },
        ),
        (
            "method_declaration",
            Role::Function {
                name: "name",
                parameters: "parameters",
                body: "body",
            },
        ),
        (
            "func_literal",
            Role::Function {
                name: "",
                parameters: "parameters",
                body: "body",
            },
        ),
        (
            "if_statement",
            Role::If {
                condition: "condition",
                consequence: "consequence",
                alternative: "alternative",
            },
        ),
        (
            "range_clause",
            Role::For {
                left: "left",
                right: "right",
                body: "",
            },
        ),
        (
            "keyed_element",
            Role::Pair {
                key: "key",
                value: "value",
            },
        ),
        ("literal_value", Role::Container),
        ("int_literal", Role::Constant),
        ("float_literal", Role::Constant),
        ("true", Role::Constant),
        ("false", Role::Constant),
        ("nil", Role::Constant),
        ("import_spec", Role::Import),
        ("comment", Role::Comment),
        ("type_declaration", Role::Skip),
    ]],
    imports: ImportStyle::Go,
    self_names: &[],
    parameter_name_fields: &[],
};
