//! `maestro order add|list`.

use maestro_core::order::validate_spec;
use maestro_core::{AcceptanceCheck, OrderSpec, OrderState, VoyageName};

use crate::cli::OrderAddArgs;
use crate::commands::voyage::orders_table;
use crate::commands::{OrderRow, Outcome, VoyageOrders};
use crate::output::{self, Output};
use crate::workspace::Workspace;

/// `maestro order add`.
pub fn add(out: Output, args: OrderAddArgs) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let voyage = args.voyage;
    let spec = OrderSpec {
        id: args.id,
        title: args.title,
        role: args.role,
        prompt: args.prompt,
        depends_on: args.depends_on,
        scope: (!args.scope.is_empty()).then_some(args.scope),
        agent: None,
        accept: args
            .accept
            .into_iter()
            .map(|command| {
                if command.trim().is_empty() {
                    anyhow::bail!("--accept must not be empty");
                }
                Ok(AcceptanceCheck::Run {
                    command,
                    timeout_secs: None,
                })
            })
            .collect::<anyhow::Result<_>>()?,
    };
    validate_spec(&spec).map_err(|e| anyhow::anyhow!("--{}: {}", e.field, e.message))?;
    let added = ws.store.add_orders(
        &voyage,
        vec![spec],
        OrderState::Pending,
        jiff::Timestamp::now(),
    )?;
    let order = &added[0];
    if out.json {
        output::json(&OrderRow::from(order))?;
    } else {
        let words = ws.words();
        out.info(&format!(
            "added {} {} ({}) to {} {}",
            words.order,
            order.id(),
            order.spec.role,
            words.voyage,
            voyage
        ))?;
    }
    Ok(Outcome::Clean)
}

/// `maestro order list`.
pub fn list(out: Output, voyage: &VoyageName) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let orders = ws.store.orders(voyage)?;
    if out.json {
        output::json(&VoyageOrders::new(voyage.as_str(), &orders))?;
    } else {
        output::data(&orders_table(ws.words().orders, &orders))?;
    }
    Ok(Outcome::Clean)
}
