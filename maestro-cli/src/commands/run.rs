//! `maestro run <voyage> [--max-crews N] [--dry-run]`.

use std::collections::BTreeMap;
use std::io::IsTerminal as _;
use std::time::Duration;

use anyhow::Context as _;
use maestro_core::OrderState;
use maestro_core::config::SandboxMode;
use maestro_core::dispatch::preview::{Hold, Preview};
use maestro_core::dispatch::{Event, RunOptions, Summary, validate};
use tokio::sync::{mpsc, watch};

use maestro_cli::crews;

use crate::cli::RunArgs;
use crate::commands::Outcome;
use crate::output::{self, Output};
use maestro_cli::workspace::Workspace;

/// Dispatches the voyage; exit code 0 when every order merged, 1 otherwise.
pub fn run(out: Output, args: &RunArgs) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let voyage = ws.store.voyage(&args.voyage)?;
    let (entitlements, licence) = crews::entitlements(&ws)?;
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
        maestro_cli::licence::save(&ws, &licence)?;
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
    let (events_tx, events_rx) = mpsc::unbounded_channel();
    let options = RunOptions {
        max_crews: args.max_crews,
        ..RunOptions::default()
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    // A remote executor's control channel starts listening as the dispatcher is made.
    let entered = runtime.enter();
    let dispatcher = crews::dispatcher(
        &ws,
        voyage,
        entitlements,
        &licence,
        &options,
        Some(events_tx),
    )?;
    if ws.config.crews.sandbox == SandboxMode::Off {
        warn_unsandboxed();
    }
    out.info(&format!(
        "running {} {} with up to {} at once",
        words.voyage,
        args.voyage,
        crews(dispatcher.concurrency(), words)
    ))?;
    drop(entered);
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
            text.push_str(&format!("  {}", crate::render::cost(line.cost_usd)));
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
            crate::render::budget_line(spent, ws.words().crew)
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
            |a| a.result.to_string(),
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
