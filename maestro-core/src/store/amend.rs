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

use std::collections::HashMap;

use jiff::Timestamp;

use super::fs::{FileLock, Staged, remove_file, sync_parent, to_json};
use super::{RunLock, Store, StoreError};
use crate::dag::{Dag, DagError};
use crate::name::{OrderId, VoyageName};
use crate::order::{AcceptanceCheck, OrderSpec, validate_spec};
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

    fn apply(&self, spec: &mut OrderSpec) {
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
    fn reshape(&self, name: &VoyageName) -> Result<(FileLock, Voyage, Vec<Order>), StoreError> {
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
    fn write_changes(
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

    /// Removes order `id` of the voyage `held` holds, with its report and logs. Refused for a
    /// merged order and one whose crew is at work, and while other orders depend on it (they
    /// are named). `before` runs once everything is checked and before anything is removed,
    /// under the voyage's lock (the caller removes the order's worktree and branch there); its
    /// error aborts the removal.
    pub fn remove_order<E: From<StoreError>>(
        &self,
        held: &RunLock,
        id: &OrderId,
        before: impl FnOnce(&Order) -> Result<(), E>,
    ) -> Result<Order, E> {
        let name = held.voyage();
        let (_lock, _voyage, orders) = self.reshape(name)?;
        let i = position(name, &orders, id)?;
        let order = &orders[i];
        if !order.state.allows(Amendment::Remove) {
            return Err(not_allowed(name, order, Amendment::Remove).into());
        }
        let dependents: Vec<OrderId> = orders
            .iter()
            .filter(|o| o.spec.depends_on.contains(id))
            .map(|o| o.id().clone())
            .collect();
        if !dependents.is_empty() {
            return Err(StoreError::HasDependents {
                voyage: name.clone(),
                id: id.clone(),
                dependents,
            }
            .into());
        }
        before(order)?;
        // The order file first: once it is gone, the order is.
        remove_file(&self.order_file(name, id))?;
        let logs = self.voyage_dir(name).join("logs");
        for path in [
            self.report_path(name, id),
            logs.join(format!("{id}.jsonl")),
            logs.join(format!("{id}.pid")),
        ] {
            remove_file(&path)?;
        }
        Ok(order.clone())
    }

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
            error: match error {
                DagError::DuplicateId { id, index } => DagError::DuplicateId {
                    id,
                    index: in_file(index),
                },
                DagError::UnknownDependency {
                    order,
                    index,
                    position,
                    dependency,
                } => DagError::UnknownDependency {
                    order,
                    index: in_file(index),
                    position,
                    dependency,
                },
                other => other,
            },
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

    /// Removes the state of the voyage `held` holds, `.mso/voyages/<name>/` (orders, reports,
    /// logs), for good; the run lock goes with it. Its branches and worktrees are the caller's
    /// business (git is not the store's), to be removed first, so a failure there leaves the
    /// voyage in place to try again.
    ///
    /// The directory is first renamed out of the way (to a hidden name no listing reads), so
    /// the voyage disappears at once, even if a crash interrupts the deletion.
    pub fn remove_voyage(&self, held: RunLock) -> Result<(), StoreError> {
        let name = held.voyage().clone();
        let _workspace = FileLock::exclusive(&self.dir.join(".lock"))?;
        let lock = self.voyage_lock(&name, true)?;
        let dir = self.voyage_dir(&name);
        let stamp = Timestamp::now().as_nanosecond();
        let trash = self
            .voyages_dir()
            .join(format!(".removed-{name}-{}-{stamp}", std::process::id()));
        std::fs::rename(&dir, &trash).map_err(|e| StoreError::io("remove", &dir, e))?;
        sync_parent(&dir)?;
        drop(lock);
        drop(held);
        if let Err(e) = std::fs::remove_dir_all(&trash) {
            // The voyage is gone already; what is left is a hidden directory no command reads.
            tracing::warn!("cannot delete {}: {e}", trash.display());
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
