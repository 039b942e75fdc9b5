//! Agents: what runs a crew. The `command` agent runs any program; the `claude` agent runs
//! Claude Code.

mod command;

pub use command::CommandAgent;
