//! `maestro order add|list|retry|edit|remove`.

use maestro_cli::audit::{record_in, record_resets};
use maestro_core::order::validate_spec;
use maestro_core::state::Amendment;
use maestro_core::store::{OrderEdit, Reset};
use maestro_core::{AcceptanceCheck, OrderId, OrderSpec, OrderState, StoreError, VoyageName};
use serde::Serialize;

use crate::cli::{OrderAddArgs, OrderEditArgs, OrderRetryArgs};
use crate::commands::Outcome;
use crate::output::{self, Output};
use crate::render::orders_table;
use crate::render::{OrderRow, VoyageOrders};
use maestro_cli::discard::Discarded;
use maestro_cli::workspace::Workspace;

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
        accept: run_checks(args.accept)?,
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

/// The audit chain, opened before a change so that a log that cannot be written refuses the
/// change instead of leaving it unrecorded.
/// One order put back to pending, in machine output.
#[derive(Serialize)]
struct ResetRow<'a> {
    id: &'a str,
    from: &'static str,
    state: &'static str,
}

impl<'a> From<&'a Reset> for ResetRow<'a> {
    fn from(reset: &'a Reset) -> Self {
        ResetRow {
            id: reset.order.id().as_str(),
            from: reset.from.as_str(),
            state: reset.order.state.as_str(),
        }
    }
}

/// `maestro order retry <voyage> <order>... [--failed]`.
pub fn retry(out: Output, args: &OrderRetryArgs) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let voyage = &args.voyage;
    ws.store.voyage(voyage)?;
    let held = ws.store.hold_voyage(voyage)?;
    let mut chain = maestro_cli::audit::open_chain(ws.store.dir(), &ws.config)?;
    let done = ws
        .store
        .retry_orders(&held, &args.orders, args.failed, jiff::Timestamp::now())?;
    record_resets(&mut chain, voyage, &done.retried, &done.unblocked)?;
    drop(held);
    let words = ws.words();
    if out.json {
        output::json(&serde_json::json!({
            "voyage": voyage,
            "retried": done.retried.iter().map(ResetRow::from).collect::<Vec<_>>(),
            "unblocked": done.unblocked.iter().map(ResetRow::from).collect::<Vec<_>>(),
        }))?;
    } else if done.is_empty() {
        out.info(&format!(
            "no failed {} in {} {voyage}: nothing to retry",
            words.orders, words.voyage
        ))?;
    } else {
        for reset in &done.retried {
            out.info(&format!(
                "{} {}: {} -> pending, with a fresh attempt budget",
                words.order,
                reset.order.id(),
                reset.from
            ))?;
        }
        for reset in &done.unblocked {
            out.info(&format!(
                "{} {}: {} -> pending, nothing blocks it any more",
                words.order,
                reset.order.id(),
                reset.from
            ))?;
        }
        out.info(&format!("`maestro run {voyage}` dispatches them"))?;
    }
    Ok(Outcome::Clean)
}

/// `maestro order edit <voyage> <order> [--title T] [--prompt P] [--role R] …`.
pub fn edit(out: Output, args: OrderEditArgs) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let voyage = args.voyage;
    let accept = if args.no_accept {
        Some(Vec::new())
    } else if args.accept.is_empty() {
        None
    } else {
        Some(run_checks(args.accept)?)
    };
    let edit = OrderEdit {
        title: args.title,
        prompt: args.prompt,
        role: args.role,
        depends_on: (args.no_depends_on || !args.depends_on.is_empty()).then_some(args.depends_on),
        accept,
        scope: if args.no_scope {
            Some(None)
        } else {
            (!args.scope.is_empty()).then_some(Some(args.scope))
        },
    };
    ws.store.voyage(&voyage)?;
    let held = ws.store.hold_voyage(&voyage)?;
    let mut chain = maestro_cli::audit::open_chain(ws.store.dir(), &ws.config)?;
    let order = match ws
        .store
        .edit_order(&held, &args.order, &edit, jiff::Timestamp::now())
    {
        Ok(order) => order,
        // As `order add` says it: the option at fault.
        Err(StoreError::Spec { error, .. }) => {
            anyhow::bail!("--{}: {}", error.field, error.message)
        }
        Err(e) => return Err(e.into()),
    };
    let fields = edit.fields();
    record_in(
        &mut chain,
        "order.edit",
        &format!("{voyage}/{}", order.id()),
        maestro_audit::Details::new()
            .with("fields", fields.join(","))
            .with("state", order.state.as_str()),
    )?;
    drop(held);
    if out.json {
        output::json(&serde_json::json!({
            "voyage": voyage,
            "changed": fields,
            "order": OrderRow::from(&order),
        }))?;
    } else {
        let words = ws.words();
        let mut line = format!(
            "edited {} {} of {} {voyage}: {}",
            words.order,
            order.id(),
            words.voyage,
            fields.join(", ")
        );
        if order.state.allows(Amendment::Retry) {
            line.push_str(&format!(
                " (it stays {}: `maestro order retry {voyage} {}` puts it back to pending)",
                order.state,
                order.id()
            ));
        }
        out.info(&line)?;
    }
    Ok(Outcome::Clean)
}

/// `maestro order remove <voyage> <order>`.
pub fn remove(out: Output, voyage: &VoyageName, id: &OrderId) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let record_of = ws.store.voyage(voyage)?;
    let held = ws.store.hold_voyage(voyage)?;
    let mut chain = maestro_cli::audit::open_chain(ws.store.dir(), &ws.config)?;
    let mut discarded = Discarded::default();
    let order = ws.store.remove_order(&held, id, |order| {
        discarded = maestro_cli::discard::crews(&ws, &record_of, Some(order.id()))?;
        Ok::<_, anyhow::Error>(())
    })?;
    record_in(
        &mut chain,
        "order.remove",
        &format!("{voyage}/{id}"),
        maestro_audit::Details::new()
            .with("state", order.state.as_str())
            .with("worktrees_removed", discarded.worktrees.len())
            .with("branches_deleted", discarded.branches.join(",")),
    )?;
    drop(held);
    if out.json {
        output::json(&serde_json::json!({
            "voyage": voyage,
            "removed": id,
            "state": order.state.as_str(),
            "worktrees": discarded.worktrees,
            "branches": discarded.branches,
        }))?;
        return Ok(Outcome::Clean);
    }
    let words = ws.words();
    let mut line = format!(
        "removed {} {id} ({}) from {} {voyage}",
        words.order, order.state, words.voyage
    );
    if !discarded.worktrees.is_empty() {
        line.push_str(", and its worktree");
    }
    for branch in &discarded.branches {
        line.push_str(&format!(", and its branch {branch}"));
    }
    out.info(&line)?;
    for kept in &discarded.kept {
        out.info(kept)?;
    }
    Ok(Outcome::Clean)
}

/// `--accept` commands as acceptance checks.
fn run_checks(commands: Vec<String>) -> anyhow::Result<Vec<AcceptanceCheck>> {
    commands
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
        .collect()
}
