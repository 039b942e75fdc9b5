//! Fix and rerun: `maestro order retry|edit|remove`, `voyage import --replace`, `voyage remove`,
//! and what `run` (and `run --dry-run`) does with failed and blocked orders. Real crews (command
//! agents, unsandboxed: these tests do not need bubblewrap), real git.

use crate::snapshot;
use crate::support::Repo;

/// `api` writes api.txt but its gate wants fixed.txt, which nothing writes; `docs` needs `api`.
const FAILING: &str = r#"
[[orders]]
id = "api"
title = "Write the API"
role = "builder"
agent = { command = ["sh", "-c", "echo api > api.txt"] }
[[orders.accept]]
run = "test -f fixed.txt"

[[orders]]
id = "docs"
title = "Document the API"
role = "tester"
depends_on = ["api"]
agent = { command = ["sh", "-c", "cat api.txt > docs.txt"] }
"#;

/// A workspace whose crews run unsandboxed with one attempt per order, and voyage `v1` holding
/// `orders`.
pub fn voyage_of(orders: &str) -> Repo {
    let repo = Repo::initialised();
    let mut config: serde_json::Value =
        serde_json::from_str(&repo.read(".mso/workspace.json")).expect("JSON");
    config["crews"]["sandbox"] = "off".into();
    config["crews"]["retries"] = 0.into();
    config["agent"]["kind"] = "command".into();
    config["agent"]["program"] = "true".into();
    repo.write(
        ".mso/workspace.json",
        &serde_json::to_string_pretty(&config).expect("JSON"),
    );
    repo.maestro(&["voyage", "new", "v1"]).ok();
    repo.write("orders.toml", orders);
    repo.maestro(&["voyage", "import", "v1", "orders.toml"])
        .ok();
    repo
}

/// Each order's id, state and attempts, from `status --json`.
pub fn states(repo: &Repo) -> Vec<(String, String, u64)> {
    let run = repo.maestro(&["status", "v1", "--json"]);
    let value: serde_json::Value = serde_json::from_str(run.ok()).expect("JSON");
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

pub fn s(id: &str, state: &str, attempts: u64) -> (String, String, u64) {
    (id.to_owned(), state.to_owned(), attempts)
}

/// `v1` run once: `api` failed, `docs` blocked.
fn failed_voyage() -> Repo {
    let repo = voyage_of(FAILING);
    let run = repo.maestro(&["run", "v1"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert_eq!(
        states(&repo),
        [s("api", "failed", 1), s("docs", "blocked", 0)]
    );
    repo
}

/// The audit log's actions with their subjects.
fn audited(repo: &Repo) -> Vec<(String, String)> {
    repo.read(".mso/audit.log")
        .lines()
        .map(|line| {
            let entry: serde_json::Value = serde_json::from_str(line).expect("JSON");
            (
                entry["action"].as_str().expect("action").to_owned(),
                entry["subject"].as_str().expect("subject").to_owned(),
            )
        })
        .collect()
}

fn assert_git_is_sound(repo: &Repo) {
    repo.git(&["fsck", "--no-progress", "--strict"]);
    repo.git(&["worktree", "list"]);
    repo.git(&["gc", "--prune=now", "--quiet"]);
}

#[test]
fn a_failed_voyage_becomes_merged_once_the_cause_is_fixed_and_its_order_retried() {
    let repo = failed_voyage();

    // Running it again does nothing, and says so in one line.
    let before = repo.state();
    let again = repo.maestro(&["run", "v1"]);
    snapshot!(
        repo,
        again,
        @r"
        exit: 1
        --- stdout
        --- stderr
        error: nothing to run in voyage v1: api (failed), docs (blocked by api); `maestro order retry v1 --failed` puts the failed ones and what they block back to pending
        "
    );
    assert_eq!(again.code, 1);
    assert_eq!(again.stderr.lines().count(), 1, "{}", again.stderr);
    assert_eq!(
        repo.state(),
        before,
        "a run with nothing to run writes nothing"
    );
    // The dry run shows the same: no wave, and what puts the orders back.
    snapshot!(
        repo,
        repo.maestro(&["run", "v1", "--dry-run"]),
        @r"
        exit: 0
        --- stdout
        voyage v1: 0 orders in 0 wave(s), at most 1 crew at once (community tier)
        not run: api (failed), docs (blocked by api); `maestro order retry v1 --failed` puts the failed ones and what they block back to pending
        --- stderr
        "
    );
    let dry = repo.maestro(&["run", "v1", "--dry-run", "--json"]);
    let value: serde_json::Value = serde_json::from_str(dry.ok()).expect("JSON");
    assert_eq!(value["waves"], serde_json::json!([]));
    assert_eq!(value["held"][0]["id"], "api");
    assert_eq!(value["held"][1]["reason"], "blocked by api");

    // The fix: the file the gate wants, committed onto the voyage branch.
    repo.git(&["checkout", "-q", "maestro/v1"]);
    repo.write("fixed.txt", "fixed\n");
    repo.git(&["add", "fixed.txt"]);
    repo.git(&["commit", "-q", "-m", "the fix"]);
    repo.git(&["checkout", "-q", "main"]);

    let retry = repo.maestro(&["order", "retry", "v1", "api"]);
    snapshot!(
        repo,
        retry,
        @r"
        exit: 0
        --- stdout
        order api: failed -> pending, with a fresh attempt budget
        order docs: blocked -> pending, nothing blocks it any more
        `maestro run v1` dispatches them
        --- stderr
        "
    );
    retry.ok();
    assert_eq!(
        states(&repo),
        [s("api", "pending", 1), s("docs", "pending", 0)]
    );
    snapshot!(
        repo,
        repo.maestro(&["run", "v1", "--dry-run"]),
        @r"
        exit: 0
        --- stdout
        voyage v1: 2 orders in 2 wave(s), at most 1 crew at once (community tier)
          wave 1: api
          wave 2: docs
        --- stderr
        "
    );

    let run = repo.maestro(&["run", "v1"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(
        states(&repo),
        [s("api", "merged", 2), s("docs", "merged", 1)]
    );
    assert_eq!(repo.git(&["show", "maestro/v1:docs.txt"]), "api");
    assert_eq!(repo.git(&["show", "maestro/v1:fixed.txt"]), "fixed");
    assert_eq!(
        repo.git(&["log", "--format=%s", "maestro/v1"]),
        "docs: Document the API\napi: Write the API\nthe fix\nfirst"
    );
    assert_git_is_sound(&repo);

    // The report keeps both attempts of `api`; the audit log has the retry.
    let report = repo.maestro(&["report", "v1", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(report.ok()).expect("JSON");
    let attempts = value["orders"][0]["attempts_detail"]
        .as_array()
        .expect("attempts");
    assert_eq!(attempts.len(), 2, "{attempts:?}");
    assert!(
        attempts[0]["result"]
            .as_str()
            .is_some_and(|r| r.starts_with("gates failed")),
        "{attempts:?}"
    );
    assert_eq!(attempts[1]["result"], "passed");
    let audit = audited(&repo);
    assert!(audit.contains(&("order.retry".into(), "v1/api".into())));
    assert!(audit.contains(&("order.retry".into(), "v1/docs".into())));
    repo.maestro(&["audit", "verify"]).ok();
}

#[test]
fn an_edited_order_retried_with_failed_merges() {
    let repo = failed_voyage();
    let edit = repo.maestro(&["order", "edit", "v1", "api", "--accept", "test -f api.txt"]);
    snapshot!(
        repo,
        edit,
        @r"
        exit: 0
        --- stdout
        edited order api of voyage v1: accept (it stays failed: `maestro order retry v1 api` puts it back to pending)
        --- stderr
        "
    );
    edit.ok();
    assert_eq!(
        states(&repo),
        [s("api", "failed", 1), s("docs", "blocked", 0)],
        "an edit keeps the state"
    );
    let retry = repo.maestro(&["order", "retry", "v1", "--failed", "--json"]);
    snapshot!("order_retry_failed_json", repo, retry);
    retry.ok();
    let run = repo.maestro(&["run", "v1"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(
        states(&repo),
        [s("api", "merged", 2), s("docs", "merged", 1)]
    );
    assert_git_is_sound(&repo);
    // Nothing is left to run: a run says so and succeeds.
    let done = repo.maestro(&["run", "v1"]);
    assert_eq!(
        done.ok(),
        "v1: every order is merged already; nothing to run\n"
    );
    // With nothing failed, --failed has nothing to do.
    let none = repo.maestro(&["order", "retry", "v1", "--failed"]);
    assert_eq!(
        none.ok(),
        "no failed orders in voyage v1: nothing to retry\n"
    );
}

/// Every refusal is one line, exit code 2, and changes nothing (the audit log included).
#[test]
fn retry_edit_and_remove_refuse_with_one_line_and_change_nothing() {
    let repo = failed_voyage();
    repo.maestro(&[
        "order", "add", "v1", "--id", "extra", "--title", "Extra", "--role", "builder",
    ])
    .ok();
    let cases: Vec<(&str, Vec<&str>)> = vec![
        (
            "order_retry_blocked_by_failed",
            vec!["order", "retry", "v1", "docs"],
        ),
        ("order_retry_pending", vec!["order", "retry", "v1", "extra"]),
        ("order_retry_unknown", vec!["order", "retry", "v1", "ghost"]),
        ("order_retry_nothing_named", vec!["order", "retry", "v1"]),
        (
            "order_edit_cycle",
            vec!["order", "edit", "v1", "api", "--depends-on", "docs"],
        ),
        (
            "order_edit_unknown_dependency",
            vec!["order", "edit", "v1", "api", "--depends-on", "ghost"],
        ),
        (
            "order_edit_empty_title",
            vec!["order", "edit", "v1", "api", "--title", " "],
        ),
        ("order_edit_nothing", vec!["order", "edit", "v1", "api"]),
        (
            "order_edit_conflicting_flags",
            vec![
                "order",
                "edit",
                "v1",
                "api",
                "--scope",
                "src/**",
                "--no-scope",
            ],
        ),
        (
            "order_remove_depended_on",
            vec!["order", "remove", "v1", "api"],
        ),
        (
            "order_remove_unknown",
            vec!["order", "remove", "v1", "ghost"],
        ),
        (
            "order_retry_unknown_voyage",
            vec!["order", "retry", "v9", "api"],
        ),
    ];
    for (name, args) in cases {
        let before = repo.state();
        let run = repo.maestro(&args);
        snapshot!(name, repo, run);
        run.usage_error();
        assert_eq!(repo.state(), before, "{args:?} changed something");
    }
}

#[test]
fn merged_orders_are_never_retried_edited_removed_or_replaced() {
    let repo = voyage_of(
        "[[orders]]\nid = \"a\"\ntitle = \"A\"\nrole = \"builder\"\nagent = { command = [\"sh\", \"-c\", \"echo a > a.txt\"] }\n",
    );
    repo.maestro(&["run", "v1"]).ok();
    repo.write(
        "changed.toml",
        "[[orders]]\nid = \"a\"\ntitle = \"A, again\"\nrole = \"builder\"\n",
    );
    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("order_retry_merged", vec!["order", "retry", "v1", "a"]),
        (
            "order_edit_merged",
            vec!["order", "edit", "v1", "a", "--title", "B"],
        ),
        ("order_remove_merged", vec!["order", "remove", "v1", "a"]),
        (
            "voyage_import_replace_merged",
            vec!["voyage", "import", "v1", "changed.toml", "--replace"],
        ),
    ];
    for (name, args) in cases {
        let before = repo.state();
        let run = repo.maestro(&args);
        snapshot!(name, repo, run);
        run.usage_error();
        assert_eq!(repo.state(), before, "{args:?} changed something");
    }
    // The same file without a change to `a` is fine: `a` is left as it is.
    repo.write(
        "same.toml",
        "[[orders]]\nid = \"a\"\ntitle = \"A\"\nrole = \"builder\"\nagent = { command = [\"sh\", \"-c\", \"echo a > a.txt\"] }\n\n[[orders]]\nid = \"b\"\ntitle = \"B\"\nrole = \"builder\"\n",
    );
    let same = repo.maestro(&["voyage", "import", "v1", "same.toml", "--replace", "--json"]);
    let value: serde_json::Value = serde_json::from_str(same.ok()).expect("JSON");
    assert_eq!(value["unchanged"], serde_json::json!(["a"]));
    assert_eq!(value["added"], serde_json::json!(["b"]));
}

/// While a `maestro run` holds the voyage, nothing may reshape it.
#[test]
fn a_voyage_a_run_holds_is_left_alone() {
    let repo = failed_voyage();
    let store = maestro_core::Store::open(repo.path()).expect("initialised");
    let run_lock = store
        .try_lock_run(&"v1".parse().expect("name"))
        .expect("lockable")
        .expect("free");
    let commands: [&[&str]; 6] = [
        &["order", "retry", "v1", "api"],
        &["order", "retry", "v1", "--failed"],
        &["order", "edit", "v1", "api", "--title", "T"],
        &["order", "remove", "v1", "docs"],
        &["voyage", "import", "v1", "orders.toml", "--replace"],
        &["voyage", "remove", "v1"],
    ];
    for args in commands {
        let before = repo.state();
        let run = repo.maestro(args);
        assert_eq!(
            run.usage_error(),
            "error: voyage `v1` is held by a running dispatcher or another change to it; try again once it ends",
            "{args:?}"
        );
        assert_eq!(repo.state(), before, "{args:?} changed something");
    }
    drop(run_lock);
    repo.maestro(&["order", "retry", "v1", "api"]).ok();
}

#[test]
fn a_replacing_import_puts_the_fixed_orders_back() {
    let repo = failed_voyage();
    let fixed = FAILING.replace("test -f fixed.txt", "test -f api.txt");
    repo.write("fixed.toml", &format!("{fixed}\n[[orders]]\nid = \"more\"\ntitle = \"More\"\nrole = \"builder\"\ndepends_on = [\"docs\"]\nagent = {{ command = [\"sh\", \"-c\", \"echo more > more.txt\"] }}\n"));
    // Without --replace, the existing ids are refused, as before.
    let plain = repo.maestro(&["voyage", "import", "v1", "fixed.toml"]);
    assert!(plain.usage_error().contains("already exists"));
    let run = repo.maestro(&["voyage", "import", "v1", "fixed.toml", "--replace"]);
    snapshot!(
        repo,
        run,
        @r"
        exit: 0
        --- stdout
        imported fixed.toml into voyage v1: added: more; replaced (back to pending, with a fresh attempt budget): api; back to pending, nothing blocks them any more: docs
        --- stderr
        "
    );
    run.ok();
    assert_eq!(
        states(&repo),
        [
            s("api", "pending", 1),
            s("docs", "pending", 0),
            s("more", "pending", 0)
        ]
    );
    let stored: serde_json::Value =
        serde_json::from_str(&repo.read(".mso/voyages/v1/orders/api.json")).expect("JSON");
    assert_eq!(stored["spec"]["accept"][0]["run"], "test -f api.txt");
    assert_eq!(stored["failures"], 0);
    assert!(audited(&repo).contains(&("order.replace".into(), "v1/api".into())));
    let run = repo.maestro(&["run", "v1"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_git_is_sound(&repo);

    // A cycle through a replaced order is refused, located in the file.
    repo.write(
        "cycle.toml",
        "[[orders]]\nid = \"extra\"\ntitle = \"E\"\nrole = \"builder\"\ndepends_on = [\"other\"]\n\n[[orders]]\nid = \"other\"\ntitle = \"O\"\nrole = \"builder\"\ndepends_on = [\"extra\"]\n",
    );
    let before = repo.state();
    let cycle = repo.maestro(&["voyage", "import", "v1", "cycle.toml", "--replace"]);
    snapshot!(
        repo,
        cycle,
        @r"
        exit: 2
        --- stdout
        --- stderr
        error: cycle.toml: line 2, column 6: dependency cycle: extra -> other -> extra
        "
    );
    cycle.usage_error();
    assert_eq!(repo.state(), before);
}

#[test]
fn removing_an_order_takes_its_worktree_and_branch() {
    let repo = failed_voyage();
    // A crew branch and worktree of `api`, as a run that kept them would leave them.
    let path = repo.path().join(".mso/worktrees/v1/api");
    if !path.exists() {
        repo.git(&[
            "worktree",
            "add",
            "-q",
            "-B",
            "maestro-crew/v1/api",
            &path.display().to_string(),
            "maestro/v1",
        ]);
    }
    std::fs::write(path.join("scratch.txt"), "work in progress\n").expect("write");
    // `docs` depends on `api`: remove it first.
    let docs = repo.maestro(&["order", "remove", "v1", "docs"]);
    snapshot!(
        repo,
        docs,
        @r"
        exit: 0
        --- stdout
        removed order docs (blocked) from voyage v1
        --- stderr
        "
    );
    docs.ok();
    let api = repo.maestro(&["order", "remove", "v1", "api", "--json"]);
    let value: serde_json::Value = serde_json::from_str(api.ok()).expect("JSON");
    assert_eq!(value["removed"], "api");
    assert_eq!(
        value["branches"],
        serde_json::json!(["maestro-crew/v1/api"])
    );
    assert!(!path.exists());
    assert_eq!(repo.git(&["branch", "--list", "maestro-crew/*"]), "");
    assert!(!repo.path().join(".mso/voyages/v1/orders/api.json").exists());
    assert!(
        !repo
            .path()
            .join(".mso/voyages/v1/reports/api.json")
            .exists()
    );
    assert!(states(&repo).is_empty());
    assert!(audited(&repo).contains(&("order.remove".into(), "v1/api".into())));
    assert_git_is_sound(&repo);
    // An empty voyage: `run` says so in one line and changes nothing.
    let before = repo.state();
    for args in [&["run", "v1"][..], &["run", "v1", "--dry-run"]] {
        let run = repo.maestro(args);
        assert_eq!(
            run.usage_error(),
            "error: voyage `v1` has no orders: add some with `maestro voyage import` or `maestro order add`"
        );
    }
    assert_eq!(repo.state(), before);
}

#[test]
fn removing_a_voyage_keeps_its_branch_unless_asked_and_every_other_branch() {
    let repo = failed_voyage();
    repo.maestro(&["voyage", "new", "v2"]).ok();
    // A crew worktree of v1, one of v2, and the user's own worktree and branches.
    let crew = repo.path().join(".mso/worktrees/v1/docs");
    repo.git(&[
        "worktree",
        "add",
        "-q",
        "-b",
        "maestro-crew/v1/docs",
        &crew.display().to_string(),
        "maestro/v1",
    ]);
    std::fs::write(crew.join("dirty.txt"), "unsaved\n").expect("write");
    repo.git(&["branch", "maestro-crew/v10/x", "main"]);
    repo.git(&["branch", "mine", "main"]);
    let other = repo.path().join(".mso/worktrees/v2/a");
    repo.git(&[
        "worktree",
        "add",
        "-q",
        "-b",
        "maestro-crew/v2/a",
        &other.display().to_string(),
        "maestro/v2",
    ]);
    let voyage_tip = repo.git(&["rev-parse", "maestro/v1"]);

    let run = repo.maestro(&["voyage", "remove", "v1"]);
    snapshot!(
        repo,
        run,
        @r"
        exit: 0
        --- stdout
        removed voyage v1: 2 orders, 2 worktree(s), 2 crew branch(es)
        kept branch maestro/v1 (--branch deletes it too)
        --- stderr
        "
    );
    run.ok();
    assert!(!repo.path().join(".mso/voyages/v1").exists());
    assert!(!crew.exists());
    assert_eq!(repo.git(&["rev-parse", "maestro/v1"]), voyage_tip, "kept");
    let branches = repo.git(&["branch", "--format=%(refname:short)"]);
    assert_eq!(
        branches.lines().collect::<Vec<_>>(),
        [
            "maestro-crew/v10/x",
            "maestro-crew/v2/a",
            "maestro/v1",
            "maestro/v2",
            "main",
            "mine"
        ]
    );
    assert!(
        other.join("README.md").is_file(),
        "another voyage's worktree stays"
    );
    let listed = repo.maestro(&["voyage", "list", "--json"]);
    let value: serde_json::Value = serde_json::from_str(listed.ok()).expect("JSON");
    assert_eq!(value["voyages"].as_array().expect("list").len(), 1);
    assert!(audited(&repo).contains(&("voyage.remove".into(), "v1".into())));
    repo.maestro(&["audit", "verify"]).ok();
    assert_git_is_sound(&repo);

    // The kept branch still holds the name: a new voyage v1 needs it gone first.
    let taken = repo.maestro(&["voyage", "new", "v1"]);
    assert!(
        taken.usage_error().contains("maestro/v1"),
        "{}",
        taken.stderr
    );

    // --branch deletes the voyage branch too, but not while it is checked out.
    repo.git(&["checkout", "-q", "maestro/v2"]);
    let before = repo.state();
    let refused = repo.maestro(&["voyage", "remove", "v2", "--branch"]);
    snapshot!(
        repo,
        refused,
        @r"
        exit: 2
        --- stdout
        --- stderr
        error: cannot delete branch maestro/v2 of voyage `v2`: it is checked out in [REPO] (switch to another branch there first)
        "
    );
    refused.usage_error();
    assert_eq!(repo.state(), before);
    repo.git(&["checkout", "-q", "main"]);
    let removed = repo.maestro(&["voyage", "remove", "v2", "--branch", "--json"]);
    let value: serde_json::Value = serde_json::from_str(removed.ok()).expect("JSON");
    assert_eq!(value["branch_deleted"], true);
    assert_eq!(value["branches"], serde_json::json!(["maestro-crew/v2/a"]));
    assert!(!other.exists());
    assert_eq!(
        repo.git(&["branch", "--format=%(refname:short)"])
            .lines()
            .collect::<Vec<_>>(),
        ["maestro-crew/v10/x", "maestro/v1", "main", "mine"]
    );
    let unknown = repo.maestro(&["voyage", "remove", "v2"]);
    assert_eq!(unknown.usage_error(), "error: no voyage named `v2`");
    assert_git_is_sound(&repo);
}
