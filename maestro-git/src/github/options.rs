//! [`Options`]: where a [`Client`](super::Client) sends its requests and how long it waits out
//! rate limits.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::rate_limit::{Sleeper, ThreadSleeper};

/// The API root of github.com. GitHub Enterprise Server uses `https://<host>/api/v3`.
pub const DEFAULT_API_URL: &str = "https://api.github.com";

/// The REST API version the client is written against (`X-GitHub-Api-Version`).
pub const API_VERSION: &str = "2022-11-28";

/// Settings of a [`Client`](super::Client).
#[derive(Clone)]
pub struct Options {
    /// The API root every endpoint URL is built from. Default: [`DEFAULT_API_URL`].
    pub api_url: String,
    /// The `User-Agent` header (GitHub refuses requests without one). Default:
    /// `maestro/<version>`.
    pub user_agent: String,
    /// Retries after rate-limit answers before giving up. Default: 3.
    pub max_retries: u32,
    /// The longest single wait the client accepts; an answer asking for longer fails at once
    /// with an error saying when to retry. Default: 60 s.
    pub max_wait: Duration,
    /// The wait after a secondary rate limit that names no time. Default: 60 s (GitHub's
    /// advice).
    pub secondary_wait: Duration,
    /// What waits out a rate limit. Default: [`ThreadSleeper`].
    pub sleeper: Arc<dyn Sleeper>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            api_url: DEFAULT_API_URL.to_owned(),
            user_agent: concat!("maestro/", env!("CARGO_PKG_VERSION")).to_owned(),
            max_retries: 3,
            max_wait: Duration::from_secs(60),
            secondary_wait: Duration::from_secs(60),
            sleeper: Arc::new(ThreadSleeper),
        }
    }
}

impl fmt::Debug for Options {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Options")
            .field("api_url", &self.api_url)
            .field("user_agent", &self.user_agent)
            .field("max_retries", &self.max_retries)
            .field("max_wait", &self.max_wait)
            .field("secondary_wait", &self.secondary_wait)
            .finish_non_exhaustive()
    }
}
