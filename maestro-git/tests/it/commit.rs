use std::os::unix::fs::PermissionsExt;

use maestro_git::Identity;
use maestro_git::commit::{CommitOutcome, commit_all};
use maestro_git::diff::ChangeKind;

use crate::support::{Fixture, ignored_files_and_an_executable, write_in};

fn builder() -> Identity {
    Identity::new("maestro builder", "builder@maestro.localhost")
}

#[test]
fn every_change_in_a_worktree_is_committed_as_git_add_all_would() {
    let fixture = Fixture::new();
    let repo = fixture.repo();
    write_in(fixture.root(), "tool.sh", "#!/bin/sh\n");
    fixture.git(&["add", "tool.sh"]);
    fixture.git(&["commit", "-q", "-m", "tool"]);
    let base = fixture.rev("HEAD");
    let wt = repo
        .add_worktree(&fixture.path("wts"), "v1", "o1", base)
        .expect("added");

    write_in(&wt.path, "a.txt", "one\n2\nthree\nfour\n");
    std::fs::remove_file(wt.path.join("dir/b.txt")).expect("rm");
    write_in(&wt.path, "src/deep/er/new.rs", "fn main() {}\n");
    ignored_files_and_an_executable(&wt.path);
    std::os::unix::fs::symlink("a.txt", wt.path.join("link")).expect("symlink");

    let outcome = commit_all(&wt.path, &builder(), "builder: o1\n\nbody").expect("committed");
    let CommitOutcome::Committed { commit, parent } = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(parent, Some(base));
    assert_eq!(
        fixture.git_at(&wt.path, &["rev-parse", "HEAD"]),
        commit.to_string()
    );
    assert_eq!(fixture.rev(&wt.branch), commit, "the branch moved");
    assert_eq!(
        fixture.git_at(
            &wt.path,
            &["status", "--porcelain", "--untracked-files=all"]
        ),
        ""
    );
    assert_eq!(
        fixture.git(&[
            "show",
            "--format=%an <%ae>|%s",
            "--name-status",
            "--no-renames",
            &commit.to_string()
        ]),
        "maestro builder <builder@maestro.localhost>|builder: o1\n\nM\ta.txt\nD\tdir/b.txt\nA\tlink\nA\tsrc/deep/er/new.rs\nM\ttool.sh"
    );
    let tree = fixture.git(&["ls-tree", "-r", &commit.to_string()]);
    assert!(tree.contains("100755 blob"), "{tree}");
    assert!(tree.contains("120000 blob"), "{tree}");
    // git computes the same tree from the same worktree.
    fixture.git_at(&wt.path, &["add", "-A"]);
    assert_eq!(
        fixture.git_at(&wt.path, &["write-tree"]),
        fixture.git(&["rev-parse", &format!("{commit}^{{tree}}")])
    );
    // And git can keep committing on top (the index's cached trees are not stale).
    write_in(
        &wt.path,
        "src/deep/er/new.rs",
        "fn main() { println!(); }\n",
    );
    fixture.git_at(&wt.path, &["commit", "-q", "-am", "by git"]);
    assert_eq!(
        fixture.git_at(&wt.path, &["show", "HEAD:src/deep/er/new.rs"]),
        "fn main() { println!(); }"
    );

    assert_eq!(
        commit_all(&wt.path, &builder(), "again").expect("nothing"),
        CommitOutcome::NothingToCommit {
            head: Some(fixture.rev(&wt.branch))
        }
    );
}

#[test]
fn staged_changes_and_executable_bit_removals_are_included() {
    let fixture = Fixture::new();
    write_in(fixture.root(), "run.sh", "#!/bin/sh\n");
    std::fs::set_permissions(
        fixture.path("run.sh"),
        std::fs::Permissions::from_mode(0o755),
    )
    .expect("chmod");
    fixture.git(&["add", "run.sh"]);
    fixture.git(&["commit", "-q", "-m", "run"]);
    std::fs::set_permissions(
        fixture.path("run.sh"),
        std::fs::Permissions::from_mode(0o644),
    )
    .expect("chmod");
    write_in(fixture.root(), "staged.txt", "s\n");
    fixture.git(&["add", "staged.txt"]);
    write_in(fixture.root(), "intent.txt", "i\n");
    fixture.git(&["add", "-N", "intent.txt"]);
    let outcome = commit_all(fixture.root(), &builder(), "all").expect("committed");
    assert!(matches!(outcome, CommitOutcome::Committed { .. }));
    assert_eq!(fixture.git(&["status", "--porcelain"]), "");
    assert_eq!(
        fixture
            .git(&["ls-tree", "HEAD", "run.sh"])
            .split(' ')
            .next(),
        Some("100644")
    );
    assert_eq!(
        fixture.git(&["show", "--format=", "--name-only", "HEAD"]),
        "intent.txt\nrun.sh\nstaged.txt"
    );
}

#[test]
fn a_clean_worktree_has_nothing_to_commit() {
    let fixture = Fixture::new();
    let head = fixture.rev("HEAD");
    write_in(fixture.root(), "ignored.log", "x\n");
    assert_eq!(
        commit_all(fixture.root(), &builder(), "x").expect("nothing"),
        CommitOutcome::NothingToCommit { head: Some(head) }
    );
    assert_eq!(fixture.rev("HEAD"), head);
}

#[test]
fn diff_stat_and_changed_paths_agree_with_git() {
    let fixture = Fixture::new();
    let from = fixture.rev("HEAD");
    write_in(fixture.root(), "a.txt", "one\nTWO\nthree\nfour\nfive\n");
    std::fs::remove_file(fixture.path("dir/b.txt")).expect("rm");
    write_in(fixture.root(), "new/n.txt", "1\n2\n3\n");
    std::fs::write(fixture.path("bin.dat"), b"\0\x01\x02binary").expect("write");
    fixture.git(&["add", "-A"]);
    fixture.git(&["commit", "-q", "-m", "changes"]);
    let to = fixture.rev("HEAD");
    let repo = fixture.repo();

    let paths = repo.changed_paths(from, to).expect("paths");
    assert_eq!(
        paths.join("\n"),
        fixture.git(&[
            "diff",
            "--name-only",
            "--no-renames",
            &from.to_string(),
            &to.to_string()
        ])
    );
    let stats = repo.diff_stat(from, to).expect("stats");
    let ours: Vec<String> = stats
        .iter()
        .map(|s| {
            if s.binary {
                format!("-\t-\t{}", s.path)
            } else {
                format!("{}\t{}\t{}", s.added, s.removed, s.path)
            }
        })
        .collect();
    assert_eq!(
        ours.join("\n"),
        fixture.git(&[
            "diff",
            "--numstat",
            "--no-renames",
            &from.to_string(),
            &to.to_string()
        ])
    );
    let kinds: Vec<ChangeKind> = stats.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            ChangeKind::Modified,
            ChangeKind::Added,
            ChangeKind::Deleted,
            ChangeKind::Added
        ]
    );
}

#[test]
fn staged_added_lines_have_paths_and_line_numbers() {
    let fixture = Fixture::new();
    write_in(
        fixture.root(),
        "a.txt",
        "one\ninserted\ntwo\nthree\nappended\r\n",
    );
    write_in(fixture.root(), "new/secret.env", "KEY=1\nOTHER=2\n");
    std::fs::write(fixture.path("blob.bin"), b"\0KEY=binary\n").expect("write");
    std::fs::remove_file(fixture.path("dir/b.txt")).expect("rm");
    fixture.git(&["add", "-A"]);
    write_in(fixture.root(), "a.txt", "unstaged change only\n");
    write_in(fixture.root(), "untracked.txt", "not staged\n");

    let repo = fixture.repo();
    let staged = repo.staged_added_lines().expect("staged");
    let flat: Vec<(&str, Vec<(usize, &str)>)> = staged
        .iter()
        .map(|f| {
            (
                f.path.as_str(),
                f.lines.iter().map(|(n, l)| (*n, l.as_str())).collect(),
            )
        })
        .collect();
    assert_eq!(
        flat,
        vec![
            ("a.txt", vec![(2, "inserted"), (5, "appended")]),
            ("new/secret.env", vec![(1, "KEY=1"), (2, "OTHER=2")]),
        ]
    );
    // git counts the same added lines.
    let numstat = fixture.git(&["diff", "--cached", "--numstat"]);
    assert!(numstat.contains("2\t0\ta.txt"), "{numstat}");
    assert!(numstat.contains("2\t0\tnew/secret.env"), "{numstat}");
}
