//! Opening a repository.

use std::path::{Path, PathBuf};

/// A repository with a work tree, opened for maestro.
///
/// `root` is always the **main** worktree, also when the repository was discovered from inside
/// one of its linked worktrees (where crews work), because maestro's state lives there.
#[derive(Debug)]
pub struct Repo {
    pub(crate) repo: gix::Repository,
    root: PathBuf,
}

/// The repository could not be found or opened.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DiscoverError {
    /// No repository in the directory or its parents.
    #[error("not in a git repository: {}", dir.display())]
    NotFound {
        /// The directory searched from.
        dir: PathBuf,
        /// The cause.
        #[source]
        source: gix::Error,
    },
    /// The repository has no work tree.
    #[error("the git repository at {} is bare; maestro needs a work tree", git_dir.display())]
    Bare {
        /// Its git directory.
        git_dir: PathBuf,
    },
    /// The main worktree of a linked worktree could not be opened.
    #[error("cannot open the main worktree of the repository at {}", common_dir.display())]
    MainWorktree {
        /// The repository's common git directory.
        common_dir: PathBuf,
        /// The cause.
        #[source]
        source: gix::Error,
    },
}

/// Identity written into reflogs when git has none configured (e.g. on a fresh CI machine).
const FALLBACK_NAME: &str = "maestro";
const FALLBACK_EMAIL: &str = "maestro@localhost";

impl Repo {
    /// Finds the repository containing `dir` (searching upwards) and its main worktree.
    pub fn discover(dir: &Path) -> Result<Repo, DiscoverError> {
        let mut repo = gix::discover(dir).map_err(|source| DiscoverError::NotFound {
            dir: dir.to_owned(),
            source,
        })?;
        let root = if repo.common_dir() == repo.git_dir() {
            repo.workdir().map(Path::to_owned)
        } else {
            let main =
                gix::open(repo.common_dir()).map_err(|source| DiscoverError::MainWorktree {
                    common_dir: repo.common_dir().to_owned(),
                    source,
                })?;
            main.workdir().map(Path::to_owned)
        };
        let Some(root) = root else {
            return Err(DiscoverError::Bare {
                git_dir: repo.git_dir().to_owned(),
            });
        };
        // Reflog entries need an identity; git itself would refuse without one, but maestro
        // should still work on a machine where nobody ran `git config user.name`.
        repo.committer_or_set_fallback(FALLBACK_NAME, FALLBACK_EMAIL)
            .map_err(|source| DiscoverError::NotFound {
                dir: dir.to_owned(),
                source,
            })?;
        Ok(Repo { repo, root })
    }

    /// The main worktree's root directory.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The git directory shared by all worktrees (normally `<root>/.git`).
    #[must_use]
    pub fn common_dir(&self) -> &Path {
        self.repo.common_dir()
    }

    /// The underlying gix repository, for operations this crate does not wrap yet.
    #[must_use]
    pub fn gix(&self) -> &gix::Repository {
        &self.repo
    }
}
