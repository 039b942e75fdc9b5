//! Opening a pull request.

use super::client::Client;
use super::repository_name::RepositoryName;
use super::request_error::RequestError;
use super::transport::Method;

/// What to open: `head` is the branch with the changes, `base` the branch to merge into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPullRequest {
    /// The title.
    pub title: String,
    /// The branch with the changes (for a fork, `owner:branch`).
    pub head: String,
    /// The branch the changes go into.
    pub base: String,
    /// The description (Markdown).
    pub body: String,
    /// Whether to open it as a draft.
    pub draft: bool,
}

/// A pull request GitHub opened.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct PullRequest {
    /// Its number in the repository.
    pub number: u64,
    /// Its page on GitHub.
    pub html_url: String,
}

/// The pull request could not be opened.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API call failed (e.g. 422 when one already exists or a branch is missing).
    #[error("cannot open a pull request from {head} into {base} in {repository}")]
    Create {
        /// The repository.
        repository: RepositoryName,
        /// The head branch.
        head: String,
        /// The base branch.
        base: String,
        /// The failed call.
        #[source]
        source: Box<RequestError>,
    },
}

impl Error {
    /// The failed API call.
    #[must_use]
    pub fn request(&self) -> &RequestError {
        match self {
            Error::Create { source, .. } => source,
        }
    }
}

impl Client {
    /// Opens a pull request (`POST /repos/{owner}/{name}/pulls`).
    pub fn create_pull_request(&self, pull: &NewPullRequest) -> Result<PullRequest, Error> {
        let url = self.repo_url("/pulls");
        let body = serde_json::json!({
            "title": pull.title,
            "head": pull.head,
            "base": pull.base,
            "body": pull.body,
            "draft": pull.draft,
        });
        self.call_json(Method::POST, &url, Some(&body))
            .map_err(|source| Error::Create {
                repository: self.repository().clone(),
                head: pull.head.clone(),
                base: pull.base.clone(),
                source: Box::new(source),
            })
    }
}
