//! Running a voyage and what it shows: `run`, `status`, `report`, `release`, `worktree`.

use clap::{Args, Subcommand, ValueEnum};
use maestro_core::VoyageName;

/// `maestro run`.
///
/// Failed and blocked orders are left alone (`maestro order retry` puts them back); a run
/// that has nothing to dispatch says so: exit code 0 when every order is merged, 1 when some
/// are failed, blocked or only proposed, 2 for a voyage without orders.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The voyage.
    pub voyage: VoyageName,
    /// Run at most N crews at once (the configuration and the licence may allow fewer).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_crews: Option<u32>,
    /// Print what the run would do without running anything: the waves of orders it would
    /// dispatch, and the orders it would leave alone, with why.
    #[arg(long)]
    pub dry_run: bool,
}

/// `maestro status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The voyage (default: every voyage).
    pub voyage: Option<VoyageName>,
    /// Keep showing the status, refreshed every second, until every order is settled (with
    /// --json: one JSON document each time it changes).
    #[arg(long)]
    pub watch: bool,
}

/// `maestro report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The voyage.
    pub voyage: VoyageName,
    /// Output format (the global --json means json).
    #[arg(long, value_enum, default_value = "md")]
    pub format: ReportFormat,
}

/// Formats of `maestro report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown.
    Md,
    /// JSON.
    Json,
}

/// `maestro release`.
#[derive(Debug, Args)]
pub struct ReleaseArgs {
    /// The voyage.
    pub voyage: VoyageName,
    /// Open the pull request as a draft.
    #[arg(long)]
    pub draft: bool,
    /// The branch the pull request targets (default: the voyage's base branch, else the
    /// branch checked out in the repository).
    #[arg(long, value_name = "BRANCH")]
    pub base: Option<String>,
}

/// `maestro worktree …`.
#[derive(Debug, Subcommand)]
pub enum WorktreeCommand {
    /// List crew worktrees with their state.
    List,
    /// Remove crew worktrees that are clean and merged (and git's stale entries).
    ///
    /// A voyage that a `maestro run` is dispatching is never touched, not even with --force:
    /// prune takes each voyage's run lock (the one `maestro run` holds) and keeps it until it
    /// ends; a voyage whose lock is held is skipped with a note naming it (exit code 0), and
    /// git's stale worktree entries are then left alone too. Run prune again once the run ends.
    Prune {
        /// Only say what would be removed.
        #[arg(long)]
        dry_run: bool,
        /// Also remove dirty or unmerged worktrees (their branches are kept); never those of a
        /// voyage being run.
        #[arg(long)]
        force: bool,
    },
}
