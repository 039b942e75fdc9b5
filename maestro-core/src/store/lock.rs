//! The voyage's locks: the run lock a dispatcher or a reshaping command holds, and the lock of
//! every read-modify-write of the voyage and its orders.

use super::fs::{self, FileLock, exists};
use super::{Store, StoreError};
use crate::name::VoyageName;

/// reshapes it ([`Store::hold_voyage`]): retries, edits and removals of its orders, its removal.
#[derive(Debug)]
pub struct RunLock {
    voyage: VoyageName,
    _lock: FileLock,
}

impl RunLock {
    /// The voyage held.
    #[must_use]
    pub fn voyage(&self) -> &VoyageName {
        &self.voyage
    }
}

impl Store {
    /// Takes the voyage's run lock without waiting: only one dispatcher may run a voyage. The
    /// lock is released when the returned guard is dropped, or when the process dies.
    pub fn try_lock_run(&self, voyage: &VoyageName) -> Result<Option<RunLock>, StoreError> {
        if !exists(&self.voyage_file(voyage))? {
            return Err(StoreError::UnknownVoyage {
                name: voyage.clone(),
            });
        }
        fs::FileLock::try_exclusive(&self.voyage_dir(voyage).join("run.lock")).map(|lock| {
            lock.map(|lock| RunLock {
                voyage: voyage.clone(),
                _lock: lock,
            })
        })
    }

    /// Takes the voyage's run lock for a change of its orders or its removal, without waiting:
    /// a voyage a `maestro run` holds is refused ([`StoreError::Busy`]), and no run starts on
    /// it until the returned guard is dropped.
    pub fn hold_voyage(&self, voyage: &VoyageName) -> Result<RunLock, StoreError> {
        self.try_lock_run(voyage)?.ok_or_else(|| StoreError::Busy {
            voyage: voyage.clone(),
        })
    }

    pub(super) fn voyage_lock(
        &self,
        name: &VoyageName,
        exclusive: bool,
    ) -> Result<FileLock, StoreError> {
        if !exists(&self.voyage_file(name))? {
            return Err(StoreError::UnknownVoyage { name: name.clone() });
        }
        let path = self.voyage_dir(name).join(".lock");
        if exclusive {
            FileLock::exclusive(&path)
        } else {
            FileLock::shared(&path)
        }
    }
}
