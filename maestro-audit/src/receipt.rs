//! What the chain's operations return: the receipt of an appended entry, and the record of a
//! repaired tail.

use std::path::PathBuf;

use crate::hash::EntryHash;

/// What an append returns: the entry's sequence number and hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Receipt {
    /// The entry's `seq` (1 for the first entry).
    pub seq: u64,
    /// The entry's `hash`.
    pub hash: EntryHash,
}

/// A torn tail moved aside by [`Chain::repair_tail`](crate::Chain::repair_tail) or by an append.
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
