//! Editing an order that has not run yet.

use jiff::Timestamp;

use super::super::{RunLock, Store, StoreError};
use super::{OrderEdit, graph, not_allowed, position};
use crate::name::OrderId;
use crate::order::{OrderSpec, validate_spec};
use crate::state::Amendment;
use crate::voyage::Order;

impl Store {
    /// Changes the spec of order `id` of the voyage `held` holds, which must be proposed,
    /// pending, failed or blocked (its state is kept: `retry` puts a failed order back). The
    /// edited order is validated, and so is the voyage's dependency graph with it (a cycle is
    /// refused, naming it); nothing is written on a refusal.
    pub fn edit_order(
        &self,
        held: &RunLock,
        id: &OrderId,
        edit: &OrderEdit,
        now: Timestamp,
    ) -> Result<Order, StoreError> {
        let name = held.voyage();
        let (_lock, mut voyage, mut orders) = self.reshape(name)?;
        let i = position(name, &orders, id)?;
        if !orders[i].state.allows(Amendment::Edit) {
            return Err(not_allowed(name, &orders[i], Amendment::Edit));
        }
        let mut spec = orders[i].spec.clone();
        edit.apply(&mut spec);
        validate_spec(&spec).map_err(|error| StoreError::Spec {
            voyage: name.clone(),
            id: id.clone(),
            error,
        })?;
        let mut specs: Vec<OrderSpec> = orders.iter().map(|o| o.spec.clone()).collect();
        specs[i] = spec.clone();
        graph(name, &specs)?;
        let order = &mut orders[i];
        order.spec = spec;
        order.updated_at = now;
        let order = order.clone();
        self.write_changes(&mut voyage, &[&order], &[])?;
        Ok(order)
    }
}
