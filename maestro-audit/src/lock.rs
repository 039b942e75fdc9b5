//! The sidecar lock `audit.lock`: appenders hold it exclusively, verification shares it.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// The lock path for a log: its extension replaced by `lock` (`audit.log` → `audit.lock`).
#[must_use]
pub fn lock_path_for(log: &Path) -> PathBuf {
    log.with_extension("lock")
}

/// Holds a lock on the lock file until dropped.
pub(crate) struct Locked<'a>(&'a File);

impl<'a> Locked<'a> {
    /// Takes the exclusive lock (an appender's).
    pub(crate) fn exclusive(file: &'a File) -> io::Result<Locked<'a>> {
        file.lock()?;
        Ok(Locked(file))
    }

    /// Takes the shared lock (a reader's: no append is half-written while it is held).
    pub(crate) fn shared(file: &'a File) -> io::Result<Locked<'a>> {
        file.lock_shared()?;
        Ok(Locked(file))
    }
}

impl Drop for Locked<'_> {
    fn drop(&mut self) {
        // Closing the file or ending the process releases it too; nothing more to do on error.
        let _ = self.0.unlock();
    }
}
