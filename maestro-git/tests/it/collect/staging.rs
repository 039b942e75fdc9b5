//! What becomes the commit: the worktree staged as `git add --all` would stage it, and nothing
//! when nothing changed.

use super::*;

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
