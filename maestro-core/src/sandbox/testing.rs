//! Real-process test support: a workspace laid out in a temporary directory. Tests that
//! run bwrap carry `#[cfg_attr(not(maestro_sandbox), ignore = …)]` (see build.rs).

use std::path::{Path, PathBuf};

use super::Sandbox;

/// A repository layout (no git needed): `repo/.git`, `repo/.mso/workspace.json`, two
/// worktrees `repo/.mso/worktrees/v1/{a,b}`, and the sandbox of worktree `a`'s workspace.
pub(crate) struct Layout {
    _dir: tempfile::TempDir,
    /// The repository root.
    pub(crate) root: PathBuf,
    /// Worktree `a`, the one sandboxed processes run in.
    pub(crate) worktree: PathBuf,
    /// Its sandbox.
    pub(crate) sandbox: Sandbox,
}

impl Layout {
    pub(crate) fn new() -> Layout {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().canonicalize().expect("canonical").join("repo");
        for sub in [
            ".git/refs/heads",
            ".mso/worktrees/v1/a",
            ".mso/worktrees/v1/b",
        ] {
            std::fs::create_dir_all(root.join(sub)).expect("mkdir");
        }
        std::fs::write(root.join(".mso/workspace.json"), "{}").expect("write");
        let sandbox = Sandbox::new(
            &root,
            &root.join(".git"),
            &root.join(".mso"),
            &root.join(".mso/worktrees"),
        )
        .expect("sandbox");
        Layout {
            worktree: root.join(".mso/worktrees/v1/a"),
            root,
            _dir: dir,
            sandbox,
        }
    }

    /// `path` relative to the repository root.
    pub(crate) fn at(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }
}

/// Whether a live process runs `sleep <duration>` (Linux `/proc`): its arguments exactly,
/// not a shell whose script mentions them.
pub(crate) fn running(duration: &str) -> bool {
    let wanted = format!("sleep\0{duration}\0");
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return false;
    };
    entries.flatten().any(|entry| {
        let dir = Path::new("/proc").join(entry.file_name());
        let zombie = std::fs::read_to_string(dir.join("stat"))
            .is_ok_and(|s| s.split_whitespace().nth(2) == Some("Z"));
        !zombie && std::fs::read(dir.join("cmdline")).is_ok_and(|bytes| bytes == wanted.as_bytes())
    })
}
