//! Air-gapped workspaces and the model proxy a Claude crew must use.

use serde_json::json;

use super::{ClaudeWorkspace, claude_bin};

/// Air-gapped with a model proxy that is not on loopback: no crew starts, the error says why.
#[test]
#[cfg_attr(
    not(maestro_claude),
    ignore = "needs the claude CLI: scripts/install-claude-code"
)]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn air_gapped_refuses_a_crew_without_a_loopback_model_proxy() {
    let bin = claude_bin();
    let ws = ClaudeWorkspace::new(
        &bin,
        "https://model-proxy.invalid",
        false,
        |config| config["dataResidency"]["mode"] = json!("air-gapped"),
        r#"
[[orders]]
id = "a"
title = "A"
role = "builder"
"#,
    );
    let (code, stdout, stderr) = ws.maestro(&["run", "v1"]);
    assert_eq!(code, 2, "stdout: {stdout}\nstderr: {stderr}");
    assert!(
        stderr.contains("air-gapped") && stderr.contains("anthropic.baseUrl"),
        "{stderr}"
    );
    assert_eq!(ws.states(), [("a".to_owned(), "pending".to_owned())]);
    assert!(!ws.path().join(".mso/voyages/v1/logs/a.jsonl").exists());
}
