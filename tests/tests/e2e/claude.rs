//! The real `claude` CLI against the scripted model of `maestro_tests::model_fake`.
//!
//! These tests start the CLI, so they must run in a network namespace with only loopback (as
//! `scripts/test` runs the suite); by hand:
//! `unshare -n sh -c 'ip link set lo up && exec cargo test -p maestro-tests --test e2e claude'`.
//! Without the CLI installed (`scripts/install-claude-code`) they print `SKIPPED` and pass, unless
//! `MAESTRO_REQUIRE_CLAUDE=1`.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use maestro_tests::GitRepo;
use maestro_tests::model_fake::{ModelServer, Scenario, Turn};
use serde_json::{Value, json};

const AWS_KEY: &str = "AKIAQ7RPZ3MFXW2BKT5L";

/// How long one CLI session may take before the test kills it.
const SESSION_LIMIT: Duration = Duration::from_secs(180);

/// The claude CLI from `MAESTRO_CLAUDE_BIN` or `scripts/install-claude-code`, or `None` (after
/// saying so) when it is not installed and not required.
fn claude_bin() -> Option<PathBuf> {
    let path = std::env::var_os("MAESTRO_CLAUDE_BIN").map_or_else(
        || {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../target/tools/claude-code/node_modules/.bin/claude")
        },
        PathBuf::from,
    );
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var("MAESTRO_REQUIRE_CLAUDE").as_deref() != Ok("1"),
        "MAESTRO_REQUIRE_CLAUDE=1 but the claude CLI is not at {} (run scripts/install-claude-code)",
        path.display()
    );
    // Straight to the stream, past the test harness's capture, so a skip is seen.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: the claude CLI is not at {} (run scripts/install-claude-code or set MAESTRO_CLAUDE_BIN)",
        path.display()
    );
    None
}

/// What one `claude -p` session printed.
struct Session {
    code: Option<i32>,
    events: Vec<Value>,
    stdout: String,
    stderr: String,
}

impl Session {
    fn result(&self) -> &Value {
        self.events
            .iter()
            .rev()
            .find(|e| e["type"] == "result")
            .unwrap_or_else(|| {
                panic!(
                    "no result event (exit {:?})\nstdout: {}\nstderr: {}",
                    self.code, self.stdout, self.stderr
                )
            })
    }
}

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
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("claude starts");
    let mut out = child.stdout.take().expect("piped");
    let mut err = child.stderr.take().expect("piped");
    let stdout = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = out.read_to_string(&mut text);
        text
    });
    let stderr = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = err.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        if started.elapsed() > SESSION_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stdout = stdout.join().expect("reader");
    let stderr = stderr.join().expect("reader");
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
fn claude_writes_a_file_the_scripted_model_asks_for() {
    let Some(bin) = claude_bin() else { return };
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
fn the_pre_tool_use_hook_keeps_a_secret_out_of_the_worktree_and_the_model() {
    let Some(bin) = claude_bin() else { return };
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

/// `maestro run` with the real CLI as a Builder crew: the scripted model first tries to write
/// an AWS key (the `PreToolUse` hook refuses it), then writes code that reads the key from the
/// environment. The order merges; the key is nowhere in the voyage's commits or under `.mso/`
/// (the crew's logged event stream holds the refused tool call, redacted).
#[test]
fn maestro_run_drives_a_claude_crew_and_keeps_the_secret_out_of_every_record() {
    let Some(bin) = claude_bin() else { return };
    let repo = GitRepo::with_commit().expect("fixture");
    let home = tempfile::tempdir().expect("home");
    let model_key = "scenario-run-builder-5d1e";
    let worktree = repo.path().join(".mso/worktrees/v1/storage");
    let target = worktree.join("src/storage.py");
    let model = ModelServer::start(vec![Scenario::new(
        model_key,
        vec![
            Turn::tool(
                "Write",
                json!({
                    "file_path": target.to_str().expect("UTF-8"),
                    "content": format!("AWS_ACCESS_KEY_ID = '{AWS_KEY}'\n"),
                }),
            ),
            Turn::tool(
                "Write",
                json!({
                    "file_path": target.to_str().expect("UTF-8"),
                    "content": "import os\nAWS_ACCESS_KEY_ID = os.environ['AWS_ACCESS_KEY_ID']\n",
                }),
            ),
            Turn::text("Stored the key reference; the key itself comes from the environment."),
        ],
    )])
    .expect("model starts");
    let maestro = |args: &[&str]| {
        let out = repo
            .maestro(args)
            .expect("maestro is built")
            .env("HOME", home.path())
            .env("ANTHROPIC_API_KEY", "test-key")
            .output()
            .expect("maestro runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    assert_eq!(maestro(&["init", "-q"]).0, 0);
    let config_path = repo.path().join(".mso/workspace.json");
    let mut config: Value =
        serde_json::from_str(&std::fs::read_to_string(&config_path).expect("config"))
            .expect("JSON");
    config["agent"]["program"] = json!(bin.to_str().expect("UTF-8"));
    config["anthropic"]["baseUrl"] = json!(model.base_url());
    config["crews"]["retries"] = json!(0);
    config["crews"]["timeoutSecs"] = json!(SESSION_LIMIT.as_secs());
    std::fs::write(&config_path, config.to_string()).expect("config written");
    assert_eq!(maestro(&["voyage", "new", "v1", "-q"]).0, 0);
    repo.write(
        "orders.toml",
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
    )
    .expect("orders");
    let (code, _, stderr) = maestro(&["voyage", "import", "v1", "orders.toml", "-q"]);
    assert_eq!(code, 0, "{stderr}");

    let (code, stdout, stderr) = maestro(&["run", "v1"]);
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
    assert!(
        !answered[1].body["messages"]
            .as_array()
            .expect("messages")
            .last()
            .expect("last")
            .to_string()
            .contains(AWS_KEY)
    );

    // The voyage holds the clean file only.
    let merged = repo
        .git(&["show", "maestro/v1:src/storage.py"])
        .expect("merged into the voyage branch");
    assert!(merged.contains("os.environ"), "{merged}");
    let history = repo
        .git(&["log", "-p", "maestro/v1"])
        .expect("voyage history");
    assert!(
        !history.contains(AWS_KEY),
        "the key is in the voyage's history"
    );

    // The report carries what the crew cost, and no record under .mso/ holds the key.
    let (code, report, stderr) = maestro(&["report", "v1", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let report: Value = serde_json::from_str(&report).expect("JSON report");
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
    let log = std::fs::read_to_string(repo.path().join(".mso/voyages/v1/logs/storage.jsonl"))
        .expect("the crew's event stream is logged");
    assert!(log.contains("[REDACTED:aws-access-key-id]"), "{log}");
    let kept = grep_tree(&repo.path().join(".mso"), AWS_KEY);
    assert!(kept.is_empty(), "the key was kept in {kept:?}");
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
