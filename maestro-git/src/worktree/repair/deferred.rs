//! Lock files and entries that the repair removes only once they are old enough, and the
//! clocks that tell their age.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Something to remove once it is old enough (and unchanged).
pub(super) struct Deferred {
    pub(super) path: PathBuf,
    /// Modification time and length when first seen.
    pub(super) seen: Option<(SystemTime, u64)>,
    pub(super) kind: DeferredKind,
}

pub(super) enum DeferredKind {
    /// A lock file.
    Lock,
    /// An entry without `gitdir`.
    Entry,
}

pub(super) fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// The newest modification time of `dir` and the files in it.
pub(super) fn newest(dir: &Path) -> Option<SystemTime> {
    let mut newest = std::fs::symlink_metadata(dir).ok()?.modified().ok()?;
    for file in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if let Ok(modified) = file.metadata().and_then(|m| m.modified()) {
            newest = newest.max(modified);
        }
    }
    Some(newest)
}

pub(super) fn age(time: SystemTime) -> Duration {
    time.elapsed().unwrap_or_default()
}
