//! Where a repository's audit signing key lives: in the user's configuration directory, never
//! in the repository.
//!
//! ```text
//! $XDG_CONFIG_HOME/maestro/audit-keys/<id>.key     (else ~/.config/maestro/audit-keys/<id>.key)
//! ```
//!
//! `<id>` is the first 32 hex characters of the SHA-256 of the repository root's canonical path,
//! so every repository has its own key and finding it needs nothing from `.mso/` — which is the
//! point: whoever can edit `.mso/` (the log, its checkpoint, `workspace.json`) must not be able
//! to read the key, nor to turn signing off by editing the configuration.

use std::path::{Component, Path, PathBuf};

use sha2::{Digest as _, Sha256};

/// The directory, below the user's configuration directory, that holds the audit keys.
pub const AUDIT_KEYS_DIR: &str = "maestro/audit-keys";

/// There is no place for a repository's audit key outside the repository.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyLocationError {
    /// Neither `XDG_CONFIG_HOME` nor `HOME` names an absolute directory.
    #[error("no user configuration directory: neither XDG_CONFIG_HOME nor HOME is set")]
    NoConfigDir,
    /// The user's configuration directory is inside the repository, where the key would sit in
    /// the work tree.
    #[error(
        "the user configuration directory {} is inside the repository; set XDG_CONFIG_HOME to a directory outside it",
        dir.display()
    )]
    InsideRepository {
        /// The configuration directory.
        dir: PathBuf,
    },
}

/// The user's configuration directory: `$XDG_CONFIG_HOME` if it is absolute, else
/// `$HOME/.config` (on Windows, `%APPDATA%` when `HOME` is not set).
#[must_use]
pub fn user_config_dir() -> Option<PathBuf> {
    let absolute = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    if let Some(dir) = absolute("XDG_CONFIG_HOME") {
        return Some(dir);
    }
    if let Some(home) = absolute("HOME") {
        return Some(home.join(".config"));
    }
    if cfg!(windows) {
        return absolute("APPDATA");
    }
    None
}

/// The path of the audit key of the repository whose root is `repo_root`, in the user's
/// configuration directory ([`user_config_dir`]).
pub fn audit_key_path(repo_root: &Path) -> Result<PathBuf, KeyLocationError> {
    let dir = user_config_dir().ok_or(KeyLocationError::NoConfigDir)?;
    audit_key_path_in(&dir, repo_root)
}

/// The path of the audit key of the repository at `repo_root` below configuration directory
/// `config_dir`; refused when `config_dir` is inside the repository.
pub fn audit_key_path_in(config_dir: &Path, repo_root: &Path) -> Result<PathBuf, KeyLocationError> {
    let root = resolved(repo_root);
    if resolved(config_dir).starts_with(&root) {
        return Err(KeyLocationError::InsideRepository {
            dir: config_dir.to_owned(),
        });
    }
    Ok(config_dir
        .join(AUDIT_KEYS_DIR)
        .join(format!("{}.key", repository_id(&root))))
}

/// 32 hex characters identifying the repository at the canonical path `root`.
fn repository_id(root: &Path) -> String {
    use std::fmt::Write as _;
    let digest = Sha256::digest(path_bytes(root));
    digest[..16]
        .iter()
        .fold(String::with_capacity(32), |mut id, b| {
            let _ = write!(id, "{b:02x}");
            id
        })
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt as _;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

/// `path` made absolute with its deepest existing ancestor canonicalised (symbolic links
/// resolved), and `..` in the rest removed.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            let mut out = canonical;
            for part in rest.iter().rev() {
                match part {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::Normal(name) => out.push(name),
                    _ => {}
                }
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_per_repository_outside_it() {
        let config = tempfile::tempdir().expect("tempdir");
        let a = tempfile::tempdir().expect("tempdir");
        let b = tempfile::tempdir().expect("tempdir");
        let key_a = audit_key_path_in(config.path(), a.path()).expect("outside");
        let key_b = audit_key_path_in(config.path(), b.path()).expect("outside");
        assert_ne!(key_a, key_b);
        assert!(key_a.starts_with(config.path().join("maestro/audit-keys")));
        let name = key_a.file_name().and_then(|n| n.to_str()).expect("name");
        assert_eq!(name.len(), 32 + ".key".len(), "{name}");
        // The same repository spelled differently has the same key.
        std::fs::create_dir(a.path().join("sub")).expect("mkdir");
        assert_eq!(
            audit_key_path_in(config.path(), &a.path().join("sub/..")).expect("outside"),
            key_a
        );
    }

    #[test]
    fn a_configuration_directory_inside_the_repository_is_refused() {
        let repo = tempfile::tempdir().expect("tempdir");
        let inside = repo.path().join(".config");
        assert_eq!(
            audit_key_path_in(&inside, repo.path()),
            Err(KeyLocationError::InsideRepository { dir: inside })
        );
    }
}
