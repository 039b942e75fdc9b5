//! What a crew reports while it works: live progress, and limits of the model's API it waits
//! out itself.

use jiff::Timestamp;
use tokio::sync::mpsc;

use super::super::shared::Shared;
use crate::ports::{CrewProgress, PortError};
use crate::state::OrderState;
use crate::voyage::{Order, Wait};

/// Follows what a crew reports while it works: each model answer goes to the live progress
/// (and tells the shared back-off the API serves again); a limit the crew waits out itself
/// makes its order `waiting` until then and holds back every other crew meanwhile.
pub(super) async fn watch_crew(
    shared: &Shared,
    order: &Order,
    mut progress: mpsc::UnboundedReceiver<CrewProgress>,
) -> Result<(), PortError> {
    let id = order.id();
    let mut waiting = false;
    while let Some(event) = progress.recv().await {
        match event {
            CrewProgress::Work {
                turns, cost_usd, ..
            } => {
                shared.backoff().served(Timestamp::now());
                if waiting {
                    waiting = false;
                    shared.transition(id, OrderState::Running, |o| o.wait = None)?;
                }
                let now = shared.store.order(&shared.voyage.name, id)?;
                shared.work(&now, turns, cost_usd);
            }
            CrewProgress::Waiting(limit) => {
                let until =
                    shared
                        .backoff()
                        .refused(limit.until, Timestamp::now(), shared.options.backoff);
                let wait = Wait {
                    until,
                    reason: limit.reason,
                    in_crew: true,
                };
                if waiting {
                    let order = shared.store.update_order(&shared.voyage.name, id, |o| {
                        o.wait = Some(wait.clone());
                        Ok::<_, crate::store::StoreError>(o.clone())
                    })?;
                    shared.note(&order, String::new());
                } else {
                    waiting = true;
                    shared.transition(id, OrderState::Waiting, |o| o.wait = Some(wait))?;
                }
            }
            CrewProgress::Placed(placement) => {
                shared.store.update_order(&shared.voyage.name, id, |o| {
                    o.placement = Some(placement);
                    Ok::<_, crate::store::StoreError>(())
                })?;
            }
        }
    }
    // The crew ended: what follows is decided from how it ended, so the order is not shown
    // running in between.
    if waiting {
        shared.store.update_order(&shared.voyage.name, id, |o| {
            o.transition(OrderState::Running, Timestamp::now())?;
            o.wait = None;
            Ok::<_, super::super::DispatchError>(())
        })?;
    }
    Ok(())
}
