//! Keys that sign and verify checkpoints: [`Signer`] and [`Verifier`], and their text format.
//!
//! # Key text format
//!
//! A key is one line `<algorithm>:<data>` (surrounding whitespace, blank lines and lines starting
//! with `#` are ignored), the same in a key file and in an environment variable:
//!
//! | algorithm       | data                                                        | signs | verifies |
//! |-----------------|-------------------------------------------------------------|-------|----------|
//! | `ed25519`        | the 32-byte secret seed, 64 hex characters or base64        | yes   | yes      |
//! | `ed25519-public` | the 32-byte public key, 64 hex characters or base64         | no    | yes      |
//! | `hmac-sha256`    | the shared secret, base64 (standard alphabet), at least 32 bytes | yes | yes   |
//!
//! Ed25519 is the better choice: auditors verify with the public key and cannot forge a
//! checkpoint. HMAC needs the secret to verify, so whoever verifies can also sign.
//!
//! A key must live outside `.mso/`: an agent that can write the log can read `.mso/`, and a key
//! it can read protects nothing. [`Signer::from_key_file`] and [`Verifier::from_key_file`] refuse
//! a path with a `.mso` component.

use std::fmt;
use std::path::{Component, Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::{Signature, SigningKey, VerifyingKey};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// Algorithm name of Ed25519 signatures in a checkpoint.
pub const ED25519: &str = "ed25519";
/// Algorithm name of HMAC-SHA256 tags in a checkpoint.
pub const HMAC_SHA256: &str = "hmac-sha256";
const ED25519_PUBLIC: &str = "ed25519-public";
const MIN_HMAC_SECRET: usize = 32;

/// A key that cannot be loaded or parsed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// The key file could not be read.
    #[error("read audit key file {path}")]
    Read {
        /// The key file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The key file is inside a `.mso` directory.
    #[error("audit key file {0} is inside .mso/; keep the key outside the workspace state")]
    InsideMso(PathBuf),
    /// The text is not `<algorithm>:<data>` with a known algorithm.
    #[error(
        "parse audit key: expected one line `ed25519:…`, `ed25519-public:…` or `hmac-sha256:…`"
    )]
    Format,
    /// The data does not decode or has the wrong length.
    #[error("parse audit key: {algorithm} data {problem}")]
    Data {
        /// The algorithm named in the key.
        algorithm: String,
        /// What is wrong with the data.
        problem: &'static str,
    },
    /// A public key was given where a signing key is needed.
    #[error("parse audit key: an ed25519-public key can verify but not sign")]
    PublicOnly,
    /// The operating system's random source failed.
    #[error("generate audit key: no randomness from the operating system")]
    Random,
    /// A new key file could not be written (it exists already, or its directory is missing or
    /// not writable).
    #[error("write audit key file {path}")]
    Write {
        /// The key file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}

#[derive(Clone)]
enum SignerKey {
    Ed25519(SigningKey),
    Hmac(Vec<u8>),
}

/// A key that signs checkpoints (`audit.head`). Built by the CLI from a key file path or an
/// environment variable's value; see the module documentation for the format.
#[derive(Clone)]
pub struct Signer(SignerKey);

enum VerifierKey {
    Ed25519(VerifyingKey),
    Hmac(Vec<u8>),
}

/// A key that checks checkpoint signatures.
pub struct Verifier(VerifierKey);

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signer({}, secret hidden)", self.algorithm())
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            VerifierKey::Ed25519(key) => {
                write!(f, "Verifier(ed25519, {})", hex::encode(key.to_bytes()))
            }
            VerifierKey::Hmac(_) => f.write_str("Verifier(hmac-sha256, secret hidden)"),
        }
    }
}

fn key_line(text: &str) -> Result<(&str, &str), KeyError> {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let line = lines.next().ok_or(KeyError::Format)?;
    if lines.next().is_some() {
        return Err(KeyError::Format);
    }
    let (algorithm, data) = line.split_once(':').ok_or(KeyError::Format)?;
    Ok((algorithm.trim(), data.trim()))
}

fn bytes32(algorithm: &str, data: &str) -> Result<[u8; 32], KeyError> {
    let bad = |problem| KeyError::Data {
        algorithm: algorithm.to_owned(),
        problem,
    };
    let bytes = if data.len() == 64 && data.bytes().all(|b| b.is_ascii_hexdigit()) {
        hex::decode(data).map_err(|_| bad("is not valid hex"))?
    } else {
        BASE64
            .decode(data)
            .map_err(|_| bad("is neither 64 hex characters nor base64"))?
    };
    bytes.try_into().map_err(|_| bad("is not 32 bytes"))
}

fn hmac_secret(data: &str) -> Result<Vec<u8>, KeyError> {
    let bad = |problem| KeyError::Data {
        algorithm: HMAC_SHA256.to_owned(),
        problem,
    };
    let secret = BASE64.decode(data).map_err(|_| bad("is not base64"))?;
    if secret.len() < MIN_HMAC_SECRET {
        return Err(bad("is shorter than 32 bytes"));
    }
    Ok(secret)
}

fn read_key_file(path: &Path) -> Result<String, KeyError> {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    if absolute
        .components()
        .any(|c| c == Component::Normal(".mso".as_ref()))
    {
        return Err(KeyError::InsideMso(path.to_path_buf()));
    }
    std::fs::read_to_string(path).map_err(|source| KeyError::Read {
        path: path.to_path_buf(),
        source,
    })
}

impl Signer {
    /// An Ed25519 signer from its 32-byte secret seed.
    #[must_use]
    pub fn ed25519_from_seed(seed: &[u8; 32]) -> Signer {
        Signer(SignerKey::Ed25519(SigningKey::from_bytes(seed)))
    }

    /// An HMAC-SHA256 signer; the secret must be at least 32 bytes.
    pub fn hmac_sha256(secret: &[u8]) -> Result<Signer, KeyError> {
        if secret.len() < MIN_HMAC_SECRET {
            return Err(KeyError::Data {
                algorithm: HMAC_SHA256.to_owned(),
                problem: "is shorter than 32 bytes",
            });
        }
        Ok(Signer(SignerKey::Hmac(secret.to_vec())))
    }

    /// A new Ed25519 signer from the operating system's random source.
    pub fn generate_ed25519() -> Result<Signer, KeyError> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|_| KeyError::Random)?;
        Ok(Signer::ed25519_from_seed(&seed))
    }

    /// Writes this key to a new file at `path` (mode 0600 on Unix), with the comment line
    /// `# <comment>` before the key (control characters in `comment` are replaced). Never
    /// replaces a file: an existing one is [`KeyError::Write`] with
    /// [`std::io::ErrorKind::AlreadyExists`]. The directory must exist.
    pub fn write_new_key_file(&self, path: &Path, comment: &str) -> Result<(), KeyError> {
        use std::io::Write as _;
        let write = |source| KeyError::Write {
            path: path.to_path_buf(),
            source,
        };
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(0o600);
        }
        let mut file = options.open(path).map_err(write)?;
        let comment: String = comment
            .chars()
            .map(|c| if c.is_control() { '?' } else { c })
            .collect();
        let text = format!("# {comment}\n{}\n", self.to_key_text());
        let written = file
            .write_all(text.as_bytes())
            .and_then(|()| file.sync_all());
        if let Err(source) = written {
            // Half a key is worse than none: the next attempt writes it afresh.
            let _ = std::fs::remove_file(path);
            return Err(write(source));
        }
        Ok(())
    }

    /// Parses key text (`ed25519:…` or `hmac-sha256:…`), e.g. an environment variable's value.
    pub fn from_key_text(text: &str) -> Result<Signer, KeyError> {
        match key_line(text)? {
            (ED25519, data) => Ok(Signer::ed25519_from_seed(&bytes32(ED25519, data)?)),
            (HMAC_SHA256, data) => Ok(Signer(SignerKey::Hmac(hmac_secret(data)?))),
            (ED25519_PUBLIC, _) => Err(KeyError::PublicOnly),
            _ => Err(KeyError::Format),
        }
    }

    /// Reads a key file (see the module documentation); refuses one inside `.mso/`.
    pub fn from_key_file(path: &Path) -> Result<Signer, KeyError> {
        Signer::from_key_text(&read_key_file(path)?)
    }

    /// The key text of this signer, for writing a key file.
    #[must_use]
    pub fn to_key_text(&self) -> String {
        match &self.0 {
            SignerKey::Ed25519(key) => format!("{ED25519}:{}", hex::encode(key.to_bytes())),
            SignerKey::Hmac(secret) => format!("{HMAC_SHA256}:{}", BASE64.encode(secret)),
        }
    }

    /// The verifier matching this signer (for Ed25519, its public key).
    #[must_use]
    pub fn verifier(&self) -> Verifier {
        match &self.0 {
            SignerKey::Ed25519(key) => Verifier(VerifierKey::Ed25519(key.verifying_key())),
            SignerKey::Hmac(secret) => Verifier(VerifierKey::Hmac(secret.clone())),
        }
    }

    /// `ed25519` or `hmac-sha256`.
    #[must_use]
    pub fn algorithm(&self) -> &'static str {
        match &self.0 {
            SignerKey::Ed25519(_) => ED25519,
            SignerKey::Hmac(_) => HMAC_SHA256,
        }
    }

    pub(crate) fn sign(&self, message: &[u8]) -> Vec<u8> {
        match &self.0 {
            SignerKey::Ed25519(key) => {
                use ed25519_dalek::Signer as _;
                key.sign(message).to_bytes().to_vec()
            }
            SignerKey::Hmac(secret) => {
                let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret)
                    .expect("HMAC takes any key length");
                mac.update(message);
                mac.finalize().into_bytes().to_vec()
            }
        }
    }
}

impl Verifier {
    /// An Ed25519 verifier from a 32-byte public key.
    pub fn ed25519_public(key: &[u8; 32]) -> Result<Verifier, KeyError> {
        VerifyingKey::from_bytes(key)
            .map(|k| Verifier(VerifierKey::Ed25519(k)))
            .map_err(|_| KeyError::Data {
                algorithm: ED25519_PUBLIC.to_owned(),
                problem: "is not a valid public key",
            })
    }

    /// An HMAC-SHA256 verifier; the secret must be at least 32 bytes.
    pub fn hmac_sha256(secret: &[u8]) -> Result<Verifier, KeyError> {
        Ok(Signer::hmac_sha256(secret)?.verifier())
    }

    /// Parses key text: `ed25519-public:…`, or a signing key (`ed25519:…`, `hmac-sha256:…`).
    pub fn from_key_text(text: &str) -> Result<Verifier, KeyError> {
        match key_line(text)? {
            (ED25519_PUBLIC, data) => Verifier::ed25519_public(&bytes32(ED25519_PUBLIC, data)?),
            _ => Ok(Signer::from_key_text(text)?.verifier()),
        }
    }

    /// Reads a key file (see the module documentation); refuses one inside `.mso/`.
    pub fn from_key_file(path: &Path) -> Result<Verifier, KeyError> {
        Verifier::from_key_text(&read_key_file(path)?)
    }

    /// `ed25519` or `hmac-sha256`.
    #[must_use]
    pub fn algorithm(&self) -> &'static str {
        match &self.0 {
            VerifierKey::Ed25519(_) => ED25519,
            VerifierKey::Hmac(_) => HMAC_SHA256,
        }
    }

    /// For Ed25519, the `ed25519-public:<hex>` text auditors can be given; `None` for HMAC.
    #[must_use]
    pub fn public_key_text(&self) -> Option<String> {
        match &self.0 {
            VerifierKey::Ed25519(key) => {
                Some(format!("{ED25519_PUBLIC}:{}", hex::encode(key.to_bytes())))
            }
            VerifierKey::Hmac(_) => None,
        }
    }

    pub(crate) fn verify(&self, algorithm: &str, message: &[u8], signature: &[u8]) -> bool {
        match &self.0 {
            VerifierKey::Ed25519(key) => {
                algorithm == ED25519
                    && Signature::from_slice(signature)
                        .is_ok_and(|sig| key.verify_strict(message, &sig).is_ok())
            }
            VerifierKey::Hmac(secret) => {
                let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret)
                    .expect("HMAC takes any key length");
                mac.update(message);
                algorithm == HMAC_SHA256 && mac.verify_slice(signature).is_ok()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_texts_round_trip_and_verify() {
        let ed = Signer::from_key_text(&format!("# audit key\ned25519:{}\n", "07".repeat(32)))
            .expect("hex seed");
        let same = Signer::from_key_text(&format!("ed25519:{}", BASE64.encode([7u8; 32])))
            .expect("base64 seed");
        assert_eq!(ed.to_key_text(), same.to_key_text());
        let public = Verifier::from_key_text(&ed.verifier().public_key_text().expect("ed25519"))
            .expect("public");
        let sig = ed.sign(b"m");
        assert!(public.verify(ED25519, b"m", &sig));
        assert!(!public.verify(ED25519, b"n", &sig));
        assert!(!public.verify(HMAC_SHA256, b"m", &sig));

        let mac = Signer::from_key_text(&format!("hmac-sha256:{}", BASE64.encode([9u8; 32])))
            .expect("hmac");
        let tag = mac.sign(b"m");
        assert!(
            Verifier::from_key_text(&mac.to_key_text())
                .expect("hmac")
                .verify(HMAC_SHA256, b"m", &tag)
        );
        assert!(
            !Verifier::hmac_sha256(&[8u8; 32])
                .expect("len")
                .verify(HMAC_SHA256, b"m", &tag)
        );
    }

    #[test]
    fn bad_keys_are_refused() {
        assert!(matches!(
            Signer::from_key_text("rsa:abcd"),
            Err(KeyError::Format)
        ));
        assert!(matches!(
            Signer::from_key_text("ed25519:abcd"),
            Err(KeyError::Data { .. })
        ));
        assert!(matches!(
            Signer::hmac_sha256(b"short"),
            Err(KeyError::Data { .. })
        ));
        assert!(matches!(
            Signer::from_key_text(&format!("ed25519-public:{}", "00".repeat(32))),
            Err(KeyError::PublicOnly)
        ));
        assert!(matches!(
            Signer::from_key_file(Path::new("/x/.mso/key")),
            Err(KeyError::InsideMso(_))
        ));
        assert!(format!("{:?}", Signer::hmac_sha256(&[1; 32]).expect("len")).contains("hidden"));
    }

    #[test]
    fn a_generated_key_is_written_once_and_privately() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("repo.key");
        let signer = Signer::generate_ed25519().expect("random");
        assert_ne!(
            signer.to_key_text(),
            Signer::generate_ed25519().expect("random").to_key_text()
        );
        signer
            .write_new_key_file(&path, "audit key of /x\ny")
            .expect("written");
        let read = Signer::from_key_file(&path).expect("a key file");
        assert_eq!(read.to_key_text(), signer.to_key_text());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path)
                .expect("exists")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let again = Signer::generate_ed25519().expect("random");
        match again.write_new_key_file(&path, "x") {
            Err(KeyError::Write { source, .. }) => {
                assert_eq!(source.kind(), std::io::ErrorKind::AlreadyExists);
            }
            other => panic!("an existing key is never replaced: {other:?}"),
        }
        assert_eq!(
            Signer::from_key_file(&path).expect("kept").to_key_text(),
            signer.to_key_text()
        );
    }
}
