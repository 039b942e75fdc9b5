//! The dispatcher's ports, implemented with maestro-git, maestro-scan and maestro-audit.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context as _;
use maestro_core::config::Severity as ConfigSeverity;
use maestro_core::ports::{
    AuditEvent, AuditSink, BaseFiles, Candidate, ChangedFile, Collected, CrewWorktree, Isolation,
    MergeOutcome, PortError, Repair, ScanFinding, ScanKinds, ScanOutcome, ScanRequest, Scanner,
    Suppressed, Verdict,
};
use maestro_core::{OrderId, Voyage, WorkspaceConfig};
use maestro_git::Repo;
use maestro_git::diff::ChangeKind;
use maestro_git::merge::{MergeOptions, MergeOutcome as GitMerge};
use maestro_git::worktree::{RemoveError, RemoveOptions, RepairOptions};
use maestro_git::{Identity, ObjectId};

/// Deletes crew branch `branch` when the voyage branch holds its tip (nothing is lost: the
/// merge keeps the commits); an unmerged branch is kept.
fn delete_if_merged(repo: &Repo, branch: &str, voyage_branch: &str) -> Result<(), PortError> {
    if let Some(tip) = repo.branch_commit(branch)?
        && repo.voyage_holds_change(voyage_branch, tip)?
    {
        repo.delete_branch(branch, tip)?;
    }
    Ok(())
}

/// `path` relative to the repository root `root` when it is inside it.
fn shown(root: &Path, path: &Path) -> String {
    let real = std::fs::canonicalize(root).ok();
    [Some(root), real.as_deref()]
        .into_iter()
        .flatten()
        .find_map(|root| path.strip_prefix(root).ok())
        .unwrap_or(path)
        .display()
        .to_string()
}

pub(crate) fn object_id(hex: &str) -> Result<ObjectId, PortError> {
    ObjectId::from_hex(hex.as_bytes())
        .map_err(|e| format!("`{hex}` is not a commit id: {e}").into())
}

/// Crew worktrees and merges with gix. The repository is opened per call: calls come from
/// several threads and opening is cheap.
#[derive(Debug)]
pub struct GitIsolation {
    root: PathBuf,
    worktrees: PathBuf,
}

impl GitIsolation {
    /// Worktrees go under `root/<worktrees.dir>`.
    pub fn new(root: &Path, config: &WorkspaceConfig) -> GitIsolation {
        GitIsolation {
            root: root.to_owned(),
            worktrees: root.join(&config.worktrees.dir),
        }
    }

    fn repo(&self) -> Result<Repo, PortError> {
        Ok(Repo::discover(&self.root)?)
    }

    /// Where `order`'s worktree lives: `<worktrees.dir>/<voyage>/<order>`.
    fn order_path(&self, voyage: &Voyage, order: &OrderId) -> PathBuf {
        self.worktrees
            .join(voyage.name.as_str())
            .join(order.as_str())
    }

    /// An earlier attempt's worktree and branch of `order` make way for a fresh start.
    fn clear_for(&self, repo: &Repo, voyage: &Voyage, order: &OrderId) -> Result<(), PortError> {
        let path = self.order_path(voyage, order);
        let branch = maestro_git::branch::crew_branch(voyage.name.as_str(), order.as_str());
        if path.exists() {
            match repo.remove_worktree(
                &path,
                &voyage.branch,
                RemoveOptions {
                    force: true,
                    delete_branch: true,
                },
            ) {
                // A directory git does not know (what an add killed before registering it
                // leaves; the run's repair normally took it already) holds nothing of git's.
                Err(RemoveError::NotFound { .. }) => std::fs::remove_dir_all(&path)
                    .map_err(|e| format!("cannot remove {}: {e}", path.display()))?,
                other => drop(other?),
            }
        }
        if let Some(old) = repo.branch_commit(&branch)? {
            repo.delete_branch(&branch, old)?;
        }
        repo.prune_worktrees()?;
        Ok(())
    }
}

impl Isolation for GitIsolation {
    fn repair(&self, voyage: &Voyage) -> Result<Vec<Repair>, PortError> {
        let repo = self.repo()?;
        let repairs = repo.repair_worktrees(
            &self.worktrees,
            voyage.name.as_str(),
            &RepairOptions {
                merged_into: Some(voyage.branch.clone()),
                ..RepairOptions::default()
            },
        )?;
        Ok(repairs
            .into_iter()
            .map(|repair| Repair {
                subject: match &repair.subject {
                    maestro_git::worktree::Subject::Path(path) => shown(&self.root, path),
                    other => other.to_string(),
                },
                found: repair.found.to_string(),
                action: repair.action.to_string(),
            })
            .collect())
    }

    fn voyage_head(&self, voyage: &Voyage) -> Result<String, PortError> {
        let repo = self.repo()?;
        repo.branch_commit(&voyage.branch)?
            .map(|id| id.to_string())
            .ok_or_else(|| format!("the voyage branch {} is missing", voyage.branch).into())
    }

    fn prepare(
        &self,
        voyage: &Voyage,
        order: &OrderId,
        base: &str,
    ) -> Result<CrewWorktree, PortError> {
        let repo = self.repo()?;
        self.clear_for(&repo, voyage, order)?;
        let worktree = repo.add_worktree(
            &self.worktrees,
            voyage.name.as_str(),
            order.as_str(),
            object_id(base)?,
        )?;
        Ok(CrewWorktree {
            path: worktree.path,
            branch: worktree.branch,
            base: base.to_owned(),
        })
    }

    fn reopen(
        &self,
        voyage: &Voyage,
        order: &OrderId,
        base: &str,
    ) -> Result<Option<CrewWorktree>, PortError> {
        let path = self.order_path(voyage, order);
        if !path.exists() {
            return Ok(None);
        }
        let repo = self.repo()?;
        let branch = maestro_git::branch::crew_branch(voyage.name.as_str(), order.as_str());
        // Only a registered, present worktree on the order's own branch: anything else is
        // replaced by a fresh one (the crew then starts over).
        let registered = repo
            .list_worktrees(&voyage.branch)?
            .into_iter()
            .any(|w| w.branch.as_deref() == Some(branch.as_str()) && !w.missing);
        Ok(registered.then(|| CrewWorktree {
            path,
            branch,
            base: base.to_owned(),
        }))
    }

    fn adopt(&self, voyage: &Voyage, order: &OrderId) -> Result<Option<CrewWorktree>, PortError> {
        let path = self.order_path(voyage, order);
        if !path.exists() {
            return Ok(None);
        }
        let repo = self.repo()?;
        let branch = maestro_git::branch::crew_branch(voyage.name.as_str(), order.as_str());
        let Some(tip) = repo.branch_commit(&branch)? else {
            return Ok(None);
        };
        // Only a registered worktree whose branch is merged; anything else is left to
        // `maestro worktree prune`, which never removes unmerged work without --force.
        let registered = repo
            .list_worktrees(&voyage.branch)?
            .into_iter()
            .any(|w| w.branch.as_deref() == Some(branch.as_str()) && !w.missing);
        if !registered || !repo.voyage_holds_change(&voyage.branch, tip)? {
            return Ok(None);
        }
        // After a squash the crew's tip is not in the voyage; what it is recycled onto is the
        // voyage head, which holds its work.
        let head = repo
            .branch_commit(&voyage.branch)?
            .ok_or_else(|| format!("the voyage branch {} is missing", voyage.branch))?;
        Ok(Some(CrewWorktree {
            path,
            branch,
            base: head.to_string(),
        }))
    }

    fn recycle(
        &self,
        worktree: &CrewWorktree,
        voyage: &Voyage,
        order: &OrderId,
        base: &str,
    ) -> Result<CrewWorktree, PortError> {
        let repo = self.repo()?;
        self.clear_for(&repo, voyage, order)?;
        match repo.recycle_worktree(
            &worktree.path,
            &voyage.branch,
            &self.worktrees,
            voyage.name.as_str(),
            order.as_str(),
            object_id(base)?,
        ) {
            Ok(recycled) => {
                // The old order's branch is merged (recycling checked it): it goes.
                delete_if_merged(&repo, &worktree.branch, &voyage.branch)?;
                Ok(CrewWorktree {
                    path: recycled.path,
                    branch: recycled.branch,
                    base: base.to_owned(),
                })
            }
            Err(e) => {
                // Whatever state the old worktree was left in, a fresh one replaces it.
                tracing::warn!(
                    "cannot reuse the worktree at {} for order {order}, adding a new one: {:#}",
                    worktree.path.display(),
                    anyhow::Error::from(e)
                );
                if worktree.path.exists() {
                    self.release(worktree)?;
                }
                self.prepare(voyage, order, base)
            }
        }
    }

    fn collect(
        &self,
        worktree: &CrewWorktree,
        author: &str,
        message: &str,
        guard: &mut dyn FnMut(&Candidate<'_>) -> Verdict,
    ) -> Result<Collected, PortError> {
        use maestro_git::collect::{
            CollectOptions, Collected as GitCollected, Verdict as GitVerdict,
        };
        let repo = self.repo()?;
        let base = object_id(&worktree.base)?;
        let mut options = CollectOptions::new(Identity::new(author, "maestro@localhost"), message);
        options.branch = Some(worktree.branch.clone());
        // The base's version of each path, read once: the guard needs it for inline allows and
        // to tell findings the base already held from the crew's.
        let mut base_files: std::collections::HashMap<String, Option<Vec<u8>>> =
            std::collections::HashMap::new();
        let mut failure: Option<PortError> = None;
        let mut git_guard = |candidate: &maestro_git::collect::Candidate<'_>| {
            let base_text = match base_files.get(candidate.path) {
                Some(text) => text.clone(),
                None => match repo.file_at(base, candidate.path) {
                    Ok(text) => {
                        base_files.insert(candidate.path.to_owned(), text.clone());
                        text
                    }
                    Err(e) => {
                        // Fail closed: what cannot be compared with the base is refused.
                        failure.get_or_insert_with(|| e.into());
                        return GitVerdict::Refuse(());
                    }
                },
            };
            let commit = match candidate.origin {
                maestro_git::collect::Origin::Commit(id) => Some(id.to_string()),
                _ => None,
            };
            let verdict = guard(&Candidate {
                path: candidate.path,
                bytes: candidate.data,
                base: base_text.as_deref(),
                commit: commit.as_deref(),
            });
            match verdict {
                Verdict::Accept => GitVerdict::Accept,
                Verdict::Refuse => GitVerdict::Refuse(()),
            }
        };
        let collected = repo.collect_change(&worktree.path, base, &mut git_guard, &options)?;
        if let Some(e) = failure {
            return Err(e);
        }
        Ok(match collected {
            GitCollected::Committed {
                commit, changed, ..
            } => Collected::Committed {
                commit: commit.to_string(),
                changed: changed
                    .into_iter()
                    .map(|stat| ChangedFile {
                        deleted: stat.kind == ChangeKind::Deleted,
                        path: stat.path,
                        added: stat.added as u64,
                        removed: stat.removed as u64,
                    })
                    .collect(),
            },
            GitCollected::NothingToCommit { .. } => Collected::Unchanged,
            GitCollected::Refused { .. } => Collected::Refused,
            other => return Err(format!("unexpected collection outcome: {other:?}").into()),
        })
    }

    fn holds_change(&self, voyage: &Voyage, change: &str) -> Result<bool, PortError> {
        let repo = self.repo()?;
        Ok(repo.voyage_holds_change(&voyage.branch, object_id(change)?)?)
    }

    fn merge(
        &self,
        voyage: &Voyage,
        change: &str,
        message: &str,
    ) -> Result<MergeOutcome, PortError> {
        let repo = self.repo()?;
        let report = repo.squash_merge(
            &voyage.branch,
            object_id(change)?,
            &MergeOptions {
                message: Some(message.to_owned()),
                identity: Some(Identity::new("maestro", "maestro@localhost")),
                ..MergeOptions::default()
            },
        )?;
        if !report.checked_out_in.is_empty() {
            tracing::warn!(
                "{} is checked out in {}; that checkout is now behind the branch",
                voyage.branch,
                report
                    .checked_out_in
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        Ok(match report.outcome {
            GitMerge::UpToDate => MergeOutcome::AlreadyMerged,
            GitMerge::FastForward | GitMerge::Merged | GitMerge::Squashed => MergeOutcome::Merged {
                head: report.new.to_string(),
            },
            GitMerge::Conflict { paths } => MergeOutcome::Conflict { paths },
            other => return Err(format!("unexpected merge outcome: {other:?}").into()),
        })
    }

    fn release(&self, worktree: &CrewWorktree) -> Result<(), PortError> {
        let repo = self.repo()?;
        // Its work is merged (that is when it is released); compared with its own branch, the
        // worktree has nothing unmerged.
        repo.remove_worktree(
            &worktree.path,
            &worktree.branch,
            RemoveOptions {
                force: true,
                delete_branch: false,
            },
        )?;
        if let Some(voyage) = maestro_git::branch::voyage_branch_of(&worktree.branch) {
            delete_if_merged(&repo, &worktree.branch, &voyage)?;
        }
        Ok(())
    }
}

/// The scanner, with the workspace's rules, suppressions and size limit. One scanner per kind of
/// rules is built when first used (a hook needs only one).
#[derive(Debug)]
pub struct ScanPort {
    rules: maestro_scan::RuleSet,
    allow: maestro_scan::Allowlist,
    max_file_size: u64,
    scanners: [std::sync::OnceLock<maestro_scan::Scanner>; 3],
}

impl ScanPort {
    /// Built-in rules, `scan.allow` and `scan.maxFileSize`; an inline `maestro:allow` counts
    /// only on a line of the base the caller gives.
    pub fn new(config: &WorkspaceConfig) -> anyhow::Result<ScanPort> {
        let rules = maestro_scan::RuleSet::builtin().clone();
        let allow = maestro_scan::Allowlist::new(&config.scan.allow, &rules)
            .context("scan.allow in .mso/workspace.json")?;
        Ok(ScanPort {
            rules,
            allow,
            max_file_size: config.scan.max_file_size,
            scanners: Default::default(),
        })
    }

    fn scanner(&self, kinds: ScanKinds) -> &maestro_scan::Scanner {
        let (slot, kinds) = match kinds {
            ScanKinds::Secrets => (0, maestro_scan::Kinds::Secrets),
            ScanKinds::Code => (1, maestro_scan::Kinds::Code),
            ScanKinds::All => (2, maestro_scan::Kinds::All),
        };
        self.scanners[slot].get_or_init(|| {
            maestro_scan::Scanner::new(
                self.rules.clone(),
                maestro_scan::ScanOptions {
                    kinds,
                    allow: self.allow.clone(),
                    max_file_size: self.max_file_size,
                    inline_allow: maestro_scan::InlineAllow::BaseLines,
                    ..maestro_scan::ScanOptions::default()
                },
            )
        })
    }
}

/// A scanner finding in maestro-core's terms.
fn scan_finding(f: maestro_scan::Finding) -> ScanFinding {
    let secret = f.kind == maestro_scan::Kind::Secret;
    ScanFinding {
        secret,
        high_confidence: f.confidence == maestro_scan::Confidence::High,
        severity: (!secret).then(|| severity(f.severity)),
        cwe: (!secret && f.cwe != 0).then_some(f.cwe),
        line: f.line as u64,
        message: if f.fix.is_empty() {
            f.description
        } else {
            format!("{} Fix: {}", f.description, f.fix)
        },
        inline_allow_refused: f.inline_allow_refused,
        rule_id: f.rule_id,
        path: f.path,
        redacted: f.redacted,
        fingerprint: f.fingerprint,
    }
}

fn severity(s: maestro_scan::Severity) -> ConfigSeverity {
    match s {
        maestro_scan::Severity::Low => ConfigSeverity::Low,
        maestro_scan::Severity::Medium => ConfigSeverity::Medium,
        maestro_scan::Severity::High => ConfigSeverity::High,
        maestro_scan::Severity::Critical => ConfigSeverity::Critical,
    }
}

impl Scanner for ScanPort {
    fn scan(&self, request: &ScanRequest<'_>) -> ScanOutcome {
        let report = self.scanner(request.kinds).scan_text_with_base(
            request.path,
            request.text,
            request.base,
        );
        ScanOutcome {
            unscanned: report.unscanned.first().map(ToString::to_string),
            suppressed: report
                .suppressed
                .into_iter()
                .map(|s| Suppressed {
                    by: s.by.to_string(),
                    finding: scan_finding(s.finding),
                })
                .collect(),
            findings: report.findings.into_iter().map(scan_finding).collect(),
        }
    }

    fn redact(&self, text: &str) -> Option<String> {
        self.scanner(ScanKinds::Secrets).redact_secrets(text)
    }
}

/// The audit log `.mso/audit.log`, opened when first written to. Every string of an entry
/// passes the secret redactor first: paths, titles and reasons can quote a credential.
#[derive(Debug)]
pub struct AuditPort {
    mso: Option<PathBuf>,
    config: WorkspaceConfig,
    chain: std::sync::OnceLock<Mutex<maestro_audit::Chain>>,
}

impl AuditPort {
    /// Opens the workspace's log (checkpoints signed when a signing key is configured).
    pub fn open(mso: &Path, config: &WorkspaceConfig) -> anyhow::Result<AuditPort> {
        let port = AuditPort::lazy(Some(mso.parent().unwrap_or(mso)), config);
        port.chain()?;
        Ok(port)
    }

    /// The log of the workspace at `root`, opened on the first entry; without a workspace,
    /// entries go nowhere.
    pub fn lazy(root: Option<&Path>, config: &WorkspaceConfig) -> AuditPort {
        AuditPort {
            mso: root.map(|r| r.join(maestro_core::store::STATE_DIR)),
            config: config.clone(),
            chain: std::sync::OnceLock::new(),
        }
    }

    fn chain(&self) -> anyhow::Result<Option<&Mutex<maestro_audit::Chain>>> {
        let Some(mso) = &self.mso else {
            return Ok(None);
        };
        if let Some(chain) = self.chain.get() {
            return Ok(Some(chain));
        }
        let chain = crate::commands::audit::open_chain(mso, &self.config)?;
        Ok(Some(self.chain.get_or_init(|| Mutex::new(chain))))
    }
}

impl AuditSink for AuditPort {
    fn record(&self, event: AuditEvent) -> Result<(), PortError> {
        let Some(chain) = self.chain().map_err(|e| -> PortError { e.into() })? else {
            return Ok(());
        };
        let mut details = serde_json::Value::Object(event.details);
        crate::output::redact_strings(&mut details);
        let serde_json::Value::Object(details) = details else {
            unreachable!("redaction keeps an object an object")
        };
        let details = maestro_audit::Details::try_from(details)?;
        let entry = maestro_audit::Event::new(
            crate::output::redacted(&event.actor),
            crate::output::redacted(&event.action),
            crate::output::redacted(&event.subject),
        )
        .with_details(details);
        chain
            .lock()
            .map_err(|_| "the audit log lock is poisoned")?
            .append(&entry)?;
        Ok(())
    }

    fn recorded(
        &self,
        action: &str,
        subject: &str,
        key: &str,
        value: &str,
    ) -> Result<bool, PortError> {
        // Entries are stored redacted: the question is asked in the same form.
        let (action, subject) = (
            crate::output::redacted(action),
            crate::output::redacted(subject),
        );
        let Some(chain) = self.chain().map_err(|e| -> PortError { e.into() })? else {
            return Ok(false);
        };
        // Whatever was appended is on disk before the log is read.
        let path = chain
            .lock()
            .map_err(|_| "the audit log lock is poisoned")?
            .path()
            .to_owned();
        for entry in maestro_audit::entries(&path)? {
            let entry = entry?;
            if entry.action == action
                && entry.subject == subject
                && entry.details.get(key).and_then(serde_json::Value::as_str) == Some(value)
            {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// The voyage base a crew started from (`MAESTRO_BASE`, set by the dispatcher), read from the
/// repository at `root` when an inline allow needs it.
#[derive(Debug)]
pub struct GitBase {
    root: Option<PathBuf>,
    base: Option<String>,
}

impl GitBase {
    /// The base named by `MAESTRO_BASE` in the repository at `root`.
    pub fn from_env(root: Option<&Path>) -> GitBase {
        GitBase {
            root: root.map(Path::to_owned),
            base: std::env::var("MAESTRO_BASE").ok(),
        }
    }
}

impl BaseFiles for GitBase {
    fn base_file(&self, path: &str) -> Result<Option<Vec<u8>>, PortError> {
        let (Some(root), Some(base)) = (&self.root, &self.base) else {
            return Ok(None);
        };
        let repo = Repo::discover(root)?;
        Ok(repo.file_at(object_id(base)?, path)?)
    }
}

/// What crews may not read besides maestro's state directory: the audit signing key and the
/// user's credential files.
pub fn unreadable_by_crews(config: &WorkspaceConfig) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = config.audit.key_file.iter().map(PathBuf::from).collect();
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        paths.extend(maestro_core::sandbox::credential_files(&home));
    }
    paths
}
