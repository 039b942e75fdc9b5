//! Stale locks, other voyages' worktrees and merged crew branches.

use super::*;

#[test]
fn stale_lock_files_in_the_voyages_references_and_worktrees_go_after_the_grace() {
    let (fixture, repo, head, dir) = voyage();
    let a = repo.add_worktree(&dir, "v", "a", head).expect("added");
    fixture.git(&["pack-refs", "--all"]);
    let locks = [
        fixture.path(".git/refs/heads/maestro/v.lock"),
        fixture.path(".git/refs/heads/maestro-crew/v/a.lock"),
        fixture.path(".git/refs/heads/maestro-crew/v/b.lock"),
        fixture.path(".git/logs/refs/heads/maestro-crew/v/a.lock"),
        fixture.path(".git/packed-refs.lock"),
        fixture.path(&format!(".git/worktrees/{}/index.lock", a.id)),
        fixture.path(&format!(".git/worktrees/{}/HEAD.lock", a.id)),
    ];
    for lock in &locks {
        write_in(
            lock.parent().expect("parent"),
            &lock.file_name().expect("name").to_string_lossy(),
            "",
        );
    }
    // Another voyage's branch lock is not this repair's.
    let other = fixture.path(".git/refs/heads/maestro-crew/w/x.lock");
    write_in(other.parent().expect("parent"), "x.lock", "");
    // The user's lock of the main worktree's index neither.
    write_in(&fixture.path(".git"), "index.lock", "");
    assert!(!fixture.try_git(&["branch", "-D", "maestro-crew/v/a"]).0);

    let found = paths(
        &repo
            .repair_worktrees(&dir, "v", &options())
            .expect("repaired"),
    );
    assert_eq!(
        found
            .iter()
            .filter(|(_, f, _)| *f == Found::StaleLock)
            .count(),
        locks.len(),
        "{found:?}"
    );
    for lock in &locks {
        assert!(!lock.exists(), "{}", lock.display());
    }
    assert!(other.exists());
    assert!(fixture.path(".git/index.lock").exists());
    std::fs::remove_file(other).expect("rm");
    std::fs::remove_file(fixture.path(".git/index.lock")).expect("rm");
    assert_git_healthy(&fixture, 1);
    // The branches move again.
    repo.merge_branch(
        "maestro/v",
        &a.branch,
        &maestro_git::merge::MergeOptions::default(),
    )
    .expect("the voyage branch moves");
}

#[test]
fn other_voyages_worktrees_are_left_alone_unless_their_directory_is_gone() {
    let (fixture, repo, head, dir) = voyage();
    repo.create_branch("maestro/w", head, "test")
        .expect("voyage w");
    // w's crews may be working: a live worktree, one being added (locked by maestro), and a
    // half-created directory are all w's own run's business.
    let live = repo.add_worktree(&dir, "w", "live", head).expect("added");
    write_in(&live.path, "work.txt", "w's crew at work\n");
    let adding = repo.add_worktree(&dir, "w", "adding", head).expect("added");
    write_in(
        &fixture.path(&format!(".git/worktrees/{}", adding.id)),
        "locked",
        &format!("maestro: adding {}\n", adding.path.display()),
    );
    write_in(&dir, "w/half/.git", "");
    let index_lock = fixture.path(&format!(".git/worktrees/{}/index.lock", live.id));
    write_in(index_lock.parent().expect("parent"), "index.lock", "");
    // But an entry of w whose directory is gone altogether goes, as `git worktree prune` would.
    let gone = repo.add_worktree(&dir, "w", "gone", head).expect("added");
    std::fs::remove_dir_all(&gone.path).expect("rm");
    // And a worktree the user locked keeps its lock and its entry, gone or not.
    let usb = repo.add_worktree(&dir, "v", "usb", head).expect("added");
    fixture.lock_worktree(&usb.path, Some("on a usb disk"));
    std::fs::remove_dir_all(&usb.path).expect("unplugged");

    let found = paths(
        &repo
            .repair_worktrees(&dir, "v", &options())
            .expect("repaired"),
    );
    let admin_root = canonical(&fixture.path(".git")).join("worktrees");
    assert_eq!(
        found,
        [(
            admin_root.join(&gone.id),
            Found::MissingWorktree,
            Action::RemovedEntry
        )]
    );
    assert_eq!(
        std::fs::read_to_string(live.path.join("work.txt")).expect("kept"),
        "w's crew at work\n"
    );
    assert!(index_lock.exists());
    assert!(adding.path.join(".git").exists());
    assert!(dir.join("w/half/.git").exists());
    assert!(admin_root.join(&usb.id).join("locked").exists());

    // w's own repair takes its half-states.
    std::fs::remove_file(live.path.join("work.txt")).expect("rm");
    let found = paths(
        &repo
            .repair_worktrees(&dir, "w", &options())
            .expect("repaired"),
    );
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(!adding.path.exists());
    assert!(!dir.join("w/half").exists());
    assert!(!index_lock.exists());
    assert!(live.path.join(".git").exists());
    fixture.git(&["worktree", "unlock", usb.path.to_str().expect("utf-8")]);
    fixture.git(&["worktree", "prune"]);
    assert_git_healthy(&fixture, 1);
}

#[test]
fn merged_crew_branches_without_a_worktree_are_deleted_and_unmerged_ones_kept() {
    let (fixture, repo, head, dir) = voyage();
    let merged = repo.add_worktree(&dir, "v", "merged", head).expect("added");
    let unmerged = repo
        .add_worktree(&dir, "v", "unmerged", head)
        .expect("added");
    let busy = repo.add_worktree(&dir, "v", "busy", head).expect("added");
    write_in(&unmerged.path, "u.txt", "u\n");
    fixture.commit_all_at(&unmerged.path, "unmerged work");
    for wt in [&merged, &unmerged] {
        repo.remove_worktree(
            &wt.path,
            "maestro/v",
            maestro_git::worktree::RemoveOptions {
                force: true,
                delete_branch: false,
            },
        )
        .expect("removed, branch kept");
    }
    let found = repo
        .repair_worktrees(
            &dir,
            "v",
            &RepairOptions {
                merged_into: Some("maestro/v".into()),
                ..options()
            },
        )
        .expect("repaired");
    assert_eq!(
        found
            .iter()
            .map(|r| (r.subject.clone(), r.found.clone(), r.action))
            .collect::<Vec<_>>(),
        [(
            Subject::Branch(merged.branch.clone()),
            Found::MergedBranch,
            Action::DeletedBranch
        )]
    );
    assert!(
        fixture
            .try_git(&["rev-parse", "--verify", "-q", &unmerged.branch])
            .0
    );
    assert!(
        fixture
            .try_git(&["rev-parse", "--verify", "-q", &busy.branch])
            .0
    );
    assert_git_healthy(&fixture, 1);
}
