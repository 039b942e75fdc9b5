//! The dispatcher's ports, implemented with maestro-git, maestro-scan and maestro-audit.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use maestro_core::config::Severity as ConfigSeverity;
use maestro_core::ports::{
    AuditEvent, AuditSink, ChangedFile, CrewWorktree, Isolation, MergeOutcome, PortError,
    ScanFinding, Scanner,
};
use maestro_core::{OrderId, Voyage, WorkspaceConfig};
use maestro_git::Repo;
use maestro_git::commit::{CommitOutcome, commit_all};
use maestro_git::diff::ChangeKind;
use maestro_git::merge::{MergeOptions, MergeOutcome as GitMerge};
use maestro_git::worktree::RemoveOptions;
use maestro_git::{Identity, ObjectId};

/// Deletes crew branch `branch` when the voyage branch holds its tip (nothing is lost: the
/// merge keeps the commits); an unmerged branch is kept.
fn delete_if_merged(repo: &Repo, branch: &str, voyage_branch: &str) -> Result<(), PortError> {
    if let Some(tip) = repo.branch_commit(branch)?
        && repo.is_ancestor(tip, voyage_branch)?
    {
        repo.delete_branch(branch, tip)?;
    }
    Ok(())
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
            repo.remove_worktree(
                &path,
                &voyage.branch,
                RemoveOptions {
                    force: true,
                    delete_branch: true,
                },
            )?;
        }
        if let Some(old) = repo.branch_commit(&branch)? {
            repo.delete_branch(&branch, old)?;
        }
        repo.prune_worktrees()?;
        Ok(())
    }
}

impl Isolation for GitIsolation {
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
        if !registered || !repo.is_ancestor(tip, &voyage.branch)? {
            return Ok(None);
        }
        Ok(Some(CrewWorktree {
            path,
            branch,
            base: tip.to_string(),
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

    fn commit_all(
        &self,
        worktree: &CrewWorktree,
        author: &str,
        message: &str,
    ) -> Result<Option<String>, PortError> {
        let identity = Identity::new(author, "maestro@localhost");
        match commit_all(&worktree.path, &identity, message)? {
            CommitOutcome::Committed { commit, .. } => Ok(Some(commit.to_string())),
            CommitOutcome::NothingToCommit { .. } => Ok(None),
            other => Err(format!("unexpected commit outcome: {other:?}").into()),
        }
    }

    fn changed_files(&self, from: &str, to: &str) -> Result<Vec<ChangedFile>, PortError> {
        let repo = self.repo()?;
        Ok(repo
            .diff_stat(object_id(from)?, object_id(to)?)?
            .into_iter()
            .map(|stat| ChangedFile {
                deleted: stat.kind == ChangeKind::Deleted,
                path: stat.path,
                added: stat.added as u64,
                removed: stat.removed as u64,
            })
            .collect())
    }

    fn contains(&self, voyage: &Voyage, commit: &str) -> Result<bool, PortError> {
        let repo = self.repo()?;
        Ok(repo.is_ancestor(object_id(commit)?, &voyage.branch)?)
    }

    fn merge(
        &self,
        voyage: &Voyage,
        branch: &str,
        message: &str,
    ) -> Result<MergeOutcome, PortError> {
        let repo = self.repo()?;
        let report = repo.merge_branch(
            &voyage.branch,
            branch,
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
            GitMerge::FastForward | GitMerge::Merged => MergeOutcome::Merged {
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

/// The scanner, with the workspace's rules and suppressions.
#[derive(Debug)]
pub struct ScanPort {
    scanner: maestro_scan::Scanner,
}

impl ScanPort {
    /// Built-in rules and `scan.allow`.
    pub fn new(config: &WorkspaceConfig) -> anyhow::Result<ScanPort> {
        Ok(ScanPort {
            scanner: crate::commands::scan::scanner(config, maestro_scan::Kinds::All)?,
        })
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
    fn scan_files(&self, root: &Path, paths: &[String]) -> Result<Vec<ScanFinding>, PortError> {
        let mut findings = Vec::new();
        for path in paths {
            let report = self.scanner.scan_file(&root.join(path))?;
            for f in report.findings {
                let secret = f.kind == maestro_scan::Kind::Secret;
                findings.push(ScanFinding {
                    rule_id: f.rule_id,
                    secret,
                    high_confidence: f.confidence == maestro_scan::Confidence::High,
                    severity: (!secret).then(|| severity(f.severity)),
                    cwe: (!secret && f.cwe != 0).then_some(f.cwe),
                    path: path.clone(),
                    line: f.line as u64,
                    redacted: f.redacted,
                    message: if f.fix.is_empty() {
                        f.description
                    } else {
                        format!("{} ({})", f.description, f.fix)
                    },
                });
            }
        }
        Ok(findings)
    }

    fn redact(&self, text: &str) -> Option<String> {
        self.scanner.redact_secrets(text)
    }
}

/// The audit log `.mso/audit.log`.
#[derive(Debug)]
pub struct AuditPort {
    chain: Mutex<maestro_audit::Chain>,
}

impl AuditPort {
    /// Opens the workspace's log (checkpoints signed when a signing key is configured).
    pub fn open(mso: &Path, config: &WorkspaceConfig) -> anyhow::Result<AuditPort> {
        let chain = crate::commands::audit::open_chain(mso, config)?;
        Ok(AuditPort {
            chain: Mutex::new(chain),
        })
    }
}

impl AuditSink for AuditPort {
    fn record(&self, event: AuditEvent) -> Result<(), PortError> {
        let details = maestro_audit::Details::try_from(event.details)?;
        let entry = maestro_audit::Event::new(event.actor, event.action, event.subject)
            .with_details(details);
        self.chain
            .lock()
            .map_err(|_| "the audit log lock is poisoned")?
            .append(&entry)?;
        Ok(())
    }
}
