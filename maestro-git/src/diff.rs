//! What changed: the paths and line counts between two commits (scope gates, reports), and
//! the lines staged in the index (what a scan of staged changes reads).

use std::cmp::Ordering;
use std::path::PathBuf;

use gix::bstr::{BStr, ByteSlice};
use gix::diff::blob::{Algorithm, Diff, InternedInput, sources::byte_lines};
use gix::index::entry::Mode;

use crate::Repo;

/// How a path changed between two commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// The path is new.
    Added,
    /// The path is gone.
    Deleted,
    /// The content or the mode (executable bit, file/symlink) changed.
    Modified,
}

/// One changed path with its line counts, like a line of `git diff --numstat`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStat {
    /// The path, relative to the repository root, `/`-separated.
    pub path: String,
    /// How it changed.
    pub kind: ChangeKind,
    /// Lines added (0 for binary content).
    pub added: usize,
    /// Lines removed (0 for binary content).
    pub removed: usize,
    /// Either side is binary (holds a NUL byte in its first 8000 bytes, git's test).
    pub binary: bool,
}

/// The lines a staged file adds, for scanning what is about to be committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedLines {
    /// The path, relative to the repository root, `/`-separated.
    pub path: String,
    /// The added lines: 1-based line number in the staged file, and the line without its
    /// line ending (invalid UTF-8 replaced).
    pub lines: Vec<(usize, String)>,
}

/// Reading or comparing commits, trees, blobs or the index failed.
#[derive(Debug, thiserror::Error)]
#[error("cannot {operation}")]
pub struct DiffError {
    /// What was being done, e.g. `diff 1a2b3c… and 4d5e6f…`.
    pub operation: String,
    /// The cause.
    #[source]
    pub source: gix::Error,
}

/// A path's blob on one side of a comparison.
type Side = Option<(Mode, gix::ObjectId)>;

fn is_binary(data: &[u8]) -> bool {
    data[..data.len().min(8000)].contains(&0)
}

fn strip_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Pairs the stage-0 entries of two sorted indices by path and calls `f` for every path
/// whose mode or content differs.
fn changes(
    old: &gix::index::State,
    new: &gix::index::State,
    mut visit: impl FnMut(&BStr, Side, Side) -> Result<(), gix::Error>,
) -> Result<(), gix::Error> {
    let stage0 = |state: &gix::index::State| -> Vec<usize> {
        state
            .entries()
            .iter()
            .enumerate()
            .filter(|(_, e)| e.stage_raw() == 0 && !e.mode.is_sparse())
            .map(|(pos, _)| pos)
            .collect()
    };
    let (olds, news) = (stage0(old), stage0(new));
    let (mut at_old, mut at_new) = (0, 0);
    loop {
        let before = olds.get(at_old).map(|&pos| &old.entries()[pos]);
        let after = news.get(at_new).map(|&pos| &new.entries()[pos]);
        let order = match (before, after) {
            (None, None) => return Ok(()),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some(b), Some(a)) => b.path(old).cmp(a.path(new)),
        };
        if let (Ordering::Less, Some(b)) = (order, before) {
            visit(b.path(old), Some((b.mode, b.id)), None)?;
            at_old += 1;
        } else if let (Ordering::Greater, Some(a)) = (order, after) {
            visit(a.path(new), None, Some((a.mode, a.id)))?;
            at_new += 1;
        } else if let (Some(b), Some(a)) = (before, after) {
            if b.mode != a.mode || b.id != a.id {
                visit(a.path(new), Some((b.mode, b.id)), Some((a.mode, a.id)))?;
            }
            at_old += 1;
            at_new += 1;
        }
    }
}

impl Repo {
    fn commit_index(&self, commit: gix::ObjectId) -> Result<gix::index::File, gix::Error> {
        let tree = self.repo.find_commit(commit)?.tree_id()?.detach();
        self.repo.index_from_tree(&tree)
    }

    fn blob_data(&self, side: Side) -> Result<Vec<u8>, gix::Error> {
        match side {
            // A symlink's blob is its target, one line to git's line counts.
            Some((mode, id))
                if mode == Mode::FILE || mode == Mode::FILE_EXECUTABLE || mode == Mode::SYMLINK =>
            {
                Ok(self.repo.find_blob(id)?.take_data())
            }
            _ => Ok(Vec::new()),
        }
    }

    /// The paths that differ between commits `from` and `to`, sorted (no rename detection: a
    /// rename is a deletion and an addition).
    pub fn changed_paths(
        &self,
        from: gix::ObjectId,
        to: gix::ObjectId,
    ) -> Result<Vec<String>, DiffError> {
        let error = |source| DiffError {
            operation: format!("list the paths changed between {from} and {to}"),
            source,
        };
        let old = self.commit_index(from).map_err(error)?;
        let new = self.commit_index(to).map_err(error)?;
        let mut paths = Vec::new();
        changes(&old, &new, |path, _, _| {
            paths.push(path.to_str_lossy().into_owned());
            Ok(())
        })
        .map_err(error)?;
        Ok(paths)
    }

    /// The changed paths between commits `from` and `to` with added and removed line counts,
    /// like `git diff --numstat --no-renames from to`, sorted by path.
    pub fn diff_stat(
        &self,
        from: gix::ObjectId,
        to: gix::ObjectId,
    ) -> Result<Vec<FileStat>, DiffError> {
        let error = |source| DiffError {
            operation: format!("count the lines changed between {from} and {to}"),
            source,
        };
        let old = self.commit_index(from).map_err(error)?;
        let new = self.commit_index(to).map_err(error)?;
        let mut stats = Vec::new();
        changes(&old, &new, |path, before, after| {
            let kind = match (before, after) {
                (None, _) => ChangeKind::Added,
                (_, None) => ChangeKind::Deleted,
                _ => ChangeKind::Modified,
            };
            let (a, b) = (self.blob_data(before)?, self.blob_data(after)?);
            let binary = is_binary(&a) || is_binary(&b);
            let (added, removed) = if binary {
                (0, 0)
            } else {
                let input = InternedInput::new(byte_lines(&a), byte_lines(&b));
                let diff = Diff::compute(Algorithm::Myers, &input);
                (
                    diff.count_additions() as usize,
                    diff.count_removals() as usize,
                )
            };
            stats.push(FileStat {
                path: path.to_str_lossy().into_owned(),
                kind,
                added,
                removed,
                binary,
            });
            Ok(())
        })
        .map_err(error)?;
        Ok(stats)
    }

    /// The lines the index adds compared with `HEAD` in the worktree this repository was
    /// discovered from (every line of a new file), per path, sorted by path. Binary blobs,
    /// symlinks, submodules and deletions are skipped.
    pub fn staged_added_lines(&self) -> Result<Vec<AddedLines>, DiffError> {
        let error = |source| DiffError {
            operation: format!(
                "read the staged changes of {}",
                self.repo
                    .workdir()
                    .map_or_else(PathBuf::new, ToOwned::to_owned)
                    .display()
            ),
            source,
        };
        let head = self.repo.head().map_err(error)?.id().map(gix::Id::detach);
        let old = match head {
            Some(head) => self.commit_index(head).map_err(error)?,
            None => self
                .repo
                .index_from_tree(&gix::ObjectId::empty_tree(self.repo.object_hash()))
                .map_err(error)?,
        };
        let index = self.repo.index_or_empty().map_err(error)?;
        let mut result = Vec::new();
        changes(&old, &index, |path, before, after| {
            let Some((mode, _)) = after else {
                return Ok(());
            };
            if mode != Mode::FILE && mode != Mode::FILE_EXECUTABLE {
                return Ok(());
            }
            let (a, b) = (self.blob_data(before)?, self.blob_data(after)?);
            if is_binary(&b) {
                return Ok(());
            }
            let input = InternedInput::new(byte_lines(&a), byte_lines(&b));
            let diff = Diff::compute(Algorithm::Myers, &input);
            let lines: Vec<(usize, String)> = input
                .after
                .iter()
                .enumerate()
                .filter(|&(i, _)| diff.is_added(u32::try_from(i).expect("fewer than 2^32 lines")))
                .map(|(i, token)| {
                    let line = strip_eol(input.interner[*token]);
                    (i + 1, line.to_str_lossy().into_owned())
                })
                .collect();
            if !lines.is_empty() {
                result.push(AddedLines {
                    path: path.to_str_lossy().into_owned(),
                    lines,
                });
            }
            Ok(())
        })
        .map_err(error)?;
        Ok(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_means_a_nul_in_the_first_8000_bytes() {
        assert!(is_binary(b"a\0b"));
        assert!(!is_binary(b"plain text\n"));
        let mut late = vec![b'a'; 8000];
        late.push(0);
        assert!(!is_binary(&late), "git looks at the first 8000 bytes only");
    }

    #[test]
    fn line_endings_are_stripped() {
        assert_eq!(strip_eol(b"x\r\n"), b"x");
        assert_eq!(strip_eol(b"x\n"), b"x");
        assert_eq!(strip_eol(b"x"), b"x");
    }
}
