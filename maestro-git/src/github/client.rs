//! [`Client`]: authenticated, rate-limit-aware calls of the GitHub REST API for one repository.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::SystemTime;

use serde::de::DeserializeOwned;

use super::options::{API_VERSION, Options};
use super::rate_limit::requested_wait;
use super::repository_name::RepositoryName;
use super::request_error::{RequestError, decode, parse_id};
use super::time;
use super::token::Token;
use super::transport::{HttpRequest, HttpResponse, Method, Transport};

/// A blocking client of the GitHub REST API for one repository.
///
/// Every request carries `Accept: application/vnd.github+json`, `X-GitHub-Api-Version`, the
/// user agent and `Authorization: Bearer <token>`, and goes through the [`Transport`] given at
/// construction. Rate-limit answers are waited out within the bounds of [`Options`].
pub struct Client {
    transport: Box<dyn Transport + Send + Sync>,
    repository: RepositoryName,
    token: Token,
    options: Options,
    /// The API root without a trailing slash.
    api_url: String,
    requests: AtomicUsize,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("repository", &self.repository)
            .field("token", &self.token)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for `repository` authenticated with `token`, sending through `transport`.
    pub fn new(
        transport: impl Transport + Send + Sync + 'static,
        repository: RepositoryName,
        token: Token,
        options: Options,
    ) -> Client {
        let api_url = options.api_url.trim_end_matches('/').to_owned();
        Client {
            transport: Box::new(transport),
            repository,
            token,
            options,
            api_url,
            requests: AtomicUsize::new(0),
        }
    }

    /// The repository this client works on.
    #[must_use]
    pub fn repository(&self) -> &RepositoryName {
        &self.repository
    }

    /// The requests sent so far, retries included.
    #[must_use]
    pub fn requests_sent(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }

    /// The URL of `path` (starting with `/`) under `/repos/{owner}/{name}`.
    pub(crate) fn repo_url(&self, path: &str) -> String {
        format!(
            "{}/repos/{}/{}{path}",
            self.api_url,
            self.repository.owner(),
            self.repository.name()
        )
    }

    /// Sends one request, waiting out rate limits, and returns the first answer that is not a
    /// rate limit (whatever its status).
    pub(crate) fn call(
        &self,
        method: &Method,
        url: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<HttpResponse, RequestError> {
        let invalid = |reason: String| RequestError::Invalid {
            method: method.clone(),
            url: url.to_owned(),
            reason,
        };
        let mut authorization =
            http::HeaderValue::from_str(&format!("Bearer {}", self.token.expose()))
                .map_err(|_| invalid("the token is not a valid header value".to_owned()))?;
        // The token never shows in a request's `Debug` form.
        authorization.set_sensitive(true);
        let mut request = http::Request::builder()
            .method(method.clone())
            .uri(url)
            .header(http::header::ACCEPT, "application/vnd.github+json")
            .header("X-GitHub-Api-Version", API_VERSION)
            .header(http::header::USER_AGENT, self.options.user_agent.as_str())
            .header(http::header::AUTHORIZATION, authorization);
        if body.is_some() {
            request = request.header(http::header::CONTENT_TYPE, "application/json");
        }
        let request: HttpRequest = request
            .body(body.map_or_else(Vec::new, |value| {
                serde_json::to_vec(value).expect("a JSON value always serialises")
            }))
            .map_err(|e| invalid(e.to_string()))?;
        let mut retries = 0;
        loop {
            self.requests.fetch_add(1, Ordering::Relaxed);
            let response =
                self.transport
                    .send(&request)
                    .map_err(|source| RequestError::Transport {
                        method: method.clone(),
                        url: url.to_owned(),
                        source,
                    })?;
            let now = SystemTime::now();
            let Some(wait) = requested_wait(&response, now, self.options.secondary_wait) else {
                return Ok(response);
            };
            let retry_at = time::utc(now + wait);
            if wait > self.options.max_wait {
                return Err(RequestError::RateLimited {
                    method: method.clone(),
                    url: url.to_owned(),
                    wait_secs: wait.as_secs(),
                    retry_at,
                });
            }
            if retries >= self.options.max_retries {
                return Err(RequestError::RetriesExhausted {
                    method: method.clone(),
                    url: url.to_owned(),
                    retries,
                    retry_at,
                });
            }
            retries += 1;
            self.options.sleeper.sleep(wait);
        }
    }

    /// [`Client::call`], then the body of a 2xx answer as `T`; any other status is an error.
    pub(crate) fn call_json<T: DeserializeOwned>(
        &self,
        method: Method,
        url: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<T, RequestError> {
        let response = self.call(&method, url, body)?;
        decode(method, url, &response)
    }

    /// The commit a ref points to, `reference` being e.g. `heads/main`; `None` when the ref does
    /// not exist (or the repository is still empty).
    pub fn get_ref(&self, reference: &str) -> Result<Option<gix::ObjectId>, RequestError> {
        #[derive(serde::Deserialize)]
        struct Ref {
            object: Target,
        }
        #[derive(serde::Deserialize)]
        struct Target {
            sha: String,
        }
        let url = self.repo_url(&format!("/git/ref/{}", encode_path(reference)));
        let response = self.call(&Method::GET, &url, None)?;
        // 409: "Git Repository is empty".
        if response.status() == 404 || response.status() == 409 {
            return Ok(None);
        }
        let found: Ref = decode(Method::GET, &url, &response)?;
        parse_id(Method::GET, &url, &found.object.sha).map(Some)
    }
}

/// `path` with every byte outside the unreserved set and `/` percent-encoded, for ref names
/// in URLs.
pub(crate) fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use super::*;
    use crate::github::transport::{TransportError, canned_response as answer, header};

    /// Answers with the queued responses in order and records the requests.
    struct Scripted {
        answers: std::sync::Mutex<std::collections::VecDeque<HttpResponse>>,
        seen: Arc<std::sync::Mutex<Vec<HttpRequest>>>,
    }

    impl Transport for Scripted {
        fn send(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
            self.seen.lock().expect("lock").push(request.clone());
            Ok(self
                .answers
                .lock()
                .expect("lock")
                .pop_front()
                .expect("a scripted answer for every request"))
        }
    }

    type Log<T> = Arc<std::sync::Mutex<Vec<T>>>;

    fn scripted(answers: Vec<HttpResponse>) -> (Client, Log<HttpRequest>, Log<Duration>) {
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let waits = Arc::new(std::sync::Mutex::new(Vec::new()));
        let recorded = Arc::clone(&waits);
        let options = Options {
            api_url: "https://ghe.example/api/v3/".to_owned(),
            sleeper: Arc::new(move |wait: Duration| recorded.lock().expect("lock").push(wait)),
            ..Options::default()
        };
        let transport = Scripted {
            answers: std::sync::Mutex::new(answers.into()),
            seen: Arc::clone(&seen),
        };
        let repository = "octo/app".parse().expect("valid");
        let client = Client::new(transport, repository, Token::new("ghp_TOPSECRET"), options);
        (client, seen, waits)
    }

    const SHA: &str = "0123456789abcdef0123456789abcdef01234567";

    #[test]
    fn requests_carry_the_api_headers_and_retry_after_rate_limits() {
        let found =
            format!(r#"{{"ref":"refs/heads/main","object":{{"sha":"{SHA}","type":"commit"}}}}"#);
        let (client, seen, waits) = scripted(vec![
            answer(429, &[("retry-after", "2")], ""),
            answer(
                403,
                &[],
                r#"{"message":"You have exceeded a secondary rate limit"}"#,
            ),
            answer(200, &[], &found),
        ]);
        let id = client.get_ref("heads/main").expect("found after retries");
        assert_eq!(id.map(|id| id.to_string()).as_deref(), Some(SHA));
        assert_eq!(
            *waits.lock().expect("lock"),
            [Duration::from_secs(2), Duration::from_secs(60)]
        );
        let seen = seen.lock().expect("lock");
        assert_eq!(seen.len(), 3);
        let request = &seen[0];
        assert_eq!(
            request.uri(),
            "https://ghe.example/api/v3/repos/octo/app/git/ref/heads/main"
        );
        assert_eq!(
            header(request.headers(), "accept"),
            Some("application/vnd.github+json")
        );
        assert_eq!(
            header(request.headers(), "x-github-api-version"),
            Some(API_VERSION)
        );
        assert!(
            header(request.headers(), "user-agent").is_some_and(|ua| ua.starts_with("maestro/"))
        );
        assert_eq!(
            header(request.headers(), "authorization"),
            Some("Bearer ghp_TOPSECRET")
        );
        let debug = format!("{request:?} {client:?}");
        assert!(!debug.contains("TOPSECRET"), "{debug}");
        assert_eq!(client.requests_sent(), 3);
    }

    #[test]
    fn long_waits_and_endless_limits_fail_with_a_retry_time() {
        let (client, _, waits) = scripted(vec![answer(429, &[("retry-after", "3600")], "")]);
        let error = client.get_ref("heads/main").expect_err("too long a wait");
        assert!(
            matches!(
                error,
                RequestError::RateLimited {
                    wait_secs: 3600,
                    ..
                }
            ),
            "{error:?}"
        );
        assert!(error.to_string().contains("retry after 20"), "{error}");
        assert!(waits.lock().expect("lock").is_empty());

        let limited = || answer(429, &[("retry-after", "1")], "");
        let (client, seen, waits) = scripted(vec![limited(), limited(), limited(), limited()]);
        let error = client.get_ref("heads/main").expect_err("retries run out");
        assert!(
            matches!(error, RequestError::RetriesExhausted { retries: 3, .. }),
            "{error:?}"
        );
        assert_eq!(seen.lock().expect("lock").len(), 4);
        assert_eq!(waits.lock().expect("lock").len(), 3);
    }

    #[test]
    fn missing_refs_are_none_and_other_statuses_are_errors() {
        let (client, _, _) = scripted(vec![
            answer(404, &[], r#"{"message":"Not Found"}"#),
            answer(401, &[], r#"{"message":"Bad credentials"}"#),
        ]);
        assert_eq!(client.get_ref("heads/gone").expect("absent is fine"), None);
        let error = client.get_ref("heads/main").expect_err("unauthorised");
        assert_eq!(error.status(), Some(401));
        let text = error.to_string();
        assert!(text.contains("GET https://ghe.example/api/v3/repos/octo/app/git/ref/heads/main answered 401: Bad credentials"), "{text}");
        assert!(!text.contains("TOPSECRET"));
    }

    #[test]
    fn ref_names_are_encoded_for_urls() {
        assert_eq!(encode_path("heads/maestro/v1"), "heads/maestro/v1");
        assert_eq!(encode_path("heads/a b#c%"), "heads/a%20b%23c%25");
    }
}
