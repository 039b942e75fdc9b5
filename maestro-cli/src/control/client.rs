//! The job's side of the channel: `maestro crew-exec` fetches its work and sends back events
//! and its result. Blocking; every request goes through maestro-core's egress-guarded client,
//! for which the coordinator's host is the only allowed destination, with its certificate
//! pinned.

use std::path::Path;
use std::time::Duration;

use maestro_core::EgressPolicy;
use maestro_core::egress::{HostPattern, HttpClient, HttpError, HttpOptions, Method};

use super::wire::{self, JobEvent, JobResult, WorkOrder};

/// A request over the channel failed.
#[derive(Debug, thiserror::Error)]
pub enum ChannelError {
    /// The channel's URL is not one.
    #[error("the control channel's URL {url} is not valid: {reason}")]
    Url {
        /// The URL.
        url: String,
        /// Why.
        reason: String,
    },
    /// No answer: refused destination, no connection, TLS failure (a certificate other than
    /// the pinned one), timeout.
    #[error(transparent)]
    Http(#[from] HttpError),
    /// The coordinator answered with an error.
    #[error("the coordinator answered {status} to {path}: {message}")]
    Status {
        /// The path asked.
        path: &'static str,
        /// The status.
        status: u16,
        /// Its one-line text.
        message: String,
    },
    /// The answer did not parse.
    #[error("the coordinator's answer to {path} does not parse: {source}")]
    Parse {
        /// The path asked.
        path: &'static str,
        /// The cause.
        #[source]
        source: serde_json::Error,
    },
    /// A local file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

/// A job's connection to its coordinator.
#[derive(Debug, Clone)]
pub struct ChannelClient {
    http: HttpClient,
    url: String,
    token: String,
}

impl ChannelClient {
    /// A client for the channel at `url` (`https://host:port`) whose server must present
    /// `certificate_pem`, presenting `token`; `timeout` bounds each request, bundles included.
    pub fn new(
        url: &str,
        certificate_pem: &str,
        token: &str,
        timeout: Duration,
    ) -> Result<ChannelClient, ChannelError> {
        let bad = |reason: String| ChannelError::Url {
            url: url.to_owned(),
            reason,
        };
        let parsed = url::Url::parse(url).map_err(|e| bad(e.to_string()))?;
        if parsed.scheme() != "https" {
            return Err(bad("the control channel is HTTPS only".into()));
        }
        let host = parsed
            .host_str()
            .ok_or_else(|| bad("it names no host".into()))?;
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let policy = EgressPolicy::standard(vec![HostPattern::parse(host).map_err(bad)?]);
        let options = HttpOptions {
            timeout,
            max_redirects: 0,
            pinned_certificate: Some(certificate_pem.to_owned()),
            ..HttpOptions::default()
        };
        Ok(ChannelClient {
            http: HttpClient::new(policy, &options)?,
            url: url.trim_end_matches('/').to_owned(),
            token: token.to_owned(),
        })
    }

    fn send(
        &self,
        method: Method,
        path: &'static str,
        body: Vec<u8>,
    ) -> Result<Vec<u8>, ChannelError> {
        let request = http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.url))
            .header(
                http::header::AUTHORIZATION,
                format!("Bearer {}", self.token),
            )
            .body(body)
            .map_err(|e| ChannelError::Url {
                url: self.url.clone(),
                reason: e.to_string(),
            })?;
        let response = self.http.send(request)?;
        if !response.status().is_success() {
            return Err(ChannelError::Status {
                path,
                status: response.status().as_u16(),
                message: String::from_utf8_lossy(response.body()).trim().to_owned(),
            });
        }
        Ok(response.into_body())
    }

    /// The work order.
    pub fn work(&self) -> Result<WorkOrder, ChannelError> {
        let body = self.send(Method::GET, wire::WORK, Vec::new())?;
        serde_json::from_slice(&body).map_err(|source| ChannelError::Parse {
            path: wire::WORK,
            source,
        })
    }

    /// Writes the base bundle to `dest`.
    pub fn base_bundle(&self, dest: &Path) -> Result<(), ChannelError> {
        let body = self.send(Method::GET, wire::BASE_BUNDLE, Vec::new())?;
        std::fs::write(dest, body).map_err(|source| ChannelError::Io {
            path: dest.display().to_string(),
            source,
        })
    }

    /// The model API key, when the attempt has one (kept in memory only).
    pub fn secret(&self) -> Result<Option<String>, ChannelError> {
        match self.send(Method::GET, wire::SECRET, Vec::new()) {
            Ok(body) => Ok(Some(String::from_utf8_lossy(&body).into_owned())),
            Err(ChannelError::Status { status: 404, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Sends `events`, in order.
    pub fn events(&self, events: &[JobEvent]) -> Result<(), ChannelError> {
        let mut body = Vec::new();
        for event in events {
            serde_json::to_writer(&mut body, event).map_err(|source| ChannelError::Parse {
                path: wire::EVENTS,
                source,
            })?;
            body.push(b'\n');
        }
        self.send(Method::POST, wire::EVENTS, body).map(drop)
    }

    /// Sends the crew's commit as the bundle at `path`.
    pub fn result_bundle(&self, path: &Path) -> Result<(), ChannelError> {
        let body = std::fs::read(path).map_err(|source| ChannelError::Io {
            path: path.display().to_string(),
            source,
        })?;
        self.send(Method::PUT, wire::RESULT_BUNDLE, body).map(drop)
    }

    /// Sends how the crew ended; the attempt takes nothing more after it.
    pub fn result(&self, result: &JobResult) -> Result<(), ChannelError> {
        let body = serde_json::to_vec(result).map_err(|source| ChannelError::Parse {
            path: wire::RESULT,
            source,
        })?;
        self.send(Method::POST, wire::RESULT, body).map(drop)
    }
}
