//! [`RepositoryName`]: a repository on GitHub, `owner/name`, parsed and validated.

use std::fmt;
use std::str::FromStr;

/// A repository on GitHub, `owner/name`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RepositoryName {
    owner: String,
    name: String,
}

impl RepositoryName {
    /// The owner (user or organisation).
    #[must_use]
    pub fn owner(&self) -> &str {
        &self.owner
    }

    /// The repository's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for RepositoryName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.owner, self.name)
    }
}

/// A repository name that is not `owner/name` with GitHub's characters.
#[derive(Debug, thiserror::Error)]
#[error(
    "invalid GitHub repository {value:?}: expected owner/name (letters, digits, '-', '_', '.')"
)]
pub struct RepositoryNameError {
    /// The value given.
    pub value: String,
}

impl RepositoryName {
    /// The `owner/name` of a git remote URL such as `git@github.com:owner/name.git`,
    /// `https://github.com/owner/name` or `ssh://git@ghe.example/owner/name.git` (the last two
    /// path segments).
    #[must_use]
    pub fn from_remote_url(url: &str) -> Option<RepositoryName> {
        let url = url.trim().trim_end_matches('/');
        let url = url.strip_suffix(".git").unwrap_or(url);
        let path = match url.split_once("://") {
            Some((_, rest)) => rest.split_once('/').map(|(_, path)| path)?,
            // scp-like: [user@]host:path
            None => url.split_once(':').map(|(_, path)| path)?,
        };
        let mut segments = path.rsplit('/');
        let name = segments.next()?;
        let owner = segments.next()?;
        format!("{owner}/{name}").parse().ok()
    }
}

impl FromStr for RepositoryName {
    type Err = RepositoryNameError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let valid = |part: &str| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        };
        match value.split_once('/') {
            Some((owner, name)) if valid(owner) && valid(name) => Ok(RepositoryName {
                owner: owner.to_owned(),
                name: name.to_owned(),
            }),
            _ => Err(RepositoryNameError {
                value: value.to_owned(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repository_names_from_remote_urls() {
        for (url, expected) in [
            ("git@github.com:octo/app.git", Some("octo/app")),
            ("https://github.com/octo/app", Some("octo/app")),
            ("https://github.com/octo/app.git/", Some("octo/app")),
            (
                "ssh://git@ghe.example.com:2222/team/svc.git",
                Some("team/svc"),
            ),
            ("https://ghe.example.com/group/sub/svc", Some("sub/svc")),
            ("/local/path/repo", None),
            ("https://github.com/only-owner", None),
        ] {
            assert_eq!(
                RepositoryName::from_remote_url(url).map(|r| format!("{}/{}", r.owner(), r.name())),
                expected.map(str::to_owned),
                "{url}"
            );
        }
    }

    #[test]
    fn repository_names_are_validated() {
        let name: RepositoryName = "octo-org/hello.world".parse().expect("valid");
        assert_eq!((name.owner(), name.name()), ("octo-org", "hello.world"));
        assert_eq!(name.to_string(), "octo-org/hello.world");
        for bad in [
            "", "owner", "owner/", "/name", "a/b/c", "a/..", "a b/c", "a/b?x",
        ] {
            assert!(bad.parse::<RepositoryName>().is_err(), "{bad:?} accepted");
        }
    }
}
