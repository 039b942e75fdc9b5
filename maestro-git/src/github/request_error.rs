//! [`RequestError`]: one call of the API that failed, and reading GitHub's answers into a
//! value or that error.

use serde::de::DeserializeOwned;

use super::transport::{HttpResponse, Method, TransportError};

/// One call of the API that failed. Messages name the method and URL; the token is never in
/// them.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RequestError {
    /// No answer: the transport refused or failed.
    #[error("{method} {url}: no answer")]
    Transport {
        /// The method.
        method: Method,
        /// The URL.
        url: String,
        /// The cause.
        #[source]
        source: TransportError,
    },
    /// GitHub answered with an error status.
    #[error("{method} {url} answered {status}: {message}")]
    Status {
        /// The method.
        method: Method,
        /// The URL.
        url: String,
        /// The status code.
        status: u16,
        /// GitHub's error message (with its field errors), or the start of a non-JSON body.
        message: String,
    },
    /// GitHub asked for a wait longer than [`Options::max_wait`](super::Options::max_wait).
    #[error(
        "{method} {url} is rate limited for {wait_secs} s, longer than the client may wait; retry after {retry_at}"
    )]
    RateLimited {
        /// The method.
        method: Method,
        /// The URL.
        url: String,
        /// The wait GitHub asked for.
        wait_secs: u64,
        /// When to retry (UTC).
        retry_at: String,
    },
    /// Still rate limited after [`Options::max_retries`](super::Options::max_retries) retries.
    #[error("{method} {url} is still rate limited after {retries} retries; retry after {retry_at}")]
    RetriesExhausted {
        /// The method.
        method: Method,
        /// The URL.
        url: String,
        /// Retries made.
        retries: u32,
        /// When to retry (UTC).
        retry_at: String,
    },
    /// The request could not be formed: a URL or header value HTTP does not allow.
    #[error("{method} {url}: cannot form the request: {reason}")]
    Invalid {
        /// The method.
        method: Method,
        /// The URL.
        url: String,
        /// What is wrong.
        reason: String,
    },
    /// A successful answer that is not the JSON the API documents.
    #[error("{method} {url}: unexpected answer")]
    Decode {
        /// The method.
        method: Method,
        /// The URL.
        url: String,
        /// The cause.
        #[source]
        source: serde_json::Error,
    },
}

impl RequestError {
    /// The HTTP status GitHub answered, for [`RequestError::Status`].
    #[must_use]
    pub fn status(&self) -> Option<u16> {
        match self {
            RequestError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// The JSON body of a 2xx `response`, or the error GitHub answered.
pub(crate) fn decode<T: DeserializeOwned>(
    method: Method,
    url: &str,
    response: &HttpResponse,
) -> Result<T, RequestError> {
    if !response.status().is_success() {
        return Err(status_error(method, url, response));
    }
    serde_json::from_slice(response.body()).map_err(|source| RequestError::Decode {
        method,
        url: url.to_owned(),
        source,
    })
}

/// A [`RequestError::Status`] for `response`, with GitHub's message and field errors.
pub(crate) fn status_error(method: Method, url: &str, response: &HttpResponse) -> RequestError {
    RequestError::Status {
        method,
        url: url.to_owned(),
        status: response.status().as_u16(),
        message: github_message(response.body()),
    }
}

/// An object id GitHub sent, as an [`gix::ObjectId`].
pub(crate) fn parse_id(
    method: Method,
    url: &str,
    sha: &str,
) -> Result<gix::ObjectId, RequestError> {
    gix::ObjectId::from_hex(sha.as_bytes()).map_err(|_| RequestError::Decode {
        method,
        url: url.to_owned(),
        source: <serde_json::Error as serde::de::Error>::custom(format!(
            "{sha:?} is not an object id"
        )),
    })
}

/// GitHub's `message` and its `errors` list; the start of the body when it is not JSON.
fn github_message(body: &[u8]) -> String {
    #[derive(serde::Deserialize)]
    struct Failure {
        message: Option<String>,
        #[serde(default)]
        errors: Vec<serde_json::Value>,
    }
    let Ok(failure) = serde_json::from_slice::<Failure>(body) else {
        let text = String::from_utf8_lossy(body);
        let text = text.trim();
        return match text.char_indices().nth(200) {
            Some((end, _)) => format!("{}…", &text[..end]),
            None if text.is_empty() => "(empty body)".to_owned(),
            None => text.to_owned(),
        };
    };
    let mut message = failure.message.unwrap_or_else(|| "(no message)".to_owned());
    let details: Vec<String> = failure
        .errors
        .iter()
        .map(|error| match error {
            serde_json::Value::String(text) => text.clone(),
            serde_json::Value::Object(fields) => {
                if let Some(serde_json::Value::String(text)) = fields.get("message") {
                    return text.clone();
                }
                ["resource", "field", "code"]
                    .iter()
                    .filter_map(|key| fields.get(*key).and_then(serde_json::Value::as_str))
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            other => other.to_string(),
        })
        .collect();
    if !details.is_empty() {
        message.push_str(" (");
        message.push_str(&details.join("; "));
        message.push(')');
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_messages_include_field_errors() {
        let body = br#"{"message":"Validation Failed","errors":[{"resource":"PullRequest","code":"custom","message":"A pull request already exists for o:b."},{"resource":"PullRequest","field":"head","code":"invalid"}]}"#;
        assert_eq!(
            github_message(body),
            "Validation Failed (A pull request already exists for o:b.; PullRequest head invalid)"
        );
        assert_eq!(github_message(br#"{"message":"Not Found"}"#), "Not Found");
        assert_eq!(
            github_message(b"<html>bad gateway</html>"),
            "<html>bad gateway</html>"
        );
        assert_eq!(github_message(b""), "(empty body)");
    }
}
