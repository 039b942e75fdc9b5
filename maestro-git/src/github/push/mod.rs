//! Pushing a branch through the Git Data API, so that a push needs nothing but the REST API
//! and the token.
//!
//! The remote branch tip is read first; the local history is then walked from the commit to
//! push until commits the remote has (the remote tip's ancestry, or commits `GET
//! /git/commits/{sha}` finds). Everything below those commits' trees is known to be remote,
//! so only new blobs and trees are uploaded. Missing commits are re-created oldest first with
//! their exact trees, parents, authors, committers and dates, so GitHub computes the same
//! object ids; every id GitHub returns is checked against the local one. Finally the branch
//! is created, or moved forward without force.

use std::collections::{HashMap, HashSet, VecDeque};

use gix::ObjectId;

use super::client::{Client, encode_path};
use super::local::{self, Problem};
use super::request_error::{RequestError, decode, status_error};
use super::transport::Method;
use crate::Repo;

mod error;
mod upload;

pub use error::Error;

/// What a push did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PushOutcome {
    /// The remote branch already pointed at the commit.
    UpToDate,
    /// The remote branch was created.
    Created,
    /// The remote branch was moved forward.
    FastForwarded,
}

/// The result of a push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushReport {
    /// The remote branch.
    pub branch: String,
    /// Where the remote branch was before, if it existed.
    pub previous: Option<ObjectId>,
    /// The commit the remote branch now points at.
    pub pushed: ObjectId,
    /// What happened.
    pub outcome: PushOutcome,
    /// Commits created on the remote.
    pub commits: usize,
    /// Trees created on the remote.
    pub trees: usize,
    /// Blobs uploaded.
    pub blobs: usize,
}
impl Client {
    /// Pushes the local branch `branch` to the remote branch of the same name.
    pub fn push_branch(&self, repo: &Repo, branch: &str) -> Result<PushReport, Error> {
        let tip = repo
            .branch_commit(branch)
            .map_err(|source| Error::Branch {
                branch: branch.to_owned(),
                source,
            })?
            .ok_or_else(|| Error::NoSuchBranch {
                branch: branch.to_owned(),
            })?;
        self.push_commit(repo, tip, branch)
    }

    /// Makes the remote branch `branch` point at the local commit `commit`, uploading what the
    /// remote lacks; the branch is created or fast-forwarded, never forced.
    pub fn push_commit(
        &self,
        repo: &Repo,
        commit: ObjectId,
        branch: &str,
    ) -> Result<PushReport, Error> {
        Push {
            client: self,
            repo: repo.gix(),
            branch,
            known: HashSet::new(),
            report: PushReport {
                branch: branch.to_owned(),
                previous: None,
                pushed: commit,
                outcome: PushOutcome::UpToDate,
                commits: 0,
                trees: 0,
                blobs: 0,
            },
        }
        .run()
    }
}

/// One push in progress.
struct Push<'a> {
    client: &'a Client,
    repo: &'a gix::Repository,
    branch: &'a str,
    /// Trees and blobs the remote has.
    known: HashSet<ObjectId>,
    report: PushReport,
}

impl Push<'_> {
    fn run(mut self) -> Result<PushReport, Error> {
        let tip = self.report.pushed;
        let remote = self
            .client
            .get_ref(&format!("heads/{}", self.branch))
            .map_err(|source| self.request_error("reading the remote branch", source))?;
        self.report.previous = remote;
        if remote == Some(tip) {
            return Ok(self.report);
        }
        let new_since_remote = match remote {
            Some(remote) => Some(self.check_fast_forward(remote, tip)?),
            None => None,
        };
        let (missing, present) = self.missing_commits(tip, new_since_remote.as_ref())?;
        for commit in present {
            let tree = local::commit_tree(self.repo, commit)
                .map_err(|problem| self.local_error(problem))?;
            local::add_tree_objects(self.repo, tree, &mut self.known)
                .map_err(|problem| self.local_error(problem))?;
        }
        // Read every commit first: one the API cannot reproduce fails the push before any
        // upload.
        let commits = missing
            .into_iter()
            .map(|id| {
                local::commit(self.repo, id)
                    .map(|commit| (id, commit))
                    .map_err(|problem| self.local_error(problem))
            })
            .collect::<Result<Vec<_>, _>>()?;
        for (id, commit) in &commits {
            self.upload_commit(*id, commit)?;
        }
        self.move_branch(remote, tip)?;
        Ok(self.report)
    }

    /// Checks that `remote` is an ancestor of `tip` and returns the commits reachable from
    /// `tip` but not from `remote`.
    fn check_fast_forward(
        &self,
        remote: ObjectId,
        tip: ObjectId,
    ) -> Result<HashSet<ObjectId>, Error> {
        let not_fast_forward = || Error::NotFastForward {
            branch: self.branch.to_owned(),
            remote,
            local: tip,
        };
        if !self.repo.has_object(remote) {
            return Err(not_fast_forward());
        }
        let base = self
            .repo
            .merge_base(remote, tip)
            .map_err(|source| Error::Local {
                branch: self.branch.to_owned(),
                object: format!("the merge base of {remote} and {tip}"),
                source: Box::new(source),
            })?;
        if base.map(gix::Id::detach) != Some(remote) {
            return Err(not_fast_forward());
        }
        let walk_error = |source: gix::Error| Error::Local {
            branch: self.branch.to_owned(),
            object: format!("the history between {remote} and {tip}"),
            source: Box::new(source),
        };
        let walk = self
            .repo
            .rev_walk([tip])
            .with_hidden([remote])
            .all()
            .map_err(walk_error)?;
        let mut new = HashSet::new();
        for info in walk {
            new.insert(info.map_err(walk_error)?.id);
        }
        Ok(new)
    }

    /// The commits to create, oldest first, and the commits at the boundary the remote has.
    /// With a remote tip, `new_since_remote` holds the commits it lacks for sure; the others
    /// are its ancestors. Commits in doubt are looked up with `GET /git/commits/{sha}`.
    fn missing_commits(
        &self,
        tip: ObjectId,
        new_since_remote: Option<&HashSet<ObjectId>>,
    ) -> Result<(Vec<ObjectId>, Vec<ObjectId>), Error> {
        let mut parents_of: HashMap<ObjectId, Vec<ObjectId>> = HashMap::new();
        let mut present = Vec::new();
        let mut seen = HashSet::from([tip]);
        let mut queue = VecDeque::from([tip]);
        while let Some(commit) = queue.pop_front() {
            let remote_has = match new_since_remote {
                Some(new) if !new.contains(&commit) => true,
                _ => self.remote_has_commit(commit)?,
            };
            if remote_has {
                present.push(commit);
                continue;
            }
            let parents =
                local::parents(self.repo, commit).map_err(|problem| self.local_error(problem))?;
            for parent in &parents {
                if seen.insert(*parent) {
                    queue.push_back(*parent);
                }
            }
            parents_of.insert(commit, parents);
        }
        // Parents before children: a depth-first post-order from the tip over missing commits.
        let mut order = Vec::with_capacity(parents_of.len());
        let mut done = HashSet::new();
        let mut stack = vec![(tip, false)];
        while let Some((commit, expanded)) = stack.pop() {
            let Some(parents) = parents_of.get(&commit) else {
                continue;
            };
            if expanded {
                if done.insert(commit) {
                    order.push(commit);
                }
                continue;
            }
            if done.contains(&commit) {
                continue;
            }
            stack.push((commit, true));
            for parent in parents.iter().rev() {
                if !done.contains(parent) {
                    stack.push((*parent, false));
                }
            }
        }
        Ok((order, present))
    }

    fn remote_has_commit(&self, commit: ObjectId) -> Result<bool, Error> {
        let step = || format!("looking up commit {commit} on the remote");
        let url = self.client.repo_url(&format!("/git/commits/{commit}"));
        let response = self
            .client
            .call(&Method::GET, &url, None)
            .map_err(|source| self.request_error(&step(), source))?;
        match response.status().as_u16() {
            404 => Ok(false),
            200..=299 => Ok(true),
            _ => Err(self.request_error(&step(), status_error(Method::GET, &url, &response))),
        }
    }

    /// Creates the remote branch at `tip`, or moves it forward from `previous`.
    fn move_branch(&mut self, previous: Option<ObjectId>, tip: ObjectId) -> Result<(), Error> {
        let (method, url, body, outcome) = match previous {
            None => (
                Method::POST,
                self.client.repo_url("/git/refs"),
                serde_json::json!({ "ref": format!("refs/heads/{}", self.branch), "sha": tip.to_string() }),
                PushOutcome::Created,
            ),
            Some(_) => (
                Method::PATCH,
                self.client
                    .repo_url(&format!("/git/refs/heads/{}", encode_path(self.branch))),
                serde_json::json!({ "sha": tip.to_string(), "force": false }),
                PushOutcome::FastForwarded,
            ),
        };
        let step = || format!("moving the remote branch to {tip}");
        let response = self
            .client
            .call(&method, &url, Some(&body))
            .map_err(|source| self.request_error(&step(), source))?;
        decode::<serde_json::Value>(method, &url, &response)
            .map_err(|source| self.request_error(&step(), source))?;
        self.report.outcome = outcome;
        Ok(())
    }

    fn request_error(&self, step: &str, source: RequestError) -> Error {
        Error::Request {
            branch: self.branch.to_owned(),
            step: step.to_owned(),
            source: Box::new(source),
        }
    }

    fn local_error(&self, problem: Problem) -> Error {
        let branch = self.branch.to_owned();
        match problem {
            Problem::Read { what, source } => Error::Local {
                branch,
                object: what,
                source,
            },
            Problem::Unsupported { what, reason } => Error::Unsupported {
                branch,
                object: what,
                reason,
            },
        }
    }
}
