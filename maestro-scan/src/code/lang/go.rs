//! Go (tree-sitter-go).
//!
//! Choices the rules rely on:
//! - an `if` takes its first named child as its condition: the `initializer` of
//!   `if v, err := f(); err == nil {` when there is one (so the call it makes and the names it
//!   binds are evaluated; the condition after it is then not used as a guard), else the condition;
//! - a composite literal (`&http.Cookie{Secure: true}`, `gin.H{...}`) is a constructor call of its
//!   type whose keyed elements are keyword arguments (so rules can ask for a missing field);
//! - a qualified type (`http.Cookie`) is a member path, so imports resolve it (`net/http.Cookie`).

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
            "composite_literal",
            Role::New {
                class: "type",
                arguments: "body",
            },
        ),
        (
            "qualified_type",
            Role::Member {
                object: "package",
                property: "name",
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
        ("package_identifier", Role::Name),
        ("type_identifier", Role::Name),
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
                condition: "#0",
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
            Language::Go,
            Some("x.go"),
            source.as_bytes(),
            &|_| true,
            false,
            None,
        )
        .expect("parsed");
        analysis.hits.iter().map(|h| h.rule_id).collect()
    }

    #[test]
    fn an_if_initializer_is_evaluated() {
        let hits = rules_hit(
            r#"package x

import (
	"database/sql"
	"net/http"
)

func H(db *sql.DB, w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie("region"); err == nil {
		if _, err := db.Exec("DELETE FROM t WHERE region = '" + c.Value + "'"); err != nil {
			return
		}
	}
}
"#,
        );
        assert_eq!(hits, ["go-sql-injection"]);
    }

    #[test]
    fn a_composite_literal_is_a_constructor_with_keyword_fields() {
        let insecure = rules_hit(
            "package x\n\nimport \"net/http\"\n\nvar c = &http.Cookie{Name: \"sid\", HttpOnly: true}\n",
        );
        assert_eq!(insecure, ["go-cookie-insecure"]);
        let secure = rules_hit(
            "package x\n\nimport \"net/http\"\n\nvar c = &http.Cookie{Name: \"sid\", Secure: true, HttpOnly: true}\n",
        );
        assert!(secure.is_empty(), "{secure:?}");
    }

    #[test]
    fn a_lookup_in_a_map_of_constants_is_not_the_key() {
        let hits = rules_hit(
            r#"package x

import (
	"net/http"
	"os/exec"
)

var tools = map[string]string{"lint": "/usr/bin/golint"}

func H(w http.ResponseWriter, r *http.Request) {
	path := tools[r.FormValue("tool")]
	exec.Command("sh", "-c", path).Run()
}
"#,
        );
        assert!(hits.is_empty(), "{hits:?}");
    }
}
