//! Reading one file as a commit holds it, e.g. to tell which lines already existed in a
//! voyage's base.

use crate::Repo;

/// A file could not be read from a commit.
#[derive(Debug, thiserror::Error)]
#[error("cannot read `{path}` at {commit}")]
pub struct FileAtError {
    /// The commit.
    pub commit: gix::ObjectId,
    /// The path asked for.
    pub path: String,
    /// The cause.
    #[source]
    pub source: gix::Error,
}

impl Repo {
    /// The content of the file at `path` (relative to the repository root, `/`-separated) in
    /// commit `commit`: the blob's bytes for a regular or executable file, the target for a
    /// symlink; `None` when the commit has nothing there or a directory or submodule.
    pub fn file_at(
        &self,
        commit: gix::ObjectId,
        path: &str,
    ) -> Result<Option<Vec<u8>>, FileAtError> {
        let error = |source| FileAtError {
            commit,
            path: path.to_owned(),
            source,
        };
        let tree = self
            .repo
            .find_commit(commit)
            .map_err(error)?
            .tree()
            .map_err(error)?;
        let Some(entry) = tree.lookup_entry_by_path(path).map_err(error)? else {
            return Ok(None);
        };
        if !entry.mode().is_blob_or_symlink() {
            return Ok(None);
        }
        Ok(Some(
            self.repo
                .find_blob(entry.object_id())
                .map_err(error)?
                .take_data(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::Repo;
    use crate::test_git::git;

    #[test]
    fn files_are_read_as_the_commit_holds_them() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        git(d, &["init", "-q", "-b", "main"]);
        std::fs::create_dir_all(d.join("src")).expect("mkdir");
        std::fs::write(d.join("src/lib.rs"), "old\n").expect("write");
        std::os::unix::fs::symlink("src/lib.rs", d.join("link")).expect("symlink");
        git(d, &["add", "-A"]);
        git(d, &["commit", "-q", "-m", "one"]);
        let one = git(d, &["rev-parse", "HEAD"]);
        std::fs::write(d.join("src/lib.rs"), "new\n").expect("write");
        git(d, &["commit", "-q", "-am", "two"]);
        let repo = Repo::discover(d).expect("repo");
        let one = gix::ObjectId::from_hex(one.as_bytes()).expect("id");
        assert_eq!(
            repo.file_at(one, "src/lib.rs").expect("read"),
            Some(b"old\n".to_vec())
        );
        assert_eq!(
            repo.file_at(one, "link").expect("read"),
            Some(b"src/lib.rs".to_vec())
        );
        assert_eq!(repo.file_at(one, "src").expect("read"), None, "a directory");
        assert_eq!(repo.file_at(one, "missing.txt").expect("read"), None);
    }
}
