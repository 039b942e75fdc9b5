//! The checkpoint `audit.head`: the last durable entry's `{seq, hash, ts}`, optionally signed.
//!
//! File format (one line, canonical JSON, then `\n`):
//! `{"hash":"<64 hex>","seq":<n>,"ts":"<RFC 3339>"}` when unsigned, and
//! `{"hash":"<64 hex>","seq":<n>,"sig":{"alg":"ed25519"|"hmac-sha256","value":"<base64>"},"ts":"…"}`
//! when signed. The signature covers the bytes `maestro-audit checkpoint v1\n` followed by the
//! unsigned form without its `\n`. A log that has just been created has the checkpoint
//! `{seq: 0, hash: 64 zeros}`.
//!
//! # How it is written
//!
//! Always under the chain's exclusive lock, and only after the entry it names is durable in the
//! log (fsynced), so the checkpoint never names an entry that a crash could take away. Two ways:
//!
//! - *Advance* (every sync point, i.e. every append by default): the file is overwritten in
//!   place, from byte 0, without fsync. This costs no device flush, so appends keep the raw
//!   synced-append rate. The content is under 512 bytes (one disk sector), so a crash leaves
//!   either the old content, the new content, or — if the file system lost the unsynced data —
//!   a zero-length or unparsable file, never a mix of two valid checkpoints.
//! - *Make durable* (every [`CheckpointPolicy::sync_every_entries`] advances, on
//!   [`Chain::sync`], when a [`Chain`] is dropped, at every [`Durability::Grouped`] sync, after a
//!   tail repair, and whenever the file is missing or unreadable): write `audit.head.tmp`, fsync
//!   it, rename it over `audit.head`, fsync the directory.
//!
//! Readers that may run concurrently with appenders must read the checkpoint under the shared
//! lock on `audit.lock`, as [`verify`](crate::verify()) does; [`Checkpoint::read`] alone does not.
//!
//! # After a crash
//!
//! - The checkpoint may *lag* the log (name an older entry: the advances since the last durable
//!   write were lost); [`verify`](crate::verify()) accepts that, as it accepts any entry after
//!   the checkpoint. It never *leads* the log.
//! - It may be zero-length or unparsable. [`verify`](crate::verify()) reports that as
//!   [`FailureKind::CheckpointMalformed`](crate::FailureKind::CheckpointMalformed), a distinct
//!   condition (a crash artefact, not evidence of tampering, unlike `CheckpointMismatch`,
//!   `CheckpointSignature` or `Truncated`). It is rewritten from the log by
//!   [`Chain::repair_checkpoint`] (on request), and by the next
//!   checkpoint of a chain without a [`Signer`] if the damaged file does not show a signature
//!   (`"sig"`), because only a signer may replace a signed checkpoint. A chain with a signer
//!   never rewrites it on its own: it cannot tell a crash from someone who emptied the file to
//!   have a rewritten log signed (see [`Options::signer`]). (A keyless chain that rewrites a
//!   zero-length head of a signed log writes an unsigned one, which verification with a key
//!   reports as `CheckpointSignature` until [`Chain::sign_checkpoint`] replaces it.)
//!
//! [`CheckpointPolicy::sync_every_entries`]: crate::CheckpointPolicy::sync_every_entries
//! [`Chain::sync`]: crate::Chain::sync
//! [`Chain`]: crate::Chain
//! [`Chain::repair_checkpoint`]: crate::Chain::repair_checkpoint
//! [`Options::signer`]: crate::Options::signer
//! [`Chain::sign_checkpoint`]: crate::Chain::sign_checkpoint
//! [`Durability::Grouped`]: crate::Durability::Grouped

use std::fs::File;
use std::io::{Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use crate::canonical;
use crate::hash::EntryHash;
use crate::key::{Signer, Verifier};

const SIGNATURE_CONTEXT: &[u8] = b"maestro-audit checkpoint v1\n";

/// The content of `audit.head`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// Sequence number of the entry it names (0: empty log).
    pub seq: u64,
    /// Hash of that entry (zeros for an empty log).
    pub hash: EntryHash,
    /// When the checkpoint was written, RFC 3339 UTC.
    pub ts: String,
    /// The signature, if the chain was opened with a [`Signer`].
    pub signature: Option<CheckpointSignature>,
}

/// A checkpoint's signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckpointSignature {
    /// `ed25519` or `hmac-sha256`.
    pub algorithm: String,
    /// The signature or tag bytes.
    pub value: Vec<u8>,
}

/// A checkpoint file that cannot be read or parsed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CheckpointError {
    /// Reading or writing failed.
    #[error("{operation} checkpoint {path}")]
    Io {
        /// `read` or `write`.
        operation: &'static str,
        /// The checkpoint or its temporary file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file is not a checkpoint.
    #[error("read checkpoint {path}: {problem}")]
    Malformed {
        /// The checkpoint file.
        path: PathBuf,
        /// What is wrong.
        problem: String,
    },
}

impl Checkpoint {
    /// The bytes a signature covers.
    fn signed_message(&self) -> Vec<u8> {
        let mut out = SIGNATURE_CONTEXT.to_vec();
        self.write_unsigned(&mut out);
        out
    }

    fn write_unsigned(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(br#"{"hash":""#);
        out.extend_from_slice(&self.hash.to_hex_bytes());
        out.extend_from_slice(br#"","seq":"#);
        canonical::write_u64(out, self.seq);
        out.extend_from_slice(br#","ts":"#);
        canonical::write_str(out, &self.ts);
        out.push(b'}');
    }

    /// The file content: canonical JSON and `\n`.
    fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(256);
        match &self.signature {
            None => self.write_unsigned(&mut out),
            Some(sig) => {
                out.extend_from_slice(br#"{"hash":""#);
                out.extend_from_slice(&self.hash.to_hex_bytes());
                out.extend_from_slice(br#"","seq":"#);
                canonical::write_u64(&mut out, self.seq);
                out.extend_from_slice(br#","sig":{"alg":"#);
                canonical::write_str(&mut out, &sig.algorithm);
                out.extend_from_slice(br#","value":"#);
                canonical::write_str(&mut out, &BASE64.encode(&sig.value));
                out.extend_from_slice(br#"},"ts":"#);
                canonical::write_str(&mut out, &self.ts);
                out.push(b'}');
            }
        }
        out.push(b'\n');
        out
    }

    /// A checkpoint for `seq`/`hash` at `ts`, signed when `signer` is given.
    pub(crate) fn new(
        seq: u64,
        hash: EntryHash,
        ts: String,
        signer: Option<&Signer>,
    ) -> Checkpoint {
        let mut checkpoint = Checkpoint {
            seq,
            hash,
            ts,
            signature: None,
        };
        if let Some(signer) = signer {
            let value = signer.sign(&checkpoint.signed_message());
            checkpoint.signature = Some(CheckpointSignature {
                algorithm: signer.algorithm().to_owned(),
                value,
            });
        }
        checkpoint
    }

    /// Whether the signature is present and valid for `verifier`.
    #[must_use]
    pub fn signature_valid(&self, verifier: &Verifier) -> bool {
        self.signature
            .as_ref()
            .is_some_and(|sig| verifier.verify(&sig.algorithm, &self.signed_message(), &sig.value))
    }

    /// Reads `path`; `Ok(None)` when it does not exist.
    pub fn read(path: &Path) -> Result<Option<Checkpoint>, CheckpointError> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(CheckpointError::Io {
                    operation: "read",
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        Checkpoint::parse(&bytes, path).map(Some)
    }

    /// Parses the content `bytes` of the checkpoint file at `path`.
    pub(crate) fn parse(bytes: &[u8], path: &Path) -> Result<Checkpoint, CheckpointError> {
        let malformed = |problem: String| CheckpointError::Malformed {
            path: path.to_path_buf(),
            problem,
        };
        let value: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|e| malformed(format!("not JSON ({e})")))?;
        let seq = value["seq"]
            .as_u64()
            .ok_or_else(|| malformed("no integer \"seq\"".into()))?;
        let hash = value["hash"]
            .as_str()
            .and_then(|h| h.parse().ok())
            .ok_or_else(|| malformed("no 64-hex \"hash\"".into()))?;
        let ts = value["ts"]
            .as_str()
            .ok_or_else(|| malformed("no string \"ts\"".into()))?
            .to_owned();
        let signature = match &value["sig"] {
            serde_json::Value::Null => None,
            sig => {
                let algorithm = sig["alg"]
                    .as_str()
                    .ok_or_else(|| malformed("no string \"sig.alg\"".into()))?;
                let value = sig["value"]
                    .as_str()
                    .and_then(|v| BASE64.decode(v).ok())
                    .ok_or_else(|| malformed("no base64 \"sig.value\"".into()))?;
                Some(CheckpointSignature {
                    algorithm: algorithm.to_owned(),
                    value,
                })
            }
        };
        Ok(Checkpoint {
            seq,
            hash,
            ts,
            signature,
        })
    }

    /// Replaces `path` atomically and durably: writes `<path>.tmp`, fsyncs it, renames it over
    /// `path` and fsyncs the directory. The caller holds the chain lock, so the temporary name is
    /// not shared.
    /// Replaces the file at `path` with this checkpoint (a temporary file renamed over it, so a
    /// reader sees the old or the new one), fsynced with its directory when `durable`.
    pub(crate) fn write_replace(&self, path: &Path, durable: bool) -> Result<(), CheckpointError> {
        if durable {
            return self.write_durable(path);
        }
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        std::fs::write(&tmp, self.to_bytes()).map_err(|source| CheckpointError::Io {
            operation: "write",
            path: tmp.clone(),
            source,
        })?;
        std::fs::rename(&tmp, path).map_err(|source| CheckpointError::Io {
            operation: "write",
            path: path.to_path_buf(),
            source,
        })
    }

    pub(crate) fn write_durable(&self, path: &Path) -> Result<(), CheckpointError> {
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        let io = |source| CheckpointError::Io {
            operation: "write",
            path: tmp.clone(),
            source,
        };
        let mut file = File::create(&tmp).map_err(io)?;
        file.write_all(&self.to_bytes()).map_err(io)?;
        file.sync_all().map_err(io)?;
        drop(file);
        std::fs::rename(&tmp, path).map_err(|source| CheckpointError::Io {
            operation: "write",
            path: path.to_path_buf(),
            source,
        })?;
        sync_dir_of(path)
    }

    /// Overwrites the checkpoint file `file` (open for writing, at `path`) in place, from byte
    /// 0, without fsync (see the module docs for why a crash cannot mix two checkpoints).
    /// Truncates it when the new content is shorter than `old_len`. The caller holds the chain
    /// lock.
    pub(crate) fn overwrite(
        &self,
        mut file: &File,
        old_len: u64,
        path: &Path,
    ) -> Result<(), CheckpointError> {
        let io = |source| CheckpointError::Io {
            operation: "overwrite",
            path: path.to_path_buf(),
            source,
        };
        let bytes = self.to_bytes();
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        file.write_all(&bytes).map_err(io)?;
        if old_len > bytes.len() as u64 {
            file.set_len(bytes.len() as u64).map_err(io)?;
        }
        Ok(())
    }

    /// Fsyncs the existing checkpoint at `path` (and its directory) as it is, making in-place
    /// advances durable without rewriting it.
    pub(crate) fn sync_existing(path: &Path) -> Result<(), CheckpointError> {
        let io = |source| CheckpointError::Io {
            operation: "sync",
            path: path.to_path_buf(),
            source,
        };
        File::open(path).map_err(io)?.sync_all().map_err(io)?;
        sync_dir_of(path)
    }
}

/// Fsyncs the directory holding `path`, so that a rename into it is durable.
fn sync_dir_of(path: &Path) -> Result<(), CheckpointError> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let io = |source| CheckpointError::Io {
        operation: "sync directory of",
        path: path.to_path_buf(),
        source,
    };
    File::open(dir).map_err(io)?.sync_all().map_err(io)
}

/// Whether the content of an unreadable checkpoint shows a signature: then only a signer may
/// replace it.
pub(crate) fn shows_signature(bytes: &[u8]) -> bool {
    memchr::memmem::find(bytes, b"\"sig\"").is_some()
}

/// The checkpoint path for a log: the log path with its extension replaced by `head`
/// (`.mso/audit.log` → `.mso/audit.head`).
#[must_use]
pub fn head_path_for(log: &Path) -> PathBuf {
    log.with_extension("head")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_checkpoint_round_trips_and_detects_changes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("audit.head");
        let signer = Signer::ed25519_from_seed(&[3; 32]);
        let cp = Checkpoint::new(
            5,
            EntryHash::of_parts(&[b"e"]),
            "2026-11-24T10:00:00Z".into(),
            Some(&signer),
        );
        cp.write_durable(&path).expect("write");
        let read = Checkpoint::read(&path).expect("read").expect("exists");
        assert_eq!(read, cp);
        assert!(read.signature_valid(&signer.verifier()));
        let mut forged = read.clone();
        forged.seq = 4;
        assert!(!forged.signature_valid(&signer.verifier()));
        let unsigned = Checkpoint::new(5, cp.hash, cp.ts.clone(), None);
        assert!(!unsigned.signature_valid(&signer.verifier()));
        let text = String::from_utf8(unsigned.to_bytes()).expect("utf-8");
        assert_eq!(
            text,
            format!(
                "{{\"hash\":\"{}\",\"seq\":5,\"ts\":\"2026-11-24T10:00:00Z\"}}\n",
                cp.hash
            )
        );
        // In place: longer (a signature added) and shorter content both leave exactly one
        // checkpoint.
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .expect("open");
        let hmac =
            Signer::from_key_text(&format!("hmac-sha256:{}", "ab".repeat(32))).expect("hmac key");
        let longer = Checkpoint::new(12_345, cp.hash, cp.ts.clone(), Some(&hmac));
        let len = std::fs::metadata(&path).expect("stat").len();
        longer.overwrite(&file, len, &path).expect("overwrite");
        assert_eq!(Checkpoint::read(&path).expect("read"), Some(longer));
        let len = std::fs::metadata(&path).expect("stat").len();
        unsigned.overwrite(&file, len, &path).expect("overwrite");
        assert_eq!(std::fs::read(&path).expect("read"), unsigned.to_bytes());
        assert!(
            Checkpoint::read(&dir.path().join("none"))
                .expect("absent is fine")
                .is_none()
        );
    }
}
