//! A fake GitHub REST API on 127.0.0.1 for tests, and a loopback HTTP client for it.
//!
//! [`FakeGithub`] serves one repository from memory over hand-written HTTP/1.1 (keep-alive,
//! `Content-Length` bodies) in background threads. It implements what maestro's GitHub client
//! uses: refs, commit lookup, blob/tree/commit creation and pull requests. It computes git
//! object ids of what it receives the way git does, independently of gix, so a test can prove
//! that a pushed commit is the local commit. It records every request (without the token),
//! refuses requests that lack the expected bearer token with 401, and can be told to answer
//! the next requests with rate limits.
//!
//! [`LoopbackTransport`] implements maestro-git's `Transport` with a plain `TcpStream` and
//! refuses any address that is not loopback.

mod api;
mod http;
mod objects;
mod transport;

use std::collections::{HashMap, VecDeque};
use std::io;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;

use serde_json::Value;

use api::serve_connection;
pub use objects::git_object_id;
pub use transport::LoopbackTransport;

/// An answer the fake gives instead of serving a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// `429 Too Many Requests` with `Retry-After: <seconds>`.
    TooManyRequests {
        /// The `Retry-After` value.
        retry_after_secs: u64,
    },
    /// `403` with GitHub's secondary-rate-limit message, with `Retry-After` if given.
    SecondaryRateLimit {
        /// The `Retry-After` value, if any.
        retry_after_secs: Option<u64>,
    },
    /// `403` with `x-ratelimit-remaining: 0` and a reset `reset_after_secs` from now.
    PrimaryRateLimit {
        /// Seconds until `x-ratelimit-reset`.
        reset_after_secs: u64,
    },
}

/// A request the fake received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The method.
    pub method: String,
    /// The path with its query.
    pub path: String,
    /// Header names (lowercase) and values, except `authorization`.
    pub headers: Vec<(String, String)>,
    /// Whether `Authorization` was `Bearer <the expected token>`.
    pub token_matched: bool,
    /// The body.
    pub body: Vec<u8>,
    /// The status the fake answered.
    pub status: u16,
}

impl RecordedRequest {
    /// The first value of header `name` (case-insensitive).
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        crate::wire::header(&self.headers, name)
    }

    /// The body as JSON (`Null` when it is not JSON).
    #[must_use]
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
}

/// A commit the fake holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeCommit {
    /// Its tree's id.
    pub tree: String,
    /// Its parents' ids.
    pub parents: Vec<String>,
    /// Its message.
    pub message: String,
}

/// A pull request the fake holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakePull {
    /// Its number.
    pub number: u64,
    /// The request body it was created from.
    pub request: Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blob,
    Tree,
    Commit,
}

#[derive(Debug, Default)]
struct State {
    objects: HashMap<String, Kind>,
    commits: HashMap<String, (FakeCommit, Value)>,
    refs: HashMap<String, String>,
    pulls: Vec<FakePull>,
    faults: VecDeque<Fault>,
    requests: Vec<RecordedRequest>,
}

#[derive(Debug)]
struct Shared {
    owner: String,
    name: String,
    token: String,
    addr: SocketAddr,
    state: Mutex<State>,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A fake GitHub API for one repository, on `127.0.0.1:<ephemeral port>`; stopped on drop.
#[derive(Debug)]
pub struct FakeGithub {
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl FakeGithub {
    /// Starts a fake serving `repository` (`owner/name`) to clients presenting `token`.
    pub fn start(repository: &str, token: &str) -> io::Result<FakeGithub> {
        let (owner, name) = repository
            .split_once('/')
            .ok_or_else(|| io::Error::other(format!("{repository:?} is not owner/name")))?;
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        let shared = Arc::new(Shared {
            owner: owner.to_owned(),
            name: name.to_owned(),
            token: token.to_owned(),
            addr: listener.local_addr()?,
            state: Mutex::new(State::default()),
        });
        let stop = Arc::new(AtomicBool::new(false));
        let accept = {
            let shared = Arc::clone(&shared);
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let shared = Arc::clone(&shared);
                    std::thread::spawn(move || serve_connection(&shared, stream));
                }
            })
        };
        Ok(FakeGithub {
            shared,
            stop,
            accept: Some(accept),
        })
    }

    /// The API root to configure the client with, `http://127.0.0.1:<port>`.
    #[must_use]
    pub fn api_url(&self) -> String {
        format!("http://{}", self.shared.addr)
    }

    /// Every request received so far, in order.
    #[must_use]
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.state().requests.clone()
    }

    /// Answers the next request (after the token check) with `fault`; queued faults apply to
    /// consecutive requests.
    pub fn fail_next(&self, fault: Fault) {
        self.shared.state().faults.push_back(fault);
    }

    /// The commit branch `name` points at.
    #[must_use]
    pub fn branch(&self, name: &str) -> Option<String> {
        self.shared
            .state()
            .refs
            .get(&format!("refs/heads/{name}"))
            .cloned()
    }

    /// Commit `id`, if the fake has it.
    #[must_use]
    pub fn commit(&self, id: &str) -> Option<FakeCommit> {
        self.shared
            .state()
            .commits
            .get(id)
            .map(|(commit, _)| commit.clone())
    }

    /// Whether the fake holds object `id` (blob, tree or commit).
    #[must_use]
    pub fn has_object(&self, id: &str) -> bool {
        self.shared.state().objects.contains_key(id)
    }

    /// The pull requests opened so far.
    #[must_use]
    pub fn pull_requests(&self) -> Vec<FakePull> {
        self.shared.state().pulls.clone()
    }
}

impl Drop for FakeGithub {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.shared.addr);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}
