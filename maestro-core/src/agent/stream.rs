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
mod tests {
    use super::*;

    #[test]
    fn the_documented_events_parse() {
        let init = parse_line(
            r#"{"type":"system","subtype":"init","session_id":"s-1","tools":["Bash","Write"],"model":"m","mcp_servers":[{"name":"docs","status":"connected"}],"cwd":"/x","future":1}"#,
        );
        let StreamEvent::Init(init) = &init[0] else {
            panic!("{init:?}")
        };
        assert_eq!((init.session_id.as_str(), init.tools.len()), ("s-1", 2));
        assert_eq!(init.mcp_servers[0].name, "docs");

        let assistant = parse_line(
            r#"{"type":"assistant","message":{"content":[{"type":"text","text":"Writing."},{"type":"tool_use","id":"toolu_1","name":"Write","input":{"file_path":"/w/a.txt","content":"x"}}]}}"#,
        );
        assert_eq!(assistant.len(), 2);
        assert_eq!(assistant[0], StreamEvent::Text("Writing.".into()));
        assert!(matches!(&assistant[1], StreamEvent::ToolUse { name, .. } if name == "Write"));

        let user = parse_line(
            r#"{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"toolu_1","is_error":true,"content":[{"type":"text","text":"PreToolUse:Write hook error: blocked"}]}]}}"#,
        );
        assert_eq!(
            user,
            vec![StreamEvent::ToolResult {
                tool_use_id: "toolu_1".into(),
                is_error: true,
                content: "PreToolUse:Write hook error: blocked".into()
            }]
        );

        let result = parse_line(
            r#"{"type":"result","subtype":"success","is_error":false,"num_turns":3,"total_cost_usd":0.0123,"usage":{"input_tokens":100,"output_tokens":20,"server_tool_use":{}},"result":"done","session_id":"s-1","permission_denials":[{"tool_name":"Write"}],"duration_ms":1500}"#,
        );
        let StreamEvent::Result(result) = &result[0] else {
            panic!("{result:?}")
        };
        assert_eq!((result.num_turns, result.usage.input_tokens), (3, 100));
        assert!((result.total_cost_usd - 0.0123).abs() < 1e-9);
        assert_eq!(result.permission_denials.len(), 1);
    }

    #[test]
    fn unknown_and_broken_lines_are_tolerated() {
        assert_eq!(
            parse_line(r#"{"type":"stream_event","event":{}}"#),
            vec![StreamEvent::Other]
        );
        assert_eq!(parse_line(r#"{"no_type":true}"#), vec![StreamEvent::Other]);
        assert!(parse_line("not json at all").is_empty());
        assert!(parse_line("").is_empty());
        assert_eq!(
            parse_line(r#"{"type":"result","num_turns":"many"}"#),
            vec![StreamEvent::Other]
        );
    }
}
