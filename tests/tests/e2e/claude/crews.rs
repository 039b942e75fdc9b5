//! `maestro run` with real Claude crews: a Builder that merges with the secret kept out of every
//! record, and parallel Builders followed by a Tester with its gate.

use std::path::{Path, PathBuf};

use maestro_tests::model_fake::{ModelServer, Scenario, Turn};
use serde_json::{Value, json};

use super::{AWS_KEY, ClaudeWorkspace, claude_bin, last_message, write_then_fix};

/// `maestro run` with the real CLI as a Builder crew: the scripted model first tries to write
/// an AWS key (the `PreToolUse` hook refuses it), then writes code that reads the key from the
/// environment. The order merges; the key is nowhere in the voyage's commits or under `.mso/`
/// (the crew's logged event stream holds the refused tool call, redacted).
#[test]
#[cfg_attr(
    not(maestro_claude),
    ignore = "needs the claude CLI: scripts/install-claude-code"
)]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn maestro_run_drives_a_claude_crew_and_keeps_the_secret_out_of_every_record() {
    let bin = claude_bin();
    let model_key = "scenario-run-builder-5d1e";
    let model = ModelServer::start(vec![]).expect("model starts");
    let ws = ClaudeWorkspace::new(
        &bin,
        &model.base_url(),
        false,
        |_| {},
        &format!(
            r#"
[[orders]]
id = "storage"
title = "{model_key}: store the AWS credentials"
role = "builder"
scope = ["src/**"]
[[orders.accept]]
path_exists = "src/storage.py"
"#
        ),
    );
    let target = ws.in_worktree("storage", "src/storage.py");
    model.add(Scenario::new(
        model_key,
        write_then_fix(
            &target,
            &format!("AWS_ACCESS_KEY_ID = '{AWS_KEY}'\n"),
            "import os\nAWS_ACCESS_KEY_ID = os.environ['AWS_ACCESS_KEY_ID']\n",
            "Stored the key reference; the key itself comes from the environment.",
        ),
    ));

    let (code, stdout, stderr) = ws.maestro(&["run", "v1"]);
    assert_eq!(
        code,
        0,
        "stdout: {stdout}\nstderr: {stderr}\nrequests: {:?}",
        model.requests()
    );

    // The refused write reached the model as a refusal, without the key.
    let answered = model.requests_for(model_key);
    assert_eq!(answered.len(), 3, "{:?}", model.requests());
    let refusal = answered[1].tool_results();
    assert!(
        refusal
            .iter()
            .any(|r| r.contains("maestro blocked this tool call")),
        "{refusal:?}"
    );
    assert!(!last_message(&answered[1]).contains(AWS_KEY));

    // The voyage holds the clean file only.
    let merged = ws
        .repo
        .git(&["show", "maestro/v1:src/storage.py"])
        .expect("merged into the voyage branch");
    assert!(merged.contains("os.environ"), "{merged}");
    let history = ws.repo.git(&["log", "-p", "maestro/v1"]).expect("history");
    assert!(
        !history.contains(AWS_KEY),
        "the key is in the voyage's history"
    );

    // The report carries what the crew cost and the block; the audit log the block, redacted.
    let report = ws.report();
    let order = &report["orders"][0];
    assert_eq!(order["state"], "merged", "{report}");
    let attempt = &order["attempts_detail"][0];
    assert_eq!(attempt["turns"], 3, "{report}");
    assert!(
        attempt["cost_usd"].as_f64().is_some_and(|c| c > 0.0),
        "{report}"
    );
    assert_eq!(
        order["blocks"][0]["rule_id"], "aws-access-key-id",
        "{report}"
    );
    assert_eq!(order["blocks"][0]["tool"], "Write", "{report}");
    assert_eq!(order["denials"], 1, "{report}");
    let audit = ws.ok(&["audit", "show", "--json"]);
    let block = audit
        .lines()
        .find(|l| l.contains("aws-access-key-id"))
        .unwrap_or_else(|| panic!("no block entry in the audit log:\n{audit}"));
    assert!(
        block.contains("secret.block") && !block.contains(AWS_KEY),
        "{block}"
    );
    ws.ok(&["audit", "verify"]);
    let logged = ws.events("storage");
    assert!(
        logged
            .iter()
            .any(|e| e.to_string().contains("[REDACTED:aws-access-key-id]")),
        "the refused call is not in the log, redacted"
    );
    let kept = grep_tree(&ws.path().join(".mso"), AWS_KEY);
    assert!(kept.is_empty(), "the key was kept in {kept:?}");
    // Claude Code's own transcript of the session is kept in the workspace (so a resume
    // never depends on `~/.claude`) and was redacted too.
    let claude_dir = ws.path().join(".mso/claude");
    let transcripts = grep_tree(&claude_dir, "[REDACTED:aws-access-key-id]");
    assert!(
        !transcripts.is_empty(),
        "no redacted transcript under {}",
        claude_dir.display()
    );
    let kept = grep_tree(ws.home.path(), AWS_KEY);
    assert!(kept.is_empty(), "Claude Code kept the key in {kept:?}");
}

/// Two Builder crews in parallel (Pro), then a Tester whose `accept` command checks both.
#[test]
#[cfg_attr(
    not(maestro_claude),
    ignore = "needs the claude CLI: scripts/install-claude-code"
)]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn two_builders_in_parallel_then_a_tester_with_its_gate() {
    let bin = claude_bin();
    let model = ModelServer::start(vec![]).expect("model starts");
    let ws = ClaudeWorkspace::new(
        &bin,
        &model.base_url(),
        true,
        |_| {},
        r#"
[[orders]]
id = "api"
title = "scenario-par-api: write the API"
role = "builder"
scope = ["src/api.py"]

[[orders]]
id = "cli"
title = "scenario-par-cli: write the CLI"
role = "builder"
scope = ["src/cli.py"]

[[orders]]
id = "check"
title = "scenario-par-check: test both"
role = "tester"
depends_on = ["api", "cli"]
scope = ["tests/**"]
[[orders.accept]]
run = "test -f src/api.py && test -f src/cli.py && grep -q 'def test_api' tests/test_all.py"
"#,
    );
    // The tester's prompt names the orders it depends on, so its scenario comes first (the
    // server answers with the first scenario whose key a request contains).
    for (key, order, file, content) in [
        (
            "scenario-par-check",
            "check",
            "tests/test_all.py",
            "from src.api import api\n\ndef test_api():\n    assert api() == 1\n",
        ),
        (
            "scenario-par-api",
            "api",
            "src/api.py",
            "def api():\n    return 1\n",
        ),
        (
            "scenario-par-cli",
            "cli",
            "src/cli.py",
            "def main():\n    return 0\n",
        ),
    ] {
        model.add(Scenario::new(
            key,
            vec![
                Turn::tool(
                    "Write",
                    json!({"file_path": ws.in_worktree(order, file), "content": content}),
                ),
                Turn::text("done"),
            ],
        ));
    }

    let (code, stdout, stderr) = ws.maestro(&["run", "v1"]);
    assert_eq!(
        code,
        0,
        "stdout: {stdout}\nstderr: {stderr}\nreport: {}",
        ws.report()
    );
    for file in ["src/api.py", "src/cli.py", "tests/test_all.py"] {
        ws.repo
            .git(&["cat-file", "-e", &format!("maestro/v1:{file}")])
            .unwrap_or_else(|e| panic!("{file} is not merged: {e}"));
    }
    let report = ws.report();
    let orders = report["orders"].as_array().expect("orders");
    let by_id = |id: &str| {
        orders
            .iter()
            .find(|o| o["id"] == id)
            .unwrap_or_else(|| panic!("{id} in {report}"))
    };
    let attempt = |id: &str| by_id(id)["attempts_detail"][0].clone();
    let time =
        |v: &Value| -> jiff::Timestamp { v.as_str().expect("a time").parse().expect("RFC 3339") };
    let (api, cli, check) = (attempt("api"), attempt("cli"), attempt("check"));
    // Both builders ran at once; the tester started after both had ended.
    assert!(
        time(&api["started_at"]) < time(&cli["ended_at"])
            && time(&cli["started_at"]) < time(&api["ended_at"]),
        "the builders did not overlap: {report}"
    );
    assert!(time(&check["started_at"]) > time(&api["ended_at"]).max(time(&cli["ended_at"])));
    let gate = check["gates"]
        .as_array()
        .expect("gates")
        .iter()
        .find(|g| g["name"].as_str().is_some_and(|n| n.starts_with("run: ")))
        .unwrap_or_else(|| panic!("the tester's run gate is not in {report}"));
    assert_eq!(gate["passed"], true, "{report}");
    for id in ["api", "cli", "check"] {
        let order = by_id(id);
        assert_eq!(order["state"], "merged", "{report}");
        assert_eq!(order["turns"], 2, "{report}");
        assert!(
            order["tokens"]["input"].as_u64().is_some_and(|n| n > 0)
                && order["tokens"]["output"].as_u64().is_some_and(|n| n > 0),
            "{report}"
        );
        assert_eq!(order["denials"], 0, "{report}");
        assert!(
            order["cost_usd"].as_f64().is_some_and(|c| c > 0.0),
            "{report}"
        );
    }
    assert!(
        report["totals"]["cost_usd"]
            .as_f64()
            .is_some_and(|c| c > 0.0)
    );
    assert_eq!(report["totals"]["turns"], 6, "{report}");
}

/// Files under `dir` that contain `needle`.
fn grep_tree(dir: &Path, needle: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(grep_tree(&path, needle));
        } else if std::fs::read(&path)
            .is_ok_and(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
        {
            found.push(path);
        }
    }
    found
}
