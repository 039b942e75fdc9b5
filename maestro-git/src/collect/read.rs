//! Reading a worktree file once, never through a symlink, within a byte budget, and filtering
//! it in memory into the blob it becomes.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use gix::filter::plumbing::pipeline::convert::ToGitOutcome;
use gix::index::entry::{Mode, Stat};

use super::candidate::BlobKind;
use super::context::Context;
use super::error::CollectError;

/// A worktree file as it becomes a blob.
pub(super) struct FileRead {
    pub(super) kind: BlobKind,
    pub(super) data: Vec<u8>,
    pub(super) stat: Stat,
}

/// Reads worktree files once each, never through a symlink, within a byte budget.
pub(super) struct Reader {
    pub(super) root: PathBuf,
    pub(super) executable_bit: bool,
    pub(super) remaining: u64,
    pub(super) max_bytes: u64,
}

impl Reader {
    /// Reads the file at `path` (relative, `/`-separated) and applies the clean filters in
    /// memory; `None` if it is gone or cannot be tracked (a directory, a socket). `before` is
    /// the mode in `HEAD`, kept when the file system does not record the executable bit.
    pub(super) fn read<F>(
        &mut self,
        cx: &Context<'_, F>,
        pipeline: &mut gix::filter::Pipeline<'_>,
        index: &gix::index::State,
        path: &str,
        before: Option<Mode>,
    ) -> Result<Option<FileRead>, CollectError> {
        let io = |source| CollectError::Read {
            worktree: cx.worktree.to_owned(),
            path: path.to_owned(),
            source,
        };
        let Some(full) = self.no_symlink_on_the_way(path).map_err(io)? else {
            return Ok(None);
        };
        let metadata = match gix::index::fs::Metadata::from_path_no_follow(&full) {
            Ok(metadata) => metadata,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io(e)),
        };
        let stat_of = |m: &gix::index::fs::Metadata| Stat::from_fs(m).unwrap_or_default();
        if metadata.is_symlink() {
            let target = std::fs::read_link(&full).map_err(io)?;
            let data = Vec::from(
                gix::path::into_bstr(target)
                    .map_err(|e| cx.git(e))?
                    .into_owned(),
            );
            self.spend(cx, &data)?;
            return Ok(Some(FileRead {
                kind: BlobKind::Symlink,
                data,
                stat: stat_of(&metadata),
            }));
        }
        if !metadata.is_file() {
            return Ok(None);
        }
        let mut file = match std::fs::File::open(&full) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io(e)),
        };
        let opened = gix::index::fs::Metadata::from_file(&file).map_err(io)?;
        // The path may have been swapped for another file or a symlink after the lstat.
        if !opened.is_file() || opened.dev() != metadata.dev() || opened.ino() != metadata.ino() {
            return Err(CollectError::Replaced {
                worktree: cx.worktree.to_owned(),
                path: path.to_owned(),
            });
        }
        let mut raw = Vec::new();
        (&mut file)
            .take(self.remaining.saturating_add(1))
            .read_to_end(&mut raw)
            .map_err(io)?;
        self.spend(cx, &raw)?;
        let filtered = match pipeline
            .convert_to_git(raw.as_slice(), Path::new(path), index)
            .map_err(|e| cx.git(e))?
        {
            ToGitOutcome::Unchanged(_) => None,
            ToGitOutcome::Buffer(buffer) => Some(buffer.to_vec()),
            ToGitOutcome::Process(mut output) => {
                let mut out = Vec::new();
                output.read_to_end(&mut out).map_err(io)?;
                Some(out)
            }
        };
        let data = match filtered {
            Some(data) => {
                self.remaining += raw.len() as u64;
                self.spend(cx, &data)?;
                data
            }
            None => raw,
        };
        let kind = if self.executable_bit {
            if opened.is_executable() {
                BlobKind::Executable
            } else {
                BlobKind::File
            }
        } else if before == Some(Mode::FILE_EXECUTABLE) {
            BlobKind::Executable
        } else {
            BlobKind::File
        };
        Ok(Some(FileRead {
            kind,
            data,
            stat: stat_of(&opened),
        }))
    }

    /// The full path of `path` if none of its leading directories is a symlink or missing.
    fn no_symlink_on_the_way(&self, path: &str) -> std::io::Result<Option<PathBuf>> {
        let mut full = self.root.clone();
        let mut parts = path.split('/').peekable();
        while let Some(part) = parts.next() {
            if part.is_empty() || part == "." || part == ".." {
                return Ok(None);
            }
            full.push(part);
            if parts.peek().is_some() {
                match full.symlink_metadata() {
                    Ok(m) if m.file_type().is_dir() => {}
                    Ok(_) => return Ok(None),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(Some(full))
    }

    /// Counts `data` against the byte budget.
    fn spend<F>(&mut self, cx: &Context<'_, F>, data: &[u8]) -> Result<(), CollectError> {
        let len = data.len() as u64;
        if len > self.remaining {
            return Err(CollectError::TooLarge {
                worktree: cx.worktree.to_owned(),
                limit: self.max_bytes,
            });
        }
        self.remaining -= len;
        Ok(())
    }
}
