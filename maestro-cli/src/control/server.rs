//! The coordinator's side of the channel: an HTTPS server with one registered attempt per
//! running remote crew.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt as _, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use sha2::{Digest as _, Sha256};
use tokio::io::AsyncWriteExt as _;
use tokio::sync::{mpsc, oneshot};

use super::tls::{ChannelCertificate, TlsError};
use super::wire::{self, JobEvent, JobResult, WorkOrder};

/// Size limits of what a job may send.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// One `POST /v1/events` body. Default: 1 MiB.
    pub events: usize,
    /// The result bundle. Default: 1 GiB.
    pub bundle: u64,
    /// The result. Default: 256 KiB.
    pub result: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            events: 1 << 20,
            bundle: 1 << 30,
            result: 256 << 10,
        }
    }
}

/// The server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The certificate or TLS configuration failed.
    #[error(transparent)]
    Tls(#[from] TlsError),
    /// The address could not be bound.
    #[error("cannot listen on {addr} for the control channel: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The attempt's work order could not be written as JSON.
    #[error("cannot encode the work order: {0}")]
    Encode(#[from] serde_json::Error),
    /// The system's random number generator failed.
    #[error("cannot draw a token: {0}")]
    Random(#[from] getrandom::Error),
}

/// An attempt to register: its work, its files and how long its token may live.
#[derive(Debug, Clone)]
pub struct AttemptSpec {
    /// The work order the job fetches.
    pub work: WorkOrder,
    /// A git bundle holding the base commit.
    pub base_bundle: PathBuf,
    /// Where the job's result bundle is written.
    pub result_bundle: PathBuf,
    /// The model API key the job may fetch, if any.
    pub secret: Option<String>,
    /// How long the token is accepted at most (the attempt's timeout and a margin).
    pub lifetime: Duration,
}

struct Attempt {
    work: Bytes,
    base_bundle: PathBuf,
    result_bundle: PathBuf,
    secret: Option<String>,
    deadline: Instant,
    events: mpsc::UnboundedSender<JobEvent>,
    result: Mutex<Option<oneshot::Sender<JobResult>>>,
    last_seen: Mutex<Instant>,
}

type Attempts = Mutex<HashMap<[u8; 32], Arc<Attempt>>>;

struct Inner {
    attempts: Attempts,
    limits: Limits,
}

/// The control channel's server; it stops when dropped.
pub struct ControlServer {
    inner: Arc<Inner>,
    url: String,
    certificate: ChannelCertificate,
    task: tokio::task::JoinHandle<()>,
}

impl std::fmt::Debug for ControlServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ControlServer")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl Drop for ControlServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A registered attempt: its token, and what its job sends. Dropping it revokes the token.
pub struct AttemptHandle {
    token: String,
    key: [u8; 32],
    inner: Arc<Inner>,
    attempt: Arc<Attempt>,
    /// The job's events, in the order it sent them.
    pub events: mpsc::UnboundedReceiver<JobEvent>,
    /// The job's result, once it sends it.
    pub result: oneshot::Receiver<JobResult>,
}

impl std::fmt::Debug for AttemptHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AttemptHandle").finish_non_exhaustive()
    }
}

impl AttemptHandle {
    /// The bearer token the job presents (to put in its job script).
    #[must_use]
    pub fn token(&self) -> &str {
        &self.token
    }

    /// How long since the job last reached the channel (or since registration).
    #[must_use]
    pub fn silent_for(&self) -> Duration {
        lock(&self.attempt.last_seen).elapsed()
    }
}

impl Drop for AttemptHandle {
    fn drop(&mut self) {
        lock(&self.inner.attempts).remove(&self.key);
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl ControlServer {
    /// Listens on `bind` with a new certificate for `advertise`, the host (an IP address or a
    /// name) jobs dial; jobs reach it at [`ControlServer::url`]. Binds at once (an address in
    /// use is an error here, before anything runs); serves on the tokio runtime it is called
    /// in, which it needs.
    pub fn start(
        bind: SocketAddr,
        advertise: &str,
        limits: Limits,
    ) -> Result<ControlServer, ServerError> {
        let certificate = ChannelCertificate::generate(&[advertise.to_owned()])?;
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(certificate.server_config()?));
        let listener = std::net::TcpListener::bind(bind)
            .and_then(|l| l.set_nonblocking(true).map(|()| l))
            .and_then(tokio::net::TcpListener::from_std)
            .map_err(|source| ServerError::Bind { addr: bind, source })?;
        let port = listener
            .local_addr()
            .map_err(|source| ServerError::Bind { addr: bind, source })?
            .port();
        let host = if advertise.contains(':') {
            format!("[{advertise}]")
        } else {
            advertise.to_owned()
        };
        let inner = Arc::new(Inner {
            attempts: Mutex::new(HashMap::new()),
            limits,
        });
        let task = tokio::spawn(serve(listener, acceptor, Arc::clone(&inner)));
        Ok(ControlServer {
            inner,
            url: format!("https://{host}:{port}"),
            certificate,
            task,
        })
    }

    /// Where jobs reach the channel (`https://host:port`).
    #[must_use]
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The certificate jobs pin, PEM.
    #[must_use]
    pub fn certificate_pem(&self) -> &str {
        &self.certificate.pem
    }

    /// Registers an attempt and mints its token.
    pub fn register(&self, spec: AttemptSpec) -> Result<AttemptHandle, ServerError> {
        let mut raw = [0u8; 32];
        getrandom::fill(&mut raw)?;
        let token = hex::encode(raw);
        let key = digest(&token);
        let (events_tx, events) = mpsc::unbounded_channel();
        let (result_tx, result) = oneshot::channel();
        let now = Instant::now();
        let attempt = Arc::new(Attempt {
            work: Bytes::from(serde_json::to_vec(&spec.work)?),
            base_bundle: spec.base_bundle,
            result_bundle: spec.result_bundle,
            secret: spec.secret,
            deadline: now + spec.lifetime,
            events: events_tx,
            result: Mutex::new(Some(result_tx)),
            last_seen: Mutex::new(now),
        });
        lock(&self.inner.attempts).insert(key, Arc::clone(&attempt));
        Ok(AttemptHandle {
            token,
            key,
            inner: Arc::clone(&self.inner),
            attempt,
            events,
            result,
        })
    }
}

fn digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

async fn serve(
    listener: tokio::net::TcpListener,
    acceptor: tokio_rustls::TlsAcceptor,
    inner: Arc<Inner>,
) {
    loop {
        let Ok((tcp, _)) = listener.accept().await else {
            // Out of descriptors or the like: the jobs retry.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let acceptor = acceptor.clone();
        let inner = Arc::clone(&inner);
        tokio::spawn(async move {
            let Ok(Ok(tls)) =
                tokio::time::timeout(Duration::from_secs(10), acceptor.accept(tcp)).await
            else {
                return;
            };
            let service = hyper::service::service_fn(move |request| {
                let inner = Arc::clone(&inner);
                async move { Ok::<_, Infallible>(handle(&inner, request).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(Duration::from_secs(30))
                .serve_connection(TokioIo::new(tls), service)
                .await;
        });
    }
}

type Answer = Response<Full<Bytes>>;

fn text(status: StatusCode, message: &str) -> Answer {
    let mut answer = Response::new(Full::new(Bytes::from(format!("{message}\n"))));
    *answer.status_mut() = status;
    answer
}

fn bytes(body: Bytes) -> Answer {
    Response::new(Full::new(body))
}

fn no_content() -> Answer {
    // A 204 has no body.
    let mut answer = Response::new(Full::new(Bytes::new()));
    *answer.status_mut() = StatusCode::NO_CONTENT;
    answer
}

impl Inner {
    /// The attempt whose token the request bears, if it is registered and not expired.
    fn authenticate(&self, request: &Request<Incoming>) -> Option<Arc<Attempt>> {
        let value = request
            .headers()
            .get(hyper::header::AUTHORIZATION)?
            .to_str()
            .ok()?;
        let token = value.strip_prefix("Bearer ")?;
        let attempt = lock(&self.attempts).get(&digest(token)).cloned()?;
        (Instant::now() < attempt.deadline).then_some(attempt)
    }
}

async fn handle(inner: &Inner, request: Request<Incoming>) -> Answer {
    let Some(attempt) = inner.authenticate(&request) else {
        return text(StatusCode::UNAUTHORIZED, "unknown or expired token");
    };
    *lock(&attempt.last_seen) = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    match (method, path.as_str()) {
        (Method::GET, wire::WORK) => bytes(attempt.work.clone()),
        (Method::GET, wire::BASE_BUNDLE) => match tokio::fs::read(&attempt.base_bundle).await {
            Ok(data) => bytes(Bytes::from(data)),
            Err(e) => text(
                StatusCode::INTERNAL_SERVER_ERROR,
                &format!("cannot read the base bundle: {e}"),
            ),
        },
        (Method::GET, wire::SECRET) => match &attempt.secret {
            Some(secret) => bytes(Bytes::from(secret.clone())),
            None => text(StatusCode::NOT_FOUND, "this attempt has no secret"),
        },
        (Method::POST, wire::EVENTS) => events(inner, &attempt, request).await,
        (Method::PUT, wire::RESULT_BUNDLE) => result_bundle(inner, &attempt, request).await,
        (Method::POST, wire::RESULT) => result(inner, &attempt, request).await,
        (
            _,
            wire::WORK
            | wire::BASE_BUNDLE
            | wire::SECRET
            | wire::EVENTS
            | wire::RESULT_BUNDLE
            | wire::RESULT,
        ) => text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed"),
        _ => text(StatusCode::NOT_FOUND, "no such path"),
    }
}

/// The whole body, or the answer when it is past `limit` or cannot be read.
async fn body(request: Request<Incoming>, limit: usize) -> Result<Bytes, Answer> {
    match Limited::new(request.into_body(), limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => Err(text(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("body larger than {limit} bytes"),
        )),
        Err(e) => Err(text(
            StatusCode::BAD_REQUEST,
            &format!("cannot read the body: {e}"),
        )),
    }
}

fn ended(attempt: &Attempt) -> bool {
    lock(&attempt.result).is_none()
}

async fn events(inner: &Inner, attempt: &Attempt, request: Request<Incoming>) -> Answer {
    if ended(attempt) {
        return text(StatusCode::CONFLICT, "the attempt has ended");
    }
    let data = match body(request, inner.limits.events).await {
        Ok(data) => data,
        Err(answer) => return answer,
    };
    // Every line is checked before any is delivered: a bad batch delivers nothing.
    let mut parsed = Vec::new();
    for (n, line) in data.split(|&b| b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<JobEvent>(line) {
            Ok(event) => parsed.push(event),
            Err(e) => {
                return text(
                    StatusCode::BAD_REQUEST,
                    &format!("event line {}: {e}", n + 1),
                );
            }
        }
    }
    for event in parsed {
        // The coordinator stopped listening: the attempt is over for it.
        if attempt.events.send(event).is_err() {
            return text(StatusCode::CONFLICT, "the attempt has ended");
        }
    }
    no_content()
}

async fn result_bundle(inner: &Inner, attempt: &Attempt, request: Request<Incoming>) -> Answer {
    if ended(attempt) {
        return text(StatusCode::CONFLICT, "the attempt has ended");
    }
    let limit = inner.limits.bundle;
    let partial = attempt.result_bundle.with_extension("part");
    let written = async {
        let mut file = tokio::fs::File::create(&partial).await?;
        let mut body = request.into_body();
        let mut size = 0u64;
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(std::io::Error::other)?;
            if let Ok(data) = frame.into_data() {
                size += data.len() as u64;
                if size > limit {
                    return Ok(false);
                }
                file.write_all(&data).await?;
            }
        }
        file.sync_all().await?;
        Ok::<_, std::io::Error>(true)
    }
    .await;
    match written {
        Ok(true) => match tokio::fs::rename(&partial, &attempt.result_bundle).await {
            Ok(()) => no_content(),
            Err(e) => text(
                StatusCode::INTERNAL_SERVER_ERROR,
                &format!("cannot keep the bundle: {e}"),
            ),
        },
        Ok(false) => {
            let _ = tokio::fs::remove_file(&partial).await;
            text(
                StatusCode::PAYLOAD_TOO_LARGE,
                &format!("bundle larger than {limit} bytes"),
            )
        }
        Err(e) => {
            let _ = tokio::fs::remove_file(&partial).await;
            text(
                StatusCode::BAD_REQUEST,
                &format!("cannot receive the bundle: {e}"),
            )
        }
    }
}

async fn result(inner: &Inner, attempt: &Attempt, request: Request<Incoming>) -> Answer {
    let data = match body(request, inner.limits.result).await {
        Ok(data) => data,
        Err(answer) => return answer,
    };
    let result: JobResult = match serde_json::from_slice(&data) {
        Ok(result) => result,
        Err(e) => return text(StatusCode::BAD_REQUEST, &format!("result: {e}")),
    };
    let Some(sender) = lock(&attempt.result).take() else {
        return text(StatusCode::CONFLICT, "the attempt already has a result");
    };
    let _ = sender.send(result);
    no_content()
}
