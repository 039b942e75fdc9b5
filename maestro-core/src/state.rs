//! Order states and the transitions between them.

use std::fmt;

use schemars::JsonSchema;
use serde::Serialize;

/// Where an order is in its life.
///
/// ```text
/// proposed ─> pending ─> running ─> gating ─> merged
///                │  ^       │  ^      │ │
///                │  │       │  └──────┘ └─> conflict ─> running (re-dispatch once)
///                v  │       v
///             blocked     failed / interrupted ─> pending | running (resume)
///
/// running <─> waiting (the API's rate or usage limit; resumed when it passes)
/// ```
///
/// Outside a run, the user may put failed, blocked and conflict orders back to `pending`
/// (`maestro order retry`); which states allow which change is [`OrderState::allows`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum OrderState {
    /// Suggested by a Planner; not dispatched until approved.
    Proposed,
    /// Waiting for its dependencies or a free crew.
    Pending,
    /// A crew is working on it.
    Running,
    /// The crew ended; its work is being committed and checked.
    Gating,
    /// Its work is in the voyage branch. Final.
    Merged,
    /// It failed its gates more often than allowed (or its crew could not run).
    Failed,
    /// A dependency failed, so it cannot run.
    Blocked,
    /// Its work passed the gates but did not merge cleanly; it is re-dispatched once.
    Conflict,
    /// Its crew was stopped by Ctrl-C or lost with the dispatcher; resumable.
    Interrupted,
    /// Its crew waits out a rate or usage limit of the model's API (until the time in the
    /// order's `wait`); it goes on by itself when the limit passes. Not a failure.
    Waiting,
}

impl OrderState {
    /// Every state.
    pub const ALL: [OrderState; 10] = [
        OrderState::Proposed,
        OrderState::Pending,
        OrderState::Running,
        OrderState::Gating,
        OrderState::Merged,
        OrderState::Failed,
        OrderState::Blocked,
        OrderState::Conflict,
        OrderState::Interrupted,
        OrderState::Waiting,
    ];

    /// The lowercase name used in files and output.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            OrderState::Proposed => "proposed",
            OrderState::Pending => "pending",
            OrderState::Running => "running",
            OrderState::Gating => "gating",
            OrderState::Merged => "merged",
            OrderState::Failed => "failed",
            OrderState::Blocked => "blocked",
            OrderState::Conflict => "conflict",
            OrderState::Interrupted => "interrupted",
            OrderState::Waiting => "waiting",
        }
    }

    /// Whether `self -> next` is a legal transition.
    #[must_use]
    pub fn can_become(self, next: OrderState) -> bool {
        use OrderState::{
            Blocked, Conflict, Failed, Gating, Interrupted, Merged, Pending, Proposed, Running,
            Waiting,
        };
        matches!(
            (self, next),
            (
                Proposed | Blocked | Interrupted | Failed | Conflict,
                Pending
            ) | (
                Pending | Gating | Conflict | Interrupted | Failed | Waiting,
                Running
            ) | (Pending, Blocked)
                | (Running, Gating | Pending | Failed | Interrupted | Waiting)
                | (Gating, Merged | Pending | Failed | Conflict | Interrupted)
                | (Conflict, Failed | Interrupted)
        )
    }

    /// Whether the user may make `change` to an order in this state (outside a run: the
    /// commands that change orders hold the voyage's run lock).
    ///
    /// - retry: failed, blocked or conflict orders go back to `pending`;
    /// - edit and replace: proposed, pending, failed or blocked orders, whose crew is not at
    ///   work and whose work is not merged (an interrupted order keeps a worktree and a session
    ///   to resume; a conflict order is re-dispatched on the new voyage head);
    /// - remove: every order whose work is not merged and whose crew is not at work.
    ///
    /// Never a merged order: its work is in the voyage branch.
    #[must_use]
    pub fn allows(self, change: Amendment) -> bool {
        use OrderState::{
            Blocked, Conflict, Failed, Gating, Interrupted, Merged, Pending, Proposed, Running,
            Waiting,
        };
        match change {
            Amendment::Retry => matches!(self, Failed | Blocked | Conflict),
            Amendment::Edit | Amendment::Replace => {
                matches!(self, Proposed | Pending | Failed | Blocked)
            }
            Amendment::Remove => match self {
                Proposed | Pending | Failed | Blocked | Conflict | Interrupted | Waiting => true,
                Running | Gating | Merged => false,
            },
        }
    }

    /// Whether no further work happens in this state without a user asking for it.
    #[must_use]
    pub fn is_settled(self) -> bool {
        matches!(
            self,
            OrderState::Merged | OrderState::Failed | OrderState::Blocked
        )
    }
}

crate::json::deserialize_by_name!(OrderState);

/// A change the user asks for on an order that was already added ([`OrderState::allows`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Amendment {
    /// Back to `pending` with a fresh attempt budget (`maestro order retry`).
    Retry,
    /// A change of its title, prompt, role, dependencies, acceptance checks or scope
    /// (`maestro order edit`).
    Edit,
    /// Its removal (`maestro order remove`).
    Remove,
    /// Its replacement by an order of the same id from an orders file
    /// (`maestro voyage import --replace`).
    Replace,
}

impl Amendment {
    /// The verb, e.g. `retry`.
    #[must_use]
    pub const fn verb(self) -> &'static str {
        match self {
            Amendment::Retry => "retry",
            Amendment::Edit => "edit",
            Amendment::Remove => "remove",
            Amendment::Replace => "replace",
        }
    }

    /// The past participle, e.g. `retried`.
    #[must_use]
    pub const fn past(self) -> &'static str {
        match self {
            Amendment::Retry => "retried",
            Amendment::Edit => "edited",
            Amendment::Remove => "removed",
            Amendment::Replace => "replaced",
        }
    }

    /// The states that allow this change, e.g. `failed, blocked or conflict`.
    #[must_use]
    pub fn allowed_states(self) -> String {
        let states: Vec<&str> = OrderState::ALL
            .into_iter()
            .filter(|s| s.allows(self))
            .map(OrderState::as_str)
            .collect();
        match states.split_last() {
            Some((last, [])) => (*last).to_owned(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

impl fmt::Display for OrderState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An illegal state transition was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an order cannot go from {from} to {to}")]
pub struct TransitionError {
    /// The current state.
    pub from: OrderState,
    /// The refused next state.
    pub to: OrderState,
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderState::*;

    #[test]
    fn transition_table() {
        let legal = [
            (Proposed, Pending),
            (Pending, Running),
            (Pending, Blocked),
            (Running, Gating),
            (Running, Pending),
            (Running, Failed),
            (Running, Interrupted),
            (Running, Waiting),
            (Waiting, Running),
            (Gating, Merged),
            (Gating, Running),
            (Gating, Pending),
            (Gating, Failed),
            (Gating, Conflict),
            (Gating, Interrupted),
            (Conflict, Running),
            (Conflict, Failed),
            (Conflict, Interrupted),
            (Interrupted, Pending),
            (Interrupted, Running),
            (Failed, Pending),
            (Failed, Running),
            (Blocked, Pending),
            (Conflict, Pending),
        ];
        for from in OrderState::ALL {
            for to in OrderState::ALL {
                assert_eq!(
                    from.can_become(to),
                    legal.contains(&(from, to)),
                    "{from} -> {to}"
                );
            }
        }
        // Merged is final.
        assert!(OrderState::ALL.iter().all(|s| !Merged.can_become(*s)));
    }

    #[test]
    fn what_the_user_may_change() {
        for change in [
            Amendment::Retry,
            Amendment::Edit,
            Amendment::Remove,
            Amendment::Replace,
        ] {
            // Never merged work, never a crew at work.
            for state in [Merged, Running, Gating] {
                assert!(!state.allows(change), "{} {state}", change.verb());
            }
            // Whatever may be retried may become pending.
            for state in OrderState::ALL {
                if change == Amendment::Retry && state.allows(change) {
                    assert!(state.can_become(Pending), "{state}");
                }
            }
        }
        assert_eq!(
            Amendment::Retry.allowed_states(),
            "failed, blocked or conflict"
        );
        assert_eq!(
            Amendment::Edit.allowed_states(),
            "proposed, pending, failed or blocked"
        );
        assert_eq!(
            Amendment::Remove.allowed_states(),
            "proposed, pending, failed, blocked, conflict, interrupted or waiting"
        );
    }
}
