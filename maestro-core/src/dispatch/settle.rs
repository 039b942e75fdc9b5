//! Settling an attempt: what follows a crew's end (merge, retry, wait, failure, interruption).

use jiff::Timestamp;

use super::crew::End;
use super::report::{AttemptReport, account};
use super::{DispatchError, Dispatcher};
use crate::name::OrderId;
use crate::state::OrderState;

/// How many times an order's crew may be lost (see [`End::Lost`]) before it waits for the
/// next run instead of being dispatched again.
const MAX_LOST: u32 = 3;

impl Dispatcher {
    /// Records an attempt's end and decides what follows: merge, retry, conflict re-dispatch,
    /// failure, or interruption.
    pub(super) async fn settle(
        &self,
        id: &OrderId,
        report: AttemptReport,
        end: End,
        retries: u32,
    ) -> Result<(), DispatchError> {
        let shared = &self.shared;
        let order = shared.store.order(&shared.voyage.name, id)?;
        if !matches!(end, End::Limited(_)) {
            shared.backoff().ended(id);
        }
        match end {
            End::Limited(limit) => {
                let until =
                    shared
                        .backoff()
                        .refused(limit.until, Timestamp::now(), shared.options.backoff);
                let order = shared.transition(id, OrderState::Waiting, |o| {
                    o.wait = Some(crate::voyage::Wait {
                        until,
                        reason: limit.reason.clone(),
                        in_crew: false,
                    });
                    if let Some(point) = &mut o.resume {
                        point.after_limit = Some(limit.reason.clone());
                    }
                    account(o, &report);
                })?;
                shared.note(
                    &order,
                    format!("waiting: {} (until {})", limit.reason, until),
                );
                shared.save_report(&order, Some(report), None)?;
                shared
                    .audit(
                        "order.paused",
                        id,
                        serde_json::json!({"attempt": order.attempts, "reason": limit.reason, "until": until.to_string()}),
                    )
                    .map_err(DispatchError::Audit)?;
            }
            End::Lost { reason } => {
                // Not the crew's failure: dispatched again in this run, a few times at most
                // (an order that loses node after node waits for the next run).
                let lost = order.lost + 1;
                let next = if lost <= MAX_LOST {
                    OrderState::Pending
                } else {
                    OrderState::Interrupted
                };
                let order = shared.transition(id, next, |o| {
                    o.lost = lost;
                    account(o, &report);
                })?;
                shared.note(
                    &order,
                    if next == OrderState::Pending {
                        format!("lost: {reason}; dispatching again")
                    } else {
                        format!("lost: {reason}; lost {lost} times, left for the next run")
                    },
                );
                shared.save_report(&order, Some(report), None)?;
                shared
                    .audit(
                        "order.lost",
                        id,
                        serde_json::json!({"attempt": order.attempts, "reason": reason}),
                    )
                    .map_err(DispatchError::Audit)?;
            }
            End::Interrupted => {
                let order =
                    shared.transition(id, OrderState::Interrupted, |o| account(o, &report))?;
                shared.save_report(&order, Some(report), None)?;
                shared
                    .audit(
                        "order.interrupted",
                        id,
                        serde_json::json!({"attempt": order.attempts}),
                    )
                    .map_err(DispatchError::Audit)?;
            }
            End::Failed { reason, feedback } => {
                let failures = order.failures + 1;
                let next = if failures <= retries {
                    OrderState::Pending
                } else {
                    OrderState::Failed
                };
                let order = shared.transition(id, next, |o| {
                    o.failures = failures;
                    o.feedback = Some(feedback.clone());
                    account(o, &report);
                })?;
                shared.note(
                    &order,
                    if next == OrderState::Pending {
                        format!("{reason}; retrying")
                    } else {
                        reason.clone()
                    },
                );
                shared.save_report(&order, Some(report), None)?;
                if next == OrderState::Failed {
                    shared
                        .audit(
                            "order.failed",
                            id,
                            serde_json::json!({"attempts": order.attempts, "reason": reason}),
                        )
                        .map_err(DispatchError::Audit)?;
                }
            }
            End::Passed { worktree, commit } => {
                self.merge(&order, report, worktree, commit).await?;
            }
        }
        Ok(())
    }
}
