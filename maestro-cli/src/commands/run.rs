//! `maestro run <voyage> [--max-crews N] [--dry-run]`.

use std::collections::BTreeMap;
use std::io::IsTerminal as _;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use maestro_core::agent::{ClaudeAgent, ClaudeOptions, CommandAgent};
use maestro_core::config::{AgentKind, SandboxMode};
use maestro_core::dispatch::preview::{Hold, Preview};
use maestro_core::dispatch::{Dispatcher, Event, Ports, RunOptions, Summary, validate};
use maestro_core::mcp::crew_config;
use maestro_core::ports::{Agent, Entitlements};
use maestro_core::sandbox::Sandbox;
use maestro_core::{OrderState, Role};
use tokio::sync::{mpsc, watch};

use crate::cli::RunArgs;
use crate::commands::Outcome;
use crate::output::{self, Output};
use crate::wiring::{AuditPort, GitIsolation, ScanPort};
use crate::workspace::Workspace;

/// What the licence in force allows, in the dispatcher's terms, with the check to save (with
/// [`crate::commands::licence::save`]) once the command's other inputs proved valid.
pub fn entitlements(ws: &Workspace) -> anyhow::Result<(Entitlements, maestro_licence::Checked)> {
    let checked = crate::commands::licence::check(ws, false)?;
    let allowed = checked.licence.entitlements();
    let entitlements = Entitlements {
        tier: checked.licence.tier.as_str().to_owned(),
        max_crews: allowed.max_crews,
        roles: Role::ALL
            .into_iter()
            .filter(|r| allowed.allows_role(r.as_str()))
            .collect(),
    };
    Ok((entitlements, checked))
}

/// The sandbox crews run in: `None` when `crews.sandbox` is `off`; an error naming what is
/// missing when it is on and cannot be had (`run` refuses then).
pub fn sandbox(ws: &Workspace) -> anyhow::Result<Option<Sandbox>> {
    if ws.config.crews.sandbox == SandboxMode::Off {
        return Ok(None);
    }
    maestro_core::sandbox::check_available()?;
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    let sandbox = Sandbox::from_config(
        &ws.config,
        ws.repo.root(),
        ws.repo.common_dir(),
        home.as_deref(),
    )?;
    let credentials = maestro_core::sandbox::credential_variables(std::env::vars_os(), |value| {
        crate::output::redact(value).is_some()
    });
    Ok(Some(sandbox.withhold_env(credentials)))
}

/// The default agent of the workspace, running its crews in `sandbox`.
pub fn agent(
    ws: &Workspace,
    voyage: &maestro_core::VoyageName,
    grace: Duration,
    sandbox: Option<&Sandbox>,
) -> anyhow::Result<Arc<dyn Agent>> {
    let config = &ws.config;
    match config.agent.kind {
        AgentKind::Command => Ok(Arc::new(
            CommandAgent::from_config(&config.agent, grace).with_sandbox(sandbox.cloned()),
        )),
        AgentKind::Claude => {
            let exe = std::env::current_exe()
                .context("cannot locate the maestro binary for the hooks")?;
            let (_, servers) = crate::commands::mcp::classified(ws)?;
            let api_key = std::env::var(&config.anthropic.api_key_env).ok();
            let mcp_file = ws.store.voyage_dir(voyage).join("mcp.json");
            let agent = ClaudeAgent::new(ClaudeOptions {
                max_budget_usd: config.crews.max_budget_usd,
                hook_command: Some(format!("{} hook", exe.display())),
                mcp_config: Some(mcp_file.clone()),
                sandbox: sandbox.cloned(),
                config_dir: Some(claude_config_dir(ws)),
                grace,
                ..ClaudeOptions::from_config(config, api_key)
            })?;
            // Written only once everything else about the agent is known to be valid.
            std::fs::write(&mcp_file, crew_config(&servers).to_string())
                .with_context(|| format!("cannot write {}", mcp_file.display()))?;
            private_dir(&claude_config_dir(ws))?;
            Ok(Arc::new(agent))
        }
    }
}

/// Claude Code's configuration directory for the workspace's crews, `.mso/claude/`: their
/// transcripts stay with the workspace (an interrupted crew resumes from there, and they are
/// redacted there), and crews' sandboxed commands cannot read it.
pub fn claude_config_dir(ws: &Workspace) -> std::path::PathBuf {
    ws.store.dir().join("claude")
}

/// Creates `dir` readable by its owner only.
pub fn private_dir(dir: &std::path::Path) -> anyhow::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .with_context(|| format!("cannot create {}", dir.display()))
}

/// Dispatches the voyage; exit code 0 when every order merged, 1 otherwise.
pub fn run(out: Output, args: &RunArgs) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let voyage = ws.store.voyage(&args.voyage)?;
    let (entitlements, licence) = entitlements(&ws)?;
    let orders = ws.store.orders(&args.voyage)?;
    let dag = validate(args.voyage.as_str(), &orders, &entitlements)?;
    let words = ws.words();
    anyhow::ensure!(
        !orders.is_empty(),
        "{} `{}` has no {}: add some with `maestro voyage import` or `maestro order add`",
        words.voyage,
        args.voyage,
        words.orders
    );
    let preview = Preview::of(&orders, &dag);
    if args.dry_run {
        let plan = &preview.waves;
        crate::commands::licence::save(&ws, &licence)?;
        if out.json {
            output::json(
                &serde_json::json!({"voyage": args.voyage, "waves": plan.iter().map(|w| w.iter().map(maestro_core::OrderId::as_str).collect::<Vec<_>>()).collect::<Vec<_>>(), "held": preview.held.iter().map(|h| serde_json::json!({"id": h.order, "reason": hold_reason(&h.hold)})).collect::<Vec<_>>()}),
            )?;
        } else {
            let mut text = format!(
                "{} {}: {} {} in {} wave(s), at most {} at once ({} tier)\n",
                words.voyage,
                voyage.name,
                plan.iter().map(Vec::len).sum::<usize>(),
                words.orders,
                plan.len(),
                crews(
                    maestro_core::dispatch::concurrency(args.max_crews, &ws.config, &entitlements),
                    words
                ),
                entitlements.tier
            );
            for (i, wave) in plan.iter().enumerate() {
                let ids: Vec<&str> = wave.iter().map(maestro_core::OrderId::as_str).collect();
                text.push_str(&format!("  wave {}: {}\n", i + 1, ids.join(", ")));
            }
            if let Some(held) = held_orders(&args.voyage, &preview) {
                text.push_str(&format!("not run: {held}\n"));
            }
            output::data(&text)?;
        }
        return Ok(Outcome::Clean);
    }
    if !preview.runs_anything() {
        return nothing_to_run(out, &args.voyage, &preview, words);
    }

    // Everything that can refuse the run is checked before anything is written.
    let sandbox = sandbox(&ws)?;
    let scanner = ScanPort::new(&ws.config)?;
    let audit = AuditPort::open(ws.store.dir(), &ws.config)?;
    let options = RunOptions {
        max_crews: args.max_crews,
        sandbox: sandbox.clone(),
        ..RunOptions::default()
    };
    let agent = agent(&ws, &args.voyage, options.grace, sandbox.as_ref())?;
    crate::commands::licence::save(&ws, &licence)?;
    if sandbox.is_none() {
        warn_unsandboxed();
    }
    let ports = Ports {
        isolation: Arc::new(GitIsolation::new(ws.store.repo_root(), &ws.config)),
        agent,
        scanner: Arc::new(scanner),
        audit: Arc::new(audit),
    };
    let (events_tx, events_rx) = mpsc::unbounded_channel();
    let dispatcher = Dispatcher::new(
        ws.store.clone(),
        voyage,
        ws.config.clone(),
        ports,
        entitlements,
        options,
        Some(events_tx),
    );
    out.info(&format!(
        "running {} {} with up to {} at once",
        words.voyage,
        args.voyage,
        crews(dispatcher.concurrency(), words)
    ))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let summary = runtime.block_on(async move {
        let (stop_tx, stop_rx) = watch::channel(false);
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                let _ = stop_tx.send(true);
                // The sender lives until the run ends, so a dropped sender never reads as a stop.
                std::future::pending::<()>().await;
            }
        });
        let progress = tokio::spawn(show_progress(events_rx, out));
        let summary = dispatcher.run(stop_rx).await;
        let _ = progress.await;
        summary
    })?;
    print_summary(out, args.voyage.as_ref(), &summary)?;
    print_failures(&ws, &args.voyage, &summary)?;
    Ok(if summary.all_merged() {
        Outcome::Clean
    } else {
        Outcome::Problem
    })
}

/// Why a run leaves an order alone, in a few words.
fn hold_reason(hold: &Hold) -> String {
    let ids = |ids: &[maestro_core::OrderId]| {
        ids.iter()
            .map(maestro_core::OrderId::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match hold {
        Hold::Proposed => "proposed: waits for `maestro plan --approve`".to_owned(),
        Hold::Failed => "failed".to_owned(),
        Hold::Blocked(by) if by.is_empty() => "blocked".to_owned(),
        Hold::Blocked(by) => format!("blocked by {}", ids(by)),
        Hold::WouldBlock(by) => format!("would be blocked by {}", ids(by)),
        _ => "held".to_owned(),
    }
}

/// `a (failed), b (blocked by a)`, and what puts them back; `None` when nothing is held.
fn held_orders(voyage: &maestro_core::VoyageName, preview: &Preview) -> Option<String> {
    if preview.held.is_empty() {
        return None;
    }
    let listed: Vec<String> = preview
        .held
        .iter()
        .map(|h| format!("{} ({})", h.order, hold_reason(&h.hold)))
        .collect();
    let failed = preview.held.iter().any(|h| h.hold == Hold::Failed);
    Some(format!(
        "{}{}",
        listed.join(", "),
        if failed {
            format!(
                "; `maestro order retry {voyage} --failed` puts the failed ones and what they block back to pending"
            )
        } else {
            String::new()
        }
    ))
}

/// A run with no crew to dispatch says so in one line: exit code 0 when every order is
/// merged, 1 when some are failed, blocked or only proposed. Nothing is written.
#[allow(clippy::print_stderr)]
fn nothing_to_run(
    out: Output,
    voyage: &maestro_core::VoyageName,
    preview: &Preview,
    words: &maestro_core::persona::Words,
) -> anyhow::Result<Outcome> {
    let mut summary = Summary {
        merged: preview.merged.clone(),
        ..Summary::default()
    };
    for held in &preview.held {
        let list = match held.hold {
            Hold::Failed => &mut summary.failed,
            Hold::Blocked(_) | Hold::WouldBlock(_) => &mut summary.blocked,
            _ => &mut summary.waiting,
        };
        list.push(held.order.clone());
    }
    if out.json {
        print_summary(out, voyage.as_str(), &summary)?;
    }
    if summary.all_merged() {
        out.info(&format!(
            "{voyage}: every {} is merged already; nothing to run",
            words.order
        ))?;
        return Ok(Outcome::Clean);
    }
    eprintln!(
        "error: nothing to run in {} {voyage}: {}",
        words.voyage,
        held_orders(voyage, preview).unwrap_or_default()
    );
    Ok(Outcome::Problem)
}

#[allow(clippy::print_stderr)]
fn warn_unsandboxed() {
    eprintln!(
        "warning: crews.sandbox is \"off\": crews, gates and setup commands run with your own rights (recorded in the audit log's run.start)"
    );
}

/// `1 crew`, `5 crews`.
fn crews(n: u32, words: &maestro_core::persona::Words) -> String {
    format!("{n} {}", if n == 1 { words.crew } else { words.crews })
}

/// Live progress: one line per crew on a terminal, redrawn, its elapsed time ticking and its
/// turns and cost updated as the crew works; plain lines for each change otherwise.
async fn show_progress(mut events: mpsc::UnboundedReceiver<Event>, out: Output) {
    struct Line {
        bar: indicatif::ProgressBar,
        turns: Option<u32>,
        cost_usd: Option<f64>,
    }
    let terminal = std::io::stdout().is_terminal() && !out.json && !out.quiet;
    let bars = indicatif::MultiProgress::new();
    let style = indicatif::ProgressStyle::with_template("{spinner} {msg}  {elapsed}")
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
    let mut lines: BTreeMap<String, Line> = BTreeMap::new();
    while let Some(event) = events.recv().await {
        if !terminal {
            // A crew's turns are for the terminal; plain output gets each change once.
            if out.quiet || out.json || event.turns.is_some() {
                continue;
            }
            let text = if event.note.is_empty() {
                describe(&event)
            } else {
                format!("{:<16} {}", event.order.as_str(), event.note)
            };
            let _ = output::data(&text);
            continue;
        }
        let line = lines.entry(event.order.to_string()).or_insert_with(|| {
            let bar = bars.add(indicatif::ProgressBar::new_spinner().with_style(style.clone()));
            bar.enable_steady_tick(Duration::from_millis(200));
            Line {
                bar,
                turns: None,
                cost_usd: None,
            }
        });
        if event.state == OrderState::Pending {
            line.turns = None;
        }
        if event.turns.is_some() {
            line.turns = event.turns;
        }
        if event.cost_usd.is_some() {
            line.cost_usd = event.cost_usd;
        }
        let mut text = describe(&event);
        if let Some(turns) = line.turns {
            text.push_str(&format!("  {turns} turns"));
        }
        if line.cost_usd.is_some() {
            text.push_str(&format!("  {}", crate::commands::cost(line.cost_usd)));
        }
        line.bar.set_message(text);
        if matches!(
            event.state,
            OrderState::Merged | OrderState::Failed | OrderState::Blocked | OrderState::Interrupted
        ) {
            line.bar.finish();
        }
    }
}

fn describe(event: &Event) -> String {
    let mut text = format!(
        "{:<16} {:<9} {:<11} attempt {}",
        event.order.as_str(),
        event.role.as_str(),
        event.state.as_str(),
        event.attempt
    );
    if let (OrderState::Waiting, Some(wait)) = (event.state, &event.wait) {
        text.push_str(&format!(
            "  until {} ({})",
            wait.until.strftime("%H:%M:%S UTC"),
            wait.reason
        ));
    }
    if !event.note.is_empty() {
        text.push_str("  ");
        text.push_str(&event.note);
    }
    text
}

/// One line on stderr per order that did not merge, with why: the last attempt's result and
/// the first line of what its failed gate said.
#[allow(clippy::print_stderr)]
fn print_failures(
    ws: &Workspace,
    voyage: &maestro_core::VoyageName,
    summary: &Summary,
) -> anyhow::Result<()> {
    if let Some(keys) = &summary.config_changed {
        eprintln!(
            "error: {} changed while crews ran ({}); the run stopped (audited as config.change)",
            ws.store.config_path().display(),
            keys.join(", ")
        );
    }
    if let Some(spent) = &summary.budget_spent {
        eprintln!(
            "error: {}",
            crate::commands::budget_line(spent, ws.words().crew)
        );
    }
    for id in summary.failed.iter().chain(&summary.blocked) {
        let order = ws.store.order(voyage, id)?;
        let report: Option<maestro_core::dispatch::report::OrderReport> =
            ws.store.report(voyage, id)?;
        let last = report.as_ref().and_then(|r| r.attempts.last());
        let mut why = last.map_or_else(
            || {
                order
                    .feedback
                    .as_deref()
                    .and_then(|f| f.lines().next())
                    .unwrap_or("no attempt recorded")
                    .to_owned()
            },
            |a| a.result.clone(),
        );
        if let Some(gate) = last.and_then(|a| a.gates.iter().find(|g| !g.passed))
            && let Some(first) = gate.output.lines().find(|l| !l.trim().is_empty())
        {
            why.push_str(&format!(" ({}: {})", gate.name, first.trim()));
        }
        eprintln!(
            "error: order {id} {}: {}",
            order.state,
            crate::output::redacted(&why)
        );
    }
    Ok(())
}

fn print_summary(out: Output, voyage: &str, summary: &Summary) -> anyhow::Result<()> {
    fn list(ids: &[maestro_core::OrderId]) -> Vec<&str> {
        ids.iter().map(maestro_core::OrderId::as_str).collect()
    }
    if out.json {
        output::json(&serde_json::json!({
            "voyage": voyage,
            "merged": list(&summary.merged),
            "nothing_to_merge": list(&summary.unchanged),
            "config_changed": summary.config_changed,
            "failed": list(&summary.failed),
            "blocked": list(&summary.blocked),
            "interrupted": list(&summary.interrupted),
            "waiting": list(&summary.limited),
            "not_started": list(&summary.waiting),
            "budget_spent": summary.budget_spent,
            "stopped": summary.stopped,
        }))?;
        return Ok(());
    }
    let mut parts = vec![format!(
        "{} merged",
        summary.merged.len() - summary.unchanged.len()
    )];
    if !summary.unchanged.is_empty() {
        parts.push(format!(
            "{} with nothing to merge ({})",
            summary.unchanged.len(),
            list(&summary.unchanged).join(", ")
        ));
    }
    for (name, ids) in [
        ("failed", &summary.failed),
        ("blocked", &summary.blocked),
        ("interrupted", &summary.interrupted),
        ("waiting out an API limit", &summary.limited),
        ("not started", &summary.waiting),
    ] {
        if !ids.is_empty() {
            parts.push(format!("{} {name} ({})", ids.len(), list(ids).join(", ")));
        }
    }
    out.info(&format!("{voyage}: {}", parts.join(", ")))?;
    if summary.stopped {
        out.info(&format!("stopped; `maestro run {voyage}` resumes"))?;
    }
    Ok(())
}
