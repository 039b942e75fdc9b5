//! Orders in the store: `.mso/voyages/<voyage>/orders/<id>.json`.

use jiff::Timestamp;

use super::fs::{self, Staged, exists, read_json, to_json, write_atomic};
use super::{Store, StoreError};
use crate::dag::Dag;
use crate::name::{OrderId, VoyageName};
use crate::order::OrderSpec;
use crate::state::OrderState;
use crate::voyage::{Order, VoyageState};

impl Store {
    /// The orders of voyage `name`, in the order they were added.
    pub fn orders(&self, name: &VoyageName) -> Result<Vec<Order>, StoreError> {
        let _lock = self.voyage_lock(name, false)?;
        self.read_orders(name)
    }

    pub(super) fn read_orders(&self, name: &VoyageName) -> Result<Vec<Order>, StoreError> {
        let dir = self.orders_dir(name);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if fs::is_not_found(&e) => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::io("list", &dir, e)),
        };
        let mut orders: Vec<Order> = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| StoreError::io("list", &dir, e))?;
            let file_name = entry.file_name();
            let Some(stem) = file_name.to_str().and_then(|n| n.strip_suffix(".json")) else {
                continue;
            };
            if stem.starts_with('.') {
                continue;
            }
            let path = entry.path();
            let order: Order = read_json(&path)?;
            if order.id().as_str() != stem {
                return Err(StoreError::Corrupt {
                    path,
                    location: "at `spec.id`: ".to_owned(),
                    message: format!("the order id `{}` does not match the file name", order.id()),
                });
            }
            orders.push(order);
        }
        orders.sort_by_key(|o| o.position);
        Ok(orders)
    }

    /// Reads one order.
    pub fn order(&self, voyage: &VoyageName, id: &OrderId) -> Result<Order, StoreError> {
        let path = self.order_file(voyage, id);
        if !exists(&path)? {
            self.voyage(voyage)?;
            return Err(StoreError::UnknownOrder {
                voyage: voyage.clone(),
                id: id.clone(),
            });
        }
        read_json(&path)
    }

    /// Adds `specs` to voyage `name` in `state` (`pending`, or `proposed` for a plan).
    ///
    /// The orders are checked together with the voyage's existing ones (unique ids, known
    /// dependencies, no cycle) under the voyage's lock, and then all written, or none.
    pub fn add_orders(
        &self,
        name: &VoyageName,
        specs: Vec<OrderSpec>,
        state: OrderState,
        now: Timestamp,
    ) -> Result<Vec<Order>, StoreError> {
        let _lock = self.voyage_lock(name, true)?;
        let voyage = self.voyage(name)?;
        if voyage.state == VoyageState::Released {
            return Err(StoreError::Released {
                voyage: name.clone(),
            });
        }
        let existing = self.read_orders(name)?;
        for (index, spec) in specs.iter().enumerate() {
            if existing.iter().any(|o| o.id() == &spec.id) {
                return Err(StoreError::OrderExists {
                    voyage: name.clone(),
                    id: spec.id.clone(),
                    index,
                });
            }
        }
        let all: Vec<OrderSpec> = existing
            .iter()
            .map(|o| o.spec.clone())
            .chain(specs.iter().cloned())
            .collect();
        if let Err(error) = Dag::new(&all) {
            return Err(StoreError::Dag {
                voyage: name.clone(),
                // Existing orders were valid on their own, so duplicates and unknown
                // dependencies are always among the added ones.
                error: error.with_index(|i| i.saturating_sub(existing.len())),
            });
        }
        let first = existing.iter().map(|o| o.position + 1).max().unwrap_or(0);
        let orders: Vec<Order> = specs
            .into_iter()
            .zip(first..)
            .map(|(spec, position)| Order::new(spec, state, position, now))
            .collect();
        // Stage every file first, so a failure (disk full) leaves none of them behind.
        let staged = orders
            .iter()
            .map(|o| Staged::new(&self.order_file(name, o.id()), &to_json(o)))
            .collect::<Result<Vec<_>, _>>()?;
        for file in staged {
            file.commit()?;
        }
        Ok(orders)
    }

    /// Changes one order under its voyage's lock; `f`'s error aborts without writing.
    pub fn update_order<T, E: From<StoreError>>(
        &self,
        voyage: &VoyageName,
        id: &OrderId,
        f: impl FnOnce(&mut Order) -> Result<T, E>,
    ) -> Result<T, E> {
        let _lock = self.voyage_lock(voyage, true)?;
        let mut order = self.order(voyage, id)?;
        let out = f(&mut order)?;
        write_atomic(&self.order_file(voyage, id), &to_json(&order))?;
        Ok(out)
    }
}
