use maestro_git::collect::{BlobKind, Candidate, CollectError, Collected, Origin, Verdict};
use maestro_git::worktree::Worktree;
use maestro_git::{ObjectId, Repo};

use crate::support::{
    Fixture, KEY, collect, collect_options as options, crew, ignored_files_and_an_executable,
    object_files, reachable_blobs_holding, write_in,
};

fn status(fixture: &Fixture, wt: &Worktree) -> String {
    fixture.git_at(
        &wt.path,
        &["status", "--porcelain", "--untracked-files=all"],
    )
}

fn commit_in(fixture: &Fixture, wt: &Worktree, message: &str) -> ObjectId {
    fixture.commit_all_at(&wt.path, message);
    fixture
        .git_at(&wt.path, &["rev-parse", "HEAD"])
        .parse()
        .expect("an id")
}

#[test]
fn the_uncommitted_state_becomes_one_commit_on_the_base_as_git_add_all_would_stage_it() {
    let fixture = Fixture::new();
    write_in(fixture.root(), "tool.sh", "#!/bin/sh\n");
    fixture.git(&["add", "tool.sh"]);
    fixture.git(&["commit", "-q", "-m", "tool"]);
    let (repo, wt, base) = crew(&fixture);

    write_in(&wt.path, "a.txt", "one\n2\nthree\nfour\n");
    std::fs::remove_file(wt.path.join("dir/b.txt")).expect("rm");
    write_in(&wt.path, "src/deep/new.rs", "fn main() {}\n");
    write_in(&wt.path, "staged.txt", "staged\n");
    fixture.git_at(&wt.path, &["add", "staged.txt"]);
    ignored_files_and_an_executable(&wt.path);
    std::os::unix::fs::symlink("src/deep/new.rs", wt.path.join("link")).expect("symlink");

    let (result, seen) = collect(&repo, &wt, base);
    let Collected::Committed {
        commit,
        base: on,
        replaced,
        changed,
    } = result.expect("collected")
    else {
        panic!("expected a commit")
    };
    assert_eq!((on, replaced), (base, Vec::new()));
    assert_eq!(
        fixture.git(&["rev-list", "--parents", "-1", &commit.to_string()]),
        format!("{commit} {base}"),
        "one commit, on the base"
    );
    assert_eq!(fixture.rev(&wt.branch), commit, "the branch moved");
    assert_eq!(
        fixture.git_at(&wt.path, &["rev-parse", "HEAD"]),
        commit.to_string()
    );
    assert_eq!(status(&fixture, &wt), "", "the index was rewritten");
    assert_eq!(
        fixture.git(&[
            "log",
            "-1",
            "--format=%an <%ae>|%cn|%B",
            &commit.to_string()
        ]),
        "maestro builder <builder@maestro.localhost>|maestro builder|builder: o1\n\nthe crew's work"
    );

    // What the guard saw: every changed file once, from the worktree, with its blob's bytes.
    let mut paths: Vec<(&str, BlobKind)> = seen.iter().map(|s| (s.path.as_str(), s.kind)).collect();
    paths.sort_unstable_by_key(|(p, _)| *p);
    assert_eq!(
        paths,
        [
            ("a.txt", BlobKind::File),
            ("link", BlobKind::Symlink),
            ("src/deep/new.rs", BlobKind::File),
            ("staged.txt", BlobKind::File),
        ],
        "the executable bit alone adds no content; ignored files stay out"
    );
    assert!(seen.iter().all(|s| s.origin == Origin::Worktree));
    let link = seen.iter().find(|s| s.path == "link").expect("seen");
    assert_eq!(
        link.data, b"src/deep/new.rs",
        "a symlink's blob is its target"
    );
    for s in &seen {
        assert_eq!(
            fixture
                .git(&["cat-file", "blob", &format!("{commit}:{}", s.path)])
                .as_bytes(),
            s.data.strip_suffix(b"\n").unwrap_or(&s.data),
            "{}",
            s.path
        );
    }

    // git stages the same tree from the same files.
    fixture.git_at(&wt.path, &["add", "-A"]);
    assert_eq!(
        fixture.git_at(&wt.path, &["write-tree"]),
        fixture.git(&["rev-parse", &format!("{commit}^{{tree}}")])
    );
    let tree = fixture.git(&["ls-tree", "-r", &commit.to_string()]);
    assert!(
        tree.contains("100755 blob") && tree.contains("120000 blob"),
        "{tree}"
    );
    // The reported changes are git's.
    let numstat: Vec<String> = changed
        .iter()
        .map(|s| format!("{}\t{}\t{}", s.added, s.removed, s.path))
        .collect();
    assert_eq!(
        numstat.join("\n"),
        fixture.git(&[
            "diff",
            "--numstat",
            "--no-renames",
            &base.to_string(),
            &commit.to_string()
        ])
    );
}

#[test]
fn a_crew_that_only_committed_is_committed_not_nothing_to_commit() {
    let fixture = Fixture::new();
    let (repo, wt, base) = crew(&fixture);
    write_in(&wt.path, "one.txt", "1\n");
    let c1 = commit_in(&fixture, &wt, "one");
    write_in(&wt.path, "two.txt", "2\n");
    std::fs::remove_file(wt.path.join("a.txt")).expect("rm");
    let c2 = commit_in(&fixture, &wt, "two");
    assert_eq!(status(&fixture, &wt), "");

    let (result, seen) = collect(&repo, &wt, base);
    let Collected::Committed {
        commit, replaced, ..
    } = result.expect("collected")
    else {
        panic!("the crew's own commits are work")
    };
    let mut replaced = replaced;
    replaced.sort();
    let mut expected = vec![c1, c2];
    expected.sort();
    assert_eq!(replaced, expected);
    assert_eq!(
        fixture.git(&["rev-parse", &format!("{commit}^{{tree}}")]),
        fixture.git(&["rev-parse", &format!("{c2}^{{tree}}")]),
        "the content is kept"
    );
    assert_eq!(
        fixture.git(&["rev-list", "--parents", "-1", &commit.to_string()]),
        format!("{commit} {base}")
    );
    assert_eq!(fixture.rev(&wt.branch), commit);
    assert_eq!(status(&fixture, &wt), "");
    let mut from: Vec<(&str, Origin)> = seen.iter().map(|s| (s.path.as_str(), s.origin)).collect();
    from.sort_unstable_by_key(|(p, _)| *p);
    assert_eq!(
        from,
        [
            ("one.txt", Origin::Commit(c1)),
            ("two.txt", Origin::Commit(c2))
        ]
    );
}

/// Asserts that no reference or reflog of the repository reaches any of `commits`, and that no
/// reachable blob holds [`KEY`].
fn assert_unreachable(fixture: &Fixture, wt: &Worktree, commits: &[ObjectId]) {
    let reachable = fixture.git(&["rev-list", "--all", "--reflog"]);
    let branch_log = fixture.git(&["log", "-g", "--format=%H", &wt.branch]);
    let head_log = fixture.git_at(&wt.path, &["log", "-g", "--format=%H", "HEAD"]);
    for c in commits {
        let c = c.to_string();
        assert!(!reachable.contains(&c), "{c} is reachable:\n{reachable}");
        assert!(
            !branch_log.contains(&c),
            "{c} in the branch reflog:\n{branch_log}"
        );
        assert!(
            !head_log.contains(&c),
            "{c} in the HEAD reflog:\n{head_log}"
        );
    }
    assert_eq!(reachable_blobs_holding(fixture, KEY), Vec::<String>::new());
}

#[test]
fn a_key_committed_then_removed_is_seen_refused_and_left_unreachable() {
    let fixture = Fixture::new();
    let (repo, wt, base) = crew(&fixture);
    write_in(&wt.path, "config.py", &format!("KEY = '{KEY}'\n"));
    write_in(&wt.path, "work.txt", "work\n");
    let c1 = commit_in(&fixture, &wt, "add key");
    write_in(&wt.path, "config.py", "KEY = os.environ['KEY']\n");
    let c2 = commit_in(&fixture, &wt, "remove key");
    assert!(
        !reachable_blobs_holding(&fixture, KEY).is_empty(),
        "the crew's commit holds it"
    );
    let files_before = fixture.git_at(&wt.path, &["ls-files", "-s"]);

    let (result, seen) = collect(&repo, &wt, base);
    let Collected::Refused { refusals, reset } = result.expect("collected") else {
        panic!("refused")
    };
    assert_eq!(refusals.len(), 1, "{refusals:?}");
    assert_eq!(refusals[0].path, "config.py");
    assert_eq!(refusals[0].origin, Origin::Commit(c1));
    assert_eq!(refusals[0].finding, "a key in config.py");
    assert!(
        seen.iter()
            .any(|s| s.origin == Origin::Commit(c2) && s.path == "config.py")
    );
    let reset = reset.expect("the branch was reset");
    assert_eq!(reset.reference, format!("refs/heads/{}", wt.branch));
    assert_eq!((reset.from, reset.to), (c2, base));
    let mut dropped = vec![c1, c2];
    dropped.sort();
    assert_eq!(reset.dropped, dropped);

    assert_eq!(
        fixture.rev(&wt.branch),
        base,
        "the branch is back at the base"
    );
    assert_eq!(
        fixture.git_at(&wt.path, &["rev-parse", "HEAD"]),
        base.to_string()
    );
    assert_unreachable(&fixture, &wt, &[c1, c2]);
    // The files are as the crew left them, and git shows the whole change against the base.
    assert_eq!(
        std::fs::read_to_string(wt.path.join("config.py")).expect("kept"),
        "KEY = os.environ['KEY']\n"
    );
    assert_eq!(
        fixture.git_at(&wt.path, &["ls-files", "-s"]),
        files_before,
        "index untouched"
    );
    assert_eq!(status(&fixture, &wt), "A  config.py\nA  work.txt");
    // The reflogs still describe the branch's life up to the base.
    assert_eq!(
        fixture.git(&["log", "-g", "--format=%H", &wt.branch]),
        base.to_string()
    );
}

#[test]
fn a_key_only_an_amended_away_commit_holds_is_found_through_the_reflog() {
    let fixture = Fixture::new();
    let (repo, wt, base) = crew(&fixture);
    write_in(&wt.path, "config.py", &format!("KEY = '{KEY}'\n"));
    let leaked = commit_in(&fixture, &wt, "add key");
    write_in(&wt.path, "config.py", "KEY = None\n");
    fixture.git_at(&wt.path, &["commit", "-q", "-a", "--amend", "-m", "config"]);
    let tip = fixture.rev(&wt.branch);

    let (result, _seen) = collect(&repo, &wt, base);
    let Collected::Refused { refusals, reset } = result.expect("collected") else {
        panic!("refused")
    };
    assert_eq!(refusals[0].origin, Origin::Commit(leaked));
    assert_eq!(reset.map(|r| (r.from, r.to)), Some((tip, base)));
    assert_unreachable(&fixture, &wt, &[leaked, tip]);
    assert_eq!(status(&fixture, &wt), "A  config.py");
}

#[test]
fn a_refused_uncommitted_file_writes_nothing() {
    let fixture = Fixture::new();
    let (repo, wt, base) = crew(&fixture);
    write_in(&wt.path, "clean.txt", "fine\n");
    write_in(&wt.path, "secret.env", &format!("TOKEN={KEY}\n"));
    write_in(&wt.path, "a.txt", "edited\n");
    let objects = object_files(&fixture);
    let index =
        std::fs::read(fixture.path(&format!(".git/worktrees/{}/index", wt.id))).expect("index");
    let branch_log = fixture.git(&["log", "-g", "--format=%H %gs", &wt.branch]);

    let (result, seen) = collect(&repo, &wt, base);
    let Collected::Refused { refusals, reset } = result.expect("collected") else {
        panic!("refused")
    };
    assert_eq!(
        refusals
            .iter()
            .map(|r| (r.path.as_str(), r.origin))
            .collect::<Vec<_>>(),
        [("secret.env", Origin::Worktree)]
    );
    assert_eq!(reset, None, "no commit of the crew holds it");
    assert_eq!(
        seen.len(),
        3,
        "every candidate is shown, not just up to the first refusal"
    );
    assert_eq!(object_files(&fixture), objects, "no object was written");
    assert_eq!(
        std::fs::read(fixture.path(&format!(".git/worktrees/{}/index", wt.id))).expect("index"),
        index,
        "the index is untouched"
    );
    assert_eq!(fixture.rev(&wt.branch), base);
    assert_eq!(
        fixture.git(&["log", "-g", "--format=%H %gs", &wt.branch]),
        branch_log
    );
    assert_eq!(
        status(&fixture, &wt),
        " M a.txt\n?? clean.txt\n?? secret.env"
    );
    assert_eq!(reachable_blobs_holding(&fixture, KEY), Vec::<String>::new());
}

#[test]
fn a_symlink_whose_target_holds_a_key_is_refused() {
    let fixture = Fixture::new();
    let (repo, wt, base) = crew(&fixture);
    std::os::unix::fs::symlink(format!("/tmp/{KEY}"), wt.path.join("link")).expect("symlink");
    let (result, seen) = collect(&repo, &wt, base);
    assert!(
        matches!(result, Ok(Collected::Refused { .. })),
        "{result:?}"
    );
    assert_eq!(seen[0].kind, BlobKind::Symlink);
    assert_eq!(seen[0].data, format!("/tmp/{KEY}").as_bytes());
    assert_eq!(status(&fixture, &wt), "?? link");
}

#[test]
fn the_committed_blob_is_exactly_what_the_guard_saw() {
    let fixture = Fixture::new();
    let (repo, wt, base) = crew(&fixture);
    write_in(&wt.path, "note.txt", "scanned text\n");
    let path = wt.path.join("note.txt");
    let mut seen = Vec::new();
    // A guard during whose call the file changes on disk (as a crew process still running
    // might change it): what is committed must be what the guard saw.
    let mut guard = |candidate: &Candidate<'_>| {
        seen.push(candidate.data.to_vec());
        std::fs::write(&path, format!("written after the scan: {KEY}\n")).expect("rewrite");
        Verdict::<String>::Accept
    };
    let result = repo
        .collect_change(&wt.path, base, &mut guard, &options())
        .expect("collected");
    let Collected::Committed { commit, .. } = result else {
        panic!("{result:?}")
    };
    assert_eq!(seen, [b"scanned text\n".to_vec()]);
    assert_eq!(
        fixture.git(&["show", &format!("{commit}:note.txt")]),
        "scanned text"
    );
    assert_eq!(reachable_blobs_holding(&fixture, KEY), Vec::<String>::new());
    assert_eq!(
        status(&fixture, &wt),
        " M note.txt",
        "the later change is left uncommitted"
    );
}

#[test]
fn clean_filters_apply_before_the_guard_sees_the_bytes() {
    let fixture = Fixture::new();
    write_in(fixture.root(), ".gitattributes", "*.txt text eol=lf\n");
    fixture.git(&["add", ".gitattributes"]);
    fixture.git(&["commit", "-q", "-m", "attributes"]);
    let (repo, wt, base) = crew(&fixture);
    std::fs::write(wt.path.join("crlf.txt"), "one\r\ntwo\r\n").expect("write");
    let (result, seen) = collect(&repo, &wt, base);
    let Collected::Committed { commit, .. } = result.expect("collected") else {
        panic!("committed")
    };
    assert_eq!(seen[0].data, b"one\ntwo\n");
    let blob = fixture.git(&["rev-parse", &format!("{commit}:crlf.txt")]);
    assert_eq!(
        fixture.git(&["cat-file", "-s", &blob]),
        "8",
        "the normalised bytes are committed"
    );
    assert_eq!(status(&fixture, &wt), "");
}

#[test]
fn nothing_changed_is_nothing_to_commit_and_writes_nothing() {
    let fixture = Fixture::new();
    let (repo, wt, base) = crew(&fixture);
    write_in(&wt.path, "ignored.log", "x\n");
    // Touched but identical: still nothing.
    write_in(&wt.path, "a.txt", "one\ntwo\nthree\n");
    let objects = object_files(&fixture);
    let (result, seen) = collect(&repo, &wt, base);
    assert_eq!(
        result.expect("collected"),
        Collected::NothingToCommit { head: base }
    );
    assert!(seen.is_empty(), "{seen:?}");
    assert_eq!(object_files(&fixture), objects);
    assert_eq!(fixture.rev(&wt.branch), base);
    assert_eq!(status(&fixture, &wt), "");
}

#[test]
fn commits_that_undo_each_other_are_nothing_to_commit() {
    let fixture = Fixture::new();
    let (repo, wt, base) = crew(&fixture);
    write_in(&wt.path, "tmp.txt", "temporary\n");
    commit_in(&fixture, &wt, "add");
    std::fs::remove_file(wt.path.join("tmp.txt")).expect("rm");
    let tip = commit_in(&fixture, &wt, "remove");
    let (result, seen) = collect(&repo, &wt, base);
    assert_eq!(
        result.expect("collected"),
        Collected::NothingToCommit { head: tip }
    );
    assert_eq!(seen.len(), 1, "the intermediate blob was still scanned");
    assert_eq!(fixture.rev(&wt.branch), tip, "nothing moved");
}

#[test]
fn a_nested_repository_is_refused_with_an_error() {
    let fixture = Fixture::new();
    let (repo, wt, base) = crew(&fixture);
    let nested = wt.path.join("vendor/lib");
    std::fs::create_dir_all(&nested).expect("mkdir");
    fixture.git_at(&nested, &["init", "-q"]);
    write_in(&nested, "f.txt", "f\n");
    fixture.commit_all_at(&nested, "nested");
    let objects = object_files(&fixture);
    let (result, _) = collect(&repo, &wt, base);
    let err = result.expect_err("refused");
    assert!(
        matches!(&err, CollectError::NestedRepository { path, commit: None, .. } if path == "vendor/lib"),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("`vendor/lib` is a nested repository"),
        "{err}"
    );
    assert_eq!(object_files(&fixture), objects);

    // A gitlink the crew committed is refused as well, naming the commit.
    fixture.git_at(&wt.path, &["add", "vendor/lib"]);
    let c = commit_in(&fixture, &wt, "gitlink");
    let (result, _) = collect(&repo, &wt, base);
    assert!(
        matches!(result, Err(CollectError::NestedRepository { commit: Some(id), .. }) if id == c),
        "{result:?}"
    );
}

#[test]
fn a_head_on_another_branch_is_refused_when_a_branch_is_required() {
    let fixture = Fixture::new();
    let (repo, wt, base) = crew(&fixture);
    fixture.git_at(&wt.path, &["checkout", "-q", "-b", "elsewhere"]);
    let mut options = options();
    options.branch = Some(wt.branch.clone());
    let err = repo
        .collect_change(&wt.path, base, &mut |_| Verdict::<()>::Accept, &options)
        .expect_err("refused");
    assert_eq!(
        err.to_string(),
        format!(
            "cannot collect the change in {}: HEAD is on `elsewhere`, not on `{}`",
            wt.path.display(),
            wt.branch
        )
    );
}

#[test]
fn crews_collect_in_parallel() {
    let fixture = Fixture::new();
    let repo = fixture.repo();
    let base = fixture.rev("HEAD");
    let dir = fixture.path(".mso/worktrees");
    let worktrees: Vec<Worktree> = (0..6)
        .map(|i| {
            let wt = repo
                .add_worktree(&dir, "v1", &format!("o{i}"), base)
                .expect("added");
            write_in(&wt.path, &format!("crew{i}/file.txt"), &format!("{i}\n"));
            write_in(&wt.path, "a.txt", &format!("changed by {i}\n"));
            if i % 2 == 0 {
                commit_in(&fixture, &wt, "own commit");
                write_in(&wt.path, "after.txt", "after\n");
            }
            wt
        })
        .collect();
    let commits: Vec<ObjectId> = std::thread::scope(|scope| {
        let handles: Vec<_> = worktrees
            .iter()
            .map(|wt| {
                let root = fixture.root().to_owned();
                scope.spawn(move || {
                    let repo = Repo::discover(&root).expect("repo");
                    match collect(&repo, wt, base).0.expect("collected") {
                        Collected::Committed { commit, .. } => commit,
                        other => panic!("{other:?}"),
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    for (i, (wt, commit)) in worktrees.iter().zip(&commits).enumerate() {
        assert_eq!(fixture.rev(&wt.branch), *commit);
        assert_eq!(status(&fixture, wt), "");
        assert_eq!(
            fixture.git(&["show", &format!("{commit}:a.txt")]),
            format!("changed by {i}")
        );
        assert_eq!(
            fixture.git(&["rev-list", "--parents", "-1", &commit.to_string()]),
            format!("{commit} {base}")
        );
    }
}

#[test]
fn type_changes_and_tracked_ignored_files_are_staged_as_git_add_all_stages_them() {
    let fixture = Fixture::new();
    let (repo, wt, base) = crew(&fixture);
    // A file becomes a directory, a directory becomes a file, a symlink becomes a file.
    std::fs::remove_file(wt.path.join("a.txt")).expect("rm");
    write_in(&wt.path, "a.txt/inner.txt", "inner\n");
    std::fs::remove_dir_all(wt.path.join("dir")).expect("rm");
    write_in(&wt.path, "dir", "now a file\n");
    // An ignored file the crew tracks explicitly counts; an intent-to-add one too.
    write_in(&wt.path, "kept.log", "forced\n");
    fixture.git_at(&wt.path, &["add", "-f", "kept.log"]);
    write_in(&wt.path, "intent.txt", "intent\n");
    fixture.git_at(&wt.path, &["add", "-N", "intent.txt"]);

    let (result, _) = collect(&repo, &wt, base);
    let Collected::Committed { commit, .. } = result.expect("collected") else {
        panic!("committed")
    };
    assert_eq!(status(&fixture, &wt), "");
    fixture.git_at(&wt.path, &["add", "-A"]);
    assert_eq!(
        fixture.git_at(&wt.path, &["write-tree"]),
        fixture.git(&["rev-parse", &format!("{commit}^{{tree}}")]),
        "git stages the same tree"
    );
    assert_eq!(
        fixture.git(&["ls-tree", "-r", "--name-only", &commit.to_string()]),
        ".gitignore\na.txt/inner.txt\ndir\nintent.txt\nkept.log"
    );
}

#[test]
fn index_tricks_do_not_hide_content_from_the_guard() {
    let fixture = Fixture::new();
    let (repo, wt, base) = crew(&fixture);
    // Marked unchanged or skipped, a modified file still holds what is on disk.
    write_in(&wt.path, "a.txt", &format!("{KEY}\n"));
    fixture.git_at(&wt.path, &["update-index", "--assume-unchanged", "a.txt"]);
    write_in(&wt.path, "dir/b.txt", "skipped but changed\n");
    fixture.git_at(&wt.path, &["update-index", "--skip-worktree", "dir/b.txt"]);
    assert_eq!(status(&fixture, &wt), "", "git itself no longer shows them");
    let (result, seen) = collect(&repo, &wt, base);
    let Collected::Refused { refusals, .. } = result.expect("collected") else {
        panic!("refused")
    };
    assert_eq!(refusals[0].path, "a.txt");
    assert!(seen.iter().any(|s| s.path == "dir/b.txt"));

    // A staged blob that differs from the file: the file's bytes are what is scanned and kept.
    fixture.git_at(
        &wt.path,
        &["update-index", "--no-assume-unchanged", "a.txt"],
    );
    write_in(&wt.path, "a.txt", "clean on disk\n");
    write_in(&wt.path, "staged.txt", &format!("{KEY}\n"));
    fixture.git_at(&wt.path, &["add", "staged.txt"]);
    write_in(&wt.path, "staged.txt", "clean on disk too\n");
    let (result, seen) = collect(&repo, &wt, base);
    let Collected::Committed { commit, .. } = result.expect("collected") else {
        panic!("committed")
    };
    assert!(
        seen.iter()
            .all(|s| !String::from_utf8_lossy(&s.data).contains(KEY))
    );
    assert_eq!(
        fixture.git(&["show", &format!("{commit}:staged.txt")]),
        "clean on disk too"
    );
    assert_eq!(
        fixture.git(&["show", &format!("{commit}:dir/b.txt")]),
        "skipped but changed"
    );
    assert_eq!(reachable_blobs_holding(&fixture, KEY), Vec::<String>::new());
    assert_eq!(status(&fixture, &wt), "");
}
