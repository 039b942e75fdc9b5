//! The HTTP port of the GitHub client: requests and responses are the `http` crate's types —
//! the vocabulary maestro-core's egress guard speaks too — and the [`Transport`] trait sends
//! them.
//!
//! maestro-git builds no HTTP client itself. The application implements [`Transport`] with its
//! egress-guarded client, so every request the GitHub client makes passes the same policy as
//! the rest of maestro; tests implement it with a loopback client.

pub use http::Method;

/// A request the GitHub client sends. Its `Authorization` header is marked sensitive, so its
/// `Debug` form never shows the token.
pub type HttpRequest = http::Request<Vec<u8>>;

/// A whole response, as a [`Transport`] returns it.
pub type HttpResponse = http::Response<Vec<u8>>;

/// The value of header `name` in `headers`, when it is present and visible text.
#[must_use]
pub fn header<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

/// A response with `status`, `headers` and `body`, as a test's transport answers.
#[cfg(test)]
pub(crate) fn canned_response(status: u16, headers: &[(&str, &str)], body: &str) -> HttpResponse {
    let mut response = http::Response::builder().status(status);
    for (name, value) in headers {
        response = response.header(*name, *value);
    }
    response
        .body(body.as_bytes().to_vec())
        .expect("a valid canned response")
}

/// A request that produced no response.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TransportError {
    /// The egress policy refused the destination; nothing was sent.
    #[error("the egress policy refuses {url}")]
    Refused {
        /// The refused URL.
        url: String,
        /// The policy's reason.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The request was allowed but no answer came back: no connection, a timeout, a TLS
    /// failure or a broken response.
    #[error("{url} is unreachable")]
    Unreachable {
        /// The URL.
        url: String,
        /// The cause.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// Sends one HTTP request and returns the whole response, blocking.
///
/// Redirects, if any, are the transport's business; the GitHub client only sees the final
/// response. Implementations must not log header values (the token is in one).
pub trait Transport {
    /// Sends `request`.
    fn send(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError>;
}

impl<T: Transport + ?Sized> Transport for &T {
    fn send(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
        (**self).send(request)
    }
}

impl<T: Transport + ?Sized> Transport for std::sync::Arc<T> {
    fn send(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
        (**self).send(request)
    }
}
