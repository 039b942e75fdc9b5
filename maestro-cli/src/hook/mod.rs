//! Claude Code's hooks for maestro's crews, as processes: a call answered whole ([`answer`]),
//! and the way it is answered fast — a hook service per run ([`server`]) that keeps the
//! scanners between calls (`kept`) and a small client Claude Code starts on every tool call
//! ([`client`], the `maestro-hook` program), speaking [`wire`] over a Unix socket. Without a
//! service the client runs `maestro hook`, which answers the same way in its own process.

mod answer;
pub mod client;
mod kept;
pub mod server;
pub mod wire;

pub use answer::{Answer, BuiltPerCall, Event, HookEnv, Scanners, answer, read_stdin};
