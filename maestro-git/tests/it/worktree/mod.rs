//! Crew worktrees, by concern; the helpers they share.

mod concurrency;
mod lifecycle;
mod recycle;

use maestro_git::branch::{crew_branch, voyage_branch};
use maestro_git::worktree::{AddError, RemoveError, RemoveOptions};

use crate::support::{Fixture, write_in};

fn porcelain_worktrees(fixture: &Fixture) -> String {
    fixture.git(&["worktree", "list", "--porcelain"])
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
