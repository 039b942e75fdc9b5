//! What commands print about voyages and orders: the rows of their machine output, the orders
//! table, and the few words for durations, costs, states and budgets.

use maestro_core::{Order, OrderId};
use serde::Serialize;

use crate::output::Table;

/// One order in machine output (`order list`, `status`, `voyage show`).
#[derive(Debug, Serialize)]
pub struct OrderRow<'a> {
    id: &'a str,
    title: &'a str,
    role: &'static str,
    state: &'static str,
    depends_on: Vec<&'a str>,
    attempts: u32,
    cost_usd: Option<f64>,
    duration_secs: Option<f64>,
    /// While it waits out a limit of the model's API: until when, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    wait: Option<&'a maestro_core::voyage::Wait>,
    /// Where its latest crew runs or ran when a remote executor placed it: the job and node.
    #[serde(skip_serializing_if = "Option::is_none")]
    placement: Option<&'a maestro_core::ports::Placement>,
}

impl OrderRow<'_> {
    /// Cost and crew time from the order's report, when the order record has none.
    pub fn fill_from_report(&mut self, report: &maestro_core::dispatch::report::OrderReport) {
        if self.cost_usd.is_none() {
            self.cost_usd = report.cost_usd();
        }
        if self.duration_secs.is_none() && !report.attempts.is_empty() {
            self.duration_secs = Some(report.crew_secs());
        }
    }
}

impl<'a> From<&'a Order> for OrderRow<'a> {
    fn from(order: &'a Order) -> Self {
        OrderRow {
            id: order.id().as_str(),
            title: &order.spec.title,
            role: order.spec.role.as_str(),
            state: order.state.as_str(),
            depends_on: order.spec.depends_on.iter().map(OrderId::as_str).collect(),
            attempts: order.attempts,
            cost_usd: order.cost_usd,
            duration_secs: order.duration_secs,
            wait: order.wait.as_ref(),
            placement: order.placement.as_ref(),
        }
    }
}

/// `{"voyage": …, "orders": […]}`, the shape of `order list` and `status`.
#[derive(Debug, Serialize)]
pub struct VoyageOrders<'a> {
    voyage: &'a str,
    /// `"off"` when crews run unsandboxed (`crews.sandbox`); absent when they are sandboxed.
    #[serde(skip_serializing_if = "Option::is_none")]
    sandbox: Option<&'static str>,
    /// Set once the voyage's budget (`crews.voyageBudgetUsd`) is spent: no new crew starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    budget_spent: Option<maestro_core::dispatch::BudgetSpent>,
    orders: Vec<OrderRow<'a>>,
}

impl<'a> VoyageOrders<'a> {
    /// The rows of `orders` of voyage `voyage`.
    pub fn new(voyage: &'a str, orders: &'a [Order]) -> Self {
        VoyageOrders {
            voyage,
            sandbox: None,
            budget_spent: None,
            orders: orders.iter().map(OrderRow::from).collect(),
        }
    }

    /// Says whether the voyage's budget is spent, for `crews.voyageBudgetUsd` = `budget`.
    #[must_use]
    pub fn with_budget(mut self, orders: &[Order], budget: Option<f64>) -> Self {
        self.budget_spent = maestro_core::dispatch::BudgetSpent::of(orders, budget);
        self
    }

    /// Says that crews run unsandboxed when `mode` is `off`.
    #[must_use]
    pub fn with_sandbox(mut self, mode: maestro_core::config::SandboxMode) -> Self {
        self.sandbox = (mode == maestro_core::config::SandboxMode::Off).then_some(mode.as_str());
        self
    }
}

/// `1.5s`, `2m03s`, `1h02m` or `-`.
pub fn duration(secs: Option<f64>) -> String {
    let Some(secs) = secs else {
        return "-".to_owned();
    };
    // Display only: whole seconds are precise enough, and durations are far below u64::MAX.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let whole = secs.max(0.0).round() as u64;
    match whole {
        0..60 => format!("{secs:.1}s"),
        60..3600 => format!("{}m{:02}s", whole / 60, whole % 60),
        _ => format!("{}h{:02}m", whole / 3600, (whole % 3600) / 60),
    }
}

/// `$0.42` or `-`.
pub fn cost(usd: Option<f64>) -> String {
    usd.map_or_else(|| "-".to_owned(), |c| format!("${c:.2}"))
}

/// An order's state, with the time it goes on when it waits out a limit of the model's API:
/// `waiting until 20:03:05 UTC`.
pub fn state(order: &Order) -> String {
    match &order.wait {
        Some(wait) if order.state == maestro_core::OrderState::Waiting => {
            format!("waiting until {}", wait.until.strftime("%H:%M:%S UTC"))
        }
        _ => order.state.to_string(),
    }
}

/// `budget spent: $1.20 of $1.00 (crews.voyageBudgetUsd): no new crew starts`.
pub fn budget_line(spent: &maestro_core::dispatch::BudgetSpent, crew: &str) -> String {
    format!(
        "budget spent: ${:.2} of ${:.2} (crews.voyageBudgetUsd): no new {crew} starts",
        spent.spent_usd, spent.budget_usd
    )
}

/// A timestamp to the second, e.g. `2026-11-24T10:00:00Z`.
pub fn timestamp(ts: jiff::Timestamp) -> String {
    ts.round(jiff::Unit::Second).unwrap_or(ts).to_string()
}

/// The orders of a voyage as a table, or a line saying there are none.
pub fn orders_table(orders_word: &str, orders: &[Order]) -> String {
    if orders.is_empty() {
        return format!("no {orders_word} yet\n");
    }
    let mut table = Table::new(&[
        "ID",
        "ROLE",
        "STATE",
        "ATTEMPTS",
        "COST",
        "TIME",
        "DEPENDS ON",
        "TITLE",
    ]);
    for order in orders {
        let deps: Vec<&str> = order.spec.depends_on.iter().map(OrderId::as_str).collect();
        table.row(vec![
            order.id().to_string(),
            order.spec.role.to_string(),
            state(order),
            order.attempts.to_string(),
            cost(order.cost_usd),
            duration(order.duration_secs),
            if deps.is_empty() {
                "-".to_owned()
            } else {
                deps.join(",")
            },
            order.spec.title.clone(),
        ]);
    }
    table.render()
}

/// What a licence tier allows, e.g. `3 crews; roles planner, builder`.
pub fn allowance(entitlements: &maestro_licence::Entitlements) -> String {
    let crews = entitlements.max_crews;
    format!(
        "{crews} {}; roles {}",
        if crews == 1 { "crew" } else { "crews" },
        entitlements.roles.join(", ")
    )
}
