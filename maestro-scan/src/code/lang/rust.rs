//! Rust (tree-sitter-rust).
//!
//! Rust handlers receive request data through typed parameters (`Query(q): Query<Lookup>`,
//! `headers: HeaderMap`, `form: web::Form<F>`), functions return their tail expression, and
//! most data moves through closures and method chains. The table is shaped for that:
//!
//! - A function item is walked in place (it has no function role): each parameter is a
//!   declaration whose value is its type, so `Query(q): Query<Lookup>` binds `q` (and `Query`)
//!   to what the type `Query<Lookup>` evaluates to. A generic type is a call of its type
//!   arguments with the outer type as argument, so `Query<Lookup>` carries the taint of the
//!   `axum::extract::Query` source and `Path<u32>` is a call of `u32` (a numeric sanitiser).
//!   The cost: calls of the file's own functions are not followed into their bodies (a call
//!   passes its arguments' data on to its result), and findings have no enclosing function
//!   name.
//! - A closure has no function role either: its body is evaluated where it is written, so
//!   `opt.map(|c| c.value().to_owned())` keeps the data of `opt`.
//! - Macros are calls of their name with their token tree as argument (`format!`, `write!`,
//!   `html!`): identifiers in the tree are read as variables, so `format!("{}", x)` carries `x`.
//! - A tuple `(K, V)` is a call of `K` with `V` as argument, so a header pair
//!   `(header::LOCATION, url)` reads as `LOCATION(url)`.
//! - `match` is a conditional: its value is its arms' values, not the matched value.

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
            "macro_invocation",
            Role::Call {
                callee: "macro",
                arguments: "#last",
            },
        ),
        (
            "attribute",
            Role::Call {
                callee: "#0",
                arguments: "arguments",
            },
        ),
        (
            "generic_type",
            Role::Call {
                callee: "type_arguments",
                arguments: "type",
            },
        ),
        (
            "type_cast_expression",
            Role::Call {
                callee: "type",
                arguments: "value",
            },
        ),
        (
            "tuple_expression",
            Role::Call {
                callee: "#0",
                arguments: "#last",
            },
        ),
        (
            "generic_function",
            Role::Member {
                object: "function",
                property: "type_arguments",
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
        ("type_identifier", Role::Name),
        ("primitive_type", Role::Name),
        ("self", Role::Name),
        ("scoped_identifier", Role::ScopedName),
        ("scoped_type_identifier", Role::ScopedName),
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
        (
            "let_condition",
            Role::Declare {
                name: "pattern",
                value: "value",
            },
        ),
        (
            "parameter",
            Role::Declare {
                name: "pattern",
                value: "type",
            },
        ),
        (
            "const_item",
            Role::Declare {
                name: "name",
                value: "value",
            },
        ),
        (
            "static_item",
            Role::Declare {
                name: "name",
                value: "value",
            },
        ),
        ("return_expression", Role::Return),
        ("break_expression", Role::Terminate),
        ("continue_expression", Role::Terminate),
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
            "match_expression",
            Role::Conditional {
                condition: "value",
                consequence: "body",
                alternative: "",
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
        (
            "field_initializer",
            Role::Pair {
                key: "field",
                value: "value",
            },
        ),
        (
            "shorthand_field_initializer",
            Role::Pair {
                key: "#0",
                value: "#0",
            },
        ),
        ("array_expression", Role::Container),
        ("struct_expression", Role::Container),
        ("integer_literal", Role::Constant),
        ("float_literal", Role::Constant),
        ("boolean_literal", Role::Constant),
        ("char_literal", Role::Constant),
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
