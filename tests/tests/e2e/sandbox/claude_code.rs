//! A real Claude crew contained by Claude Code's own sandbox with the settings maestro gives it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use maestro_core::agent::{ClaudeAgent, ClaudeOptions};
use maestro_tests::model_fake::{ModelServer, Scenario, Turn};
use serde_json::json;

use super::{Fixture, WORKSPACE_MARKER, assert_probe_contained, probe_script};
use crate::claude::SESSION_LIMIT;
use crate::claude::Session;
use crate::claude::claude_bin;

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
pub(super) fn claude_session(
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
        .stdin(Stdio::null());
    let (status, stdout, stderr) = maestro_tests::run_until(&mut command, SESSION_LIMIT);
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
pub(super) fn crew_settings(f: &Fixture, hook: Option<String>) -> String {
    ClaudeAgent::new(ClaudeOptions {
        sandbox: Some(f.sandbox.clone()),
        hook_command: hook,
        ..ClaudeOptions::default()
    })
    .expect("agent")
    .settings_json()
    .expect("settings")
}

pub(super) fn bash(command: &str) -> Turn {
    Turn::tool(
        "Bash",
        json!({"command": command, "description": "sandbox probe"}),
    )
}

/// The tool results of a session as the CLI reported them to the model, in order.
pub(super) fn tool_results(session: &Session) -> Vec<String> {
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
