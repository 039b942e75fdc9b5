//! Repairs: a torn tail moved to a side file, an unreadable checkpoint rewritten, and a log
//! signed as it is by its key's owner.

use std::fs::{File, OpenOptions};
use std::io::{self, Write as _};
use std::path::Path;

use jiff::Timestamp;

use super::{AppendError, Chain, State, lock};
use crate::checkpoint::{Checkpoint, shows_signature};
use crate::details::Details;
use crate::event::Event;
use crate::key::Signer;
use crate::line::is_torn;
use crate::receipt::{Receipt, Repair};
use crate::tail::read_tail;
use crate::verify::verify;

impl Chain {
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
        let report = verify(&self.state.log_path, &self.state.head_path, None)
            .map_err(AppendError::Verify)?;
        let Some(last) = report.last else {
            return Ok(None);
        };
        let _locked = lock(&self.lock, &self.state.log_path)?;
        self.state.rewrite_checkpoint(last)
    }

    /// Signs the log as it is now: for a log written before its key existed (or under another key),
    /// whose checkpoint this chain's signer would otherwise never advance (see
    /// [`Options::signer`](crate::Options::signer)). The log is verified first without a key (its
    /// entries, and that the checkpoint names one of them); then a checkpoint at its last entry,
    /// signed, replaces the unsigned or foreign-signed one durably. Returns it, or `None` (and
    /// changes nothing) when the checkpoint already verifies with this chain's key, or is missing
    /// or unreadable.
    ///
    /// This vouches for entries nobody holding the key vouched for before: call it only on an
    /// explicit request of the key's owner (when the key is added, or when the log is repaired),
    /// never on an append.
    pub fn sign_checkpoint(&mut self) -> Result<Option<Checkpoint>, AppendError> {
        let Some(verifier) = self.state.options.signer.as_ref().map(Signer::verifier) else {
            return Err(AppendError::NoSigner);
        };
        let report = verify(&self.state.log_path, &self.state.head_path, None)
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
        let checkpoint = self.state.checkpoint_at(last.seq, last.hash);
        self.state.replace_head(&checkpoint)?;
        // Signing the log as it is now also moves the witness there (the owner's explicit step).
        if let Some(witness) = &self.state.options.witness {
            checkpoint
                .write_replace(witness, true)
                .map_err(AppendError::Checkpoint)?;
        }
        Ok(Some(checkpoint))
    }
}

impl State {
    /// Rewrites a checkpoint that is unreadable (zero-length or unparsable, as a crash can leave
    /// it) from the log's last verified entry, durably; see [`Chain::repair_checkpoint`].
    pub(super) fn rewrite_checkpoint(
        &mut self,
        last: Receipt,
    ) -> Result<Option<Checkpoint>, AppendError> {
        let Some((Err(_), bytes)) = self.read_head() else {
            return Ok(None);
        };
        if self.options.signer.is_none() && shows_signature(&bytes) {
            return Err(AppendError::SignedCheckpoint {
                path: self.head_path.clone(),
            });
        }
        let checkpoint = self.checkpoint_at(last.seq, last.hash);
        self.replace_head(&checkpoint)?;
        self.witness(&checkpoint, true)?;
        Ok(Some(checkpoint))
    }

    /// Moves the bytes at `offset..` to a new side file, truncates the log there, and records
    /// the move as an entry.
    pub(super) fn move_aside(&mut self, offset: u64, bytes: &[u8]) -> Result<Repair, AppendError> {
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
