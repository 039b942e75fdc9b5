//! Adding, listing, removing and pruning worktrees.

use super::*;

#[test]
fn an_added_worktree_is_one_git_recognises_and_is_clean() {
    let fixture = Fixture::new();
    let repo = fixture.repo();
    let head = fixture.rev("HEAD");
    repo.create_branch(&voyage_branch("v1"), head, "test")
        .expect("voyage");
    let dir = fixture.path(".mso/worktrees");
    let wt = repo.add_worktree(&dir, "v1", "o1", head).expect("added");
    assert_eq!(wt.path, dir.join("v1/o1"));
    assert_eq!(wt.branch, "maestro-crew/v1/o1");
    assert_eq!(wt.branch, crew_branch("v1", "o1"));

    let list = porcelain_worktrees(&fixture);
    let canonical = wt.path.canonicalize().expect("exists");
    assert!(
        list.contains(&format!(
            "worktree {}\nHEAD {head}\nbranch refs/heads/maestro-crew/v1/o1",
            canonical.display()
        )),
        "{list}"
    );
    assert_eq!(
        fixture.git_at(
            &wt.path,
            &["status", "--porcelain", "--untracked-files=all"]
        ),
        ""
    );
    assert_eq!(
        fixture.git_at(&wt.path, &["rev-parse", "HEAD"]),
        head.to_string()
    );
    assert_eq!(
        std::fs::read_to_string(wt.path.join("dir/b.txt")).expect("checked out"),
        "b\n"
    );
    let admin = fixture.path(&format!(".git/worktrees/{}", wt.id));
    for file in ["gitdir", "HEAD", "commondir", "index"] {
        assert!(admin.join(file).is_file(), "{file} missing");
    }
    assert_eq!(
        fixture.git_at(&wt.path, &["diff-index", "--cached", "HEAD"]),
        ""
    );
    fixture.git(&["worktree", "repair"]);
    assert_eq!(
        porcelain_worktrees(&fixture),
        list,
        "git repair finds nothing to fix"
    );

    let states = repo.list_worktrees("maestro/v1").expect("listed");
    assert_eq!(states.len(), 1);
    let state = &states[0];
    assert_eq!(state.branch.as_deref(), Some("maestro-crew/v1/o1"));
    assert_eq!(
        (
            state.dirty,
            state.missing,
            state.ahead,
            state.behind,
            state.merged
        ),
        (Some(false), false, 0, 0, true)
    );
    assert_eq!(state.locked, None);
}

#[test]
fn adding_twice_or_into_an_occupied_directory_is_refused() {
    let fixture = Fixture::new();
    let repo = fixture.repo();
    let head = fixture.rev("HEAD");
    let dir = fixture.path("wts");
    repo.add_worktree(&dir, "v1", "o1", head).expect("added");
    assert!(matches!(
        repo.add_worktree(&dir, "v1", "o1", head),
        Err(AddError::DestinationExists { .. })
    ));
    write_in(&dir, "v1/o2/keep.txt", "user data\n");
    assert!(matches!(
        repo.add_worktree(&dir, "v1", "o2", head),
        Err(AddError::DestinationExists { .. })
    ));
    assert!(
        !fixture
            .try_git(&["rev-parse", "--verify", "-q", "maestro-crew/v1/o2"])
            .0
    );
    assert!(matches!(
        repo.add_worktree(&dir, "v1", "../x", head),
        Err(AddError::InvalidName { .. })
    ));
}

#[test]
fn listing_reports_dirty_ahead_behind_locked_and_missing() {
    let fixture = Fixture::new();
    let (repo, head) = fixture.start_voyage("v1");
    let dir = fixture.path("wts");
    let a = repo.add_worktree(&dir, "v1", "a", head).expect("added");
    let b = repo.add_worktree(&dir, "v1", "b", head).expect("added");
    let c = repo.add_worktree(&dir, "v1", "c", head).expect("added");
    // a: one commit ahead; the voyage branch one commit ahead of everyone.
    write_in(&a.path, "new/file.txt", "x\n");
    fixture.commit_all_at(&a.path, "a work");
    fixture.git(&["commit", "-q", "--allow-empty", "-m", "voyage moves"]);
    fixture.git(&["branch", "-f", "maestro/v1", "HEAD"]);
    // b: an untracked file only; and locked.
    write_in(&b.path, "untracked.txt", "u\n");
    fixture.lock_worktree(&b.path, Some("on a usb disk"));
    // c: gone from disk.
    std::fs::remove_dir_all(&c.path).expect("removed");

    let states = repo.list_worktrees("maestro/v1").expect("listed");
    let by_id = |id: &str| states.iter().find(|s| s.id == id).expect("listed");
    let sa = by_id(&a.id);
    assert_eq!(
        (sa.dirty, sa.ahead, sa.behind, sa.merged),
        (Some(false), 1, 1, false)
    );
    let sb = by_id(&b.id);
    assert_eq!(
        (sb.dirty, sb.ahead, sb.behind, sb.merged),
        (Some(true), 0, 1, true)
    );
    assert_eq!(sb.locked.as_deref(), Some("on a usb disk"));
    let sc = by_id(&c.id);
    assert_eq!((sc.missing, sc.dirty), (true, None));
    let prunable = fixture.git(&["worktree", "list", "--porcelain"]);
    assert!(prunable.contains("prunable"), "{prunable}");
}

#[test]
fn removal_refuses_dirty_unmerged_and_locked_worktrees_unless_forced() {
    let fixture = Fixture::new();
    let (repo, head) = fixture.start_voyage("v1");
    let dir = fixture.path("wts");
    let dirty = repo.add_worktree(&dir, "v1", "dirty", head).expect("added");
    let unmerged = repo
        .add_worktree(&dir, "v1", "unmerged", head)
        .expect("added");
    let clean = repo.add_worktree(&dir, "v1", "clean", head).expect("added");

    // Dirty: a modified tracked file, then also an untracked-only worktree.
    write_in(&dirty.path, "a.txt", "changed\n");
    let err = repo
        .remove_worktree(
            &dirty.path,
            "maestro/v1",
            RemoveOptions {
                delete_branch: true,
                ..RemoveOptions::default()
            },
        )
        .expect_err("dirty");
    assert!(matches!(err, RemoveError::Dirty { .. }), "{err}");
    assert!(dirty.path.join("a.txt").is_file());
    std::fs::write(dirty.path.join("a.txt"), "one\ntwo\nthree\n").expect("restore");
    write_in(&dirty.path, "new-dir/untracked.rs", "fn main() {}\n");
    assert!(matches!(
        repo.remove_worktree(&dirty.path, "maestro/v1", RemoveOptions::default()),
        Err(RemoveError::Dirty { .. })
    ));
    // Ignored files do not make a worktree dirty.
    std::fs::remove_dir_all(dirty.path.join("new-dir")).expect("rm");
    write_in(&dirty.path, "build.log", "ignored\n");

    // Unmerged: a commit the voyage branch lacks.
    write_in(&unmerged.path, "work.txt", "w\n");
    fixture.commit_all_at(&unmerged.path, "work");
    let err = repo
        .remove_worktree(
            &unmerged.path,
            "maestro/v1",
            RemoveOptions {
                delete_branch: true,
                ..RemoveOptions::default()
            },
        )
        .expect_err("unmerged");
    assert!(
        matches!(err, RemoveError::Unmerged { ahead: 1, .. }),
        "{err}"
    );
    assert!(unmerged.path.join("work.txt").is_file());
    assert!(
        fixture
            .try_git(&["rev-parse", "--verify", "-q", &unmerged.branch])
            .0
    );

    // Locked.
    fixture.lock_worktree(&clean.path, None);
    assert!(matches!(
        repo.remove_worktree(&clean.path, "maestro/v1", RemoveOptions::default()),
        Err(RemoveError::Locked { .. })
    ));
    fixture.git(&["worktree", "unlock", clean.path.to_str().expect("utf-8")]);

    // A clean, merged worktree goes, with its branch when asked.
    let removed = repo
        .remove_worktree(
            &clean.path,
            "maestro/v1",
            RemoveOptions {
                delete_branch: true,
                ..RemoveOptions::default()
            },
        )
        .expect("removed");
    assert!(removed.branch_deleted);
    assert!(!clean.path.exists());
    assert!(
        !fixture
            .try_git(&["rev-parse", "--verify", "-q", &clean.branch])
            .0
    );
    // The ignored-only worktree goes too, keeping its branch.
    let removed = repo
        .remove_worktree(&dirty.path, "maestro/v1", RemoveOptions::default())
        .expect("removed");
    assert!(!removed.branch_deleted);
    assert!(
        fixture
            .try_git(&["rev-parse", "--verify", "-q", &dirty.branch])
            .0
    );

    // Forced: the unmerged one goes, its branch is kept unless asked.
    repo.remove_worktree(
        &unmerged.path,
        "maestro/v1",
        RemoveOptions {
            force: true,
            delete_branch: false,
        },
    )
    .expect("forced");
    assert!(
        fixture
            .try_git(&["rev-parse", "--verify", "-q", &unmerged.branch])
            .0
    );
    let list = fixture.git(&["worktree", "list", "--porcelain"]);
    assert_eq!(list.matches("worktree ").count(), 1, "{list}");
}

#[test]
fn prune_drops_only_entries_of_missing_unlocked_worktrees() {
    let fixture = Fixture::new();
    let repo = fixture.repo();
    let head = fixture.rev("HEAD");
    let dir = fixture.path("wts");
    let gone = repo.add_worktree(&dir, "v1", "gone", head).expect("added");
    let gone_locked = repo
        .add_worktree(&dir, "v1", "gone-locked", head)
        .expect("added");
    let live_dirty = repo.add_worktree(&dir, "v1", "live", head).expect("added");
    write_in(&live_dirty.path, "a.txt", "uncommitted\n");
    std::fs::remove_dir_all(&gone.path).expect("rm");
    std::fs::remove_dir_all(&gone_locked.path).expect("rm");
    fixture.lock_worktree(&gone_locked.path, None);

    let pruned = repo.prune_worktrees().expect("pruned");
    assert_eq!(pruned.len(), 1, "{pruned:?}");
    assert_eq!(pruned[0].id, gone.id);
    assert_eq!(pruned[0].branch.as_deref(), Some(gone.branch.as_str()));
    assert!(
        fixture
            .try_git(&["rev-parse", "--verify", "-q", &gone.branch])
            .0,
        "branch kept"
    );
    assert_eq!(
        std::fs::read_to_string(live_dirty.path.join("a.txt")).expect("kept"),
        "uncommitted\n"
    );
    let list = fixture.git(&["worktree", "list", "--porcelain"]);
    assert!(!list.contains("/gone\n"), "{list}");
    assert!(list.contains("gone-locked"), "{list}");
    assert!(list.contains("/live"), "{list}");
    // git agrees nothing else is prunable.
    assert_eq!(fixture.git(&["worktree", "prune", "--dry-run", "-v"]), "");
    assert!(repo.prune_worktrees().expect("again").is_empty());
}
