//! Resolving revisions and creating, reading and deleting branches.

use gix::refs::Target;
use gix::refs::transaction::{Change, PreviousValue, RefEdit, RefLog};

use crate::Repo;

/// A revision did not resolve to a commit.
#[derive(Debug, thiserror::Error)]
#[error("cannot resolve `{revision}` to a commit")]
pub struct ResolveError {
    /// The revision as given.
    pub revision: String,
    /// The cause.
    #[source]
    pub source: gix::Error,
}

/// A branch operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BranchError {
    /// The name is not a valid branch name.
    #[error("`{name}` is not a valid branch name")]
    InvalidName {
        /// The name.
        name: String,
    },
    /// The branch exists already.
    #[error("branch `{name}` already exists")]
    Exists {
        /// The name.
        name: String,
    },
    /// The branch does not exist.
    #[error("branch `{name}` does not exist")]
    Missing {
        /// The name.
        name: String,
    },
    /// Maestro's registry lock could not be taken.
    #[error("cannot lock {} to change branch `{name}`", path.display())]
    Lock {
        /// The branch.
        name: String,
        /// The lock file.
        path: std::path::PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The reference store refused or failed the change.
    #[error("cannot {action} branch `{name}`")]
    Edit {
        /// `create`, `delete` or `read`.
        action: &'static str,
        /// The name.
        name: String,
        /// The cause.
        #[source]
        source: gix::Error,
    },
}

/// The branch of voyage `voyage`: `maestro/<voyage>`.
#[must_use]
pub fn voyage_branch(voyage: &str) -> String {
    format!("maestro/{voyage}")
}

/// The branch of order `order` of voyage `voyage`: `maestro-crew/<voyage>/<order>`.
///
/// Not `maestro/<voyage>/<order>`: git stores `refs/heads/maestro/<voyage>` (the voyage
/// branch, see [`voyage_branch`]) as a file, so no ref can live in a directory of that name.
#[must_use]
pub fn crew_branch(voyage: &str, order: &str) -> String {
    format!("maestro-crew/{voyage}/{order}")
}

/// The voyage branch of a crew branch made by [`crew_branch`]; `None` for any other name.
#[must_use]
pub fn voyage_branch_of(crew_branch: &str) -> Option<String> {
    let (voyage, order) = crew_branch.strip_prefix("maestro-crew/")?.split_once('/')?;
    (!voyage.is_empty() && !order.is_empty() && !order.contains('/')).then(|| voyage_branch(voyage))
}

/// A reflogged update of reference `name` to `new`, a compare-and-swap against `expected`;
/// `deref` updates the branch a symbolic `name` (such as `HEAD`) points at instead.
pub(crate) fn ref_update(
    name: gix::refs::FullName,
    expected: PreviousValue,
    new: Target,
    message: String,
    deref: bool,
) -> RefEdit {
    RefEdit {
        change: Change::Update {
            log: gix::refs::transaction::LogChange {
                mode: RefLog::AndReference,
                force_create_reflog: false,
                message: message.into(),
            },
            expected,
            new,
        },
        name,
        deref,
    }
}

/// `refs/heads/<name>`, refused unless `name` is a valid branch name.
pub(crate) fn full_name(name: &str) -> Result<gix::refs::FullName, BranchError> {
    let invalid = || BranchError::InvalidName {
        name: name.to_owned(),
    };
    let full = format!("refs/heads/{name}");
    gix::validate::reference::branch_name(full.as_str().into()).map_err(|_| invalid())?;
    gix::refs::FullName::try_from(full).map_err(|_| invalid())
}

impl Repo {
    /// Resolves `revision` (`HEAD`, a branch, a tag, an abbreviated id…) to the commit it
    /// names, peeling tags.
    pub fn resolve_commit(&self, revision: &str) -> Result<gix::ObjectId, ResolveError> {
        let error = |source| ResolveError {
            revision: revision.to_owned(),
            source,
        };
        let id = self.repo.rev_parse_single(revision).map_err(error)?;
        let commit = id
            .object()
            .map_err(error)?
            .peel_to_commit()
            .map_err(error)?;
        Ok(commit.id)
    }

    /// The commit branch `name` points at, or `None` if there is no such branch.
    pub fn branch_commit(&self, name: &str) -> Result<Option<gix::ObjectId>, BranchError> {
        let full = full_name(name)?;
        let reference =
            self.repo
                .try_find_reference(full.as_ref())
                .map_err(|e| BranchError::Edit {
                    action: "read",
                    name: name.to_owned(),
                    source: e,
                })?;
        Ok(reference.and_then(|r| r.target().try_id().map(ToOwned::to_owned)))
    }

    /// The branches whose short name starts with `prefix`, with the commit each points at,
    /// sorted by name.
    pub fn branches_with_prefix(
        &self,
        prefix: &str,
    ) -> Result<Vec<(String, gix::ObjectId)>, BranchError> {
        let error = |source| BranchError::Edit {
            action: "read",
            name: format!("{prefix}*"),
            source,
        };
        let platform = self.repo.references().map_err(error)?;
        let mut found = Vec::new();
        for reference in platform
            .prefixed(format!("refs/heads/{prefix}").as_str())
            .map_err(error)?
        {
            let reference = reference.map_err(|e| error(gix::Error::from_error(e)))?;
            let name = reference.name().shorten().to_string();
            if let Some(id) = reference.target().try_id() {
                found.push((name, id.to_owned()));
            }
        }
        found.sort();
        Ok(found)
    }

    /// Holds maestro's registry lock shared while branch `name` changes (see
    /// [`Repo::repair_worktrees`](crate::Repo::repair_worktrees)).
    fn lock_for(&self, name: &str) -> Result<crate::registry::RegistryLock, BranchError> {
        self.lock_registry(crate::registry::Access::Shared)
            .map_err(|(path, source)| BranchError::Lock {
                name: name.to_owned(),
                path,
                source,
            })
    }

    /// Creates branch `name` at `commit`; fails if it exists. The reflog says `reason`.
    pub fn create_branch(
        &self,
        name: &str,
        commit: gix::ObjectId,
        reason: &str,
    ) -> Result<(), BranchError> {
        let full = full_name(name)?;
        let _registry = self.lock_for(name)?;
        if self.branch_commit(name)?.is_some() {
            return Err(BranchError::Exists {
                name: name.to_owned(),
            });
        }
        self.repo
            .reference(full, commit, PreviousValue::MustNotExist, reason)
            .map_err(|source| BranchError::Edit {
                action: "create",
                name: name.to_owned(),
                source,
            })?;
        Ok(())
    }

    /// Deletes branch `name` only if it still points at `expected` (compare-and-swap), so a
    /// branch moved by someone else in the meantime is kept.
    pub fn delete_branch(&self, name: &str, expected: gix::ObjectId) -> Result<(), BranchError> {
        let full = full_name(name)?;
        let _registry = self.lock_for(name)?;
        if self.branch_commit(name)?.is_none() {
            return Err(BranchError::Missing {
                name: name.to_owned(),
            });
        }
        self.repo
            .edit_reference(RefEdit {
                change: Change::Delete {
                    expected: PreviousValue::MustExistAndMatch(Target::Object(expected)),
                    log: RefLog::AndReference,
                },
                name: full,
                deref: false,
            })
            .map_err(|source| BranchError::Edit {
                action: "delete",
                name: name.to_owned(),
                source,
            })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_git::git;

    fn repo_with_commit() -> (tempfile::TempDir, Repo, gix::ObjectId) {
        let dir = tempfile::tempdir().expect("tempdir");
        git(dir.path(), &["init", "-q", "-b", "main"]);
        std::fs::write(dir.path().join("a.txt"), "a\n").expect("write");
        git(dir.path(), &["add", "a.txt"]);
        git(dir.path(), &["commit", "-q", "-m", "first"]);
        let repo = Repo::discover(dir.path()).expect("discovered");
        let head = repo.resolve_commit("HEAD").expect("HEAD resolves");
        (dir, repo, head)
    }

    #[test]
    fn branches_are_created_and_deleted_as_git_sees_them() {
        let (dir, repo, head) = repo_with_commit();
        assert_eq!(head.to_string(), git(dir.path(), &["rev-parse", "HEAD"]));
        repo.create_branch("maestro/v1", head, "maestro: voyage v1")
            .expect("created");
        assert_eq!(
            git(dir.path(), &["rev-parse", "maestro/v1"]),
            head.to_string()
        );
        assert!(matches!(
            repo.create_branch("maestro/v1", head, "again"),
            Err(BranchError::Exists { .. })
        ));
        assert_eq!(repo.branch_commit("maestro/v1").expect("read"), Some(head));
        repo.delete_branch("maestro/v1", head).expect("deleted");
        assert_eq!(git(dir.path(), &["branch", "--list", "maestro/v1"]), "");
        assert!(matches!(
            repo.delete_branch("maestro/v1", head),
            Err(BranchError::Missing { .. })
        ));
        git(dir.path(), &["fsck", "--no-progress"]);
    }

    #[test]
    fn branches_are_listed_by_prefix() {
        let (dir, repo, head) = repo_with_commit();
        for name in [
            "maestro-crew/v1/b",
            "maestro-crew/v1/a",
            "maestro-crew/v10/a",
            "mine",
        ] {
            repo.create_branch(name, head, "test").expect("created");
        }
        // A packed one too.
        git(dir.path(), &["pack-refs", "--all"]);
        repo.create_branch("maestro-crew/v1/c", head, "test")
            .expect("created");
        let found = repo
            .branches_with_prefix(&crew_branch("v1", ""))
            .expect("listed");
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "maestro-crew/v1/a",
                "maestro-crew/v1/b",
                "maestro-crew/v1/c"
            ]
        );
        assert!(found.iter().all(|(_, id)| *id == head));
    }

    #[test]
    fn a_moved_branch_is_not_deleted() {
        let (dir, repo, head) = repo_with_commit();
        repo.create_branch("topic", head, "test").expect("created");
        std::fs::write(dir.path().join("b.txt"), "b\n").expect("write");
        git(dir.path(), &["checkout", "-q", "topic"]);
        git(dir.path(), &["add", "b.txt"]);
        git(dir.path(), &["commit", "-q", "-m", "second"]);
        assert!(repo.delete_branch("topic", head).is_err());
        assert_ne!(git(dir.path(), &["rev-parse", "topic"]), head.to_string());
    }

    #[test]
    fn a_crew_branch_names_its_voyage_branch() {
        assert_eq!(
            voyage_branch_of(&crew_branch("v1", "api")).as_deref(),
            Some("maestro/v1")
        );
        for other in [
            "main",
            "maestro/v1",
            "maestro-crew/v1",
            "maestro-crew//x",
            "maestro-crew/v/a/b",
        ] {
            assert_eq!(voyage_branch_of(other), None, "{other}");
        }
    }

    #[test]
    fn bad_names_and_revisions_are_refused() {
        let (_dir, repo, head) = repo_with_commit();
        assert!(matches!(
            repo.create_branch("a..b", head, "x"),
            Err(BranchError::InvalidName { .. })
        ));
        let err = repo.resolve_commit("no-such-branch").expect_err("unknown");
        assert_eq!(
            err.to_string(),
            "cannot resolve `no-such-branch` to a commit"
        );
    }

    #[test]
    fn the_main_worktree_is_found_from_a_linked_one() {
        let (dir, _repo, _) = repo_with_commit();
        let linked = dir.path().join("linked");
        git(
            dir.path(),
            &[
                "worktree",
                "add",
                "-q",
                "-b",
                "side",
                linked.to_str().expect("utf-8"),
            ],
        );
        let repo = Repo::discover(&linked).expect("discovered");
        assert_eq!(
            repo.root().canonicalize().expect("exists"),
            dir.path().canonicalize().expect("exists")
        );
    }
}
