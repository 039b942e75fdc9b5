//! Rust (tree-sitter-rust). Macro arguments are token trees: the identifiers in them are read
//! as variables, so `format!("{}", x)` carries `x`.

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
            "field_expression",
            Role::Member {
                object: "value",
                property: "field",
            },
        ),
        (
            "index_expression",
            Role::Index {
                object: "#0",
                index: "#last",
            },
        ),
        ("identifier", Role::Name),
        ("self", Role::Name),
        ("scoped_identifier", Role::ScopedName),
        ("string_literal", Role::Str),
        ("raw_string_literal", Role::Str),
        ("string_content", Role::Text),
        ("escape_sequence", Role::Text),
        (
            "binary_expression",
            Role::Binary {
                left: "left",
                right: "right",
            },
        ),
        ("unary_expression", Role::Not { argument: "#0" }),
        (
            "assignment_expression",
            Role::Assign {
                left: "left",
                right: "right",
            },
        ),
        (
            "compound_assignment_expr",
            Role::AugmentedAssign {
                left: "left",
                right: "right",
            },
        ),
        (
            "let_declaration",
            Role::Declare {
                name: "pattern",
                value: "value",
            },
        ),
        ("return_expression", Role::Return),
        ("break_expression", Role::Terminate),
        ("continue_expression", Role::Terminate),
        (
            "function_item",
            Role::Function {
                name: "name",
                parameters: "parameters",
                body: "body",
            },
        ),
        (
            "closure_expression",
            Role::Function {
                name: "",
                parameters: "parameters",
                body: "body",
            },
        ),
        ("attribute_item", Role::Annotation { name: "#0" }),
        (
            "if_expression",
            Role::If {
                condition: "condition",
                consequence: "consequence",
                alternative: "alternative",
            },
        ),
        (
            "for_expression",
            Role::For {
                left: "pattern",
                right: "value",
                body: "body",
            },
        ),
        ("array_expression", Role::Container),
        ("tuple_expression", Role::Container),
        ("integer_literal", Role::Constant),
        ("float_literal", Role::Constant),
        ("boolean_literal", Role::Constant),
        ("use_declaration", Role::Import),
        ("line_comment", Role::Comment),
        ("block_comment", Role::Comment),
        ("impl_item", Role::Class),
        ("struct_item", Role::Skip),
        ("enum_item", Role::Skip),
    ]],
    imports: ImportStyle::Qualified,
    self_names: &["self"],
    parameter_name_fields: &["pattern"],
};
