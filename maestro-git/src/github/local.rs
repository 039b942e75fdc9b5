//! Reading the local objects a push uploads, in the shape the Git Data API takes them.

use std::collections::HashSet;

use gix::ObjectId;
use gix::bstr::ByteSlice;
use gix::objs::tree::EntryKind;

use super::time;

/// Why a local object cannot be pushed.
#[derive(Debug)]
pub(crate) enum Problem {
    /// Reading it failed.
    Read {
        what: String,
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The API cannot reproduce it byte for byte.
    Unsupported { what: String, reason: String },
}

fn read<E: std::error::Error + Send + Sync + 'static>(
    what: impl FnOnce() -> String,
) -> impl FnOnce(E) -> Problem {
    move |source| Problem::Read {
        what: what(),
        source: Box::new(source),
    }
}

/// An author or committer as the API takes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Person {
    pub name: String,
    pub email: String,
    /// ISO 8601 with the original offset.
    pub date: String,
}

/// A commit as `POST /git/commits` takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Commit {
    pub tree: ObjectId,
    pub parents: Vec<ObjectId>,
    pub author: Person,
    pub committer: Person,
    pub message: String,
    /// The `gpgsig` header, which the API takes as `signature`.
    pub signature: Option<String>,
}

/// The API's file modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    File,
    Executable,
    Link,
    Tree,
    Submodule,
}

impl Mode {
    /// `(mode, type)` as `POST /git/trees` takes them.
    pub fn api(self) -> (&'static str, &'static str) {
        match self {
            Mode::File => ("100644", "blob"),
            Mode::Executable => ("100755", "blob"),
            Mode::Link => ("120000", "blob"),
            Mode::Tree => ("040000", "tree"),
            Mode::Submodule => ("160000", "commit"),
        }
    }
}

/// One entry of a tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub name: String,
    pub mode: Mode,
    pub id: ObjectId,
}

fn text(bytes: &[u8], what: impl FnOnce() -> String) -> Result<String, Problem> {
    bytes
        .to_str()
        .map(ToOwned::to_owned)
        .map_err(|_| Problem::Unsupported {
            what: what(),
            reason: "it is not UTF-8, which the JSON API cannot carry".to_owned(),
        })
}

fn person(signature: gix::actor::SignatureRef<'_>, what: &str) -> Result<Person, Problem> {
    let when = signature
        .time()
        .map_err(read(|| format!("the {what} date")))?;
    Ok(Person {
        name: text(signature.name, || format!("the {what} name"))?,
        email: text(signature.email, || format!("the {what} email"))?,
        date: time::iso8601(when.seconds, when.offset),
    })
}

/// Reads commit `id`.
pub(crate) fn commit(repo: &gix::Repository, id: ObjectId) -> Result<Commit, Problem> {
    let what = || format!("commit {id}");
    let object = repo.find_commit(id).map_err(read(what))?;
    let decoded = object.decode().map_err(read(what))?;
    if let Some(encoding) = decoded.encoding {
        return Err(Problem::Unsupported {
            what: what(),
            reason: format!("its message encoding {encoding} cannot be set through the API"),
        });
    }
    let mut signature = None;
    for (name, value) in &decoded.extra_headers {
        if name.as_bytes() == b"gpgsig" && signature.is_none() {
            signature = Some(text(value, what)?);
        } else {
            return Err(Problem::Unsupported {
                what: what(),
                reason: format!("its header {name:?} cannot be set through the API"),
            });
        }
    }
    Ok(Commit {
        tree: decoded.tree(),
        parents: decoded.parents().collect(),
        author: person(decoded.author().map_err(read(what))?, "author")?,
        committer: person(decoded.committer().map_err(read(what))?, "committer")?,
        message: text(decoded.message, what)?,
        signature,
    })
}

/// The tree of commit `id`.
pub(crate) fn commit_tree(repo: &gix::Repository, id: ObjectId) -> Result<ObjectId, Problem> {
    let what = || format!("commit {id}");
    let object = repo.find_commit(id).map_err(read(what))?;
    Ok(object.tree_id().map_err(read(what))?.detach())
}

/// The parents of commit `id`.
pub(crate) fn parents(repo: &gix::Repository, id: ObjectId) -> Result<Vec<ObjectId>, Problem> {
    let object = repo
        .find_commit(id)
        .map_err(read(|| format!("commit {id}")))?;
    Ok(object.parent_ids().map(gix::Id::detach).collect())
}

/// The entries of tree `id`, with names as they are.
fn raw_tree(
    repo: &gix::Repository,
    id: ObjectId,
) -> Result<Vec<(gix::bstr::BString, Mode, ObjectId)>, Problem> {
    let what = || format!("tree {id}");
    let object = repo.find_tree(id).map_err(read(what))?;
    let decoded = object.decode().map_err(read(what))?;
    Ok(decoded
        .entries
        .iter()
        .map(|entry| {
            let mode = match entry.mode.kind() {
                EntryKind::Blob => Mode::File,
                EntryKind::BlobExecutable => Mode::Executable,
                EntryKind::Link => Mode::Link,
                EntryKind::Tree => Mode::Tree,
                EntryKind::Commit => Mode::Submodule,
            };
            (entry.filename.to_owned(), mode, entry.oid.to_owned())
        })
        .collect())
}

/// The entries of tree `id`, for `POST /git/trees`.
pub(crate) fn tree(repo: &gix::Repository, id: ObjectId) -> Result<Vec<Entry>, Problem> {
    raw_tree(repo, id)?
        .into_iter()
        .map(|(name, mode, entry)| {
            Ok(Entry {
                name: text(&name, || format!("a file name in tree {id}"))?,
                mode,
                id: entry,
            })
        })
        .collect()
}

/// The content of blob `id`.
pub(crate) fn blob(repo: &gix::Repository, id: ObjectId) -> Result<Vec<u8>, Problem> {
    let object = repo.find_blob(id).map_err(read(|| format!("blob {id}")))?;
    Ok(object.data.clone())
}

/// Adds tree `id` and every tree and blob below it to `known`, skipping subtrees already in
/// it: what a remote that has a commit with this tree also has.
pub(crate) fn add_tree_objects(
    repo: &gix::Repository,
    id: ObjectId,
    known: &mut HashSet<ObjectId>,
) -> Result<(), Problem> {
    let mut pending = vec![id];
    while let Some(tree_id) = pending.pop() {
        if !known.insert(tree_id) {
            continue;
        }
        for (_, mode, entry) in raw_tree(repo, tree_id)? {
            match mode {
                Mode::Tree => pending.push(entry),
                Mode::Submodule => {}
                Mode::File | Mode::Executable | Mode::Link => {
                    known.insert(entry);
                }
            }
        }
    }
    Ok(())
}
