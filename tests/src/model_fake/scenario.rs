//! The script: [`Scenario`]s of [`Turn`]s, chosen by a key in the request.

use serde_json::{Value, json};

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
pub(super) const NOW_PLUS: &str = "now+";
