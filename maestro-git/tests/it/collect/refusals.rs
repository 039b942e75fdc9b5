//! Worktrees that cannot be collected, and crews collected in parallel.

use super::*;

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
