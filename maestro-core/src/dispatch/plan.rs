//! Planning a run without running it: whether a voyage can be dispatched, how many crews may
//! run at once, and in which waves its orders would run.

use super::{DispatchError, preview};
use crate::config::WorkspaceConfig;
use crate::dag::Dag;
use crate::name::OrderId;
use crate::order::OrderSpec;
use crate::ports::Entitlements;
use crate::state::OrderState;
use crate::voyage::Order;

/// Checks that `orders` can be dispatched under `entitlements`: a valid graph, roles the tier
/// allows, and no pending order waiting for a proposed one.
pub fn validate(
    voyage: &str,
    orders: &[Order],
    entitlements: &Entitlements,
) -> Result<Dag, DispatchError> {
    let invalid = |reason: String| DispatchError::Invalid {
        voyage: voyage.to_owned(),
        reason,
    };
    let specs: Vec<OrderSpec> = orders.iter().map(|o| o.spec.clone()).collect();
    let dag = Dag::new(&specs).map_err(|e| invalid(e.to_string()))?;
    for order in orders {
        if order.state != OrderState::Proposed && !entitlements.allows(order.spec.role) {
            let allowed: Vec<&str> = entitlements.roles.iter().map(|r| r.as_str()).collect();
            return Err(invalid(format!(
                "order `{}` needs the {} role, which the {} tier does not allow (it allows {}; {} crew{} at once)",
                order.id(),
                order.spec.role,
                entitlements.tier,
                allowed.join(", "),
                entitlements.max_crews,
                if entitlements.max_crews == 1 { "" } else { "s" }
            )));
        }
    }
    for (i, order) in orders.iter().enumerate() {
        if order.state == OrderState::Proposed {
            continue;
        }
        if let Some(&d) = dag
            .dependencies(i)
            .iter()
            .find(|&&d| orders[d].state == OrderState::Proposed)
        {
            return Err(invalid(format!(
                "order `{}` depends on `{}`, which is only proposed (approve the plan first)",
                order.id(),
                orders[d].id()
            )));
        }
    }
    Ok(dag)
}

/// How many crews may run at once: the least of `max_crews` (`--max-crews`),
/// `crews.maxConcurrent` and the licence's limit, and at least one.
#[must_use]
pub fn concurrency(
    max_crews: Option<u32>,
    config: &WorkspaceConfig,
    entitlements: &Entitlements,
) -> u32 {
    [
        max_crews,
        Some(config.crews.max_concurrent),
        Some(entitlements.max_crews),
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(1)
    .max(1)
}

/// The waves in which `orders` would run with unlimited crews: each wave depends only on
/// earlier ones (releaser orders last); failed and blocked orders, and those a run would block,
/// are in none ([`preview::Preview`] says why). For `maestro run --dry-run`.
#[must_use]
pub fn waves(orders: &[Order], dag: &Dag) -> Vec<Vec<OrderId>> {
    preview::Preview::of(orders, dag).waves
}
