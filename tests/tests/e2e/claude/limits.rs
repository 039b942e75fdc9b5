//! Rate and usage limits: a Claude crew waits for the reset and resumes.

use std::io::Read as _;
use std::process::Stdio;
use std::time::{Duration, Instant};

use maestro_tests::model_fake::{ModelServer, Scenario, Turn};
use serde_json::{Value, json};

use super::{ClaudeWorkspace, SESSION_LIMIT, claude_bin};

/// Rate limits pause, never fail: a crew whose model answers 429 twice (the CLI retries by
/// itself), then the subscription's usage limit with a reset a few seconds ahead (the CLI
/// gives up), waits — `status --json` shows it `waiting` with the time it goes on — and is
/// resumed in its session when the limit resets; it ends merged, with one attempt.
#[test]
#[cfg_attr(
    not(maestro_claude),
    ignore = "needs the claude CLI: scripts/install-claude-code"
)]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_rate_limited_claude_crew_waits_for_the_reset_and_resumes_in_its_session() {
    let bin = claude_bin();
    let key = "scenario-usage-limit-5c3e";
    let model = ModelServer::start(Vec::new()).expect("model starts");
    let ws = ClaudeWorkspace::new(
        &bin,
        &model.base_url(),
        false,
        |_| {},
        &format!("[[orders]]\nid = \"paced\"\ntitle = \"{key}: paced work\"\nrole = \"builder\"\n"),
    );
    let rate_limited = || {
        Turn::error(
            429,
            "rate_limit_error",
            "Number of requests has exceeded your rate limit",
        )
        .with_header("retry-after", "1")
    };
    model.add(Scenario::new(
        key,
        vec![
            Turn::tool(
                "Write",
                json!({"file_path": ws.in_worktree("paced", "before.txt"), "content": "before the limit\n"}),
            ),
            rate_limited(),
            rate_limited(),
            Turn::usage_limit(8),
            Turn::tool(
                "Write",
                json!({"file_path": ws.in_worktree("paced", "after.txt"), "content": "after the reset\n"}),
            ),
            Turn::text("done"),
            Turn::text("done"),
        ],
    ));
    // A subscription: the CLI reports the usage limit and its reset only when logged in so.
    let mut run = ws
        .repo
        .maestro(&["run", "v1"])
        .expect("maestro is built")
        .env("HOME", ws.home.path())
        .env_remove("ANTHROPIC_API_KEY")
        .env("CLAUDE_CODE_OAUTH_TOKEN", "sk-ant-oat01-test-token")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("maestro runs");
    let deadline = Instant::now() + SESSION_LIMIT;
    let mut waiting: Option<Value> = None;
    let status = loop {
        if let Some(status) = run.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = run.kill();
            let output = run.wait_with_output().expect("output");
            let log = std::fs::read_to_string(ws.path().join(".mso/voyages/v1/logs/paced.jsonl"))
                .unwrap_or_default();
            let statuses: Vec<u16> = model.requests_for(key).iter().map(|r| r.status).collect();
            panic!(
                "the run did not end\nstdout: {}\nstderr: {}\nlog: {log}\nrequests: {statuses:?}\nstatus: {}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr),
                ws.maestro(&["status", "v1"]).1
            );
        }
        if waiting.is_none() {
            let (_, stdout, _) = ws.maestro(&["--json", "status", "v1"]);
            if let Ok(json) = serde_json::from_str::<Value>(&stdout)
                && json["orders"][0]["state"] == "waiting"
                && json["orders"][0]["wait"]["reason"]
                    .as_str()
                    .is_some_and(|r| r.starts_with("usage limit"))
            {
                waiting = Some(json["orders"][0].clone());
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let mut stdout = String::new();
    let mut stderr = String::new();
    let _ = run
        .stdout
        .take()
        .expect("piped")
        .read_to_string(&mut stdout);
    let _ = run
        .stderr
        .take()
        .expect("piped")
        .read_to_string(&mut stderr);
    assert!(status.success(), "stdout: {stdout}\nstderr: {stderr}");
    assert_eq!(ws.states(), [("paced".to_owned(), "merged".to_owned())]);
    let waiting = waiting.expect("status never showed the order waiting");
    assert!(
        waiting["wait"]["until"].is_string()
            && waiting["wait"]["reason"] == "usage limit (five_hour)",
        "{waiting}"
    );
    let order: Value = serde_json::from_str(
        &std::fs::read_to_string(ws.path().join(".mso/voyages/v1/orders/paced.json"))
            .expect("order"),
    )
    .expect("JSON");
    assert_eq!(order["attempts"], 1, "{order}");
    assert_eq!(order["failures"], 0, "{order}");
    // Both halves of the work are merged: the session went on where it stopped.
    assert_eq!(
        ws.repo
            .git(&["show", "maestro/v1:before.txt"])
            .expect("merged"),
        "before the limit"
    );
    assert_eq!(
        ws.repo
            .git(&["show", "maestro/v1:after.txt"])
            .expect("merged"),
        "after the reset"
    );
    let requests = model.requests_for(key);
    let statuses: Vec<u16> = requests.iter().map(|r| r.status).collect();
    assert_eq!(&statuses[..4], [200, 429, 429, 429], "{statuses:?}");
    // The first request after the reset resumes the session: the earlier turns are in it, and
    // it was sent once the limit had reset, not before.
    let resumed = &requests[4];
    let messages = resumed.body["messages"].to_string();
    assert!(messages.contains("before.txt"), "{messages}");
    assert!(messages.contains("limit has passed"), "{messages}");
    assert!(
        ws.ok(&["audit", "show"]).contains("order.paused"),
        "the pause is audited"
    );
}
