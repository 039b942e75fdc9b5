//! Worktree metadata left empty or missing: the commondir and HEAD are rewritten.

use super::*;

#[test]
fn the_issues_deterministic_start_is_repaired() {
    // `mkdir -p .mso/worktrees/v/a .git/worktrees/a; : >.mso/worktrees/v/a/.git;
    //  : >.git/worktrees/a/gitdir; echo initializing >.git/worktrees/a/locked`
    let (fixture, repo, _, dir) = voyage();
    let made = std::time::Instant::now();
    write_in(&dir, "v/a/.git", "");
    write_in(&fixture.path(".git/worktrees/a"), "gitdir", "");
    write_in(
        &fixture.path(".git/worktrees/a"),
        "locked",
        "initializing\n",
    );
    // git copes with this one; what it breaks is the order's next worktree.
    assert!(
        repo.add_worktree(&dir, "v", "a", fixture.rev("HEAD"))
            .is_err()
    );

    let repairs = repo
        .repair_worktrees(&dir, "v", &options())
        .expect("repaired");
    // An entry without `gitdir` locked `initializing` may be a `git worktree add` under way: it
    // was given the grace period first (file times are a clock tick coarse).
    let waited = made.elapsed();
    assert!(waited + Duration::from_millis(20) >= GRACE, "{waited:?}");
    let found = paths(&repairs);
    let admin = canonical(&fixture.path(".git")).join("worktrees/a");
    assert!(
        found.contains(&(
            admin,
            Found::InterruptedOperation {
                reason: "initializing".into()
            },
            Action::RemovedEntry
        )),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(p, f, a)| p.ends_with("v/a")
            && *f == Found::HalfCreatedDirectory
            && *a == Action::RemovedDirectory),
        "{found:?}"
    );
    assert!(!dir.join("v/a").exists());
    assert!(!fixture.path(".git/worktrees/a").exists());
    assert_git_healthy(&fixture, 0);
    assert_addable(&fixture, &repo, &dir, "a");
    assert!(
        repo.repair_worktrees(&dir, "v", &options())
            .expect("again")
            .is_empty(),
        "a healthy voyage needs no repair"
    );
}

#[test]
fn an_empty_or_missing_commondir_that_breaks_git_is_rewritten_and_the_worktree_kept() {
    let (fixture, repo, head, dir) = voyage();
    let a = repo.add_worktree(&dir, "v", "a", head).expect("added");
    let b = repo.add_worktree(&dir, "v", "b", head).expect("added");
    write_in(&a.path, "work.txt", "the crew's work\n");
    std::fs::write(
        fixture.path(&format!(".git/worktrees/{}/commondir", a.id)),
        "",
    )
    .expect("emptied");
    std::fs::remove_file(fixture.path(&format!(".git/worktrees/{}/commondir", b.id)))
        .expect("removed");
    assert!(
        !fixture.try_git(&["worktree", "list"]).0,
        "git cannot run with an empty commondir"
    );

    let found = paths(
        &repo
            .repair_worktrees(&dir, "v", &options())
            .expect("repaired"),
    );
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|(p, f, a)| p.ends_with("commondir")
        && *f == Found::IncompleteEntry { file: "commondir" }
        && *a == Action::Rewrote));
    assert_eq!(
        std::fs::read_to_string(a.path.join("work.txt")).expect("kept"),
        "the crew's work\n"
    );
    assert_eq!(
        fixture.git_at(&a.path, &["status", "--porcelain"]),
        "?? work.txt"
    );
    std::fs::remove_file(a.path.join("work.txt")).expect("rm");
    assert_git_healthy(&fixture, 2);
}

#[test]
fn an_empty_or_missing_head_is_pointed_back_at_the_orders_branch() {
    let (fixture, repo, head, dir) = voyage();
    let a = repo.add_worktree(&dir, "v", "a", head).expect("added");
    let b = repo.add_worktree(&dir, "v", "b", head).expect("added");
    std::fs::write(fixture.path(&format!(".git/worktrees/{}/HEAD", a.id)), "").expect("emptied");
    std::fs::remove_file(fixture.path(&format!(".git/worktrees/{}/HEAD", b.id))).expect("rm");
    assert!(!fixture.try_git(&["fsck", "--no-dangling"]).0, "fsck fails");

    let found = paths(
        &repo
            .repair_worktrees(&dir, "v", &options())
            .expect("repaired"),
    );
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|(_, f, a)| *f
        == Found::IncompleteEntry { file: "HEAD" }
        && *a == Action::Rewrote));
    assert_eq!(
        fixture.git_at(&a.path, &["symbolic-ref", "HEAD"]),
        "refs/heads/maestro-crew/v/a"
    );
    assert_git_healthy(&fixture, 2);

    // Without the branch, there is nothing to point it at: the worktree goes.
    std::fs::write(fixture.path(&format!(".git/worktrees/{}/HEAD", a.id)), "").expect("emptied");
    fixture.git(&["update-ref", "-d", "refs/heads/maestro-crew/v/a"]);
    let found = paths(
        &repo
            .repair_worktrees(&dir, "v", &options())
            .expect("repaired"),
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].2, Action::RemovedWorktree);
    assert!(!a.path.exists());
    assert_git_healthy(&fixture, 1);
    assert_addable(&fixture, &repo, &dir, "a");
}
