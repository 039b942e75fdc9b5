//! HTTP/1.1 as the fake speaks it: reading requests, writing JSON answers.

use std::io::{self, Write};

use serde_json::{Value, json};

/// An answer: status, extra headers, JSON body.
pub(super) struct Answer {
    pub(super) status: u16,
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: Value,
}

pub(super) fn answer(status: u16, body: Value) -> Answer {
    Answer {
        status,
        headers: Vec::new(),
        body,
    }
}

pub(super) fn failure(status: u16, message: &str) -> Answer {
    answer(
        status,
        json!({ "message": message, "documentation_url": "https://docs.github.com/rest" }),
    )
}

pub(super) fn write_answer(writer: &mut impl Write, answer: &Answer) -> io::Result<()> {
    let body = serde_json::to_vec(&answer.body)?;
    let mut head = format!(
        "HTTP/1.1 {} {}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: {}\r\n",
        answer.status,
        reason(answer.status),
        body.len()
    );
    for (name, value) in &answer.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    writer.write_all(head.as_bytes())?;
    writer.write_all(&body)?;
    writer.flush()
}

pub(super) fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        _ => "Other",
    }
}
