//! A scripted model on 127.0.0.1 speaking the Anthropic Messages streaming API, for driving the
//! real `claude` CLI in tests.
//!
//! [`ModelServer`] answers `POST /v1/messages` (any query string) from [`Scenario`]s: each is a
//! list of [`Turn`]s, chosen by a key string that must appear somewhere in the request body (the
//! prompt or the system prompt), so several crews can share one server. The turn answered is the
//! number of `assistant` messages already in the request's `messages`; an error turn
//! ([`Turn::error`]) is answered once, to the first request that reaches it, and the turns
//! after it go on counting as before. Answers are
//! `text/event-stream` bodies with a `Content-Length`, on keep-alive connections. Every request
//! is recorded with its parsed JSON body; any other path gets a 404 (recorded too).

use std::io::{self, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;

use serde_json::{Value, json};

use crate::wire;

/// One answer of the scripted model.
#[derive(Debug, Clone, PartialEq)]
pub enum Turn {
    /// A text block with `stop_reason: end_turn`, which ends the session.
    Text(String),
    /// One `tool_use` block with `stop_reason: tool_use`.
    Tool {
        /// The tool's name, e.g. `Write`.
        name: String,
        /// The tool's input object.
        input: Value,
    },
    /// An HTTP error answered once (e.g. 429 with rate-limit headers), adding no message.
    Error {
        /// The status, e.g. 429.
        status: u16,
        /// Extra response headers.
        headers: Vec<(String, String)>,
        /// The error body.
        body: Value,
    },
}

impl Turn {
    /// A text turn.
    #[must_use]
    pub fn text(text: &str) -> Turn {
        Turn::Text(text.to_owned())
    }

    /// A tool-call turn.
    #[must_use]
    pub fn tool(name: &str, input: Value) -> Turn {
        Turn::Tool {
            name: name.to_owned(),
            input,
        }
    }

    /// An error answer: `status` with an Anthropic error body of `kind` (e.g.
    /// `rate_limit_error`) and `message`.
    #[must_use]
    pub fn error(status: u16, kind: &str, message: &str) -> Turn {
        Turn::Error {
            status,
            headers: Vec::new(),
            body: json!({"type": "error", "error": {"type": kind, "message": message}}),
        }
    }

    /// The subscription usage limit as the API reports it: 429 with
    /// `anthropic-ratelimit-unified-status: rejected` and a reset `reset_in` seconds after the
    /// moment it is answered.
    #[must_use]
    pub fn usage_limit(reset_in: u64) -> Turn {
        Turn::error(429, "rate_limit_error", "usage limit reached")
            .with_header("anthropic-ratelimit-unified-status", "rejected")
            .with_header(
                "anthropic-ratelimit-unified-reset",
                &format!("{NOW_PLUS}{reset_in}"),
            )
            .with_header(
                "anthropic-ratelimit-unified-representative-claim",
                "five_hour",
            )
    }

    /// This error turn with one more response header.
    #[must_use]
    pub fn with_header(mut self, name: &str, value: &str) -> Turn {
        if let Turn::Error { headers, .. } = &mut self {
            headers.push((name.to_owned(), value.to_owned()));
        }
        self
    }
}

/// The turns answered to requests whose body contains `key`.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// A string that appears in the requests of this scenario only.
    pub key: String,
    /// The answers, in order.
    pub turns: Vec<Turn>,
}

impl Scenario {
    /// A scenario answering `turns` to requests containing `key`.
    #[must_use]
    pub fn new(key: &str, turns: Vec<Turn>) -> Scenario {
        Scenario {
            key: key.to_owned(),
            turns,
        }
    }
}

/// A header value starting with this and a number of seconds is answered as the Unix time that
/// many seconds after the answer.
const NOW_PLUS: &str = "now+";

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
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
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

struct Shared {
    addr: SocketAddr,
    scenarios: Mutex<Vec<Scenario>>,
    requests: Mutex<Vec<ModelRequest>>,
    /// Error turns already answered: (scenario key, index in its turns).
    errors_served: Mutex<std::collections::HashSet<(String, usize)>>,
}

impl Shared {
    fn scenarios(&self) -> MutexGuard<'_, Vec<Scenario>> {
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

/// A scripted model on `127.0.0.1:<ephemeral port>`; stopped on drop.
pub struct ModelServer {
    shared: Arc<Shared>,
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
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
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

fn error_body(kind: &str, message: &str) -> String {
    json!({"type": "error", "error": {"type": kind, "message": message}}).to_string()
}

/// What the server answers one request.
struct Answer {
    status: u16,
    content_type: &'static str,
    payload: String,
    /// The key of the scenario that answered.
    scenario: Option<String>,
    /// Extra response headers.
    headers: Vec<(String, String)>,
}

impl Answer {
    fn json(status: u16, payload: String, scenario: Option<String>) -> Answer {
        Answer {
            status,
            content_type: "application/json",
            payload,
            scenario,
            headers: Vec::new(),
        }
    }
}

/// The answer to a `POST /v1/messages`: the scenario's turn after the `assistant` messages the
/// request holds, or the first error turn before it not answered yet.
fn answer_messages(shared: &Shared, body: &Value) -> Answer {
    let text = body.to_string();
    let scenarios = shared.scenarios();
    let Some(scenario) = scenarios.iter().find(|s| text.contains(&s.key)) else {
        let error = error_body("invalid_request_error", "no scenario key in the request");
        return Answer::json(400, error, None);
    };
    let key = Some(scenario.key.clone());
    let answered = body["messages"]
        .as_array()
        .map_or(0, |m| m.iter().filter(|m| m["role"] == "assistant").count());
    let mut served = shared
        .errors_served
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut messages_before = 0;
    for (index, turn) in scenario.turns.iter().enumerate() {
        match turn {
            Turn::Error {
                status,
                headers,
                body,
            } => {
                if messages_before == answered && served.insert((scenario.key.clone(), index)) {
                    let now = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_secs());
                    let headers = headers
                        .iter()
                        .map(|(name, value)| {
                            let value = value
                                .strip_prefix(NOW_PLUS)
                                .and_then(|secs| secs.parse::<u64>().ok())
                                .map_or_else(|| value.clone(), |secs| (now + secs).to_string());
                            (name.clone(), value)
                        })
                        .collect();
                    return Answer {
                        headers,
                        ..Answer::json(*status, body.to_string(), key)
                    };
                }
            }
            Turn::Text(_) | Turn::Tool { .. } => {
                if messages_before == answered {
                    let model = body["model"].as_str().unwrap_or("fake-model");
                    return Answer {
                        status: 200,
                        content_type: "text/event-stream",
                        payload: event_stream(turn, model, answered),
                        scenario: key,
                        headers: Vec::new(),
                    };
                }
                messages_before += 1;
            }
        }
    }
    let error = error_body(
        "invalid_request_error",
        &format!("scenario {} has no turn {}", scenario.key, answered + 1),
    );
    Answer::json(400, error, key)
}

/// The Messages streaming events answering `turn` (the `index`th of its scenario).
fn event_stream(turn: &Turn, model: &str, index: usize) -> String {
    let mut events = vec![(
        "message_start",
        json!({"type": "message_start", "message": {
            "id": format!("msg_fake_{index}"), "type": "message", "role": "assistant",
            "model": model, "content": [], "stop_reason": null, "stop_sequence": null,
            "usage": {"input_tokens": 10, "output_tokens": 1}}}),
    )];
    let (start, delta, stop_reason) = match turn {
        Turn::Text(text) => (
            json!({"type": "text", "text": ""}),
            json!({"type": "text_delta", "text": text}),
            "end_turn",
        ),
        Turn::Tool { name, input } => (
            json!({"type": "tool_use", "id": format!("toolu_fake_{index}"), "name": name, "input": {}}),
            json!({"type": "input_json_delta", "partial_json": input.to_string()}),
            "tool_use",
        ),
        Turn::Error { .. } => unreachable!("error turns are answered without a stream"),
    };
    events.push((
        "content_block_start",
        json!({"type": "content_block_start", "index": 0, "content_block": start}),
    ));
    events.push((
        "content_block_delta",
        json!({"type": "content_block_delta", "index": 0, "delta": delta}),
    ));
    events.push((
        "content_block_stop",
        json!({"type": "content_block_stop", "index": 0}),
    ));
    events.push((
        "message_delta",
        json!({"type": "message_delta", "delta": {"stop_reason": stop_reason, "stop_sequence": null},
            "usage": {"output_tokens": 5}}),
    ));
    events.push(("message_stop", json!({"type": "message_stop"})));
    let mut stream = String::new();
    for (name, data) in &events {
        stream.push_str("event: ");
        stream.push_str(name);
        stream.push_str("\ndata: ");
        stream.push_str(&data.to_string());
        stream.push_str("\n\n");
    }
    stream
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    fn post(server: &ModelServer, path: &str, body: &Value) -> String {
        let mut stream = TcpStream::connect(server.shared.addr).expect("connects");
        let body = body.to_string();
        write!(
            stream,
            "POST {path} HTTP/1.1\r\nhost: x\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        )
        .expect("writes");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("reads");
        answer
    }

    fn data_lines(answer: &str) -> Vec<Value> {
        answer
            .lines()
            .filter_map(|l| l.strip_prefix("data: "))
            .map(|d| serde_json::from_str(d).expect("JSON data"))
            .collect()
    }

    #[test]
    fn the_turn_follows_the_number_of_assistant_messages() {
        let server = ModelServer::start(vec![Scenario::new(
            "KEY-1",
            vec![
                Turn::tool("Write", json!({"file_path": "a", "content": "b"})),
                Turn::text("done"),
            ],
        )])
        .expect("starts");
        let first = json!({"model": "m", "messages": [{"role": "user", "content": "KEY-1 go"}]});
        let answer = post(&server, "/v1/messages?beta=true", &first);
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.contains("content-type: text/event-stream"));
        let data = data_lines(&answer);
        let types: Vec<&str> = data.iter().filter_map(|d| d["type"].as_str()).collect();
        assert_eq!(
            types,
            [
                "message_start",
                "content_block_start",
                "content_block_delta",
                "content_block_stop",
                "message_delta",
                "message_stop"
            ]
        );
        assert_eq!(data[1]["content_block"]["name"], "Write");
        assert_eq!(
            serde_json::from_str::<Value>(data[2]["delta"]["partial_json"].as_str().expect("s"))
                .expect("JSON input"),
            json!({"file_path": "a", "content": "b"})
        );
        assert_eq!(data[4]["delta"]["stop_reason"], "tool_use");

        let second = json!({"model": "m", "messages": [
            {"role": "user", "content": "KEY-1 go"},
            {"role": "assistant", "content": [{"type": "tool_use", "id": "t", "name": "Write", "input": {}}]},
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t", "content": [{"type": "text", "text": "ok"}]}]}
        ]});
        let data = data_lines(&post(&server, "/v1/messages", &second));
        assert_eq!(data[2]["delta"]["text"], "done");
        assert_eq!(data[4]["delta"]["stop_reason"], "end_turn");

        let third = post(&server, "/v1/messages", &json!({"messages": []}));
        assert!(third.starts_with("HTTP/1.1 400"), "{third}");
        let other = post(&server, "/v1/models", &json!({}));
        assert!(other.starts_with("HTTP/1.1 404"), "{other}");

        let requests = server.requests();
        assert_eq!(requests.len(), 4);
        assert_eq!(server.requests_for("KEY-1").len(), 2);
        assert_eq!(requests[1].tool_results(), ["ok"]);
        assert_eq!(requests[3].path, "/v1/models");
        assert_eq!(requests[3].status, 404);
    }
}
