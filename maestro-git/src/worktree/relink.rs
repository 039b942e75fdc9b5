//! Moving a worktree's directory and pointing its administrative entry and its `.git` file at
//! each other again, as `git worktree move` does.

use std::path::{Component, Path, PathBuf};

use super::entry;

/// Renames the directory `from` to `to` and points the entry at `admin` and the worktree's
/// `.git` file at each other again.
pub(super) fn relink(admin: &Path, from: &Path, to: &Path) -> std::io::Result<()> {
    // An empty destination directory (checked by the caller) is replaced by the rename.
    std::fs::rename(from, to)?;
    let to = gix::path::realpath(to).map_err(std::io::Error::other)?;
    let admin = gix::path::realpath(admin).map_err(std::io::Error::other)?;

    let dot_git = to.join(".git");
    let gitdir_file = admin.join("gitdir");
    let registered = if registered_dot_git_is_relative(&gitdir_file) {
        relative_path(&admin, &dot_git)
    } else {
        dot_git.clone()
    };
    entry::write_atomically(&gitdir_file, &format!("{}\n", registered.display()))?;

    let link = std::fs::read_to_string(&dot_git)?;
    let points_to = link
        .trim()
        .strip_prefix("gitdir:")
        .map(str::trim)
        .unwrap_or_default();
    if Path::new(points_to).is_relative() {
        let relative = relative_path(&to, &admin);
        entry::write_atomically(&dot_git, &format!("gitdir: {}\n", relative.display()))?;
    }
    Ok(())
}

fn registered_dot_git_is_relative(gitdir_file: &Path) -> bool {
    std::fs::read_to_string(gitdir_file)
        .ok()
        .and_then(|text| {
            text.lines()
                .next()
                .map(|l| Path::new(l.trim()).is_relative())
        })
        .unwrap_or(false)
}

/// `to` relative to the directory `from` (both absolute and free of `.`/`..`).
fn relative_path(from: &Path, to: &Path) -> PathBuf {
    let from: Vec<Component<'_>> = from.components().collect();
    let to: Vec<Component<'_>> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut path = PathBuf::new();
    for _ in common..from.len() {
        path.push("..");
    }
    for component in &to[common..] {
        path.push(component.as_os_str());
    }
    path
}

#[cfg(test)]
mod tests {
    use super::relative_path;
    use std::path::Path;

    #[test]
    fn relative_paths_climb_to_the_common_ancestor() {
        assert_eq!(
            relative_path(
                Path::new("/r/.git/worktrees/o1"),
                Path::new("/r/.mso/worktrees/v/o2/.git")
            ),
            Path::new("../../../.mso/worktrees/v/o2/.git")
        );
        assert_eq!(
            relative_path(
                Path::new("/r/.mso/worktrees/v/o2"),
                Path::new("/r/.git/worktrees/o1")
            ),
            Path::new("../../../../.git/worktrees/o1")
        );
    }
}
