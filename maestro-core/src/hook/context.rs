//! Who a hook runs for, by which rules, through which ports, and what it answers.

use std::path::PathBuf;

use super::path::PathPolicy;
use crate::config::Severity;
use crate::name::{OrderId, VoyageName};
use crate::ports::{AuditSink, BaseFiles, Scanner};
use crate::store::Store;

/// Who a hook runs for, and by which rules.
#[derive(Debug, Clone)]
pub struct HookContext {
    /// The session's working directory (paths in the call are relative to it).
    pub cwd: PathBuf,
    /// Where the crew may write and what it may not read.
    pub policy: PathPolicy,
    /// The crew's voyage and order, when the dispatcher started it.
    pub crew: Option<(VoyageName, OrderId)>,
    /// `scan.blockSecrets`.
    pub block_secrets: bool,
    /// `scan.blockSeverity`.
    pub block_severity: Severity,
    /// `scan.maxFileSize`: larger files on disk are not read (a write's own text is limited
    /// by the scanner, which refuses it).
    pub max_file_size: u64,
}

/// The ports a hook decides through.
pub struct HookPorts<'a> {
    /// The scanner, with the workspace's suppressions.
    pub scanner: &'a dyn Scanner,
    /// The audit log.
    pub audit: &'a dyn AuditSink,
    /// The voyage base the crew started from.
    pub base: &'a dyn BaseFiles,
    /// The state store, to add to the order's report (`None` outside a workspace).
    pub store: Option<&'a Store>,
}

impl std::fmt::Debug for HookPorts<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HookPorts").finish_non_exhaustive()
    }
}

/// The pre-tool hook's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The call goes ahead.
    Allow,
    /// The call is refused, for this one-line reason (shown to the crew).
    Block(String),
}

/// What the post-tool hook tells the crew.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Feedback {
    /// Nothing.
    Silent,
    /// Findings below `scan.blockSeverity`: added to the crew's context.
    Advise(String),
    /// Findings at or above it: fed back as a block the crew must answer.
    Block(String),
}

impl HookContext {
    pub(super) fn subject(&self, fallback: &str) -> String {
        self.crew
            .as_ref()
            .map_or_else(|| fallback.to_owned(), |(v, o)| format!("{v}/{o}"))
    }

    pub(super) fn actor(&self) -> String {
        self.crew
            .as_ref()
            .map_or_else(|| "hook".to_owned(), |(v, o)| format!("hook:{v}/{o}"))
    }
}
