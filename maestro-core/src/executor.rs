//! Executors the core provides: [`LocalExecutor`], which runs crews on this machine.
//!
//! Remote executors (a Slurm job per attempt) live with the composition layer, which has the
//! network and the engine's interfaces; they implement the same [`Executor`] port.

use std::sync::Arc;

use tokio::sync::watch;

use crate::ports::{Agent, CrewFuture, CrewRequest, Executor};

/// Runs each crew here, in the worktree the dispatcher prepared, as the agent's own process.
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalExecutor;

impl Executor for LocalExecutor {
    fn kind(&self) -> &'static str {
        "local"
    }

    fn run(
        &self,
        agent: Arc<dyn Agent>,
        request: CrewRequest,
        stop: watch::Receiver<bool>,
    ) -> CrewFuture {
        agent.run(request, stop)
    }
}
