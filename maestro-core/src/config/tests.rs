use std::path::Path;

use super::*;

/// The defaults block of SPEC §3, verbatim.
/// SPEC §3's block, plus the keys issue 12 added (`crews.sandbox`, `crews.writableDirs`,
/// `scan.maxFileSize`).
const SPEC_DEFAULTS: &str = r#"{
  "version": 1,
  "persona": "nautical",
  "dataResidency": { "mode": "standard", "allowHosts": [] },
  "anthropic": { "baseUrl": null, "apiKeyEnv": "ANTHROPIC_API_KEY", "model": null },
  "github": { "apiUrl": "https://api.github.com", "tokenEnv": "GITHUB_TOKEN", "repository": null, "push": "api" },
  "licence": { "endpoint": null, "token": null, "publicKeys": [] },
  "crews": { "maxConcurrent": 5, "timeoutSecs": 3600, "maxBudgetUsd": null, "voyageBudgetUsd": null, "retries": 1, "sandbox": "on", "writableDirs": [] },
  "agent": { "kind": "claude", "program": "claude", "extraArgs": [] },
  "roles": {},
  "scan": { "blockSecrets": true, "blockSeverity": "high", "allow": [], "maxFileSize": 10485760 },
  "mcp": { "servers": {} },
  "worktrees": { "dir": ".mso/worktrees", "setup": null, "copy": [] }
}"#;

#[test]
fn defaults_are_the_spec_defaults() {
    let spec: serde_json::Value = serde_json::from_str(SPEC_DEFAULTS).expect("valid JSON");
    let ours = serde_json::to_value(WorkspaceConfig::default()).expect("serialises");
    assert_eq!(ours, spec);
    let parsed = WorkspaceConfig::parse(SPEC_DEFAULTS.as_bytes(), Path::new("w.json"))
        .expect("the spec defaults are valid");
    assert_eq!(parsed, WorkspaceConfig::default());
    for partial in ["{}", r#"{"version":1}"#, r#"{"crews":{}}"#] {
        assert_eq!(
            WorkspaceConfig::parse(partial.as_bytes(), Path::new("w.json")).expect(partial),
            WorkspaceConfig::default()
        );
    }
}

#[test]
fn schema_accepts_the_defaults() {
    let schema = serde_json::to_value(schemars::schema_for!(WorkspaceConfig)).expect("schema");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let defaults = serde_json::to_value(WorkspaceConfig::default()).expect("serialises");
    assert!(validator.is_valid(&defaults));
    assert!(!validator.is_valid(&serde_json::json!({"surprise": 1})));
    assert!(!validator.is_valid(&serde_json::json!({"crews": {"maxConcurrent": 0}})));
    assert!(!validator.is_valid(&serde_json::json!({"roles": {"pilot": {}}})));
    assert!(validator.is_valid(&serde_json::json!({"roles": {"tester": {"model": "m"}}})));
}

#[test]
fn malformed_configs_name_the_file_and_path() {
    let cases = [
        (
            r#"{"colour": 1}"#,
            "w.json: at `colour` (line 1, column 9): unknown field `colour`",
        ),
        (
            r#"{"crews": {"maxConcurent": 2}}"#,
            "w.json: at `crews.maxConcurent` (line 1, column 25): unknown field `maxConcurent`",
        ),
        (
            r#"{"crews": {"maxConcurrent": "5"}}"#,
            "w.json: at `crews.maxConcurrent` (line 1, column 31): invalid type: string \"5\", expected u32",
        ),
        (
            r#"{"crews": {"maxConcurrent": 0}}"#,
            "w.json: at `crews.maxConcurrent`: must be at least 1",
        ),
        (
            r#"{"version": 2}"#,
            "w.json: at `version`: unsupported version 2",
        ),
        (
            r#"{"dataResidency": {"mode": "offline"}}"#,
            "w.json: at `dataResidency.mode` (line 1, column 37): unknown variant `offline`, expected `standard` or `air-gapped`",
        ),
        (
            r#"{"dataResidency": {"allowHosts": ["ok.example", "bad host"]}}"#,
            "w.json: at `dataResidency.allowHosts[1]`: `bad host` is not a host name",
        ),
        (
            r#"{"github": {"apiUrl": "ftp://x"}}"#,
            "w.json: at `github.apiUrl`: `ftp://x` is not an http(s) URL",
        ),
        (
            r#"{"github": {"repository": "nope"}}"#,
            "w.json: at `github.repository`: `nope` is not of the form owner/name",
        ),
        (
            r#"{"anthropic": {"apiKeyEnv": "1KEY"}}"#,
            "w.json: at `anthropic.apiKeyEnv`: `1KEY` is not an environment variable name",
        ),
        (
            r#"{"worktrees": {"dir": "../elsewhere"}}"#,
            "w.json: at `worktrees.dir`: `../elsewhere` must be a relative path inside the repository",
        ),
        (
            r#"{"crews": {"maxBudgetUsd": -1}}"#,
            "w.json: at `crews.maxBudgetUsd`: must be a positive amount, not -1",
        ),
        (
            r#"{"crews": {"voyageBudgetUsd": 0}}"#,
            "w.json: at `crews.voyageBudgetUsd`: must be a positive amount, not 0",
        ),
        (
            r#"{"audit": {"keyFile": "/repo/.mso/audit.key"}}"#,
            "w.json: at `audit.keyFile`: `/repo/.mso/audit.key` is inside .mso/",
        ),
        (
            r#"{"audit": {"keyFil": "x"}}"#,
            "w.json: at `audit.keyFil` (line 1, column 19): unknown field `keyFil`",
        ),
        (
            r#"{"roles": {"pilot": {}}}"#,
            "w.json: at `roles.pilot` (line 1, column 18): unknown variant `pilot`",
        ),
        (
            r#"{"persona": "pirate""#,
            "w.json: at `persona` (line 1, column 20): unknown variant `pirate`, expected `nautical` or `plain`",
        ),
        (
            r#"{"persona": "plain""#,
            "w.json: (line 1, column 19): EOF while parsing an object",
        ),
        ("", "w.json: (line 1, column 0): EOF while parsing a value"),
        ("[]", "w.json: expected an object, found an array"),
        (
            r#"{"crews": []}"#,
            "w.json: at `crews`: expected an object, found an array",
        ),
        (
            r#"{"mcp": {"servers": {"x": [1]}}}"#,
            "w.json: at `mcp.servers.x`: expected an object, found an array",
        ),
    ];
    for (input, expected) in cases {
        let err = WorkspaceConfig::parse(input.as_bytes(), Path::new("w.json"))
            .expect_err(input)
            .to_string();
        assert!(
            err.starts_with(expected),
            "{input}\n got: {err}\nwant: {expected}"
        );
        assert!(!err.contains('\n'), "one line: {err}");
    }
}
