//! Java (tree-sitter-java).
//!
//! Choices the rules rely on: a try-with-resources `resource` declares its name; a `switch`
//! (statement or expression) is a branch whose cases may or may not run, and a switch
//! expression's value is taken as clean (`switch (t) { case "eu" -> "tenant-eu"; ... }`), not as
//! the value it switches on.

use crate::code::table::{ImportStyle, Role, Spec};

pub(crate) static SPEC: Spec = Spec {
    roles: &[&[
        (
            "method_invocation",
            Role::MethodCall {
                receiver: "object",
                method: "name",
                arguments: "arguments",
            },
        ),
        (
            "object_creation_expression",
            Role::New {
                class: "type",
                arguments: "arguments",
            },
        ),
        (
            "field_access",
            Role::Member {
                object: "object",
                property: "field",
            },
        ),
        (
            "array_access",
            Role::Index {
                object: "array",
                index: "index",
            },
        ),
        ("identifier", Role::Name),
        ("type_identifier", Role::Name),
        ("this", Role::Name),
        ("scoped_identifier", Role::ScopedName),
        ("scoped_type_identifier", Role::ScopedName),
        ("string_literal", Role::Str),
        ("string_fragment", Role::Text),
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
            "assignment_expression",
            Role::Assign {
                left: "left",
                right: "right",
            },
        ),
        (
            "resource",
            Role::Declare {
                name: "name",
                value: "value",
            },
        ),
        (
            "switch_expression",
            Role::If {
                condition: "condition",
                consequence: "body",
                alternative: "",
            },
        ),
        (
            "variable_declarator",
            Role::Declare {
                name: "name",
                value: "value",
            },
        ),
        ("return_statement", Role::Return),
        ("throw_statement", Role::Terminate),
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
            "lambda_expression",
            Role::Function {
                name: "",
                parameters: "parameters",
                body: "body",
            },
        ),
        ("annotation", Role::Annotation { name: "name" }),
        ("marker_annotation", Role::Annotation { name: "name" }),
        (
            "if_statement",
            Role::If {
                condition: "condition",
                consequence: "consequence",
                alternative: "alternative",
            },
        ),
        (
            "enhanced_for_statement",
            Role::For {
                left: "name",
                right: "value",
                body: "body",
            },
        ),
        ("array_initializer", Role::Container),
        ("decimal_integer_literal", Role::Constant),
        ("hex_integer_literal", Role::Constant),
        ("decimal_floating_point_literal", Role::Constant),
        ("true", Role::Constant),
        ("false", Role::Constant),
        ("null_literal", Role::Constant),
        ("import_declaration", Role::Import),
        (
            "ternary_expression",
            Role::Conditional {
                condition: "condition",
                consequence: "consequence",
                alternative: "alternative",
            },
        ),
        ("line_comment", Role::Comment),
        ("block_comment", Role::Comment),
        ("class_declaration", Role::Class),
        ("interface_declaration", Role::Class),
        ("record_declaration", Role::Class),
        ("enum_declaration", Role::Class),
        ("package_declaration", Role::Skip),
    ]],
    imports: ImportStyle::Qualified,
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
            Language::Java,
            Some("X.java"),
            source.as_bytes(),
            &|_| true,
            false,
            None,
        )
        .expect("parsed");
        analysis.hits.iter().map(|h| h.rule_id).collect()
    }

    #[test]
    fn a_try_resource_declares_its_name() {
        let hits = rules_hit(
            r#"
import javax.servlet.http.HttpServletRequest;

public class A {
    void f(HttpServletRequest req, java.sql.Connection conn) throws Exception {
        String q = "SELECT * FROM t WHERE id = " + req.getParameter("id");
        try (java.sql.Statement stmt = conn.createStatement(); java.sql.ResultSet rs = stmt.executeQuery(q)) {
            rs.next();
        }
    }
}
"#,
        );
        assert_eq!(hits, ["java-sql-injection"]);
    }

    #[test]
    fn a_switch_to_literals_is_not_its_subject() {
        let hits = rules_hit(
            r#"
import javax.servlet.http.HttpServletRequest;

public class A {
    void f(HttpServletRequest req) {
        String tenant = req.getParameter("tenant");
        req.getSession().setAttribute("tenantId", switch (tenant) {
            case "eu" -> "tenant-eu";
            default -> "tenant-default";
        });
    }
}
"#,
        );
        assert!(hits.is_empty(), "{hits:?}");
    }
}
