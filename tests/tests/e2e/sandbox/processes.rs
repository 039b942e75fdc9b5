//! A stopped sandbox takes every process it started with it, even one that left its process
//! group.

use std::time::Duration;

use maestro_core::agent::{ClaudeAgent, ClaudeOptions};
use maestro_core::dispatch::gate;
use maestro_core::ports::{Agent, CrewRequest};
use maestro_core::{OrderId, Role};
use maestro_tests::model_fake::{ModelServer, Scenario, Turn};
use serde_json::json;
use tokio::sync::watch;

use super::{Fixture, eventually, running, runtime};
use crate::claude::SESSION_LIMIT;
use crate::claude::claude_bin;

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
