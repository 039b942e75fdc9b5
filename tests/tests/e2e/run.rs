//! `maestro run` with command crews, in real git repositories with real processes.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use maestro_tests::GitRepo;

fn run(repo: &GitRepo, args: &[&str]) -> (i32, String, String) {
    maestro_tests::outcome(&mut repo.maestro(args).expect("maestro is built"))
}

/// A workspace with voyage `v1` holding the orders of `orders_toml`.
fn workspace(orders_toml: &str, config: &serde_json::Value) -> GitRepo {
    let repo = GitRepo::with_commit().expect("fixture");
    assert_eq!(run(&repo, &["init", "-q"]).0, 0);
    if !config.is_null() {
        repo.write(".mso/workspace.json", &config.to_string())
            .expect("config");
    }
    assert_eq!(run(&repo, &["voyage", "new", "v1", "-q"]).0, 0);
    repo.write("orders.toml", orders_toml).expect("orders");
    let (code, _, stderr) = run(&repo, &["voyage", "import", "v1", "orders.toml", "-q"]);
    assert_eq!(code, 0, "{stderr}");
    repo
}

fn states(repo: &GitRepo) -> Vec<(String, String, u64)> {
    let (code, stdout, stderr) = run(repo, &["status", "v1", "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    value["orders"]
        .as_array()
        .expect("orders")
        .iter()
        .map(|o| {
            (
                o["id"].as_str().expect("id").to_owned(),
                o["state"].as_str().expect("state").to_owned(),
                o["attempts"].as_u64().expect("attempts"),
            )
        })
        .collect()
}

/// Commits `.gitignore` with `patterns` on `main` and moves the voyage branch there, so crews
/// start from it too.
fn ignore_on_voyage(repo: &GitRepo, patterns: &str) {
    repo.write(".gitignore", patterns).expect("write");
    repo.git(&["add", ".gitignore"]).expect("add");
    repo.git(&["commit", "-q", "-m", "ignore"]).expect("commit");
    repo.git(&["branch", "-f", "maestro/v1", "HEAD"])
        .expect("branch");
}

fn s(id: &str, state: &str, attempts: u64) -> (String, String, u64) {
    (id.to_owned(), state.to_owned(), attempts)
}

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
fn the_community_tier_refuses_a_scribe_before_anything_runs() {
    let orders = "[[orders]]\nid = \"docs\"\ntitle = \"Docs\"\nrole = \"scribe\"\nagent = { command = [\"true\"] }\n";
    let repo = workspace(orders, &serde_json::Value::Null);
    let (code, _, stderr) = run(&repo, &["run", "v1"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr.trim(),
        "error: voyage `v1` cannot be dispatched: order `docs` needs the scribe role, which the community tier does not allow (it allows planner, builder, tester; 1 crew at once)"
    );
    assert_eq!(states(&repo), [s("docs", "pending", 0)]);
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
fn prune_keeps_unmerged_worktrees_unless_forced_and_never_their_branches() {
    let orders = "[[orders]]\nid = \"bad\"\ntitle = \"Fails\"\nrole = \"builder\"\nagent = { command = [\"sh\", \"-c\", \"echo work > w.txt\"] }\n[[orders.accept]]\nrun = \"false\"\n";
    let repo = workspace(orders, &serde_json::json!({"crews": {"retries": 0}}));
    assert_eq!(run(&repo, &["run", "v1"]).0, 1);
    let (_, listed, _) = run(&repo, &["worktree", "list", "--json"]);
    let listed: serde_json::Value = serde_json::from_str(&listed).expect("JSON");
    assert_eq!(listed["worktrees"][0]["order"], "bad");
    assert_eq!(listed["worktrees"][0]["merged"], false);
    // The failed crew's work is kept for inspection: prune refuses it.
    let (code, stdout, _) = run(&repo, &["worktree", "prune"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("kept .mso/worktrees/v1/bad: not merged"),
        "{stdout}"
    );
    assert!(repo.path().join(".mso/worktrees/v1/bad/w.txt").exists());
    // Dirty too: still refused without --force.
    std::fs::write(repo.path().join(".mso/worktrees/v1/bad/extra.txt"), "x").expect("write");
    run(&repo, &["worktree", "prune"]);
    assert!(repo.path().join(".mso/worktrees/v1/bad").exists());
    let (code, _, _) = run(&repo, &["worktree", "prune", "--force"]);
    assert_eq!(code, 0);
    assert!(!repo.path().join(".mso/worktrees/v1/bad").exists());
    assert!(
        !repo
            .git(&["rev-parse", "maestro-crew/v1/bad"])
            .expect("the unmerged branch stays")
            .is_empty()
    );
    assert_eq!(
        repo.git(&["worktree", "list", "--porcelain"])
            .expect("list")
            .matches("worktree ")
            .count(),
        1
    );
    repo.git(&["fsck", "--no-progress"]).expect("fsck clean");
}

#[test]
fn the_demo_runs_a_whole_voyage_offline() {
    let dir = tempfile::tempdir().expect("tempdir");
    let keep = dir.path().join("demo");
    let repo = GitRepo::new().expect("fixture");
    let out = repo
        .maestro(&["demo", "--keep", keep.to_str().expect("utf-8")])
        .expect("built")
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("health: 6 merged"), "{stdout}");
    assert!(
        stdout.contains("config           gates failed: secrets; retrying"),
        "{stdout}"
    );
    assert!(stdout.contains("ok: "), "audit verified: {stdout}");
    assert!(
        stdout.contains("- `config`: 1: gates failed: secrets; 2: passed"),
        "{stdout}"
    );
    let demo = keep.join("repo");
    let show = |rev: &str| {
        std::process::Command::new("git")
            .args(["show", rev])
            .current_dir(&demo)
            .output()
            .expect("git")
    };
    let storage = show("maestro/health:src/storage.py");
    assert!(
        String::from_utf8_lossy(&storage.stdout).contains("os.environ"),
        "the fixed attempt merged"
    );
    assert!(!String::from_utf8_lossy(&storage.stdout).contains("AKIA"));
    assert!(show("maestro/health:CHANGELOG.md").status.success());
}

/// Activates a self-issued offline Pro licence (five crews, every role) in `repo`.
pub(crate) fn pro(repo: &GitRepo) {
    let keys = repo.path().join(".keys-outside-mso");
    assert_eq!(
        run(
            repo,
            &["licence", "keygen", keys.to_str().expect("utf-8"), "-q"]
        )
        .0,
        0
    );
    let (code, token, _) = run(
        repo,
        &[
            "licence",
            "issue",
            "--signing-key",
            keys.join("issuer.key").to_str().expect("utf-8"),
            "--tier",
            "pro",
            "--licensee",
            "e2e",
            "--days",
            "2",
        ],
    );
    assert_eq!(code, 0);
    let path = repo.path().join(".mso/workspace.json");
    let mut config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("config")).expect("JSON");
    config["licence"]["publicKeys"] =
        serde_json::json!([std::fs::read_to_string(keys.join("issuer.pub"))
            .expect("key")
            .trim()]);
    std::fs::write(&path, config.to_string()).expect("write");
    let (code, _, stderr) = run(repo, &["licence", "activate", token.trim(), "-q"]);
    assert_eq!(code, 0, "{stderr}");
}

fn interval(repo: &GitRepo, order: &str) -> (f64, f64) {
    let read = |what: &str| -> f64 {
        repo.git(&["show", &format!("maestro/v1:{order}-{what}")])
            .expect("merged")
            .parse()
            .expect("a time")
    };
    (read("start"), read("end"))
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn builders_run_in_parallel_under_pro_and_one_at_a_time_under_community() {
    let orders = "[[orders]]\nid = \"a\"\ntitle = \"A\"\nrole = \"builder\"\nagent = { command = [\"sh\", \"-c\", \"date +%s.%N > a-start; sleep 1; date +%s.%N > a-end\"] }\n\n\
                  [[orders]]\nid = \"b\"\ntitle = \"B\"\nrole = \"builder\"\nagent = { command = [\"sh\", \"-c\", \"date +%s.%N > b-start; sleep 1; date +%s.%N > b-end\"] }\n";
    for (paid, overlap) in [(true, true), (false, false)] {
        let repo = workspace(orders, &serde_json::Value::Null);
        if paid {
            pro(&repo);
        }
        let (code, stdout, stderr) = run(&repo, &["run", "v1"]);
        assert_eq!(code, 0, "{stdout}\n{stderr}");
        let (a, b) = (interval(&repo, "a"), interval(&repo, "b"));
        assert_eq!(a.0 < b.1 && b.0 < a.1, overlap, "pro: {paid}: {a:?} {b:?}");
    }
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

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn worktrees_are_bootstrapped_with_setup_and_copied_files() {
    let orders = "[[orders]]\nid = \"a\"\ntitle = \"A\"\nrole = \"builder\"\nagent = { command = [\"sh\", \"-c\", \"test -f .deps/installed && cat .env.local > seen.txt\"] }\n";
    let config = serde_json::json!({"worktrees": {"setup": "mkdir -p .deps && touch .deps/installed", "copy": [".env.local"]}});
    let repo = workspace(orders, &config);
    ignore_on_voyage(
        &repo,
        ".deps/\n.env.local\norders.toml\n.keys-outside-mso/\nresume\nfirst-runs\n",
    );
    repo.write(".env.local", "API_URL=http://localhost:8080\n")
        .expect("write");
    let (code, stdout, stderr) = run(&repo, &["run", "v1"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert_eq!(
        repo.git(&["show", "maestro/v1:seen.txt"]).expect("merged"),
        "API_URL=http://localhost:8080"
    );
    assert!(
        repo.git(&["show", "maestro/v1:.deps/installed"]).is_err(),
        "generated files stay out"
    );

    // A failing setup is the order's failure, with its output in the report.
    let orders = "[[orders]]\nid = \"b\"\ntitle = \"B\"\nrole = \"builder\"\nagent = { command = [\"true\"] }\n";
    let config = serde_json::json!({"worktrees": {"setup": "echo npm ERR! missing lockfile; exit 3"}, "crews": {"retries": 0}});
    let repo = workspace(orders, &config);
    assert_eq!(run(&repo, &["run", "v1"]).0, 1);
    let report = std::fs::read_to_string(repo.path().join(".mso/voyages/v1/reports/b.json"))
        .expect("report");
    assert!(
        report.contains("setup failed") && report.contains("npm ERR! missing lockfile"),
        "{report}"
    );
}

#[test]
#[cfg_attr(
    not(maestro_sandbox),
    ignore = "needs bubblewrap and socat: scripts/install-sandbox"
)]
fn a_merged_crews_worktree_is_reused_for_the_next_order_and_starts_clean() {
    // Under the community tier the crews run one after the other, so `b` gets `a`'s worktree.
    let orders = r#"
[[orders]]
id = "a"
title = "A"
role = "builder"
agent = { command = ["sh", "-c", "echo a > a.txt && mkdir -p build && echo cached > build/cache.bin && echo log > run.log"] }
[[orders.accept]]
run = "echo 'changed by a gate' >> a.txt"

[[orders]]
id = "b"
title = "B"
role = "builder"
depends_on = ["a"]
agent = { command = ["sh", "-c", "{ test -e build && echo build left; test -e run.log && echo log left; cat a.txt; cat .git; } > seen.txt"] }
"#;
    let repo = workspace(orders, &serde_json::Value::Null);
    ignore_on_voyage(&repo, "build/\n*.log\norders.toml\n");
    let (code, stdout, stderr) = run(&repo, &["run", "v1"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    let seen = repo.git(&["show", "maestro/v1:seen.txt"]).expect("merged");
    let lines: Vec<&str> = seen.lines().collect();
    assert_eq!(
        lines[0], "a",
        "b saw a's merged work, not its ignored files or the gate's uncommitted change: {seen}"
    );
    assert!(
        lines[1].starts_with("gitdir: ") && lines[1].ends_with("/worktrees/a"),
        "b worked in a's recycled worktree: {seen}"
    );
    assert_eq!(lines.len(), 2, "{seen}");
    // Nothing is left behind, and git finds everything consistent.
    let worktrees = repo
        .git(&["worktree", "list", "--porcelain"])
        .expect("list");
    assert_eq!(worktrees.matches("worktree ").count(), 1, "{worktrees}");
    assert!(!repo.path().join(".mso/worktrees/v1/a").exists());
    assert!(!repo.path().join(".mso/worktrees/v1/b").exists());
    assert_eq!(
        repo.git(&["branch", "--list", "maestro-crew/*"])
            .expect("branches"),
        "",
        "merged crew branches are deleted, the recycled one's too"
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
