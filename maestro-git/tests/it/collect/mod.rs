//! Collecting a crew's work into one commit, by concern; the helpers they share.

mod guard;
mod refusals;
mod staging;

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
