use super::*;

/// Parses and checks the graph on its own, as a standalone orders file.
fn parse(name: &str, text: &str) -> Result<ParsedOrders, String> {
    let parsed = ParsedOrders::parse(text, Path::new(name)).map_err(|e| e.to_string())?;
    parsed.graph().map_err(|e| e.to_string())?;
    Ok(parsed)
}

#[test]
fn the_spec_example_parses() {
    let text = r#"
[[orders]]
id = "health"
title = "Add a /health endpoint"
role = "builder"
prompt = "Add GET /health returning 200 and {\"ok\":true}."
depends_on = []
scope = ["src/**"]
agent = { command = ["sh", "-c", "true"] }

[[orders.accept]]
run = "cargo test health"
timeout_secs = 600
[[orders.accept]]
path_exists = "docs/health.md"
[[orders.accept]]
scan_clean = true
"#;
    let parsed = parse("o.toml", text).expect("valid");
    let dangling =
        "[[orders]]\nid = \"b\"\ntitle = \"B\"\nrole = \"tester\"\ndepends_on = [\"elsewhere\"]\n";
    assert!(
        ParsedOrders::parse(dangling, Path::new("d.toml")).is_ok(),
        "dependencies may name orders already in the voyage"
    );
    assert_eq!(parsed.specs.len(), 1);
    assert_eq!(parsed.specs[0].accept.len(), 3);
    let json = serde_json::to_string(&OrdersFile {
        orders: parsed.specs.clone(),
    })
    .expect("serialises");
    let again = parse("o.json", &json).expect("round trip");
    assert_eq!(again.specs, parsed.specs);
}

#[test]
fn malformed_toml_is_located() {
    let cases = [
        (
            "[[orders]]\nid = \"a\"\ntitle = \"A\"\nrole = \"pilot\"\n",
            "o.toml: line 4, column 8: unknown variant `pilot`",
        ),
        (
            "[[orders]]\nid = \"a\"\ntitle = \"A\"\nrole = \"builder\"\ncolour = 1\n",
            "o.toml: line 5, column 1: unknown field `colour`",
        ),
        (
            "[[orders]]\nid = \"A\"\ntitle = \"A\"\nrole = \"builder\"\n",
            "o.toml: line 2, column 6: order id `A` must match",
        ),
        (
            "[[orders]]\nid = \"a\"\nrole = \"builder\"\n",
            "o.toml: line 1, column 1: missing field `title`",
        ),
        ("[[orders]\n", "o.toml: line 1, column"),
        (
            "[[orders]]\nid = \"a\"\ntitle = \"A\"\nrole = \"builder\"\n[[orders.accept]]\nrun = \"x\"\npath_exists = \"y\"\n",
            "o.toml: line 5, column 1: an acceptance check needs exactly one of",
        ),
        (
            "[[orders]]\nid = \"a\"\ntitle = \"A\"\nrole = \"builder\"\ndepends_on = [\"b\"]\n",
            "o.toml: line 5, column 15: order `a` depends on unknown order `b`",
        ),
        (
            "[[orders]]\nid = \"a\"\ntitle = \"A\"\nrole = \"builder\"\n[[orders]]\nid = \"a\"\ntitle = \"B\"\nrole = \"tester\"\n",
            "o.toml: line 6, column 6: duplicate order id `a`",
        ),
        (
            "[[orders]]\nid = \"a\"\ntitle = \"A\"\nrole = \"builder\"\ndepends_on = [\"b\"]\n[[orders]]\nid = \"b\"\ntitle = \"B\"\nrole = \"tester\"\ndepends_on = [\"a\"]\n",
            "o.toml: line 2, column 6: dependency cycle: a -> b -> a",
        ),
        (
            "[[orders]]\nid = \"a\"\ntitle = \"\"\nrole = \"builder\"\n",
            "o.toml: line 3, column 9: `title` must not be empty",
        ),
        (
            "[[orders]]\nid = \"a\"\ntitle = \"A\"\nrole = \"builder\"\nscope = [\"src/[\"]\n",
            "o.toml: line 5, column 9: `scope` `src/[` is not a valid glob",
        ),
        ("orders = []\n", "o.toml: the file holds no orders"),
    ];
    for (text, expected) in cases {
        let err = parse("o.toml", text).expect_err(text);
        assert!(
            err.starts_with(expected),
            "{text}\n got: {err}\nwant: {expected}"
        );
        assert!(!err.contains('\n'), "one line: {err}");
    }
}

#[test]
fn malformed_json_is_located() {
    let cases = [
        (
            r#"{"orders":[{"id":"a","title":"A","role":"pilot"}]}"#,
            "o.json: at `orders[0].role` (line 1, column 48): unknown variant `pilot`",
        ),
        (
            r#"{"orders":[{"id":"a","title":"A","role":"builder","depends_on":["a"]}]}"#,
            "o.json: at `orders[0].id`: dependency cycle: a -> a",
        ),
        (
            r#"{"orders":[{"id":"a","title":"A","role":"builder","depends_on":["x"]}]}"#,
            "o.json: at `orders[0].depends_on[0]`: order `a` depends on unknown order `x`",
        ),
        (
            r#"{"orders":[}"#,
            "o.json: at `orders[0]` (line 1, column 12): expected value",
        ),
        (
            r#"{"order":[]}"#,
            "o.json: at `order` (line 1, column 8): unknown field `order`, expected `orders`",
        ),
    ];
    for (text, expected) in cases {
        let err = parse("o.json", text).expect_err(text);
        assert!(
            err.starts_with(expected),
            "{text}\n got: {err}\nwant: {expected}"
        );
    }
}

#[test]
fn format_is_detected() {
    assert_eq!(Format::detect(Path::new("x.TOML"), "{"), Format::Toml);
    assert_eq!(
        Format::detect(Path::new("x"), "  {\"orders\":[]}"),
        Format::Json
    );
    assert_eq!(Format::detect(Path::new("-"), "[[orders]]"), Format::Toml);
}
