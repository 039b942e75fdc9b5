//! Where a path a tool call names really leads, and whether a crew may write or read there.
//!
//! A path is resolved the way the kernel resolves it: component by component, following every
//! symbolic link met on the way — also a dangling one, whose target is where a write would
//! create the file — before any `..` that follows it is applied. A textual normalisation first
//! would let `link/../x` (with `link` pointing outside) look like `x`.

use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

/// At most this many symbolic links are followed while resolving one path (the kernel's own
/// limit is 40).
const MAX_LINKS: usize = 40;

/// Why a path cannot be resolved; the call is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot tell where {path} leads: {reason}")]
pub struct ResolveError {
    /// The path as given.
    pub path: String,
    /// Why.
    pub reason: String,
}

/// `path` made absolute against `cwd`, with every symbolic link on the way followed (dangling
/// ones included) and `.`/`..` applied after the links they follow. Components that do not
/// exist are kept as written.
pub fn resolve(path: &str, cwd: &Path) -> Result<PathBuf, ResolveError> {
    let fail = |reason: String| ResolveError {
        path: path.to_owned(),
        reason,
    };
    let joined = cwd.join(path);
    let mut pending: Vec<OsString> = Vec::new();
    push_components(&joined, &mut pending);
    // `pending` is a stack: the next component is at the end.
    pending.reverse();
    let mut out = PathBuf::from("/");
    let mut links = 0;
    while let Some(name) = pending.pop() {
        if name == "." {
            continue;
        }
        if name == ".." {
            out.pop();
            continue;
        }
        let candidate = out.join(&name);
        match std::fs::symlink_metadata(&candidate) {
            Ok(meta) if meta.file_type().is_symlink() => {
                links += 1;
                if links > MAX_LINKS {
                    return Err(fail(format!("more than {MAX_LINKS} symbolic links")));
                }
                let target = std::fs::read_link(&candidate).map_err(|e| {
                    fail(format!("cannot read the link {}: {e}", candidate.display()))
                })?;
                if target.is_absolute() {
                    out = PathBuf::from("/");
                }
                let mut parts = Vec::new();
                push_components(&target, &mut parts);
                for part in parts.into_iter().rev() {
                    pending.push(part);
                }
            }
            Ok(_) => out.push(&name),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => out.push(&name),
            // A component that exists but cannot be inspected (permissions): where the path
            // leads cannot be known.
            Err(e) => return Err(fail(format!("cannot inspect {}: {e}", candidate.display()))),
        }
    }
    Ok(out)
}

fn push_components(path: &Path, out: &mut Vec<OsString>) {
    for component in path.components() {
        match component {
            Component::Normal(name) => out.push(name.to_owned()),
            Component::ParentDir => out.push("..".into()),
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
}

/// `dir` with its symbolic links resolved (it exists), or as given when it cannot be.
#[must_use]
pub fn canonical(dir: &Path) -> PathBuf {
    dir.canonicalize().unwrap_or_else(|_| dir.to_owned())
}

/// Where a crew may write and what it may not read.
#[derive(Debug, Clone, Default)]
pub struct PathPolicy {
    /// The crew's worktree (canonical): writes must stay inside.
    pub worktree: PathBuf,
    /// Places a crew may not read (canonical): maestro's state directory, the audit key, the
    /// user's credential files, other crews' worktrees.
    pub unreadable: Vec<PathBuf>,
}

impl PathPolicy {
    /// A policy for the crew working in `worktree`; nothing is unreadable yet.
    #[must_use]
    pub fn new(worktree: &Path) -> PathPolicy {
        PathPolicy {
            worktree: canonical(worktree),
            unreadable: Vec::new(),
        }
    }

    /// Also refuses reads of `path` (and everything below it).
    #[must_use]
    pub fn deny_read(mut self, path: &Path) -> PathPolicy {
        self.unreadable.push(canonical(path));
        self
    }

    /// Why a write to `path` (relative to `cwd`) is refused, if it is: it leads outside the
    /// crew's worktree, into `.git` or `.mso`, into Claude Code's settings, or onto a file with
    /// other hard links (a write there changes a file elsewhere).
    #[must_use]
    pub fn refuse_write(&self, path: &str, cwd: &Path) -> Option<String> {
        let target = match resolve(path, cwd) {
            Ok(target) => target,
            Err(e) => return Some(e.to_string()),
        };
        let Ok(inside) = target.strip_prefix(&self.worktree) else {
            return Some(format!(
                "{path} leads to {}, outside the crew's worktree {}",
                target.display(),
                self.worktree.display()
            ));
        };
        let parts: Vec<String> = inside
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        for protected in [".git", ".mso"] {
            if parts.iter().any(|p| p == protected) {
                return Some(format!("{path} is inside {protected}"));
            }
        }
        if parts.len() == 2
            && parts[0] == ".claude"
            && parts[1].starts_with("settings")
            && Path::new(&parts[1])
                .extension()
                .is_some_and(|e| e == "json")
        {
            return Some(format!(
                "{path} is Claude Code's settings, which crews may not change"
            ));
        }
        if hard_linked(&target) {
            return Some(format!(
                "{path} has other hard links: a write there would change another file too"
            ));
        }
        None
    }

    /// Why a read of `path` (relative to `cwd`) is refused, if it is: it leads into a denied
    /// place — unless into the crew's own worktree where that lies inside the denied place (a
    /// crew's worktree lives in `.mso/worktrees/`) — or, for a tool that reads a whole tree
    /// (`recursive`: Grep, Glob), to a directory above one other than the session's own
    /// worktree (the Planner's is the repository, whose `.mso/` git excludes and the search
    /// tools skip).
    #[must_use]
    pub fn refuse_read(&self, path: &str, cwd: &Path, recursive: bool) -> Option<String> {
        let target = match resolve(path, cwd) {
            Ok(target) => target,
            Err(e) => return Some(e.to_string()),
        };
        let own = |denied: &PathBuf| {
            self.worktree.starts_with(denied) && target.starts_with(&self.worktree)
        };
        self.unreadable
            .iter()
            .find(|denied| {
                (target.starts_with(denied) && !own(denied))
                    || (recursive
                        && denied.starts_with(&target)
                        && target != self.worktree
                        && !own(denied))
            })
            .map(|denied| {
                format!(
                    "{path} leads to or above {}, which crews may not read",
                    denied.display()
                )
            })
    }

    /// `path` relative to the worktree when it leads inside it (for messages and findings),
    /// else as given.
    #[must_use]
    pub fn shown(&self, path: &str, cwd: &Path) -> String {
        resolve(path, cwd)
            .ok()
            .and_then(|p| p.strip_prefix(&self.worktree).ok().map(Path::to_owned))
            .map_or_else(|| path.to_owned(), |p| p.display().to_string())
    }
}

/// Whether `path` is a regular file with more than one hard link.
fn hard_linked(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.nlink() > 1)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_are_followed_before_dot_dot() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = canonical(dir.path());
        let worktree = root.join("wt");
        std::fs::create_dir_all(worktree.join("src")).expect("mkdir");
        std::fs::create_dir_all(root.join("outside/deep")).expect("mkdir");
        symlink(root.join("outside/deep"), worktree.join("link")).expect("symlink");
        // Textually `link/../x` is `x`; physically it is `outside/x`.
        assert_eq!(
            resolve("link/../x", &worktree).expect("resolves"),
            root.join("outside/x")
        );
        // A dangling link leads where a write would create the file.
        symlink(root.join("nowhere/new.txt"), worktree.join("dangling")).expect("symlink");
        assert_eq!(
            resolve("dangling", &worktree).expect("resolves"),
            root.join("nowhere/new.txt")
        );
        // Relative links resolve against their own directory.
        symlink("../../outside", worktree.join("src/up")).expect("symlink");
        assert_eq!(
            resolve("src/up/deep", &worktree).expect("resolves"),
            root.join("outside/deep")
        );
        // A loop is refused, not followed forever.
        symlink(worktree.join("b"), worktree.join("a")).expect("symlink");
        symlink(worktree.join("a"), worktree.join("b")).expect("symlink");
        assert!(resolve("a/x", &worktree).is_err());
    }

    #[test]
    fn writes_outside_the_worktree_or_into_protected_places_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let worktree = dir.path().join("wt");
        std::fs::create_dir_all(worktree.join("src")).expect("mkdir");
        std::fs::create_dir_all(dir.path().join("outside")).expect("mkdir");
        symlink(dir.path(), worktree.join("escape")).expect("symlink");
        symlink(dir.path().join("outside"), worktree.join("src/out")).expect("symlink");
        symlink(
            dir.path().join("outside/made.txt"),
            worktree.join("dangling"),
        )
        .expect("symlink");
        std::fs::write(dir.path().join("outside/secret.json"), "{}").expect("write");
        std::fs::hard_link(
            dir.path().join("outside/secret.json"),
            worktree.join("hard.json"),
        )
        .expect("hard link");
        let policy = PathPolicy::new(&worktree);
        for ok in ["src/new.rs", "./src/../README.md", ".claude/agents/x.md"] {
            assert_eq!(policy.refuse_write(ok, &worktree), None, "{ok}");
        }
        for (bad, why) in [
            ("../outside.txt", "outside"),
            ("/etc/passwd", "outside"),
            ("escape/x", "outside"),
            ("src/out/../x.rs", "outside"),
            ("src/out/../wt/../outside/x", "outside"),
            ("dangling", "outside"),
            (".git/hooks/pre-commit", ".git"),
            ("sub/.mso/state.json", ".mso"),
            (".claude/settings.local.json", "settings"),
            ("hard.json", "hard links"),
        ] {
            let reason = policy.refuse_write(bad, &worktree).expect(bad);
            assert!(reason.contains(why), "{bad}: {reason}");
        }
        assert_eq!(policy.shown("src/new.rs", &worktree), "src/new.rs");
        assert_eq!(policy.shown("/etc/passwd", &worktree), "/etc/passwd");
    }

    #[test]
    fn reads_of_denied_places_are_refused_but_the_worktree_inside_them_is_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let repo = canonical(dir.path());
        let mso = repo.join(".mso");
        let worktree = mso.join("worktrees/v/a");
        std::fs::create_dir_all(worktree.join("src")).expect("mkdir");
        std::fs::create_dir_all(mso.join("worktrees/v/b")).expect("mkdir");
        std::fs::write(mso.join("workspace.json"), "{}").expect("write");
        let key = repo.join("key");
        std::fs::write(&key, "k").expect("write");
        symlink(mso.join("workspace.json"), worktree.join("sneaky")).expect("symlink");
        let policy = PathPolicy::new(&worktree).deny_read(&mso).deny_read(&key);
        for (ok, recursive) in [
            ("src/a.rs", false),
            (".", true),
            ("/usr/include", true),
            ("/", false),
        ] {
            assert_eq!(policy.refuse_read(ok, &worktree, recursive), None, "{ok}");
        }
        let key_path = key.to_str().expect("utf-8");
        let root = repo.to_str().expect("utf-8");
        for (bad, recursive) in [
            ("../../../workspace.json", false),
            ("../b/x", false),
            ("sneaky", false),
            (key_path, false),
            (root, true),
            ("/", true),
        ] {
            assert!(
                policy.refuse_read(bad, &worktree, recursive).is_some(),
                "{bad}"
            );
        }
    }
}
