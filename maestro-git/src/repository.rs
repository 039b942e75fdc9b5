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
    #[error("not in a git repository (or any parent directory): {}", dir.display())]
    NotFound {
        /// The directory searched from.
        dir: PathBuf,
    },
    /// A repository was found but could not be opened.
    #[error("cannot open the git repository containing {}", dir.display())]
    Open {
        /// The directory searched from.
        dir: PathBuf,
        /// The cause.
        #[source]
        source: gix::Error,
    },
    /// The repository has no work tree.
    #[error("the git repository at {} is bare: it has no work tree", git_dir.display())]
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
pub(crate) const FALLBACK_NAME: &str = "maestro";
pub(crate) const FALLBACK_EMAIL: &str = "maestro@localhost";

/// Returns `repo`, reopened with `maestro <maestro@localhost>` as the fallback committer and
/// author if it has no identity configured. The fallback lives in the open options, so the
/// repositories gix opens from this one (a new worktree's) get it too.
pub(crate) fn with_fallback_identity(repo: gix::Repository) -> Result<gix::Repository, gix::Error> {
    if repo.committer().is_some() {
        return Ok(repo);
    }
    let options = repo.open_options().clone().config_overrides([
        format!("gitoxide.committer.nameFallback={FALLBACK_NAME}"),
        format!("gitoxide.committer.emailFallback={FALLBACK_EMAIL}"),
        format!("gitoxide.author.nameFallback={FALLBACK_NAME}"),
        format!("gitoxide.author.emailFallback={FALLBACK_EMAIL}"),
    ]);
    let path = repo.workdir().unwrap_or(repo.git_dir()).to_owned();
    gix::open_opts(path, options)
}

impl Repo {
    /// Finds the repository containing `dir` (searching upwards) and its main worktree.
    pub fn discover(dir: &Path) -> Result<Repo, DiscoverError> {
        let repo = gix::discover(dir).map_err(|source| {
            if dir.ancestors().any(|d| d.join(".git").exists()) {
                DiscoverError::Open {
                    dir: dir.to_owned(),
                    source,
                }
            } else {
                DiscoverError::NotFound {
                    dir: dir.to_owned(),
                }
            }
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
        let repo = with_fallback_identity(repo).map_err(|source| DiscoverError::Open {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repository_without_any_identity_gets_maestros() {
        let dir = tempfile::tempdir().expect("tempdir");
        let git = |args: &[&str]| {
            let status = std::process::Command::new("git")
                .args(args)
                .current_dir(dir.path())
                .env("GIT_AUTHOR_NAME", "t")
                .env("GIT_AUTHOR_EMAIL", "t@example.com")
                .env("GIT_COMMITTER_NAME", "t")
                .env("GIT_COMMITTER_EMAIL", "t@example.com")
                .status()
                .expect("git runs");
            assert!(status.success(), "git {args:?}");
        };
        git(&["init", "-q"]);
        git(&["commit", "-q", "--allow-empty", "-m", "first"]);
        // Isolated: neither the environment nor the user's configuration provide an identity.
        let bare = gix::open_opts(dir.path(), gix::open::Options::isolated()).expect("opened");
        assert!(bare.committer().is_none());
        let repo = with_fallback_identity(bare).expect("reopened");
        let committer = repo.committer().expect("set").expect("valid");
        assert_eq!(
            (committer.name.to_string(), committer.email.to_string()),
            (FALLBACK_NAME.to_owned(), FALLBACK_EMAIL.to_owned())
        );
        let root = dir.path().to_owned();
        let repo = Repo { repo, root };
        let head = repo.resolve_commit("HEAD").expect("HEAD");
        let wt = repo
            .add_worktree(&dir.path().join("wts"), "v", "o", head)
            .expect("a new worktree needs the identity for its HEAD reflog");
        assert!(wt.path.join(".git").is_file());
    }
}
