//! What `maestro run` would do with a voyage, without running anything (`run --dry-run`, and
//! `run` itself to say that there is nothing to run).

use crate::dag::Dag;
use crate::name::OrderId;
use crate::role::Role;
use crate::state::OrderState;
use crate::voyage::{Order, blockers};

/// Why a run leaves an order alone.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Hold {
    /// Proposed by a Planner: it waits for `maestro plan <voyage> --approve`.
    Proposed,
    /// It failed: it runs again once `maestro order retry` puts it back to pending.
    Failed,
    /// It is blocked by these orders (failed or blocked themselves; for a releaser, any other
    /// order): it runs again once they are retried.
    Blocked(Vec<OrderId>),
    /// It is pending, but these orders it waits for are failed or blocked: the run would block
    /// it.
    WouldBlock(Vec<OrderId>),
}

/// An order a run leaves alone, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    /// The order.
    pub order: OrderId,
    /// Why.
    pub hold: Hold,
}

/// What a run of a voyage would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    /// The orders it would dispatch, in waves (with unlimited crews): each wave depends only on
    /// earlier ones or on merged orders, releaser orders last. Orders a previous run left in
    /// flight (running, gating, conflict, interrupted, waiting) are taken up again, so they
    /// count.
    pub waves: Vec<Vec<OrderId>>,
    /// The orders it would not dispatch, in dependency order.
    pub held: Vec<Held>,
    /// The orders merged already.
    pub merged: Vec<OrderId>,
}

impl Preview {
    /// The preview of `orders`, whose graph is `dag` (see [`super::validate`]).
    #[must_use]
    pub fn of(orders: &[Order], dag: &Dag) -> Preview {
        let mut states: Vec<OrderState> = orders.iter().map(|o| o.state).collect();
        let mut held: Vec<Option<Hold>> = vec![None; orders.len()];
        let ids = |indices: Vec<usize>| -> Vec<OrderId> {
            indices
                .into_iter()
                .map(|i| orders[i].id().clone())
                .collect()
        };
        // Releasers last: whether they are blocked depends on every other order.
        let topological: Vec<usize> = dag
            .topological()
            .iter()
            .copied()
            .filter(|&i| orders[i].spec.role != Role::Releaser)
            .chain(
                dag.topological()
                    .iter()
                    .copied()
                    .filter(|&i| orders[i].spec.role == Role::Releaser),
            )
            .collect();
        for &i in &topological {
            held[i] = match states[i] {
                OrderState::Merged => None,
                OrderState::Proposed => Some(Hold::Proposed),
                OrderState::Failed => Some(Hold::Failed),
                OrderState::Blocked => Some(Hold::Blocked(ids(blockers(orders, dag, &states, i)))),
                OrderState::Pending
                | OrderState::Running
                | OrderState::Gating
                | OrderState::Conflict
                | OrderState::Interrupted
                | OrderState::Waiting => {
                    let by = blockers(orders, dag, &states, i);
                    if by.is_empty() {
                        None
                    } else {
                        states[i] = OrderState::Blocked;
                        Some(Hold::WouldBlock(ids(by)))
                    }
                }
            };
        }
        let runs = |i: usize| held[i].is_none() && orders[i].state != OrderState::Merged;
        let mut level = vec![0usize; orders.len()];
        for &i in dag.topological() {
            level[i] = dag
                .dependencies(i)
                .iter()
                .filter(|&&d| runs(d))
                .map(|&d| level[d] + 1)
                .max()
                .unwrap_or(0);
        }
        let last = (0..orders.len())
            .filter(|&i| runs(i) && orders[i].spec.role != Role::Releaser)
            .map(|i| level[i] + 1)
            .max()
            .unwrap_or(0);
        let mut preview = Preview::default();
        for &i in dag.topological() {
            if orders[i].state == OrderState::Merged {
                preview.merged.push(orders[i].id().clone());
            } else if let Some(hold) = held[i].take() {
                preview.held.push(Held {
                    order: orders[i].id().clone(),
                    hold,
                });
            } else {
                let l = if orders[i].spec.role == Role::Releaser {
                    level[i].max(last)
                } else {
                    level[i]
                };
                if preview.waves.len() <= l {
                    preview.waves.resize(l + 1, Vec::new());
                }
                preview.waves[l].push(orders[i].id().clone());
            }
        }
        preview.waves.retain(|w| !w.is_empty());
        preview
    }

    /// Whether the run would dispatch any crew.
    #[must_use]
    pub fn runs_anything(&self) -> bool {
        !self.waves.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;

    use super::*;
    use crate::order::OrderSpec;

    fn orders(specs: serde_json::Value, states: &[OrderState]) -> (Vec<Order>, Dag) {
        let specs: Vec<OrderSpec> = serde_json::from_value(specs).expect("valid");
        let dag = Dag::new(&specs).expect("valid graph");
        let orders = specs
            .into_iter()
            .zip(states)
            .zip(0..)
            .map(|((s, &state), i)| Order::new(s, state, i, Timestamp::UNIX_EPOCH))
            .collect();
        (orders, dag)
    }

    fn names(ids: &[OrderId]) -> Vec<&str> {
        ids.iter().map(OrderId::as_str).collect()
    }

    #[test]
    fn failed_and_blocked_orders_are_no_wave() {
        use OrderState::{Blocked, Failed, Merged, Pending, Proposed};
        let (orders, dag) = orders(
            serde_json::json!([
                {"id": "db", "title": "D", "role": "builder"},
                {"id": "api", "title": "A", "role": "builder", "depends_on": ["db"]},
                {"id": "docs", "title": "Do", "role": "tester", "depends_on": ["api"]},
                {"id": "ui", "title": "U", "role": "builder"},
                {"id": "ux", "title": "X", "role": "builder", "depends_on": ["ui"]},
                {"id": "idea", "title": "I", "role": "builder"},
                {"id": "ship", "title": "S", "role": "releaser"},
                {"id": "web", "title": "W", "role": "builder", "depends_on": ["db"]},
            ]),
            &[
                Merged, Failed, Blocked, Pending, Pending, Proposed, Pending, Pending,
            ],
        );
        let preview = Preview::of(&orders, &dag);
        let waves: Vec<Vec<&str>> = preview.waves.iter().map(|w| names(w)).collect();
        // `web` waits only for the merged `db`: it runs with `ui`, in the first wave.
        assert_eq!(waves, vec![vec!["ui", "web"], vec!["ux"]]);
        assert_eq!(names(&preview.merged), ["db"]);
        let held: Vec<(&str, &Hold)> = preview
            .held
            .iter()
            .map(|h| (h.order.as_str(), &h.hold))
            .collect();
        let id = |s: &str| -> OrderId { s.parse().expect("valid") };
        assert_eq!(
            held,
            vec![
                ("api", &Hold::Failed),
                ("docs", &Hold::Blocked(vec![id("api")])),
                ("idea", &Hold::Proposed),
                ("ship", &Hold::WouldBlock(vec![id("api"), id("docs")])),
            ]
        );
        assert!(preview.runs_anything());
    }

    #[test]
    fn a_failure_blocks_the_whole_chain_below_it() {
        use OrderState::{Failed, Pending};
        let (orders, dag) = orders(
            serde_json::json!([
                {"id": "a", "title": "A", "role": "builder"},
                {"id": "b", "title": "B", "role": "builder", "depends_on": ["a"]},
                {"id": "c", "title": "C", "role": "tester", "depends_on": ["b"]},
            ]),
            &[Failed, Pending, Pending],
        );
        let preview = Preview::of(&orders, &dag);
        assert!(!preview.runs_anything());
        let id = |s: &str| -> OrderId { s.parse().expect("valid") };
        assert_eq!(
            preview.held.last().map(|h| &h.hold),
            Some(&Hold::WouldBlock(vec![id("b")]))
        );
    }
}
