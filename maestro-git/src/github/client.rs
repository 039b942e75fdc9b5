//! [`Client`]: authenticated, rate-limit-aware calls of the GitHub REST API for one repository.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use serde::de::DeserializeOwned;

use super::rate_limit::{Sleeper, ThreadSleeper, requested_wait};
use super::time;
use super::transport::{HttpRequest, HttpResponse, Method, Transport, TransportError};

/// The API root of github.com. GitHub Enterprise Server uses `https://<host>/api/v3`.
pub const DEFAULT_API_URL: &str = "https://api.github.com";

/// The REST API version the client is written against (`X-GitHub-Api-Version`).
pub const API_VERSION: &str = "2022-11-28";

/// Settings of a [`Client`].
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

/// A GitHub token. It is sent only in the `Authorization` header and never shown: its
/// [`Debug`] output is `Token(<redacted>)` and it has no [`Display`](fmt::Display).
#[derive(Clone)]
pub struct Token(String);

impl Token {
    /// Wraps a secret token.
    #[must_use]
    pub fn new(secret: impl Into<String>) -> Token {
        Token(secret.into())
    }

    /// Reads the token from the environment variable `variable` (maestro's default is
    /// `GITHUB_TOKEN`).
    pub fn from_env(variable: &str) -> Result<Token, TokenError> {
        match std::env::var(variable) {
            Ok(value) if !value.trim().is_empty() => Ok(Token(value.trim().to_owned())),
            _ => Err(TokenError {
                variable: variable.to_owned(),
            }),
        }
    }

    fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// The environment variable meant to hold the token is unset, empty or not UTF-8.
#[derive(Debug, thiserror::Error)]
#[error("the GitHub token variable {variable} is not set (or empty)")]
pub struct TokenError {
    /// The variable's name.
    pub variable: String,
}

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
    /// GitHub asked for a wait longer than [`Options::max_wait`].
    #[error(
        "{method} {url} is rate limited for {wait_secs} s, longer than maestro waits; retry after {retry_at}"
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
    /// Still rate limited after [`Options::max_retries`] retries.
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
            self.api_url, self.repository.owner, self.repository.name
        )
    }

    /// Sends one request, waiting out rate limits, and returns the first answer that is not a
    /// rate limit (whatever its status).
    pub(crate) fn call(
        &self,
        method: Method,
        url: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<HttpResponse, RequestError> {
        let mut headers = vec![
            (
                "Accept".to_owned(),
                "application/vnd.github+json".to_owned(),
            ),
            ("X-GitHub-Api-Version".to_owned(), API_VERSION.to_owned()),
            ("User-Agent".to_owned(), self.options.user_agent.clone()),
            (
                "Authorization".to_owned(),
                format!("Bearer {}", self.token.expose()),
            ),
        ];
        if body.is_some() {
            headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
        }
        let request = HttpRequest {
            method,
            url: url.to_owned(),
            headers,
            body: body
                .map(|value| serde_json::to_vec(value).expect("a JSON value always serialises")),
        };
        let mut retries = 0;
        loop {
            self.requests.fetch_add(1, Ordering::Relaxed);
            let response =
                self.transport
                    .send(&request)
                    .map_err(|source| RequestError::Transport {
                        method,
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
                    method,
                    url: url.to_owned(),
                    wait_secs: wait.as_secs(),
                    retry_at,
                });
            }
            if retries >= self.options.max_retries {
                return Err(RequestError::RetriesExhausted {
                    method,
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
        let response = self.call(method, url, body)?;
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
        let response = self.call(Method::Get, &url, None)?;
        // 409: "Git Repository is empty".
        if response.status == 404 || response.status == 409 {
            return Ok(None);
        }
        let found: Ref = decode(Method::Get, &url, &response)?;
        parse_id(Method::Get, &url, &found.object.sha).map(Some)
    }
}

/// The JSON body of a 2xx `response`, or the error GitHub answered.
pub(crate) fn decode<T: DeserializeOwned>(
    method: Method,
    url: &str,
    response: &HttpResponse,
) -> Result<T, RequestError> {
    if !response.is_success() {
        return Err(status_error(method, url, response));
    }
    serde_json::from_slice(&response.body).map_err(|source| RequestError::Decode {
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
        status: response.status,
        message: github_message(&response.body),
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

    use super::*;

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

    #[test]
    fn token_is_redacted() {
        let token = Token::new("ghp_secret123");
        assert_eq!(format!("{token:?}"), "Token(<redacted>)");
        let error = Token::from_env("MAESTRO_GIT_TEST_SURELY_UNSET_VARIABLE").expect_err("unset");
        assert!(
            error
                .to_string()
                .contains("MAESTRO_GIT_TEST_SURELY_UNSET_VARIABLE")
        );
    }

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

    /// Answers with the queued responses in order and records the requests.
    struct Scripted {
        answers: std::sync::Mutex<std::collections::VecDeque<HttpResponse>>,
        seen: Arc<std::sync::Mutex<Vec<HttpRequest>>>,
    }

    fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: headers
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            body: body.as_bytes().to_vec(),
        }
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
            request.url,
            "https://ghe.example/api/v3/repos/octo/app/git/ref/heads/main"
        );
        assert_eq!(
            request.header("accept"),
            Some("application/vnd.github+json")
        );
        assert_eq!(request.header("x-github-api-version"), Some(API_VERSION));
        assert!(
            request
                .header("user-agent")
                .is_some_and(|ua| ua.starts_with("maestro/"))
        );
        assert_eq!(
            request.header("authorization"),
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
