//! maestro's composition library: a workspace discovered once, and every library value built
//! from it — the scanner, the audit chain and its signer, the licence in force, the agent, the
//! approved MCP servers — with the real adapters of maestro-core's ports (git worktrees, the
//! secret scanner, the audit log). The `maestro` binary parses flags, calls this library and
//! prints; another program can run voyages through it the same way.
//!
//! Running a voyage with real git, as `maestro run` does, without printing:
//!
//! ```no_run
//! use maestro_cli::{Workspace, crews};
//! use maestro_core::dispatch::{RunOptions, validate};
//!
//! # fn main() -> anyhow::Result<()> {
//! let ws = Workspace::discover()?;
//! let name = "health".parse()?;
//! let voyage = ws.store.voyage(&name)?;
//! let (allowed, licence) = crews::entitlements(&ws)?;
//! validate(name.as_str(), &ws.store.orders(&name)?, &allowed)?;
//! let dispatcher = crews::dispatcher(&ws, voyage, allowed, &licence, &RunOptions::default(), None)?;
//! let (_stop, stop) = tokio::sync::watch::channel(false);
//! let summary = tokio::runtime::Runtime::new()?.block_on(dispatcher.run(stop))?;
//! println!("{} merged", summary.merged.len());
//! # Ok(())
//! # }
//! ```

pub mod audit;
pub mod control;
pub mod crews;
pub mod discard;
pub mod executor;
pub mod hook;
pub mod licence;
pub mod mcp;
pub mod redaction;
/// Clients of distributed engines (Slurm) for remote executors.
pub mod remote;
pub mod transport;
pub mod wiring;
pub mod workspace;

pub use workspace::Workspace;
