//! Putting failed, blocked or conflicted orders back to `pending`.

use jiff::Timestamp;

use super::super::{RunLock, Store, StoreError};
use super::{Reset, Retried, graph, not_allowed, position, reset, unblock};
use crate::name::OrderId;
use crate::order::OrderSpec;
use crate::state::{Amendment, OrderState};
use crate::voyage::{Order, blockers};

impl Store {
    /// Puts orders of the voyage `held` holds back to `pending` with a fresh attempt budget
    /// (their failure and conflict counts reset; the attempts already made stay in their
    /// report): the orders `ids` names, which must be failed, blocked or conflict, and with
    /// `every_failed` every failed order of the voyage.
    ///
    /// Blocked orders that nothing blocks any more (no dependency failed or blocked; for a
    /// releaser, no other order failed or blocked) go back to `pending` too: retrying an order
    /// releases its blocked dependents. An order named in `ids` that would be blocked again at
    /// once (a dependency of it stays failed) is refused, naming what blocks it.
    pub fn retry_orders(
        &self,
        held: &RunLock,
        ids: &[OrderId],
        every_failed: bool,
        now: Timestamp,
    ) -> Result<Retried, StoreError> {
        let name = held.voyage();
        let (_lock, mut voyage, mut orders) = self.reshape(name)?;
        let specs: Vec<OrderSpec> = orders.iter().map(|o| o.spec.clone()).collect();
        let dag = graph(name, &specs)?;
        let mut asked = vec![false; orders.len()];
        for id in ids {
            let i = position(name, &orders, id)?;
            if !orders[i].state.allows(Amendment::Retry) {
                return Err(not_allowed(name, &orders[i], Amendment::Retry));
            }
            asked[i] = true;
        }
        let targets: Vec<bool> = orders
            .iter()
            .zip(&asked)
            .map(|(o, &asked)| asked || (every_failed && o.state == OrderState::Failed))
            .collect();
        let mut states: Vec<OrderState> = orders.iter().map(|o| o.state).collect();
        for (state, _) in states.iter_mut().zip(&targets).filter(|(_, t)| **t) {
            *state = OrderState::Pending;
        }
        let freed = unblock(&orders, &dag, &mut states);
        for (i, _) in asked.iter().enumerate().filter(|(_, a)| **a) {
            let by = blockers(&orders, &dag, &states, i);
            if !by.is_empty() {
                return Err(StoreError::StillBlocked {
                    voyage: name.clone(),
                    id: orders[i].id().clone(),
                    by: by
                        .into_iter()
                        .map(|b| (orders[b].id().clone(), states[b]))
                        .collect(),
                });
            }
        }
        let mut retried = Vec::new();
        let mut unblocked = Vec::new();
        for (i, order) in orders.iter_mut().enumerate() {
            if targets[i] {
                let from = reset(order, now);
                retried.push(Reset {
                    order: order.clone(),
                    from,
                });
            } else if freed.contains(&i) {
                let from = reset(order, now);
                unblocked.push(Reset {
                    order: order.clone(),
                    from,
                });
            }
        }
        let changed: Vec<&Order> = retried.iter().chain(&unblocked).map(|r| &r.order).collect();
        self.write_changes(&mut voyage, &changed, &changed)?;
        Ok(Retried { retried, unblocked })
    }
}
