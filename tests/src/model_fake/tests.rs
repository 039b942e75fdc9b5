//! The server against a hand-written HTTP client.

use std::io::{Read as _, Write};
use std::net::TcpStream;

use serde_json::{Value, json};

use super::{ModelServer, Scenario, Turn};

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
