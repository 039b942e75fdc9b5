//! `maestro report <voyage> [--format md|json]`.

use maestro_core::dispatch::report::{
    HookBlock, HookFinding, HookOverride, OrderReport, Totals, markdown,
};
use serde::Serialize;

use crate::cli::{ReportArgs, ReportFormat};
use crate::commands::Outcome;
use crate::output;
use crate::render::OrderRow;
use maestro_cli::workspace::Workspace;

#[derive(Serialize)]
struct ReportOrder<'a> {
    #[serde(flatten)]
    row: OrderRow<'a>,
    turns: Option<u32>,
    tokens: Option<maestro_core::ports::Tokens>,
    denials: Option<u32>,
    changed_files: &'a [maestro_core::dispatch::report::ChangedFileReport],
    gates: &'a [maestro_core::dispatch::gate::GateResult],
    nothing_to_merge: bool,
    blocks: &'a [HookBlock],
    findings: &'a [HookFinding],
    overrides: &'a [HookOverride],
    attempts_detail: &'a [maestro_core::dispatch::report::AttemptReport],
}

#[derive(Serialize)]
struct ReportJson<'a> {
    voyage: &'a str,
    title: &'a str,
    branch: &'a str,
    state: &'static str,
    pr_url: Option<&'a str>,
    sandbox: &'static str,
    /// Set once `crews.voyageBudgetUsd` is spent: no new crew starts.
    budget_spent: Option<maestro_core::dispatch::BudgetSpent>,
    orders: Vec<ReportOrder<'a>>,
    totals: Totals,
}

/// Prints the voyage report: Markdown, or JSON with `--format json` or the global `--json`.
pub fn run(out: crate::output::Output, args: &ReportArgs) -> anyhow::Result<Outcome> {
    let ws = Workspace::discover()?;
    let (voyage, orders, reports) = ws.voyage_with_reports(&args.voyage)?;
    let format = if out.json {
        ReportFormat::Json
    } else {
        args.format
    };
    match format {
        ReportFormat::Md => output::data(&markdown(
            &voyage,
            &orders,
            &reports,
            ws.config.crews.sandbox,
            ws.config.crews.voyage_budget_usd,
        ))?,
        ReportFormat::Json => {
            // An order no crew has run yet has no report: it shows as one with no attempt.
            let filled: Vec<std::borrow::Cow<'_, OrderReport>> = orders
                .iter()
                .zip(&reports)
                .map(|(order, report)| match report {
                    Some(report) => std::borrow::Cow::Borrowed(report),
                    None => std::borrow::Cow::Owned(OrderReport::new(voyage.name.as_str(), order)),
                })
                .collect();
            let rows: Vec<ReportOrder> = orders
                .iter()
                .zip(filled.iter().map(AsRef::as_ref))
                .map(|(order, report)| {
                    let last = report.attempts.last();
                    let mut row = OrderRow::from(order);
                    row.fill_from_report(report);
                    ReportOrder {
                        row,
                        turns: report.turns(),
                        tokens: report.tokens(),
                        denials: report
                            .attempts
                            .iter()
                            .filter_map(|a| a.denials)
                            .reduce(|a, b| a + b),
                        changed_files: last.map_or(&[], |a| a.changed_files.as_slice()),
                        gates: last.map_or(&[], |a| a.gates.as_slice()),
                        nothing_to_merge: report.nothing_to_merge,
                        blocks: &report.blocks,
                        findings: &report.findings,
                        overrides: &report.overrides,
                        attempts_detail: &report.attempts,
                    }
                })
                .collect();
            output::json(&ReportJson {
                voyage: voyage.name.as_str(),
                title: &voyage.title,
                branch: &voyage.branch,
                state: voyage.state.as_str(),
                pr_url: voyage.pr_url.as_deref(),
                sandbox: ws.config.crews.sandbox.as_str(),
                budget_spent: maestro_core::dispatch::BudgetSpent::of(
                    &orders,
                    ws.config.crews.voyage_budget_usd,
                ),
                orders: rows,
                totals: Totals::of(&reports),
            })?;
        }
    }
    Ok(Outcome::Clean)
}
