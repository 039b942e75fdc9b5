//! Deleting the crew branches of a voyage whose work the voyage branch holds.

use super::error::RepairError;
use super::report::{Action, Found, Repair, Subject};
use crate::Repo;
use crate::branch::crew_branch;
use crate::worktree::entry;

impl Repo {
    /// Deletes the crew branches of `voyage` that no worktree has checked out and whose work
    /// branch `merged_into` holds.
    pub(super) fn delete_merged_crew_branches(
        &self,
        voyage: &str,
        merged_into: &str,
    ) -> Result<Vec<Repair>, RepairError> {
        let error = |source| RepairError::Branch {
            voyage: voyage.to_owned(),
            source,
        };
        let checked_out: Vec<String> = self
            .repo
            .worktrees()
            .map_err(error)?
            .into_iter()
            .filter_map(|proxy| {
                let head = entry::read_trimmed(&proxy.git_dir().join("HEAD"))?;
                head.strip_prefix("ref: refs/heads/").map(str::to_owned)
            })
            .collect();
        let mut repairs = Vec::new();
        for (branch, tip) in self
            .branches_with_prefix(&crew_branch(voyage, ""))
            .map_err(|e| error(gix::Error::from_error(e)))?
        {
            if checked_out.contains(&branch) {
                continue;
            }
            let held = self
                .voyage_holds_change(merged_into, tip)
                .map_err(|e| error(gix::Error::from_error(e)))?;
            if held {
                self.delete_branch(&branch, tip)
                    .map_err(|e| error(gix::Error::from_error(e)))?;
                repairs.push(Repair {
                    subject: Subject::Branch(branch),
                    found: Found::MergedBranch,
                    action: Action::DeletedBranch,
                });
            }
        }
        Ok(repairs)
    }
}
