//! `maestro crew-exec` as a job runs it, against a real control channel on loopback: it fetches
//! its work and base, runs the crew, and hands back the crew's commit in a bundle the
//! coordinator's repository receives; the token reaches neither the crew's environment nor
//! its files.

use std::io::Write as _;
use std::net::{Ipv4Addr, SocketAddr};
use std::process::Stdio;
use std::time::Duration;

use maestro_cli::control::server::{AttemptSpec, ControlServer, Limits};
use maestro_cli::control::wire::{JobEvent, WorkOrder};
use maestro_core::WorkspaceConfig;
use maestro_core::config::SandboxMode;
use maestro_tests::GitRepo;

/// `maestro crew-exec` as a job script runs it (node `node-a`, the token on its stdin, its
/// temporary files under `dir`): its exit code and stderr.
async fn crew_exec(
    server: &ControlServer,
    token: &str,
    dir: &std::path::Path,
) -> (Option<i32>, String) {
    let certificate = dir.join("channel.pem");
    std::fs::write(&certificate, server.certificate_pem()).expect("pem");
    let home = dir.join("home");
    std::fs::create_dir_all(&home).expect("home");
    let (url, token) = (server.url().to_owned(), token.to_owned());
    tokio::task::spawn_blocking(move || {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_maestro"))
            .args(["crew-exec", "--channel", &url, "--certificate"])
            .arg(&certificate)
            .args(["--node", "node-a"])
            .env("HOME", &home)
            .env("TMPDIR", &home)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("maestro crew-exec");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(format!("{token}\n").as_bytes())
            .expect("token");
        let out = child.wait_with_output().expect("exit");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    })
    .await
    .expect("job")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_runs_its_crew_and_hands_back_the_commit() {
    let repo = GitRepo::with_commit().expect("repo");
    let base = repo
        .git(&["rev-parse", "HEAD"])
        .expect("base")
        .trim()
        .to_owned();
    let dir = tempfile::tempdir().expect("dir");
    let base_bundle = dir.path().join("base.bundle");
    maestro_git::bundle::create(repo.path(), &base, None, &base_bundle).expect("bundle");
    let mut config = WorkspaceConfig::default();
    config.crews.sandbox = SandboxMode::Off;
    let server = ControlServer::start(
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        "127.0.0.1",
        Limits::default(),
    )
    .expect("server");
    let result_bundle = dir.path().join("result.bundle");
    let mut handle = server
        .register(AttemptSpec {
            work: WorkOrder {
                voyage: "v1".into(),
                order: "api".into(),
                role: "builder".into(),
                attempt: 1,
                base: base.clone(),
                prompt: "write made.txt".into(),
                command: Some(vec![
                    "sh".into(),
                    "-c".into(),
                    "echo made > made.txt; git add made.txt; git -c user.name=crew -c user.email=crew@x commit -qm 'the crew commits itself'; env > env.txt; printf %s \"$MAESTRO_PROMPT\" > prompt.txt; rm README.md".into(),
                ]),
                env: vec![
                    ("MAESTRO_ORDER".into(), "api".into()),
                    ("MAESTRO_WORKSPACE".into(), "/the/coordinator/repo".into()),
                    ("MAESTRO_WORKTREE".into(), "/the/coordinator/repo/.mso/worktrees/v1/api".into()),
                ],
                timeout_secs: 60,
                session_id: None,
                workspace_json: config.to_pretty_json(),
                heartbeat_secs: 1,
            },
            base_bundle,
            result_bundle: result_bundle.clone(),
            secret: None,
            lifetime: Duration::from_secs(120),
        })
        .expect("register");
    let (code, stderr) = crew_exec(&server, handle.token(), dir.path()).await;
    assert_eq!(code, Some(0), "{stderr}");
    let result = (&mut handle.result).await.expect("result");
    assert!(result.success);
    let commit = result.commit.expect("the crew changed files");

    // The coordinator's repository receives the crew's commit, on top of the base, with
    // nothing else moved.
    maestro_git::bundle::receive(repo.path(), &result_bundle, &commit).expect("received");
    let show = |path: &str| {
        repo.git(&["show", &format!("{commit}:{path}")])
            .expect("show")
    };
    assert_eq!(show("made.txt").trim(), "made");
    assert_eq!(show("prompt.txt"), "write made.txt");
    assert!(
        repo.git(&["show", &format!("{commit}:README.md")]).is_err(),
        "a deletion travels too"
    );
    assert_eq!(
        repo.git(&["rev-parse", &format!("{commit}^")])
            .expect("parent")
            .trim(),
        base
    );
    assert_eq!(repo.git(&["rev-parse", "HEAD"]).expect("head").trim(), base);
    let env = show("env.txt");
    assert!(env.contains("MAESTRO_ORDER=api"), "{env}");
    assert!(
        !env.contains(handle.token()),
        "the crew saw the channel's token"
    );
    assert!(
        !env.contains("/the/coordinator/repo"),
        "the coordinator's paths reach the crew: {env}"
    );
    assert!(env.contains("MAESTRO_WORKTREE=/"), "{env}");

    let mut events = Vec::new();
    while let Ok(event) = handle.events.try_recv() {
        events.push(event);
    }
    assert_eq!(
        events.first(),
        Some(&JobEvent::Started {
            node: "node-a".into()
        })
    );
}

/// What a job cannot run reaches the coordinator as the attempt's failure, with the reason —
/// not as silence that would look like a lost node.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_work_order_the_node_cannot_run_fails_with_its_reason() {
    let repo = GitRepo::with_commit().expect("repo");
    let base = repo
        .git(&["rev-parse", "HEAD"])
        .expect("base")
        .trim()
        .to_owned();
    let dir = tempfile::tempdir().expect("dir");
    let base_bundle = dir.path().join("base.bundle");
    maestro_git::bundle::create(repo.path(), &base, None, &base_bundle).expect("bundle");
    // A workspace.json the node cannot read.
    let server = ControlServer::start(
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        "127.0.0.1",
        Limits::default(),
    )
    .expect("server");
    let mut handle = server
        .register(AttemptSpec {
            work: WorkOrder {
                voyage: "v1".into(),
                order: "api".into(),
                role: "builder".into(),
                attempt: 1,
                base,
                prompt: "p".into(),
                command: None,
                env: Vec::new(),
                timeout_secs: 60,
                session_id: None,
                workspace_json: "{ not json".into(),
                heartbeat_secs: 1,
            },
            base_bundle,
            result_bundle: dir.path().join("result.bundle"),
            secret: None,
            lifetime: Duration::from_secs(120),
        })
        .expect("register");
    let (code, _) = crew_exec(&server, handle.token(), dir.path()).await;
    assert_eq!(code, Some(1), "the crew failed");
    let result = (&mut handle.result).await.expect("result");
    assert!(!result.success);
    assert!(
        result
            .error
            .as_deref()
            .is_some_and(|e| e.contains("its workspace.json does not parse")),
        "{result:?}"
    );
}
