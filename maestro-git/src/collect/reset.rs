//! Undoing a refused crew's commits: moving the worktree's `HEAD` back to the base and removing
//! every reflog line that names one of those commits, so nothing reaches them any more.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use gix::bstr::ByteSlice;

use gix::refs::Target;
use gix::refs::transaction::PreviousValue;

use super::error::CollectError;
use crate::branch::ref_update;

/// How a refusal moved the worktree's `HEAD` away from the crew's commits.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Reset {
    /// The reference moved: the branch `HEAD` names (`refs/heads/…`), or `HEAD` when detached.
    pub reference: String,
    /// Where it pointed (the crew's tip).
    pub from: gix::ObjectId,
    /// Where it points now: the base.
    pub to: gix::ObjectId,
    /// The crew's commits no reference or reflog of the worktree names any more.
    pub dropped: Vec<gix::ObjectId>,
}

/// Moves the worktree's `HEAD` (through to the branch it names) from `from` to `to` with a
/// compare-and-swap, logging `reflog`.
pub(super) fn move_head(
    wt: &gix::Repository,
    worktree: &Path,
    from: gix::ObjectId,
    to: gix::ObjectId,
    reflog: String,
) -> Result<(), CollectError> {
    wt.edit_reference(ref_update(
        "HEAD".try_into().expect("HEAD is a valid reference name"),
        PreviousValue::MustExistAndMatch(Target::Object(from)),
        Target::Object(to),
        reflog,
        true,
    ))
    .map(drop)
    .map_err(|source| CollectError::HeadMoved {
        worktree: worktree.to_owned(),
        expected: from,
        source,
    })
}

/// One reflog and the reference whose lock guards it.
struct Log {
    /// The reflog file.
    path: PathBuf,
    /// The reference file, locked (`<reference>.lock`) while the reflog is rewritten, as git
    /// does, so no update appends to the file being replaced.
    reference: PathBuf,
}

/// The reflogs of a worktree's `HEAD` and of the branch it names.
pub(super) struct Reflogs {
    logs: Vec<Log>,
}

impl Reflogs {
    /// The reflogs of `wt`'s `HEAD` and, if `HEAD` is attached, of its branch.
    pub(super) fn of(wt: &gix::Repository, head_name: Option<&gix::refs::FullName>) -> Reflogs {
        let mut logs = vec![Log {
            path: wt.git_dir().join("logs").join("HEAD"),
            reference: wt.git_dir().join("HEAD"),
        }];
        if let Some(name) = head_name
            && let Ok(relative) = gix::path::from_bstr(name.as_bstr())
        {
            logs.push(Log {
                path: wt.common_dir().join("logs").join(&relative),
                reference: wt.common_dir().join(&relative),
            });
        }
        Reflogs { logs }
    }

    /// Every commit the reflogs name (old or new value of a line); unreadable logs name none.
    pub(super) fn commits(&self) -> Vec<gix::ObjectId> {
        let mut ids: Vec<gix::ObjectId> = self
            .logs
            .iter()
            .filter_map(|log| std::fs::read(&log.path).ok())
            .flat_map(|text| {
                text.lines()
                    .flat_map(|line| {
                        let (old, new) = line_ids(line);
                        [old, new]
                    })
                    .flatten()
                    .collect::<Vec<_>>()
            })
            .filter(|id| !id.is_null())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }
}

/// The old and new object ids of a reflog line (`<old> <new> <who> <when>\t<message>`).
fn line_ids(line: &[u8]) -> (Option<gix::ObjectId>, Option<gix::ObjectId>) {
    let mut fields = line.splitn(3, |&b| b == b' ');
    let mut next = || fields.next().and_then(|f| gix::ObjectId::from_hex(f).ok());
    (next(), next())
}

/// Moves `HEAD` of `wt` (through to its branch when attached) from `tip` back to `base`, then
/// removes from its reflogs every line naming a commit in `dropped`.
pub(super) fn to_base(
    wt: &gix::Repository,
    worktree: &Path,
    head_name: Option<&gix::refs::FullName>,
    logs: &Reflogs,
    tip: gix::ObjectId,
    base: gix::ObjectId,
    dropped: HashSet<gix::ObjectId>,
) -> Result<Reset, CollectError> {
    if tip != base {
        move_head(
            wt,
            worktree,
            tip,
            base,
            format!("maestro: refused the crew's change, back to {base}"),
        )?;
    }
    let mut all = dropped;
    all.insert(tip);
    all.remove(&base);
    for log in &logs.logs {
        scrub(log, &all).map_err(|source| CollectError::Reflog {
            worktree: worktree.to_owned(),
            path: log.path.clone(),
            source,
        })?;
    }
    let mut dropped: Vec<gix::ObjectId> = all.into_iter().collect();
    dropped.sort();
    Ok(Reset {
        reference: head_name.map_or_else(|| "HEAD".to_owned(), |n| n.as_bstr().to_string()),
        from: tip,
        to: base,
        dropped,
    })
}

/// Rewrites `log` without the lines naming a commit in `dropped`, under the reference's lock.
fn scrub(log: &Log, dropped: &HashSet<gix::ObjectId>) -> std::io::Result<()> {
    let text = match std::fs::read(&log.path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let names_dropped = |line: &[u8]| {
        let (old, new) = line_ids(line);
        [old, new]
            .into_iter()
            .flatten()
            .any(|id| dropped.contains(&id))
    };
    if !text.lines().any(names_dropped) {
        return Ok(());
    }
    let fail = gix::lock::acquire::Fail::AfterDurationWithBackoff(Duration::from_secs(5));
    let _reference = gix::lock::Marker::acquire_to_hold_resource(&log.reference, fail, None, 0)
        .map_err(std::io::Error::other)?;
    // Read again under the lock: an update may have appended meanwhile.
    let text = std::fs::read(&log.path)?;
    let mut file = gix::lock::File::acquire_to_update_resource(&log.path, fail, None, 0)
        .map_err(std::io::Error::other)?;
    for line in text.lines_with_terminator() {
        if !names_dropped(line) {
            file.write_all(line)?;
        }
    }
    file.commit().map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::line_ids;

    #[test]
    fn reflog_lines_name_two_commits() {
        let a = "1".repeat(40);
        let b = "2".repeat(40);
        let line = format!("{a} {b} T <t@example.com> 1767225600 +0000\tcommit: x");
        let (old, new) = line_ids(line.as_bytes());
        assert_eq!(old.map(|o| o.to_string()), Some(a));
        assert_eq!(new.map(|o| o.to_string()), Some(b));
        assert_eq!(line_ids(b"garbage"), (None, None));
    }
}
