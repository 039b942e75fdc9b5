//! A hash-chained, tamper-evident, crash-safe audit log: maestro's record of what agents did.
//!
//! The log (`.mso/audit.log`) is one JSON object per line. Each entry carries the SHA-256 hash
//! of the previous one (like AWS `CloudTrail`'s digest chain, this detects a modified, deleted,
//! inserted or reordered entry), and a checkpoint `audit.head` records the last entry's
//! `{seq, hash, ts}` and can be signed with a key kept outside `.mso/` (like Certificate
//! Transparency's signed tree heads, this detects a truncated tail and a rewritten chain).
//!
//! ```
//! use maestro_audit::{Chain, Details, Event, FindingRef, Options, Signer, head_path_for, verify};
//!
//! let dir = tempfile::tempdir()?;
//! let log = dir.path().join("audit.log");
//! let signer = Signer::from_key_text(&format!("ed25519:{}", "11".repeat(32)))?;
//! let verifier = signer.verifier();
//! let mut chain = Chain::open(&log, Options { signer: Some(signer), ..Options::default() })?;
//!
//! let receipt = chain.append(&Event::new("dispatcher", "order.dispatch", "v1/health"))?;
//! assert_eq!(receipt.seq, 1);
//! let finding = FindingRef::from_match("github-token", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "src/lib.rs", 3)?;
//! chain.append(&Event::new("crew-1/hook", "secret.block", "v1/health")
//!     .with_details(Details::new().with("finding", finding)))?;
//!
//! let report = verify(&log, &head_path_for(&log), Some(&verifier))?;
//! assert!(report.is_ok(), "{:?}", report.failure);
//! assert_eq!(report.entries_checked, 2);
//! assert!(report.signature_verified);
//! let text = std::fs::read_to_string(&log)?;
//! assert!(text.contains(r#""redacted":"ghp_****""#) && !text.contains("abcdefghij"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Line format
//!
//! Each line is the entry's *canonical body* with the key `"hash"` added last, then `\n`:
//!
//! ```text
//! {"action":A,"actor":A,"details":{…},"prev":"<64 hex>","seq":N,"subject":S,"ts":T,"hash":"<64 hex>"}
//! ```
//!
//! The body is the canonical JSON (below) of the object with exactly the seven keys `action`,
//! `actor`, `details` (an object), `prev`, `seq` (an integer ≥ 1), `subject` and `ts` (strings),
//! in that (sorted) order. The stored line is the body with its final `}` replaced by
//! `,"hash":"<64 hex>"}`: so to recover the body, remove the last 75 bytes of the line (without its
//! `\n`) and append `}`.
//!
//! - `hash = SHA-256(prev_hex || body)`, where `prev_hex` is the 64 ASCII bytes of the previous
//!   entry's hash written in lowercase hex (exactly the characters stored in `prev`), and `body`
//!   is the UTF-8 bytes of the canonical body. It is stored as 64 lowercase hex characters.
//! - The first entry has `seq` 1 and `prev` `"000…0"` (64 `0` characters); each next entry has
//!   `seq` one more and `prev` equal to the previous entry's `hash`.
//! - `ts` is RFC 3339 in UTC with whole seconds: `2026-11-24T10:00:00Z`.
//!
//! # Canonical form
//!
//! A value is written in canonical JSON as follows; a verifier refuses a line whose body is not
//! byte-for-byte in this form.
//!
//! - Encoding: UTF-8; no byte-order mark; no whitespace anywhere outside strings.
//! - Objects: `{`, members separated by `,`, `}`; each member is `key:value` with the key a
//!   string. Keys are unique and sorted in increasing order of the bytes of their UTF-8 encoding
//!   (of the key itself, not of its escaped form).
//! - Arrays: `[`, values separated by `,`, `]`. At most 64 levels of nesting, counting the entry
//!   object as level 1.
//! - Numbers: integers only, in the range −2⁶³ to 2⁶⁴−1, in decimal: an optional `-` then
//!   digits, no leading zeros, no `+`, no `-0`, no fraction, no exponent. Floating-point values
//!   are refused when details are built ([`FloatInDetails`]).
//! - `true`, `false`, `null` as such.
//! - Strings: `"`, the characters, `"`. Exactly these are escaped: `"` as `\"`, `\` as `\\`,
//!   U+0008 as `\b`, U+000C as `\f`, U+000A as `\n`, U+000D as `\r`, U+0009 as `\t`, and the other
//!   characters U+0000–U+001F as `\u00XX` with two lowercase hex digits. Every other character,
//!   including `/`, U+007F and all non-ASCII characters, is written as its own UTF-8 bytes (never
//!   as a `\u` escape, never as a surrogate pair).
//!
//! For values without floats this is exactly the output of `serde_json::to_string` with keys
//! sorted (its default `BTreeMap` maps), and of Python's
//! `json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)` (Python sorts by
//! code point, which is the UTF-8 byte order). It differs from RFC 8785 (JCS), which sorts keys
//! by UTF-16 code units: the two agree unless keys mix characters above U+FFFF with characters
//! in U+E000–U+FFFF.
//!
//! # Worked example
//!
//! The first entry of a log, with empty details:
//!
//! ```
//! # use sha2::{Digest, Sha256};
//! let prev = "0".repeat(64);
//! let body = r#"{"action":"order.dispatch","actor":"dispatcher","details":{"crew":1},"prev":"0000000000000000000000000000000000000000000000000000000000000000","seq":1,"subject":"v1/health","ts":"2026-11-24T10:00:00Z"}"#;
//! let mut hasher = Sha256::new();
//! hasher.update(prev.as_bytes());
//! hasher.update(body.as_bytes());
//! let hash = hex::encode(hasher.finalize());
//! assert_eq!(hash, "59cb66a3568f2cbeae50112ad7168616149b841aeb9f1adb0bfb8c7b68945ef5");
//!
//! // The stored line is the body with the hash key added last.
//! let line = format!("{},\"hash\":\"{hash}\"}}", &body[..body.len() - 1]);
//!
//! // The crate writes exactly that line.
//! # use maestro_audit::{Chain, Details, Event, Options};
//! # let dir = tempfile::tempdir()?;
//! # let log = dir.path().join("audit.log");
//! let mut chain = Chain::open(&log, Options::default())?;
//! let ts = "2026-11-24T10:00:00Z".parse()?;
//! chain.append(&Event::new("dispatcher", "order.dispatch", "v1/health")
//!     .with_details(Details::new().with("crew", 1))
//!     .at(ts))?;
//! assert_eq!(std::fs::read_to_string(&log)?, format!("{line}\n"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Concurrency, durability and crashes
//!
//! See [`Chain`] (exclusive lock on `audit.lock` per append; last entry found by reading back
//! from the end of the file), [`Durability`] (fsync every append, the default, or grouped),
//! [`CheckpointPolicy`] and [`checkpoint`] (how `audit.head` is written). The invariants:
//!
//! - By default every append fsyncs the log, then advances `audit.head` to the entry just
//!   appended, so the checkpoint names the last entry after every append. The advance is an
//!   in-place overwrite without fsync; the checkpoint is fsynced (replaced via a temporary
//!   file, fsync, rename and directory fsync) every [`CheckpointPolicy::sync_every_entries`]
//!   (64) entries, on [`Chain::sync`], when a [`Chain`] is dropped, at every
//!   [`Durability::Grouped`] sync and after a repair.
//! - The checkpoint is written only after the entry it names is durable in the log, and never
//!   moves back. After a crash it may lag the log (name an older entry), never lead it.
//! - A checkpoint whose content a crash lost (zero-length or unparsable) is reported by
//!   [`verify()`] as [`FailureKind::CheckpointMalformed`] — a crash artefact, not evidence of
//!   tampering — with the log's entries still checked. [`Chain::repair_checkpoint`] rewrites it
//!   from the last verified entry; without a signer, the next checkpoint of a chain allowed to
//!   write it does so too. A damaged *signed* checkpoint is rewritten only by a chain with a
//!   [`Signer`], and only by [`Chain::repair_checkpoint`].
//! - A chain with a [`Signer`] signs a new checkpoint only after one it can vouch for (its own
//!   valid signature, on an entry the log still holds): whoever rewrites the log without the
//!   key cannot have the next append bless the rewrite (see [`Options::signer`]).
//!
//! A crash mid-append can leave a last line
//! without `\n`; [`verify()`] reports it as [`FailureKind::TornTail`], [`Chain::repair_tail`]
//! moves it to a side file, and the next append does so automatically (the fragment was never
//! acknowledged, so appending stays available to every crew; a complete but invalid last line,
//! which no crash produces, makes appends fail instead).
//!
//! # No secrets
//!
//! `details` is a [`Details`] value: built key by key, or converted from a `serde_json` map,
//! and findings enter it only as a [`FindingRef`], whose constructors keep a redacted form
//! (at most 4 characters of the match) and a one-way fingerprint, never the match. See
//! [`FindingRef`] for the exact guarantee.
//!
//! # Reading, verifying and repairing
//!
//! - Reading: [`entries`] streams the log from the start, [`tail`] reads its last entries from
//!   the end; [`Entry::raw`] is each line exactly as stored.
//! - Verifying: [`verify()`] checks the log against its checkpoint ([`head_path_for`]), and its
//!   signature when given a [`Verifier`] (from [`Verifier::from_key_file`] or
//!   [`Verifier::from_key_text`]). A damaged log is not an error: the report's
//!   [`VerifyReport::failure`] names the first [`Failure`] (its `Display` is one line).
//! - Repairing: a [`FailureKind::TornTail`] is moved aside by [`Chain::repair_tail`]; a
//!   [`FailureKind::CheckpointMalformed`] is rewritten by [`Chain::repair_checkpoint`] (on a
//!   [`Chain`] with the [`Signer`] when the log's checkpoints are signed). Verify again after
//!   either.
//! - Signing: a [`Signer`] from [`Signer::from_key_file`] / [`Signer::from_key_text`] goes in
//!   [`Options::signer`]; the key text format is documented in [`key`].

#![deny(missing_docs)]

mod canonical;
mod chain;
pub mod checkpoint;
mod details;
mod event;
mod finding;
mod hash;
pub mod key;
mod line;
mod lock;
mod read;
mod receipt;
mod tail;
mod verify;

pub use chain::{AppendError, Chain, CheckpointPolicy, Durability, OpenError, Options};
pub use checkpoint::{Checkpoint, CheckpointError, head_path_for};
pub use details::{Details, FloatInDetails, Value};
pub use event::Event;
pub use finding::{FindingError, FindingRef, Fingerprint, Redacted};
pub use hash::{EntryHash, ParseDigestError};
pub use key::{KeyError, Signer, Verifier};
pub use lock::lock_path_for;
pub use read::{Entries, Entry, MalformedLine, ReadError, entries, tail};
pub use receipt::{Receipt, Repair};
pub use verify::{Failure, FailureKind, VerifyError, VerifyReport, verify};
