//! Voyages and the stored form of their orders.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::dag::Dag;
use crate::name::{OrderId, VoyageName};
use crate::order::OrderSpec;
use crate::role::Role;
use crate::state::{OrderState, TransitionError};

/// A set of orders that becomes one git branch and one pull request
/// (`.mso/voyages/<name>/voyage.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Voyage {
    /// The voyage's name.
    pub name: VoyageName,
    /// A one-line description.
    pub title: String,
    /// The ref the voyage was created from, as the user gave it (e.g. `HEAD`, `main`).
    pub base: String,
    /// The commit `base` resolved to when the voyage was created (hex object id).
    pub base_commit: String,
    /// The voyage branch, `maestro/<name>`.
    pub branch: String,
    /// Where the voyage is in its life.
    pub state: VoyageState,
    /// The pull request opened by `maestro release`.
    pub pr_url: Option<String>,
    /// When the voyage was created.
    pub created_at: Timestamp,
}

impl Voyage {
    /// The branch name of a voyage: `maestro/<name>`.
    #[must_use]
    pub fn branch_for(name: &VoyageName) -> String {
        format!("maestro/{name}")
    }

    /// What is wrong with a voyage read from the directory of voyage `name`, if anything: its
    /// `name` must be that directory's and its `branch` must be `maestro/<name>`.
    ///
    /// maestro never changes either after creating the voyage. A hand-edited `branch` would make
    /// `run` merge into (and `release` push) another branch, such as the one checked out in the
    /// main worktree; a voyage saying so is refused, not obeyed. Returns the JSON field at fault
    /// and a sentence naming the value found.
    #[must_use]
    pub fn mismatch(&self, name: &VoyageName) -> Option<(&'static str, String)> {
        if self.name != *name {
            return Some((
                "name",
                format!(
                    "the name `{}` is not the voyage's directory name `{name}`",
                    self.name
                ),
            ));
        }
        let own = Voyage::branch_for(name);
        (self.branch != own).then(|| {
            (
                "branch",
                format!(
                    "the branch `{}` is not the voyage's own branch `{own}` (maestro never \
                     changes it; restore it)",
                    self.branch
                ),
            )
        })
    }
}

/// The life of a voyage as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VoyageState {
    /// Created; orders may be added; not yet dispatched to completion.
    Open,
    /// A dispatcher is working on it.
    Running,
    /// Every order is settled.
    Finished,
    /// Its pull request was opened.
    Released,
}

crate::json::deserialize_by_name!(VoyageState);

impl VoyageState {
    /// Every state.
    pub const ALL: [VoyageState; 4] = [
        VoyageState::Open,
        VoyageState::Running,
        VoyageState::Finished,
        VoyageState::Released,
    ];

    /// The lowercase name used in files and output.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            VoyageState::Open => "open",
            VoyageState::Running => "running",
            VoyageState::Finished => "finished",
            VoyageState::Released => "released",
        }
    }
}

/// An order as stored in `.mso/voyages/<voyage>/orders/<id>.json`: its spec and its progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Order {
    /// What was asked.
    pub spec: OrderSpec,
    /// Where it is.
    pub state: OrderState,
    /// Position in the voyage (the order in which orders were added), for stable listings.
    pub position: u32,
    /// How many times a crew was dispatched for it.
    pub attempts: u32,
    /// Money spent on it so far, in US dollars, when an agent reported it.
    pub cost_usd: Option<f64>,
    /// Seconds its crews ran so far.
    pub duration_secs: Option<f64>,
    /// When it was added.
    pub created_at: Timestamp,
    /// When its state last changed.
    pub updated_at: Timestamp,
    /// The commit of its latest attempt's work, once committed (kept so a resumed dispatcher
    /// gates and merges it instead of redoing the work).
    #[serde(default)]
    pub commit: Option<String>,
    /// What the next attempt is told about the last one (gate output, conflicting paths).
    #[serde(default)]
    pub feedback: Option<String>,
    /// The agent session of the latest attempt, for resuming a Claude crew.
    #[serde(default)]
    pub session_id: Option<String>,
    /// How often its work conflicted with the voyage branch.
    #[serde(default)]
    pub conflicts: u32,
    /// How many of its attempts failed (interrupted attempts do not count).
    #[serde(default)]
    pub failures: u32,
    /// How many of its crews an executor lost (a failed node, a cancelled job).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub lost: u32,
    /// Where its crew stands while it runs, so that a crew interrupted (a stop, a killed
    /// dispatcher) is resumed in its worktree, as the same attempt; `None` once the crew ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resume: Option<ResumePoint>,
    /// Until when and why its crew waits out a limit of the model's API (state `waiting`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait: Option<Wait>,
    /// Where its latest attempt's crew runs or ran, when a remote executor placed it (the
    /// engine's job and node); `None` for crews on this machine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement: Option<crate::ports::Placement>,
}

/// A limit of the model's API an order's crew waits out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wait {
    /// When the crew goes on.
    pub until: Timestamp,
    /// What the API said, e.g. `usage limit (five_hour)`.
    pub reason: String,
    /// Whether the crew's process waits itself (the agent retries) rather than having ended
    /// (the dispatcher resumes it).
    #[serde(default)]
    pub in_crew: bool,
}

/// Where an interrupted crew picks up: its agent session, the commit its worktree started
/// from, and its attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResumePoint {
    /// The agent session (Claude Code's `--session-id`).
    pub session_id: String,
    /// The commit the worktree was made from.
    pub base: String,
    /// The attempt it belongs to.
    pub attempt: u32,
    /// Set when the crew stopped for a limit of the model's API (what the API said): it is
    /// told so when it is resumed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_limit: Option<String>,
}

impl Order {
    /// A new order in `state` (normally `pending`, or `proposed` for a Planner's suggestion).
    #[must_use]
    pub fn new(spec: OrderSpec, state: OrderState, position: u32, now: Timestamp) -> Self {
        Order {
            spec,
            state,
            position,
            attempts: 0,
            cost_usd: None,
            duration_secs: None,
            created_at: now,
            updated_at: now,
            commit: None,
            feedback: None,
            session_id: None,
            conflicts: 0,
            failures: 0,
            resume: None,
            wait: None,
            placement: None,
            lost: 0,
        }
    }

    /// The order's id.
    #[must_use]
    pub fn id(&self) -> &OrderId {
        &self.spec.id
    }

    /// Moves the order to `next` if that transition is legal.
    pub fn transition(&mut self, next: OrderState, now: Timestamp) -> Result<(), TransitionError> {
        if !self.state.can_become(next) {
            return Err(TransitionError {
                from: self.state,
                to: next,
            });
        }
        self.state = next;
        self.updated_at = now;
        Ok(())
    }
}

/// What would keep order `i` of `orders` from running with `states` (indices into `orders`),
/// as the dispatcher judges it: its dependencies that are failed or blocked, or, for a releaser
/// order (it runs last), any other order that is. Empty when nothing does.
#[must_use]
pub fn blockers(orders: &[Order], dag: &Dag, states: &[OrderState], i: usize) -> Vec<usize> {
    let stuck = |s: OrderState| matches!(s, OrderState::Failed | OrderState::Blocked);
    let by: Vec<usize> = dag
        .dependencies(i)
        .iter()
        .copied()
        .filter(|&d| stuck(states[d]))
        .collect();
    if !by.is_empty() || orders[i].spec.role != Role::Releaser {
        return by;
    }
    (0..orders.len())
        .filter(|&j| j != i && orders[j].spec.role != Role::Releaser && stuck(states[j]))
        .collect()
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_voyage_must_keep_its_own_name_and_branch() {
        let name: VoyageName = "v1".parse().expect("valid");
        let mut voyage = Voyage {
            name: name.clone(),
            title: "V1".into(),
            base: "HEAD".into(),
            base_commit: "a".repeat(40),
            branch: Voyage::branch_for(&name),
            state: VoyageState::Open,
            pr_url: None,
            created_at: Timestamp::UNIX_EPOCH,
        };
        assert_eq!(voyage.mismatch(&name), None);
        voyage.branch = "main".into();
        let (field, message) = voyage.mismatch(&name).expect("refused");
        assert_eq!(field, "branch");
        assert!(message.contains("`main`") && message.contains("`maestro/v1`"));
        voyage.branch = "maestro/v2".into();
        assert!(voyage.mismatch(&name).is_some());
        voyage.name = "v2".parse().expect("valid");
        let (field, _) = voyage.mismatch(&name).expect("refused");
        assert_eq!(field, "name");
    }

    #[test]
    fn transitions_are_checked() {
        let spec: OrderSpec =
            serde_json::from_str(r#"{"id":"a","title":"A","role":"builder"}"#).expect("valid");
        let mut order = Order::new(spec, OrderState::Pending, 0, Timestamp::UNIX_EPOCH);
        let later = Timestamp::from_second(10).expect("valid");
        order.transition(OrderState::Running, later).expect("legal");
        assert_eq!(order.updated_at, later);
        let err = order
            .transition(OrderState::Merged, later)
            .expect_err("must gate first");
        assert_eq!(err.to_string(), "an order cannot go from running to merged");
        assert_eq!(order.state, OrderState::Running);
    }
}
