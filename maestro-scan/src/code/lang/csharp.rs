//! C# (tree-sitter-c-sharp).
//!
//! Choices the rules rely on: `new T(args) { Prop = value }` is a constructor call whose
//! arguments are its object initializer when it has one (so `new CookieOptions { Secure = false }`
//! and `new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse }` are seen as assignments),
//! else its argument list; a `switch` statement is a branch whose sections may or may not run;
//! a predefined type is a name (`int.Parse` is the path `int.Parse`).

use crate::code::table::{ImportStyle, Role, Spec};

pub(crate) static SPEC: Spec = Spec {
    roles: &[&[
        (
            "invocation_expression",
            Role::Call {
                callee: "function",
                arguments: "arguments",
            },
        ),
        (
            "object_creation_expression",
            Role::New {
                class: "type",
                arguments: "#last",
            },
        ),
        (
            "switch_statement",
            Role::If {
                condition: "value",
                consequence: "body",
                alternative: "",
            },
        ),
        (
            "member_access_expression",
            Role::Member {
                object: "expression",
                property: "name",
            },
        ),
        (
            "element_access_expression",
            Role::Index {
                object: "expression",
                index: "subscript",
            },
        ),
        (
            "argument",
            Role::KeywordArgument {
                name: "name",
                value: "#last",
            },
        ),
        ("identifier", Role::Name),
        ("predefined_type", Role::Name),
        ("qualified_name", Role::ScopedName),
        ("string_literal", Role::Str),
        ("verbatim_string_literal", Role::Str),
        ("raw_string_literal", Role::Str),
        ("interpolated_string_expression", Role::Str),
        ("string_literal_content", Role::Text),
        ("string_content", Role::Text),
        ("escape_sequence", Role::Text),
        ("interpolation", Role::Interpolation),
        (
            "binary_expression",
            Role::Binary {
                left: "left",
                right: "right",
            },
        ),
        ("prefix_unary_expression", Role::Not { argument: "#0" }),
        (
            "assignment_expression",
            Role::Assign {
                left: "left",
                right: "right",
            },
        ),
        (
            "variable_declarator",
            Role::Declare {
                name: "name",
                value: "#last",
            },
        ),
        ("return_statement", Role::Return),
        ("throw_statement", Role::Terminate),
        ("throw_expression", Role::Terminate),
        ("break_statement", Role::Terminate),
        ("continue_statement", Role::Terminate),
        (
            "method_declaration",
            Role::Function {
                name: "name",
                parameters: "parameters",
                body: "body",
            },
        ),
        (
            "constructor_declaration",
            Role::Function {
                name: "name",
                parameters: "parameters",
                body: "body",
            },
        ),
        (
            "local_function_statement",
            Role::Function {
                name: "name",
                parameters: "parameters",
                body: "body",
            },
        ),
        (
            "lambda_expression",
            Role::Function {
                name: "",
                parameters: "parameters",
                body: "body",
            },
        ),
        ("attribute", Role::Annotation { name: "name" }),
        (
            "if_statement",
            Role::If {
                condition: "condition",
                consequence: "consequence",
                alternative: "alternative",
            },
        ),
        (
            "foreach_statement",
            Role::For {
                left: "left",
                right: "right",
                body: "body",
            },
        ),
        ("initializer_expression", Role::Container),
        ("integer_literal", Role::Constant),
        ("real_literal", Role::Constant),
        ("boolean_literal", Role::Constant),
        ("null_literal", Role::Constant),
        ("using_directive", Role::Import),
        (
            "conditional_expression",
            Role::Conditional {
                condition: "condition",
                consequence: "consequence",
                alternative: "alternative",
            },
        ),
        ("comment", Role::Comment),
        ("class_declaration", Role::Class),
    ]],
    imports: ImportStyle::None,
    self_names: &["this"],
    parameter_name_fields: &[],
    expression_bodies: false,
    format_captures: false,
    element_callbacks: &[],
    aliases: &[],
    positional_parameters: false,
};

#[cfg(test)]
mod tests {
    use crate::code::analyze;
    use crate::language::Language;

    fn rules_hit(source: &str) -> Vec<&'static str> {
        let analysis = analyze(
            Language::CSharp,
            Some("X.cs"),
            source.as_bytes(),
            &|_| true,
            false,
            None,
        )
        .expect("parsed");
        analysis.hits.iter().map(|h| h.rule_id).collect()
    }

    #[test]
    fn an_object_initializer_is_evaluated() {
        let hits = rules_hit(
            r"
using System.Xml;

public static class Reader
{
    public static XmlReaderSettings Settings()
    {
        return new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse };
    }
}
",
        );
        assert_eq!(hits, ["csharp-xxe-dtd-parse"]);
    }

    #[test]
    fn a_predefined_type_parse_sanitises() {
        let hits = rules_hit(
            r#"
using System.IO;

public static class Program
{
    public static void Main(string[] args)
    {
        int id = int.Parse(args[0]);
        File.ReadAllText("templates/" + id + ".txt");
    }
}
"#,
        );
        assert!(hits.is_empty(), "{hits:?}");
    }
}
