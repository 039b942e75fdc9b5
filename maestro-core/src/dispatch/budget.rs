//! The voyage's budget (`crews.voyageBudgetUsd`): once its crews spent it, no new crew starts.

use super::{DispatchError, Dispatcher};
use crate::voyage::Order;

/// A voyage's budget, spent.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct BudgetSpent {
    /// What its crews spent, in US dollars.
    pub spent_usd: f64,
    /// Its budget, in US dollars.
    pub budget_usd: f64,
}

impl BudgetSpent {
    /// Whether `orders` spent `budget` (`crews.voyageBudgetUsd`) or more, and how much.
    #[must_use]
    pub fn of(orders: &[Order], budget: Option<f64>) -> Option<BudgetSpent> {
        let budget_usd = budget?;
        let spent_usd: f64 = orders.iter().filter_map(|o| o.cost_usd).sum();
        (spent_usd >= budget_usd).then_some(BudgetSpent {
            spent_usd,
            budget_usd,
        })
    }
}

impl Dispatcher {
    /// Audits that the voyage's budget is spent: no crew starts any more.
    pub(super) fn budget_spent(&self, spent: BudgetSpent) -> Result<(), DispatchError> {
        tracing::warn!(
            "the voyage's budget is spent (${:.2} of ${:.2}): no new crew starts",
            spent.spent_usd,
            spent.budget_usd
        );
        self.shared
            .audit_voyage(
                "voyage.budget",
                serde_json::json!({"spent_usd": spent.spent_usd, "budget_usd": spent.budget_usd}),
            )
            .map_err(DispatchError::Audit)
    }
}
