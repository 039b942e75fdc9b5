//! Appending to the log: [`Chain`], its [`Options`], and crash recovery of a torn tail.

use std::fs::{File, OpenOptions};
use std::io::{self, Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::Timestamp;

use crate::checkpoint::{Checkpoint, CheckpointError, head_path_for, shows_signature};
use crate::details::Details;
use crate::event::Event;
use crate::hash::EntryHash;
use crate::key::Signer;
use crate::line::{self, format_ts, is_torn, parse_line};
use crate::tail::read_tail;

/// When appended entries are forced to disk (fsync) and the checkpoint is advanced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Durability {
    /// Every [`Chain::append`] / [`Chain::append_batch`] returns only after its entries are on
    /// disk and (with the default [`CheckpointPolicy`]) the checkpoint names them; the
    /// checkpoint itself is made durable every [`CheckpointPolicy::sync_every_entries`]
    /// entries. A returned [`Receipt`] survives power loss. Costs one synchronous write of the
    /// log per call (see [`CheckpointPolicy`] for the checkpoint's share).
    EveryAppend,
    /// Entries are written to the file at once (so other processes and a process crash see them)
    /// but forced to disk (then checkpointed per [`CheckpointPolicy`]) only once `max_entries` entries or
    /// `max_delay` have accumulated since this handle's last sync, on [`Chain::sync`], and when
    /// the [`Chain`] is dropped. A power loss or kernel crash can lose the entries written since
    /// the last sync (the log then ends at an earlier, still valid entry and the checkpoint is
    /// never ahead of it); a process crash loses nothing. Tens to hundreds of times faster.
    Grouped {
        /// Sync after this many entries (at least 1).
        max_entries: usize,
        /// Sync at the first append after this much time since the last sync.
        max_delay: Duration,
    },
}

/// How often the checkpoint `audit.head` is advanced and made durable. It is only ever advanced
/// at a sync point (see [`Durability`]) to an entry that is already durable in the log.
///
/// An advance overwrites the file in place without fsync (no device flush); every
/// `sync_every_entries` advanced entries, and on [`Chain::sync`], on drop and at every
/// [`Durability::Grouped`] sync, the checkpoint is made durable (temporary file, fsync, rename,
/// directory fsync: about two device flushes). So by default the checkpoint names the last entry
/// after every append while [`Durability::EveryAppend`] keeps close to the raw synced-append
/// rate; a power loss can make it lag the log by up to `sync_every_entries` entries (never lead
/// it). See [`checkpoint`](crate::checkpoint) for the crash cases.
///
/// Entries after the checkpoint can be cut from the end of the log without `verify` noticing
/// (they are still chained, so modification, deletion in the middle and reordering are still
/// detected). Raising `every_entries` widens that window and saves the (small) cost of the
/// in-place write and of reading the current checkpoint. For comparison, AWS `CloudTrail`
/// writes its digest files hourly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckpointPolicy {
    /// Advance the checkpoint at a sync point once this many entries (at least 1) have been
    /// synced since it was last advanced by this handle. Default: 1 (every sync point, so with
    /// [`Durability::EveryAppend`] every append).
    pub every_entries: usize,
    /// Also advance it at a sync point once this much time has passed since this handle last
    /// did. Default: zero (no time trigger beyond `every_entries`).
    pub max_delay: Duration,
    /// Make the checkpoint durable (fsync) once this many entries (at least 1) have been
    /// checkpointed without fsync by this handle; in between, advances are in-place writes
    /// without fsync. Default: 64 (the fsync of one checkpoint, about two device flushes, is
    /// then spread over 64 synced appends). 1 fsyncs the checkpoint at every advance, the
    /// slowest and strictest setting: after a power loss it lags the log by at most the
    /// appends in flight.
    pub sync_every_entries: usize,
}

impl Default for CheckpointPolicy {
    fn default() -> CheckpointPolicy {
        CheckpointPolicy {
            every_entries: 1,
            max_delay: Duration::ZERO,
            sync_every_entries: 64,
        }
    }
}

/// How a [`Chain`] writes.
#[derive(Debug, Clone)]
pub struct Options {
    /// When entries are synced. Default: [`Durability::EveryAppend`].
    pub durability: Durability,
    /// When the checkpoint follows and is made durable. Default: [`CheckpointPolicy::default`]:
    /// advanced at every sync point, fsynced every 64 entries. [`Chain::sync`] and dropping the
    /// chain always advance it and make it durable.
    pub checkpoint: CheckpointPolicy,
    /// Signs every checkpoint written. Default: `None` (unsigned checkpoints, which detect
    /// truncation only against an attacker who does not also rewrite `audit.head`).
    ///
    /// A chain without a signer never replaces a *signed* checkpoint: it appends, and leaves
    /// the checkpoint to the processes that hold the key. So the key need only be given to
    /// trusted appenders (the dispatcher), not to every hook running next to an agent; the
    /// checkpoint then advances whenever such a process appends or calls [`Chain::sync`].
    ///
    /// A chain with a signer advances only a checkpoint it can vouch for: one whose signature
    /// verifies with its own key and whose entry the log still holds with the same hash. An
    /// unsigned, foreign-signed, missing or unreadable checkpoint, or one whose entry the log
    /// no longer has, means the log may have been rewritten by someone without the key; signing
    /// a new checkpoint would bless the rewrite, so the entries are appended and the checkpoint
    /// is left as it is, for [`verify`](crate::verify()) to report. Explicit steps re-sign:
    /// [`Chain::sign_checkpoint`] (a log written before the key existed) and
    /// [`Chain::repair_checkpoint`] (a checkpoint damaged by a crash).
    pub signer: Option<Signer>,
    /// A second copy of every signed checkpoint this chain writes, kept where whoever can
    /// write the log cannot (next to the key, outside the repository). Default: `None`.
    ///
    /// `audit.head` alone cannot tell a rollback: someone who saved an old signed checkpoint,
    /// rewrote the entries after it and put it back has a log that verifies. The witness names
    /// the latest entry a signer vouched for; [`verify`](crate::verify()) against it (as the
    /// checkpoint) fails when the log no longer holds that entry. It never moves back, and is
    /// written with the checkpoint (made durable when the checkpoint is).
    pub witness: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            durability: Durability::EveryAppend,
            checkpoint: CheckpointPolicy::default(),
            signer: None,
            witness: None,
        }
    }
}

/// What an append returns: the entry's sequence number and hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Receipt {
    /// The entry's `seq` (1 for the first entry).
    pub seq: u64,
    /// The entry's `hash`.
    pub hash: EntryHash,
}

/// A torn tail moved aside by [`Chain::repair_tail`] or by an append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    /// The side file holding the moved bytes (`audit.log.torn-<UTC time>`), next to the log.
    pub side_file: PathBuf,
    /// Byte offset in the log where the moved line started.
    pub offset: u64,
    /// Number of bytes moved.
    pub bytes: u64,
    /// The `audit.tail_moved` entry recording the repair in the log.
    pub recorded: Receipt,
}

/// Opening a chain failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OpenError {
    /// A file could not be opened, locked or read.
    #[error("open audit log: {operation} {path}")]
    Io {
        /// What was being done.
        operation: &'static str,
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// The initial checkpoint could not be written.
    #[error("open audit log: write the initial checkpoint")]
    Checkpoint(#[source] CheckpointError),
}

/// Appending (or repairing) failed. Nothing was acknowledged; the log is left verifiable, except
/// for a possible torn last line after an I/O error, which the next append moves aside.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AppendError {
    /// Reading, writing, syncing or locking a file failed.
    #[error("append to audit log: {operation} {path}")]
    Io {
        /// What was being done.
        operation: &'static str,
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// The last complete line is not an entry this crate can chain onto.
    #[error(
        "append to audit log {path}: the last line (at byte {offset}) {problem}; refusing to chain onto it. Run `maestro audit verify` and, if it reports a torn tail, `maestro audit verify --repair`"
    )]
    CorruptTail {
        /// The log.
        path: PathBuf,
        /// Byte offset of the line.
        offset: u64,
        /// What is wrong with it.
        problem: String,
    },
    /// An event's details nest deeper than the canonical form allows.
    #[error("append to audit log: details of {action:?} nest deeper than {max} levels")]
    DetailsTooDeep {
        /// The event's action.
        action: String,
        /// The limit.
        max: usize,
    },
    /// Writing the checkpoint failed (the entries themselves are in the log).
    #[error("append to audit log: update the checkpoint")]
    Checkpoint(#[source] CheckpointError),
    /// [`Chain::repair_checkpoint`] without a signer found an unreadable checkpoint that shows a
    /// signature: only a chain with the signing key may replace it.
    #[error(
        "repair checkpoint {path}: it was signed; open the chain with the signing key to rewrite it"
    )]
    SignedCheckpoint {
        /// The checkpoint file.
        path: PathBuf,
    },
    /// [`Chain::repair_checkpoint`] could not read the log to find its last verified entry.
    #[error("repair checkpoint: verify the log")]
    Verify(#[source] crate::verify::VerifyError),
    /// [`Chain::sign_checkpoint`] on a chain opened without a signer.
    #[error("sign checkpoint: the chain has no signing key")]
    NoSigner,
    /// [`Chain::sign_checkpoint`] found a log that does not verify; it signs only a log that
    /// does.
    #[error("sign checkpoint: the log does not verify ({0})")]
    Unverified(crate::verify::Failure),
}

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

/// Holds the exclusive lock until dropped.
struct Locked<'a>(&'a File);

impl<'a> Locked<'a> {
    fn take(file: &'a File) -> io::Result<Locked<'a>> {
        file.lock()?;
        Ok(Locked(file))
    }
}

impl Drop for Locked<'_> {
    fn drop(&mut self) {
        // Closing the file or ending the process releases it too; nothing more to do on error.
        let _ = self.0.unlock();
    }
}

/// Takes the exclusive lock of the log at `log_path` through its open lock file.
fn lock<'a>(file: &'a File, log_path: &Path) -> Result<Locked<'a>, AppendError> {
    Locked::take(file).map_err(|source| AppendError::Io {
        operation: "lock",
        path: lock_path_for(log_path),
        source,
    })
}

/// The lock path for a log: its extension replaced by `lock` (`audit.log` → `audit.lock`).
#[must_use]
pub fn lock_path_for(log: &Path) -> PathBuf {
    log.with_extension("lock")
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
            let _locked = Locked::take(&lock).map_err(io("lock", &lock_path))?;
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

    /// Moves a torn last line — one without `\n`, or a complete last line that is not JSON —
    /// to a side file `audit.log.torn-<UTC time>` next to the log (never deleting it),
    /// truncates the log to the end of its last good entry, and records the repair as an
    /// `audit.tail_moved` entry. Returns `None` when the tail is not torn.
    pub fn repair_tail(&mut self) -> Result<Option<Repair>, AppendError> {
        let _locked = lock(&self.lock, &self.state.log_path)?;
        let len = self.state.len()?;
        let tail = read_tail(&self.state.log, len, 1).map_err(|e| self.state.io("read", e))?;
        let torn = match (tail.fragment, tail.lines.last()) {
            (Some(fragment), _) => Some(fragment),
            (None, Some((offset, line))) if is_torn(line) => {
                let mut with_newline = line.clone();
                with_newline.push(b'\n');
                Some((*offset, with_newline))
            }
            _ => None,
        };
        let Some((offset, bytes)) = torn else {
            return Ok(None);
        };
        self.state.move_aside(offset, &bytes).map(Some)
    }

    /// Rewrites an unreadable checkpoint — zero-length or unparsable, as a crash can leave it
    /// (reported by [`verify()`](crate::verify()) as
    /// [`FailureKind::CheckpointMalformed`](crate::FailureKind::CheckpointMalformed)) — from the
    /// log's last verified entry (the last one before any verification failure), durably, and
    /// returns it. Signed when this chain has a signer; without one, refused with
    /// [`AppendError::SignedCheckpoint`] if the damaged file shows a signature. Returns `None`
    /// (and changes nothing) when the checkpoint is readable or missing (a missing checkpoint is
    /// not a crash artefact) or the log has no verified entry.
    pub fn repair_checkpoint(&mut self) -> Result<Option<Checkpoint>, AppendError> {
        // Verify takes the shared lock itself; the log is append-only, so its verified prefix
        // stays valid once the exclusive lock is taken below.
        let report = crate::verify::verify(&self.state.log_path, &self.state.head_path, None)
            .map_err(AppendError::Verify)?;
        let Some(last) = report.last else {
            return Ok(None);
        };
        let _locked = lock(&self.lock, &self.state.log_path)?;
        self.state.rewrite_checkpoint(last)
    }

    /// Signs the log as it is now: for a log written before its key existed (or under another
    /// key), whose checkpoint this chain's signer would otherwise never advance (see
    /// [`Options::signer`]). The log is verified first without a key (its entries, and that the
    /// checkpoint names one of them); then a checkpoint at its last entry, signed, replaces the
    /// unsigned or foreign-signed one durably. Returns it, or `None` (and changes nothing) when
    /// the checkpoint already verifies with this chain's key, or is missing or unreadable.
    ///
    /// This vouches for entries nobody holding the key vouched for before: call it only on an
    /// explicit request of the key's owner (`maestro init` adding the key, `maestro audit
    /// verify --repair`), never on an append.
    pub fn sign_checkpoint(&mut self) -> Result<Option<Checkpoint>, AppendError> {
        let Some(verifier) = self.state.options.signer.as_ref().map(Signer::verifier) else {
            return Err(AppendError::NoSigner);
        };
        let report = crate::verify::verify(&self.state.log_path, &self.state.head_path, None)
            .map_err(AppendError::Verify)?;
        if let Some(failure) = report.failure {
            return Err(AppendError::Unverified(failure));
        }
        let _locked = lock(&self.lock, &self.state.log_path)?;
        match self.state.read_head() {
            Some((Ok(current), _)) if !current.signature_valid(&verifier) => {}
            _ => return Ok(None),
        }
        // Entries appended since the verification are chained onto the verified ones.
        let last = self.state.current_last(false)?;
        let checkpoint = Checkpoint::new(
            last.seq,
            last.hash,
            format_ts(Timestamp::now()),
            self.state.options.signer.as_ref(),
        );
        self.state.head = None;
        checkpoint
            .write_durable(&self.state.head_path)
            .map_err(AppendError::Checkpoint)?;
        self.state.head_unsynced = 0;
        // Signing the log as it is now also moves the witness there (the owner's explicit step).
        if let Some(witness) = &self.state.options.witness {
            checkpoint
                .write_replace(witness, true)
                .map_err(AppendError::Checkpoint)?;
        }
        Ok(Some(checkpoint))
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

impl State {
    fn io(&self, operation: &'static str, source: io::Error) -> AppendError {
        AppendError::Io {
            operation,
            path: self.log_path.clone(),
            source,
        }
    }

    fn len(&self) -> Result<u64, AppendError> {
        self.log
            .metadata()
            .map(|m| m.len())
            .map_err(|e| self.io("stat", e))
    }

    /// The last entry, from the cache if no one appended since, else read back from the end.
    /// With `repair`, a final fragment without `\n` is moved aside first.
    fn current_last(&mut self, repair: bool) -> Result<Last, AppendError> {
        let len = self.len()?;
        if let Some(last) = self.last.filter(|l| l.end == len) {
            return Ok(last);
        }
        self.last = None;
        let tail = read_tail(&self.log, len, 1).map_err(|e| self.io("read", e))?;
        if let Some((offset, fragment)) = tail.fragment {
            if !repair {
                return Err(AppendError::CorruptTail {
                    path: self.log_path.clone(),
                    offset,
                    problem: "has no newline (a torn write)".into(),
                });
            }
            let repaired = self.move_aside(offset, &fragment)?;
            return Ok(Last {
                seq: repaired.recorded.seq,
                hash: repaired.recorded.hash,
                end: self.len()?,
            });
        }
        let Some((offset, line)) = tail.lines.last() else {
            return Ok(Last {
                seq: 0,
                hash: EntryHash::ZERO,
                end: 0,
            });
        };
        let corrupt = |problem: String| AppendError::CorruptTail {
            path: self.log_path.clone(),
            offset: *offset,
            problem,
        };
        let parsed = parse_line(line).map_err(|e| {
            corrupt(format!(
                "is not a canonical entry ({} at byte {})",
                e.what, e.offset
            ))
        })?;
        if parsed.computed_hash(line) != parsed.hash {
            return Err(corrupt("does not hash to its recorded hash".into()));
        }
        let last = Last {
            seq: parsed.seq,
            hash: parsed.hash,
            end: len,
        };
        self.last = Some(last);
        Ok(last)
    }

    /// Formats and writes `events` after `last`, then syncs per the durability policy.
    fn write_entries(
        &mut self,
        last: &mut Last,
        events: &[Event],
    ) -> Result<Vec<Receipt>, AppendError> {
        let now = format_ts(Timestamp::now());
        self.buf.clear();
        let mut receipts = Vec::with_capacity(events.len());
        let (mut seq, mut prev) = (last.seq, last.hash);
        for event in events {
            seq += 1;
            let event_ts = event.ts.map(format_ts);
            let ts = event_ts.as_deref().unwrap_or(&now);
            prev = line::write_line(&mut self.buf, event, seq, &prev, ts).map_err(|_| {
                AppendError::DetailsTooDeep {
                    action: event.action.clone(),
                    max: crate::canonical::MAX_DEPTH,
                }
            })?;
            receipts.push(Receipt { seq, hash: prev });
        }
        if let Err(e) = (&self.log).write_all(&self.buf) {
            self.last = None;
            return Err(self.io("write", e));
        }
        *last = Last {
            seq,
            hash: prev,
            end: last.end + self.buf.len() as u64,
        };
        self.last = Some(*last);
        self.unsynced += events.len();
        Ok(receipts)
    }

    /// Whether the durability policy asks for a sync now.
    fn sync_due(&self) -> bool {
        match self.options.durability {
            Durability::EveryAppend => true,
            Durability::Grouped {
                max_entries,
                max_delay,
            } => self.unsynced >= max_entries.max(1) || self.last_sync.elapsed() >= max_delay,
        }
    }

    /// Whether the checkpoint policy asks for a checkpoint after a sync.
    fn checkpoint_due(&self) -> bool {
        let policy = self.options.checkpoint;
        self.uncheckpointed >= policy.every_entries.max(1)
            || self.last_checkpoint.elapsed() >= policy.max_delay
    }

    /// Forces the log's written entries to disk.
    fn sync_log(&mut self) -> Result<(), AppendError> {
        self.log.sync_data().map_err(|e| self.io("sync", e))?;
        self.uncheckpointed += self.unsynced;
        self.unsynced = 0;
        self.last_sync = Instant::now();
        Ok(())
    }

    /// Points the checkpoint at `last`, which the caller has made durable in the log: in place
    /// without fsync, or (`durable`) by a durable atomic replace (see [`crate::checkpoint`]).
    ///
    /// The checkpoint never moves back (another appender may have synced and checkpointed a
    /// later entry first), except to add a signature; and without a signer, a signed checkpoint
    /// is left as it is (see [`Options::signer`]), as is an unreadable one that shows a
    /// signature. A missing or other unreadable checkpoint is replaced durably. When nothing is
    /// written and `durable` is set, the current file is fsynced as it is. The caller holds the
    /// lock.
    fn write_checkpoint(&mut self, last: Last, durable: bool) -> Result<(), AppendError> {
        let current = self.read_head();
        if !self.vouches_for(current.as_ref(), last)? {
            // Left as evidence for `verify` (see `Options::signer`).
            self.uncheckpointed = 0;
            self.last_checkpoint = Instant::now();
            return Ok(());
        }
        let (skip, mut durable) = match &current {
            Some((Ok(current), _)) => {
                let signed = current.signature.is_some();
                let keep_signed = signed && self.options.signer.is_none();
                let not_older =
                    current.seq >= last.seq && (signed || self.options.signer.is_none());
                (keep_signed || not_older, durable)
            }
            Some((Err(_), bytes)) if self.options.signer.is_none() && shows_signature(bytes) => {
                (true, false)
            }
            Some((Err(_), _)) | None => (false, true),
        };
        if skip {
            if durable {
                Checkpoint::sync_existing(&self.head_path).map_err(AppendError::Checkpoint)?;
                self.head_unsynced = 0;
            }
            self.uncheckpointed = 0;
            self.last_checkpoint = Instant::now();
            return Ok(());
        }
        let checkpoint = Checkpoint::new(
            last.seq,
            last.hash,
            format_ts(Timestamp::now()),
            self.options.signer.as_ref(),
        );
        if !durable {
            let old_len = current.as_ref().map_or(0, |(_, bytes)| bytes.len() as u64);
            let written = self
                .head
                .as_ref()
                .map(|file| checkpoint.overwrite(file, old_len, &self.head_path));
            match written {
                Some(Ok(())) => self.head_unsynced += self.uncheckpointed.max(1),
                // Not open or not writable: fall back to a full replace.
                _ => durable = true,
            }
        }
        if durable {
            self.head = None;
            checkpoint
                .write_durable(&self.head_path)
                .map_err(AppendError::Checkpoint)?;
            self.head_unsynced = 0;
        }
        self.witness(&checkpoint, durable)?;
        self.uncheckpointed = 0;
        self.last_checkpoint = Instant::now();
        Ok(())
    }

    /// Copies a signed `checkpoint` to the witness ([`Options::witness`]), unless the witness
    /// already names a later entry; fsynced when `durable`. The caller holds the lock.
    fn witness(&self, checkpoint: &Checkpoint, durable: bool) -> Result<(), AppendError> {
        let (Some(path), Some(signer)) = (&self.options.witness, &self.options.signer) else {
            return Ok(());
        };
        if let Ok(Some(current)) = Checkpoint::read(path)
            && current.seq > checkpoint.seq
            && current.signature_valid(&signer.verifier())
        {
            return Ok(());
        }
        checkpoint
            .write_replace(path, durable)
            .map_err(AppendError::Checkpoint)
    }

    /// Whether this chain may write a checkpoint after `current` for a log ending with `last`:
    /// always without a signer; with one, only when `current` carries a valid signature of its
    /// key and names an entry the log still holds with that hash (see [`Options::signer`]).
    fn vouches_for(
        &self,
        current: Option<&(Result<Checkpoint, CheckpointError>, Vec<u8>)>,
        last: Last,
    ) -> Result<bool, AppendError> {
        let Some(signer) = &self.options.signer else {
            return Ok(true);
        };
        let Some((Ok(current), _)) = current else {
            return Ok(false);
        };
        if !current.signature_valid(&signer.verifier()) {
            return Ok(false);
        }
        if self.entry_hash(current.seq, last)? != Some(current.hash) {
            return Ok(false);
        }
        // The latest checkpoint signed (the witness) must name an entry the log still holds
        // too: else an older signed checkpoint was put back over a rewrite.
        if let Some(path) = &self.options.witness
            && let Ok(Some(witness)) = Checkpoint::read(path)
            && witness.signature_valid(&signer.verifier())
            && self.entry_hash(witness.seq, last)? != Some(witness.hash)
        {
            return Ok(false);
        }
        Ok(true)
    }

    /// The recorded hash of entry `seq` of the log whose last entry is `last` (zeros for seq
    /// 0), read back from the end; `None` if the log has no valid entry `seq` there.
    fn entry_hash(&self, seq: u64, last: Last) -> Result<Option<EntryHash>, AppendError> {
        if seq == 0 {
            return Ok(Some(EntryHash::ZERO));
        }
        if seq == last.seq {
            return Ok(Some(last.hash));
        }
        if seq > last.seq {
            return Ok(None);
        }
        let Ok(back) = usize::try_from(last.seq - seq + 1) else {
            return Ok(None);
        };
        let tail = read_tail(&self.log, last.end, back).map_err(|e| self.io("read", e))?;
        if tail.lines.len() != back {
            return Ok(None);
        }
        let Some((_, line)) = tail.lines.first() else {
            return Ok(None);
        };
        Ok(parse_line(line)
            .ok()
            .filter(|parsed| parsed.seq == seq && parsed.computed_hash(line) == parsed.hash)
            .map(|parsed| parsed.hash))
    }

    /// Reads the checkpoint through the kept-open file, reopening it if it was replaced: its
    /// parse and its bytes, or `None` when it cannot be opened or read (missing). The caller
    /// holds the lock.
    fn read_head(&mut self) -> Option<(Result<Checkpoint, CheckpointError>, Vec<u8>)> {
        if !self.head.as_ref().is_some_and(still_linked) {
            self.head = OpenOptions::new()
                .read(true)
                .write(true)
                .open(&self.head_path)
                .ok();
        }
        let mut file = self.head.as_ref()?;
        let mut bytes = Vec::with_capacity(256);
        let read = file
            .seek(SeekFrom::Start(0))
            .and_then(|_| file.read_to_end(&mut bytes));
        if read.is_err() {
            self.head = None;
            return None;
        }
        Some((Checkpoint::parse(&bytes, &self.head_path), bytes))
    }

    /// Rewrites a checkpoint that is unreadable (zero-length or unparsable, as a crash can leave
    /// it) from the log's last verified entry, durably; see [`Chain::repair_checkpoint`].
    fn rewrite_checkpoint(&mut self, last: Receipt) -> Result<Option<Checkpoint>, AppendError> {
        let Some((Err(_), bytes)) = self.read_head() else {
            return Ok(None);
        };
        if self.options.signer.is_none() && shows_signature(&bytes) {
            return Err(AppendError::SignedCheckpoint {
                path: self.head_path.clone(),
            });
        }
        let checkpoint = Checkpoint::new(
            last.seq,
            last.hash,
            format_ts(Timestamp::now()),
            self.options.signer.as_ref(),
        );
        self.head = None;
        checkpoint
            .write_durable(&self.head_path)
            .map_err(AppendError::Checkpoint)?;
        self.head_unsynced = 0;
        self.witness(&checkpoint, true)?;
        Ok(Some(checkpoint))
    }

    /// Moves the bytes at `offset..` to a new side file, truncates the log there, and records
    /// the move as an entry.
    fn move_aside(&mut self, offset: u64, bytes: &[u8]) -> Result<Repair, AppendError> {
        let stamp = Timestamp::now().strftime("%Y%m%dT%H%M%SZ").to_string();
        let dir = self
            .log_path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let base = self
            .log_path
            .file_name()
            .map_or_else(|| "audit.log".into(), |n| n.to_string_lossy().into_owned());
        let mut n = 0;
        let (side_path, mut side) = loop {
            let name = if n == 0 {
                format!("{base}.torn-{stamp}")
            } else {
                format!("{base}.torn-{stamp}-{n}")
            };
            let path = dir.join(name);
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => break (path, file),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => n += 1,
                Err(source) => {
                    return Err(AppendError::Io {
                        operation: "create",
                        path,
                        source,
                    });
                }
            }
        };
        let side_io = |operation, source| AppendError::Io {
            operation,
            path: side_path.clone(),
            source,
        };
        side.write_all(bytes).map_err(|e| side_io("write", e))?;
        side.sync_all().map_err(|e| side_io("sync", e))?;
        if let Ok(dir) = File::open(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &dir
        }) {
            // Make the side file's name durable before the bytes leave the log.
            dir.sync_all()
                .map_err(|e| side_io("sync directory of", e))?;
        }
        self.log
            .set_len(offset)
            .map_err(|e| self.io("truncate", e))?;
        self.log.sync_all().map_err(|e| self.io("sync", e))?;
        self.last = None;
        let mut last = self.current_last(false)?;
        let side_name = side_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let event = Event::new("maestro-audit", "audit.tail_moved", side_name).with_details(
            Details::new()
                .with("after_seq", last.seq)
                .with("bytes", bytes.len())
                .with("offset", offset),
        );
        let recorded = self.write_entries(&mut last, std::slice::from_ref(&event))?[0];
        self.sync_log()?;
        self.write_checkpoint(last, true)?;
        Ok(Repair {
            side_file: side_path,
            offset,
            bytes: bytes.len() as u64,
            recorded,
        })
    }
}

/// Whether the open checkpoint file is still the one at its path: a durable replace renames a
/// new file over it, which leaves the old one with no links. Where link counts are not
/// available, the file is reopened every time.
fn still_linked(file: &File) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        file.metadata().is_ok_and(|m| m.nlink() > 0)
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        false
    }
}
