//! Recycling a merged worktree for the next order.

use super::*;

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
