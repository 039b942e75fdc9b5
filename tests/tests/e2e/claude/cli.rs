//! One `claude -p` session of the real CLI against the scripted model: its tools and maestro's
//! `PreToolUse` hook, without a maestro workspace.

use std::path::Path;
use std::process::{Command, Stdio};

use maestro_tests::GitRepo;
use maestro_tests::model_fake::{ModelServer, Scenario, Turn};
use serde_json::json;

use super::{AWS_KEY, SESSION_LIMIT, Session, claude_bin};

/// Runs `claude -p <prompt> --output-format stream-json …` in `repo` against `model`.
fn claude(
    bin: &Path,
    repo: &GitRepo,
    model: &ModelServer,
    prompt: &str,
    extra: &[&str],
) -> Session {
    let home = tempfile::tempdir().expect("home");
    let mut command = Command::new(bin);
    maestro_tests::hermetic(&mut command, home.path())
        .env("ANTHROPIC_BASE_URL", model.base_url())
        .env("ANTHROPIC_API_KEY", "test-key")
        .env("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1")
        .args(["-p", prompt, "--output-format", "stream-json", "--verbose"])
        .args(["--permission-mode", "acceptEdits", "--strict-mcp-config"])
        .args(extra)
        .current_dir(repo.path())
        .stdin(Stdio::null());
    let (status, stdout, stderr) = maestro_tests::run_until(&mut command, SESSION_LIMIT);
    assert!(
        status.is_some(),
        "claude did not finish within {SESSION_LIMIT:?}\nstdout: {stdout}\nstderr: {stderr}\nrequests: {:?}",
        model.requests()
    );
    let events = stdout
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect();
    Session {
        code: status.and_then(|s| s.code()),
        events,
        stdout,
        stderr,
    }
}

#[test]
#[cfg_attr(
    not(maestro_claude),
    ignore = "needs the claude CLI: scripts/install-claude-code"
)]
fn claude_writes_a_file_the_scripted_model_asks_for() {
    let bin = claude_bin();
    let repo = GitRepo::with_commit().expect("fixture");
    let target = repo.path().join("hello.txt");
    let key = "scenario-smoke-7f3a";
    let model = ModelServer::start(vec![Scenario::new(
        key,
        vec![
            Turn::tool(
                "Write",
                json!({"file_path": target.to_str().expect("UTF-8"), "content": "hello from the model\n"}),
            ),
            Turn::text("done"),
        ],
    )])
    .expect("model starts");

    let session = claude(
        &bin,
        &repo,
        &model,
        &format!("{key}: write hello.txt"),
        &["--allowedTools", "Write"],
    );

    let result = session.result();
    assert_eq!(result["subtype"], "success", "{result}");
    assert_eq!(result["result"], "done");
    assert_eq!(
        std::fs::read_to_string(&target).expect("hello.txt written"),
        "hello from the model\n"
    );
    let requests = model.requests();
    assert!(
        requests.iter().all(|r| r.status == 200),
        "unexpected requests: {requests:?}"
    );
    let answered = model.requests_for(key);
    assert_eq!(answered.len(), 2, "{requests:?}");
    assert!(
        answered[1].path.starts_with("/v1/messages"),
        "{}",
        answered[1].path
    );
    let results = answered[1].tool_results();
    assert_eq!(results.len(), 1, "{:?}", answered[1].body);
}

#[test]
#[cfg_attr(
    not(maestro_claude),
    ignore = "needs the claude CLI: scripts/install-claude-code"
)]
fn the_pre_tool_use_hook_keeps_a_secret_out_of_the_worktree_and_the_model() {
    let bin = claude_bin();
    let repo = GitRepo::with_commit().expect("fixture");
    let init = repo
        .maestro(&["init", "-q"])
        .expect("maestro is built")
        .output()
        .expect("maestro runs");
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let target = repo.path().join("src/storage.py");
    let key = "scenario-governance-91c2";
    let model = ModelServer::start(vec![Scenario::new(
        key,
        vec![
            Turn::tool(
                "Write",
                json!({
                    "file_path": target.to_str().expect("UTF-8"),
                    "content": format!("AWS_ACCESS_KEY_ID = '{AWS_KEY}'\n"),
                }),
            ),
            Turn::text("I will read the key from the environment instead."),
        ],
    )])
    .expect("model starts");
    let maestro = maestro_tests::maestro_bin().expect("maestro is built");
    let hook = format!("'{}' hook pre-tool-use", maestro.display());
    let settings = json!({"hooks": {"PreToolUse": [{
        "matcher": "Write|Edit|MultiEdit|Bash",
        "hooks": [{"type": "command", "command": hook}],
    }]}})
    .to_string();

    let session = claude(
        &bin,
        &repo,
        &model,
        &format!("{key}: store the AWS credentials"),
        &["--allowedTools", "Write", "--settings", &settings],
    );

    let result = session.result();
    assert!(
        !target.exists(),
        "the hook let the secret into the worktree"
    );
    let denials = result["permission_denials"]
        .as_array()
        .unwrap_or_else(|| panic!("no permission_denials in {result}"));
    assert_eq!(denials.len(), 1, "{result}");
    assert_eq!(denials[0]["tool_name"], "Write", "{result}");
    let answered = model.requests_for(key);
    assert_eq!(answered.len(), 2, "{:?}", model.requests());
    let results = answered[1].tool_results();
    assert_eq!(results.len(), 1, "{:?}", answered[1].body);
    assert!(
        results[0].contains("maestro blocked this tool call"),
        "{results:?}"
    );
    let told = answered[1].body["messages"]
        .as_array()
        .and_then(|m| m.last())
        .expect("a last message")
        .to_string();
    assert!(
        !told.contains(AWS_KEY),
        "the key went back to the model: {told}"
    );
}
