//! Writing the tree objects an index describes (`git write-tree`), which gix does not offer.

use gix::bstr::{BStr, ByteSlice};
use gix::index::entry::{Flags, Mode};
use gix::objs::tree::{Entry, EntryKind};

/// Writes the trees for the stage-0 entries of `index` (entries marked for removal are
/// skipped) and returns the root tree's id.
pub(crate) fn write_index_tree(
    repo: &gix::Repository,
    index: &gix::index::State,
) -> Result<gix::ObjectId, gix::Error> {
    let entries: Vec<(&BStr, EntryKind, gix::ObjectId)> = index
        .entries()
        .iter()
        .filter(|e| e.stage_raw() == 0 && !e.flags.contains(Flags::REMOVE))
        .map(|e| (e.path(index), kind(e.mode), e.id))
        .collect();
    write_level(repo, &entries, 0)
}

fn kind(mode: Mode) -> EntryKind {
    if mode == Mode::FILE_EXECUTABLE {
        EntryKind::BlobExecutable
    } else if mode == Mode::SYMLINK {
        EntryKind::Link
    } else if mode == Mode::COMMIT {
        EntryKind::Commit
    } else {
        EntryKind::Blob
    }
}

/// Writes the tree for `entries`, which all share the first `prefix` bytes of their path
/// (a directory path including its trailing `/`) and are sorted by path.
fn write_level(
    repo: &gix::Repository,
    entries: &[(&BStr, EntryKind, gix::ObjectId)],
    prefix: usize,
) -> Result<gix::ObjectId, gix::Error> {
    let mut tree = gix::objs::Tree::empty();
    let mut i = 0;
    while i < entries.len() {
        let (path, kind, id) = entries[i];
        let rest = &path[prefix..];
        if let Some(slash) = rest.find_byte(b'/') {
            let dir = &rest[..=slash];
            let end = i + entries[i..]
                .iter()
                .take_while(|(p, _, _)| p[prefix..].starts_with(dir))
                .count();
            let sub = write_level(repo, &entries[i..end], prefix + slash + 1)?;
            tree.entries.push(Entry {
                mode: EntryKind::Tree.into(),
                filename: rest[..slash].into(),
                oid: sub,
            });
            i = end;
        } else {
            tree.entries.push(Entry {
                mode: kind.into(),
                filename: rest.into(),
                oid: id,
            });
            i += 1;
        }
    }
    tree.entries.sort();
    Ok(repo.write_object(&tree)?.detach())
}
