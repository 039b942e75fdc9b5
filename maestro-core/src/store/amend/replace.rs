//! Replacing a voyage's orders by those of an orders file of the same ids.

use std::collections::HashMap;

use jiff::Timestamp;

use super::super::{RunLock, Store, StoreError};
use super::{Imported, Reset, reset, unblock};
use crate::dag::Dag;
use crate::name::OrderId;
use crate::order::OrderSpec;
use crate::state::{Amendment, OrderState};
use crate::voyage::Order;

impl Store {
    /// Imports `specs` into the voyage `held` holds, replacing the orders of the same id:
    /// orders with new ids are added as `pending`; an order whose spec the file changes is
    /// replaced and put back to `pending` with a fresh attempt budget, and must be proposed,
    /// pending, failed or blocked (never merged: every refused order is named); an order the
    /// file repeats unchanged is left as it is, whatever its state. Blocked orders that nothing
    /// blocks any more go back to `pending`. All or nothing: indices in errors refer to `specs`.
    pub fn replace_orders(
        &self,
        held: &RunLock,
        specs: Vec<OrderSpec>,
        now: Timestamp,
    ) -> Result<Imported, StoreError> {
        let name = held.voyage();
        let (_lock, mut voyage, mut orders) = self.reshape(name)?;
        let existing: HashMap<OrderId, usize> = orders
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id().clone(), i))
            .collect();
        // Where each order of the combined list comes from in `specs`, for errors.
        let mut from_file: Vec<Option<usize>> = vec![None; orders.len()];
        let mut replace: Vec<Option<OrderSpec>> = vec![None; orders.len()];
        let mut added: Vec<OrderSpec> = Vec::new();
        let mut refused = Vec::new();
        let mut first_refused = None;
        for (j, spec) in specs.into_iter().enumerate() {
            let Some(&i) = existing.get(&spec.id) else {
                from_file.push(Some(j));
                added.push(spec);
                continue;
            };
            from_file[i] = Some(j);
            if orders[i].spec == spec {
                continue;
            }
            if !orders[i].state.allows(Amendment::Replace) {
                refused.push((spec.id.clone(), orders[i].state));
                first_refused.get_or_insert(j);
            }
            replace[i] = Some(spec);
        }
        if let Some(index) = first_refused {
            return Err(StoreError::NotReplaceable {
                voyage: name.clone(),
                refused,
                index,
            });
        }
        let combined: Vec<OrderSpec> = orders
            .iter()
            .zip(&replace)
            .map(|(o, new)| new.clone().unwrap_or_else(|| o.spec.clone()))
            .chain(added.iter().cloned())
            .collect();
        let in_file = |index: usize| from_file.get(index).copied().flatten().unwrap_or(index);
        let dag = Dag::new(&combined).map_err(|error| StoreError::Dag {
            voyage: name.clone(),
            error: error.with_index(in_file),
        })?;
        let first = orders.iter().map(|o| o.position + 1).max().unwrap_or(0);
        let mut new_orders: Vec<Order> = added
            .into_iter()
            .zip(first..)
            .map(|(spec, position)| Order::new(spec, OrderState::Pending, position, now))
            .collect();
        // The graph covers the new orders too: a replaced order may now depend on one.
        let all: Vec<Order> = orders.iter().chain(&new_orders).cloned().collect();
        let mut states: Vec<OrderState> = all.iter().map(|o| o.state).collect();
        for (i, new) in replace.iter().enumerate() {
            if new.is_some() {
                states[i] = OrderState::Pending;
            }
        }
        let freed = unblock(&all, &dag, &mut states);
        let mut imported = Imported::default();
        for (i, order) in orders.iter_mut().enumerate() {
            if let Some(spec) = replace[i].take() {
                order.spec = spec;
                let from = reset(order, now);
                // What the gates said about the old spec does not concern the new one.
                order.feedback = None;
                imported.replaced.push(Reset {
                    order: order.clone(),
                    from,
                });
            } else if freed.contains(&i) {
                let from = reset(order, now);
                imported.unblocked.push(Reset {
                    order: order.clone(),
                    from,
                });
            } else if from_file[i].is_some() {
                imported.unchanged.push(order.clone());
            }
        }
        imported.added = std::mem::take(&mut new_orders);
        let reset_orders: Vec<&Order> = imported
            .replaced
            .iter()
            .chain(&imported.unblocked)
            .map(|r| &r.order)
            .collect();
        let changed: Vec<&Order> = reset_orders
            .iter()
            .copied()
            .chain(&imported.added)
            .collect();
        self.write_changes(&mut voyage, &changed, &reset_orders)?;
        Ok(imported)
    }
}
