use std::sync::{Arc, Barrier};

use maestro_git::ObjectId;
use maestro_git::merge::{MergeOptions, MergeOutcome, MergeReport};

use crate::support::{Fixture, commit_on, move_voyage};

fn setup() -> (Fixture, maestro_git::Repo, ObjectId) {
    let fixture = Fixture::new();
    let (repo, head) = fixture.start_voyage("v1");
    (fixture, repo, head)
}

/// Puts order `o1`'s branch at `commit` and merges it into the voyage branch.
fn merge_order(repo: &maestro_git::Repo, commit: ObjectId) -> MergeReport {
    repo.create_branch("maestro-crew/v1/o1", commit, "test")
        .expect("branch");
    repo.merge_branch("maestro/v1", "maestro-crew/v1/o1", &MergeOptions::default())
        .expect("merged")
}

#[test]
fn a_branch_ahead_is_fast_forwarded_and_an_ancestor_is_up_to_date() {
    let (fixture, repo, head) = setup();
    let c = commit_on(&repo, head, &[("new.txt", "n\n")], "order work\n");
    let report = merge_order(&repo, c);
    assert_eq!(report.outcome, MergeOutcome::FastForward);
    assert_eq!((report.old, report.new, report.attempts), (head, c, 1));
    assert!(report.checked_out_in.is_empty());
    assert_eq!(fixture.rev("maestro/v1"), c);
    let again = repo
        .merge_branch("maestro/v1", "maestro-crew/v1/o1", &MergeOptions::default())
        .expect("merged");
    assert_eq!(again.outcome, MergeOutcome::UpToDate);
    assert_eq!(again.new, c);
    let reflog = fixture.git(&["reflog", "show", "--format=%gs", "maestro/v1"]);
    assert!(
        reflog.starts_with("merge maestro-crew/v1/o1: Fast-forward"),
        "{reflog}"
    );
}

#[test]
fn diverged_branches_get_a_merge_commit_git_agrees_with() {
    let (fixture, repo, head) = setup();
    let ours = commit_on(
        &repo,
        head,
        &[("a.txt", "zero\none\ntwo\nthree\n")],
        "voyage work\n",
    );
    move_voyage(&repo, head, ours);
    let theirs = commit_on(
        &repo,
        head,
        &[("a.txt", "one\ntwo\nthree\nfour\n"), ("dir/c.txt", "c\n")],
        "order work\n",
    );
    repo.create_branch("maestro-crew/v1/o1", theirs, "test")
        .expect("branch");

    let options = MergeOptions {
        identity: Some(maestro_git::Identity::new("maestro", "m@localhost")),
        ..MergeOptions::default()
    };
    let report = repo
        .merge_branch("maestro/v1", "maestro-crew/v1/o1", &options)
        .expect("merged");
    assert_eq!(report.outcome, MergeOutcome::Merged);
    assert_eq!(report.old, ours);
    let merge = fixture.rev("maestro/v1");
    assert_eq!(report.new, merge);
    assert_eq!(
        fixture.git(&["rev-parse", "maestro/v1^1", "maestro/v1^2"]),
        format!("{ours}\n{theirs}")
    );
    let expected_tree = fixture.git(&[
        "merge-tree",
        "--write-tree",
        &ours.to_string(),
        &theirs.to_string(),
    ]);
    assert_eq!(
        fixture.git(&["rev-parse", "maestro/v1^{tree}"]),
        expected_tree
    );
    assert_eq!(
        fixture.git(&["show", "maestro/v1:a.txt"]),
        "zero\none\ntwo\nthree\nfour"
    );
    assert_eq!(
        fixture.git(&["log", "-1", "--format=%an <%ae>|%s", "maestro/v1"]),
        "maestro <m@localhost>|Merge branch 'maestro-crew/v1/o1' into maestro/v1"
    );
    let graph = fixture.git(&["log", "--graph", "--format=%s", "maestro/v1"]);
    assert!(graph.starts_with("*   Merge branch"), "{graph}");
    // --no-ff: a branch that could be fast-forwarded still gets a merge commit.
    let next = commit_on(&repo, merge, &[("d.txt", "d\n")], "more\n");
    repo.create_branch("maestro-crew/v1/o2", next, "test")
        .expect("branch");
    let report = repo
        .merge_branch(
            "maestro/v1",
            "maestro-crew/v1/o2",
            &MergeOptions {
                fast_forward: false,
                ..MergeOptions::default()
            },
        )
        .expect("merged");
    assert_eq!(report.outcome, MergeOutcome::Merged);
    assert_eq!(
        fixture
            .git(&["rev-list", "--parents", "-1", "maestro/v1"])
            .split(' ')
            .count(),
        3
    );
}

#[test]
fn a_conflict_lists_the_paths_git_lists_and_moves_nothing() {
    let (fixture, repo, head) = setup();
    let ours = commit_on(
        &repo,
        head,
        &[
            ("a.txt", "ONE\ntwo\nthree\n"),
            ("dir/b.txt", "ours\n"),
            ("fine.txt", "f\n"),
        ],
        "voyage\n",
    );
    move_voyage(&repo, head, ours);
    let theirs = commit_on(
        &repo,
        head,
        &[
            ("a.txt", "uno\ntwo\nthree\n"),
            ("dir/b.txt", "theirs\n"),
            ("other.txt", "o\n"),
        ],
        "order\n",
    );
    repo.create_branch("maestro-crew/v1/o1", theirs, "test")
        .expect("branch");

    let report = repo
        .merge_branch("maestro/v1", "maestro-crew/v1/o1", &MergeOptions::default())
        .expect("computed");
    let MergeOutcome::Conflict { paths } = &report.outcome else {
        panic!("expected a conflict: {report:?}")
    };
    assert_eq!((report.old, report.new), (ours, ours));
    assert_eq!(fixture.rev("maestro/v1"), ours, "no ref change");
    let (clean, out) = fixture.try_git(&[
        "merge-tree",
        "--write-tree",
        "--name-only",
        "--no-messages",
        &ours.to_string(),
        &theirs.to_string(),
    ]);
    assert!(!clean);
    let git_paths: Vec<&str> = out.lines().skip(1).filter(|l| !l.is_empty()).collect();
    assert_eq!(paths, &git_paths);
}

#[test]
fn moving_a_checked_out_voyage_branch_is_reported_and_leaves_its_files_alone() {
    let (fixture, repo, head) = setup();
    fixture.git(&["checkout", "-q", "maestro/v1"]);
    let c = commit_on(&repo, head, &[("a.txt", "changed\n")], "order\n");
    let report = merge_order(&repo, c);
    assert_eq!(report.outcome, MergeOutcome::FastForward);
    assert_eq!(
        report
            .checked_out_in
            .iter()
            .map(|p| p.canonicalize().expect("exists"))
            .collect::<Vec<_>>(),
        vec![fixture.root().canonicalize().expect("exists")]
    );
    assert_eq!(
        std::fs::read_to_string(fixture.path("a.txt")).expect("read"),
        "one\ntwo\nthree\n"
    );
}

#[test]
fn missing_branches_are_errors() {
    let (_fixture, repo, _head) = setup();
    let err = repo
        .merge_branch(
            "maestro/v1",
            "maestro-crew/v1/none",
            &MergeOptions::default(),
        )
        .expect_err("missing");
    assert_eq!(
        err.to_string(),
        "cannot merge: branch `maestro-crew/v1/none` does not exist"
    );
}

/// Two merges race on one voyage branch, 100 times: both land (one retrying) or, when they
/// touch the same file, one lands and the other reports a conflict. No commit is ever lost.
#[test]
fn racing_merges_never_lose_a_commit() {
    let (fixture, repo, _head) = setup();
    for round in 0..100 {
        let base = repo
            .branch_commit("maestro/v1")
            .expect("read")
            .expect("exists");
        let conflicting = round % 3 == 2;
        let (fa, fb) = if conflicting {
            ("shared.txt".to_owned(), "shared.txt".to_owned())
        } else {
            (format!("a/{round}.txt"), format!("b/{round}.txt"))
        };
        let a = commit_on(&repo, base, &[(&fa, &format!("a {round}\n"))], "a\n");
        let b = commit_on(&repo, base, &[(&fb, &format!("b {round}\n"))], "b\n");
        let (na, nb) = (
            format!("maestro-crew/v1/a{round}"),
            format!("maestro-crew/v1/b{round}"),
        );
        repo.create_branch(&na, a, "test").expect("branch");
        repo.create_branch(&nb, b, "test").expect("branch");
        let barrier = Arc::new(Barrier::new(2));
        let handles: Vec<_> = [na, nb]
            .into_iter()
            .map(|name| {
                let barrier = Arc::clone(&barrier);
                let root = fixture.root().to_owned();
                std::thread::spawn(move || {
                    let repo = maestro_git::Repo::discover(&root).expect("discovered");
                    barrier.wait();
                    repo.merge_branch("maestro/v1", &name, &MergeOptions::default())
                        .expect("no error")
                })
            })
            .collect();
        let reports: Vec<_> = handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect();
        let tip = fixture.rev("maestro/v1").to_string();
        let landed = [a, b]
            .iter()
            .filter(|c| {
                fixture
                    .try_git(&["merge-base", "--is-ancestor", &c.to_string(), &tip])
                    .0
            })
            .count();
        let conflicts = reports
            .iter()
            .filter(|r| matches!(r.outcome, MergeOutcome::Conflict { .. }))
            .count();
        if conflicting {
            assert_eq!((landed, conflicts), (1, 1), "round {round}: {reports:?}");
        } else {
            assert_eq!((landed, conflicts), (2, 0), "round {round}: {reports:?}");
            assert!(
                reports.iter().any(|r| r.attempts > 1 || r.old != base),
                "one merged on top of the other: {reports:?}"
            );
        }
    }
    let merges = fixture.git(&["rev-list", "--merges", "--count", "maestro/v1"]);
    assert!(merges.parse::<usize>().expect("count") >= 60, "{merges}");
}
