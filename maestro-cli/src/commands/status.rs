//! `maestro status`: orders with their state as stored, and the dependency graph.

use maestro_core::persona::{Words, capitalise};
use maestro_core::{Dag, Order, OrderSpec, OrderState, Voyage};

use crate::cli::StatusArgs;
use crate::commands::Outcome;
use crate::render::VoyageOrders;
use crate::render::orders_table;
use std::io::IsTerminal as _;

use crate::output::{self, Output};
use maestro_cli::workspace::Workspace;

/// `maestro status [<voyage>] [--watch]`.
pub fn run(out: Output, args: &StatusArgs) -> anyhow::Result<Outcome> {
    if !args.watch {
        return show(out, args);
    }
    // Redrawn in place on a terminal; elsewhere printed again only when something changed.
    let terminal = std::io::stdout().is_terminal() && !out.json;
    let ws = Workspace::discover()?;
    let mut last = String::new();
    loop {
        // One read per tick: the settled check and the text see the same states.
        let (voyages, orders) = load(&ws, args)?;
        let settled = orders.iter().flatten().all(|o| o.state.is_settled());
        let text = if out.json {
            // One JSON document per change, as `status --json` prints it.
            serde_json::to_string_pretty(&machine(&ws, args, &voyages, &orders))?
        } else {
            render(&ws, &voyages, &orders)
        };
        if text != last {
            if terminal {
                output::data(&format!("\x1b[2J\x1b[H{text}"))?;
            } else {
                output::data(&text)?;
            }
            last = text;
        }
        if settled {
            return Ok(Outcome::Clean);
        }
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}

fn show(out: Output, args: &StatusArgs) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let (voyages, orders) = load(&ws, args)?;
    if out.json {
        output::json(&machine(&ws, args, &voyages, &orders))?;
        return Ok(Outcome::Clean);
    }
    if voyages.is_empty() {
        out.info(&format!("no {} yet", ws.words().voyages))?;
        return Ok(Outcome::Clean);
    }
    output::data(&render(&ws, &voyages, &orders))?;
    Ok(Outcome::Clean)
}

/// The voyages `args` names (all by default) and their orders.
fn load(ws: &Workspace, args: &StatusArgs) -> anyhow::Result<(Vec<Voyage>, Vec<Vec<Order>>)> {
    let voyages: Vec<Voyage> = match &args.voyage {
        Some(name) => vec![ws.store.voyage(name)?],
        None => ws.store.voyages()?,
    };
    let orders = voyages
        .iter()
        .map(|v| ws.store.orders(&v.name))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((voyages, orders))
}

/// The status of `voyages` and their `orders` as text.
fn render(ws: &Workspace, voyages: &[Voyage], orders: &[Vec<Order>]) -> String {
    let words = ws.words();
    let mut text = String::new();
    if ws.config.crews.sandbox == maestro_core::config::SandboxMode::Off {
        text.push_str(&format!(
            "sandbox: off (crews.sandbox): {} run with your own rights, not contained by the operating system\n\n",
            words.crews
        ));
    }
    for (voyage, orders) in voyages.iter().zip(orders) {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&format!(
            "{} {} ({}) on {}: {}\n",
            capitalise(words.voyage),
            voyage.name,
            voyage.state.as_str(),
            voyage.branch,
            summary(orders, words)
        ));
        if let Some(spent) =
            maestro_core::dispatch::BudgetSpent::of(orders, ws.config.crews.voyage_budget_usd)
        {
            text.push_str(&crate::render::budget_line(&spent, words.crew));
            text.push('\n');
        }
        for order in orders.iter().filter(|o| o.state == OrderState::Waiting) {
            if let Some(wait) = &order.wait {
                text.push_str(&format!(
                    "{} {} waits: {} (until {})\n",
                    words.order,
                    order.id(),
                    wait.reason,
                    crate::render::timestamp(wait.until)
                ));
            }
        }
        for order in orders
            .iter()
            .filter(|o| matches!(o.state, OrderState::Running | OrderState::Gating))
        {
            if let Some(p) = &order.placement {
                text.push_str(&format!(
                    "{} {} runs as {} job {} on {}\n",
                    words.order,
                    order.id(),
                    p.executor,
                    p.job,
                    p.node.as_deref().unwrap_or("a node not picked yet")
                ));
            }
        }
        text.push_str(&orders_table(words.orders, orders));
        if orders.iter().any(|o| !o.spec.depends_on.is_empty()) {
            text.push_str(&graph(orders));
        }
    }
    text
}

/// `status --json`: the voyage asked for, or every voyage.
fn machine<'a>(
    ws: &Workspace,
    args: &StatusArgs,
    voyages: &'a [Voyage],
    orders: &'a [Vec<Order>],
) -> StatusJson<'a> {
    let mut rows: Vec<VoyageOrders> = voyages
        .iter()
        .zip(orders)
        .map(|(v, o)| {
            VoyageOrders::new(v.name.as_str(), o)
                .with_sandbox(ws.config.crews.sandbox)
                .with_budget(o, ws.config.crews.voyage_budget_usd)
        })
        .collect();
    if args.voyage.is_some() && rows.len() == 1 {
        return StatusJson::One(rows.remove(0));
    }
    StatusJson::All(AllVoyages { voyages: rows })
}

#[derive(serde::Serialize)]
#[serde(untagged)]
enum StatusJson<'a> {
    One(VoyageOrders<'a>),
    All(AllVoyages<'a>),
}

/// `status --json` without a voyage.
#[derive(serde::Serialize)]
struct AllVoyages<'a> {
    voyages: Vec<VoyageOrders<'a>>,
}

/// `3 orders: 1 merged, 2 pending`.
fn summary(orders: &[Order], words: &Words) -> String {
    let counts: Vec<String> = OrderState::ALL
        .iter()
        .filter_map(|state| {
            let n = orders.iter().filter(|o| o.state == *state).count();
            (n > 0).then(|| format!("{n} {state}"))
        })
        .collect();
    match orders.len() {
        0 => format!("no {}", words.orders),
        1 => format!("1 {}: {}", words.order, counts.join(", ")),
        n => format!("{n} {}: {}", words.orders, counts.join(", ")),
    }
}

/// The dependency graph in dependency order, one order per line with what it waits for.
fn graph(orders: &[Order]) -> String {
    let specs: Vec<OrderSpec> = orders.iter().map(|o| o.spec.clone()).collect();
    let Ok(dag) = Dag::new(&specs) else {
        // Stored voyages are validated when orders are added; a hand-edited one may not be.
        return "\ndependency graph: invalid (check the order files)\n".to_owned();
    };
    let width = orders
        .iter()
        .map(|o| o.id().as_str().len())
        .max()
        .unwrap_or(0);
    let mut text = String::from("\ndependency graph:\n");
    for &i in dag.topological() {
        let deps = dag.dependencies(i);
        if deps.is_empty() {
            text.push_str(&format!("  {}\n", dag.id(i)));
        } else {
            let names: Vec<String> = deps
                .iter()
                .map(|&d| format!("{} [{}]", dag.id(d), orders[d].state))
                .collect();
            text.push_str(&format!(
                "  {:<width$}  <- {}\n",
                dag.id(i).as_str(),
                names.join(", ")
            ));
        }
    }
    text
}
