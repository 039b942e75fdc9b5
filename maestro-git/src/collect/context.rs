//! What every step of a collection shares: the worktree, the guard and its refusals so far.

use std::path::Path;

use gix::bstr::ByteSlice;

use super::candidate::{Candidate, Refusal, Verdict};
use super::error::CollectError;

/// What every step of a collection shares.
pub(super) struct Context<'a, F> {
    pub(super) worktree: &'a Path,
    pub(super) guard: &'a mut dyn FnMut(&Candidate<'_>) -> Verdict<F>,
    pub(super) refusals: Vec<Refusal<F>>,
}

impl<F> Context<'_, F> {
    pub(super) fn git(&self, source: gix::Error) -> CollectError {
        CollectError::Git {
            worktree: self.worktree.to_owned(),
            source,
        }
    }

    /// The path as UTF-8, or the error that refuses it.
    pub(super) fn utf8<'p>(&self, path: &'p gix::bstr::BStr) -> Result<&'p str, CollectError> {
        path.to_str().map_err(|_| CollectError::InvalidPath {
            worktree: self.worktree.to_owned(),
            path: path.to_str_lossy().into_owned(),
        })
    }

    /// Shows `candidate` to the guard and records a refusal.
    pub(super) fn show(&mut self, candidate: &Candidate<'_>) {
        if let Verdict::Refuse(finding) = (self.guard)(candidate) {
            self.refusals.push(Refusal {
                path: candidate.path.to_owned(),
                origin: candidate.origin,
                finding,
            });
        }
    }
}
