//! [`HttpClient`]: the only HTTP client maestro builds, guarded by an [`EgressPolicy`].
//!
//! Three checks, so that no path reaches a refused destination:
//!
//! 1. every request URL is checked before anything else happens;
//! 2. every redirect hop is checked by the same policy before it is followed;
//! 3. every name resolution goes through a resolver that refuses names the policy does not
//!    allow *without* looking them up, and answers `localhost` itself (loopback, no DNS).
//!
//! Environment proxies (`HTTP_PROXY`, …) are ignored: a proxy would be a destination the policy
//! never saw.

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

use super::policy::{EgressDenied, EgressPolicy};

/// Settings of an [`HttpClient`].
#[derive(Debug, Clone)]
pub struct HttpOptions {
    /// Time allowed to establish a connection. Default: 10 s.
    pub connect_timeout: Duration,
    /// Time allowed for a whole request, body included. Default: 60 s.
    pub timeout: Duration,
    /// Redirects followed before giving up. Default: 5.
    pub max_redirects: usize,
    /// The `User-Agent` header. Default: `maestro/<version>`.
    pub user_agent: String,
    /// A certificate (PEM) that is the only one trusted: the server must present exactly it,
    /// whatever certificate authority would vouch for another (a remote crew dialling its
    /// coordinator's control channel). Default: `None`, the built-in roots.
    pub pinned_certificate: Option<String>,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            max_redirects: 5,
            user_agent: concat!("maestro/", env!("CARGO_PKG_VERSION")).to_owned(),
            pinned_certificate: None,
        }
    }
}

/// A request, in the vocabulary every HTTP user in maestro shares (the `http` crate's): build
/// it with [`http::Request::builder`]. A header value cannot hold a line break: `http` refuses
/// it when the request is built.
pub type Request = http::Request<Vec<u8>>;

/// A whole response: status, headers and body.
pub type Response = http::Response<Vec<u8>>;

pub use http::Method;

/// A request that did not produce a response.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HttpError {
    /// The egress policy refused the destination (or a redirect to it); nothing was sent there.
    #[error(transparent)]
    Refused(#[from] EgressDenied),
    /// The client could not be built.
    #[error("cannot build the HTTP client")]
    Build(#[source] reqwest::Error),
    /// The request is malformed (e.g. a header value with a line break).
    #[error("invalid request to {url}: {reason}")]
    Invalid {
        /// The URL.
        url: String,
        /// What is wrong.
        reason: String,
    },
    /// Sending failed: no connection, timeout, TLS failure, broken response.
    #[error("request to {url} failed")]
    Send {
        /// The URL.
        url: String,
        /// The cause.
        #[source]
        source: reqwest::Error,
    },
}

/// An HTTP client whose every request, redirect and name lookup is checked by an
/// [`EgressPolicy`]. Requests block; do not call it from inside an async task.
#[derive(Debug, Clone)]
pub struct HttpClient {
    policy: Arc<EgressPolicy>,
    inner: reqwest::blocking::Client,
}

impl HttpClient {
    /// A client for `policy` using the system resolver for allowed names.
    pub fn new(policy: EgressPolicy, options: &HttpOptions) -> Result<HttpClient, HttpError> {
        HttpClient::with_resolver(policy, options, Arc::new(SystemResolver))
    }

    /// A client for `policy` resolving allowed names with `resolver` (tests use one that
    /// records or refuses every lookup).
    pub fn with_resolver(
        policy: EgressPolicy,
        options: &HttpOptions,
        resolver: Arc<dyn Resolve>,
    ) -> Result<HttpClient, HttpError> {
        // reqwest needs a process-wide rustls provider; installing twice is harmless.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let policy = Arc::new(policy);
        let redirect_policy = {
            let policy = Arc::clone(&policy);
            let max = options.max_redirects;
            reqwest::redirect::Policy::custom(move |attempt| {
                if attempt.previous().len() > max {
                    return attempt.error(format!("more than {max} redirects"));
                }
                match policy.check_url(attempt.url()) {
                    Ok(()) => attempt.follow(),
                    Err(denied) => attempt.error(denied),
                }
            })
        };
        let mut builder = reqwest::blocking::Client::builder();
        if let Some(pem) = &options.pinned_certificate {
            let certificate =
                reqwest::Certificate::from_pem(pem.as_bytes()).map_err(HttpError::Build)?;
            builder = builder.tls_certs_only([certificate]);
        }
        let inner = builder
            .no_proxy()
            .redirect(redirect_policy)
            .dns_resolver(Arc::new(GuardedResolver {
                policy: Arc::clone(&policy),
                inner: resolver,
            }))
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            .user_agent(options.user_agent.clone())
            .build()
            .map_err(HttpError::Build)?;
        Ok(HttpClient { policy, inner })
    }

    /// The policy this client enforces.
    #[must_use]
    pub fn policy(&self) -> &EgressPolicy {
        &self.policy
    }

    /// Sends `request` and reads the whole response. A destination the policy refuses fails
    /// with [`HttpError::Refused`] before any lookup or connection.
    pub fn send(&self, request: Request) -> Result<Response, HttpError> {
        let (parts, body) = request.into_parts();
        let url_text = parts.uri.to_string();
        let url = self.policy.check(&url_text)?;
        let mut builder = self.inner.request(parts.method, url).headers(parts.headers);
        if !body.is_empty() {
            builder = builder.body(body);
        }
        let response = builder.send().map_err(|e| failure(&url_text, e))?;
        let mut answer = http::Response::builder()
            .status(response.status())
            .version(response.version());
        if let Some(headers) = answer.headers_mut() {
            headers.extend(response.headers().clone());
        }
        let body = response
            .bytes()
            .map_err(|e| failure(&url_text, e))?
            .to_vec();
        answer.body(body).map_err(|e| HttpError::Invalid {
            url: url_text,
            reason: e.to_string(),
        })
    }
}

fn failure(url: &str, error: reqwest::Error) -> HttpError {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&error);
    while let Some(current) = cause {
        if let Some(denied) = current.downcast_ref::<EgressDenied>() {
            return HttpError::Refused(denied.clone());
        }
        cause = current.source();
    }
    HttpError::Send {
        url: url.to_owned(),
        source: error,
    }
}

/// Refuses names the policy does not allow without resolving them, answers `localhost` itself,
/// and hands the rest to the real resolver.
struct GuardedResolver {
    policy: Arc<EgressPolicy>,
    inner: Arc<dyn Resolve>,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        if let Err(denied) = self.policy.check_host(&host) {
            return Box::pin(async move { Err(Box::new(denied).into()) });
        }
        let bare = host.strip_suffix('.').unwrap_or(&host);
        if bare.eq_ignore_ascii_case("localhost") {
            let addrs: Vec<SocketAddr> = vec![
                SocketAddr::new(Ipv4Addr::LOCALHOST.into(), 0),
                SocketAddr::new(Ipv6Addr::LOCALHOST.into(), 0),
            ];
            return Box::pin(async move { Ok(Box::new(addrs.into_iter()) as Addrs) });
        }
        self.inner.resolve(name)
    }
}

/// The operating system's resolver (`getaddrinfo`), run by tokio.
struct SystemResolver;

impl Resolve for SystemResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests;
