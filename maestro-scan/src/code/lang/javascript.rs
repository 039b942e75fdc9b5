//! JavaScript (tree-sitter-javascript, with JSX) and TypeScript (tree-sitter-typescript, TS and
//! TSX): TypeScript's table is JavaScript's plus its typed parameters and type expressions.

use crate::code::table::{ImportStyle, Role, Spec};

const JAVASCRIPT: &[(&str, Role<&str>)] = &[
    (
        "call_expression",
        Role::Call {
            callee: "function",
            arguments: "arguments",
        },
    ),
    (
        "new_expression",
        Role::New {
            class: "constructor",
            arguments: "arguments",
        },
    ),
    (
        "member_expression",
        Role::Member {
            object: "object",
            property: "property",
        },
    ),
    (
        "subscript_expression",
        Role::Index {
            object: "object",
            index: "index",
        },
    ),
    ("identifier", Role::Name),
    ("shorthand_property_identifier", Role::Name),
    ("shorthand_property_identifier_pattern", Role::Name),
    ("this", Role::Name),
    ("string", Role::Str),
    ("template_string", Role::Str),
    ("string_fragment", Role::Text),
    ("escape_sequence", Role::Text),
    ("template_substitution", Role::Interpolation),
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
            argument: "argument",
        },
    ),
    (
        "assignment_expression",
        Role::Assign {
            left: "left",
            right: "right",
        },
    ),
    (
        "augmented_assignment_expression",
        Role::AugmentedAssign {
            left: "left",
            right: "right",
        },
    ),
    (
        "variable_declarator",
        Role::Declare {
            name: "name",
            value: "value",
        },
    ),
    (
        "assignment_pattern",
        Role::Declare {
            name: "left",
            value: "right",
        },
    ),
    ("return_statement", Role::Return),
    ("throw_statement", Role::Terminate),
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
        "generator_function_declaration",
        Role::Function {
            name: "name",
            parameters: "parameters",
            body: "body",
        },
    ),
    (
        "function_expression",
        Role::Function {
            name: "name",
            parameters: "parameters",
            body: "body",
        },
    ),
    (
        "arrow_function",
        Role::Function {
            name: "",
            parameters: "parameters",
            body: "body",
        },
    ),
    (
        "method_definition",
        Role::Function {
            name: "name",
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
        "for_in_statement",
        Role::For {
            left: "left",
            right: "right",
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
    (
        "pair_pattern",
        Role::Pair {
            key: "key",
            value: "value",
        },
    ),
    ("object", Role::Container),
    ("array", Role::Container),
    ("number", Role::Constant),
    ("true", Role::Constant),
    ("false", Role::Constant),
    ("null", Role::Constant),
    ("undefined", Role::Constant),
    ("import_statement", Role::Import),
    (
        "ternary_expression",
        Role::Conditional {
            condition: "condition",
            consequence: "consequence",
            alternative: "alternative",
        },
    ),
    ("comment", Role::Comment),
    ("class_declaration", Role::Class),
    ("class", Role::Class),
];

const TYPESCRIPT: &[(&str, Role<&str>)] = &[
    (
        "public_field_definition",
        Role::Declare {
            name: "name",
            value: "value",
        },
    ),
    ("function_signature", Role::Skip),
    ("type_annotation", Role::Skip),
    ("interface_declaration", Role::Skip),
    ("type_alias_declaration", Role::Skip),
    ("abstract_class_declaration", Role::Class),
];

pub(crate) static SPEC: Spec = Spec {
    roles: &[JAVASCRIPT],
    imports: ImportStyle::JavaScript,
    self_names: &["this"],
    parameter_name_fields: &["pattern", "left"],
    expression_bodies: false,
    format_captures: false,
    element_callbacks: &[],
    aliases: &[],
    positional_parameters: false,
};

pub(crate) static TYPESCRIPT_SPEC: Spec = Spec {
    roles: &[JAVASCRIPT, TYPESCRIPT],
    imports: ImportStyle::JavaScript,
    self_names: &["this"],
    parameter_name_fields: &["pattern", "left"],
    expression_bodies: false,
    format_captures: false,
    element_callbacks: &[],
    aliases: &[],
    positional_parameters: false,
};
