//! Bringing a crew's change into the voyage branch as one commit (a squash merge), so that no
//! commit of the crew other than its content enters the voyage history.
//!
//! A change is the commit [`Repo::collect_change`] makes: its only parent is the base the crew
//! started from. If the voyage branch is still at that base, it simply moves to the change.
//! Otherwise the trees of the base, the voyage head and the change are merged in the object
//! database and one commit is written whose only parent is the voyage head and whose message
//! ends with the trailer `Maestro-Change: <change>`, by which [`Repo::voyage_holds_change`]
//! recognises it later. The branch moves with the same compare-and-swap and retries as
//! [`Repo::merge_branch`].

use gix::bstr::ByteSlice;

use crate::Repo;
use crate::ancestry::CHANGE_TRAILER;
use crate::merge::{MergeError, MergeOptions, MergeOutcome, MergeReport, Step, conflicts};

impl Repo {
    /// Squash-merges `change`, a commit whose single parent is the base it was made on, into
    /// branch `voyage_branch` without a checkout.
    ///
    /// Fast-forwards when the branch is at the change's base (unless
    /// [`MergeOptions::fast_forward`] is `false`); otherwise writes one commit on the branch's
    /// head with the three-way merge of the base's, the head's and the change's trees, the
    /// message [`MergeOptions::message`] (default: the change's own message) followed by the
    /// trailer `Maestro-Change: <change>`. Reports [`MergeOutcome::UpToDate`], moving nothing,
    /// when the branch already holds the change ([`Repo::voyage_holds_change`]) or the merge
    /// would not alter its tree, and [`MergeOutcome::Conflict`], moving nothing, on conflicts.
    pub fn squash_merge(
        &self,
        voyage_branch: &str,
        change: gix::ObjectId,
        options: &MergeOptions,
    ) -> Result<MergeReport, MergeError> {
        let theirs = change.to_string();
        let merge_error = |source| MergeError::Merge {
            ours: voyage_branch.to_owned(),
            theirs: theirs.clone(),
            source,
        };
        let commit = self.repo.find_commit(change).map_err(merge_error)?;
        let parents: Vec<gix::ObjectId> = commit.parent_ids().map(gix::Id::detach).collect();
        let [base] = parents[..] else {
            return Err(MergeError::NotAChange {
                ours: voyage_branch.to_owned(),
                theirs,
                parents: parents.len(),
            });
        };
        let change_tree = commit.tree_id().map_err(merge_error)?.detach();
        let base_tree = self.tree_of(base).map_err(merge_error)?;
        let message = with_trailer(
            &options
                .message
                .clone()
                .unwrap_or_else(|| commit.message_raw_sloppy().to_str_lossy().into_owned()),
            change,
        );
        let identity = options
            .identity
            .clone()
            .unwrap_or_else(|| self.default_identity());
        self.advance_branch(
            voyage_branch,
            &theirs,
            options,
            |old| {
                if old == base && options.fast_forward {
                    return Ok(Step::Move(MergeOutcome::FastForward, change));
                }
                if self.holds_change_at(old, change).map_err(merge_error)? {
                    return Ok(Step::Done(MergeOutcome::UpToDate));
                }
                let old_tree = self.tree_of(old).map_err(merge_error)?;
                let labels = gix::merge::blob::builtin_driver::text::Labels {
                    ancestor: Some("base".into()),
                    current: Some(voyage_branch.into()),
                    other: Some(theirs.as_str().into()),
                };
                let tree_options = self.repo.tree_merge_options().map_err(merge_error)?;
                let mut merged = self
                    .repo
                    .merge_trees(base_tree, old_tree, change_tree, labels, tree_options)
                    .map_err(merge_error)?;
                if let Some(paths) = conflicts(&merged) {
                    return Ok(Step::Done(MergeOutcome::Conflict { paths }));
                }
                let tree = merged.tree.write().map_err(merge_error)?.detach();
                if tree == old_tree {
                    return Ok(Step::Done(MergeOutcome::UpToDate));
                }
                let id = crate::commit::write_commit(
                    &self.repo,
                    tree,
                    vec![old],
                    &identity,
                    message.clone(),
                )
                .map_err(merge_error)?;
                Ok(Step::Move(MergeOutcome::Squashed, id))
            },
            |outcome| match outcome {
                MergeOutcome::FastForward => format!("squash {theirs}: Fast-forward"),
                _ => format!("squash {theirs}: Squash made by maestro."),
            },
        )
    }

    fn tree_of(&self, commit: gix::ObjectId) -> Result<gix::ObjectId, gix::Error> {
        Ok(self.repo.find_commit(commit)?.tree_id()?.detach())
    }
}

/// `message` with the trailer `Maestro-Change: <change>` appended: to its trailer block if its
/// last paragraph is one, else as a paragraph of its own.
fn with_trailer(message: &str, change: gix::ObjectId) -> String {
    let body = message.trim_end();
    let trailer = format!("{CHANGE_TRAILER}: {change}");
    if body.is_empty() {
        return format!("{trailer}\n");
    }
    let in_block = body
        .rfind("\n\n")
        .map(|at| &body[at + 2..])
        .is_some_and(|last| last.lines().all(is_trailer_line));
    let separator = if in_block { "\n" } else { "\n\n" };
    format!("{body}{separator}{trailer}\n")
}

/// Whether `line` looks like `Token: value`, as git's trailers do.
fn is_trailer_line(line: &str) -> bool {
    line.split_once(": ").is_some_and(|(token, _)| {
        !token.is_empty() && token.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

#[cfg(test)]
mod tests {
    use super::with_trailer;
    use crate::ancestry::has_change_trailer;

    #[test]
    fn the_trailer_joins_an_existing_block_or_starts_one() {
        let id =
            gix::ObjectId::from_hex(b"0123456789012345678901234567890123456789").expect("an id");
        let t = format!("Maestro-Change: {id}");
        assert_eq!(with_trailer("subject\n", id), format!("subject\n\n{t}\n"));
        assert_eq!(
            with_trailer("subject\n\nbody text\n", id),
            format!("subject\n\nbody text\n\n{t}\n")
        );
        assert_eq!(
            with_trailer("subject\n\nSigned-off-by: a <a@b>\n", id),
            format!("subject\n\nSigned-off-by: a <a@b>\n{t}\n")
        );
        for message in ["subject", "subject\n\nbody", "a\n\nSigned-off-by: x", ""] {
            let with = with_trailer(message, id);
            assert!(has_change_trailer(with.as_bytes(), id), "{with}");
        }
        assert!(!has_change_trailer(
            format!("subject\n\n{t}\n\nlater paragraph\n").as_bytes(),
            id
        ));
    }
}
