//! The real `claude` CLI against the scripted model of `maestro_tests::model_fake`.
//!
//! These tests start the CLI, so they must run in a network namespace with only loopback (as
//! `scripts/test` runs the suite); by hand:
//! `unshare -n sh -c 'ip link set lo up && exec cargo test -p maestro-tests --test e2e claude'`.
//! Without the CLI installed (`scripts/install-claude-code`) they are reported as ignored (see
//! `tests/build.rs`); with `MAESTRO_REQUIRE_CLAUDE=1` (CI) that is a build failure instead.

use std::path::{Path, PathBuf};
use std::time::Duration;

use maestro_tests::GitRepo;
use maestro_tests::model_fake::Turn;
use serde_json::{Value, json};

mod airgap;
mod cli;
mod crews;
mod limits;
mod mcp;
mod planner;
mod resume;
mod scan;

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
