//! The command-line grammar.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};
use maestro_core::{OrderId, Role, VoyageName};

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
    Doctor,
    /// Run a complete voyage of scripted crews in a temporary repository: no network, no key.
    Demo {
        /// Keep the demo repository in DIR (which must not exist) instead of a temporary one.
        #[arg(long, value_name = "DIR")]
        keep: Option<PathBuf>,
    },
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

/// `maestro mcp …`.
#[derive(Debug, Subcommand)]
pub enum McpCommand {
    /// List the MCP servers of .mcp.json and workspace.json with their classification.
    List,
    /// Let crews use a server (this exact definition).
    Approve {
        /// The server's name.
        name: String,
    },
    /// Never let crews use a server (this exact definition).
    Block {
        /// The server's name.
        name: String,
    },
}

/// `maestro scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or directories (default: the current directory).
    pub paths: Vec<PathBuf>,
    /// Scan the lines added in the git index instead (for a pre-commit hook).
    #[arg(long, conflicts_with = "paths")]
    pub staged: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ScanFormat,
    /// Which rules.
    #[arg(long, value_enum, default_value = "all")]
    pub rules: ScanRules,
}

/// Formats of `maestro scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScanFormat {
    /// `path:line:col: rule [severity/confidence] description (redacted)`.
    Text,
    /// The JSON of the specification.
    Json,
    /// SARIF 2.1.0.
    Sarif,
}

/// Rule kinds of `maestro scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScanRules {
    /// Credentials only.
    Secrets,
    /// Insecure code only.
    Code,
    /// Both.
    All,
}

/// `maestro hook …`.
#[derive(Debug, Subcommand)]
pub enum HookCommand {
    /// Claude Code's pre-tool hook: block secrets and writes outside the crew's worktree (exit 2).
    PreToolUse,
    /// Claude Code's post-tool hook: feed insecure-code findings back to the crew (a block at
    /// or above scan.blockSeverity, added context below it).
    PostToolUse,
    /// Install a git pre-commit hook that runs `maestro scan --staged`.
    InstallGit {
        /// Replace an existing pre-commit hook.
        #[arg(long)]
        force: bool,
    },
}

/// `maestro audit …`.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Verify the chain and its checkpoint; exit 1 naming the first bad entry.
    ///
    /// Every entry must hash to its `hash` and link to the previous one, and the checkpoint
    /// `.mso/audit.head` must name an entry of the log with the same hash (entries after it are
    /// accepted: a crash can make it lag). That catches a modified, deleted, inserted or
    /// reordered entry and a truncated tail; a full rewrite of the log with every hash
    /// recomputed is caught by the checkpoint's signature.
    ///
    /// The key: this repository's own key in the user's configuration directory
    /// ($XDG_CONFIG_HOME/maestro/audit-keys/, else ~/.config/maestro/audit-keys/), created by
    /// `maestro init`, whenever that file exists, whatever .mso/workspace.json says, so that
    /// whoever can edit .mso/ cannot switch signing off; else audit.keyFile or audit.keyEnv.
    /// With a key, a checkpoint that is missing, unsigned, signed with another key or by
    /// another algorithm fails (exit 1), as does a missing log, and so does an audit.keyFile or
    /// audit.keyEnv naming another key than the repository's own (delete that file to use
    /// another key). Without any key, checkpoints are unsigned and a rewrite that also
    /// rewrites the checkpoint is not detectable (the output says so).
    ///
    /// A maestro process that holds the key signs a new checkpoint only after one it signed
    /// itself, on an entry the log still holds: a rewrite stays reported by later commands
    /// instead of being signed over; only `maestro init` (when it makes the key) and --repair
    /// sign over another checkpoint. Every signed checkpoint is also copied beside the key
    /// (`<key>.witness`, out of crews' reach); the log must still hold the entry that copy
    /// names, so an earlier signed audit.head put back over a rewrite of the entries after it
    /// fails too, and no later append signs over it.
    Verify {
        /// Move a torn last line (left by a crash) to a side file; rewrite a checkpoint left
        /// unreadable by a crash from the last verified entry; or, when the checkpoint is
        /// unsigned or signed with another key (a key configured or changed after the entries
        /// were written), sign the log as it is now with the key. The last two vouch for the
        /// log as it is, a rewrite included: check it first. Then verify again.
        #[arg(long)]
        repair: bool,
    },
    /// Print entries (with --json: one object per line, as stored).
    Show {
        /// Only the last N entries.
        #[arg(long, value_name = "N")]
        tail: Option<usize>,
    },
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

/// `maestro licence …`.
#[derive(Debug, Subcommand)]
pub enum LicenceCommand {
    /// Show the tier in force, its entitlements, the last validation and the grace left.
    Status,
    /// Install a licence token (the token itself, or a file holding it) in workspace.json.
    Activate {
        /// The token, or the path of a file holding it.
        #[arg(value_name = "TOKEN|FILE")]
        token: String,
    },
    /// Validate the licence with its endpoint now.
    Refresh,
    /// Write a new issuer key pair: DIR/issuer.key (private, mode 0600) and DIR/issuer.pub.
    Keygen {
        /// Directory for the key files (keep it outside the repository).
        dir: PathBuf,
    },
    /// Print a licence token signed with an issuer key (self-hosted issuers).
    Issue(IssueArgs),
    /// Trust a self-hosted issuer's public key (the key, or its issuer.pub file): adds it to
    /// licence.publicKeys in workspace.json.
    Trust {
        /// The public key, or the path of a file holding it (issuer.pub).
        #[arg(value_name = "KEY|FILE")]
        key: String,
    },
}

/// `maestro licence issue`.
#[derive(Debug, Args)]
pub struct IssueArgs {
    /// The issuer's private key file (from `maestro licence keygen`).
    #[arg(long, value_name = "F")]
    pub signing_key: PathBuf,
    /// The tier granted.
    #[arg(long, value_name = "T")]
    pub tier: maestro_licence::Tier,
    /// Who holds the licence.
    #[arg(long, value_name = "N")]
    pub licensee: String,
    /// Days until the licence expires.
    #[arg(long, value_name = "D", value_parser = clap::value_parser!(u32).range(1..=36_600))]
    pub days: u32,
    /// Validation endpoint signed into the token (none: an offline token).
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    /// Licence id (default: a random one).
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
}

/// `maestro init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Replace an existing workspace.json that differs from the defaults (or is invalid).
    #[arg(long)]
    pub force: bool,
}

/// `maestro schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which schema to print.
    pub which: SchemaKind,
}

/// The schemas maestro can print.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SchemaKind {
    /// .mso/workspace.json
    Workspace,
    /// Orders files for `maestro voyage import`.
    Orders,
}

/// `maestro voyage …`.
#[derive(Debug, Subcommand)]
pub enum VoyageCommand {
    /// Create a voyage and its branch maestro/NAME.
    New {
        /// Name of the voyage: lowercase letters, digits and '-'.
        name: VoyageName,
        /// Revision the voyage branch starts from.
        #[arg(long, value_name = "REF", default_value = "HEAD")]
        base: String,
        /// One-line description (default: the name).
        #[arg(long, value_name = "T")]
        title: Option<String>,
    },
    /// Add orders from a TOML or JSON orders file.
    ///
    /// With --replace, an order whose id the voyage has already replaces it: its spec becomes
    /// the file's and it goes back to pending with a fresh attempt budget (blocked orders that
    /// nothing blocks any more go back to pending too). Only proposed, pending, failed or
    /// blocked orders can be replaced, never a merged one; an order the file repeats
    /// unchanged is left as it is. All or nothing: a refusal names every order at fault and
    /// changes nothing.
    Import {
        /// The voyage.
        name: VoyageName,
        /// The orders file (.toml or .json).
        file: PathBuf,
        /// Replace the orders of the same id (see above) instead of refusing them.
        #[arg(long)]
        replace: bool,
    },
    /// List voyages.
    List,
    /// Show one voyage with its orders.
    Show {
        /// The voyage.
        name: VoyageName,
    },
    /// Delete a voyage that no `maestro run` holds: its crew worktrees (with whatever they
    /// hold), its crew branches maestro-crew/NAME/*, and its orders, reports and logs in .mso/.
    ///
    /// The voyage branch maestro/NAME, which holds the merged work, is kept unless --branch is
    /// given; no other branch is ever touched, and the audit log keeps its entries.
    Remove {
        /// The voyage.
        name: VoyageName,
        /// Also delete the voyage branch maestro/NAME.
        #[arg(long)]
        branch: bool,
    },
}

/// `maestro order …`.
#[derive(Debug, Subcommand)]
pub enum OrderCommand {
    /// Add one order to a voyage.
    Add(OrderAddArgs),
    /// List the orders of a voyage.
    List {
        /// The voyage.
        voyage: VoyageName,
    },
    /// Put failed, blocked or conflict orders back to pending with a fresh attempt budget.
    ///
    /// Their failure and conflict counts start again from zero (the attempts already made stay
    /// in the report); a failed order's last gate output is kept for its next crew. Blocked
    /// orders that nothing blocks any more go back to pending with them: retrying an order
    /// releases the orders it blocked. An order that would be blocked again at once (a
    /// dependency of it stays failed) is refused, naming it. Then `maestro run` dispatches
    /// them. Refused while a `maestro run` holds the voyage.
    Retry(OrderRetryArgs),
    /// Change a proposed, pending, failed or blocked order (never a merged or running one).
    ///
    /// A list option replaces the whole list (--accept replaces every acceptance check).
    /// The dependency graph is checked with the change (a cycle is refused, naming it); the
    /// order keeps its state (`maestro order retry` puts a failed one back).
    Edit(OrderEditArgs),
    /// Remove an order that is not merged, whose crew is not at work, and that no other order
    /// depends on; its crew worktree and branch, report and logs go with it.
    Remove {
        /// The voyage.
        voyage: VoyageName,
        /// The order.
        order: OrderId,
    },
}

/// `maestro order retry`.
#[derive(Debug, Args)]
pub struct OrderRetryArgs {
    /// The voyage.
    pub voyage: VoyageName,
    /// The orders to retry.
    #[arg(value_name = "ORDER", required_unless_present = "failed")]
    pub orders: Vec<OrderId>,
    /// Retry every failed order of the voyage (and so release the orders they blocked).
    #[arg(long)]
    pub failed: bool,
}

/// `maestro order edit`.
#[derive(Debug, Args)]
#[command(group(
    ArgGroup::new("change")
        .required(true)
        .multiple(true)
        .args(["title", "prompt", "role", "depends_on", "no_depends_on", "accept", "no_accept", "scope", "no_scope"])
))]
pub struct OrderEditArgs {
    /// The voyage.
    pub voyage: VoyageName,
    /// The order.
    pub order: OrderId,
    /// A new one-line summary.
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// A new prompt.
    #[arg(long, value_name = "P")]
    pub prompt: Option<String>,
    /// A new role.
    #[arg(long, value_name = "R", value_parser = parse_role)]
    pub role: Option<Role>,
    /// The orders that must be merged first, replacing the old list (repeatable).
    #[arg(long = "depends-on", value_name = "ID")]
    pub depends_on: Vec<OrderId>,
    /// Depend on no order.
    #[arg(long, conflicts_with = "depends_on")]
    pub no_depends_on: bool,
    /// A shell command that must exit 0 in the worktree, replacing every acceptance check
    /// (repeatable).
    #[arg(long = "accept", value_name = "CMD")]
    pub accept: Vec<String>,
    /// Drop every acceptance check.
    #[arg(long, conflicts_with = "accept")]
    pub no_accept: bool,
    /// A glob of the paths the crew may change, replacing the old ones (repeatable).
    #[arg(long = "scope", value_name = "GLOB")]
    pub scope: Vec<String>,
    /// Let the crew change any path.
    #[arg(long, conflicts_with = "scope")]
    pub no_scope: bool,
}

/// `maestro order add`.
#[derive(Debug, Args)]
pub struct OrderAddArgs {
    /// The voyage.
    pub voyage: VoyageName,
    /// Order id, unique in the voyage: lowercase letters, digits and '-'.
    #[arg(long)]
    pub id: OrderId,
    /// One-line summary.
    #[arg(long, value_name = "T")]
    pub title: String,
    /// The crew's role.
    #[arg(long, value_name = "R", value_parser = parse_role)]
    pub role: Role,
    /// What the crew is asked to do.
    #[arg(long, value_name = "P", default_value = "")]
    pub prompt: String,
    /// An order that must be merged first (repeatable).
    #[arg(long = "depends-on", value_name = "ID")]
    pub depends_on: Vec<OrderId>,
    /// A shell command that must exit 0 in the worktree (repeatable).
    #[arg(long = "accept", value_name = "CMD")]
    pub accept: Vec<String>,
    /// A glob of the paths the crew may change (repeatable).
    #[arg(long = "scope", value_name = "GLOB")]
    pub scope: Vec<String>,
}

fn parse_role(value: &str) -> Result<Role, String> {
    value
        .parse()
        .map_err(|e: maestro_core::role::UnknownRole| e.to_string())
}

/// `maestro plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The voyage.
    pub voyage: VoyageName,
    /// What the voyage should achieve.
    #[arg(required_unless_present = "approve", conflicts_with = "approve")]
    pub goal: Option<String>,
    /// Turn the proposed orders into pending ones.
    #[arg(long)]
    pub approve: bool,
}

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
