use super::*;

fn sh(script: &str, dir: &std::path::Path) -> Supervised {
    Supervised {
        program: "sh".into(),
        args: vec!["-c".into(), script.into()],
        cwd: dir.to_owned(),
        env: vec![("GREETING".into(), "hello".into())],
        stdin: None,
        timeout: Duration::from_secs(20),
        grace: Duration::from_millis(300),
        log: None,
        redact: None,
        raw_stdout: false,
        pid_file: None,
    }
}

fn no_stop() -> watch::Receiver<bool> {
    let (tx, rx) = watch::channel(false);
    // Keep the sender alive for the whole test run: a dropped sender must not read as a stop.
    std::mem::forget(tx);
    rx
}

/// Waits up to a second for `pid` to be gone (signals are delivered asynchronously).
async fn gone(pid: i32) -> bool {
    for _ in 0..50 {
        if !alive(pid) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

fn alive(pid: i32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
        && !std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .is_ok_and(|s| s.split_whitespace().nth(2) == Some("Z"))
}

#[tokio::test]
async fn output_exit_code_stdin_and_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut spec = sh("cat; echo \"$GREETING\"; echo oops >&2; exit 3", dir.path());
    spec.stdin = Some(b"the prompt\n".to_vec());
    spec.log = Some(dir.path().join("crew.jsonl"));
    let (tx, mut rx) = mpsc::unbounded_channel();
    let exit = run(spec, no_stop(), Some(tx)).await.expect("ran");
    assert_eq!(exit.code, Some(3));
    assert!(!exit.success());
    assert!(
        exit.tail.contains("the prompt")
            && exit.tail.contains("hello")
            && exit.tail.contains("oops")
    );
    let mut stdout = Vec::new();
    while let Ok(line) = rx.try_recv() {
        stdout.push(line);
    }
    assert_eq!(stdout, ["the prompt", "hello"]);
    let log = std::fs::read_to_string(dir.path().join("crew.jsonl")).expect("log");
    let entries: Vec<serde_json::Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(entries.len(), 3);
    assert!(entries.contains(&serde_json::json!({"stream": "stderr", "line": "oops"})));
}

#[tokio::test]
async fn redaction_reaches_log_tail_and_reader_and_keeps_json_valid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let script = r#"echo 'plain hunter2 text'; echo '{"a":["x hunter2 y",{"hunter2":1}],"n":2}'; echo '{"kept":"as is"}'"#;
    let mut spec = sh(script, dir.path());
    spec.log = Some(dir.path().join("crew.jsonl"));
    spec.raw_stdout = true;
    spec.redact = Some(Redactor::new(|t: &str| {
        t.contains("hunter2").then(|| t.replace("hunter2", "[R]"))
    }));
    let (tx, mut rx) = mpsc::unbounded_channel();
    let exit = run(spec, no_stop(), Some(tx)).await.expect("ran");
    assert!(!exit.tail.contains("hunter2"), "{}", exit.tail);
    let mut seen = Vec::new();
    while let Ok(line) = rx.try_recv() {
        seen.push(line);
    }
    assert_eq!(
        seen,
        [
            "plain [R] text",
            r#"{"a":["x [R] y",{"[R]":1}],"n":2}"#,
            r#"{"kept":"as is"}"#
        ]
    );
    let log = std::fs::read_to_string(dir.path().join("crew.jsonl")).expect("log");
    assert!(!log.contains("hunter2"), "{log}");
    for line in log.lines().skip(1) {
        serde_json::from_str::<serde_json::Value>(line).expect("still JSON");
    }
}

#[tokio::test]
async fn a_timeout_stops_the_whole_group() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut spec = sh("sleep 60 & echo $! > bg.pid; sleep 60", dir.path());
    spec.timeout = Duration::from_millis(500);
    let exit = run(spec, no_stop(), None).await.expect("ran");
    assert!(exit.timed_out && !exit.success());
    let bg = read_pid(dir.path(), "bg.pid");
    assert!(gone(bg).await, "background process {bg} survived");
}

#[tokio::test]
async fn sigterm_ignored_means_sigkill_after_the_grace() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut spec = sh(
        "trap '' TERM; echo $$ > self.pid; while true; do sleep 0.1; done",
        dir.path(),
    );
    spec.timeout = Duration::from_millis(400);
    let exit = run(spec, no_stop(), None).await.expect("ran");
    assert!(exit.timed_out);
    assert_eq!(exit.code, None, "killed by a signal");
    let pid = read_pid(dir.path(), "self.pid");
    assert!(gone(pid).await);
}

#[tokio::test]
async fn no_orphan_survives_a_normal_exit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = sh(
        "(sleep 60 >/dev/null 2>&1 & echo $! > bg.pid); exit 0",
        dir.path(),
    );
    let exit = run(spec, no_stop(), None).await.expect("ran");
    assert!(exit.success());
    let bg = read_pid(dir.path(), "bg.pid");
    assert!(gone(bg).await, "background process {bg} survived");
}

#[tokio::test]
async fn stop_interrupts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (tx, rx) = watch::channel(false);
    let handle = tokio::spawn(run(sh("sleep 60", dir.path()), rx, None));
    tokio::time::sleep(Duration::from_millis(200)).await;
    tx.send(true).expect("receiver alive");
    let exit = handle.await.expect("joined").expect("ran");
    assert!(exit.interrupted && !exit.timed_out && !exit.success());
}

#[tokio::test]
async fn a_missing_program_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut spec = sh("", dir.path());
    spec.program = "/nonexistent/agent".into();
    let err = run(spec, no_stop(), None).await.expect_err("cannot start");
    assert!(
        err.to_string().contains("cannot start /nonexistent/agent"),
        "{err}"
    );
}

/// The process id a test's script wrote into `file` under `dir`.
fn read_pid(dir: &std::path::Path, file: &str) -> i32 {
    std::fs::read_to_string(dir.join(file))
        .expect("pid file")
        .trim()
        .parse()
        .expect("pid")
}
