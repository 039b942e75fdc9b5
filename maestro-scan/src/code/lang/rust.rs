//! Rust (tree-sitter-rust).
//!
//! Rust handlers receive request data through typed parameters (`Query(q): Query<Lookup>`,
//! `headers: HeaderMap`, `form: web::Form<F>`), blocks are expressions, functions return their
//! tail expression, and most data moves through closures and method chains. The table is shaped
//! for that:
//!
//! - A parameter is a declaration whose value is its type, so `Query(q): Query<Lookup>` binds
//!   `q` to what the type `Query<Lookup>` evaluates to. A generic type is a call of its type
//!   arguments with the outer type as argument, so `Query<Lookup>` carries the taint of the
//!   `axum::extract::Query` source and `Path<u32>` is a call of `u32` (a numeric sanitiser).
//! - Blocks, `if` and `match` have values ([`Spec::expression_bodies`]): a function returns its
//!   tail expression, `let x = if ok { a } else { b };` has both branches' data, and a `match`
//!   arm binds its pattern (`Some(target) => ...`) to the matched value.
//! - Closures are functions; the closure of a method listed in `element_callbacks`
//!   (`opt.map(|v| ...)`, `it.filter(|x| ...)`) receives the receiver's data as its first
//!   parameter.
//! - A macro called with parentheses or brackets is parsed as a call of its name
//!   (`format!("{}", x)` is a call of `format`, see `grammar.rs`), so its arguments are
//!   expressions; `{name}` placeholders of its string arguments read `name`. A macro with a
//!   brace body (`html! { ... }`) is a call of its name with its token tree as argument, whose
//!   identifiers are read as variables.
//! - A tuple `(K, V...)` is a call of `K` with the rest as arguments, so a header pair
//!   `(header::LOCATION, url)` reads as `LOCATION(url)`.

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
                arguments: "#rest",
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
        ("block", Role::Block),
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
            Role::Match {
                value: "value",
                body: "body",
            },
        ),
        (
            "match_arm",
            Role::Arm {
                pattern: "pattern",
                value: "value",
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
        (
            "field_declaration",
            Role::FieldDeclaration {
                name: "name",
                ty: "type",
            },
        ),
        ("array_expression", Role::Container),
        ("struct_expression", Role::Container),
        ("integer_literal", Role::Constant),
        ("float_literal", Role::Constant),
        ("boolean_literal", Role::Constant),
        ("char_literal", Role::Constant),
        ("unit_expression", Role::Constant),
        ("use_declaration", Role::Import),
        ("line_comment", Role::Comment),
        ("block_comment", Role::Comment),
        ("impl_item", Role::Class),
        ("trait_item", Role::Class),
        ("struct_item", Role::Skip),
        ("enum_item", Role::Skip),
        ("macro_definition", Role::Skip),
    ]],
    imports: ImportStyle::Qualified,
    self_names: &["self"],
    parameter_name_fields: &["pattern"],
    expression_bodies: true,
    format_captures: true,
    element_callbacks: &[
        "map",
        "and_then",
        "filter",
        "filter_map",
        "flat_map",
        "find",
        "find_map",
        "for_each",
        "inspect",
        "take_while",
        "skip_while",
        "map_while",
        "any",
        "all",
        "position",
        "then",
        "is_some_and",
        "is_ok_and",
        "map_ok",
        "try_for_each",
    ],
    aliases: &[],
    positional_parameters: false,
};
