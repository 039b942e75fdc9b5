//! The guard: keys found anywhere a crew put them are refused and left unreachable.

use super::*;

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
