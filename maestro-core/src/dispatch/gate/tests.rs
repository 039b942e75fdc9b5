use super::*;

fn changed(paths: &[&str]) -> Vec<ChangedFile> {
    paths
        .iter()
        .map(|p| ChangedFile {
            path: (*p).to_owned(),
            added: 1,
            removed: 0,
            deleted: false,
        })
        .collect()
}

fn order(scope: Option<&[&str]>) -> OrderSpec {
    let mut value = serde_json::json!({"id": "a", "title": "A", "role": "builder"});
    if let Some(scope) = scope {
        value["scope"] = serde_json::json!(scope);
    }
    serde_json::from_value(value).expect("valid")
}

fn finding(secret: bool, high: bool, severity: Option<Severity>) -> ScanFinding {
    ScanFinding {
        rule_id: "r".into(),
        secret,
        high_confidence: high,
        severity,
        cwe: (!secret).then_some(328),
        path: "src/a.py".into(),
        line: 3,
        redacted: "AKIA…(20)".into(),
        fingerprint: "f".into(),
        message: "m".into(),
        inline_allow_refused: false,
    }
}

#[test]
fn scope_gate() {
    assert!(scope(&order(None), &changed(&["anything"])).passed);
    let o = order(Some(&["src/**", "Cargo.toml"]));
    assert!(scope(&o, &changed(&["src/a/b.rs", "Cargo.toml"])).passed);
    let result = scope(&o, &changed(&["src/a.rs", "docs/x.md", ".github/ci.yml"]));
    assert!(!result.passed);
    assert!(
        result.output.ends_with("docs/x.md, .github/ci.yml"),
        "{}",
        result.output
    );
}

#[test]
fn scan_gates() {
    assert!(
        secrets(&[finding(true, false, None)], 0).passed,
        "low confidence does not block"
    );
    assert!(!secrets(&[finding(true, true, None)], 0).passed);
    assert!(secrets(&[finding(false, false, Some(Severity::Critical))], 0).passed);
    assert!(secrets(&[], 2).output.contains("2 finding(s) suppressed"));
    let refused = refused(&["a.txt:1: aws-access-key-id AKIA…".to_owned()]);
    assert!(!refused.passed && refused.output.contains("nothing was committed"));
    assert!(
        scan_clean(
            &[finding(false, false, Some(Severity::Medium))],
            Severity::High
        )
        .passed
    );
    assert!(
        !scan_clean(
            &[finding(false, false, Some(Severity::High))],
            Severity::High
        )
        .passed
    );
    let low_secret = scan_clean(&[finding(true, false, None)], Severity::Critical);
    assert!(!low_secret.passed);
    assert!(
        low_secret.output.contains("src/a.py:3: r"),
        "{}",
        low_secret.output
    );
    assert!(
        !low_secret.output.contains("AKIAIOSFODNN7"),
        "redacted only"
    );
}

#[tokio::test]
async fn command_and_path_gates() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("here.txt"), "x").expect("write");
    assert!(path_exists(dir.path(), "here.txt").passed);
    assert!(!path_exists(dir.path(), "missing.txt").passed);
    let (_tx, stop) = watch::channel(false);
    let ok = run_command(
        dir.path(),
        "test -f here.txt",
        Duration::from_secs(10),
        &[],
        None,
        None,
        stop.clone(),
    )
    .await;
    assert!(ok.passed, "{ok:?}");
    let failed = run_command(
        dir.path(),
        "echo nope; exit 4",
        Duration::from_secs(10),
        &[],
        None,
        Some(Redactor::new(|t: &str| {
            t.contains("nope").then(|| t.replace("nope", "[REDACTED]"))
        })),
        stop.clone(),
    )
    .await;
    assert!(!failed.passed);
    // What a gate prints reaches reports and feedback only through the redactor.
    assert_eq!(failed.output, "exited with status 4\n[REDACTED]");
    let slow = run_command(
        dir.path(),
        "sleep 30",
        Duration::from_millis(300),
        &[],
        None,
        None,
        stop,
    )
    .await;
    assert!(!slow.passed && slow.output.starts_with("timed out"));
}

/// A crew-written script that a `run` gate executes cannot write outside the worktree.
#[tokio::test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
async fn a_sandboxed_gate_runs_crew_code_confined() {
    use crate::sandbox::testing::Layout;
    let layout = Layout::new();
    std::fs::write(
        layout.worktree.join("t.sh"),
        "echo ok > result.txt\n\
         echo x > ../../../workspace.json\n\
         echo x > ../../../../.git/refs/heads/evil\n\
         cat ../../../workspace.json\n\
         exit 0\n",
    )
    .expect("script");
    let (_tx, stop) = watch::channel(false);
    let result = run_command(
        &layout.worktree,
        "sh t.sh",
        Duration::from_secs(30),
        &[],
        Some(&layout.sandbox),
        None,
        stop,
    )
    .await;
    assert!(result.passed, "{result:?}");
    assert_eq!(
        std::fs::read_to_string(layout.worktree.join("result.txt")).expect("written"),
        "ok\n"
    );
    assert_eq!(
        result.output.matches("Read-only file system").count(),
        2,
        "{}",
        result.output
    );
    assert!(result.output.contains("No such file"), "{}", result.output);
    assert_eq!(
        std::fs::read_to_string(layout.at(".mso/workspace.json")).expect("kept"),
        "{}"
    );
    assert!(!layout.at(".git/refs/heads/evil").exists());
}

/// A sandboxed gate past its timeout is stopped with everything it started, even a process
/// that left its process group.
#[tokio::test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
async fn a_sandboxed_gate_is_stopped_without_orphans() {
    use crate::sandbox::testing::{Layout, running};
    let layout = Layout::new();
    let (_tx, stop) = watch::channel(false);
    let watcher = async {
        for _ in 0..500 {
            if running("1000.6161") && running("1000.6162") {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        false
    };
    // Without the sandbox the escaped child would keep the gate's output open, and the gate
    // would not even end.
    let gate = tokio::time::timeout(
        Duration::from_secs(60),
        run_command(
            &layout.worktree,
            "setsid sleep 1000.6161 & sleep 1000.6162",
            Duration::from_secs(5),
            &[],
            Some(&layout.sandbox),
            None,
            stop,
        ),
    );
    let (result, started) = tokio::join!(gate, watcher);
    let result = result.expect("the gate ended: no process outlived it");
    assert!(started, "the sleeps never ran: {result:?}");
    assert!(
        !result.passed && result.output.starts_with("timed out"),
        "{result:?}"
    );
    let mut left = true;
    for _ in 0..250 {
        left = running("1000.6161") || running("1000.6162");
        if !left {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(!left, "a process of the gate outlived it");
}
