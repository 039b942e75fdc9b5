//! What can go wrong opening a chain, appending to it and repairing it.

use std::io;
use std::path::PathBuf;

use crate::checkpoint::CheckpointError;
use crate::verify::{Failure, VerifyError};

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
        "append to audit log {path}: the last line (at byte {offset}) {problem}; refusing to chain onto it until the log is verified and, if its tail is torn, repaired"
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
    /// [`Chain::repair_checkpoint`](crate::Chain::repair_checkpoint) without a signer found an
    /// unreadable checkpoint that shows a signature: only a chain with the signing key may replace
    /// it.
    #[error(
        "repair checkpoint {path}: it was signed; open the chain with the signing key to rewrite it"
    )]
    SignedCheckpoint {
        /// The checkpoint file.
        path: PathBuf,
    },
    /// [`Chain::repair_checkpoint`](crate::Chain::repair_checkpoint) could not read the log to find
    /// its last verified entry.
    #[error("repair checkpoint: verify the log")]
    Verify(#[source] VerifyError),
    /// [`Chain::sign_checkpoint`](crate::Chain::sign_checkpoint) on a chain opened without a
    /// signer.
    #[error("sign checkpoint: the chain has no signing key")]
    NoSigner,
    /// [`Chain::sign_checkpoint`](crate::Chain::sign_checkpoint) found a log that does not verify;
    /// it signs only a log that does.
    #[error("sign checkpoint: the log does not verify ({0})")]
    Unverified(Failure),
}
