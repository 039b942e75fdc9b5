//! Governance: `scan`, `hook`, `audit`, `mcp`, `licence`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

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
    /// The hook service of a run (started by the run; not for people): answers crews' hook
    /// calls on a Unix socket until stdin closes.
    #[command(hide = true)]
    Serve {
        /// The socket to listen on (its directory must exist, open to its owner only).
        #[arg(long)]
        socket: std::path::PathBuf,
    },
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
