use maestro_git::collect::Collected;
use maestro_git::merge::{MergeError, MergeOptions, MergeOutcome};
use maestro_git::worktree::{RecycleError, RemoveOptions, Worktree};
use maestro_git::{ObjectId, Repo};

use crate::support::{Fixture, collect, commit_on, crew, move_voyage, write_in};

fn options() -> MergeOptions {
    MergeOptions {
        message: Some("maestro: merge order o1".to_owned()),
        identity: Some(maestro_git::Identity::new("maestro", "maestro@localhost")),
        ..MergeOptions::default()
    }
}

/// The crew of `wt` commits twice (an intermediate file it later deletes), leaves one change
/// uncommitted, and maestro collects it: the change and the crew's two commits.
fn collected_change(
    fixture: &Fixture,
    repo: &Repo,
    wt: &Worktree,
    base: ObjectId,
) -> (ObjectId, [ObjectId; 2]) {
    write_in(&wt.path, "scratch.txt", "intermediate\n");
    write_in(&wt.path, "a.txt", "one\ntwo\nthree\nfour\n");
    fixture.commit_all_at(&wt.path, "wip");
    let c1 = fixture.rev(&wt.branch);
    std::fs::remove_file(wt.path.join("scratch.txt")).expect("rm");
    fixture.commit_all_at(&wt.path, "cleanup");
    let c2 = fixture.rev(&wt.branch);
    write_in(&wt.path, "new.txt", "new\n");
    match collect(repo, wt, base).0.expect("collected") {
        Collected::Committed { commit, .. } => (commit, [c1, c2]),
        other => panic!("{other:?}"),
    }
}

/// Moves the voyage branch from `base` to a new commit on it setting `files`, as the merge of
/// another order would, and returns that commit.
fn another_order_merged(repo: &Repo, base: ObjectId, files: &[(&str, &str)]) -> ObjectId {
    let other = commit_on(repo, base, files, "other\n");
    move_voyage(repo, base, other);
    other
}

fn rev_list(fixture: &Fixture, branch: &str) -> String {
    fixture.git(&["rev-list", branch])
}

#[test]
fn a_voyage_still_at_the_base_fast_forwards_to_the_change_alone() {
    let fixture = Fixture::new();
    let (repo, wt, base) = crew(&fixture);
    let (change, crew_commits) = collected_change(&fixture, &repo, &wt, base);
    let report = repo
        .squash_merge("maestro/v1", change, &options())
        .expect("merged");
    assert_eq!(report.outcome, MergeOutcome::FastForward);
    assert_eq!((report.old, report.new), (base, change));
    assert_eq!(fixture.rev("maestro/v1"), change);
    assert_eq!(
        fixture.git(&["rev-list", "--parents", "-1", "maestro/v1"]),
        format!("{change} {base}")
    );
    let history = rev_list(&fixture, "maestro/v1");
    for c in crew_commits {
        assert!(!history.contains(&c.to_string()), "{c} entered the voyage");
    }
    assert_eq!(
        fixture.git(&["ls-tree", "-r", "--name-only", "maestro/v1"]),
        ".gitignore\na.txt\ndir/b.txt\nnew.txt"
    );
    assert!(
        repo.voyage_holds_change("maestro/v1", change)
            .expect("read")
    );
    let reflog = fixture.git(&["reflog", "show", "--format=%gs", "-1", "maestro/v1"]);
    assert_eq!(reflog, format!("squash {change}: Fast-forward"));
    assert_eq!(
        repo.squash_merge("maestro/v1", change, &options())
            .expect("again")
            .outcome,
        MergeOutcome::UpToDate
    );
}

#[test]
fn a_moved_voyage_gets_one_commit_with_one_parent_and_the_trailer() {
    let fixture = Fixture::new();
    let (repo, wt, base) = crew(&fixture);
    let (change, crew_commits) = collected_change(&fixture, &repo, &wt, base);
    // Another order merged meanwhile.
    let other = another_order_merged(&repo, base, &[("dir/b.txt", "b\nfrom another order\n")]);

    let report = repo
        .squash_merge("maestro/v1", change, &options())
        .expect("merged");
    assert_eq!(report.outcome, MergeOutcome::Squashed);
    assert_eq!(report.old, other);
    let head = fixture.rev("maestro/v1");
    assert_eq!(report.new, head);
    assert_eq!(
        fixture.git(&["rev-list", "--parents", "-1", "maestro/v1"]),
        format!("{head} {other}"),
        "one commit, whose only parent is the voyage head"
    );
    assert_eq!(
        fixture.git(&[
            "log",
            "-1",
            "--format=%(trailers:key=Maestro-Change,valueonly)",
            "maestro/v1"
        ]),
        change.to_string()
    );
    assert_eq!(
        fixture.git(&["log", "-1", "--format=%an <%ae>|%s", "maestro/v1"]),
        "maestro <maestro@localhost>|maestro: merge order o1"
    );
    // The tree is git's three-way merge of base, voyage head and change.
    assert_eq!(
        fixture.git(&["rev-parse", "maestro/v1^{tree}"]),
        fixture.git(&[
            "merge-tree",
            "--write-tree",
            &format!("--merge-base={base}"),
            &other.to_string(),
            &change.to_string()
        ])
    );
    let history = rev_list(&fixture, "maestro/v1");
    for c in crew_commits.iter().chain([&change]) {
        assert!(!history.contains(&c.to_string()), "{c} entered the voyage");
    }
    assert_eq!(
        history.lines().count(),
        3,
        "base, other, squash:\n{history}"
    );

    assert!(
        repo.voyage_holds_change("maestro/v1", change)
            .expect("read")
    );
    assert_eq!(
        repo.squash_merge("maestro/v1", change, &options())
            .expect("again")
            .outcome,
        MergeOutcome::UpToDate,
        "a change is merged once"
    );
    assert_eq!(fixture.rev("maestro/v1"), head);
}

#[test]
fn a_conflicting_change_moves_nothing() {
    let fixture = Fixture::new();
    let (repo, wt, base) = crew(&fixture);
    let (change, _) = collected_change(&fixture, &repo, &wt, base);
    let other = another_order_merged(&repo, base, &[("a.txt", "ONE\ntwo\nthree\nFOUR\n")]);
    let report = repo
        .squash_merge("maestro/v1", change, &options())
        .expect("computed");
    assert_eq!(
        report.outcome,
        MergeOutcome::Conflict {
            paths: vec!["a.txt".to_owned()]
        }
    );
    assert_eq!((report.old, report.new), (other, other));
    assert_eq!(fixture.rev("maestro/v1"), other, "the branch is untouched");
    assert!(
        !repo
            .voyage_holds_change("maestro/v1", change)
            .expect("read")
    );
}

#[test]
fn only_a_commit_with_one_parent_is_a_change() {
    let fixture = Fixture::new();
    let repo = fixture.repo();
    let root = fixture.rev("HEAD");
    repo.create_branch("maestro/v1", root, "test")
        .expect("voyage");
    let err = repo
        .squash_merge("maestro/v1", root, &options())
        .expect_err("a root commit");
    assert!(
        matches!(err, MergeError::NotAChange { parents: 0, .. }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!(
            "cannot merge `{root}` into `maestro/v1`: a change has one parent (its base), this commit has 0"
        )
    );
}

#[test]
fn voyage_holds_change_knows_ancestors_and_squashes_and_nothing_else() {
    let fixture = Fixture::new();
    let repo = fixture.repo();
    let base = fixture.rev("HEAD");
    repo.create_branch("maestro/v1", base, "test")
        .expect("voyage");
    let a = commit_on(&repo, base, &[("a.txt", "a\n")], "a\n");
    let b = commit_on(&repo, base, &[("b.txt", "b\n")], "b\n");
    let unmerged = commit_on(&repo, base, &[("c.txt", "c\n")], "c\n");
    assert!(!repo.voyage_holds_change("maestro/v1", a).expect("read"));
    repo.squash_merge("maestro/v1", a, &options())
        .expect("fast-forward");
    repo.squash_merge("maestro/v1", b, &options())
        .expect("squash");
    assert!(
        repo.voyage_holds_change("maestro/v1", a).expect("read"),
        "an ancestor"
    );
    assert!(
        repo.voyage_holds_change("maestro/v1", b).expect("read"),
        "a squash"
    );
    assert!(
        !repo
            .voyage_holds_change("maestro/v1", unmerged)
            .expect("read")
    );
    assert!(
        repo.voyage_holds_change("maestro/v1", base).expect("read"),
        "the base itself"
    );
    assert!(
        !repo.voyage_holds_change("maestro/none", a).expect("read"),
        "no branch"
    );
    // Only the trailer block counts, and the change need not exist any more.
    let gone = ObjectId::from_hex(b"0123456789012345678901234567890123456789").expect("id");
    let tip = fixture.rev("maestro/v1");
    let mention = commit_on(
        &repo,
        tip,
        &[],
        &format!("mentions\n\nMaestro-Change: {gone}\n\nprose\n"),
    );
    let squash = commit_on(
        &repo,
        mention,
        &[],
        &format!("squash\n\nMaestro-Change: {gone}\n"),
    );
    move_voyage(&repo, tip, mention);
    assert!(!repo.voyage_holds_change("maestro/v1", gone).expect("read"));
    move_voyage(&repo, mention, squash);
    assert!(repo.voyage_holds_change("maestro/v1", gone).expect("read"));
    // git reads the same trailer.
    assert_eq!(
        fixture.git(&[
            "log",
            "-1",
            "--format=%(trailers:key=Maestro-Change,valueonly)",
            "maestro/v1"
        ]),
        gone.to_string()
    );
}

#[test]
fn a_squash_merged_worktree_is_merged_recycled_and_its_branch_removable() {
    let fixture = Fixture::new();
    let (repo, o1, base) = crew(&fixture);
    let dir = fixture.path(".mso/worktrees");
    let o2 = repo.add_worktree(&dir, "v1", "o2", base).expect("added");
    let unmerged = repo.add_worktree(&dir, "v1", "o3", base).expect("added");
    let (change1, _) = collected_change(&fixture, &repo, &o1, base);
    write_in(&o2.path, "o2.txt", "o2\n");
    let Collected::Committed {
        commit: change2, ..
    } = collect(&repo, &o2, base).0.expect("collected")
    else {
        panic!("committed")
    };
    write_in(&unmerged.path, "o3.txt", "o3\n");
    assert!(matches!(
        collect(&repo, &unmerged, base).0,
        Ok(Collected::Committed { .. })
    ));
    // o2 lands first, so o1's squash goes onto a voyage that moved.
    assert_eq!(
        repo.squash_merge("maestro/v1", change2, &options())
            .expect("o2")
            .outcome,
        MergeOutcome::FastForward
    );
    assert_eq!(
        repo.squash_merge("maestro/v1", change1, &options())
            .expect("o1")
            .outcome,
        MergeOutcome::Squashed
    );
    let voyage = fixture.rev("maestro/v1");
    assert!(
        !fixture
            .try_git(&["merge-base", "--is-ancestor", &o1.branch, "maestro/v1"])
            .0,
        "not an ancestor: only the squash shows it is merged"
    );

    let states = repo.list_worktrees("maestro/v1").expect("listed");
    let state = |wt: &Worktree| {
        states
            .iter()
            .find(|s| s.branch.as_deref() == Some(wt.branch.as_str()))
            .map(|s| (s.ahead, s.merged))
            .expect("listed")
    };
    assert_eq!(state(&o1), (1, true));
    assert_eq!(state(&o2), (0, true));
    assert_eq!(state(&unmerged), (1, false));

    let next = repo
        .recycle_worktree(&o1.path, "maestro/v1", &dir, "v1", "o4", voyage)
        .expect("a squash-merged worktree is recycled");
    assert_eq!(
        fixture.git_at(&next.path, &["rev-parse", "HEAD"]),
        voyage.to_string()
    );
    assert_eq!(
        fixture.git_at(
            &next.path,
            &[
                "status",
                "--porcelain",
                "--ignored",
                "--untracked-files=all"
            ]
        ),
        ""
    );
    assert_eq!(
        fixture.git_at(&next.path, &["log", "-g", "--format=%H", "HEAD"]),
        voyage.to_string(),
        "the recycled worktree's HEAD reflog names no commit of the previous order"
    );
    assert!(matches!(
        repo.recycle_worktree(&unmerged.path, "maestro/v1", &dir, "v1", "o5", voyage),
        Err(RecycleError::Unmerged { ahead: 1, .. })
    ));
    assert!(
        unmerged.path.join("o3.txt").exists(),
        "the unmerged worktree is untouched"
    );

    // The merged crew branch can go without force; the unmerged one cannot.
    repo.remove_worktree(
        &next.path,
        "maestro/v1",
        RemoveOptions {
            delete_branch: true,
            ..RemoveOptions::default()
        },
    )
    .expect("merged");
    assert!(
        repo.remove_worktree(&unmerged.path, "maestro/v1", RemoveOptions::default())
            .is_err()
    );
    assert!(
        repo.voyage_holds_change("maestro/v1", fixture.rev(&o1.branch))
            .expect("read")
    );
}
