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
/// ```
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
}

impl OrderState {
    /// Every state.
    pub const ALL: [OrderState; 9] = [
        OrderState::Proposed,
        OrderState::Pending,
        OrderState::Running,
        OrderState::Gating,
        OrderState::Merged,
        OrderState::Failed,
        OrderState::Blocked,
        OrderState::Conflict,
        OrderState::Interrupted,
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
        }
    }

    /// Whether `self -> next` is a legal transition.
    #[must_use]
    pub fn can_become(self, next: OrderState) -> bool {
        use OrderState::{
            Blocked, Conflict, Failed, Gating, Interrupted, Merged, Pending, Proposed, Running,
        };
        matches!(
            (self, next),
            (Proposed | Blocked | Interrupted | Failed, Pending)
                | (Pending | Gating | Conflict | Interrupted | Failed, Running)
                | (Pending, Blocked)
                | (Running, Gating | Pending | Failed | Interrupted)
                | (Gating, Merged | Pending | Failed | Conflict | Interrupted)
                | (Conflict, Failed | Interrupted)
        )
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
}
