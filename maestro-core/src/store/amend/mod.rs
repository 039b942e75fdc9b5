//! Reshaping a voyage after its orders were added, outside a run: putting orders back to
//! `pending` ([`Store::retry_orders`]), editing ([`Store::edit_order`]), removing
//! ([`Store::remove_order`]) and replacing ([`Store::replace_orders`]) orders, and removing the
//! voyage's state ([`Store::remove_voyage`]).
//!
//! Each takes the voyage's run lock ([`Store::hold_voyage`]) as proof that no `maestro run`
//! works on the voyage meanwhile, checks everything first (the states that allow the change,
//! [`OrderState::allows`], and the dependency graph as it would become) under the voyage's
//! lock, and only then writes the changed files, every one of them staged before the first is
//! renamed into place: a refused change writes nothing.

mod edit;
mod remove;
mod replace;
mod retry;

use jiff::Timestamp;

use super::fs::{FileLock, Staged, to_json};
use super::{Store, StoreError};
use crate::dag::Dag;
use crate::name::{OrderId, VoyageName};
use crate::order::{AcceptanceCheck, OrderSpec};
use crate::role::Role;
use crate::state::{Amendment, OrderState};
use crate::voyage::{Order, Voyage, VoyageState, blockers};

/// An order put back to `pending`, and the state it was in.
#[derive(Debug, Clone, PartialEq)]
pub struct Reset {
    /// The order as it is now.
    pub order: Order,
    /// Its state before.
    pub from: OrderState,
}

/// What [`Store::retry_orders`] did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Retried {
    /// The orders asked for (with `every_failed`, every failed one too), now pending.
    pub retried: Vec<Reset>,
    /// Blocked orders that nothing blocks any more, now pending too.
    pub unblocked: Vec<Reset>,
}

impl Retried {
    /// Whether nothing changed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.retried.is_empty() && self.unblocked.is_empty()
    }
}

/// What [`Store::replace_orders`] did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    /// Orders with new ids, added as `pending`.
    pub added: Vec<Order>,
    /// Orders whose spec changed, replaced and put back to `pending`.
    pub replaced: Vec<Reset>,
    /// Orders whose spec the file repeats unchanged: left as they are, whatever their state.
    pub unchanged: Vec<Order>,
    /// Blocked orders that nothing blocks any more, now pending.
    pub unblocked: Vec<Reset>,
}

/// A change of an order's spec ([`Store::edit_order`]); the fields left `None` are kept.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrderEdit {
    /// A new title.
    pub title: Option<String>,
    /// A new prompt.
    pub prompt: Option<String>,
    /// A new role.
    pub role: Option<Role>,
    /// New dependencies, replacing the old ones (`Some(vec![])`: none).
    pub depends_on: Option<Vec<OrderId>>,
    /// New acceptance checks, replacing the old ones (`Some(vec![])`: none).
    pub accept: Option<Vec<AcceptanceCheck>>,
    /// New paths the crew may change, replacing the old ones (`Some(None)`: any path).
    pub scope: Option<Option<Vec<String>>>,
}

impl OrderEdit {
    /// The names of the fields this edit changes, as in orders files (`title`, `depends_on`…).
    #[must_use]
    pub fn fields(&self) -> Vec<&'static str> {
        [
            ("title", self.title.is_some()),
            ("prompt", self.prompt.is_some()),
            ("role", self.role.is_some()),
            ("depends_on", self.depends_on.is_some()),
            ("accept", self.accept.is_some()),
            ("scope", self.scope.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, given)| given.then_some(name))
        .collect()
    }

    /// Whether the edit changes nothing.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.fields().is_empty()
    }

    pub(super) fn apply(&self, spec: &mut OrderSpec) {
        if let Some(title) = &self.title {
            spec.title.clone_from(title);
        }
        if let Some(prompt) = &self.prompt {
            spec.prompt.clone_from(prompt);
        }
        if let Some(role) = self.role {
            spec.role = role;
        }
        if let Some(depends_on) = &self.depends_on {
            spec.depends_on.clone_from(depends_on);
        }
        if let Some(accept) = &self.accept {
            spec.accept.clone_from(accept);
        }
        if let Some(scope) = &self.scope {
            spec.scope.clone_from(scope);
        }
    }
}

/// Puts `order` back to `pending` with a fresh attempt budget: its failures and conflicts are
/// forgotten, and so are the work and the resume point of its last attempt (the next crew
/// starts from the voyage head). `attempts` keeps counting, so the report keeps every attempt
/// under its own number; a blocked order's feedback (why it was blocked) goes, a failed
/// order's (what its gates said) stays for its next crew.
fn reset(order: &mut Order, now: Timestamp) -> OrderState {
    let from = order.state;
    if from != OrderState::Pending {
        order
            .transition(OrderState::Pending, now)
            .expect("every state a retry or a replacement allows may become pending");
    }
    order.updated_at = now;
    order.failures = 0;
    order.conflicts = 0;
    order.commit = None;
    order.resume = None;
    if from == OrderState::Blocked {
        order.feedback = None;
    }
    from
}

/// Marks as `pending` in `states` every blocked order that nothing blocks any more (see
/// [`blockers`]), until nothing changes; returns them.
fn unblock(orders: &[Order], dag: &Dag, states: &mut [OrderState]) -> Vec<usize> {
    let mut freed = Vec::new();
    loop {
        let mut changed = false;
        for &i in dag.topological() {
            if states[i] == OrderState::Blocked && blockers(orders, dag, states, i).is_empty() {
                states[i] = OrderState::Pending;
                freed.push(i);
                changed = true;
            }
        }
        if !changed {
            return freed;
        }
    }
}

fn graph(name: &VoyageName, specs: &[OrderSpec]) -> Result<Dag, StoreError> {
    Dag::new(specs).map_err(|error| StoreError::Dag {
        voyage: name.clone(),
        error,
    })
}

impl Store {
    /// The voyage and its orders, read under the voyage's exclusive lock (returned) for a
    /// change: a released voyage is refused, its orders are fixed.
    pub(super) fn reshape(
        &self,
        name: &VoyageName,
    ) -> Result<(FileLock, Voyage, Vec<Order>), StoreError> {
        let lock = self.voyage_lock(name, true)?;
        let voyage = self.voyage(name)?;
        if voyage.state == VoyageState::Released {
            return Err(StoreError::Released {
                voyage: name.clone(),
            });
        }
        let orders = self.read_orders(name)?;
        Ok((lock, voyage, orders))
    }

    /// Writes `orders` (every file staged before the first is renamed into place), sets the
    /// reports of the orders in `reset` to their new state, and reopens a finished voyage.
    /// The caller holds the voyage's lock.
    pub(super) fn write_changes(
        &self,
        voyage: &mut Voyage,
        orders: &[&Order],
        reset: &[&Order],
    ) -> Result<(), StoreError> {
        let name = voyage.name.clone();
        let mut staged = orders
            .iter()
            .map(|o| Staged::new(&self.order_file(&name, o.id()), &to_json(o)))
            .collect::<Result<Vec<_>, _>>()?;
        if voyage.state == VoyageState::Finished && !reset.is_empty() {
            voyage.state = VoyageState::Open;
            staged.push(Staged::new(&self.voyage_file(&name), &to_json(voyage))?);
        }
        for file in staged {
            file.commit()?;
        }
        for order in reset {
            if let Some(mut report) = self.report::<serde_json::Value>(&name, order.id())? {
                report["state"] = serde_json::Value::from(order.state.as_str());
                self.write_report(&name, order.id(), &report)?;
            }
        }
        Ok(())
    }
}

fn position(name: &VoyageName, orders: &[Order], id: &OrderId) -> Result<usize, StoreError> {
    orders
        .iter()
        .position(|o| o.id() == id)
        .ok_or_else(|| StoreError::UnknownOrder {
            voyage: name.clone(),
            id: id.clone(),
        })
}

fn not_allowed(name: &VoyageName, order: &Order, change: Amendment) -> StoreError {
    StoreError::NotAllowed {
        voyage: name.clone(),
        id: order.id().clone(),
        state: order.state,
        change,
    }
}
