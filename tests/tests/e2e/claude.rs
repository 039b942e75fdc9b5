//! The real `claude` CLI against the scripted model of `maestro_tests::model_fake`.
//!
//! These tests start the CLI, so they must run in a network namespace with only loopback (as
//! `scripts/test` runs the suite); by hand:
//! `unshare -n sh -c 'ip link set lo up && exec cargo test -p maestro-tests --test e2e claude'`.
//! Without the CLI installed (`scripts/install-claude-code`) they are reported as ignored (see
//! `tests/build.rs`); with `MAESTRO_REQUIRE_CLAUDE=1` (CI) that is a build failure instead.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use maestro_tests::GitRepo;
use maestro_tests::model_fake::{ModelServer, Scenario, Turn};
use serde_json::{Value, json};

const AWS_KEY: &str = "AKIAQ7RPZ3MFXW2BKT5L";

/// How long one CLI session may take before the test kills it.
pub(crate) const SESSION_LIMIT: Duration = Duration::from_secs(180);

/// The claude CLI from `MAESTRO_CLAUDE_BIN` or `scripts/install-claude-code`. The tests that
/// call this run only when the build found it (`cfg(maestro_claude)`, see `tests/build.rs`);
/// otherwise they are reported as ignored.
pub(crate) fn claude_bin() -> PathBuf {
    let path = std::env::var_os("MAESTRO_CLAUDE_BIN").map_or_else(
        || {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../target/tools/claude-code/node_modules/.bin/claude")
        },
        PathBuf::from,
    );
    assert!(
        path.is_file(),
        "the claude CLI is not at {} (run scripts/install-claude-code)",
        path.display()
    );
    path
}

/// What one `claude -p` session printed.
pub(crate) struct Session {
    pub(crate) code: Option<i32>,
    pub(crate) events: Vec<Value>,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Session {
    pub(crate) fn result(&self) -> &Value {
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

/// A maestro workspace whose crews are the real claude CLI talking to `model`; `HOME` is a
/// directory of its own so Claude Code's state stays out of the repository.
struct ClaudeWorkspace {
    repo: GitRepo,
    home: tempfile::TempDir,
}

impl ClaudeWorkspace {
    /// `maestro init`, the agent pointed at `bin` and `model`, no retries; `edit` changes the
    /// rest of `workspace.json`; voyage `v1` holding `orders_toml`.
    fn new(
        bin: &Path,
        model_url: &str,
        pro: bool,
        edit: impl FnOnce(&mut Value),
        orders_toml: &str,
    ) -> ClaudeWorkspace {
        let ws = ClaudeWorkspace {
            repo: GitRepo::with_commit().expect("fixture"),
            home: tempfile::tempdir().expect("home"),
        };
        ws.ok(&["init", "-q"]);
        if pro {
            crate::run::pro(&ws.repo);
        }
        let config_path = ws.repo.path().join(".mso/workspace.json");
        let mut config: Value =
            serde_json::from_str(&std::fs::read_to_string(&config_path).expect("config"))
                .expect("JSON");
        config["agent"]["program"] = json!(bin.to_str().expect("UTF-8"));
        config["anthropic"]["baseUrl"] = json!(model_url);
        config["crews"]["retries"] = json!(0);
        config["crews"]["timeoutSecs"] = json!(SESSION_LIMIT.as_secs());
        edit(&mut config);
        std::fs::write(&config_path, config.to_string()).expect("config written");
        ws.ok(&["voyage", "new", "v1", "-q"]);
        if !orders_toml.is_empty() {
            ws.repo.write("orders.toml", orders_toml).expect("orders");
            ws.ok(&["voyage", "import", "v1", "orders.toml", "-q"]);
        }
        ws
    }

    fn path(&self) -> &Path {
        self.repo.path()
    }

    /// The absolute path of `relative` in order `order`'s worktree.
    fn in_worktree(&self, order: &str, relative: &str) -> String {
        self.path()
            .join(".mso/worktrees/v1")
            .join(order)
            .join(relative)
            .to_str()
            .expect("UTF-8")
            .to_owned()
    }

    fn maestro(&self, args: &[&str]) -> (i32, String, String) {
        maestro_tests::outcome(
            self.repo
                .maestro(args)
                .expect("maestro is built")
                .env("HOME", self.home.path())
                .env("ANTHROPIC_API_KEY", "test-key"),
        )
    }

    fn ok(&self, args: &[&str]) -> String {
        let (code, stdout, stderr) = self.maestro(args);
        assert_eq!(
            code, 0,
            "maestro {args:?}\nstdout: {stdout}\nstderr: {stderr}"
        );
        stdout
    }

    /// Each order's id and state, from `maestro status --json`.
    fn states(&self) -> Vec<(String, String)> {
        let status: Value =
            serde_json::from_str(&self.ok(&["status", "v1", "--json"])).expect("JSON status");
        status["orders"]
            .as_array()
            .expect("orders")
            .iter()
            .map(|o| {
                (
                    o["id"].as_str().expect("id").to_owned(),
                    o["state"].as_str().expect("state").to_owned(),
                )
            })
            .collect()
    }

    fn report(&self) -> Value {
        serde_json::from_str(&self.ok(&["report", "v1", "--format", "json"])).expect("JSON")
    }

    /// The events of order `order`'s logged stream.
    fn events(&self, order: &str) -> Vec<Value> {
        let log = self
            .path()
            .join(format!(".mso/voyages/v1/logs/{order}.jsonl"));
        std::fs::read_to_string(log)
            .expect("the crew's event stream is logged")
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    }
}

/// A model that writes `bad` to `target`, then (told why that was wrong) `good`, then ends.
fn write_then_fix(target: &str, bad: &str, good: &str, closing: &str) -> Vec<Turn> {
    vec![
        Turn::tool("Write", json!({"file_path": target, "content": bad})),
        Turn::tool("Write", json!({"file_path": target, "content": good})),
        Turn::text(closing),
    ]
}

/// The message a request ends with (what the model was just told), as text.
fn last_message(request: &maestro_tests::model_fake::ModelRequest) -> String {
    request.body["messages"]
        .as_array()
        .and_then(|m| m.last())
        .expect("a last message")
        .to_string()
}

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

/// The post-tool hook tells the model about `hashlib.md5(password)` (CWE-328): below the
/// default `scan.blockSeverity` (high) as added context, at or above it as a block.
#[test]
#[cfg_attr(
    not(maestro_claude),
    ignore = "needs the claude CLI: scripts/install-claude-code"
)]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_weak_hash_finding_reaches_the_model() {
    weak_hash_finding_reaches_the_model("scenario-md5-advise-1b", None);
    weak_hash_finding_reaches_the_model("scenario-md5-block-a41c", Some("medium"));
}

fn weak_hash_finding_reaches_the_model(key: &str, block_severity: Option<&str>) {
    let bin = claude_bin();
    let model = ModelServer::start(vec![]).expect("model starts");
    let ws = ClaudeWorkspace::new(
        &bin,
        &model.base_url(),
        false,
        |config| {
            if let Some(severity) = block_severity {
                config["scan"]["blockSeverity"] = json!(severity);
            }
        },
        &format!(
            r#"
[[orders]]
id = "auth"
title = "{key}: hash passwords"
role = "builder"
"#
        ),
    );
    let target = ws.in_worktree("auth", "src/auth.py");
    model.add(Scenario::new(
        key,
        write_then_fix(
            &target,
            "import hashlib\n\ndef digest(password):\n    return hashlib.md5(password).hexdigest()\n",
            "import hashlib\n\ndef digest(password, salt):\n    return hashlib.scrypt(password, salt=salt, n=16384, r=8, p=1).hex()\n",
            "switched to scrypt",
        ),
    ));
    let (code, stdout, stderr) = ws.maestro(&["run", "v1"]);
    assert_eq!(code, 0, "stdout: {stdout}\nstderr: {stderr}");
    let answered = model.requests_for(key);
    assert_eq!(answered.len(), 3, "{:?}", model.requests());
    let told = last_message(&answered[1]);
    assert!(
        told.contains("python-weak-hash") && told.contains("CWE-328"),
        "the finding did not reach the model: {told}"
    );
    let blocked = told.contains("insecure code in");
    assert_eq!(blocked, block_severity.is_some(), "{told}");
    let report = ws.report();
    let findings = report["orders"][0]["findings"]
        .as_array()
        .expect("findings");
    assert!(
        findings.iter().any(|f| f["rule_id"] == "python-weak-hash"),
        "{report}"
    );
    let merged = ws
        .repo
        .git(&["show", "maestro/v1:src/auth.py"])
        .expect("merged");
    assert!(merged.contains("scrypt"), "{merged}");
}

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

/// `maestro plan` turns the model's `StructuredOutput` answer into proposed orders, and refuses
/// an answer whose orders form a cycle, saving nothing.
#[test]
#[cfg_attr(
    not(maestro_claude),
    ignore = "needs the claude CLI: scripts/install-claude-code"
)]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn the_planner_proposes_orders_and_refuses_a_cycle() {
    let bin = claude_bin();
    let good = "scenario-plan-good-3c";
    let cyclic = "scenario-plan-cycle-9e";
    let plan = |orders: Value| Turn::tool("StructuredOutput", json!({"orders": orders}));
    let model = ModelServer::start(vec![
        Scenario::new(
            good,
            vec![
                plan(json!([
                    {"id": "api", "title": "Write the API", "role": "builder"},
                    {"id": "api-tests", "title": "Test the API", "role": "tester", "depends_on": ["api"]},
                ])),
                Turn::text("planned"),
            ],
        ),
        Scenario::new(
            cyclic,
            vec![
                plan(json!([
                    {"id": "a", "title": "A", "role": "builder", "depends_on": ["b"]},
                    {"id": "b", "title": "B", "role": "builder", "depends_on": ["a"]},
                ])),
                Turn::text("planned"),
            ],
        ),
    ])
    .expect("model starts");
    let ws = ClaudeWorkspace::new(&bin, &model.base_url(), false, |_| {}, "");
    ws.ok(&["plan", "v1", &format!("{good}: an API with tests")]);
    let state = |id: &str, state: &str| (id.to_owned(), state.to_owned());
    let proposed = [state("api", "proposed"), state("api-tests", "proposed")];
    assert_eq!(ws.states(), proposed);

    // A plan the model got wrong is a finding (exit 1), not bad input from the user.
    let (code, stdout, stderr) = ws.maestro(&["plan", "v1", &format!("{cyclic}: loop")]);
    assert_eq!(code, 1, "stdout: {stdout}\nstderr: {stderr}");
    assert!(
        stdout.contains("refused the Planner's orders") && stdout.contains("cycle"),
        "{stdout}"
    );
    assert_eq!(ws.states(), proposed, "the refused plan changed the voyage");
    ws.ok(&["plan", "v1", "--approve", "-q"]);
    assert_eq!(
        ws.states(),
        [state("api", "pending"), state("api-tests", "pending")]
    );
}

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
