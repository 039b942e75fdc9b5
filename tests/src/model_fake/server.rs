//! The server: it accepts connections, records every request and writes the answers.

use std::io::{self, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;

use serde_json::Value;

use super::answer::{Answer, answer_messages, error_body};
use super::scenario::Scenario;
use crate::wire;

/// A request the server received.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelRequest {
    /// The method.
    pub method: String,
    /// The path with its query.
    pub path: String,
    /// Header names (lowercase) and values.
    pub headers: Vec<(String, String)>,
    /// The body as JSON (`Null` when it is not JSON).
    pub body: Value,
    /// The key of the scenario that answered, if one did.
    pub scenario: Option<String>,
    /// The status answered.
    pub status: u16,
}

impl ModelRequest {
    /// The first value of header `name` (case-insensitive).
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        crate::wire::header(&self.headers, name)
    }

    /// The `tool_result` blocks of the last message, each flattened to its text.
    #[must_use]
    pub fn tool_results(&self) -> Vec<String> {
        let Some(last) = self.body["messages"].as_array().and_then(|m| m.last()) else {
            return Vec::new();
        };
        last["content"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|block| block["type"] == "tool_result")
            .map(|block| match &block["content"] {
                Value::String(text) => text.clone(),
                Value::Array(parts) => parts
                    .iter()
                    .filter_map(|p| p["text"].as_str())
                    .collect::<Vec<_>>()
                    .join("\n"),
                other => other.to_string(),
            })
            .collect()
    }
}

pub(super) struct Shared {
    pub(super) addr: SocketAddr,
    scenarios: Mutex<Vec<Scenario>>,
    requests: Mutex<Vec<ModelRequest>>,
    /// Error turns already answered: (scenario key, index in its turns).
    pub(super) errors_served: Mutex<std::collections::HashSet<(String, usize)>>,
}

impl Shared {
    pub(super) fn scenarios(&self) -> MutexGuard<'_, Vec<Scenario>> {
        self.scenarios
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn requests(&self) -> MutexGuard<'_, Vec<ModelRequest>> {
        self.requests
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A scripted model on `127.0.0.1:<ephemeral port>` (or an address of the test's, see
/// [`ModelServer::start_on`]); stopped on drop.
pub struct ModelServer {
    pub(super) shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for ModelServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ModelServer")
            .field("addr", &self.shared.addr)
            .finish_non_exhaustive()
    }
}

impl ModelServer {
    /// Starts a server answering from `scenarios`.
    pub fn start(scenarios: Vec<Scenario>) -> io::Result<ModelServer> {
        ModelServer::start_on("127.0.0.1", scenarios)
    }

    /// The same listening on `ip` (a test network's address, for crews on other hosts).
    pub fn start_on(ip: &str, scenarios: Vec<Scenario>) -> io::Result<ModelServer> {
        let listener = TcpListener::bind((ip, 0))?;
        let shared = Arc::new(Shared {
            addr: listener.local_addr()?,
            scenarios: Mutex::new(scenarios),
            requests: Mutex::new(Vec::new()),
            errors_served: Mutex::new(std::collections::HashSet::new()),
        });
        let stop = Arc::new(AtomicBool::new(false));
        let accept = {
            let (shared, stop) = (Arc::clone(&shared), Arc::clone(&stop));
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let shared = Arc::clone(&shared);
                    std::thread::spawn(move || {
                        let _ = serve_connection(&shared, stream);
                    });
                }
            })
        };
        Ok(ModelServer {
            shared,
            stop,
            accept: Some(accept),
        })
    }

    /// Adds a scenario (e.g. one naming paths known only once the server's URL is in use).
    pub fn add(&self, scenario: Scenario) {
        self.shared.scenarios().push(scenario);
    }

    /// The value for `ANTHROPIC_BASE_URL`, `http://127.0.0.1:<port>`.
    #[must_use]
    pub fn base_url(&self) -> String {
        format!("http://{}", self.shared.addr)
    }

    /// Every request received so far, in order.
    #[must_use]
    pub fn requests(&self) -> Vec<ModelRequest> {
        self.shared.requests().clone()
    }

    /// The requests answered by the scenario keyed `key`, in order.
    #[must_use]
    pub fn requests_for(&self, key: &str) -> Vec<ModelRequest> {
        self.shared
            .requests()
            .iter()
            .filter(|r| r.scenario.as_deref() == Some(key))
            .cloned()
            .collect()
    }
}

impl Drop for ModelServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.shared.addr);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

/// Serves requests on one keep-alive connection until the client closes it.
fn serve_connection(shared: &Shared, stream: TcpStream) -> io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    while let Some(request) = wire::read_request(&mut reader)? {
        let close = request
            .header("connection")
            .is_some_and(|v| v.eq_ignore_ascii_case("close"));
        let body = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        let route = request.path.split('?').next().unwrap_or_default();
        let answer = if request.method == "POST" && route == "/v1/messages" {
            answer_messages(shared, &body)
        } else {
            Answer::json(
                404,
                error_body("not_found_error", &format!("no route {route}")),
                None,
            )
        };
        let Answer {
            status,
            content_type,
            payload,
            scenario,
            headers,
        } = answer;
        shared.requests().push(ModelRequest {
            method: request.method,
            path: request.path,
            headers: request.headers,
            body,
            scenario,
            status,
        });
        let extra = headers
            .iter()
            .fold(String::new(), |mut extra, (name, value)| {
                extra.push_str(name);
                extra.push_str(": ");
                extra.push_str(value);
                extra.push_str("\r\n");
                extra
            });
        write!(
            writer,
            "HTTP/1.1 {status} {}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\ncache-control: no-cache\r\nrequest-id: req_fake\r\n{extra}{}\r\n",
            if status == 200 { "OK" } else { "Error" },
            payload.len(),
            if close { "connection: close\r\n" } else { "" },
        )?;
        writer.write_all(payload.as_bytes())?;
        writer.flush()?;
        if close {
            break;
        }
    }
    Ok(())
}
