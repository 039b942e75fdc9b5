//! Appending to the log: [`Chain`], its [`Options`], and crash recovery of a torn tail.
//!
//! One file an operation: `options` (how a chain writes), `error` (what can fail), `append`
//! (finding the last entry and writing after it), `head` (advancing the checkpoint and its
//! witness) and `repair` (moving a torn tail aside, rewriting or signing the checkpoint).

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::Instant;

use jiff::Timestamp;

use crate::checkpoint::{Checkpoint, head_path_for};
use crate::event::Event;
use crate::hash::EntryHash;
use crate::line::format_ts;
use crate::lock::{Locked, lock_path_for};
use crate::receipt::Receipt;

mod append;
mod error;
mod head;
mod options;
mod repair;

pub use error::{AppendError, OpenError};
pub use options::{CheckpointPolicy, Durability, Options};

/// The last entry of the log as of a given file length.
#[derive(Debug, Clone, Copy)]
struct Last {
    seq: u64,
    hash: EntryHash,
    end: u64,
}

/// An open, appendable audit log.
///
/// Any number of `Chain`s, in any number of processes, may append to one log: every append holds
/// an exclusive lock on the sidecar `audit.lock` (`File::lock`, an `flock` on Unix), finds the last
/// entry by reading back from the end of the file, writes its line(s) with one `write` and
/// releases the lock; it then syncs per [`Durability`] without the lock (so the syncs of
/// concurrent appenders overlap: group commit) and takes the lock again to advance the
/// checkpoint, which never moves back. The OS releases the lock if the process dies.
///
/// Methods take `&mut self`; to share one `Chain` between threads, wrap it in a `Mutex`.
#[derive(Debug)]
pub struct Chain {
    lock: File,
    state: State,
}

#[derive(Debug)]
struct State {
    log: File,
    log_path: PathBuf,
    head_path: PathBuf,
    options: Options,
    last: Option<Last>,
    unsynced: usize,
    last_sync: Instant,
    uncheckpointed: usize,
    last_checkpoint: Instant,
    /// Entries this handle checkpointed in place since it last made the checkpoint durable.
    head_unsynced: usize,
    /// The checkpoint file, kept open for in-place advances while it is still linked at
    /// `head_path` (a durable replace by any appender swaps the file).
    head: Option<File>,
    buf: Vec<u8>,
}

/// Takes the exclusive lock of the log at `log_path` through its open lock file.
fn lock<'a>(file: &'a File, log_path: &Path) -> Result<Locked<'a>, AppendError> {
    Locked::exclusive(file).map_err(|source| AppendError::Io {
        operation: "lock",
        path: lock_path_for(log_path),
        source,
    })
}

impl Chain {
    /// Opens (creating if needed) the log at `path`, with its checkpoint `audit.head` and lock
    /// `audit.lock` next to it. The directory must exist. A new log gets the checkpoint
    /// `{seq: 0}`, so a deleted checkpoint is detectable later.
    pub fn open(path: impl AsRef<Path>, options: Options) -> Result<Chain, OpenError> {
        let log_path = path.as_ref().to_path_buf();
        let lock_path = lock_path_for(&log_path);
        let head_path = head_path_for(&log_path);
        let io = |operation, path: &Path| {
            let path = path.to_path_buf();
            move |source| OpenError::Io {
                operation,
                path,
                source,
            }
        };
        let log = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(&log_path)
            .map_err(io("create", &log_path))?;
        let lock = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(io("create", &lock_path))?;
        {
            let _locked = Locked::exclusive(&lock).map_err(io("lock", &lock_path))?;
            let len = log.metadata().map_err(io("stat", &log_path))?.len();
            if len == 0 && !head_path.exists() {
                Checkpoint::new(
                    0,
                    EntryHash::ZERO,
                    format_ts(Timestamp::now()),
                    options.signer.as_ref(),
                )
                .write_durable(&head_path)
                .map_err(OpenError::Checkpoint)?;
            }
        }
        Ok(Chain {
            lock,
            state: State {
                log,
                log_path,
                head_path,
                options,
                last: None,
                unsynced: 0,
                last_sync: Instant::now(),
                uncheckpointed: 0,
                last_checkpoint: Instant::now(),
                head_unsynced: 0,
                head: None,
                buf: Vec::with_capacity(4096),
            },
        })
    }

    /// The log file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.state.log_path
    }

    /// The checkpoint file.
    #[must_use]
    pub fn head_path(&self) -> &Path {
        &self.state.head_path
    }

    /// Appends one event. See [`Chain::append_batch`].
    pub fn append(&mut self, event: &Event) -> Result<Receipt, AppendError> {
        let receipts = self.append_batch(std::slice::from_ref(event))?;
        Ok(receipts[0])
    }

    /// Appends events as consecutive entries with one lock, one write and (per [`Durability`])
    /// one sync. Returns one receipt per event, in order.
    ///
    /// If the log ends with a line without `\n` (an appender crashed mid-write), that fragment is
    /// first moved to a side file and an `audit.tail_moved` entry records it (see
    /// [`Chain::repair_tail`]); the fragment was never acknowledged, so nothing acknowledged is
    /// lost and the chain never links to garbage. A last line that is complete but not a valid
    /// entry is not a crash artefact: the append is refused with [`AppendError::CorruptTail`].
    pub fn append_batch(&mut self, events: &[Event]) -> Result<Vec<Receipt>, AppendError> {
        let (receipts, last) = {
            let _locked = lock(&self.lock, &self.state.log_path)?;
            let mut last = self.state.current_last(true)?;
            (self.state.write_entries(&mut last, events)?, last)
        };
        if self.state.sync_due() {
            // Outside the lock, so that concurrent appenders' syncs overlap (group commit). The
            // entries are complete in the file; until this returns they are not acknowledged.
            self.state.sync_log()?;
            if self.state.checkpoint_due() {
                // Grouped syncs are rare: make the checkpoint durable at each.
                let durable = matches!(self.state.options.durability, Durability::Grouped { .. })
                    || self.state.head_unsynced + self.state.uncheckpointed
                        >= self.state.options.checkpoint.sync_every_entries.max(1);
                let _locked = lock(&self.lock, &self.state.log_path)?;
                self.state.write_checkpoint(last, durable)?;
            }
        }
        Ok(receipts)
    }

    /// Forces written entries to disk and advances the checkpoint to the log's last entry
    /// (never backwards). Call it with [`Durability::Grouped`] or a lagging [`CheckpointPolicy`]
    /// when the process goes idle (e.g. on a timer); dropping the chain does it when something
    /// is pending. A torn fragment left by a crashed appender is moved aside first, as by an
    /// append.
    pub fn sync(&mut self) -> Result<(), AppendError> {
        let _locked = lock(&self.lock, &self.state.log_path)?;
        let last = self.state.current_last(true)?;
        self.state.sync_log()?;
        self.state.write_checkpoint(last, true)
    }
}

impl Drop for Chain {
    fn drop(&mut self) {
        if self.state.unsynced > 0 || self.state.uncheckpointed > 0 || self.state.head_unsynced > 0
        {
            // Best effort: an unsynced tail is still in the file; only its durability is at stake.
            let _ = self.sync();
        }
    }
}
