//! `maestro voyage new|import|list|show|remove`.

use std::path::Path;

use maestro_core::orders_file::{Field, ParsedOrders};
use maestro_core::persona::capitalise;
use maestro_core::{Order, OrderState, StoreError, Voyage, VoyageName};
use serde::Serialize;

use crate::commands::Outcome;
use crate::output::{self, Output, Table};
use crate::render::orders_table;
use crate::render::{OrderRow, timestamp};
use maestro_cli::wiring::GitBranches;
use maestro_cli::workspace::Workspace;

/// `maestro voyage new`.
pub fn new(
    out: Output,
    name: &VoyageName,
    base: &str,
    title: Option<String>,
) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let voyage = ws.store.create_voyage(
        name,
        title,
        base,
        &GitBranches(&ws.repo),
        jiff::Timestamp::now(),
    )?;
    maestro_cli::audit::record(
        &ws,
        "voyage.create",
        voyage.name.as_str(),
        maestro_audit::Details::new()
            .with("branch", voyage.branch.as_str())
            .with("base", voyage.base.as_str())
            .with("base_commit", voyage.base_commit.as_str()),
    )?;
    if out.json {
        output::json(&voyage)?;
    } else {
        out.info(&format!(
            "created {} {} on branch {} at {} ({})",
            ws.words().voyage,
            voyage.name,
            voyage.branch,
            &voyage.base_commit[..voyage.base_commit.len().min(12)],
            voyage.base
        ))?;
    }
    Ok(Outcome::Clean)
}

/// `maestro voyage import [--replace]`.
pub fn import(
    out: Output,
    name: &VoyageName,
    file: &Path,
    replace: bool,
) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    // Check the voyage before reading the file, so a typo in its name is the error shown.
    ws.store.voyage(name)?;
    let parsed = ParsedOrders::load(file)?;
    if replace {
        return import_replacing(out, &ws, name, &parsed);
    }
    let added = match ws.store.add_orders(
        name,
        parsed.specs.clone(),
        OrderState::Pending,
        jiff::Timestamp::now(),
    ) {
        Ok(added) => added,
        // Conflicts with the voyage's existing orders are located in the file too.
        Err(StoreError::OrderExists { voyage, id, index }) => {
            return Err(parsed
                .error_at(
                    index,
                    Field::Id,
                    format!("order `{id}` already exists in voyage `{voyage}`"),
                )
                .into());
        }
        Err(StoreError::Dag { error, .. }) => return Err(parsed.dag_error(&error).into()),
        Err(other) => return Err(other.into()),
    };
    let ids: Vec<&str> = added.iter().map(|o| o.id().as_str()).collect();
    if out.json {
        output::json(&serde_json::json!({ "voyage": name, "added": ids }))?;
    } else {
        let words = ws.words();
        out.info(&format!(
            "imported {} {} into {} {}: {}",
            ids.len(),
            if ids.len() == 1 {
                words.order
            } else {
                words.orders
            },
            words.voyage,
            name,
            ids.join(", ")
        ))?;
    }
    Ok(Outcome::Clean)
}

/// `maestro voyage import --replace`: the voyage's orders of the same id are replaced.
fn import_replacing(
    out: Output,
    ws: &Workspace,
    name: &VoyageName,
    parsed: &ParsedOrders,
) -> anyhow::Result<Outcome> {
    let held = ws.store.hold_voyage(name)?;
    let mut chain = maestro_cli::audit::open_chain(ws.store.dir(), &ws.config)?;
    let done = match ws
        .store
        .replace_orders(&held, parsed.specs.clone(), jiff::Timestamp::now())
    {
        Ok(done) => done,
        // Located in the file, as other conflicts with the voyage's orders are.
        Err(e @ StoreError::NotReplaceable { index, .. }) => {
            return Err(parsed.error_at(index, Field::Id, e.to_string()).into());
        }
        Err(StoreError::Dag { error, .. }) => return Err(parsed.dag_error(&error).into()),
        Err(other) => return Err(other.into()),
    };
    for reset in &done.replaced {
        chain
            .append(
                &maestro_audit::Event::new(
                    "cli",
                    "order.replace",
                    format!("{name}/{}", reset.order.id()),
                )
                .with_details(
                    maestro_audit::Details::new()
                        .with("from", reset.from.as_str())
                        .with("file", maestro_cli::workspace::display_path(&parsed.file)),
                ),
            )
            .map_err(|e| anyhow::Error::new(e).context("cannot record order.replace"))?;
    }
    maestro_cli::audit::record_resets(&mut chain, name, &[], &done.unblocked)?;
    drop(held);
    let ids = |orders: Vec<&Order>| -> Vec<String> {
        orders.iter().map(|o| o.id().to_string()).collect()
    };
    let added = ids(done.added.iter().collect());
    let replaced = ids(done.replaced.iter().map(|r| &r.order).collect());
    let unchanged = ids(done.unchanged.iter().collect());
    let unblocked = ids(done.unblocked.iter().map(|r| &r.order).collect());
    if out.json {
        output::json(&serde_json::json!({
            "voyage": name,
            "added": added,
            "replaced": replaced,
            "unchanged": unchanged,
            "unblocked": unblocked,
        }))?;
        return Ok(Outcome::Clean);
    }
    let words = ws.words();
    let mut parts = Vec::new();
    for (what, list) in [
        ("added", &added),
        (
            "replaced (back to pending, with a fresh attempt budget)",
            &replaced,
        ),
        ("unchanged", &unchanged),
        ("back to pending, nothing blocks them any more", &unblocked),
    ] {
        if !list.is_empty() {
            parts.push(format!("{what}: {}", list.join(", ")));
        }
    }
    out.info(&format!(
        "imported {} into {} {name}: {}",
        maestro_cli::workspace::display_path(&parsed.file),
        words.voyage,
        parts.join("; ")
    ))?;
    Ok(Outcome::Clean)
}

/// `maestro voyage remove <name> [--branch]`.
pub fn remove(out: Output, name: &VoyageName, delete_branch: bool) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let voyage = ws.store.voyage(name)?;
    let held = ws.store.hold_voyage(name)?;
    let branch_commit = if delete_branch {
        if let Some(path) = maestro_cli::discard::checked_out(&ws, &voyage.branch)? {
            anyhow::bail!(
                "cannot delete branch {} of voyage `{name}`: it is checked out in {} (switch to another branch there first)",
                voyage.branch,
                path.display()
            );
        }
        ws.repo.branch_commit(&voyage.branch)?
    } else {
        None
    };
    let orders = ws.store.orders(name)?.len();
    let mut chain = maestro_cli::audit::open_chain(ws.store.dir(), &ws.config)?;
    let discarded = maestro_cli::discard::crews(&ws, &voyage, None)?;
    if let Some(commit) = branch_commit {
        ws.repo.delete_branch(&voyage.branch, commit)?;
    }
    ws.store.remove_voyage(held)?;
    chain
        .append(
            &maestro_audit::Event::new("cli", "voyage.remove", name.as_str()).with_details(
                maestro_audit::Details::new()
                    .with("orders", orders)
                    .with("worktrees_removed", discarded.worktrees.len())
                    .with("crew_branches_deleted", discarded.branches.join(","))
                    .with("branch", voyage.branch.as_str())
                    .with("branch_deleted", branch_commit.is_some())
                    .with(
                        "branch_commit",
                        branch_commit.map(|c| c.to_string()).unwrap_or_default(),
                    ),
            ),
        )
        .map_err(|e| anyhow::Error::new(e).context("cannot record voyage.remove"))?;
    if out.json {
        output::json(&serde_json::json!({
            "voyage": name,
            "orders": orders,
            "worktrees": discarded.worktrees,
            "branches": discarded.branches,
            "branch": voyage.branch,
            "branch_deleted": branch_commit.is_some(),
        }))?;
        return Ok(Outcome::Clean);
    }
    let words = ws.words();
    out.info(&format!(
        "removed {} {name}: {orders} {}, {} worktree(s), {} crew branch(es)",
        words.voyage,
        if orders == 1 {
            words.order
        } else {
            words.orders
        },
        discarded.worktrees.len(),
        discarded.branches.len()
    ))?;
    for kept in &discarded.kept {
        out.info(kept)?;
    }
    out.info(&match branch_commit {
        Some(commit) => format!(
            "deleted branch {} (was {})",
            voyage.branch,
            &commit.to_string()[..12]
        ),
        None if delete_branch => format!("branch {} did not exist", voyage.branch),
        None => format!("kept branch {} (--branch deletes it too)", voyage.branch),
    })?;
    Ok(Outcome::Clean)
}

#[derive(Serialize)]
struct VoyageRow<'a> {
    name: &'a str,
    title: &'a str,
    state: &'static str,
    branch: &'a str,
    base: &'a str,
    base_commit: &'a str,
    pr_url: Option<&'a str>,
    created_at: String,
}

/// A voyage in `voyage list --json`: its fields and how many orders it has.
#[derive(Serialize)]
struct VoyageCount<'a> {
    #[serde(flatten)]
    voyage: VoyageRow<'a>,
    orders: usize,
}

/// A voyage in `voyage show --json`: its fields and its orders.
#[derive(Serialize)]
struct VoyageDetail<'a> {
    #[serde(flatten)]
    voyage: VoyageRow<'a>,
    orders: Vec<OrderRow<'a>>,
}

#[derive(Serialize)]
struct VoyageList<'a> {
    voyages: Vec<VoyageCount<'a>>,
}

impl<'a> VoyageRow<'a> {
    fn new(voyage: &'a Voyage) -> Self {
        VoyageRow {
            name: voyage.name.as_str(),
            title: &voyage.title,
            state: voyage.state.as_str(),
            branch: &voyage.branch,
            base: &voyage.base,
            base_commit: &voyage.base_commit,
            pr_url: voyage.pr_url.as_deref(),
            created_at: timestamp(voyage.created_at),
        }
    }
}

/// `maestro voyage list`.
pub fn list(out: Output) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let voyages = ws.store.voyages()?;
    let counts = voyages
        .iter()
        .map(|v| ws.store.orders(&v.name).map(|o| o.len()))
        .collect::<Result<Vec<_>, _>>()?;
    if out.json {
        let voyages = voyages
            .iter()
            .zip(&counts)
            .map(|(v, n)| VoyageCount {
                voyage: VoyageRow::new(v),
                orders: *n,
            })
            .collect();
        output::json(&VoyageList { voyages })?;
        return Ok(Outcome::Clean);
    }
    let words = ws.words();
    if voyages.is_empty() {
        out.info(&format!(
            "no {} yet (create one with `maestro voyage new <name>`)",
            words.voyages
        ))?;
        return Ok(Outcome::Clean);
    }
    let mut table = Table::new(&[
        "NAME",
        "STATE",
        &capitalise(words.orders).to_uppercase(),
        "BRANCH",
        "TITLE",
    ]);
    for (voyage, n) in voyages.iter().zip(&counts) {
        table.row(vec![
            voyage.name.to_string(),
            voyage.state.as_str().to_owned(),
            n.to_string(),
            voyage.branch.clone(),
            voyage.title.clone(),
        ]);
    }
    output::data(&table.render())?;
    Ok(Outcome::Clean)
}

/// `maestro voyage show`.
pub fn show(out: Output, name: &VoyageName) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let voyage = ws.store.voyage(name)?;
    let orders = ws.store.orders(name)?;
    if out.json {
        output::json(&VoyageDetail {
            voyage: VoyageRow::new(&voyage),
            orders: orders.iter().map(OrderRow::from).collect(),
        })?;
        return Ok(Outcome::Clean);
    }
    let words = ws.words();
    let mut text = format!(
        "{} {}: {}\nstate:   {}\nbranch:  {} (from {} at {})\ncreated: {}\n",
        capitalise(words.voyage),
        voyage.name,
        voyage.title,
        voyage.state.as_str(),
        voyage.branch,
        voyage.base,
        &voyage.base_commit[..voyage.base_commit.len().min(12)],
        timestamp(voyage.created_at),
    );
    if let Some(url) = &voyage.pr_url {
        text.push_str(&format!("pull request: {url}\n"));
    }
    text.push('\n');
    text.push_str(&orders_table(words.orders, &orders));
    output::data(&text)?;
    Ok(Outcome::Clean)
}
