use crate::snapshot;
use crate::support::Repo;

fn schema(which: &str) -> serde_json::Value {
    let dir = Repo::empty_dir();
    let run = dir.maestro(&["schema", which]);
    serde_json::from_str(run.ok()).expect("JSON schema")
}

#[test]
fn the_workspace_schema_validates_the_defaults() {
    let schema = schema("workspace");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let validator = jsonschema::draft202012::new(&schema).expect("a valid draft 2020-12 schema");
    let repo = Repo::initialised();
    let defaults: serde_json::Value =
        serde_json::from_str(&repo.read(".mso/workspace.json")).expect("JSON");
    let errors: Vec<String> = validator
        .iter_errors(&defaults)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    for invalid in [
        serde_json::json!({"unknownKey": true}),
        serde_json::json!({"dataResidency": {"mode": "offline"}}),
        serde_json::json!({"crews": {"maxConcurrent": 0}}),
        serde_json::json!({"roles": {"pilot": {}}}),
    ] {
        assert!(!validator.is_valid(&invalid), "{invalid}");
    }
}

#[test]
fn the_orders_schema_validates_an_orders_file() {
    let schema = schema("orders");
    let validator = jsonschema::draft202012::new(&schema).expect("a valid draft 2020-12 schema");
    let valid = serde_json::json!({"orders": [
        {"id": "api", "title": "API", "role": "builder", "prompt": "p",
         "accept": [{"run": "cargo test", "timeout_secs": 60}, {"path_exists": "x"}, {"scan_clean": true}]},
        {"id": "tests", "title": "Tests", "role": "tester", "depends_on": ["api"], "scope": ["tests/**"]}
    ]});
    let errors: Vec<String> = validator
        .iter_errors(&valid)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    for invalid in [
        serde_json::json!({"orders": [{"id": "A", "title": "t", "role": "builder"}]}),
        serde_json::json!({"orders": [{"id": "a", "title": "t", "role": "pilot"}]}),
        serde_json::json!({"orders": [{"id": "a", "title": "t", "role": "builder", "accept": [{"run": "x", "path_exists": "y"}]}]}),
        serde_json::json!({"orders": [{"id": "a", "role": "builder"}]}),
        serde_json::json!({"orders": [{"id": "a", "title": "t", "role": "builder", "colour": 1}]}),
    ] {
        assert!(!validator.is_valid(&invalid), "{invalid}");
    }
}

#[test]
fn schemas_are_stable() {
    let dir = Repo::empty_dir();
    snapshot!(
        "schema_workspace",
        dir,
        dir.maestro(&["schema", "workspace"])
    );
    snapshot!("schema_orders", dir, dir.maestro(&["schema", "orders"]));
}

#[test]
fn an_unknown_schema_is_a_usage_error() {
    let dir = Repo::empty_dir();
    let run = dir.maestro(&["schema", "voyage"]);
    snapshot!(
        dir,
        run,
        @r"
        exit: 2
        --- stdout
        --- stderr
        error: invalid value 'voyage' for '<WHICH>' [possible values: workspace, orders] (see `maestro schema --help`)
        "
    );
    run.usage_error();
}
