//! The hook service (`maestro hook serve`) and its client (`maestro-hook`), through the real
//! binaries: the service answers every call exactly as `maestro hook` does in its own process,
//! an answer it keeps is never one for another file, a changed `workspace.json` is refused as
//! before, and a client whose service is gone answers in a `maestro hook` process.

use std::path::Path;
use std::process::Command;

use maestro_tests::hook_service::HookService;

use crate::support::{Repo, Run, hermetic};

/// An AWS access key id of the documented format (a made-up one).
const AWS_KEY: &str = "AKIAQ7RPZ3MFXW2BKT5L";

fn run(mut command: Command, input: &str, env: &[(&str, &str)]) -> Run {
    let (code, stdout, stderr) =
        maestro_tests::outcome_with_input(command.envs(env.iter().copied()), input.as_bytes());
    Run {
        code,
        stdout,
        stderr,
    }
}

/// `maestro-hook` in `repo`, with the service at `socket` (or none) and no fallback unless
/// `fallback`.
fn client(repo: &Repo, socket: Option<&Path>, fallback: bool, event: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_maestro-hook"));
    hermetic(&mut command, repo.path());
    command
        .env("XDG_CONFIG_HOME", repo.config_home())
        .current_dir(repo.path());
    if let Some(socket) = socket {
        command.arg("--socket").arg(socket);
    }
    if !fallback {
        command.arg("--no-fallback");
    }
    command.arg(event);
    command
}

fn write(repo: &Repo, path: &str, content: &str) -> String {
    serde_json::json!({
        "session_id": "s", "hook_event_name": "PreToolUse", "cwd": repo.path(),
        "tool_name": "Write", "tool_input": {"file_path": path, "content": content}
    })
    .to_string()
}

/// The calls both ways of answering must answer alike: every kind of block, allow and
/// feedback, and input the hooks cannot read.
fn calls(repo: &Repo) -> Vec<(&'static str, String)> {
    repo.write(
        "auth.py",
        "import hashlib\nh = hashlib.md5(password.encode()).hexdigest()\n",
    );
    repo.write("shell.py", "import os\nos.system(input())\n");
    repo.write("ok.py", "print(1)\n");
    let written = |path: &str| {
        serde_json::json!({"tool_name": "Write", "cwd": repo.path(), "tool_input": {"file_path": repo.path().join(path), "content": ""}})
            .to_string()
    };
    vec![
        (
            "pre-tool-use",
            write(repo, "src/config.py", &format!("KEY = \"{AWS_KEY}\"\n")),
        ),
        ("pre-tool-use", write(repo, "/etc/passwd", "x")),
        ("pre-tool-use", write(repo, ".mso/workspace.json", "{}")),
        ("pre-tool-use", write(repo, "src/ok.rs", "fn main() {}\n")),
        (
            "pre-tool-use",
            serde_json::json!({"tool_name": "Bash", "cwd": repo.path(), "tool_input": {"command": format!("export AWS_ACCESS_KEY_ID={AWS_KEY}")}}).to_string(),
        ),
        ("pre-tool-use", "not json".to_owned()),
        ("pre-tool-use", r#"{"tool_input": {}}"#.to_owned()),
        ("post-tool-use", written("auth.py")),
        ("post-tool-use", written("shell.py")),
        ("post-tool-use", written("ok.py")),
        (
            "post-tool-use",
            serde_json::json!({"tool_name": "Read", "cwd": repo.path(), "tool_input": {"file_path": "ok.py"}}).to_string(),
        ),
        ("post-tool-use", "{".to_owned()),
    ]
}

#[test]
fn the_service_answers_every_call_as_the_hook_process_does() {
    let repo = Repo::initialised();
    let service = HookService::start(repo.command(&[]));
    let env = [("MAESTRO_WORKSPACE", repo.path().to_str().expect("utf-8"))];
    for (event, input) in calls(&repo) {
        let alone = run(repo.command(&["hook", event]), &input, &env);
        // Twice: the second answer may come from what the service kept.
        for _ in 0..2 {
            let served = run(
                client(&repo, Some(service.socket()), false, event),
                &input,
                &env,
            );
            assert_eq!(served.transcript(), alone.transcript(), "{event} {input}");
        }
    }
    // The cases did block, allow and feed back (they test something).
    let transcripts: Vec<String> = calls(&repo)
        .into_iter()
        .map(|(event, input)| run(repo.command(&["hook", event]), &input, &env).transcript())
        .collect();
    assert!(transcripts.iter().any(|t| t.contains("aws-access-key-id")));
    assert!(
        transcripts
            .iter()
            .any(|t| t.contains("outside the crew's worktree"))
    );
    assert!(transcripts.iter().any(|t| t.contains("additionalContext")));
    assert!(
        transcripts
            .iter()
            .any(|t| t.contains("\"decision\":\"block\""))
    );
    assert!(
        transcripts
            .iter()
            .any(|t| t.starts_with("exit: 0\n--- stdout\n--- stderr\n"))
    );
    service.stop();
}

#[test]
fn a_kept_answer_is_never_another_files() {
    let repo = Repo::initialised();
    let service = HookService::start(repo.command(&[]));
    let post = |path: &str| {
        let input = serde_json::json!({"tool_name": "Write", "cwd": repo.path(), "tool_input": {"file_path": path, "content": ""}});
        run(
            client(&repo, Some(service.socket()), false, "post-tool-use"),
            &input.to_string(),
            &[],
        )
    };
    let insecure = "import os\nos.system(input())\n";
    let fixed = "import subprocess\nsubprocess.run(['ls', input()])\n";
    for round in 0..2 {
        repo.write("a.py", insecure);
        assert!(post("a.py").stdout.contains("CWE-78"), "round {round}");
        repo.write("a.py", fixed);
        assert_eq!(
            post("a.py").transcript(),
            "exit: 0\n--- stdout\n--- stderr\n"
        );
        // The same text under another name is judged for that name.
        repo.write("b.txt", insecure);
        assert_eq!(
            post("b.txt").transcript(),
            "exit: 0\n--- stdout\n--- stderr\n"
        );
    }
    // The pre-tool hook starts the scan of what a Write will leave; the post-tool hook's
    // answer is that file's, and a Write that left something else is judged by what it left.
    let pre = run(
        client(&repo, Some(service.socket()), false, "pre-tool-use"),
        &write(&repo, "c.py", "import os\nos.system(input()) # c\n"),
        &[],
    );
    assert_eq!(pre.code, 0, "{}", pre.transcript());
    repo.write("c.py", "import os\nos.system(input()) # c\n");
    assert!(post("c.py").stdout.contains("c.py:2"));
    let pre = run(
        client(&repo, Some(service.socket()), false, "pre-tool-use"),
        &write(&repo, "d.py", "import os\nos.system(input()) # d\n"),
        &[],
    );
    assert_eq!(pre.code, 0, "{}", pre.transcript());
    repo.write("d.py", "print('d')\n");
    assert_eq!(
        post("d.py").transcript(),
        "exit: 0\n--- stdout\n--- stderr\n"
    );
    service.stop();
}

#[test]
fn a_changed_workspace_json_is_refused_through_the_service_too() {
    let repo = Repo::initialised();
    let service = HookService::start(repo.command(&[]));
    let started = maestro_core::hook::config_hash(
        &std::fs::read(repo.path().join(".mso/workspace.json")).expect("read"),
    );
    let env = [
        ("MAESTRO_WORKSPACE", repo.path().to_str().expect("utf-8")),
        (maestro_core::hook::CONFIG_HASH_ENV, started.as_str()),
    ];
    let input = write(&repo, "src/ok.rs", "fn main() {}\n");
    let served = || {
        run(
            client(&repo, Some(service.socket()), false, "pre-tool-use"),
            &input,
            &env,
        )
    };
    assert_eq!(served().code, 0, "{}", served().transcript());
    let mut config: serde_json::Value =
        serde_json::from_str(&repo.read(".mso/workspace.json")).expect("JSON");
    config["scan"]["blockSecrets"] = false.into();
    repo.write(".mso/workspace.json", &config.to_string());
    let refused = served();
    assert_eq!(refused.code, 2);
    assert!(
        refused
            .stderr
            .contains("workspace.json changed since the run started"),
        "{}",
        refused.transcript()
    );
    service.stop();
}

#[test]
fn without_its_service_the_client_answers_in_a_hook_process_or_blocks() {
    let repo = Repo::initialised();
    let service = HookService::start(repo.command(&[]));
    let socket = service.socket().to_owned();
    service.stop();
    let input = write(&repo, "src/config.py", &format!("KEY = \"{AWS_KEY}\"\n"));
    let alone = run(repo.command(&["hook", "pre-tool-use"]), &input, &[]);
    assert_eq!(alone.code, 2);
    for socket in [Some(socket.as_path()), None] {
        let fallen_back = run(client(&repo, socket, true, "pre-tool-use"), &input, &[]);
        assert_eq!(fallen_back.transcript(), alone.transcript());
    }
    let clean = write(&repo, "src/ok.rs", "fn main() {}\n");
    let fallen_back = run(
        client(&repo, Some(&socket), true, "pre-tool-use"),
        &clean,
        &[],
    );
    assert_eq!(
        fallen_back.transcript(),
        "exit: 0\n--- stdout\n--- stderr\n"
    );
    // Told not to fall back, it blocks: a client never lets a call through unjudged.
    let blocked = run(
        client(&repo, Some(&socket), false, "pre-tool-use"),
        &clean,
        &[],
    );
    assert_eq!(blocked.code, 2);
    assert!(
        blocked.stderr.contains("did not answer"),
        "{}",
        blocked.transcript()
    );
    let unknown = run(client(&repo, None, true, "on-tool-use"), &clean, &[]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("unknown hook event"),
        "{}",
        unknown.transcript()
    );
}
