//! The Claude Code hooks and `maestro scan`, through the real binary.

use std::io::Write as _;
use std::process::Stdio;

use crate::snapshot;
use crate::support::{Repo, Run};

/// An AWS access key id of the documented format (a made-up one).
const AWS_KEY: &str = "AKIAQ7RPZ3MFXW2BKT5L";

fn hook(repo: &Repo, which: &str, input: &str) -> Run {
    hook_with(repo, which, input, &[])
}

/// [`hook`] with extra environment variables.
fn hook_with(repo: &Repo, which: &str, input: &str, env: &[(&str, &str)]) -> Run {
    let mut child = repo
        .command(&["hook", which])
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("maestro runs");
    let written = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes());
    // A hook may decide (and exit) before it reads all of its input.
    if let Err(e) = written {
        assert_eq!(
            e.kind(),
            std::io::ErrorKind::BrokenPipe,
            "writing the input: {e}"
        );
    }
    let out = child.wait_with_output().expect("finished");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("utf-8"),
        stderr: String::from_utf8(out.stderr).expect("utf-8"),
    }
}

fn write(repo: &Repo, path: &str, content: &str) -> String {
    serde_json::json!({
        "session_id": "s", "hook_event_name": "PreToolUse", "cwd": repo.path(),
        "tool_name": "Write", "tool_input": {"file_path": path, "content": content}
    })
    .to_string()
}

#[test]
fn a_secret_write_is_blocked_redacted_and_audited() {
    let repo = Repo::initialised();
    let file = repo.path().join("settings.py").display().to_string();
    let run = hook(
        &repo,
        "pre-tool-use",
        &write(&repo, &file, &format!("KEY = '{AWS_KEY}'\n")),
    );
    snapshot!(
        repo,
        run,
        @r"
        exit: 2
        --- stdout
        --- stderr
        maestro blocked this tool call: the Write change would write a credential (settings.py:1: aws-access-key-id AKIA…(20 chars)); remove it and use an environment variable or a secret store instead
        "
    );
    assert_eq!(run.code, 2);
    assert!(!run.stderr.contains(AWS_KEY), "the secret is never printed");
    let log = repo.read(".mso/audit.log");
    assert!(log.contains("\"action\":\"secret.block\""));
    assert!(
        !log.contains(AWS_KEY) && !log.contains(&AWS_KEY[4..]),
        "no secret in the audit log"
    );
    assert!(!repo.path().join("settings.py").exists());
}

#[test]
fn clean_writes_pass_silently() {
    let repo = Repo::initialised();
    let file = repo.path().join("app.py").display().to_string();
    for content in [
        "print('hello')\n",
        "KEY = os.environ['AWS_KEY']\n",
        "key: <your-key>\n",
    ] {
        let run = hook(&repo, "pre-tool-use", &write(&repo, &file, content));
        assert_eq!(
            (run.code, run.stdout.as_str(), run.stderr.as_str()),
            (0, "", ""),
            "{content}"
        );
    }
    let read = serde_json::json!({"tool_name": "Read", "cwd": repo.path(), "tool_input": {"file_path": "/etc/passwd"}});
    assert_eq!(
        hook(&repo, "pre-tool-use", &read.to_string()).code,
        0,
        "reads outside maestro's state and the user's credentials go ahead"
    );
}

#[test]
fn writes_outside_the_worktree_or_into_protected_paths_are_blocked() {
    let repo = Repo::initialised();
    std::os::unix::fs::symlink("/tmp", repo.path().join("escape")).expect("symlink");
    let cases = [
        ("/etc/cron.d/x", "outside the crew's worktree"),
        ("../sibling/file", "outside the crew's worktree"),
        ("escape/x", "outside the crew's worktree"),
        ("escape/../x", "outside the crew's worktree"),
        (".git/hooks/pre-commit", "is inside .git"),
        (".mso/workspace.json", "is inside .mso"),
        (".claude/settings.json", "Claude Code's settings"),
        (".claude/settings.local.json", "Claude Code's settings"),
    ];
    for (path, reason) in cases {
        let run = hook(&repo, "pre-tool-use", &write(&repo, path, "x"));
        assert_eq!(run.code, 2, "{path}: {}", run.transcript());
        assert!(run.stderr.contains(reason), "{path}: {}", run.stderr);
    }
    assert_eq!(
        hook(
            &repo,
            "pre-tool-use",
            &write(&repo, "src/ok.rs", "fn main() {}")
        )
        .code,
        0
    );
}

#[test]
fn malformed_input_blocks() {
    let repo = Repo::initialised();
    let huge = format!(
        "{{\"tool_name\":\"Write\",\"cwd\":\"{}\",\"tool_input\":{{\"file_path\":\"big.txt\",\"content\":\"{}\"}}}}",
        repo.path().display(),
        "a".repeat(50 * 1024 * 1024)
    );
    let cases = [
        ("", "not valid JSON"),
        ("{\"tool_name\":\"Write\"", "not valid JSON"),
        ("{\"tool_name\":\"Write\"}", "`tool_input` is missing"),
        (
            "{\"tool_name\":\"Write\",\"tool_input\":{\"file_path\":\"a\"}}",
            "`content` is missing",
        ),
        ("[1,2]", "`tool_name` is missing"),
    ];
    for (input, reason) in cases {
        let run = hook(&repo, "pre-tool-use", input);
        assert_eq!(run.code, 2, "{input}");
        assert!(run.stderr.contains(reason), "{input}: {}", run.stderr);
    }
    // 50 MB of content is above the scanner's limit: refused, never let through unscanned,
    // with the setting that raises the limit…
    let run = hook(&repo, "pre-tool-use", &huge);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("52428800 bytes") && run.stderr.contains("scan.maxFileSize"),
        "{}",
        run.stderr
    );
    // …which, raised, has it scanned.
    let mut config: serde_json::Value =
        serde_json::from_str(&repo.read(".mso/workspace.json")).expect("JSON");
    config["scan"]["maxFileSize"] = (64u64 << 20).into();
    repo.write(".mso/workspace.json", &config.to_string());
    let run = hook(&repo, "pre-tool-use", &huge);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_panicking_hook_blocks_the_call_without_quoting_the_panic() {
    let repo = Repo::initialised();
    for which in ["pre-tool-use", "post-tool-use"] {
        let run = hook_with(
            &repo,
            which,
            &write(&repo, "a.txt", "hello\n"),
            &[("MAESTRO_TEST_HOOK_PANIC", "1")],
        );
        let stderr = &run.stderr;
        assert_eq!(run.code, 2, "{which}: {stderr}");
        assert!(
            stderr.contains("maestro blocked this tool call")
                && !stderr.contains("panic-payload-marker"),
            "{which}: {stderr}"
        );
    }
}

#[test]
fn post_tool_findings_are_fed_back() {
    let repo = Repo::initialised();
    let file = repo.write(
        "auth.py",
        "import hashlib\nh = hashlib.md5(password.encode()).hexdigest()\n",
    );
    let input = serde_json::json!({"tool_name": "Write", "cwd": repo.path(), "tool_input": {"file_path": file, "content": ""}, "tool_response": {}});
    // Below the default blockSeverity (high): context for the crew, not a block.
    let run = hook(&repo, "post-tool-use", &input.to_string());
    assert_eq!(run.code, 0);
    let advice: serde_json::Value = serde_json::from_str(run.stdout.trim()).expect("JSON");
    assert!(advice.get("decision").is_none(), "{advice}");
    assert_eq!(advice["hookSpecificOutput"]["hookEventName"], "PostToolUse");
    let context = advice["hookSpecificOutput"]["additionalContext"]
        .as_str()
        .expect("context");
    assert!(
        context.contains("CWE-328") && context.contains("auth.py:2"),
        "{context}"
    );

    let mut config: serde_json::Value =
        serde_json::from_str(&repo.read(".mso/workspace.json")).expect("JSON");
    config["scan"]["blockSeverity"] = "medium".into();
    repo.write(".mso/workspace.json", &config.to_string());
    let run = hook(&repo, "post-tool-use", &input.to_string());
    assert_eq!(run.code, 0);
    let decision: serde_json::Value = serde_json::from_str(run.stdout.trim()).expect("a decision");
    assert_eq!(decision["decision"], "block");
    let reason = decision["reason"].as_str().expect("reason");
    assert!(
        reason.contains("CWE-328") && reason.contains("auth.py:2"),
        "{reason}"
    );
    let clean = repo.write("ok.py", "print(1)\n");
    let input = serde_json::json!({"tool_name": "Write", "cwd": repo.path(), "tool_input": {"file_path": clean, "content": ""}});
    let run = hook(&repo, "post-tool-use", &input.to_string());
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
}

#[test]
fn scan_and_the_git_pre_commit_hook() {
    let repo = Repo::initialised();
    repo.write("clean.py", "print('ok')\n");
    let run = repo.maestro(&["scan", "clean.py"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    repo.write("leak.env", &format!("AWS_ACCESS_KEY_ID={AWS_KEY}\n"));
    let run = repo.maestro(&["scan", "--format", "json"]);
    assert_eq!(run.code, 1);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(value["findings"][0]["rule_id"], "aws-access-key-id");
    assert_eq!(value["findings"][0]["path"], "leak.env");
    assert!(!run.stdout.contains(AWS_KEY));
    let missing = repo.maestro(&["scan", "nope.txt"]);
    missing.usage_error();

    repo.maestro(&["hook", "install-git"]).ok();
    repo.git(&["add", "clean.py"]);
    repo.git(&["commit", "-q", "-m", "clean"]);
    repo.git(&["add", "leak.env"]);
    let out = repo
        .git_command(&["commit", "-q", "-m", "leak"])
        .output()
        .expect("git runs");
    assert!(
        !out.status.success(),
        "the pre-commit hook refused the secret"
    );
    // git shows a hook's output on its stderr.
    let shown = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(shown.contains("aws-access-key-id"), "{shown}");
    assert_eq!(
        repo.git(&["log", "--format=%s", "-1"]),
        "clean",
        "nothing committed"
    );
}
