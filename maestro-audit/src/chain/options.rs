//! How a [`Chain`](crate::Chain) writes: when it syncs, when it checkpoints, and who signs.

use std::path::PathBuf;
use std::time::Duration;

use crate::key::Signer;

/// When appended entries are forced to disk (fsync) and the checkpoint is advanced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Durability {
    /// Every [`Chain::append`](crate::Chain::append) /
    /// [`Chain::append_batch`](crate::Chain::append_batch) returns only after its entries are on
    /// disk and (with the default [`CheckpointPolicy`]) the checkpoint names them; the checkpoint
    /// itself is made durable every [`CheckpointPolicy::sync_every_entries`] entries. A returned
    /// [`Receipt`](crate::Receipt) survives power loss. Costs one synchronous write of the log per
    /// call (see [`CheckpointPolicy`] for the checkpoint's share).
    EveryAppend,
    /// Entries are written to the file at once (so other processes and a process crash see them)
    /// but forced to disk (then checkpointed per [`CheckpointPolicy`]) only once `max_entries`
    /// entries or `max_delay` have accumulated since this handle's last sync, on
    /// [`Chain::sync`](crate::Chain::sync), and when the [`Chain`](crate::Chain) is dropped. A
    /// power loss or kernel crash can lose the entries written since the last sync (the log then
    /// ends at an earlier, still valid entry and the checkpoint is never ahead of it); a process
    /// crash loses nothing. Tens to hundreds of times faster.
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
/// `sync_every_entries` advanced entries, and on [`Chain::sync`](crate::Chain::sync), on drop and
/// at every [`Durability::Grouped`] sync, the checkpoint is made durable (temporary file, fsync,
/// rename, directory fsync: about two device flushes). So by default the checkpoint names the last
/// entry after every append while [`Durability::EveryAppend`] keeps close to the raw synced-append
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

/// How a [`Chain`](crate::Chain) writes.
#[derive(Debug, Clone)]
pub struct Options {
    /// When entries are synced. Default: [`Durability::EveryAppend`].
    pub durability: Durability,
    /// When the checkpoint follows and is made durable. Default: [`CheckpointPolicy::default`]:
    /// advanced at every sync point, fsynced every 64 entries. [`Chain::sync`](crate::Chain::sync)
    /// and dropping the chain always advance it and make it durable.
    pub checkpoint: CheckpointPolicy,
    /// Signs every checkpoint written. Default: `None` (unsigned checkpoints, which detect
    /// truncation only against an attacker who does not also rewrite `audit.head`).
    ///
    /// A chain without a signer never replaces a *signed* checkpoint: it appends, and leaves the
    /// checkpoint to the processes that hold the key. So the key need only be given to trusted
    /// appenders (the dispatcher), not to every hook running next to an agent; the checkpoint then
    /// advances whenever such a process appends or calls [`Chain::sync`](crate::Chain::sync).
    ///
    /// A chain with a signer advances only a checkpoint it can vouch for: one whose signature
    /// verifies with its own key and whose entry the log still holds with the same hash. An
    /// unsigned, foreign-signed, missing or unreadable checkpoint, or one whose entry the log no
    /// longer has, means the log may have been rewritten by someone without the key; signing a new
    /// checkpoint would bless the rewrite, so the entries are appended and the checkpoint is left
    /// as it is, for [`verify`](crate::verify()) to report. Explicit steps re-sign:
    /// [`Chain::sign_checkpoint`](crate::Chain::sign_checkpoint) (a log written before the key
    /// existed) and [`Chain::repair_checkpoint`](crate::Chain::repair_checkpoint) (a checkpoint
    /// damaged by a crash).
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
