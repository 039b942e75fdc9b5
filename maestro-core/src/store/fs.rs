//! File primitives of the state store: atomic replacement, advisory locks, JSON reading.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::StoreError;

/// An advisory lock on a file, held until dropped.
///
/// Locks are taken with the operating system's whole-file locks (`flock` on Unix,
/// `LockFileEx` on Windows) on a dedicated `.lock` file, so they are released if the process
/// dies and never block readers of the state files themselves.
#[derive(Debug)]
pub(crate) struct FileLock {
    _file: File,
}

impl FileLock {
    /// Waits for the exclusive lock of `path`, creating the file if needed.
    pub(crate) fn exclusive(path: &Path) -> Result<FileLock, StoreError> {
        let file = open_lock_file(path)?;
        file.lock().map_err(|e| StoreError::io("lock", path, e))?;
        Ok(FileLock { _file: file })
    }

    /// Takes the exclusive lock of `path` if it is free; `None` if another holder has it.
    pub(crate) fn try_exclusive(path: &Path) -> Result<Option<FileLock>, StoreError> {
        let file = open_lock_file(path)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(FileLock { _file: file })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(StoreError::io("lock", path, e)),
        }
    }

    /// Waits for a shared lock of `path`, creating the file if needed.
    pub(crate) fn shared(path: &Path) -> Result<FileLock, StoreError> {
        let file = open_lock_file(path)?;
        file.lock_shared()
            .map_err(|e| StoreError::io("lock", path, e))?;
        Ok(FileLock { _file: file })
    }
}

fn open_lock_file(path: &Path) -> Result<File, StoreError> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|e| StoreError::io("open", path, e))
}

/// A file written next to its destination and fsynced, not yet renamed into place.
#[derive(Debug)]
pub(crate) struct Staged {
    temp: tempfile::NamedTempFile,
    dest: PathBuf,
}

impl Staged {
    /// Writes `bytes` to a temporary file in `dest`'s directory and syncs it to disk.
    pub(crate) fn new(dest: &Path, bytes: &[u8]) -> Result<Staged, StoreError> {
        let dir = parent(dest);
        let mut temp = tempfile::Builder::new()
            .prefix(".tmp-")
            .tempfile_in(dir)
            .map_err(|e| StoreError::io("create a temporary file in", dir, e))?;
        temp.write_all(bytes)
            .and_then(|()| temp.as_file().sync_all())
            .map_err(|e| StoreError::io("write", temp.path(), e))?;
        Ok(Staged {
            temp,
            dest: dest.to_owned(),
        })
    }

    /// Renames the file into place (atomically replacing any old one) and syncs the directory.
    pub(crate) fn commit(self) -> Result<(), StoreError> {
        let dest = self.dest;
        self.temp
            .persist(&dest)
            .map_err(|e| StoreError::io("replace", &dest, e.error))?;
        sync_dir(parent(&dest))
    }
}

/// Atomically replaces `dest` with `bytes`: temp file, fsync, rename, fsync of the directory.
pub(crate) fn write_atomic(dest: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    Staged::new(dest, bytes)?.commit()
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Makes a rename in `dir` durable. Directories cannot be opened for syncing on Windows, where
/// the rename is durable once `MoveFileEx` returns.
fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| StoreError::io("sync", dir, e))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Removes `path` if it exists and makes the removal durable (syncs its directory).
pub(crate) fn remove_file(path: &Path) -> Result<(), StoreError> {
    match std::fs::remove_file(path) {
        Ok(()) => sync_dir(parent(path)),
        Err(e) if is_not_found(&e) => Ok(()),
        Err(e) => Err(StoreError::io("remove", path, e)),
    }
}

/// Syncs the directory of `path` after a rename into or out of it.
pub(crate) fn sync_parent(path: &Path) -> Result<(), StoreError> {
    sync_dir(parent(path))
}

/// Creates `dir` and its parents.
pub(crate) fn create_dir(dir: &Path) -> Result<(), StoreError> {
    std::fs::create_dir_all(dir).map_err(|e| StoreError::io("create", dir, e))
}

/// Reads `path` as JSON into `T`; a decoding problem names the file and the JSON path.
pub(crate) fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T, StoreError> {
    let bytes = std::fs::read(path).map_err(|e| StoreError::io("read", path, e))?;
    crate::json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
        path: path.to_owned(),
        location: e.location(),
        message: e.message,
    })
}

/// [`read_json`], or `None` when `path` does not exist.
pub(crate) fn read_json_if_exists<T: DeserializeOwned>(
    path: &Path,
) -> Result<Option<T>, StoreError> {
    if !exists(path)? {
        return Ok(None);
    }
    read_json(path).map(Some)
}

/// Serialises `value` as pretty JSON with a final newline.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("state records always serialise");
    bytes.push(b'\n');
    bytes
}

/// Whether `path` exists; errors other than "not found" are reported.
pub(crate) fn exists(path: &Path) -> Result<bool, StoreError> {
    path.try_exists()
        .map_err(|e| StoreError::io("inspect", path, e))
}

/// `io::ErrorKind::NotFound` check that keeps other errors.
pub(crate) fn is_not_found(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::NotFound
}
