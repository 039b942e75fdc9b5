//! Ruby (tree-sitter-ruby). `unless` (statement and modifier) is an `if` whose branches are
//! swapped, so `x = nil unless ALLOWED.include?(x)` and `return head(:bad_request) unless ok`
//! refine values like an `if`. A method or block body is read as its return value (Ruby returns
//! the last expression): the value of every statement of the body joins into what the function
//! returns, an over-approximation of the last one.

use crate::code::table::{ImportStyle, Role, Spec};

pub(crate) static SPEC: Spec = Spec {
    roles: &[&[
        // A call's block (`get "/" do ... end`, `items.map { |x| ... }`) is not in its argument
        // list: the call's last child stands for its arguments, so a block is walked as the
        // call's callback (the engine walks no other child of a call). A call with both an
        // argument list and a block loses the list; one with neither reads its method name.
        (
            "call",
            Role::MethodCall {
                receiver: "receiver",
                method: "method",
                arguments: "#last",
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
            "if_modifier",
            Role::If {
                condition: "condition",
                consequence: "body",
                alternative: "",
            },
        ),
        (
            "unless",
            Role::If {
                condition: "condition",
                consequence: "alternative",
                alternative: "consequence",
            },
        ),
        (
            "unless_modifier",
            Role::If {
                condition: "condition",
                consequence: "",
                alternative: "body",
            },
        ),
        ("body_statement", Role::Return),
        ("block_body", Role::Return),
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
        ("string_array", Role::Container),
        ("symbol_array", Role::Container),
        ("bare_string", Role::Str),
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
    expression_bodies: false,
    format_captures: false,
    element_callbacks: &[],
    aliases: &[],
    positional_parameters: false,
};
