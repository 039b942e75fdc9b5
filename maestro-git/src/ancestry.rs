//! Whether a commit is already part of a branch.

use crate::Repo;
use crate::branch::BranchError;

impl Repo {
    /// Whether `commit` is reachable from branch `branch` (the branch contains it), e.g. to
    /// recognise an order's work merged before a crash. A missing branch contains nothing.
    pub fn is_ancestor(&self, commit: gix::ObjectId, branch: &str) -> Result<bool, BranchError> {
        let Some(tip) = self.branch_commit(branch)? else {
            return Ok(false);
        };
        if tip == commit {
            return Ok(true);
        }
        let base = self
            .repo
            .merge_base(commit, tip)
            .map_err(|source| BranchError::Edit {
                action: "read",
                name: branch.to_owned(),
                source,
            })?;
        Ok(base.is_some_and(|b| b.detach() == commit))
    }
}

#[cfg(test)]
mod tests {
    use crate::Repo;
    use crate::test_git::git;

    #[test]
    fn ancestry_follows_the_branch() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        git(d, &["init", "-q", "-b", "main"]);
        git(d, &["commit", "-q", "--allow-empty", "-m", "one"]);
        let one = git(d, &["rev-parse", "HEAD"]);
        git(d, &["checkout", "-q", "-b", "side"]);
        git(d, &["commit", "-q", "--allow-empty", "-m", "two"]);
        let two = git(d, &["rev-parse", "HEAD"]);
        let repo = Repo::discover(d).expect("repo");
        let id = |hex: &str| gix::ObjectId::from_hex(hex.as_bytes()).expect("id");
        assert!(repo.is_ancestor(id(&one), "main").expect("read"));
        assert!(repo.is_ancestor(id(&one), "side").expect("read"));
        assert!(repo.is_ancestor(id(&two), "side").expect("read"));
        assert!(!repo.is_ancestor(id(&two), "main").expect("read"));
        assert!(!repo.is_ancestor(id(&one), "missing").expect("read"));
    }
}
