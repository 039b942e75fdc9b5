//! `maestro plan <voyage> "<goal>"` and `maestro plan <voyage> --approve`.

use anyhow::Context as _;
use maestro_core::{OrderState, StoreError, planner};

use crate::cli::PlanArgs;
use crate::commands::Outcome;
use crate::output::{self, Output};
use crate::render::orders_table;
use maestro_cli::workspace::Workspace;

/// Runs the Planner or approves its orders.
pub fn run(out: Output, args: &PlanArgs) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    ws.store.voyage(&args.voyage)?;
    if args.approve {
        return approve(out, &ws, args);
    }
    let goal = args.goal.as_deref().unwrap_or_default();
    let existing: Vec<String> = ws
        .store
        .orders(&args.voyage)?
        .iter()
        .map(|o| o.id().to_string())
        .collect();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let (_stop_tx, stop) = tokio::sync::watch::channel(false);
    let answer = runtime
        .block_on(maestro_cli::crews::propose(
            &ws,
            &args.voyage,
            goal,
            &existing,
            stop,
        ))
        .context("the Planner crew failed")?;
    let refused = |reason: String| -> anyhow::Result<Outcome> {
        crate::output::data(&format!("refused the Planner's orders: {reason}"))?;
        Ok(Outcome::Problem)
    };
    let (entitlements, licence) = maestro_cli::crews::entitlements(&ws)?;
    let orders = match planner::review(answer, &entitlements) {
        Ok(orders) => orders,
        Err(refusal) => return refused(refusal.to_string()),
    };
    let added = match ws.store.add_orders(
        &args.voyage,
        orders,
        OrderState::Proposed,
        jiff::Timestamp::now(),
    ) {
        Ok(added) => added,
        Err(e @ (StoreError::Dag { .. } | StoreError::OrderExists { .. })) => {
            return refused(e.to_string());
        }
        Err(e) => return Err(e.into()),
    };
    maestro_cli::licence::save(&ws, &licence)?;
    maestro_cli::audit::record(
        &ws,
        "plan.propose",
        args.voyage.as_str(),
        maestro_audit::Details::new().with("orders", added.len()),
    )?;
    if out.json {
        output::json(&crate::render::VoyageOrders::new(
            args.voyage.as_str(),
            &added,
        ))?;
    } else {
        output::data(&orders_table(ws.words().orders, &added))?;
    }
    out.info(&format!(
        "{} proposed; review them, then `maestro plan {} --approve`",
        added.len(),
        args.voyage
    ))?;
    Ok(Outcome::Clean)
}

fn approve(out: Output, ws: &Workspace, args: &PlanArgs) -> anyhow::Result<Outcome> {
    let proposed: Vec<_> = ws
        .store
        .orders(&args.voyage)?
        .into_iter()
        .filter(|o| o.state == OrderState::Proposed)
        .collect();
    for order in &proposed {
        ws.store.update_order(&args.voyage, order.id(), |o| {
            o.transition(OrderState::Pending, jiff::Timestamp::now())
                .map_err(|e| anyhow::anyhow!(e))
        })?;
    }
    if !proposed.is_empty() {
        maestro_cli::audit::record(
            ws,
            "plan.approve",
            args.voyage.as_str(),
            maestro_audit::Details::new().with("orders", proposed.len()),
        )?;
    }
    out.info(&format!("approved {} proposed order(s)", proposed.len()))?;
    Ok(Outcome::Clean)
}
