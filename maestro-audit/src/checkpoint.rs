//! The checkpoint `audit.head`: the last durable entry's `{seq, hash, ts}`, optionally signed.
//!
//! File format (one line, canonical JSON, then `\n`):
//! `{"hash":"<64 hex>","seq":<n>,"ts":"<RFC 3339>"}` when unsigned, and
//! `{"hash":"<64 hex>","seq":<n>,"sig":{"alg":"ed25519"|"hmac-sha256","value":"<base64>"},"ts":"…"}`
//! when signed. The signature covers the bytes `maestro-audit checkpoint v1\n` followed by the
//! unsigned form without its `\n`. A log that has just been created has the checkpoint
//! `{seq: 0, hash: 64 zeros}`.
//!
//! It is replaced atomically (write `audit.head.tmp`, fsync it, rename it over `audit.head`), always
//! under the chain lock and only after the entry it names is durable in the log, so after a crash
//! it may lag the log but never run ahead of it.

use std::fs::File;
use std::io::Write as _;
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
        let malformed = |problem: String| CheckpointError::Malformed {
            path: path.to_path_buf(),
            problem,
        };
        let value: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| malformed(format!("not JSON ({e})")))?;
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
        Ok(Some(Checkpoint {
            seq,
            hash,
            ts,
            signature,
        }))
    }

    /// Replaces `path` atomically: writes `<path>.tmp`, fsyncs it, renames it over `path`. The
    /// caller holds the chain lock, so the temporary name is not shared.
    pub(crate) fn write(&self, path: &Path) -> Result<(), CheckpointError> {
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
        })
    }
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
        cp.write(&path).expect("write");
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
        assert!(
            Checkpoint::read(&dir.path().join("none"))
                .expect("absent is fine")
                .is_none()
        );
    }
}
