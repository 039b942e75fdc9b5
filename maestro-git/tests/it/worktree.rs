use maestro_git::branch::{crew_branch, voyage_branch};
use maestro_git::worktree::{AddError, RemoveError, RemoveOptions};

use crate::support::{Fixture, write_in};

fn porcelain_worktrees(fixture: &Fixture) -> String {
    fixture.git(&["worktree", "list", "--porcelain"])
}

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

/// A voyage where order `o1` changed, added, deleted and made executable files and another
/// order merged meanwhile; `o1`'s worktree then holds strays of every kind.
fn merged_worktree_with_strays(
    fixture: &Fixture,
    repo: &maestro_git::Repo,
) -> (maestro_git::worktree::Worktree, maestro_git::ObjectId) {
    use maestro_git::merge::MergeOptions;
    let head = fixture.rev("HEAD");
    repo.create_branch("maestro/v1", head, "test")
        .expect("voyage");
    let dir = fixture.path(".mso/worktrees");
    let o1 = repo.add_worktree(&dir, "v1", "o1", head).expect("added");
    write_in(&o1.path, "a.txt", "one\nTWO\nthree\n");
    write_in(&o1.path, "c.txt", "new\n");
    write_in(&o1.path, "bin/run.sh", "#!/bin/sh\n");
    std::fs::remove_file(o1.path.join("dir/b.txt")).expect("rm");
    fixture.git_at(
        &o1.path,
        &["update-index", "--add", "--chmod=+x", "bin/run.sh"],
    );
    fixture.commit_all_at(&o1.path, "o1 work");
    fixture.git_at(&o1.path, &["checkout", "-q", "--", "."]);
    repo.merge_branch("maestro/v1", &o1.branch, &MergeOptions::default())
        .expect("o1 merged");
    let o2 = repo.add_worktree(&dir, "v1", "o2", head).expect("added");
    write_in(&o2.path, "d/e.txt", "from o2\n");
    fixture.commit_all_at(&o2.path, "o2 work");
    repo.merge_branch("maestro/v1", &o2.branch, &MergeOptions::default())
        .expect("o2 merged");
    // Strays: an uncommitted change, an untracked file and directory, ignored files.
    write_in(&o1.path, "c.txt", "changed after the commit\n");
    write_in(&o1.path, "junk.txt", "junk\n");
    write_in(&o1.path, "newdir/deep/f.txt", "f\n");
    write_in(&o1.path, "x.log", "log\n");
    write_in(&o1.path, "target/debug/out.bin", "bin\n");
    let voyage = fixture.rev("maestro/v1");
    (o1, voyage)
}

#[test]
fn a_recycled_worktree_is_a_fresh_checkout_of_the_new_base_on_its_own_branch() {
    let fixture = Fixture::new();
    let repo = fixture.repo();
    let (o1, voyage) = merged_worktree_with_strays(&fixture, &repo);
    let dir = fixture.path(".mso/worktrees");
    let o3 = repo
        .recycle_worktree(&o1.path, "maestro/v1", &dir, "v1", "o3", voyage)
        .expect("recycled");
    assert_eq!(o3.path, dir.join("v1/o3"));
    assert_eq!(o3.branch, "maestro-crew/v1/o3");
    assert_eq!(o3.head, voyage);
    assert!(!o1.path.exists(), "the old path is gone");

    let list = porcelain_worktrees(&fixture);
    let canonical = o3.path.canonicalize().expect("exists");
    assert!(
        list.contains(&format!(
            "worktree {}\nHEAD {voyage}\nbranch refs/heads/maestro-crew/v1/o3",
            canonical.display()
        )),
        "{list}"
    );
    assert!(!list.contains("/v1/o1\n"), "{list}");
    assert_eq!(
        fixture.git_at(
            &o3.path,
            &[
                "status",
                "--porcelain",
                "--ignored",
                "--untracked-files=all"
            ]
        ),
        "",
        "nothing untracked, ignored or changed is left"
    );
    assert_eq!(
        fixture.git_at(&o3.path, &["diff-index", "--cached", "HEAD"]),
        ""
    );
    assert_eq!(
        fixture.git_at(&o3.path, &["ls-files", "-s"]),
        fixture.git(&[
            "ls-tree",
            "-r",
            "--format=%(objectmode) %(objectname) 0\t%(path)",
            "maestro/v1"
        ]),
        "the index is the new base's tree"
    );
    assert_eq!(
        std::fs::read_to_string(o3.path.join("c.txt")).expect("c"),
        "new\n"
    );
    assert_eq!(
        std::fs::read_to_string(o3.path.join("d/e.txt")).expect("merged by o2"),
        "from o2\n"
    );
    assert!(
        !o3.path.join("dir").exists(),
        "the emptied directory is gone"
    );
    for stray in ["junk.txt", "newdir", "x.log", "target"] {
        assert!(!o3.path.join(stray).exists(), "{stray} is left");
    }
    fixture.git(&["worktree", "repair"]);
    assert_eq!(
        porcelain_worktrees(&fixture),
        list,
        "git repair finds nothing to fix"
    );
    // The old branch is merged and kept; the new one is checked out only in o3.
    fixture.git(&[
        "merge-base",
        "--is-ancestor",
        "maestro-crew/v1/o1",
        "maestro/v1",
    ]);
    let state = repo
        .list_worktrees("maestro/v1")
        .expect("listed")
        .into_iter()
        .find(|s| s.path == canonical || s.path == o3.path)
        .expect("o3 listed");
    assert_eq!(
        (state.dirty, state.ahead, state.behind, state.merged),
        (Some(false), 0, 0, true)
    );

    // The recycled worktree works like any other: commit there and merge.
    write_in(&o3.path, "o3.txt", "o3\n");
    fixture.commit_all_at(&o3.path, "o3 work");
    assert_eq!(
        fixture.git_at(&o3.path, &["rev-parse", "HEAD^"]),
        voyage.to_string()
    );
}

#[test]
fn recycling_in_place_and_then_removing_leaves_nothing_behind() {
    let fixture = Fixture::new();
    let repo = fixture.repo();
    let (o1, voyage) = merged_worktree_with_strays(&fixture, &repo);
    let dir = fixture.path(".mso/worktrees");
    // The same order name again (its branch is deleted first, as a retry would).
    repo.delete_branch(&o1.branch, fixture.rev(&o1.branch))
        .expect("deleted");
    let again = repo
        .recycle_worktree(&o1.path, "maestro/v1", &dir, "v1", "o1", voyage)
        .expect("recycled in place");
    assert_eq!(again.path, o1.path);
    assert_eq!(
        fixture.git_at(
            &again.path,
            &[
                "status",
                "--porcelain",
                "--ignored",
                "--untracked-files=all"
            ]
        ),
        ""
    );
    repo.remove_worktree(&again.path, "maestro/v1", RemoveOptions::default())
        .expect("clean and merged: removed without force");
    assert!(!again.path.exists());
    assert!(!porcelain_worktrees(&fixture).contains("/v1/o1"));
}

#[test]
fn recycling_refuses_unmerged_locked_and_occupied_and_changes_nothing() {
    use maestro_git::worktree::RecycleError;
    let fixture = Fixture::new();
    let repo = fixture.repo();
    let (o1, voyage) = merged_worktree_with_strays(&fixture, &repo);
    let dir = fixture.path(".mso/worktrees");

    // Unmerged: a commit of o1 that the voyage branch does not have.
    fixture.commit_all_at(&o1.path, "unmerged");
    let before = porcelain_worktrees(&fixture);
    assert!(matches!(
        repo.recycle_worktree(&o1.path, "maestro/v1", &dir, "v1", "o3", voyage),
        Err(RecycleError::Unmerged { ahead: 1, .. })
    ));
    assert_eq!(porcelain_worktrees(&fixture), before);
    assert!(
        o1.path.join("x.log").exists(),
        "the unmerged worktree is untouched"
    );
    assert!(
        !fixture
            .try_git(&["rev-parse", "--verify", "-q", "maestro-crew/v1/o3"])
            .0
    );
    fixture.git_at(&o1.path, &["reset", "-q", "--hard", "HEAD^"]);

    // Occupied destination.
    write_in(&dir, "v1/o3/keep.txt", "user data\n");
    assert!(matches!(
        repo.recycle_worktree(&o1.path, "maestro/v1", &dir, "v1", "o3", voyage),
        Err(RecycleError::Add(AddError::DestinationExists { .. }))
    ));
    assert_eq!(
        std::fs::read_to_string(dir.join("v1/o3/keep.txt")).expect("kept"),
        "user data\n"
    );
    assert!(o1.path.join("x.log").exists());

    // Locked.
    fixture.lock_worktree(&o1.path, None);
    assert!(matches!(
        repo.recycle_worktree(&o1.path, "maestro/v1", &dir, "v1", "o4", voyage),
        Err(RecycleError::Locked { .. })
    ));
    assert!(o1.path.join("x.log").exists());
    assert!(
        !fixture
            .try_git(&["rev-parse", "--verify", "-q", "maestro-crew/v1/o4"])
            .0
    );
    fixture.git(&["worktree", "unlock", o1.path.to_str().expect("utf-8")]);

    // Not a worktree at all.
    assert!(matches!(
        repo.recycle_worktree(
            &dir.join("v1/nowhere"),
            "maestro/v1",
            &dir,
            "v1",
            "o5",
            voyage
        ),
        Err(RecycleError::NotFound { .. })
    ));
}

#[test]
fn concurrent_adds_prunes_recycles_and_removals_never_take_each_others_entries() {
    let fixture = Fixture::new();
    let head = fixture.rev("HEAD");
    fixture
        .repo()
        .create_branch("maestro/v1", head, "test")
        .expect("voyage");
    let dir = fixture.path(".mso/worktrees");
    std::thread::scope(|scope| {
        for t in 0..4 {
            let dir = dir.clone();
            let root = fixture.root().to_owned();
            scope.spawn(move || {
                let repo = maestro_git::Repo::discover(&root).expect("repo");
                for i in 0..8 {
                    let wt = repo
                        .add_worktree(&dir, "v1", &format!("t{t}-{i}"), head)
                        .expect("added while others prune");
                    repo.prune_worktrees().expect("pruned");
                    let next = repo
                        .recycle_worktree(
                            &wt.path,
                            "maestro/v1",
                            &dir,
                            "v1",
                            &format!("t{t}-{i}r"),
                            head,
                        )
                        .expect("recycled while others prune");
                    repo.prune_worktrees().expect("pruned");
                    repo.remove_worktree(
                        &next.path,
                        "maestro/v1",
                        RemoveOptions {
                            force: true,
                            delete_branch: true,
                        },
                    )
                    .expect("removed while others prune");
                }
            });
        }
    });
    assert_eq!(
        porcelain_worktrees(&fixture).matches("worktree ").count(),
        1
    );
    let entries = std::fs::read_dir(fixture.path(".git/worktrees")).map_or(0, Iterator::count);
    assert_eq!(entries, 0, "no administrative entry is left");
}
