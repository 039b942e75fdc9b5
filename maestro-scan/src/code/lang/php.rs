//! PHP (tree-sitter-php, the grammar with surrounding HTML text). A cast `(int) $x` is a call of
//! its type (`int`) with the value as its argument, so rules can list casts as sanitisers; a
//! `const` declaration binds its name like an assignment (`const DEBUG = false;` makes
//! `if (DEBUG && ...)` a branch that cannot run).

use crate::code::table::{ImportStyle, Role, Spec};

pub(crate) static SPEC: Spec = Spec {
    roles: &[&[
        (
            "function_call_expression",
            Role::Call {
                callee: "function",
                arguments: "arguments",
            },
        ),
        (
            "member_call_expression",
            Role::MethodCall {
                receiver: "object",
                method: "name",
                arguments: "arguments",
            },
        ),
        (
            "nullsafe_member_call_expression",
            Role::MethodCall {
                receiver: "object",
                method: "name",
                arguments: "arguments",
            },
        ),
        (
            "scoped_call_expression",
            Role::MethodCall {
                receiver: "scope",
                method: "name",
                arguments: "arguments",
            },
        ),
        (
            "object_creation_expression",
            Role::New {
                class: "#0",
                arguments: "#last",
            },
        ),
        (
            "member_access_expression",
            Role::Member {
                object: "object",
                property: "name",
            },
        ),
        (
            "nullsafe_member_access_expression",
            Role::Member {
                object: "object",
                property: "name",
            },
        ),
        (
            "subscript_expression",
            Role::Index {
                object: "#0",
                index: "#last",
            },
        ),
        (
            "argument",
            Role::KeywordArgument {
                name: "name",
                value: "#last",
            },
        ),
        ("variable_name", Role::Name),
        ("name", Role::Name),
        ("qualified_name", Role::ScopedName),
        ("cast_type", Role::Name),
        (
            "cast_expression",
            Role::Call {
                callee: "type",
                arguments: "value",
            },
        ),
        (
            "const_element",
            Role::Declare {
                name: "#0",
                value: "#last",
            },
        ),
        (
            "foreach_statement",
            Role::For {
                left: "#1",
                right: "#0",
                body: "body",
            },
        ),
        ("string", Role::Str),
        ("encapsed_string", Role::Str),
        ("heredoc", Role::Str),
        ("nowdoc", Role::Str),
        ("string_content", Role::Text),
        ("escape_sequence", Role::Text),
        ("heredoc_body", Role::Interpolation),
        ("nowdoc_body", Role::Text),
        ("shell_command_expression", Role::Builtin("`")),
        ("echo_statement", Role::Builtin("echo")),
        ("print_intrinsic", Role::Builtin("print")),
        ("include_expression", Role::Builtin("include")),
        ("include_once_expression", Role::Builtin("include_once")),
        ("require_expression", Role::Builtin("require")),
        ("require_once_expression", Role::Builtin("require_once")),
        (
            "binary_expression",
            Role::Binary {
                left: "left",
                right: "right",
            },
        ),
        (
            "unary_op_expression",
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
        ("return_statement", Role::Return),
        ("throw_expression", Role::Terminate),
        ("exit_statement", Role::Terminate),
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
            "method_declaration",
            Role::Function {
                name: "name",
                parameters: "parameters",
                body: "body",
            },
        ),
        (
            "anonymous_function",
            Role::Function {
                name: "",
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
        ("attribute", Role::Annotation { name: "#0" }),
        (
            "if_statement",
            Role::If {
                condition: "condition",
                consequence: "body",
                alternative: "alternative",
            },
        ),
        (
            "else_if_clause",
            Role::If {
                condition: "condition",
                consequence: "body",
                alternative: "",
            },
        ),
        ("array_creation_expression", Role::Container),
        (
            "array_element_initializer",
            Role::Pair {
                key: "#0",
                value: "#last",
            },
        ),
        ("integer", Role::Constant),
        ("float", Role::Constant),
        ("boolean", Role::Constant),
        ("null", Role::Constant),
        ("namespace_use_clause", Role::Import),
        (
            "conditional_expression",
            Role::Conditional {
                condition: "condition",
                consequence: "body",
                alternative: "alternative",
            },
        ),
        ("comment", Role::Comment),
        ("text", Role::Skip),
        ("class_declaration", Role::Class),
    ]],
    imports: ImportStyle::Qualified,
    self_names: &["$this", "self", "static"],
    parameter_name_fields: &[],
    expression_bodies: false,
    format_captures: false,
    element_callbacks: &[],
    aliases: &[],
    positional_parameters: false,
};
