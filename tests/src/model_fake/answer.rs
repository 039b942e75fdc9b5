//! What the server answers a request: the scenario's turn as a Messages event stream, or an
//! error.

use serde_json::{Value, json};

use super::scenario::{NOW_PLUS, Turn};
use super::server::Shared;

pub(super) fn error_body(kind: &str, message: &str) -> String {
    json!({"type": "error", "error": {"type": kind, "message": message}}).to_string()
}

/// What the server answers one request.
pub(super) struct Answer {
    pub(super) status: u16,
    pub(super) content_type: &'static str,
    pub(super) payload: String,
    /// The key of the scenario that answered.
    pub(super) scenario: Option<String>,
    /// Extra response headers.
    pub(super) headers: Vec<(String, String)>,
}

impl Answer {
    pub(super) fn json(status: u16, payload: String, scenario: Option<String>) -> Answer {
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
pub(super) fn answer_messages(shared: &Shared, body: &Value) -> Answer {
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
