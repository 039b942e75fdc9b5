//! Orders merging in dependency order, gates that retry, block or catch a scope violation,
//! conflicts and timeouts.

use std::time::{Duration, Instant};

use super::{pro, run, s, states, workspace};

const CHAIN: &str = r#"
[[orders]]
id = "api"
title = "Write the API"
role = "builder"
scope = ["src/**"]
agent = { command = ["sh", "-c", "mkdir -p src && echo 'fn api() {}' > src/api.rs"] }

[[orders]]
id = "tests"
title = "Test the API"
role = "tester"
depends_on = ["api"]
agent = { command = ["sh", "-c", "mkdir -p tests && grep -c api src/api.rs > tests/count.txt"] }
[[orders.accept]]
run = "test \"$(cat tests/count.txt)\" = 1"
[[orders.accept]]
path_exists = "tests/count.txt"
"#;

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn orders_merge_into_the_voyage_branch_in_dependency_order() {
    let repo = workspace(CHAIN, &serde_json::Value::Null);
    let (code, stdout, stderr) = run(&repo, &["run", "v1"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(
        stdout.contains("running voyage v1 with up to 1 crew at once"),
        "{stdout}"
    );
    assert_eq!(
        states(&repo),
        [s("api", "merged", 1), s("tests", "merged", 1)]
    );
    // git agrees: both crews' work is on the voyage branch, the user's branch is untouched,
    // the repository is consistent and no crew worktree is left behind.
    assert_eq!(
        repo.git(&["show", "maestro/v1:tests/count.txt"])
            .expect("merged"),
        "1"
    );
    assert_eq!(
        repo.git(&["show", "maestro/v1:src/api.rs"])
            .expect("merged"),
        "fn api() {}"
    );
    assert_eq!(
        repo.git(&["log", "--format=%s", "maestro/v1"])
            .expect("log"),
        "tests: Test the API\napi: Write the API\nfirst"
    );
    assert_eq!(
        repo.git(&["log", "--format=%an", "-1", "maestro/v1"])
            .expect("log"),
        "maestro tester"
    );
    assert_eq!(
        repo.git(&["rev-parse", "main"]).expect("main"),
        repo.git(&["rev-parse", "HEAD"]).expect("head")
    );
    repo.git(&["fsck", "--no-progress"]).expect("fsck clean");
    let worktrees = repo
        .git(&["worktree", "list", "--porcelain"])
        .expect("list");
    assert_eq!(worktrees.matches("worktree ").count(), 1, "{worktrees}");
    assert_eq!(
        repo.git(&["branch", "--list", "maestro-crew/*"])
            .expect("branches"),
        "",
        "merged crew branches are deleted"
    );
    // Reports and the audit log record it.
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo.path().join(".mso/voyages/v1/reports/tests.json"))
            .expect("report"),
    )
    .expect("JSON");
    let gates: Vec<&str> = report["attempts"][0]["gates"]
        .as_array()
        .expect("gates")
        .iter()
        .map(|g| g["name"].as_str().expect("name"))
        .collect();
    assert_eq!(
        gates,
        [
            "scope",
            "secrets",
            "run: test \"$(cat tests/count.txt)\" = 1",
            "path exists: tests/count.txt"
        ]
    );
    let audit = std::fs::read_to_string(repo.path().join(".mso/audit.log")).expect("audit log");
    for action in ["order.dispatch", "order.finish", "gate.pass", "merge"] {
        assert!(
            audit.contains(&format!("\"action\":\"{action}\"")),
            "{action}"
        );
    }
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_failing_gate_is_retried_then_blocks_its_dependents() {
    let orders = r#"
[[orders]]
id = "flaky"
title = "Needs two tries"
role = "builder"
agent = { command = ["sh", "-c", "if grep -q 'Feedback from your previous attempt' ; then echo ok > done.txt; else echo first > try.txt; fi"] }
[[orders.accept]]
path_exists = "done.txt"

[[orders]]
id = "broken"
title = "Never passes"
role = "builder"
agent = { command = ["sh", "-c", "echo nope > x.txt"] }
[[orders.accept]]
run = "echo 'x.txt must say yes'; exit 1"

[[orders]]
id = "after"
title = "Depends on broken"
role = "tester"
depends_on = ["broken"]
agent = { command = ["true"] }
"#;
    let repo = workspace(orders, &serde_json::Value::Null);
    let (code, stdout, stderr) = run(&repo, &["run", "v1"]);
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    assert_eq!(
        states(&repo),
        [
            s("flaky", "merged", 2),
            s("broken", "failed", 2),
            s("after", "blocked", 0)
        ]
    );
    assert!(
        stdout.contains("1 merged, 1 failed (broken), 1 blocked (after)"),
        "{stdout}"
    );
    let report = std::fs::read_to_string(repo.path().join(".mso/voyages/v1/reports/broken.json"))
        .expect("report");
    assert!(
        report.contains("x.txt must say yes"),
        "gate output in the report"
    );
    repo.git(&["fsck", "--no-progress"]).expect("fsck clean");
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_scope_violation_fails_the_gate() {
    let orders = "[[orders]]\nid = \"a\"\ntitle = \"A\"\nrole = \"builder\"\nscope = [\"src/**\"]\nagent = { command = [\"sh\", \"-c\", \"mkdir -p src && touch src/ok.rs README.md.bak\"] }\n";
    let mut config = serde_json::json!({"crews": {"retries": 0}});
    config["version"] = 1.into();
    let repo = workspace(orders, &config);
    let (code, _, _) = run(&repo, &["run", "v1"]);
    assert_eq!(code, 1);
    assert_eq!(states(&repo), [s("a", "failed", 1)]);
    let report = std::fs::read_to_string(repo.path().join(".mso/voyages/v1/reports/a.json"))
        .expect("report");
    assert!(
        report.contains("changed outside the scope src/**: README.md.bak"),
        "{report}"
    );
    assert!(
        repo.git(&["show", "maestro/v1:src/ok.rs"]).is_err(),
        "not merged"
    );
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_conflict_is_redispatched_on_the_new_voyage_head() {
    // Both builders write shared.txt; the slower one conflicts, is re-dispatched on top of the
    // first's work and, told about the conflict, appends instead.
    let orders = "[[orders]]\nid = \"first\"\ntitle = \"First\"\nrole = \"builder\"\nagent = { command = [\"sh\", \"-c\", \"echo first > shared.txt\"] }\n\n\
                  [[orders]]\nid = \"second\"\ntitle = \"Second\"\nrole = \"builder\"\nagent = { command = [\"sh\", \"-c\", \"if grep -q conflicted; then echo second >> shared.txt; else sleep 1; echo second > shared.txt; fi\"] }\n";
    let repo = workspace(orders, &serde_json::Value::Null);
    pro(&repo);
    let (code, stdout, stderr) = run(&repo, &["run", "v1"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert_eq!(
        states(&repo),
        [s("first", "merged", 1), s("second", "merged", 2)]
    );
    assert_eq!(
        repo.git(&["show", "maestro/v1:shared.txt"])
            .expect("merged"),
        "first\nsecond"
    );
    assert!(stdout.contains("conflict in shared.txt"), "{stdout}");
    let audit = std::fs::read_to_string(repo.path().join(".mso/audit.log")).expect("audit");
    assert!(audit.contains("\"action\":\"order.conflict\""));
    repo.git(&["fsck", "--no-progress"]).expect("fsck clean");
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_crew_past_its_timeout_is_stopped_and_fails() {
    let orders = "[[orders]]\nid = \"slow\"\ntitle = \"Slow\"\nrole = \"builder\"\nagent = { command = [\"sh\", \"-c\", \"echo started; sleep 60\"] }\n";
    let repo = workspace(
        orders,
        &serde_json::json!({"crews": {"timeoutSecs": 1, "retries": 0}}),
    );
    let started = Instant::now();
    let (code, _, _) = run(&repo, &["run", "v1"]);
    assert_eq!(code, 1);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "stopped, not waited for"
    );
    assert_eq!(states(&repo), [s("slow", "failed", 1)]);
    let report = std::fs::read_to_string(repo.path().join(".mso/voyages/v1/reports/slow.json"))
        .expect("report");
    assert!(report.contains("timed out after 1s"), "{report}");
}
