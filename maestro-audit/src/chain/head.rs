//! The checkpoint `audit.head` as a chain keeps it: advanced to a durable entry, never moved
//! back, signed only after one this chain can vouch for, and copied to the witness.

use std::fs::{File, OpenOptions};
use std::io::{Read as _, Seek as _, SeekFrom};
use std::time::Instant;

use jiff::Timestamp;

use super::{AppendError, Last, State};
use crate::checkpoint::{Checkpoint, CheckpointError, shows_signature};
use crate::hash::EntryHash;
use crate::line::{format_ts, parse_line};
use crate::tail::read_tail;

impl State {
    /// Points the checkpoint at `last`, which the caller has made durable in the log: in place
    /// without fsync, or (`durable`) by a durable atomic replace (see [`crate::checkpoint`]).
    ///
    /// The checkpoint never moves back (another appender may have synced and checkpointed a later
    /// entry first), except to add a signature; and without a signer, a signed checkpoint is left
    /// as it is (see [`Options::signer`](crate::Options::signer)), as is an unreadable one that
    /// shows a signature. A missing or other unreadable checkpoint is replaced durably. When
    /// nothing is written and `durable` is set, the current file is fsynced as it is. The caller
    /// holds the lock.
    pub(super) fn write_checkpoint(
        &mut self,
        last: Last,
        durable: bool,
    ) -> Result<(), AppendError> {
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
        let checkpoint = self.checkpoint_at(last.seq, last.hash);
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
            self.replace_head(&checkpoint)?;
        }
        self.witness(&checkpoint, durable)?;
        self.uncheckpointed = 0;
        self.last_checkpoint = Instant::now();
        Ok(())
    }

    /// Copies a signed `checkpoint` to the witness ([`Options::witness`](crate::Options::witness)),
    /// unless the witness already names a later entry; fsynced when `durable`. The caller holds the
    /// lock.
    pub(super) fn witness(
        &self,
        checkpoint: &Checkpoint,
        durable: bool,
    ) -> Result<(), AppendError> {
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
    /// always without a signer; with one, only when `current` carries a valid signature of its key
    /// and names an entry the log still holds with that hash (see
    /// [`Options::signer`](crate::Options::signer)).
    pub(super) fn vouches_for(
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
    pub(super) fn entry_hash(
        &self,
        seq: u64,
        last: Last,
    ) -> Result<Option<EntryHash>, AppendError> {
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
    pub(super) fn read_head(&mut self) -> Option<(Result<Checkpoint, CheckpointError>, Vec<u8>)> {
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

    /// A checkpoint naming entry `seq` with `hash`, stamped now, signed when this chain has a
    /// signer.
    pub(super) fn checkpoint_at(&self, seq: u64, hash: EntryHash) -> Checkpoint {
        Checkpoint::new(
            seq,
            hash,
            format_ts(Timestamp::now()),
            self.options.signer.as_ref(),
        )
    }

    /// Replaces the checkpoint file with `checkpoint` durably (temporary file, fsync, rename);
    /// the kept-open file is dropped, since the replace swaps it. The caller holds the lock.
    pub(super) fn replace_head(&mut self, checkpoint: &Checkpoint) -> Result<(), AppendError> {
        self.head = None;
        checkpoint
            .write_durable(&self.head_path)
            .map_err(AppendError::Checkpoint)?;
        self.head_unsynced = 0;
        Ok(())
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
