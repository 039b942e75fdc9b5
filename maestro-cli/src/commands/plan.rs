//! `maestro plan <voyage> "<goal>"` and `maestro plan <voyage> --approve`.

use std::time::Duration;

use anyhow::Context as _;
use maestro_core::agent::{ClaudeAgent, ClaudeOptions};
use maestro_core::order::validate_spec;
use maestro_core::{OrderState, OrdersFile, StoreError};

use crate::cli::PlanArgs;
use crate::commands::Outcome;
use crate::commands::voyage::orders_table;
use crate::output::{self, Output};
use crate::workspace::Workspace;

fn prompt(goal: &str, existing: &[String]) -> String {
    let mut text = format!(
        "Break this goal into orders for maestro crews, each a focused unit of work for one role \
         (builder, tester, scribe, security, releaser), with the dependencies between them and \
         acceptance checks a machine can run.\n\nGoal: {goal}\n"
    );
    if !existing.is_empty() {
        text.push_str(&format!(
            "\nThe voyage already has the orders {}: do not repeat them; new orders may depend on them.\n",
            existing.join(", ")
        ));
    }
    text.push_str("\nAnswer with the orders object only.");
    text
}

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
    let config = &ws.config;
    let api_key = std::env::var(&config.anthropic.api_key_env).ok();
    let exe = std::env::current_exe().context("cannot locate the maestro binary for the hooks")?;
    let planner = ClaudeAgent::new(ClaudeOptions {
        hook_command: Some(format!("{} hook", exe.display())),
        config_dir: Some(crate::commands::run::claude_config_dir(&ws)),
        ..ClaudeOptions::from_config(config, api_key)
    })?;
    let mut schema = serde_json::to_value(schemars::schema_for!(OrdersFile))?;
    // Claude Code validates `--json-schema` with a draft-07 validator that refuses the 2020-12
    // meta-schema URI; the schema itself uses nothing draft-07 lacks besides `$defs`, which it
    // accepts. maestro checks the answer itself below (typed parsing, DAG, roles).
    if let Some(object) = schema.as_object_mut() {
        object.remove("$schema");
    }
    crate::commands::run::private_dir(&crate::commands::run::claude_config_dir(&ws))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let (_stop_tx, stop) = tokio::sync::watch::channel(false);
    let env = vec![
        ("MAESTRO_ITER_MANAGED".to_owned(), "1".to_owned()),
        (
            "MAESTRO_WORKSPACE".to_owned(),
            ws.store.repo_root().display().to_string(),
        ),
        ("MAESTRO_VOYAGE".to_owned(), args.voyage.to_string()),
        // Its hooks judge by the workspace.json this command read.
        (
            maestro_core::hook::CONFIG_HASH_ENV.to_owned(),
            maestro_core::hook::config_hash(&std::fs::read(ws.store.config_path())?),
        ),
    ];
    let answer = runtime
        .block_on(planner.structured(
            &prompt(goal, &existing),
            &schema,
            ws.store.repo_root(),
            env,
            Duration::from_secs(config.crews.timeout_secs),
            stop,
        ))
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("the Planner crew failed")?;
    let refused = |reason: String| -> anyhow::Result<Outcome> {
        crate::output::data(&format!("refused the Planner's orders: {reason}"))?;
        Ok(Outcome::Problem)
    };
    let plan: OrdersFile = match serde_json::from_value(answer) {
        Ok(plan) => plan,
        Err(e) => return refused(format!("they do not match the orders schema: {e}")),
    };
    if plan.orders.is_empty() {
        return refused("the plan holds no orders".to_owned());
    }
    let (entitlements, licence) = crate::commands::run::entitlements(&ws)?;
    for spec in &plan.orders {
        if let Err(e) = validate_spec(spec) {
            return refused(format!("order `{}`: {e}", spec.id));
        }
        if !entitlements.allows(spec.role) {
            return refused(format!(
                "order `{}` needs the {} role, which the {} tier does not allow",
                spec.id, spec.role, entitlements.tier
            ));
        }
    }
    let added = match ws.store.add_orders(
        &args.voyage,
        plan.orders,
        OrderState::Proposed,
        jiff::Timestamp::now(),
    ) {
        Ok(added) => added,
        Err(e @ (StoreError::Dag { .. } | StoreError::OrderExists { .. })) => {
            return refused(e.to_string());
        }
        Err(e) => return Err(e.into()),
    };
    crate::commands::licence::save(&ws, &licence)?;
    crate::commands::audit::record(
        &ws,
        "plan.propose",
        args.voyage.as_str(),
        maestro_audit::Details::new().with("orders", added.len()),
    )?;
    if out.json {
        output::json(&crate::commands::VoyageOrders::new(
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
        crate::commands::audit::record(
            ws,
            "plan.approve",
            args.voyage.as_str(),
            maestro_audit::Details::new().with("orders", proposed.len()),
        )?;
    }
    out.info(&format!("approved {} proposed order(s)", proposed.len()))?;
    Ok(Outcome::Clean)
}
