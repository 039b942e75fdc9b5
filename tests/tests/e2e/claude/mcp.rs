//! Which MCP servers reach a Claude crew.

use maestro_tests::model_fake::{ModelServer, Scenario, Turn};
use serde_json::json;

use super::{ClaudeWorkspace, claude_bin};

/// Only approved MCP servers reach a crew: an unapproved one in `.mcp.json` is absent from the
/// crew's `init` event, an approved one is present.
#[test]
#[cfg_attr(
    not(maestro_claude),
    ignore = "needs the claude CLI: scripts/install-claude-code"
)]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn only_approved_mcp_servers_reach_the_crew() {
    let bin = claude_bin();
    let key = "scenario-mcp-77b0";
    let model = ModelServer::start(vec![Scenario::new(key, vec![Turn::text("nothing to do")])])
        .expect("model starts");
    let ws = ClaudeWorkspace::new(
        &bin,
        &model.base_url(),
        false,
        |_| {},
        &format!(
            r#"
[[orders]]
id = "look"
title = "{key}: look around"
role = "builder"
"#
        ),
    );
    ws.repo
        .write(
            ".mcp.json",
            &json!({"mcpServers": {
                // A local program: approved by its classification.
                "local-notes": {"command": "sh", "args": ["-c", "exec cat >/dev/null"]},
                // A secret written inline: needs review, then approved below.
                "reviewed-tool": {"command": "sh", "args": ["-c", "exec cat >/dev/null"],
                                  "env": {"API_TOKEN": "inline-test-value"}},
                // Needs review and never approved.
                "unreviewed-tool": {"command": "sh", "args": ["-c", "exec cat >/dev/null"],
                                    "env": {"API_TOKEN": "inline-test-value"}},
                "unreviewed-remote": {"type": "http", "url": "https://tools.example.invalid/mcp"},
            }})
            .to_string(),
        )
        .expect(".mcp.json");
    ws.ok(&["mcp", "approve", "reviewed-tool", "-q"]);
    let (code, stdout, stderr) = ws.maestro(&["run", "v1"]);
    assert_eq!(code, 0, "stdout: {stdout}\nstderr: {stderr}");
    let events = ws.events("look");
    let init = events
        .iter()
        .find(|e| e["type"] == "system" && e["subtype"] == "init")
        .expect("an init event");
    let names: Vec<&str> = init["mcp_servers"]
        .as_array()
        .expect("mcp_servers")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(names, ["local-notes", "reviewed-tool"], "{init}");
}
