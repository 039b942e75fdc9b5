//! Paths as the sandbox's rules name them: resolved, with `~` expanded, as strings.

use std::path::{Component, Path, PathBuf};

use super::SandboxError;

/// `program` in a directory of `path` (a `PATH` value), as an executable file.
pub(crate) fn find_on_path(program: &str, path: Option<&std::ffi::OsStr>) -> Option<PathBuf> {
    std::env::split_paths(path?)
        .map(|dir| dir.join(program))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// `path` as written in a setting, with a leading `~` replaced by `home`.
pub(super) fn expand(
    setting: &str,
    path: &str,
    home: Option<&Path>,
) -> Result<PathBuf, SandboxError> {
    let rest = match path.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => rest.trim_start_matches('/'),
        _ => return Ok(PathBuf::from(path)),
    };
    let home = home.ok_or_else(|| SandboxError::NoHome {
        setting: setting.to_owned(),
        path: path.to_owned(),
    })?;
    Ok(if rest.is_empty() {
        home.to_owned()
    } else {
        home.join(rest)
    })
}

/// `path` made absolute with its links resolved: the deepest existing ancestor is
/// canonicalised and the rest (which does not exist yet) appended. Must be UTF-8.
pub(super) fn resolve(path: &Path) -> Result<PathBuf, SandboxError> {
    let absolute = if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir()
            .map_err(|source| SandboxError::Resolve {
                path: path.to_owned(),
                source,
            })?
            .join(path)
    };
    let mut existing = absolute.as_path();
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    let resolved = loop {
        match existing.canonicalize() {
            Ok(canonical) => break canonical,
            Err(source) => {
                let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else {
                    return Err(SandboxError::Resolve {
                        path: path.to_owned(),
                        source,
                    });
                };
                rest.push(name);
                existing = parent;
            }
        }
    };
    let mut resolved = resolved;
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    // `..` left in a part that does not exist yet cannot be resolved safely.
    if resolved
        .components()
        .any(|c| matches!(c, Component::ParentDir | Component::CurDir))
    {
        return Err(SandboxError::Resolve {
            path: path.to_owned(),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "`..` in a path that does not exist",
            ),
        });
    }
    if resolved.to_str().is_none() {
        return Err(SandboxError::NotUtf8 { path: resolved });
    }
    Ok(resolved)
}

pub(super) fn path_string(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

pub(super) fn strings<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Vec<String> {
    paths.into_iter().map(path_string).collect()
}
