//! Removing an order or a voyage, and what becomes of their worktrees and branches.

use super::*;

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
