//! The operating system's sandbox (issue 12): what a crew runs cannot write outside its
//! worktree, read maestro's state, the audit key or the user's credentials, or reach the
//! network beyond what the workspace allows — under bubblewrap for command agents and gates, and
//! under Claude Code's own sandbox (real CLI) for Claude crews.
//!
//! These tests start real processes and the claude CLI, so they run inside a network namespace
//! with only loopback (as `scripts/test` runs the suite); by hand:
//! `unshare -n sh -c 'ip link set lo up && exec cargo test -p maestro-tests --test e2e sandbox'`.
//! Without `bwrap`/`socat` (scripts/install-sandbox) or the claude CLI they are reported as
//! ignored (see `tests/build.rs`); with `MAESTRO_REQUIRE_TOOLS=1` or `MAESTRO_REQUIRE_CLAUDE=1`
//! (CI) that is a build failure instead.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use maestro_core::agent::{ClaudeAgent, ClaudeOptions, CommandAgent};
use maestro_core::dispatch::gate;
use maestro_core::ports::{Agent, CrewRequest};
use maestro_core::sandbox::Sandbox;
use maestro_core::{OrderId, Role, WorkspaceConfig};
use maestro_tests::GitRepo;
use maestro_tests::model_fake::{ModelServer, Scenario, Turn};
use serde_json::json;
use tokio::sync::watch;

use crate::claude::{SESSION_LIMIT, Session, claude_bin};

/// What `.mso/workspace.json` holds; a crew must never see it.
const WORKSPACE_MARKER: &str = "workspace-config-marker-5e1f";
/// The fake audit signing key.
const AUDIT_KEY_MARKER: &str = "ed25519:fake-audit-key-marker-77aa";
/// The fake AWS credential in the fake home.
const AWS_MARKER: &str = "fake-aws-credential-marker-0c3d";

/// A repository with maestro's state and two crews' linked worktrees (`v1/a`, `v1/b`), a fake
/// home holding credentials and a tool cache, an audit key elsewhere, and the sandbox
/// `Sandbox::from_config` builds for them.
struct Fixture {
    repo: GitRepo,
    home: tempfile::TempDir,
    keys: tempfile::TempDir,
    worktree: PathBuf,
    sandbox: Sandbox,
}

impl Fixture {
    fn new(model_url: &str) -> Fixture {
        let repo = GitRepo::with_commit().expect("fixture");
        repo.write(
            ".mso/workspace.json",
            &json!({"marker": WORKSPACE_MARKER}).to_string(),
        )
        .expect("workspace.json");
        repo.write(".mso/audit.log", "").expect("audit.log");
        for order in ["a", "b"] {
            repo.git(&[
                "worktree",
                "add",
                "-q",
                "-b",
                &format!("maestro-crew/v1/{order}"),
                &format!(".mso/worktrees/v1/{order}"),
            ])
            .expect("worktree");
        }
        // Not under /tmp, which sandboxed commands see as an empty directory of their own.
        let outside_tmp = |prefix: &str| {
            tempfile::Builder::new()
                .prefix(prefix)
                .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
                .expect("temporary directory")
        };
        let home = outside_tmp("sandbox-home");
        for (file, text) in [
            (
                ".aws/credentials",
                format!("aws_secret_access_key = {AWS_MARKER}\n"),
            ),
            (".ssh/id_ed25519", "fake ssh key\n".to_owned()),
            (".cache/tool/.keep", String::new()),
        ] {
            let path = home.path().join(file);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        let keys = outside_tmp("sandbox-keys");
        std::fs::write(keys.path().join("audit.key"), AUDIT_KEY_MARKER).expect("key");
        let config: WorkspaceConfig = serde_json::from_value(json!({
            "anthropic": {"baseUrl": model_url},
            "crews": {"writableDirs": ["~/.cache/tool"]},
            "audit": {"keyFile": keys.path().join("audit.key")},
        }))
        .expect("config");
        let sandbox = Sandbox::from_config(
            &config,
            repo.path(),
            &repo.path().join(".git"),
            Some(home.path()),
        )
        .expect("sandbox");
        Fixture {
            worktree: repo.path().join(".mso/worktrees/v1/a"),
            repo,
            home,
            keys,
            sandbox,
        }
    }

    fn root(&self, relative: &str) -> PathBuf {
        self.repo.path().join(relative)
    }

    /// Whether the fake home lies under `/tmp`, which a command under bwrap sees as a private,
    /// empty, writable directory: a write there "succeeds" without reaching the disk.
    fn home_in_private_tmp(&self) -> bool {
        self.home.path().starts_with("/tmp")
    }

    fn audit_key(&self) -> PathBuf {
        self.keys.path().join("audit.key")
    }

    fn cache(&self) -> PathBuf {
        self.home.path().join(".cache/tool")
    }

    /// Writes `text` to `name` in the crew's worktree (as a crew would).
    fn crew_writes(&self, name: &str, text: &str) {
        std::fs::write(self.worktree.join(name), text).expect("crew file");
    }

    /// What must not change whatever a crew does: the shared repository's files and refs,
    /// maestro's state, the other worktree, the home directory.
    fn protected_state(&self) -> Vec<(String, String)> {
        let mut state: Vec<(String, String)> = [
            "README.md",
            ".mso/workspace.json",
            ".git/config",
            ".git/HEAD",
            ".mso/worktrees/v1/b/README.md",
        ]
        .iter()
        .map(|file| {
            (
                (*file).to_owned(),
                std::fs::read_to_string(self.root(file)).unwrap_or_else(|e| format!("{e}")),
            )
        })
        .collect();
        state.push((
            "refs".into(),
            self.repo
                .git(&["for-each-ref", "--format=%(refname) %(objectname)"])
                .expect("refs"),
        ));
        state.push((
            "objects".into(),
            self.repo.git(&["count-objects", "-v"]).expect("objects"),
        ));
        for dir in [".git/hooks", ".git/objects", ".mso/worktrees"] {
            state.push((format!("ls {dir}"), listing(&self.root(dir))));
        }
        // Claude Code itself (outside its sandbox) leaves an empty `.claude/.cc-writes` staging
        // directory in the main checkout as in the worktree; anything else there is a change.
        let staging = self.root(".claude");
        let only_staging =
            listing(&staging) == ".cc-writes" && listing(&staging.join(".cc-writes")).is_empty();
        let root = listing(self.repo.path());
        state.push((
            "ls".into(),
            if only_staging {
                root.replace(".claude ", "")
            } else {
                root
            },
        ));
        for file in [".bashrc", ".profile", ".aws/credentials"] {
            state.push((
                format!("~/{file}"),
                std::fs::read_to_string(self.home.path().join(file))
                    .unwrap_or_else(|e| format!("{e}")),
            ));
        }
        state
    }
}

fn listing(dir: &Path) -> String {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names.join(" ")
}

/// A shell script that tries each write and read and prints one line per attempt:
/// `WROTE <label>` / `DENIED <label>: <error>`, `READ <label>: <text>` /
/// `UNREADABLE <label>: <error>`. `tmp_file` is the file it writes in the temporary directory.
fn probe_script(f: &Fixture, tmp_file: &str) -> String {
    let root = f.repo.path().display();
    let home = f.home.path().display();
    let mut script = String::from(
        "w() { if (printf 'x\\n' >> \"$2\") 2>\"$TMPDIR/err\"; then echo \"WROTE $1\"; \
         else echo \"DENIED $1: $(cat \"$TMPDIR/err\")\"; fi; }\n\
         r() { if out=$(cat \"$2\" 2>&1); then echo \"READ $1: $out\"; \
         else echo \"UNREADABLE $1: $out\"; fi; }\n",
    );
    // Reads first: a write into a hidden directory may land in a scratch copy of it.
    for (label, path) in [
        ("read-workspace.json", "../../../workspace.json".to_owned()),
        ("read-audit-key", f.audit_key().display().to_string()),
        ("read-aws", format!("{home}/.aws/credentials")),
        ("read-other-worktree", "../b/README.md".to_owned()),
        ("read-own-file", "README.md".to_owned()),
    ] {
        script.push_str(&format!("r {label} \"{path}\"\n"));
    }
    for (label, path) in [
        ("worktree-dotdot", "../../workspace.json".to_owned()),
        ("workspace.json", "../../../workspace.json".to_owned()),
        ("main-checkout", format!("{root}/README.md")),
        ("main-checkout-new", format!("{root}/new.txt")),
        ("git-ref", format!("{root}/.git/refs/heads/evil")),
        ("git-object", format!("{root}/.git/objects/evil")),
        ("git-config", format!("{root}/.git/config")),
        ("git-hook", format!("{root}/.git/hooks/pre-commit")),
        ("git-own-admin", format!("{root}/.git/worktrees/a/HEAD")),
        ("other-worktree", "../b/stolen.txt".to_owned()),
        ("home", format!("{home}/.bashrc")),
        ("inside", "inside.txt".to_owned()),
        ("tmp", tmp_file.to_owned()),
        ("cache", format!("{}/inside.txt", f.cache().display())),
    ] {
        script.push_str(&format!("w {label} \"{path}\"\n"));
    }
    script
}

/// The line of `output` about `label` (`WROTE label`, `DENIED label: …`, …).
fn line_about<'a>(output: &'a str, label: &str) -> &'a str {
    output
        .lines()
        .find(|l| l.split_whitespace().nth(1).map(|w| w.trim_end_matches(':')) == Some(label))
        .unwrap_or_else(|| panic!("no line about {label} in:\n{output}"))
}

/// How the file system refuses a sandboxed write: read-only, or a directory that is not there
/// (a hidden one).
const REFUSALS: [&str; 3] = [
    "Read-only file system",
    "Directory nonexistent",
    "No such file or directory",
];

/// Checks a probe's output: only the worktree, the temporary directory and the cache were
/// written (and the `scratch` paths, which the sandbox shows as an empty directory of its own,
/// thrown away when the command ends); only the crew's own files were read.
fn assert_probe_contained(output: &str, scratch: &[&str]) {
    for label in [
        "worktree-dotdot",
        "workspace.json",
        "main-checkout",
        "main-checkout-new",
        "git-ref",
        "git-object",
        "git-config",
        "git-hook",
        "git-own-admin",
        "other-worktree",
        "home",
    ] {
        let line = line_about(output, label);
        if scratch.contains(&label) && line.starts_with("WROTE") {
            continue;
        }
        assert!(
            line.starts_with("DENIED") && REFUSALS.iter().any(|reason| line.contains(reason)),
            "a write to {label} was not refused by the sandbox: {line}\n{output}"
        );
    }
    for label in ["inside", "tmp", "cache"] {
        let line = line_about(output, label);
        assert!(line.starts_with("WROTE"), "{line}\n{output}");
    }
    for label in [
        "read-workspace.json",
        "read-audit-key",
        "read-aws",
        "read-other-worktree",
    ] {
        let line = line_about(output, label);
        assert!(line.starts_with("UNREADABLE"), "{label}: {line}\n{output}");
    }
    assert!(line_about(output, "read-own-file").starts_with("READ read-own-file: # test"));
    for marker in [WORKSPACE_MARKER, AUDIT_KEY_MARKER, AWS_MARKER] {
        assert!(!output.contains(marker), "{marker} leaked:\n{output}");
    }
}

/// Runs `script` with `sh -c` through the bwrap wrapper in the fixture's worktree; exit code
/// and combined output.
fn wrapped(f: &Fixture, script: &str) -> (Option<i32>, String) {
    let (program, args) = f
        .sandbox
        .wrap(&f.worktree, "sh", &["-c".into(), script.into()]);
    let out = Command::new(program)
        .args(args)
        .current_dir(&f.worktree)
        .env("HOME", f.home.path())
        .output()
        .expect("bwrap runs");
    (
        out.status.code(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// A stop signal that never fires.
fn no_stop() -> watch::Receiver<bool> {
    let (tx, rx) = watch::channel(false);
    std::mem::forget(tx);
    rx
}

/// Whether a live process runs `sleep <duration>`: its arguments exactly, not a shell whose
/// script mentions them.
fn running(duration: &str) -> bool {
    let wanted = format!("sleep\0{duration}\0");
    std::fs::read_dir("/proc").is_ok_and(|entries| {
        entries.flatten().any(|entry| {
            let dir = entry.path();
            let zombie = std::fs::read_to_string(dir.join("stat"))
                .is_ok_and(|s| s.split_whitespace().nth(2) == Some("Z"));
            !zombie && std::fs::read(dir.join("cmdline")).is_ok_and(|b| b == wanted.as_bytes())
        })
    })
}

/// Waits up to `limit` for `condition`.
fn eventually(limit: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let started = Instant::now();
    while started.elapsed() < limit {
        if condition() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    condition()
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_command_under_bwrap_stays_in_its_worktree() {
    let f = Fixture::new("http://127.0.0.1:9");
    let before = f.protected_state();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("listen");
    let port = listener.local_addr().expect("address").port();
    let tmp_file = format!(
        "/tmp/maestro-probe-{}.txt",
        f.repo
            .path()
            .file_name()
            .expect("a temporary name")
            .to_string_lossy()
    );
    let mut script = probe_script(&f, &tmp_file);
    script.push_str(&format!(
        "python3 -c 'import socket; socket.create_connection((\"127.0.0.1\", {port}), 3)' \
         >/dev/null 2>&1 && echo NETWORK reached || echo NETWORK none\n\
         git log --oneline -1 >/dev/null && echo GIT reads\n"
    ));
    let (code, output) = wrapped(&f, &script);
    assert_eq!(code, Some(0), "{output}");
    let scratch: &[&str] = if f.home_in_private_tmp() {
        &["home"]
    } else {
        &[]
    };
    assert_probe_contained(&output, scratch);
    assert!(output.contains("NETWORK none"), "{output}");
    // git still reads the shared repository.
    assert!(output.contains("GIT reads"), "{output}");
    assert_eq!(f.protected_state(), before, "{output}");
    assert_eq!(
        std::fs::read_to_string(f.cache().join("inside.txt")).expect("cache written"),
        "x\n"
    );
    assert!(f.worktree.join("inside.txt").is_file());
    assert!(
        !Path::new(&tmp_file).exists(),
        "the sandbox's /tmp is the machine's"
    );
}

/// A `run` gate executes a script the crew wrote: under the sandbox its writes outside the
/// worktree fail with the file system's errors, and the gate's output says so.
#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_gate_running_a_crew_written_script_cannot_write_outside() {
    let f = Fixture::new("http://127.0.0.1:9");
    let before = f.protected_state();
    let root = f.repo.path().display();
    f.crew_writes(
        "t.py",
        &format!(
            r#"import os
for path in ["../../workspace.json", "../../../workspace.json", "{root}/README.md",
             "{root}/.git/refs/heads/evil", "{root}/.git/config", "../b/x",
             os.path.expanduser("~/.profile")]:
    try:
        with open(path, "a") as out:
            out.write("x")
        print("WROTE", path)
    except OSError as e:
        print("DENIED", path, e.strerror)
open("result.txt", "w").write("ok")
"#
        ),
    );
    let result = runtime().block_on(gate::run_command(
        &f.worktree,
        "python3 t.py",
        Duration::from_secs(60),
        &[("HOME".into(), f.home.path().display().to_string())],
        Some(&f.sandbox),
        None,
        no_stop(),
    ));
    assert!(result.passed, "{result:?}");
    let lines: Vec<&str> = result.output.lines().collect();
    assert_eq!(lines.len(), 7, "{}", result.output);
    for line in lines {
        let scratch = f.home_in_private_tmp() && line.ends_with("/.profile");
        assert!(
            (line.starts_with("DENIED") && REFUSALS.iter().any(|reason| line.contains(reason)))
                || scratch,
            "{}",
            result.output
        );
    }
    assert_eq!(f.protected_state(), before);
    assert_eq!(
        std::fs::read_to_string(f.worktree.join("result.txt")).expect("written"),
        "ok"
    );
}

/// A sandboxed gate past its timeout is stopped with everything it started, even a child
/// that left its process group.
#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_sandboxed_gate_past_its_timeout_leaves_no_process() {
    let f = Fixture::new("http://127.0.0.1:9");
    let (tx, stop) = watch::channel(false);
    let watcher = std::thread::spawn(|| {
        eventually(Duration::from_secs(6), || {
            running("1000.8181") && running("1000.8182")
        })
    });
    // Without the sandbox the escaped child would keep the gate's output open, and the gate
    // would not even end.
    let result = runtime()
        .block_on(async {
            tokio::time::timeout(
                Duration::from_secs(60),
                gate::run_command(
                    &f.worktree,
                    "setsid sleep 1000.8181 & sleep 1000.8182",
                    Duration::from_secs(6),
                    &[],
                    Some(&f.sandbox),
                    None,
                    stop,
                ),
            )
            .await
        })
        .expect("the gate ended: no process outlived it");
    drop(tx);
    assert!(watcher.join().expect("watcher"), "the sleeps never ran");
    assert!(result.output.starts_with("timed out"), "{result:?}");
    assert!(
        eventually(Duration::from_secs(5), || {
            !running("1000.8181") && !running("1000.8182")
        }),
        "a process of the gate outlived it"
    );
}

/// A command agent's crew under the sandbox: its prompt arrives, its writes outside fail.
#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_command_agent_crew_cannot_write_outside() {
    let f = Fixture::new("http://127.0.0.1:9");
    let before = f.protected_state();
    let agent =
        CommandAgent::new(Vec::new(), Duration::from_secs(1)).with_sandbox(Some(f.sandbox.clone()));
    let request = CrewRequest {
        voyage: "v1".into(),
        order: "a".parse::<OrderId>().expect("id"),
        role: Role::Builder,
        attempt: 1,
        worktree: f.worktree.clone(),
        prompt: "write the API".into(),
        command: Some(vec![
            "sh".into(),
            "-c".into(),
            "echo \"$MAESTRO_PROMPT\" > prompt.txt; echo x > ../../workspace.json; \
             echo x > ../../../../README.md"
                .into(),
        ]),
        env: vec![("HOME".into(), f.home.path().display().to_string())],
        timeout: Duration::from_secs(60),
        log: f.keys.path().join("crew.jsonl"),
        resume_session: None,
        resume_note: None,
        progress: None,
        session_id: None,
        pid_file: None,
        redact: None,
    };
    let outcome = runtime()
        .block_on(agent.run(request, no_stop()))
        .expect("the crew ran");
    assert!(!outcome.success, "{outcome:?}");
    assert_eq!(
        outcome.output_tail.matches("Read-only file system").count(),
        2,
        "{}",
        outcome.output_tail
    );
    assert_eq!(
        std::fs::read_to_string(f.worktree.join("prompt.txt")).expect("written"),
        "write the API\n"
    );
    assert_eq!(f.protected_state(), before);
}

/// The environment of a claude CLI session under test: a clean environment, the fixture's
/// home, the model, and the real cargo's homes (the fake home has none).
fn claude_command(bin: &Path, f: &Fixture, model: &ModelServer, path: Option<&Path>) -> Command {
    let mut command = Command::new(bin);
    command
        .env_clear()
        .env("HOME", f.home.path())
        .env(
            "PATH",
            path.map_or_else(
                || std::env::var_os("PATH").unwrap_or_default(),
                |p| p.as_os_str().to_owned(),
            ),
        )
        .env("LC_ALL", "C")
        .env("ANTHROPIC_BASE_URL", model.base_url())
        .env("ANTHROPIC_API_KEY", "test-key")
        .env("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1")
        .current_dir(&f.worktree);
    let real_home = std::env::var_os("HOME").map(PathBuf::from);
    for (name, default) in [("CARGO_HOME", ".cargo"), ("RUSTUP_HOME", ".rustup")] {
        if let Some(dir) = std::env::var_os(name)
            .map(PathBuf::from)
            .or_else(|| real_home.as_ref().map(|h| h.join(default)))
            .filter(|d| d.is_dir())
        {
            command.env(name, dir);
        }
    }
    command
}

/// Runs `claude -p <prompt>` in the fixture's worktree with `settings` and `extra` arguments.
fn claude_session(
    bin: &Path,
    f: &Fixture,
    model: &ModelServer,
    prompt: &str,
    settings: &str,
    extra: &[&str],
    path: Option<&Path>,
) -> Session {
    let mut command = claude_command(bin, f, model, path);
    command
        .args(["-p", prompt, "--output-format", "stream-json", "--verbose"])
        .args(["--permission-mode", "acceptEdits", "--strict-mcp-config"])
        .args(["--settings", settings])
        .args(extra)
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
        "claude did not finish within {SESSION_LIMIT:?}\nstdout: {stdout}\nstderr: {stderr}"
    );
    Session {
        code: status.and_then(|s| s.code()),
        events: stdout
            .lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect(),
        stdout,
        stderr,
    }
}

/// The `--settings` maestro gives a Claude crew with the fixture's sandbox (and `hook`, the
/// command its hooks run, if any).
fn crew_settings(f: &Fixture, hook: Option<String>) -> String {
    ClaudeAgent::new(ClaudeOptions {
        sandbox: Some(f.sandbox.clone()),
        hook_command: hook,
        ..ClaudeOptions::default()
    })
    .expect("agent")
    .settings_json()
    .expect("settings")
}

fn bash(command: &str) -> Turn {
    Turn::tool(
        "Bash",
        json!({"command": command, "description": "sandbox probe"}),
    )
}

/// The tool results of a session as the CLI reported them to the model, in order.
fn tool_results(session: &Session) -> Vec<String> {
    session
        .events
        .iter()
        .filter(|e| e["type"] == "user")
        .flat_map(|e| {
            e["message"]["content"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .filter(|block| block["type"] == "tool_result")
        .map(|block| match &block["content"] {
            serde_json::Value::String(text) => text.clone(),
            serde_json::Value::Array(parts) => parts
                .iter()
                .filter_map(|p| p["text"].as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            other => other.to_string(),
        })
        .collect()
}

/// A real Claude crew with maestro's settings: every sandbox key maestro relies on is
/// proven by a tool call whose outcome flips without it.
///
/// - `enabled`: Bash writes outside the worktree fail with `Read-only file system`;
/// - `filesystem.denyWrite` (the git common directory): writing refs, objects and the crew's
///   own worktree metadata fails (Claude Code allows those by default in a linked worktree);
/// - `filesystem.denyRead`: `.mso/workspace.json`, the audit key, `~/.aws` are unreadable;
/// - `filesystem.allowWrite`: the listed cache is writable;
/// - `allowUnsandboxedCommands: false`: a call with `dangerouslyDisableSandbox` that the
///   permission rules allow still runs sandboxed;
/// - `autoAllowBashIfSandboxed`: a Bash call no rule allows runs without a permission prompt;
/// - `network.allowedDomains`: the model endpoint is reachable through the proxy;
/// - `network.strictAllowlist`: another host is refused as "not on the allow list" (without it
///   the refusal reads "user denied": the host was asked about);
///
/// and maestro's hooks run outside the sandbox (they read `.mso/workspace.json` and append to
/// `.mso/audit.log` while the crew cannot).
#[test]
#[cfg_attr(
    not(maestro_claude),
    ignore = "needs the claude CLI: scripts/install-claude-code"
)]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_claude_crew_is_contained_by_claude_codes_sandbox() {
    let bin = claude_bin();
    let key = "scenario-sandbox-contain-3b9d";
    let model = ModelServer::start(vec![]).expect("model starts");
    let f = Fixture::new(&model.base_url());
    let before = f.protected_state();
    let port = model
        .base_url()
        .rsplit(':')
        .next()
        .expect("port")
        .to_owned();
    f.crew_writes("probe.sh", &probe_script(&f, "$TMPDIR/inside.txt"));
    f.crew_writes(
        "net.sh",
        &format!(
            "for host in 127.0.0.1 localhost; do\n\
             echo \"PROXY $host $(curl -s -o /dev/null -w '%{{http_code}}' --noproxy '' -x \"$HTTP_PROXY\" http://$host:{port}/probe-$host)\"\n\
             done\n\
             curl -s -m 3 -o /dev/null http://127.0.0.1:{port}/direct && echo DIRECT reached || echo DIRECT none\n"
        ),
    );
    f.crew_writes(
        "escape.sh",
        &format!("echo x >> {}/README.md", f.repo.path().display()),
    );
    f.crew_writes("auto.sh", "echo auto > auto.txt");
    let hooks = tempfile::tempdir().expect("hooks");
    let hook = hooks.path().join("hook.sh");
    std::fs::write(
        &hook,
        format!(
            "#!/bin/sh\ncat > /dev/null\ncat '{ws}' >> '{log}'\n",
            ws = f.root(".mso/workspace.json").display(),
            log = f.root(".mso/audit.log").display()
        ),
    )
    .expect("hook");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    model.add(Scenario::new(
        key,
        vec![
            bash("echo x > ../../../../README.md"),
            bash("sh probe.sh"),
            bash("cat ../../../workspace.json"),
            Turn::tool(
                "Bash",
                json!({"command": "sh escape.sh", "description": "escape",
                       "dangerouslyDisableSandbox": true}),
            ),
            bash("sh auto.sh"),
            bash("sh net.sh"),
            Turn::text("done"),
        ],
    ));
    let settings = crew_settings(&f, Some(hook.display().to_string()));
    let session = claude_session(
        &bin,
        &f,
        &model,
        &format!("{key}: probe the sandbox"),
        &settings,
        &["--allowedTools", "Bash(sh escape.sh)"],
        None,
    );
    let result = session.result();
    assert_eq!(result["subtype"], "success", "{result}\n{}", session.stderr);
    let results = tool_results(&session);
    assert_eq!(results.len(), 6, "{results:#?}");

    // `enabled`: a write to the main checkout fails inside the sandbox.
    assert!(
        results[0].contains("Read-only file system"),
        "{}",
        results[0]
    );
    // `enabled`, `denyWrite`, `denyRead`, `allowWrite`: the probe. Claude Code shows a denied
    // directory (`.mso/`) as an empty writable one of the command's own, thrown away when it
    // ends: writes there "succeed" without reaching the disk (the state check below).
    assert_probe_contained(&results[1], &["worktree-dotdot", "workspace.json"]);
    assert!(
        results[2].contains("No such file") && !results[2].contains(WORKSPACE_MARKER),
        "{}",
        results[2]
    );
    // `allowUnsandboxedCommands: false`.
    assert!(
        results[3].contains("Read-only file system"),
        "dangerouslyDisableSandbox escaped: {}",
        results[3]
    );
    // `autoAllowBashIfSandboxed`.
    assert_eq!(
        std::fs::read_to_string(f.worktree.join("auto.txt"))
            .unwrap_or_else(|_| panic!("auto.sh did not run: {}", results[4])),
        "auto\n"
    );
    // `network.allowedDomains` and `network.strictAllowlist`.
    let net = &results[5];
    assert!(net.contains("PROXY 127.0.0.1 404"), "{net}");
    assert!(
        model
            .requests()
            .iter()
            .any(|r| r.path.ends_with("/probe-127.0.0.1")),
        "the allowed host was not reached: {net}"
    );
    assert!(net.contains("PROXY localhost 403"), "{net}");
    assert!(
        net.contains("localhost:") && net.contains("(host is not on the allow list)"),
        "{net}"
    );
    assert!(net.contains("DIRECT none"), "{net}");

    assert_eq!(f.protected_state(), before);
    // The hooks ran outside the sandbox: they read maestro's state and wrote its audit log.
    let audit = std::fs::read_to_string(f.root(".mso/audit.log")).expect("audit log");
    assert!(
        audit.contains(WORKSPACE_MARKER),
        "the hooks could not read .mso/workspace.json: {audit}"
    );
    // The cache write is real, outside the worktree.
    assert!(f.cache().join("inside.txt").is_file());
}

/// `failIfUnavailable`: without bwrap the crew does not start at all (without the key it
/// would run its commands unsandboxed, with a warning).
#[test]
#[cfg_attr(
    not(maestro_claude),
    ignore = "needs the claude CLI: scripts/install-claude-code"
)]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_claude_crew_without_the_sandbox_does_not_start() {
    let bin = claude_bin();
    let key = "scenario-sandbox-missing-61c0";
    let model = ModelServer::start(vec![]).expect("model starts");
    let f = Fixture::new(&model.base_url());
    model.add(Scenario::new(
        key,
        vec![bash("echo x >> ../../../../README.md"), Turn::text("done")],
    ));
    // Every program of PATH but bwrap.
    let bin_dir = tempfile::tempdir().expect("bin");
    for dir in std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let link = bin_dir.path().join(entry.file_name());
            if entry.file_name() != "bwrap" && link.symlink_metadata().is_err() {
                #[cfg(unix)]
                let _ = std::os::unix::fs::symlink(entry.path(), link);
            }
        }
    }
    let before = f.protected_state();
    let session = claude_session(
        &bin,
        &f,
        &model,
        &format!("{key}: write outside"),
        &crew_settings(&f, None),
        &["--allowedTools", "Bash"],
        Some(bin_dir.path()),
    );
    assert_ne!(session.code, Some(0), "{}", session.stdout);
    assert!(
        session
            .stderr
            .contains("Refusing to start without a working sandbox")
            && session.stderr.contains("bwrap"),
        "{}",
        session.stderr
    );
    assert!(model.requests_for(key).is_empty(), "the crew started");
    assert_eq!(f.protected_state(), before);
}

/// A project's `.claude/settings.json` in the worktree (which a crew or the repository could
/// hold) cannot switch the sandbox off or widen it.
#[test]
#[cfg_attr(
    not(maestro_claude),
    ignore = "needs the claude CLI: scripts/install-claude-code"
)]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn project_settings_cannot_weaken_the_sandbox() {
    let bin = claude_bin();
    let key = "scenario-sandbox-project-9a4e";
    let model = ModelServer::start(vec![]).expect("model starts");
    let f = Fixture::new(&model.base_url());
    let weakened = json!({
        "sandbox": {
            "enabled": false,
            "allowUnsandboxedCommands": true,
            "filesystem": {"allowWrite": [f.repo.path()], "denyWrite": [], "denyRead": []},
            "network": {"allowedDomains": ["*"], "strictAllowlist": false},
        },
        "permissions": {"allow": ["Bash"]},
    })
    .to_string();
    std::fs::create_dir_all(f.worktree.join(".claude")).expect("mkdir");
    for name in ["settings.json", "settings.local.json"] {
        std::fs::write(f.worktree.join(".claude").join(name), &weakened).expect("settings");
    }
    model.add(Scenario::new(
        key,
        vec![
            bash("echo x >> ../../../../README.md"),
            bash("cat ../../../workspace.json"),
            Turn::tool(
                "Bash",
                json!({"command": "echo x >> ../../../../README.md", "description": "escape",
                       "dangerouslyDisableSandbox": true}),
            ),
            Turn::text("done"),
        ],
    ));
    let before = f.protected_state();
    let session = claude_session(
        &bin,
        &f,
        &model,
        &format!("{key}: write outside"),
        &crew_settings(&f, None),
        &[],
        None,
    );
    assert_eq!(session.result()["subtype"], "success", "{}", session.stderr);
    let results = tool_results(&session);
    assert_eq!(results.len(), 3, "{results:#?}");
    assert!(
        results[0].contains("Read-only file system"),
        "{}",
        results[0]
    );
    assert!(results[1].contains("No such file"), "{}", results[1]);
    assert!(
        !results[2].contains("x\n") && !results[2].is_empty(),
        "{}",
        results[2]
    );
    assert_eq!(f.protected_state(), before);
}

/// A crew that runs `cargo test` on a small crate passes inside the sandbox: cargo builds into
/// the worktree's `target/` and only reads its own homes (a crate without dependencies needs
/// no writable cache and no network).
#[test]
#[cfg_attr(
    not(maestro_claude),
    ignore = "needs the claude CLI: scripts/install-claude-code"
)]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn cargo_test_passes_inside_the_sandbox() {
    let bin = claude_bin();
    if Command::new("cargo").arg("--version").output().is_err() {
        assert!(
            std::env::var("MAESTRO_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "MAESTRO_REQUIRE_TOOLS=1 but cargo is not on PATH"
        );
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED cargo_test_passes_inside_the_sandbox: no cargo"
        );
        return;
    }
    let key = "scenario-sandbox-cargo-d27f";
    let model = ModelServer::start(vec![]).expect("model starts");
    let f = Fixture::new(&model.base_url());
    std::fs::create_dir_all(f.worktree.join("tiny/src")).expect("mkdir");
    f.crew_writes(
        "tiny/Cargo.toml",
        "[package]\nname = \"tiny\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[workspace]\n",
    );
    f.crew_writes(
        "tiny/src/lib.rs",
        "pub fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn adds() {\n        assert_eq!(super::add(2, 2), 4);\n    }\n}\n",
    );
    model.add(Scenario::new(
        key,
        vec![
            bash("cargo test --manifest-path tiny/Cargo.toml 2>&1 | tail -n 20"),
            Turn::text("done"),
        ],
    ));
    let before = f.protected_state();
    let session = claude_session(
        &bin,
        &f,
        &model,
        &format!("{key}: run the tests"),
        &crew_settings(&f, None),
        &[],
        None,
    );
    assert_eq!(session.result()["subtype"], "success", "{}", session.stderr);
    let results = tool_results(&session);
    assert!(
        results
            .first()
            .is_some_and(|r| r.contains("test result: ok. 1 passed")),
        "{results:#?}"
    );
    assert!(f.worktree.join("tiny/target").is_dir());
    assert_eq!(f.protected_state(), before);
}

/// A Claude crew stopped by maestro (the dispatcher's stop signal) takes every process of its
/// sandbox with it, even one that left the crew's process group.
#[test]
#[cfg_attr(
    not(maestro_claude),
    ignore = "needs the claude CLI: scripts/install-claude-code"
)]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_stopped_claude_crew_leaves_no_sandboxed_process() {
    let bin = claude_bin();
    let key = "scenario-sandbox-stop-40e2";
    let model = ModelServer::start(vec![]).expect("model starts");
    let f = Fixture::new(&model.base_url());
    f.crew_writes("sleeper.sh", "setsid sleep 1000.9191 & sleep 1000.9192\n");
    model.add(Scenario::new(
        key,
        vec![
            Turn::tool(
                "Bash",
                json!({"command": "sh sleeper.sh", "description": "wait", "timeout": 600_000}),
            ),
            Turn::text("done"),
        ],
    ));
    let agent = ClaudeAgent::new(ClaudeOptions {
        program: bin.display().to_string(),
        base_url: Some(model.base_url()),
        api_key: Some("test-key".into()),
        sandbox: Some(f.sandbox.clone()),
        grace: Duration::from_secs(1),
        ..ClaudeOptions::default()
    })
    .expect("agent");
    let request = CrewRequest {
        voyage: "v1".into(),
        order: "a".parse::<OrderId>().expect("id"),
        role: Role::Builder,
        attempt: 1,
        worktree: f.worktree.clone(),
        prompt: format!("{key}: wait"),
        command: None,
        env: vec![("HOME".into(), f.home.path().display().to_string())],
        timeout: SESSION_LIMIT,
        log: f.keys.path().join("crew.jsonl"),
        resume_session: None,
        resume_note: None,
        progress: None,
        session_id: None,
        pid_file: None,
        redact: None,
    };
    let (stop_tx, stop) = watch::channel(false);
    let watcher = std::thread::spawn(move || {
        let started = eventually(Duration::from_secs(60), || {
            running("1000.9191") && running("1000.9192")
        });
        let _ = stop_tx.send(true);
        started
    });
    let outcome = runtime()
        .block_on(async {
            tokio::time::timeout(Duration::from_secs(120), agent.run(request, stop)).await
        })
        .expect("the crew's run ended: no process outlived it")
        .expect("the crew ran");
    assert!(watcher.join().expect("watcher"), "the sleeps never ran");
    assert!(outcome.interrupted, "{outcome:?}");
    assert!(
        eventually(Duration::from_secs(10), || {
            !running("1000.9191") && !running("1000.9192")
        }),
        "a sandboxed process outlived its crew"
    );
}
