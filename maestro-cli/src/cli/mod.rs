//! The command-line grammar: the top-level flags and commands here, each command group's
//! arguments in its own module.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

mod governance;
mod runs;
mod voyages;
mod workspace;

pub use governance::*;
pub use runs::*;
pub use voyages::*;
pub use workspace::*;

/// Run several Claude Code crews on one git repository, each in its own worktree, sequenced by
/// dependencies and acceptance gates, with secret scanning, an audit log and egress control.
#[derive(Debug, Parser)]
#[command(name = "maestro", version, max_term_width = 100)]
pub struct Cli {
    /// Run as if maestro was started in DIR.
    #[arg(short = 'C', value_name = "DIR", global = true)]
    pub directory: Option<PathBuf>,

    /// Print machine-readable JSON where a command prints data.
    #[arg(long, global = true)]
    pub json: bool,

    /// Print only data and errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Print diagnostics on stderr (-v info, -vv debug, -vvv trace).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    #[command(subcommand)]
    pub command: Command,
}

/// maestro's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create .mso/ with the default workspace.json in the repository root.
    Init(InitArgs),
    /// Print the JSON Schema (draft 2020-12) of workspace.json or of orders files.
    Schema(SchemaArgs),
    /// Create, import, list, show and remove voyages.
    #[command(subcommand)]
    Voyage(VoyageCommand),
    /// Add, list, retry, edit and remove orders.
    #[command(subcommand)]
    Order(OrderCommand),
    /// Ask a read-only Planner crew to break a goal into orders (saved as proposed), or approve them.
    Plan(PlanArgs),
    /// Dispatch a voyage: crews in worktrees, gates, merges; resumable, Ctrl-C stops cleanly.
    Run(RunArgs),
    /// Show orders with their state, role, attempts, cost and duration, and the dependency graph.
    Status(StatusArgs),
    /// List crew worktrees, or remove the ones whose work is merged.
    #[command(subcommand)]
    Worktree(WorktreeCommand),
    /// The voyage report (also the pull request's body).
    Report(ReportArgs),
    /// MCP servers: their classification, and approving or blocking them for crews.
    #[command(subcommand)]
    Mcp(McpCommand),
    /// Scan files, directories (honouring .gitignore) or the staged change for secrets and
    /// insecure code; exit 1 on findings.
    Scan(ScanArgs),
    /// Claude Code hook entry points, and the git pre-commit hook.
    #[command(subcommand)]
    Hook(HookCommand),
    /// Push the voyage branch and open its pull request through the GitHub REST API.
    Release(ReleaseArgs),
    /// Verify or show the hash-chained audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Show and manage the licence: tier, entitlements, validation, self-hosted issuers.
    #[command(subcommand)]
    Licence(LicenceCommand),
    /// Check git, the agent, the API key variable, the configuration, the egress policy, the
    /// sandbox and the licence.
    ///
    /// A command agent's program (agent.kind "command") is only looked up on PATH, never run.
    /// With a Slurm executor (crews.executor), the cluster is asked for its usable nodes.
    Doctor {
        /// Also send one job through the executor and back: a no-op crew run by `maestro
        /// crew-exec` on a node, reaching this machine's control channel (Slurm: one job).
        #[arg(long)]
        executor: bool,
    },
    /// Run one remote crew's attempt on this node (what an executor's job runs): fetch the
    /// work over the coordinator's control channel, run the crew, send back its commit.
    ///
    /// The attempt's token is read from the first line of standard input, so that it is in
    /// neither the command line nor the environment the crew inherits.
    CrewExec {
        /// The coordinator's control channel (`https://host:port`).
        #[arg(long, value_name = "URL")]
        channel: String,
        /// The channel's certificate (PEM): the only one trusted.
        #[arg(long, value_name = "FILE")]
        certificate: PathBuf,
        /// The node's name as reported to the coordinator. Default: `SLURMD_NODENAME`, else
        /// the host name.
        #[arg(long)]
        node: Option<String>,
    },
    /// Run a complete voyage of scripted crews in a temporary repository: no network, no key.
    Demo {
        /// Keep the demo repository in DIR (which must not exist) instead of a temporary one.
        #[arg(long, value_name = "DIR")]
        keep: Option<PathBuf>,
    },
}
