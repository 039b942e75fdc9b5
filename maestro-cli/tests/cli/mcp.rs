use crate::snapshot;
use crate::support::Repo;

fn verdicts(repo: &Repo) -> Vec<(String, String, bool)> {
    let run = repo.maestro(&["mcp", "list", "--json"]);
    let value: serde_json::Value = serde_json::from_str(run.ok()).expect("JSON");
    value["servers"]
        .as_array()
        .expect("servers")
        .iter()
        .map(|s| {
            (
                s["name"].as_str().expect("name").to_owned(),
                s["verdict"].as_str().expect("verdict").to_owned(),
                s["decided"].as_bool().expect("decided"),
            )
        })
        .collect()
}

fn v(name: &str, verdict: &str, decided: bool) -> (String, String, bool) {
    (name.to_owned(), verdict.to_owned(), decided)
}

#[test]
fn servers_are_classified_and_decisions_follow_the_definition() {
    let repo = Repo::initialised();
    repo.write(
        ".mcp.json",
        r#"{"mcpServers": {
            "docs": {"command": "npx", "args": ["-y", "docs-mcp"]},
            "git": {"command": "uvx", "args": ["mcp-server-git==0.6.2"]},
            "cloud": {"type": "http", "url": "https://mcp.example.com/mcp", "headers": {"Authorization": "Bearer sk-literal"}}
        }}"#,
    );
    snapshot!(
        repo,
        repo.maestro(&["mcp", "list"]),
        @r"
        exit: 0
        --- stdout
        NAME   VERDICT       TRANSPORT  SOURCE     WHY
        cloud  needs-review  remote     .mcp.json  remote server https://mcp.example.com/mcp: data leaves this machine; secret written inline in Authorization (reference an environment variable instead)
        docs   needs-review  local      .mcp.json  npx runs `docs-mcp` without a pinned version
        git    approved      local      .mcp.json  package pinned: mcp-server-git==0.6.2
        --- stderr
        "
    );
    assert_eq!(
        verdicts(&repo),
        [
            v("cloud", "needs-review", false),
            v("docs", "needs-review", false),
            v("git", "approved", false)
        ]
    );
    let approve = repo.maestro(&["mcp", "approve", "docs"]);
    assert!(
        approve
            .ok()
            .starts_with("approved MCP server docs (definition ")
    );
    repo.maestro(&["mcp", "block", "git"]).ok();
    assert_eq!(
        verdicts(&repo),
        [
            v("cloud", "needs-review", false),
            v("docs", "approved", true),
            v("git", "blocked", true)
        ]
    );
    // Changing the definition voids the approval.
    repo.write(
        ".mcp.json",
        r#"{"mcpServers": {"docs": {"command": "npx", "args": ["-y", "docs-mcp", "--write"]}}}"#,
    );
    assert_eq!(verdicts(&repo), [v("docs", "needs-review", false)]);

    let unknown = repo.maestro(&["mcp", "approve", "ghost"]);
    snapshot!(
        repo,
        unknown,
        @r"
        exit: 2
        --- stdout
        --- stderr
        error: not recorded: no MCP server named `ghost` (defined in .mcp.json or workspace.json mcp.servers)
        "
    );
    unknown.usage_error();
}

#[test]
fn air_gapped_blocks_remote_servers_for_good() {
    let repo = Repo::initialised();
    repo.write(
        ".mso/workspace.json",
        r#"{"dataResidency": {"mode": "air-gapped"}, "mcp": {"servers": {"cloud": {"type": "http", "url": "https://mcp.example.com/mcp"}}}}"#,
    );
    assert_eq!(verdicts(&repo), [v("cloud", "blocked", false)]);
    let refused = repo.maestro(&["mcp", "approve", "cloud"]);
    snapshot!(
        repo,
        refused,
        @r"
        exit: 2
        --- stdout
        --- stderr
        error: not recorded: MCP server `cloud` cannot be approved: remote server https://mcp.example.com/mcp is off loopback (air-gapped mode)
        "
    );
    refused.usage_error();
}
