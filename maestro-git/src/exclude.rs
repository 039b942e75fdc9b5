//! Keeping paths out of git without touching tracked files, through `info/exclude`.

use std::io::Write;

use crate::Repo;

impl Repo {
    /// Adds `pattern` as a line of the repository's `info/exclude` unless it is there already.
    /// Returns whether the file changed. Shared by all worktrees of the repository.
    pub fn ensure_excluded(&self, pattern: &str) -> std::io::Result<bool> {
        let info = self.common_dir().join("info");
        let path = info.join("exclude");
        let existing = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(e),
        };
        if existing.lines().any(|line| line.trim() == pattern) {
            return Ok(false);
        }
        std::fs::create_dir_all(&info)?;
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)?;
        let separator = if existing.is_empty() || existing.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        writeln!(file, "{separator}{pattern}")?;
        file.sync_all()?;
        Ok(true)
    }
}
