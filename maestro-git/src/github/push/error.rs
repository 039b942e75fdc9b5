//! [`Error`]: why a push failed.

use gix::ObjectId;

use crate::github::RequestError;

/// The push failed. Nothing is half-done on the remote except unreferenced objects, which
/// GitHub collects; the branch moves only as the last step.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The local branch does not exist.
    #[error("cannot push {branch}: there is no such local branch")]
    NoSuchBranch {
        /// The branch.
        branch: String,
    },
    /// The local branch could not be read.
    #[error("cannot push {branch}: reading the local branch failed")]
    Branch {
        /// The branch.
        branch: String,
        /// The cause.
        #[source]
        source: crate::branch::BranchError,
    },
    /// A local object could not be read.
    #[error("cannot push {branch}: reading {object} failed")]
    Local {
        /// The branch.
        branch: String,
        /// The object, e.g. `commit 1a2b…`.
        object: String,
        /// The cause.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A local object cannot be re-created through the API with the same id.
    #[error("cannot push {branch}: {object} cannot be pushed through the API: {reason}")]
    Unsupported {
        /// The branch.
        branch: String,
        /// The object.
        object: String,
        /// Why.
        reason: String,
    },
    /// The remote branch has commits the local one does not contain.
    #[error(
        "cannot push {branch}: the remote branch is at {remote}, which is not an ancestor of {local}; merge it first"
    )]
    NotFastForward {
        /// The branch.
        branch: String,
        /// The remote tip.
        remote: ObjectId,
        /// The commit being pushed.
        local: ObjectId,
    },
    /// An API call failed.
    #[error("cannot push {branch}: {step} failed")]
    Request {
        /// The branch.
        branch: String,
        /// The step, e.g. `creating blob 1a2b…`.
        step: String,
        /// The failed call.
        #[source]
        source: Box<RequestError>,
    },
    /// GitHub created an object whose id differs from the local one, so the remote history
    /// would not be the local history.
    #[error(
        "cannot push {branch}: GitHub created {kind} {remote} for the local {kind} {local}; the object does not survive the API unchanged"
    )]
    Mismatch {
        /// The branch.
        branch: String,
        /// `blob`, `tree` or `commit`.
        kind: &'static str,
        /// The local id.
        local: ObjectId,
        /// The id GitHub returned.
        remote: ObjectId,
    },
}
