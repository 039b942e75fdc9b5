//! A crew at work: a guard that records what it is shown, a crew's worktree on a voyage, its
//! change collected, and commits written straight into the object database.

use maestro_git::collect::{
    BlobKind, Candidate, CollectError, CollectOptions, Collected, Origin, Verdict,
};
use maestro_git::worktree::Worktree;
use maestro_git::{Identity, ObjectId, Repo};

use super::Fixture;

/// What the scanner stand-in refuses.
pub const KEY: &str = "sk-live-0123456789abcdef";

/// A candidate as the guard saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub path: String,
    pub data: Vec<u8>,
    pub kind: BlobKind,
    pub origin: Origin,
}

/// A guard that records every candidate and refuses those holding [`KEY`].
pub fn recording(seen: &mut Vec<Seen>) -> impl FnMut(&Candidate<'_>) -> Verdict<String> + '_ {
    |candidate| {
        seen.push(Seen {
            path: candidate.path.to_owned(),
            data: candidate.data.to_vec(),
            kind: candidate.kind,
            origin: candidate.origin,
        });
        if String::from_utf8_lossy(candidate.data).contains(KEY) {
            Verdict::Refuse(format!("a key in {}", candidate.path))
        } else {
            Verdict::Accept
        }
    }
}

pub fn options() -> CollectOptions {
    CollectOptions::new(
        Identity::new("maestro builder", "builder@maestro.localhost"),
        "builder: o1\n\nthe crew's work",
    )
}

/// A repository with a voyage branch at `HEAD` and one crew worktree on it.
pub fn crew(fixture: &Fixture) -> (Repo, Worktree, ObjectId) {
    let (repo, base) = fixture.start_voyage("v1");
    let wt = repo
        .add_worktree(&fixture.path(".mso/worktrees"), "v1", "o1", base)
        .expect("added");
    (repo, wt, base)
}

/// Collects `wt`'s change with the recording guard.
pub fn collect(
    repo: &Repo,
    wt: &Worktree,
    base: ObjectId,
) -> (Result<Collected<String>, CollectError>, Vec<Seen>) {
    let mut seen = Vec::new();
    let result = repo.collect_change(&wt.path, base, &mut recording(&mut seen), &options());
    (result, seen)
}

/// Writes a commit on `parent` that sets `files` (path, content), with gix, and returns it.
pub fn commit_on(repo: &Repo, parent: ObjectId, files: &[(&str, &str)], message: &str) -> ObjectId {
    let gix = repo.gix();
    let tree = gix
        .find_commit(parent)
        .expect("parent")
        .tree_id()
        .expect("tree")
        .detach();
    let mut editor = gix.edit_tree(tree).expect("editor");
    for (path, content) in files {
        let blob = gix.write_blob(content.as_bytes()).expect("blob").detach();
        editor
            .upsert(*path, gix::objs::tree::EntryKind::Blob, blob)
            .expect("upsert");
    }
    let tree = editor.write().expect("tree").detach();
    let sig = gix::actor::Signature {
        name: "Tester".into(),
        email: "tester@example.com".into(),
        time: gix::date::Time::new(1_767_225_600, 0),
    };
    let commit = gix::objs::Commit {
        tree,
        parents: [parent].into_iter().collect(),
        author: sig.clone(),
        committer: sig,
        encoding: None,
        message: message.into(),
        extra_headers: Vec::new(),
    };
    gix.write_object(&commit).expect("commit").detach()
}

/// Moves the voyage branch `maestro/v1` from `from` to `to`, as if other orders were merged.
pub fn move_voyage(repo: &Repo, from: ObjectId, to: ObjectId) {
    repo.delete_branch("maestro/v1", from).expect("reset");
    repo.create_branch("maestro/v1", to, "test")
        .expect("voyage");
}
