//! Issuer keys: Ed25519 key pairs, their files, and the set of keys a workspace trusts.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{SigningKey, VerifyingKey};

/// The public keys of maestro's own licence issuer, trusted by every build.
///
/// Its private key is held by the project's licence service and is not in this repository, so
/// self-hosted issuers add their own key to `licence.publicKeys` instead.
pub const BUILTIN_PUBLIC_KEYS: &[&str] = &["KaHtN6gtKdcs20U8Ew7DKa8opr6/V60pMAjZUWuicVc="];

/// A key problem: unreadable, malformed or not an Ed25519 key.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// The key file could not be read or written.
    #[error("cannot {action} {}", path.display())]
    Io {
        /// `read` or `write`.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The text is not a base64 Ed25519 key.
    #[error("{what} is not a base64 Ed25519 key of 32 bytes")]
    Malformed {
        /// Which key, e.g. `licence.publicKeys[0]` or a file name.
        what: String,
    },
    /// The operating system's random source failed.
    #[error("cannot draw random bytes for a new key")]
    Random,
}

fn decode_32(text: &str, what: &str) -> Result<[u8; 32], KeyError> {
    STANDARD
        .decode(text.trim())
        .ok()
        .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
        .ok_or_else(|| KeyError::Malformed {
            what: what.to_owned(),
        })
}

/// Parses a public key line (base64 of the 32 key bytes); `what` names it in errors.
pub fn parse_public_key(text: &str, what: &str) -> Result<VerifyingKey, KeyError> {
    VerifyingKey::from_bytes(&decode_32(text, what)?).map_err(|_| KeyError::Malformed {
        what: what.to_owned(),
    })
}

/// The base64 text of a public key, as written to `issuer.pub` and `licence.publicKeys`.
#[must_use]
pub fn public_key_text(key: &VerifyingKey) -> String {
    STANDARD.encode(key.to_bytes())
}

/// The key pair of a licence issuer.
#[derive(Debug)]
pub struct IssuerKey {
    signing: SigningKey,
}

impl IssuerKey {
    /// A new random key pair.
    pub fn generate() -> Result<IssuerKey, KeyError> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|_| KeyError::Random)?;
        Ok(IssuerKey::from_seed(&seed))
    }

    /// The key pair of a 32-byte secret seed.
    #[must_use]
    pub fn from_seed(seed: &[u8; 32]) -> IssuerKey {
        IssuerKey {
            signing: SigningKey::from_bytes(seed),
        }
    }

    /// The public half.
    #[must_use]
    pub fn public_key(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }

    pub(crate) fn signing_key(&self) -> &SigningKey {
        &self.signing
    }

    /// Reads a private key file: one line, the base64 of the 32-byte seed.
    pub fn load(path: &Path) -> Result<IssuerKey, KeyError> {
        let text = std::fs::read_to_string(path).map_err(|source| KeyError::Io {
            action: "read",
            path: path.to_owned(),
            source,
        })?;
        Ok(IssuerKey::from_seed(&decode_32(
            &text,
            &path.display().to_string(),
        )?))
    }

    /// Writes `dir/issuer.key` (the seed, base64, mode 0600 on Unix, created exclusively so an
    /// existing key is never overwritten) and `dir/issuer.pub` (the public key line). Returns
    /// both paths.
    pub fn write_pair(&self, dir: &Path) -> Result<(PathBuf, PathBuf), KeyError> {
        let io = |action, path: &Path| {
            let path = path.to_owned();
            move |source| KeyError::Io {
                action,
                path,
                source,
            }
        };
        std::fs::create_dir_all(dir).map_err(io("write", dir))?;
        let private = dir.join("issuer.key");
        let public = dir.join("issuer.pub");
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&private).map_err(io("write", &private))?;
        let seed = STANDARD.encode(self.signing.to_bytes());
        std::io::Write::write_all(&mut file, format!("{seed}\n").as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(io("write", &private))?;
        std::fs::write(
            &public,
            format!("{}\n", public_key_text(&self.public_key())),
        )
        .map_err(io("write", &public))?;
        Ok((private, public))
    }
}

/// The issuer keys a workspace trusts: the built-in ones and those listed in
/// `licence.publicKeys`.
#[derive(Debug, Clone)]
pub struct TrustedKeys {
    keys: Vec<VerifyingKey>,
}

impl TrustedKeys {
    /// The built-in keys plus `configured` (base64 lines; errors name `licence.publicKeys[i]`).
    pub fn new<S: AsRef<str>>(configured: &[S]) -> Result<TrustedKeys, KeyError> {
        let mut keys: Vec<VerifyingKey> = BUILTIN_PUBLIC_KEYS
            .iter()
            .map(|k| parse_public_key(k, "a built-in key"))
            .collect::<Result<_, _>>()?;
        for (i, text) in configured.iter().enumerate() {
            keys.push(parse_public_key(
                text.as_ref(),
                &format!("licence.publicKeys[{i}]"),
            )?);
        }
        Ok(TrustedKeys { keys })
    }

    /// Exactly these keys, without the built-in ones (for tests and special deployments).
    #[must_use]
    pub fn only(keys: Vec<VerifyingKey>) -> TrustedKeys {
        TrustedKeys { keys }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &VerifyingKey> {
        self.keys.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_keys_parse() {
        assert!(TrustedKeys::new::<&str>(&[]).is_ok());
    }

    #[test]
    fn key_files_round_trip_and_are_private() {
        let dir = tempfile::tempdir().expect("tempdir");
        let key = IssuerKey::generate().expect("random");
        let (private, public) = key.write_pair(dir.path()).expect("written");
        let loaded = IssuerKey::load(&private).expect("loaded");
        assert_eq!(loaded.public_key(), key.public_key());
        let line = std::fs::read_to_string(&public).expect("read");
        assert_eq!(
            parse_public_key(&line, "issuer.pub").expect("valid"),
            key.public_key()
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&private)
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(
            IssuerKey::generate()
                .expect("random")
                .write_pair(dir.path())
                .is_err(),
            "an existing key is never overwritten"
        );
        assert_eq!(
            IssuerKey::load(&private).expect("kept").public_key(),
            key.public_key()
        );
    }

    #[test]
    fn malformed_keys_are_named() {
        let err = TrustedKeys::new(&["not base64!"]).expect_err("malformed");
        assert_eq!(
            err.to_string(),
            "licence.publicKeys[0] is not a base64 Ed25519 key of 32 bytes"
        );
        let short = STANDARD.encode([1u8; 16]);
        assert!(TrustedKeys::new(&[short]).is_err());
    }
}
