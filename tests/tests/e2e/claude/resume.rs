//! An interrupted Claude crew resumed in its session and worktree.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use maestro_tests::model_fake::{ModelServer, Scenario, Turn};
use serde_json::{Value, json};

use super::{ClaudeWorkspace, SESSION_LIMIT, claude_bin};

/// A Claude crew whose dispatcher is killed (SIGKILL) mid-session is resumed by the next run: the
/// same session (`--resume`), in the same worktree, as the same attempt; the model's first
/// request after the restart carries the earlier turns and the note that the run was
/// interrupted.
#[test]
#[cfg_attr(
    not(maestro_claude),
    ignore = "needs the claude CLI: scripts/install-claude-code"
)]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn an_interrupted_claude_crew_is_resumed_in_its_session_and_worktree() {
    let bin = claude_bin();
    let key = "scenario-resume-after-kill-8a21";
    let model = ModelServer::start(vec![Scenario::new(
        key,
        vec![
            Turn::tool(
                "Bash",
                json!({"command": "echo half > half.txt && touch started && sleep 60", "description": "work"}),
            ),
            // On resume Claude Code closes the interrupted turn with an
            // assistant message of its own, so the answer is the third turn.
            Turn::text("done"),
            Turn::text("done"),
        ],
    )])
    .expect("model starts");
    let ws = ClaudeWorkspace::new(
        &bin,
        &model.base_url(),
        false,
        |_| {},
        &format!("[[orders]]\nid = \"slow\"\ntitle = \"{key}: slow work\"\nrole = \"builder\"\n"),
    );
    let mut first = ws
        .repo
        .maestro(&["run", "v1"])
        .expect("maestro is built")
        .env("HOME", ws.home.path())
        .env("ANTHROPIC_API_KEY", "test-key")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("maestro runs");
    let started = PathBuf::from(ws.in_worktree("slow", "started"));
    let deadline = Instant::now() + SESSION_LIMIT;
    while !started.exists() {
        assert!(
            Instant::now() < deadline,
            "the crew never started its command"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let order_file = ws.path().join(".mso/voyages/v1/orders/slow.json");
    let before: Value =
        serde_json::from_str(&std::fs::read_to_string(&order_file).expect("order")).expect("JSON");
    let session = before["session_id"]
        .as_str()
        .expect("saved before the crew started")
        .to_owned();
    assert_eq!(before["resume"]["session_id"], session.as_str(), "{before}");
    first.kill().expect("SIGKILL");
    first.wait().expect("reaped");
    let asked_before = model.requests_for(key).len();

    let (code, stdout, stderr) = ws.maestro(&["run", "v1"]);
    let log = std::fs::read_to_string(ws.path().join(".mso/voyages/v1/logs/slow.jsonl"))
        .unwrap_or_default();
    assert_eq!(code, 0, "stdout: {stdout}\nstderr: {stderr}\nlog: {log}");
    assert_eq!(ws.states(), [("slow".to_owned(), "merged".to_owned())]);
    let after: Value =
        serde_json::from_str(&std::fs::read_to_string(&order_file).expect("order")).expect("JSON");
    assert_eq!(
        after["attempts"], 1,
        "the interruption consumed no attempt: {after}"
    );
    assert_eq!(
        after["session_id"],
        session.as_str(),
        "the same session: {after}"
    );
    assert!(after.get("resume").is_none(), "{after}");
    // The work of the interrupted run is kept and merged.
    assert_eq!(
        ws.repo
            .git(&["show", "maestro/v1:half.txt"])
            .expect("merged"),
        "half"
    );
    let resumed = &model.requests_for(key)[asked_before];
    let messages = resumed.body["messages"].to_string();
    assert!(
        messages.contains("echo half > half.txt"),
        "the earlier turns are not in the first request after the restart: {messages}"
    );
    assert!(
        messages.contains("was interrupted"),
        "the crew was not told it was resumed: {messages}"
    );
    // The transcript it resumed from lives in the workspace, not in the user's ~/.claude.
    let transcripts = ws.path().join(".mso/claude/projects");
    assert!(transcripts.is_dir(), "no transcripts in .mso/claude");
    assert!(!ws.home.path().join(".claude/projects").exists());
}
