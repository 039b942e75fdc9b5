//! What a process killed in the middle of a worktree operation leaves, built by hand with real
//! git layouts, repaired by `Repo::repair_worktrees`; git must work afterwards and the order's
//! worktree must be addable again.

mod damaged;
mod interrupted;
mod leftovers;

use std::path::{Path, PathBuf};
use std::time::Duration;

use maestro_git::worktree::{Action, Found, Repair, RepairOptions, Subject};

use crate::support::{Fixture, write_in};

/// Short enough for tests, long enough to be waited for visibly.
const GRACE: Duration = Duration::from_millis(300);

fn options() -> RepairOptions {
    RepairOptions {
        grace: GRACE,
        ..RepairOptions::default()
    }
}

/// A repository with voyage `v`'s branch and its worktrees directory.
fn voyage() -> (Fixture, maestro_git::Repo, maestro_git::ObjectId, PathBuf) {
    let fixture = Fixture::new();
    let (repo, head) = fixture.start_voyage("v");
    let dir = fixture.path(".mso/worktrees");
    (fixture, repo, head, dir)
}

/// `git worktree list`, `git fsck` and `git gc --prune=now` all succeed, and git lists exactly
/// `expected` linked worktrees.
fn assert_git_healthy(fixture: &Fixture, expected: usize) {
    let list = fixture.git(&["worktree", "list", "--porcelain"]);
    assert_eq!(list.matches("worktree ").count(), 1 + expected, "{list}");
    assert!(!list.contains("prunable"), "{list}");
    fixture.git(&["fsck", "--no-dangling", "--no-progress"]);
    fixture.git(&["gc", "--prune=now", "--quiet"]);
    fixture.git(&["fsck", "--no-dangling", "--no-progress"]);
    assert_eq!(fixture.git(&["worktree", "prune", "--dry-run", "-v"]), "");
}

/// The order's worktree can be added again, and it is a clean checkout.
fn assert_addable(fixture: &Fixture, repo: &maestro_git::Repo, dir: &Path, order: &str) {
    let head = fixture.rev("maestro/v");
    if let Some(old) = repo
        .branch_commit(&format!("maestro-crew/v/{order}"))
        .expect("read")
    {
        repo.delete_branch(&format!("maestro-crew/v/{order}"), old)
            .expect("the branch can be deleted: no stale lock on it");
    }
    let wt = repo
        .add_worktree(dir, "v", order, head)
        .expect("added again");
    assert_eq!(
        fixture.git_at(
            &wt.path,
            &["status", "--porcelain", "--untracked-files=all"]
        ),
        ""
    );
}

fn paths(repairs: &[Repair]) -> Vec<(PathBuf, Found, Action)> {
    repairs
        .iter()
        .map(|r| {
            let path = match &r.subject {
                Subject::Path(p) => p.clone(),
                other => PathBuf::from(other.to_string()),
            };
            (path, r.found.clone(), r.action)
        })
        .collect()
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_owned())
}
