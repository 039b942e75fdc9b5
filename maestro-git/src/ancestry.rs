//! Whether a commit, or the change it carries, is already part of a branch.

use gix::bstr::ByteSlice;

use crate::Repo;
use crate::branch::BranchError;

/// How many first-parent commits of a voyage branch [`Repo::voyage_holds_change`] reads
/// looking for a squash of the change, when it does not reach the change's parent first.
pub const HOLDS_CHANGE_DEPTH: usize = 10_000;

/// The trailer [`Repo::squash_merge`] adds to the commit that brings a change in.
pub const CHANGE_TRAILER: &str = "Maestro-Change";

/// Whether a branch holds a change could not be told.
#[derive(Debug, thiserror::Error)]
#[error("cannot tell whether branch `{branch}` holds change {change}")]
pub struct HoldsChangeError {
    /// The branch.
    pub branch: String,
    /// The change.
    pub change: gix::ObjectId,
    /// The cause.
    #[source]
    pub source: gix::Error,
}

/// Whether the trailer block (last paragraph) of `message` has `Maestro-Change: <change>`.
pub(crate) fn has_change_trailer(message: &[u8], change: gix::ObjectId) -> bool {
    let message = message.trim_end();
    let last = message
        .rfind(b"\n\n")
        .map_or(message, |at| &message[at + 2..]);
    let wanted = format!("{CHANGE_TRAILER}: {change}");
    last.lines().any(|line| line.trim() == wanted.as_bytes())
}

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

    /// Whether branch `voyage_branch` holds `change`, a commit made on a base by
    /// [`Repo::collect_change`]: `change` is an ancestor of the branch (a fast-forward, or a
    /// merge by [`Repo::merge_branch`]), or a commit on the branch's first-parent line carries
    /// the trailer `Maestro-Change: <change>` (a squash by [`Repo::squash_merge`]). A missing
    /// branch holds nothing.
    ///
    /// The first-parent walk stops at the change's parent (nothing before the base can hold a
    /// change made on it) or after [`HOLDS_CHANGE_DEPTH`] commits, whichever comes first; a
    /// squash buried deeper than that without the base on the first-parent line is not found.
    /// The change commit itself need not exist any more (its branch may have been deleted and
    /// pruned): the trailer is enough.
    pub fn voyage_holds_change(
        &self,
        voyage_branch: &str,
        change: gix::ObjectId,
    ) -> Result<bool, HoldsChangeError> {
        let error = |source| HoldsChangeError {
            branch: voyage_branch.to_owned(),
            change,
            source,
        };
        let Some(tip) = self
            .branch_commit(voyage_branch)
            .map_err(|e| error(gix::Error::from_error(e)))?
        else {
            return Ok(false);
        };
        self.holds_change_at(tip, change).map_err(error)
    }

    /// [`Repo::voyage_holds_change`] for the branch tip `tip`.
    pub(crate) fn holds_change_at(
        &self,
        tip: gix::ObjectId,
        change: gix::ObjectId,
    ) -> Result<bool, gix::Error> {
        if tip == change {
            return Ok(true);
        }
        let known = self.repo.try_find_object(change)?.map(|o| o.kind);
        let parent = match known {
            Some(gix::objs::Kind::Commit) => self
                .repo
                .find_commit(change)?
                .parent_ids()
                .next()
                .map(gix::Id::detach),
            _ => None,
        };
        let mut at = Some(tip);
        let mut depth = 0;
        while let Some(id) = at {
            if id == change {
                return Ok(true);
            }
            if Some(id) == parent || depth >= HOLDS_CHANGE_DEPTH {
                break;
            }
            depth += 1;
            let commit = self.repo.find_commit(id)?;
            if has_change_trailer(commit.message_raw()?, change) {
                return Ok(true);
            }
            at = commit.parent_ids().next().map(gix::Id::detach);
        }
        if known != Some(gix::objs::Kind::Commit) {
            return Ok(false);
        }
        let base = self.repo.merge_base(change, tip)?.map(gix::Id::detach);
        Ok(base == Some(change))
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
