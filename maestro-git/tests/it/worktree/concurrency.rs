//! Worktree operations running at once.

use super::*;

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
