//! `maestro worktree prune`: never a worktree of a voyage that a `maestro run` holds.

use std::path::PathBuf;

use crate::support::Repo;

/// A crew worktree of `voyage`'s order `order`, made as the dispatcher makes them: on branch
/// `maestro-crew/<voyage>/<order>` from the voyage branch, under `.mso/worktrees/`.
fn crew_worktree(repo: &Repo, voyage: &str, order: &str) -> PathBuf {
    let path = repo.path().join(format!(".mso/worktrees/{voyage}/{order}"));
    repo.git(&[
        "worktree",
        "add",
        "-q",
        "-b",
        &format!("maestro-crew/{voyage}/{order}"),
        &path.display().to_string(),
        &format!("maestro/{voyage}"),
    ]);
    path
}

#[test]
fn prune_leaves_the_worktrees_of_a_running_voyage_alone() {
    let repo = Repo::with_voyage();
    repo.maestro(&["voyage", "new", "v2"]).ok();
    // A crew that has just started: clean, nothing committed yet, so it looks merged.
    let starting = crew_worktree(&repo, "v1", "a");
    // A crew at work: files written, not committed.
    let working = crew_worktree(&repo, "v1", "b");
    std::fs::write(working.join("work.txt"), "in progress\n").expect("write");
    let idle = crew_worktree(&repo, "v2", "a");

    // A dispatcher runs v1: it holds the voyage's run lock (here, this test process does).
    let store = maestro_core::Store::open(repo.path()).expect("initialised");
    let run_lock = store
        .try_lock_run(&"v1".parse().expect("name"))
        .expect("lockable")
        .expect("free");
    for args in [
        &["worktree", "prune", "--dry-run"][..],
        &["worktree", "prune"],
        &["worktree", "prune", "--force"],
    ] {
        let run = repo.maestro(args);
        let stdout = run.ok();
        assert!(
            stdout.contains(
                "skipped voyage v1: a `maestro run` holds it; its worktrees are left alone"
            ),
            "{args:?}: {stdout}"
        );
        assert!(
            !stdout.contains("v1/a") && !stdout.contains("v1/b"),
            "{stdout}"
        );
        assert!(starting.join("README.md").is_file(), "{args:?}");
        assert!(working.join("work.txt").is_file(), "{args:?}");
    }
    assert!(!idle.exists(), "a voyage no run holds is pruned as before");
    assert!(
        repo.git(&["branch", "--list", "maestro-crew/v1/*"])
            .contains("maestro-crew/v1/a"),
        "the running crew's branch is kept"
    );

    // Once the run ends, prune behaves as before: the clean merged worktree goes, the dirty
    // one only with --force.
    drop(run_lock);
    let stdout = repo.maestro(&["worktree", "prune"]).ok().to_owned();
    assert!(!stdout.contains("skipped"), "{stdout}");
    assert!(!starting.exists(), "{stdout}");
    assert!(working.exists(), "{stdout}");
    repo.maestro(&["worktree", "prune", "--force"]).ok();
    assert!(!working.exists());
}

/// What the remote attempts of a killed run left (their bundles under `.mso/remote/<voyage>/`)
/// goes with `prune`, audited — but never while a run holds that voyage.
#[test]
fn prune_clears_a_killed_runs_remote_leftovers_of_voyages_no_run_holds() {
    let repo = Repo::with_voyage();
    repo.maestro(&["voyage", "new", "v2"]).ok();
    let left = repo.write(".mso/remote/v1/a-1/base.bundle", "bundle");
    let running = repo.write(".mso/remote/v2/b-1/base.bundle", "bundle");
    let store = maestro_core::Store::open(repo.path()).expect("initialised");
    let run_lock = store
        .try_lock_run(&"v2".parse().expect("name"))
        .expect("lockable")
        .expect("free");
    let dry = repo
        .maestro(&["worktree", "prune", "--dry-run"])
        .ok()
        .to_owned();
    assert!(
        dry.contains("would remove .mso/remote/v1/a-1: a remote attempt's leftover bundles"),
        "{dry}"
    );
    assert!(left.exists());
    let stdout = repo.maestro(&["worktree", "prune"]).ok().to_owned();
    assert!(stdout.contains("removed .mso/remote/v1/a-1"), "{stdout}");
    assert!(!left.exists() && running.exists(), "{stdout}");
    let log = repo.maestro(&["--json", "audit", "show"]).ok().to_owned();
    assert!(log.contains("\"remote\":true"), "{log}");
    drop(run_lock);
}
