//! A blocking client of the GitHub REST API: opening pull requests and pushing branches
//! through the Git Data API, so a release needs nothing but HTTPS and a token.
//!
//! The client builds no HTTP client: it sends [`HttpRequest`]s (the `http` crate's requests)
//! through a [`Transport`] the application supplies (maestro's is its egress-guarded client,
//! which speaks the same types), and reads [`HttpResponse`]s. The token goes only into the `Authorization` header; no error or
//! `Debug` output shows it. Rate-limit answers are waited out with bounded retries
//! ([`Options`]).
//!
//! ```
//! use maestro_git::github::{
//!     Client, HttpRequest, HttpResponse, NewPullRequest, Options, Token, Transport,
//!     TransportError, header,
//! };
//!
//! /// Answers every request as GitHub answers a created pull request.
//! struct Canned;
//!
//! impl Transport for Canned {
//!     fn send(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
//!         assert_eq!(request.uri(), "https://github.example/api/v3/repos/octo/app/pulls");
//!         assert_eq!(header(request.headers(), "authorization"), Some("Bearer s3cret"));
//!         let body = br#"{"number":7,"html_url":"https://github.example/octo/app/pull/7"}"#;
//!         let mut response = HttpResponse::new(body.to_vec());
//!         *response.status_mut() = http::StatusCode::CREATED;
//!         Ok(response)
//!     }
//! }
//!
//! let options = Options {
//!     api_url: "https://github.example/api/v3".to_owned(),
//!     ..Options::default()
//! };
//! let client = Client::new(Canned, "octo/app".parse()?, Token::new("s3cret"), options);
//! assert!(!format!("{client:?}").contains("s3cret"));
//! let pull = client.create_pull_request(&NewPullRequest {
//!     title: "Voyage v1".to_owned(),
//!     head: "maestro/v1".to_owned(),
//!     base: "main".to_owned(),
//!     body: "What the crews did.".to_owned(),
//!     draft: true,
//! })?;
//! assert_eq!(pull.number, 7);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod client;
mod local;
mod options;
pub mod pull;
pub mod push;
mod rate_limit;
mod repository_name;
mod request_error;
mod time;
mod token;
mod transport;

pub use client::Client;
pub use options::{API_VERSION, DEFAULT_API_URL, Options};
pub use pull::{NewPullRequest, PullRequest};
pub use push::{PushOutcome, PushReport};
pub use rate_limit::{Sleeper, ThreadSleeper};
pub use repository_name::{RepositoryName, RepositoryNameError};
pub use request_error::RequestError;
pub use token::{Token, TokenError};
pub use transport::{HttpRequest, HttpResponse, Method, Transport, TransportError, header};

/// The `owner/name` of remote `remote` (e.g. `origin`) of `repo`, when its URL names one.
#[must_use]
pub fn repository_of_remote(repo: &crate::Repo, remote: &str) -> Option<RepositoryName> {
    let remote = repo.gix().find_remote(remote).ok()?;
    let url = remote
        .url(gix::remote::Direction::Push)
        .or_else(|| remote.url(gix::remote::Direction::Fetch))?;
    RepositoryName::from_remote_url(&url.to_bstring().to_string())
}

/// The branch checked out in `repo`'s main worktree, if HEAD is on a branch.
#[must_use]
pub fn checked_out_branch(repo: &crate::Repo) -> Option<String> {
    repo.gix()
        .head_name()
        .ok()
        .flatten()
        .map(|name| name.shorten().to_string())
}
