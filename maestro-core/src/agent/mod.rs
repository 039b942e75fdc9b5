//! Agents: what runs a crew. The `command` agent runs any program; the `claude` agent runs
//! Claude Code.

pub mod claude;
mod command;
pub mod profile;
pub mod stream;

pub use claude::{ClaudeAgent, ClaudeOptions, new_session_id};
pub use command::CommandAgent;
