//! What crosses the control channel: paths, the work order, the job's events and its result.
//!
//! Every request carries `Authorization: Bearer <token>` of its attempt. Paths:
//!
//! | method and path | body | answer |
//! |---|---|---|
//! | `GET /v1/work` | — | [`WorkOrder`] as JSON |
//! | `GET /v1/base.bundle` | — | a git bundle holding the attempt's base commit |
//! | `GET /v1/secret` | — | the model API key, `404` when the attempt has none |
//! | `POST /v1/events` | [`JobEvent`]s, one JSON object a line | `204` |
//! | `PUT /v1/result.bundle` | a git bundle holding the crew's commit | `204` |
//! | `POST /v1/result` | [`JobResult`] as JSON | `204`; the attempt takes no more events |
//!
//! Errors are `401` (no, an unknown or an expired token — the same answer for each), `404`,
//! `405`, `409` (a second result), `413` (a body past its limit) and `400` (a body that does
//! not parse), each with a one-line text body.

use serde::{Deserialize, Serialize};

/// `GET`: the work order.
pub const WORK: &str = "/v1/work";
/// `GET`: the base commit as a git bundle.
pub const BASE_BUNDLE: &str = "/v1/base.bundle";
/// `GET`: the model API key.
pub const SECRET: &str = "/v1/secret";
/// `POST`: events, one JSON object a line.
pub const EVENTS: &str = "/v1/events";
/// `PUT`: the crew's commit as a git bundle.
pub const RESULT_BUNDLE: &str = "/v1/result.bundle";
/// `POST`: how the crew ended.
pub const RESULT: &str = "/v1/result";

/// What a remote crew is asked to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkOrder {
    /// The voyage.
    pub voyage: String,
    /// The order's id.
    pub order: String,
    /// The order's role (`builder`, …).
    pub role: String,
    /// Which attempt (1-based).
    pub attempt: u32,
    /// The commit the crew starts from (in the base bundle).
    pub base: String,
    /// The prompt.
    pub prompt: String,
    /// The order's own agent command, when it has one.
    pub command: Option<Vec<String>>,
    /// The crew's `MAESTRO_*` environment.
    pub env: Vec<(String, String)>,
    /// Seconds before the crew is stopped.
    pub timeout_secs: u64,
    /// The session a Claude crew starts.
    pub session_id: Option<String>,
    /// The workspace's `workspace.json`, for the hooks on the node.
    pub workspace_json: String,
    /// Seconds between the job's heartbeats; the coordinator gives up on a job silent for
    /// several of them.
    pub heartbeat_secs: u64,
}

/// What a job reports while its crew works.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum JobEvent {
    /// The job is alive (sent every `heartbeat_secs`).
    Heartbeat,
    /// The job started its crew on this node.
    Started {
        /// The node's name.
        node: String,
    },
    /// Turns, tokens and money so far.
    Progress {
        /// Turns so far.
        turns: u32,
        /// Input tokens so far.
        input_tokens: u64,
        /// Output tokens so far.
        output_tokens: u64,
        /// Money so far, when known.
        cost_usd: Option<f64>,
    },
    /// A line of the crew's event stream (already redacted on the node).
    Log {
        /// The line.
        line: String,
    },
    /// A privileged action the crew's hooks took on the node, for the coordinator's chain.
    Audit {
        /// Who acted, as the node's hook recorded it.
        actor: String,
        /// What was done (`hook.block`, …).
        action: String,
        /// What it was done to.
        subject: String,
        /// Details.
        details: serde_json::Map<String, serde_json::Value>,
    },
}

/// How a remote crew ended.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobResult {
    /// Whether the agent reported success.
    pub success: bool,
    /// Its exit code, when it exited.
    pub exit_code: Option<i32>,
    /// Stopped at its timeout.
    pub timed_out: bool,
    /// The last lines of its output.
    pub output_tail: String,
    /// Money spent, when reported.
    pub cost_usd: Option<f64>,
    /// Turns taken, when reported.
    pub turns: Option<u32>,
    /// Input and output tokens, when reported.
    #[serde(default)]
    pub tokens: Option<(u64, u64)>,
    /// Tool calls refused by permissions or the hooks, when reported.
    #[serde(default)]
    pub denials: Option<u32>,
    /// The agent's session.
    pub session_id: Option<String>,
    /// The crew's commit on top of the base, in the result bundle; `None` when it changed
    /// nothing.
    pub commit: Option<String>,
    /// Why the job could not run its crew at all (a work order it cannot run here, no git or
    /// sandbox on the node, …): the attempt failed, it was not lost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}
