//! Removing an order, or a whole voyage's state.

use jiff::Timestamp;

use super::super::fs::{FileLock, remove_file, sync_parent};
use super::super::{RunLock, Store, StoreError};
use super::{not_allowed, position};
use crate::name::OrderId;
use crate::state::Amendment;
use crate::voyage::Order;

impl Store {
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
