//! A stopped or killed dispatcher: no orphan crew, and the next run resumes without redoing work.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{pro, run, s, states, workspace};

fn wait_for(what: &str, timeout: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < timeout, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn ctrl_c_stops_crews_without_orphans_and_run_resumes() {
    let marker = format!("maestro-e2e-sleep-{}", std::process::id());
    let orders = format!(
        "[[orders]]\nid = \"slow\"\ntitle = \"Slow\"\nrole = \"builder\"\nagent = {{ command = [\"sh\", \"-c\", \"if [ -f $HOME/resume ]; then echo done > s.txt; else sh -c ': {marker} background; sleep 300' & : {marker}; sleep 300; fi\"] }}\n"
    );
    let repo = workspace(&orders, &serde_json::Value::Null);
    let mut child = repo
        .maestro(&["run", "v1"])
        .expect("built")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("started");
    // The crew and the process it started in the background.
    wait_for("the crew to start", Duration::from_secs(20), || {
        maestro_tests::survivors(&marker).len() >= 2
    });
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let exit = child.wait().expect("maestro exits");
    assert_eq!(exit.code(), Some(1));
    wait_for("no orphan", Duration::from_secs(10), || {
        maestro_tests::survivors(&marker).is_empty()
    });
    assert_eq!(states(&repo), [s("slow", "interrupted", 1)]);

    std::fs::write(repo.path().join("resume"), "").expect("flag");
    let (code, stdout, stderr) = run(&repo, &["run", "v1"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert_eq!(states(&repo), [s("slow", "merged", 2)]);
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_sandboxed_crew_dies_with_a_killed_dispatcher() {
    let marker = format!("maestro-e2e-sandbox-kill-{}", std::process::id());
    let orders = format!(
        "[[orders]]\nid = \"slow\"\ntitle = \"Slow\"\nrole = \"builder\"\nagent = {{ command = [\"sh\", \"-c\", \": {marker}; sleep 300 & touch started; sleep 300\"] }}\n"
    );
    let repo = workspace(&orders, &serde_json::Value::Null);
    let mut child = repo
        .maestro(&["run", "v1"])
        .expect("built")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("started");
    // The crew's own command is running (so bwrap has set itself up to die with its parent:
    // a kill before that instant is the next run's to clean up, from the crew's pid file).
    let started = repo.path().join(".mso/worktrees/v1/slow/started");
    wait_for("the crew", Duration::from_secs(20), || started.exists());
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    // bwrap dies with its parent, and its process namespace with it: nothing is left running.
    wait_for("no crew process left", Duration::from_secs(10), || {
        maestro_tests::survivors(&marker).is_empty()
    });
}

#[test]
fn a_killed_dispatcher_resumes_without_running_an_order_twice() {
    let marker = format!("maestro-e2e-kill-{}", std::process::id());
    let orders = format!(
        "[[orders]]\nid = \"first\"\ntitle = \"Quick\"\nrole = \"builder\"\nagent = {{ command = [\"sh\", \"-c\", \"echo 1 >> $HOME/first-runs; echo one > one.txt\"] }}\n\n\
         [[orders]]\nid = \"second\"\ntitle = \"Slow\"\nrole = \"builder\"\ndepends_on = [\"first\"]\nagent = {{ command = [\"sh\", \"-c\", \"if [ -f $HOME/resume ]; then echo two > two.txt; else : {marker}; sleep 300; fi\"] }}\n"
    );
    // Unsandboxed, a crew outlives a SIGKILLed dispatcher (it is in a process group of its
    // own), which is what the next run must deal with; sandboxed, it dies with it (see
    // `a_sandboxed_crew_dies_with_a_killed_dispatcher`).
    let repo = workspace(&orders, &serde_json::json!({"crews": {"sandbox": "off"}}));
    let mut child = repo
        .maestro(&["run", "v1"])
        .expect("built")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("started");
    wait_for("the second crew", Duration::from_secs(20), || {
        !maestro_tests::survivors(&marker).is_empty()
    });
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    assert_eq!(
        states(&repo),
        [s("first", "merged", 1), s("second", "running", 1)]
    );
    assert!(
        !maestro_tests::survivors(&marker).is_empty(),
        "the crew outlives a SIGKILLed dispatcher"
    );

    std::fs::write(repo.path().join("resume"), "").expect("flag");
    let (code, stdout, stderr) = run(&repo, &["run", "v1"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(
        maestro_tests::survivors(&marker).is_empty(),
        "the leftover crew was stopped"
    );
    assert_eq!(
        states(&repo),
        [s("first", "merged", 1), s("second", "merged", 2)]
    );
    let runs = std::fs::read_to_string(repo.path().join("first-runs")).expect("runs");
    assert_eq!(
        runs.lines().count(),
        1,
        "the merged order did not run again"
    );
    assert_eq!(
        repo.git(&["show", "maestro/v1:two.txt"]).expect("merged"),
        "two"
    );
    repo.git(&["fsck", "--no-progress"]).expect("fsck clean");
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_killed_dispatchers_spare_worktree_is_taken_over_by_the_next_run() {
    let marker = format!("maestro-e2e-spare-{}", std::process::id());
    let orders = format!(
        "[[orders]]\nid = \"quick\"\ntitle = \"Quick\"\nrole = \"builder\"\nagent = {{ command = [\"sh\", \"-c\", \"echo q > q.txt\"] }}\n\n\
         [[orders]]\nid = \"slow\"\ntitle = \"Slow\"\nrole = \"builder\"\nagent = {{ command = [\"sh\", \"-c\", \"if [ -f $HOME/resume ]; then echo s > s.txt; else : {marker}; sleep 300; fi\"] }}\n"
    );
    let repo = workspace(&orders, &serde_json::Value::Null);
    pro(&repo);
    let mut child = repo
        .maestro(&["run", "v1"])
        .expect("built")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("started");
    wait_for(
        "quick merged while slow runs",
        Duration::from_secs(20),
        || !maestro_tests::survivors(&marker).is_empty() && states(&repo)[0].1 == "merged",
    );
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    let spare = repo.path().join(".mso/worktrees/v1/quick");
    assert!(
        spare.exists(),
        "the merged order's worktree was kept as a spare"
    );

    std::fs::write(repo.path().join("resume"), "").expect("flag");
    let (code, stdout, stderr) = run(&repo, &["run", "v1"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert_eq!(
        states(&repo),
        [s("quick", "merged", 1), s("slow", "merged", 2)]
    );
    // The spare served the retried crew or was removed: nothing stale is left.
    assert!(!spare.exists());
    let worktrees = repo
        .git(&["worktree", "list", "--porcelain"])
        .expect("list");
    assert_eq!(worktrees.matches("worktree ").count(), 1, "{worktrees}");
    assert_eq!(
        repo.git(&["branch", "--list", "maestro-crew/*"])
            .expect("branches"),
        ""
    );
    repo.git(&["fsck", "--no-progress"]).expect("fsck clean");
}
