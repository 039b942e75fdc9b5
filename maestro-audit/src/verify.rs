//! Verifying a log against its checkpoint: streaming, constant memory, first failure wins.

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead as _, BufReader, Read as _};
use std::path::{Path, PathBuf};

use crate::checkpoint::{Checkpoint, CheckpointError};
use crate::hash::EntryHash;
use crate::key::Verifier;
use crate::line::{is_torn, parse_line};
use crate::lock::{Locked, lock_path_for};
use crate::receipt::Receipt;

/// What is wrong, for the first failure found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FailureKind {
    /// The entry's content does not hash to its `hash`: it was modified.
    Modified,
    /// The entry's `prev` is not the previous entry's `hash`: an entry was deleted, inserted or
    /// moved before it (or its `prev` was edited).
    BrokenLink,
    /// The entry's `seq` is not one more than the previous entry's.
    SequenceGap,
    /// A line is not a canonical entry (and, if it is the last line, is still JSON).
    Malformed,
    /// The last line has no `\n` or is not JSON: typically a crash mid-append.
    /// Recoverable with [`Chain::repair_tail`](crate::Chain::repair_tail).
    TornTail,
    /// The log ends before the entry the checkpoint names: entries were removed from the end.
    Truncated,
    /// The log's entry at the checkpoint's `seq` has a different hash than the checkpoint.
    CheckpointMismatch,
    /// The checkpoint's signature is invalid, of the wrong algorithm, or missing while a
    /// verifier was given.
    CheckpointSignature,
    /// The checkpoint file is missing although the log has entries.
    CheckpointMissing,
    /// The checkpoint file is not a checkpoint (zero-length or unparsable). A crash can leave
    /// it so (its in-place advances are not fsynced, see [`checkpoint`](crate::checkpoint)); it
    /// is not by itself evidence of tampering, and the entries are still checked. Recoverable
    /// with [`Chain::repair_checkpoint`](crate::Chain::repair_checkpoint).
    CheckpointMalformed,
}

impl fmt::Display for FailureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FailureKind::Modified => "modified entry",
            FailureKind::BrokenLink => "broken link",
            FailureKind::SequenceGap => "sequence gap",
            FailureKind::Malformed => "malformed line",
            FailureKind::TornTail => "torn last line",
            FailureKind::Truncated => "truncated log",
            FailureKind::CheckpointMismatch => "checkpoint does not match the log",
            FailureKind::CheckpointSignature => "checkpoint signature invalid",
            FailureKind::CheckpointMissing => "checkpoint missing",
            FailureKind::CheckpointMalformed => "checkpoint malformed",
        })
    }
}

/// The first failure found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// What is wrong.
    pub kind: FailureKind,
    /// The 1-based log line at fault. For checkpoint failures: the line of the entry the
    /// checkpoint names (for [`FailureKind::Truncated`], the first missing line); 0 when the
    /// checkpoint file itself is missing or malformed.
    pub line: u64,
    /// The `seq` involved: the entry's own (or, for a sequence gap, the expected one), or the
    /// checkpoint's for checkpoint failures; `None` if the line has no readable `seq`.
    pub seq: Option<u64>,
    /// A sentence for people.
    pub message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.kind, self.message)
    }
}

/// The outcome of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifyReport {
    /// Entries that passed every check before the first failure (all of them if none).
    pub entries_checked: u64,
    /// Bytes of the log covered by those entries.
    pub bytes_checked: u64,
    /// The last entry that passed.
    pub last: Option<Receipt>,
    /// The checkpoint as read (`None` if missing or malformed).
    pub checkpoint: Option<Checkpoint>,
    /// Whether a verifier was given and the checkpoint's signature checked out.
    pub signature_verified: bool,
    /// The first failure, if any.
    pub failure: Option<Failure>,
}

impl VerifyReport {
    /// Whether the log verified.
    #[must_use]
    pub fn is_ok(&self) -> bool {
        self.failure.is_none()
    }
}

/// The log or its lock could not be read (a tampered log is not an error: it is a
/// [`VerifyReport`] with a failure).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// A file could not be opened or read.
    #[error("verify audit log: {operation} {path}")]
    Io {
        /// What was being done.
        operation: &'static str,
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
}

/// Verifies the log at `log` against the checkpoint at `head` (see
/// [`head_path_for`](crate::head_path_for)), checking the checkpoint's signature when a
/// `verifier` is given. Reads the log once, line by line, in constant memory.
///
/// The log length and the checkpoint are read together under a shared lock (so a concurrent
/// append is never seen half-written); the entries up to that length are then checked without
/// holding the lock, which is sound because the log is append-only.
pub fn verify(
    log: &Path,
    head: &Path,
    verifier: Option<&Verifier>,
) -> Result<VerifyReport, VerifyError> {
    let io = |operation, path: &Path| {
        let path = path.to_path_buf();
        move |source| VerifyError::Io {
            operation,
            path,
            source,
        }
    };
    let file = File::open(log).map_err(io("open", log))?;
    let (checkpoint, len) = {
        let lock_path = lock_path_for(log);
        // A missing or read-only lock file (verifying a copy) just means no concurrent writer.
        let lock = OpenOptions::new().read(true).open(&lock_path).ok();
        let locked = lock
            .as_ref()
            .map(Locked::shared)
            .transpose()
            .map_err(io("lock", &lock_path))?;
        let checkpoint = Checkpoint::read(head);
        let len = file.metadata().map(|m| m.len()).map_err(io("stat", log));
        drop(locked);
        (checkpoint, len?)
    };
    let mut state = Verification::new(checkpoint, verifier);
    let mut reader = BufReader::with_capacity(1 << 20, file.take(len));
    let mut buf = Vec::with_capacity(4096);
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(io("read", log))?;
        if n == 0 {
            break;
        }
        let at_eof = || reader.fill_buf().map(<[u8]>::is_empty);
        let complete = buf.last() == Some(&b'\n');
        let line = if complete { &buf[..n - 1] } else { &buf[..] };
        if state
            .check_line(line, complete, at_eof)
            .map_err(io("read", log))?
            .is_break()
        {
            break;
        }
        state.report.bytes_checked += n as u64;
    }
    Ok(state.finish())
}

struct Verification<'a> {
    report: VerifyReport,
    verifier: Option<&'a Verifier>,
    /// A checkpoint problem to report at the checkpoint's line, found before streaming.
    checkpoint_problem: Option<(FailureKind, String)>,
    /// The checkpoint failure that does not belong to a line (missing or malformed file).
    file_problem: Option<(FailureKind, String)>,
    prev: EntryHash,
    line: u64,
}

use std::ops::ControlFlow;

impl<'a> Verification<'a> {
    fn new(
        checkpoint: Result<Option<Checkpoint>, CheckpointError>,
        verifier: Option<&'a Verifier>,
    ) -> Self {
        let mut checkpoint_problem = None;
        let mut file_problem = None;
        let mut signature_verified = false;
        let checkpoint = match checkpoint {
            Ok(Some(cp)) => {
                if let Some(verifier) = verifier {
                    match &cp.signature {
                        None => {
                            checkpoint_problem = Some((
                                FailureKind::CheckpointSignature,
                                "the checkpoint is not signed but a verification key was given"
                                    .into(),
                            ));
                        }
                        Some(sig) if !cp.signature_valid(verifier) => {
                            checkpoint_problem = Some((
                                FailureKind::CheckpointSignature,
                                format!(
                                    "the checkpoint's {} signature does not verify with the given {} key",
                                    sig.algorithm,
                                    verifier.algorithm()
                                ),
                            ));
                        }
                        Some(_) => signature_verified = true,
                    }
                }
                Some(cp)
            }
            Ok(None) => {
                file_problem = Some((
                    FailureKind::CheckpointMissing,
                    "the checkpoint file does not exist but the log has entries".into(),
                ));
                None
            }
            Err(e) => {
                file_problem = Some((
                    FailureKind::CheckpointMalformed,
                    format!(
                        "{e} (a crash can leave it so; it can be rewritten from the log's last verified entry)"
                    ),
                ));
                None
            }
        };
        Verification {
            report: VerifyReport {
                entries_checked: 0,
                bytes_checked: 0,
                last: None,
                checkpoint,
                signature_verified,
                failure: None,
            },
            verifier,
            checkpoint_problem,
            file_problem,
            prev: EntryHash::ZERO,
            line: 0,
        }
    }

    fn record(&mut self, kind: FailureKind, line: u64, seq: Option<u64>, message: String) {
        self.report.failure = Some(Failure {
            kind,
            line,
            seq,
            message,
        });
    }

    fn fail(
        &mut self,
        kind: FailureKind,
        line: u64,
        seq: Option<u64>,
        message: String,
    ) -> ControlFlow<()> {
        self.record(kind, line, seq, message);
        ControlFlow::Break(())
    }

    fn check_line(
        &mut self,
        line: &[u8],
        complete: bool,
        at_eof: impl FnOnce() -> io::Result<bool>,
    ) -> io::Result<ControlFlow<()>> {
        self.line += 1;
        let number = self.line;
        let expected_seq = self.report.last.map_or(1, |r| r.seq + 1);
        if !complete {
            return Ok(self.fail(
                FailureKind::TornTail,
                number,
                None,
                "the last line has no newline (an append was interrupted)".into(),
            ));
        }
        let parsed = match parse_line(line) {
            Ok(parsed) => parsed,
            Err(e) => {
                let (kind, what) = if at_eof()? && is_torn(line) {
                    (FailureKind::TornTail, "the last line")
                } else {
                    (FailureKind::Malformed, "the line")
                };
                return Ok(self.fail(
                    kind,
                    number,
                    None,
                    format!(
                        "{what} is not a canonical entry: {} at byte {}",
                        e.what, e.offset
                    ),
                ));
            }
        };
        if parsed.prev != self.prev {
            return Ok(self.fail(
                FailureKind::BrokenLink,
                number,
                Some(parsed.seq),
                format!(
                    "prev is {} but the previous entry's hash is {}",
                    parsed.prev, self.prev
                ),
            ));
        }
        if parsed.seq != expected_seq {
            return Ok(self.fail(
                FailureKind::SequenceGap,
                number,
                Some(expected_seq),
                format!("seq is {} where {expected_seq} was expected", parsed.seq),
            ));
        }
        let computed = parsed.computed_hash(line);
        if computed != parsed.hash {
            return Ok(self.fail(
                FailureKind::Modified,
                number,
                Some(parsed.seq),
                format!("the entry hashes to {computed} but records {}", parsed.hash),
            ));
        }
        if let Some(cp) = &self.report.checkpoint
            && cp.seq == parsed.seq
        {
            let (cp_seq, cp_hash) = (cp.seq, cp.hash);
            if let Some((kind, message)) = self.checkpoint_problem.take() {
                return Ok(self.fail(kind, number, Some(cp_seq), message));
            }
            if cp_hash != parsed.hash {
                return Ok(self.fail(
                    FailureKind::CheckpointMismatch,
                    number,
                    Some(cp_seq),
                    format!(
                        "the checkpoint names hash {cp_hash} for seq {cp_seq} but the log has {}",
                        parsed.hash
                    ),
                ));
            }
        }
        self.prev = parsed.hash;
        self.report.entries_checked += 1;
        self.report.last = Some(Receipt {
            seq: parsed.seq,
            hash: parsed.hash,
        });
        Ok(ControlFlow::Continue(()))
    }

    fn finish(mut self) -> VerifyReport {
        if self.report.failure.is_some() {
            return self.report;
        }
        let last_seq = self.report.last.map_or(0, |r| r.seq);
        if let Some(cp) = self.report.checkpoint.clone() {
            let line = self.line + 1;
            if cp.seq > last_seq {
                if let Some((kind, message)) = self.checkpoint_problem.take() {
                    self.record(kind, line, Some(cp.seq), message);
                } else {
                    self.record(
                        FailureKind::Truncated,
                        line,
                        Some(cp.seq),
                        format!(
                            "the checkpoint names seq {} but the log ends at seq {last_seq}",
                            cp.seq
                        ),
                    );
                }
            } else if cp.seq == 0 {
                if let Some((kind, message)) = self.checkpoint_problem.take() {
                    self.record(kind, 0, Some(0), message);
                } else if cp.hash != EntryHash::ZERO {
                    self.record(
                        FailureKind::CheckpointMismatch,
                        0,
                        Some(0),
                        "the checkpoint for seq 0 has a non-zero hash".into(),
                    );
                }
            }
        } else if let Some((kind, message)) = self.file_problem.take()
            && (last_seq > 0 || kind == FailureKind::CheckpointMalformed || self.verifier.is_some())
        {
            self.record(kind, 0, None, message);
        }
        self.report
    }
}
