use super::*;

fn def(json: serde_json::Value) -> McpServer {
    serde_json::from_value(json).expect("a definition")
}

#[test]
fn classification_table() {
    let cases = [
        (
            serde_json::json!({"command": "/usr/local/bin/docs-server"}),
            false,
            Verdict::Approved,
        ),
        (
            serde_json::json!({"command": "npx", "args": ["-y", "@acme/mcp@1.4.2"]}),
            false,
            Verdict::Approved,
        ),
        (
            serde_json::json!({"command": "npx", "args": ["-y", "@acme/mcp"]}),
            false,
            Verdict::NeedsReview,
        ),
        (
            serde_json::json!({"command": "npx", "args": ["@acme/mcp@latest"]}),
            false,
            Verdict::NeedsReview,
        ),
        (
            serde_json::json!({"command": "npx", "args": ["some-mcp@^1.2"]}),
            false,
            Verdict::NeedsReview,
        ),
        (
            serde_json::json!({"command": "uvx", "args": ["mcp-server-git==0.6.2"]}),
            false,
            Verdict::Approved,
        ),
        (
            serde_json::json!({"command": "uvx", "args": ["--from", "x", "mcp-server-git"]}),
            false,
            Verdict::NeedsReview,
        ),
        (
            serde_json::json!({"command": "docker", "args": ["run", "-i", "ghcr.io/a/b:latest"]}),
            false,
            Verdict::NeedsReview,
        ),
        (
            serde_json::json!({"command": "docker", "args": ["run", "-i", "ghcr.io/a/b@sha256:abcd"]}),
            false,
            Verdict::Approved,
        ),
        (
            serde_json::json!({"command": "srv", "env": {"API_TOKEN": "ghp_literal"}}),
            false,
            Verdict::NeedsReview,
        ),
        (
            serde_json::json!({"command": "srv", "env": {"API_TOKEN": "${API_TOKEN}", "MODE": "fast"}}),
            false,
            Verdict::Approved,
        ),
        (
            serde_json::json!({"type": "http", "url": "https://mcp.example.com/x"}),
            false,
            Verdict::NeedsReview,
        ),
        (
            serde_json::json!({"type": "http", "url": "https://mcp.example.com/x"}),
            true,
            Verdict::Blocked,
        ),
        (
            serde_json::json!({"type": "sse", "url": "http://127.0.0.1:9000/sse"}),
            true,
            Verdict::Approved,
        ),
        (
            serde_json::json!({"type": "http", "url": "http://localhost:1/", "headers": {"Authorization": "Bearer abc"}}),
            true,
            Verdict::NeedsReview,
        ),
    ];
    for (json, air_gapped, expected) in cases {
        let (_, reasons, verdict) = classify(&def(json.clone()), air_gapped);
        assert_eq!(
            verdict, expected,
            "{json} (air-gapped {air_gapped}): {reasons:?}"
        );
    }
}

#[test]
fn decisions_hold_for_the_definition_they_were_made_for() {
    let mut project = BTreeMap::new();
    project.insert(
        "docs".to_owned(),
        def(serde_json::json!({"command": "npx", "args": ["docs-mcp"]})),
    );
    project.insert(
        "local".to_owned(),
        def(serde_json::json!({"command": "./bin/mcp"})),
    );
    let workspace = BTreeMap::new();
    let mut registry = Registry::default();
    let servers = registry.classify_all(&project, &workspace, false);
    let verdicts: Vec<(&str, Verdict)> = servers
        .iter()
        .map(|s| (s.name.as_str(), s.verdict))
        .collect();
    assert_eq!(
        verdicts,
        [("docs", Verdict::NeedsReview), ("local", Verdict::Approved)]
    );
    assert_eq!(
        crew_config(&servers)["mcpServers"]
            .as_object()
            .expect("map")
            .len(),
        1
    );

    registry
        .decide(&servers, "docs", Verdict::Approved, Timestamp::UNIX_EPOCH)
        .expect("approved");
    registry
        .decide(&servers, "local", Verdict::Blocked, Timestamp::UNIX_EPOCH)
        .expect("blocked");
    let servers = registry.classify_all(&project, &workspace, false);
    let config = crew_config(&servers);
    assert!(config["mcpServers"].get("docs").is_some());
    assert!(config["mcpServers"].get("local").is_none());

    // A changed definition needs a new decision.
    project.insert(
        "docs".to_owned(),
        def(serde_json::json!({"command": "npx", "args": ["docs-mcp", "--evil"]})),
    );
    let servers = registry.classify_all(&project, &workspace, false);
    assert_eq!(servers[0].verdict, Verdict::NeedsReview);
    assert!(!servers[0].decided);

    assert_eq!(
        registry
            .decide(&servers, "ghost", Verdict::Approved, Timestamp::UNIX_EPOCH)
            .expect_err("unknown"),
        McpError::Unknown("ghost".into())
    );
}

#[test]
fn the_air_gapped_policy_cannot_be_overridden() {
    let mut project = BTreeMap::new();
    project.insert(
        "cloud".to_owned(),
        def(serde_json::json!({"type": "http", "url": "https://mcp.example.com"})),
    );
    let mut registry = Registry::default();
    let servers = registry.classify_all(&project, &BTreeMap::new(), false);
    registry
        .decide(&servers, "cloud", Verdict::Approved, Timestamp::UNIX_EPOCH)
        .expect("approved in standard mode");
    let air = registry.classify_all(&project, &BTreeMap::new(), true);
    assert_eq!(air[0].verdict, Verdict::Blocked);
    let err = registry
        .decide(&air, "cloud", Verdict::Approved, Timestamp::UNIX_EPOCH)
        .expect_err("policy");
    assert!(err.to_string().contains("air-gapped"), "{err}");
}

#[test]
fn the_workspace_definition_wins_and_mcp_json_is_parsed() {
    let project =
        parse_mcp_json(r#"{"mcpServers": {"a": {"command": "x"}, "b": {"command": "y"}}}"#)
            .expect("valid");
    let mut workspace = BTreeMap::new();
    workspace.insert("b".to_owned(), def(serde_json::json!({"command": "z"})));
    let servers = Registry::default().classify_all(&project, &workspace, false);
    assert_eq!(servers[1].source, "workspace.json");
    assert_eq!(servers[1].definition.command.as_deref(), Some("z"));
    assert!(parse_mcp_json("{").is_err());
    assert!(
        parse_mcp_json(r#"{"mcpServers": {"a": {"comand": "x"}}}"#).is_err(),
        "unknown keys refused"
    );
}
