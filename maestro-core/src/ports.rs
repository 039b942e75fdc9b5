//! Ports: the traits through which maestro-core reaches the outside world.
//!
//! maestro-core never talks to git, the audit log, the scanner or the licence directly; the
//! application (maestro-cli) implements these traits with the maestro-git, maestro-audit,
//! maestro-scan and maestro-licence crates, and tests implement them in memory.

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;

use crate::config::Severity;
use crate::name::OrderId;
use crate::role::Role;
use crate::voyage::Voyage;

/// The error type of port implementations: opaque to the core, shown to the user as is.
pub type PortError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Branches of the repository a workspace lives in.
pub trait Branches {
    /// Resolves a revision (`HEAD`, a branch, a commit id) to a commit id in hex.
    fn resolve_commit(&self, revision: &str) -> Result<String, PortError>;

    /// Creates branch `name` (e.g. `maestro/v1`) at `commit`; fails if it already exists.
    fn create_branch(&self, name: &str, commit: &str) -> Result<(), PortError>;

    /// Deletes branch `name` if it still points at `commit` (undoing [`Branches::create_branch`]).
    fn delete_branch(&self, name: &str, commit: &str) -> Result<(), PortError>;
}

/// A crew's isolated workspace: a worktree on its own branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrewWorktree {
    /// The worktree directory.
    pub path: PathBuf,
    /// Its branch.
    pub branch: String,
    /// The commit it started from (the voyage head at preparation).
    pub base: String,
}

/// A path changed by a crew, with line counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedFile {
    /// Path relative to the repository root, `/`-separated.
    pub path: String,
    /// Lines added.
    pub added: u64,
    /// Lines removed.
    pub removed: u64,
    /// Whether the change deletes the file.
    pub deleted: bool,
}

/// How a merge into the voyage branch ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeOutcome {
    /// The voyage branch now holds the work, at `head`.
    Merged {
        /// The voyage branch's new head.
        head: String,
    },
    /// The work was already in the voyage branch (e.g. merged before a crash).
    AlreadyMerged,
    /// The work conflicts with the voyage branch in these paths; nothing changed.
    Conflict {
        /// The conflicting paths.
        paths: Vec<String>,
    },
}

/// One piece of content a crew's change would add to the repository, shown to the guard of
/// [`Isolation::collect`] before anything is written.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    /// Path relative to the worktree root, `/`-separated.
    pub path: &'a str,
    /// The exact bytes that would be stored (for a symbolic link, its target).
    pub bytes: &'a [u8],
    /// The same path's content in the crew's base commit, when it exists there.
    pub base: Option<&'a [u8]>,
    /// The crew's own commit this content comes from (hex), or `None` for what it left
    /// uncommitted.
    pub commit: Option<&'a str>,
}

/// What the guard of [`Isolation::collect`] says of a [`Candidate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// It may be stored.
    Accept,
    /// It must not be stored: nothing of the change is written.
    Refuse,
}

/// How [`Isolation::collect`] ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Collected {
    /// The whole change is one new commit on top of the crew's base, which the crew's branch
    /// now points at.
    Committed {
        /// The commit (hex).
        commit: String,
        /// The paths it changes, relative to the repository root.
        changed: Vec<ChangedFile>,
    },
    /// The worktree holds nothing that differs from the base: there is nothing to merge.
    Unchanged,
    /// The guard refused some content: nothing was written, no ref points at a commit holding
    /// it, and the worktree's files are left as the crew left them.
    Refused,
}

/// Something [`Isolation::repair`] found a killed process had left, and what it did about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    /// What was repaired: a path relative to the repository root, or a branch.
    pub subject: String,
    /// What was wrong, e.g. `a half-created worktree (its .git is missing or empty)`.
    pub found: String,
    /// What was done, e.g. `removed the directory`.
    pub action: String,
}

/// Isolation of crews in worktrees, and merging their work.
pub trait Isolation: Send + Sync {
    /// Repairs what killed processes left of `voyage`'s worktrees (half-created or half-removed
    /// worktrees, administrative entries with missing files or a stale lock, stale lock files
    /// of its branches and worktrees), so the voyage's orders can have worktrees again and git
    /// works. The caller holds the voyage's run lock: no crew of the voyage works meanwhile.
    /// Worktrees of other voyages are left alone unless their directory is gone. Returns what
    /// was repaired, for the audit log. The default repairs nothing.
    fn repair(&self, voyage: &Voyage) -> Result<Vec<Repair>, PortError> {
        let _ = voyage;
        Ok(Vec::new())
    }

    /// A fresh worktree for `order` at the voyage head — the commit the voyage branch points at
    /// now, which becomes the worktree's `base` — replacing any earlier one of that order (its
    /// branch is reset to the head). `spare`, a worktree whose work is merged, is handed on
    /// when given: turned into that worktree, rewriting only the files that differ, since a
    /// large repository's checkout is most of a crew's overhead; an implementation that cannot
    /// reuse it releases it and makes a new one.
    fn prepare(
        &self,
        voyage: &Voyage,
        order: &OrderId,
        spare: Option<CrewWorktree>,
    ) -> Result<CrewWorktree, PortError>;

    /// Collects the crew's change — its own commits since `worktree.base` and everything it
    /// left uncommitted — showing every blob it would store to `guard` **before** writing
    /// anything. When every candidate is accepted, the change becomes one commit by `author`
    /// (`maestro <role>`) whose only parent is the base (the crew's own commits are replaced by
    /// it, their content kept); the bytes stored are exactly the bytes the guard saw.
    fn collect(
        &self,
        worktree: &CrewWorktree,
        author: &str,
        message: &str,
        guard: &mut dyn FnMut(&Candidate<'_>) -> Verdict,
    ) -> Result<Collected, PortError>;

    /// Whether the voyage branch already holds `change`, a commit [`Isolation::collect`] made
    /// (merged before a crash, say).
    fn holds_change(&self, voyage: &Voyage, change: &str) -> Result<bool, PortError>;

    /// Brings `change` (a commit [`Isolation::collect`] made on its base) into the voyage
    /// branch as one commit — a squash: no commit of the crew enters the voyage history —
    /// without checking anything out, with a compare-and-swap update of the branch.
    fn merge(
        &self,
        voyage: &Voyage,
        change: &str,
        message: &str,
    ) -> Result<MergeOutcome, PortError>;

    /// Removes a crew's worktree once its work is merged.
    fn release(&self, worktree: &CrewWorktree) -> Result<(), PortError>;

    /// The worktree `order`'s interrupted crew was working in, made from `base`, if it is still
    /// there as that crew left it (registered, on the order's branch), so the crew resumes in
    /// it. The default finds none: the crew starts over in a fresh worktree.
    fn reopen(
        &self,
        voyage: &Voyage,
        order: &OrderId,
        base: &str,
    ) -> Result<Option<CrewWorktree>, PortError> {
        let _ = (voyage, order, base);
        Ok(None)
    }

    /// The worktree an earlier run left for `order`, whose work is merged (a dispatcher that
    /// was killed leaves its spare worktrees behind), so this run reuses or releases it. The
    /// default finds none.
    fn adopt(&self, voyage: &Voyage, order: &OrderId) -> Result<Option<CrewWorktree>, PortError> {
        let _ = (voyage, order);
        Ok(None)
    }
}

/// Which rules a scan runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanKinds {
    /// Secret rules only (the pre-tool hook).
    Secrets,
    /// Insecure-code rules only (the post-tool hook).
    Code,
    /// Both (a crew's change at collection).
    All,
}

/// What a scan finds in one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanFinding {
    /// The rule that matched.
    pub rule_id: String,
    /// Whether it is a secret (else an insecure-code finding).
    pub secret: bool,
    /// Whether the rule is confident enough to block (secrets).
    pub high_confidence: bool,
    /// Severity of a code finding.
    pub severity: Option<Severity>,
    /// CWE id of a code finding.
    pub cwe: Option<u32>,
    /// File, relative to the worktree.
    pub path: String,
    /// 1-based line.
    pub line: u64,
    /// The match, redacted (never the secret itself).
    pub redacted: String,
    /// A stable fingerprint of rule, path and match (hex), never the match itself.
    pub fingerprint: String,
    /// A one-line description and fix hint.
    pub message: String,
    /// The line carries an inline `maestro:allow` that did not count: it does not exist in the
    /// voyage base (a crew cannot allow its own findings).
    pub inline_allow_refused: bool,
}

/// A finding a suppression took out, with the suppression that did it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppressed {
    /// The finding.
    pub finding: ScanFinding,
    /// Which suppression: e.g. `scan.allow rule id`, `inline allow on a base line`.
    pub by: String,
}

/// One text to scan.
#[derive(Debug, Clone, Copy)]
pub struct ScanRequest<'a> {
    /// Which rules run.
    pub kinds: ScanKinds,
    /// The file the text is (selects the code rules, reported in findings), if any.
    pub path: Option<&'a str>,
    /// The text, as bytes: binary, UTF-16 and non-UTF-8 content is decoded or searched by the
    /// scanner, never skipped.
    pub text: &'a [u8],
    /// The same file in the voyage base: an inline `maestro:allow` counts only on a line that
    /// exists there. `None`: no inline allow counts.
    pub base: Option<&'a [u8]>,
}

/// What a scan of one text found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScanOutcome {
    /// The findings that stand.
    pub findings: Vec<ScanFinding>,
    /// The findings a suppression took out (each is recorded: suppressions are never silent).
    pub suppressed: Vec<Suppressed>,
    /// Why the text could not be scanned (too large), if it could not: callers refuse it.
    pub unscanned: Option<String>,
}

/// The scanner.
pub trait Scanner: Send + Sync {
    /// Scans one text; suppressions from the workspace configuration are applied by the
    /// implementation, and listed.
    fn scan(&self, request: &ScanRequest<'_>) -> ScanOutcome;

    /// `text` with every secret replaced by a marker, or `None` when it holds none. Crew output
    /// and everything maestro stores go through this ([`crate::process::Redactor`]).
    fn redact(&self, text: &str) -> Option<String>;
}

/// Files of the voyage base a crew started from, for the hooks (inline allows count only on
/// lines that exist there).
pub trait BaseFiles {
    /// The content of `path` (relative to the repository root) in the base, if it exists.
    fn base_file(&self, path: &str) -> Result<Option<Vec<u8>>, PortError>;
}

/// A privileged action, for the audit log. `details` never holds a secret.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEvent {
    /// Who acted, e.g. `dispatcher`.
    pub actor: String,
    /// What happened, e.g. `order.dispatch`.
    pub action: String,
    /// What it happened to, e.g. `v1/health`.
    pub subject: String,
    /// Structured details (a JSON object; integers, strings, booleans, lists, objects).
    pub details: serde_json::Map<String, serde_json::Value>,
}

/// The audit log.
pub trait AuditSink: Send + Sync {
    /// Appends `event`; an error stops the dispatcher (actions must not go unrecorded).
    fn record(&self, event: AuditEvent) -> Result<(), PortError>;

    /// Whether the log already holds an entry `action` on `subject` whose details have `key`
    /// equal to the string `value`. Recovery asks it so that an action a killed dispatcher
    /// recorded just before it died is not recorded twice, nor one it had no time to record
    /// left out.
    fn recorded(
        &self,
        action: &str,
        subject: &str,
        key: &str,
        value: &str,
    ) -> Result<bool, PortError>;
}

/// What the licence in force allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entitlements {
    /// The tier's name, e.g. `community`.
    pub tier: String,
    /// The most crews that may run at once.
    pub max_crews: u32,
    /// The roles a crew may have.
    pub roles: Vec<Role>,
}

impl Entitlements {
    /// Whether a crew may have `role`.
    #[must_use]
    pub fn allows(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// What a crew is asked to do, and where.
#[derive(Debug, Clone)]
pub struct CrewRequest {
    /// The voyage.
    pub voyage: String,
    /// The order's id.
    pub order: OrderId,
    /// The order's role.
    pub role: Role,
    /// Which attempt this is (1-based).
    pub attempt: u32,
    /// The worktree to work in.
    pub worktree: PathBuf,
    /// The full prompt: the order, its acceptance criteria, and feedback from earlier attempts.
    pub prompt: String,
    /// A per-order replacement of the agent: program and arguments.
    pub command: Option<Vec<String>>,
    /// Environment for the crew's process (`MAESTRO_*`).
    pub env: Vec<(String, String)>,
    /// Time before the crew is stopped.
    pub timeout: std::time::Duration,
    /// File to append the crew's event stream to (JSON lines).
    pub log: PathBuf,
    /// A session to resume (Claude crews), from an interrupted attempt; the crew is told its
    /// previous run was interrupted instead of being given the prompt again.
    pub resume_session: Option<String>,
    /// What a resumed crew is told instead of the prompt (why it is back); `None`: the
    /// agent's own note.
    pub resume_note: Option<String>,
    /// The id of a new session, chosen by the dispatcher so that it is saved before the crew
    /// starts (an agent that keeps sessions uses it; `None`: the agent picks one).
    pub session_id: Option<String>,
    /// Where the agent reports its progress while it works (turns, a limit it waits out).
    pub progress: Option<tokio::sync::mpsc::UnboundedSender<CrewProgress>>,
    /// Where the agent records its process id while it runs
    /// ([`crate::process::Supervised::pid_file`]).
    pub pid_file: Option<PathBuf>,
    /// Removes secrets from the crew's output before it is logged or kept.
    pub redact: Option<crate::process::Redactor>,
}

/// How a crew ended.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CrewOutcome {
    /// Whether the agent reported success.
    pub success: bool,
    /// The process's exit code, when it exited.
    pub exit_code: Option<i32>,
    /// Stopped because it ran past its timeout.
    pub timed_out: bool,
    /// Stopped because the dispatcher was asked to stop.
    pub interrupted: bool,
    /// The last lines of its output, for reports and feedback.
    pub output_tail: String,
    /// Money spent, when the agent reports it.
    pub cost_usd: Option<f64>,
    /// Turns taken, when the agent reports it.
    pub turns: Option<u32>,
    /// Tokens read and written, when the agent reports them.
    pub tokens: Option<Tokens>,
    /// Tool calls refused by permissions or maestro's hooks, when the agent reports them.
    pub denials: Option<u32>,
    /// The agent's session id, for resuming.
    pub session_id: Option<String>,
    /// The crew stopped because the API would not serve it (a rate or usage limit, an
    /// overloaded API): not a failure of its work, to be resumed when the limit passes.
    pub limited: Option<ApiLimit>,
    /// Why the executor lost the crew — its node failed, the engine cancelled, preempted or
    /// timed out its job, its control channel went silent: not a failure of its work; the
    /// attempt is run again (see [`Executor`]).
    pub lost: Option<String>,
}

/// The API would not serve a crew for now: a rate or usage limit, or an overloaded API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiLimit {
    /// When the limit resets, when the API said; `None`: it did not (the dispatcher picks a
    /// back-off).
    pub until: Option<jiff::Timestamp>,
    /// What the API said, in a few words, e.g. `usage limit (five_hour)`, `429 rate limit`.
    pub reason: String,
}

/// What a crew reports while it works ([`CrewRequest::progress`]).
#[derive(Debug, Clone, PartialEq)]
pub enum CrewProgress {
    /// Its totals so far in this run of the agent: turns and tokens, and money when the
    /// agent knows it before the end.
    Work {
        /// Turns (model answers) so far.
        turns: u32,
        /// Tokens so far.
        tokens: Tokens,
        /// Money spent so far, when known.
        cost_usd: Option<f64>,
    },
    /// The API refused a request; the agent sends it again by itself at `until`.
    Waiting(ApiLimit),
    /// Where the crew runs, when an [`Executor`] placed it elsewhere than on this machine
    /// (a job of a distributed engine, and the node once the engine picked one).
    Placed(Placement),
}

/// Where an attempt runs, as a remote [`Executor`] placed it: `status` shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Placement {
    /// The executor's kind, e.g. `slurm`.
    pub executor: String,
    /// The engine's id of the job (Slurm's job id).
    pub job: String,
    /// The node the job runs on, once the engine picked one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
}

/// Tokens a crew used.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Tokens {
    /// Input tokens, prompt-cache reads and writes included.
    pub input: u64,
    /// Output tokens.
    pub output: u64,
}

/// Where crews run: on this machine ([`crate::executor::LocalExecutor`]: the agent runs in the
/// worktree the dispatcher prepared), or as jobs of an existing distributed engine, whose job
/// works on a copy elsewhere and hands the crew's work back into the request's worktree before
/// the future ends. Either way what follows — scanning the change, gates, the merge, the
/// audit chain — is the dispatcher's, on this machine: a node is trusted no more than a crew.
pub trait Executor: Send + Sync {
    /// The executor's kind, for status, reports and the audit log: `local`, `slurm`.
    fn kind(&self) -> &'static str;

    /// Runs one attempt of a crew with `agent` to its end. When `stop` turns true the crew
    /// must be stopped promptly (its job cancelled) and reported as interrupted; a crew lost
    /// with its node, or a job the engine cancelled, preempted or timed out, is reported
    /// interrupted too, so that the dispatcher runs the attempt again. A remote executor
    /// reports where the crew runs as [`CrewProgress::Placed`].
    fn run(
        &self,
        agent: std::sync::Arc<dyn Agent>,
        request: CrewRequest,
        stop: tokio::sync::watch::Receiver<bool>,
    ) -> CrewFuture;

    /// Stops a crew this executor placed (`placement`) for a dispatcher that was killed, so
    /// that its order is never worked on twice at once: the engine's job is cancelled. Blocking.
    /// Default: nothing (a local crew is stopped through its pid file).
    fn abandon(&self, placement: &Placement) -> Result<(), PortError> {
        let _ = placement;
        Ok(())
    }
}

/// A future returned by [`Agent::run`].
pub type CrewFuture = Pin<Box<dyn Future<Output = Result<CrewOutcome, PortError>> + Send>>;

/// Something that runs a crew: the `command` agent, the `claude` agent, or a test double.
pub trait Agent: Send + Sync {
    /// Runs the crew to its end. When `stop` turns true the crew must be stopped promptly
    /// (SIGTERM, then SIGKILL after a grace period) and reported as interrupted.
    fn run(&self, request: CrewRequest, stop: tokio::sync::watch::Receiver<bool>) -> CrewFuture;

    /// Whether an interrupted crew of this agent can be resumed in its worktree
    /// ([`CrewRequest::resume_session`]). Default: no — an interrupted crew starts over.
    fn resumes(&self) -> bool {
        false
    }
}
