//! Commands, gates and command-agent crews under bubblewrap: their writes outside the worktree
//! fail.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use maestro_core::agent::CommandAgent;
use maestro_core::dispatch::gate;
use maestro_core::ports::{Agent, CrewRequest};
use maestro_core::{OrderId, Role};

use super::{Fixture, REFUSALS, assert_probe_contained, no_stop, probe_script, runtime};

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
