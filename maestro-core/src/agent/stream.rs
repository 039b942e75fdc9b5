//! Claude Code's `--output-format stream-json` events, parsed into types. Unknown event types
//! and fields are tolerated; lines that are not JSON are skipped.

use serde::Deserialize;
use serde_json::Value;

/// One event of a crew's stream.
#[derive(Debug, Clone, PartialEq)]
pub enum StreamEvent {
    /// The session started.
    Init(Init),
    /// The model wrote text.
    Text(String),
    /// The model called a tool.
    ToolUse {
        /// The call's id.
        id: String,
        /// The tool, e.g. `Write`.
        name: String,
        /// Its input.
        input: Value,
    },
    /// A tool call's result (including a hook's block).
    ToolResult {
        /// The call it answers.
        tool_use_id: String,
        /// Whether it is an error (e.g. blocked by a hook).
        is_error: bool,
        /// Its text.
        content: String,
    },
    /// The API refused a request and the CLI retries it itself after a pause
    /// (`system`/`api_retry`).
    ApiRetry(ApiRetry),
    /// The API's rate or usage limit for this account (`rate_limit_event`): informational
    /// while `status` is `allowed…`, a stop when it is `rejected`.
    RateLimit(RateLimitInfo),
    /// The session ended.
    Result(Box<SessionResult>),
    /// An event type this version does not know.
    Other,
}

/// The `system`/`init` event.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Init {
    /// The session id.
    pub session_id: String,
    /// The model.
    #[serde(default)]
    pub model: Option<String>,
    /// The tools offered to the model.
    #[serde(default)]
    pub tools: Vec<String>,
    /// The MCP servers and their status.
    #[serde(default)]
    pub mcp_servers: Vec<McpServerStatus>,
}

/// An MCP server in the `init` event.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct McpServerStatus {
    /// Its name.
    pub name: String,
    /// e.g. `connected`, `failed`.
    #[serde(default)]
    pub status: String,
}

/// The `system`/`api_retry` event: the CLI waits `retry_delay_ms`, then sends the request
/// again.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ApiRetry {
    /// Which retry this is (1-based).
    #[serde(default)]
    pub attempt: u32,
    /// How many the CLI makes before it gives up.
    #[serde(default)]
    pub max_retries: u32,
    /// The pause before this retry, in milliseconds.
    #[serde(default)]
    pub retry_delay_ms: u64,
    /// The HTTP status that was refused, e.g. 429 or 529.
    #[serde(default)]
    pub error_status: Option<u16>,
    /// The kind of error, e.g. `rate_limit`, `overloaded`.
    #[serde(default)]
    pub error: Option<String>,
}

/// A `rate_limit_event`'s `rate_limit_info` (also in a result's `api_error_params`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitInfo {
    /// `allowed`, `allowed_warning` or `rejected`.
    #[serde(default)]
    pub status: String,
    /// When the limit resets, in seconds since the Unix epoch.
    #[serde(default)]
    pub resets_at: Option<i64>,
    /// Which limit, e.g. `five_hour`, `seven_day`.
    #[serde(default)]
    pub rate_limit_type: Option<String>,
}

impl RateLimitInfo {
    /// Whether the API refuses requests until the limit resets.
    #[must_use]
    pub fn rejected(&self) -> bool {
        self.status == "rejected"
    }
}

/// The final `result` event.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SessionResult {
    /// `success`, `error_max_turns`, `error_during_execution`, …
    #[serde(default)]
    pub subtype: String,
    /// Whether the session ended in error.
    #[serde(default)]
    pub is_error: bool,
    /// Turns taken.
    #[serde(default)]
    pub num_turns: u32,
    /// Money spent, in US dollars.
    #[serde(default)]
    pub total_cost_usd: f64,
    /// Token counts.
    #[serde(default)]
    pub usage: Usage,
    /// The final text (or an error message).
    #[serde(default)]
    pub result: Option<String>,
    /// The session id.
    #[serde(default)]
    pub session_id: Option<String>,
    /// Tool calls that were denied (by permissions or hooks).
    #[serde(default)]
    pub permission_denials: Vec<Value>,
    /// Wall time of the session in milliseconds.
    #[serde(default)]
    pub duration_ms: Option<u64>,
    /// The object a `--json-schema` session returned.
    #[serde(default)]
    pub structured_output: Option<Value>,
    /// The HTTP status of the API error that ended the session, if one did.
    #[serde(default)]
    pub api_error_status: Option<u16>,
    /// The kind of that error as the CLI names it, e.g. `usage_limit_reached`.
    #[serde(default)]
    pub api_error: Option<String>,
    /// Its details, e.g. `{"rate_limit_info": {"resetsAt": …}}` for a usage limit.
    #[serde(default)]
    pub api_error_params: Option<Value>,
}

/// Why a session ended without the API serving it: a rate or usage limit, or an overloaded
/// or failing API. Not the crew's fault; worth resuming once the limit passes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// When the limit resets (seconds since the Unix epoch), when the API said.
    pub resets_at: Option<i64>,
    /// In a few words: `usage limit (five_hour)`, `429 rate_limit_error`, `529 overloaded`.
    pub reason: String,
}

impl SessionResult {
    /// Whether the API, not the crew, ended the session, and until when; `None` for a session
    /// that succeeded or whose work failed.
    #[must_use]
    pub fn refusal(&self) -> Option<Refusal> {
        if !self.is_error {
            return None;
        }
        let info: Option<RateLimitInfo> = self
            .api_error_params
            .as_ref()
            .and_then(|p| p.get("rate_limit_info"))
            .and_then(|i| serde_json::from_value(i.clone()).ok());
        if self.api_error.as_deref() == Some("usage_limit_reached")
            || info.as_ref().is_some_and(RateLimitInfo::rejected)
        {
            let kind = info.as_ref().and_then(|i| i.rate_limit_type.clone());
            return Some(Refusal {
                resets_at: info.and_then(|i| i.resets_at),
                reason: kind.map_or_else(
                    || "usage limit".to_owned(),
                    |kind| format!("usage limit ({kind})"),
                ),
            });
        }
        // The status, when the CLI gives it, decides; older CLIs only say it in the text.
        if let Some(status) = self.api_error_status {
            let reason = match status {
                429 => "429 rate limit".to_owned(),
                529 => "529 overloaded".to_owned(),
                408 | 500..=599 => format!("{status} API error"),
                _ => return None,
            };
            return Some(Refusal {
                resets_at: None,
                reason,
            });
        }
        let text = self
            .result
            .as_deref()
            .unwrap_or_default()
            .to_ascii_lowercase();
        [
            ("overloaded", "overloaded"),
            ("rate limit", "rate limit"),
            ("rate_limit", "rate limit"),
            (" 429", "429 rate limit"),
            (" 529", "529 overloaded"),
            ("api error: 5", "API error"),
        ]
        .iter()
        .find(|(needle, _)| text.contains(needle))
        .map(|(_, reason)| Refusal {
            resets_at: None,
            reason: (*reason).to_owned(),
        })
    }
}

/// Token counts of a session.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Usage {
    /// Input tokens.
    #[serde(default)]
    pub input_tokens: u64,
    /// Output tokens.
    #[serde(default)]
    pub output_tokens: u64,
    /// Input tokens written to the prompt cache.
    #[serde(default)]
    pub cache_creation_input_tokens: u64,
    /// Input tokens read from the prompt cache.
    #[serde(default)]
    pub cache_read_input_tokens: u64,
}

/// Parses one line of the stream into its events (an assistant message may hold several
/// blocks). Returns nothing for a line that is not JSON.
#[must_use]
pub fn parse_line(line: &str) -> Vec<StreamEvent> {
    let Ok(value) = serde_json::from_str::<Value>(line.trim()) else {
        return Vec::new();
    };
    match value.get("type").and_then(Value::as_str) {
        Some("system") if value.get("subtype").and_then(Value::as_str) == Some("init") => {
            serde_json::from_value::<Init>(value).map_or_else(
                |_| vec![StreamEvent::Other],
                |init| vec![StreamEvent::Init(init)],
            )
        }
        Some("assistant") => blocks(&value)
            .filter_map(|block| match block.get("type").and_then(Value::as_str) {
                Some("text") => Some(StreamEvent::Text(str_field(block, "text"))),
                Some("tool_use") => Some(StreamEvent::ToolUse {
                    id: str_field(block, "id"),
                    name: str_field(block, "name"),
                    input: block.get("input").cloned().unwrap_or(Value::Null),
                }),
                _ => None,
            })
            .collect(),
        Some("user") => blocks(&value)
            .filter(|block| block.get("type").and_then(Value::as_str) == Some("tool_result"))
            .map(|block| StreamEvent::ToolResult {
                tool_use_id: str_field(block, "tool_use_id"),
                is_error: block
                    .get("is_error")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                content: text_of(block.get("content")),
            })
            .collect(),
        Some("system") if value.get("subtype").and_then(Value::as_str) == Some("api_retry") => {
            serde_json::from_value::<ApiRetry>(value).map_or_else(
                |_| vec![StreamEvent::Other],
                |retry| vec![StreamEvent::ApiRetry(retry)],
            )
        }
        Some("rate_limit_event") => value
            .get("rate_limit_info")
            .cloned()
            .and_then(|info| serde_json::from_value::<RateLimitInfo>(info).ok())
            .map_or_else(
                || vec![StreamEvent::Other],
                |info| vec![StreamEvent::RateLimit(info)],
            ),
        Some("result") => serde_json::from_value::<SessionResult>(value).map_or_else(
            |_| vec![StreamEvent::Other],
            |r| vec![StreamEvent::Result(Box::new(r))],
        ),
        _ => vec![StreamEvent::Other],
    }
}

fn blocks(value: &Value) -> impl Iterator<Item = &Value> {
    value
        .pointer("/message/content")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

fn str_field(value: &Value, key: &str) -> String {
    value
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// A tool result's content: a string, or a list of text blocks.
fn text_of(content: Option<&Value>) -> String {
    match content {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|i| i.get("text").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests;
