//! Order reports: `.mso/voyages/<voyage>/reports/<order>.json`.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::gate::GateResult;
use crate::ports::ChangedFile;
use crate::role::Role;
use crate::state::OrderState;
use crate::voyage::Order;

mod hook;
mod result;

pub use hook::{HookBlock, HookFinding, HookOverride};
pub use result::AttemptResult;

/// What happened to an order, attempt by attempt. Written by the dispatcher after every step;
/// hooks of the order's crew add blocks and findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderReport {
    /// The voyage.
    pub voyage: String,
    /// The order id.
    pub order: String,
    /// Its title.
    pub title: String,
    /// Its role.
    pub role: Role,
    /// Its state when the report was last written.
    pub state: OrderState,
    /// Every attempt, oldest first.
    pub attempts: Vec<AttemptReport>,
    /// The voyage branch head after its work was merged.
    pub merged_head: Option<String>,
    /// Its crew changed nothing: it settled with nothing to merge (its state is `merged` so
    /// that its dependents go ahead, but no commit of it is in the voyage branch).
    #[serde(default)]
    pub nothing_to_merge: bool,
    /// Tool calls the pre-tool hook blocked (secrets, paths outside the worktree, content it
    /// cannot check).
    #[serde(default)]
    pub blocks: Vec<HookBlock>,
    /// Findings the hooks reported to the crew without blocking (code findings, secrets not
    /// confident enough to block).
    #[serde(default)]
    pub findings: Vec<HookFinding>,
    /// Suppressions that took effect (`scan.allow` entries, inline allows on lines of the
    /// voyage base), each also in the audit log as `scan.override`.
    #[serde(default)]
    pub overrides: Vec<HookOverride>,
}

/// One attempt of a crew at an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptReport {
    /// 1-based.
    pub number: u32,
    /// When the crew was dispatched.
    pub started_at: Timestamp,
    /// When the attempt ended (gates included).
    pub ended_at: Timestamp,
    /// Seconds the crew itself ran.
    pub crew_secs: f64,
    /// How it ended.
    pub result: AttemptResult,
    /// The agent's exit code.
    pub exit_code: Option<i32>,
    /// Money spent, when the agent reported it.
    pub cost_usd: Option<f64>,
    /// Turns taken, when the agent reported it.
    pub turns: Option<u32>,
    /// Tokens used, when the agent reported them.
    #[serde(default)]
    pub tokens: Option<crate::ports::Tokens>,
    /// Tool calls refused (permissions or hooks), when the agent reported them.
    #[serde(default)]
    pub denials: Option<u32>,
    /// The agent session.
    pub session_id: Option<String>,
    /// The commit of the crew's work.
    pub commit: Option<String>,
    /// The paths it changed.
    pub changed_files: Vec<ChangedFileReport>,
    /// The gates and their results.
    pub gates: Vec<GateResult>,
    /// The last lines of the setup command's output, if one ran.
    pub setup_output: Option<String>,
    /// The last lines of the crew's output.
    pub output_tail: String,
}

/// A changed path in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangedFileReport {
    /// The path.
    pub path: String,
    /// Lines added.
    pub added: u64,
    /// Lines removed.
    pub removed: u64,
    /// Whether it was deleted.
    pub deleted: bool,
}

impl From<&ChangedFile> for ChangedFileReport {
    fn from(c: &ChangedFile) -> Self {
        ChangedFileReport {
            path: c.path.clone(),
            added: c.added,
            removed: c.removed,
            deleted: c.deleted,
        }
    }
}

impl OrderReport {
    /// The report of `order` of `voyage` before anything happened to it: no attempt yet.
    #[must_use]
    pub fn new(voyage: &str, order: &Order) -> OrderReport {
        OrderReport {
            voyage: voyage.to_owned(),
            order: order.id().to_string(),
            title: order.spec.title.clone(),
            role: order.spec.role,
            state: order.state,
            attempts: Vec::new(),
            merged_head: None,
            nothing_to_merge: false,
            blocks: Vec::new(),
            findings: Vec::new(),
            overrides: Vec::new(),
        }
    }

    /// Total money spent over all attempts, if any attempt reported a cost.
    #[must_use]
    pub fn cost_usd(&self) -> Option<f64> {
        let costs: Vec<f64> = self.attempts.iter().filter_map(|a| a.cost_usd).collect();
        (!costs.is_empty()).then(|| costs.iter().sum())
    }

    /// Total seconds its crews ran.
    #[must_use]
    pub fn crew_secs(&self) -> f64 {
        // Folded from +0.0: `sum` of no f64 is -0.0, which prints as "-0".
        self.attempts
            .iter()
            .fold(0.0, |total, a| total + a.crew_secs)
    }

    /// Total tokens over all attempts, if any attempt reported them.
    #[must_use]
    pub fn tokens(&self) -> Option<crate::ports::Tokens> {
        self.attempts
            .iter()
            .filter_map(|a| a.tokens)
            .reduce(|a, b| crate::ports::Tokens {
                input: a.input + b.input,
                output: a.output + b.output,
            })
    }

    /// Total turns over all attempts, if any attempt reported them.
    #[must_use]
    pub fn turns(&self) -> Option<u32> {
        let turns: Vec<u32> = self.attempts.iter().filter_map(|a| a.turns).collect();
        (!turns.is_empty()).then(|| turns.iter().sum())
    }
}

/// What a voyage's crews cost altogether, from their reports.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    /// Dollars, when any crew reported a cost.
    pub cost_usd: Option<f64>,
    /// The crews' own time.
    pub duration_secs: f64,
    /// Model turns, when any crew reported them.
    pub turns: Option<u32>,
    /// Tokens, when any crew reported them.
    pub tokens: Option<crate::ports::Tokens>,
}

impl Totals {
    /// The sums over `reports` (orders without a report count for nothing).
    #[must_use]
    pub fn of(reports: &[Option<OrderReport>]) -> Totals {
        let mut totals = Totals::default();
        for report in reports.iter().flatten() {
            if let Some(c) = report.cost_usd() {
                totals.cost_usd = Some(totals.cost_usd.unwrap_or(0.0) + c);
            }
            totals.duration_secs += report.crew_secs();
            if let Some(t) = report.turns() {
                totals.turns = Some(totals.turns.unwrap_or(0) + t);
            }
            if let Some(t) = report.tokens() {
                let sum = totals.tokens.get_or_insert_with(Default::default);
                sum.input += t.input;
                sum.output += t.output;
            }
        }
        totals
    }
}

/// The voyage report in Markdown, also the pull request's body: each order with its state,
/// role, attempts, cost, time and changed files, and the gates that failed last.
#[must_use]
pub fn markdown(
    voyage: &crate::voyage::Voyage,
    orders: &[Order],
    reports: &[Option<OrderReport>],
    sandbox: crate::config::SandboxMode,
    voyage_budget_usd: Option<f64>,
) -> String {
    let mut text = format!(
        "# {}\n\nVoyage `{}` on branch `{}`",
        voyage.title, voyage.name, voyage.branch
    );
    text.push_str(&format!(
        ", from `{}` ({}).\n\n",
        voyage.base,
        &voyage.base_commit[..voyage.base_commit.len().min(12)]
    ));
    let merged = orders
        .iter()
        .filter(|o| o.state == OrderState::Merged)
        .count();
    let Totals {
        cost_usd: cost,
        duration_secs: secs,
        turns,
        tokens,
    } = Totals::of(reports);
    text.push_str(&format!("{merged} of {} orders merged", orders.len()));
    if let Some(cost) = cost {
        text.push_str(&format!(", ${cost:.2}"));
    }
    if let Some(turns) = turns {
        text.push_str(&format!(", {turns} turns"));
    }
    if let Some(t) = tokens {
        text.push_str(&format!(", {} tokens in / {} out", t.input, t.output));
    }
    text.push_str(&format!(", {secs:.0}s of crew time.\n\n"));
    if sandbox == crate::config::SandboxMode::Off {
        text.push_str("**Sandbox off** (`crews.sandbox: \"off\"`): crews, gates and setup commands ran with maestro's own rights, not contained by the operating system.\n\n");
    }
    if let Some(spent) = super::BudgetSpent::of(orders, voyage_budget_usd) {
        text.push_str(&format!(
            "**Budget spent**: ${:.2} of ${:.2} (`crews.voyageBudgetUsd`): no new crew starts.\n\n",
            spent.spent_usd, spent.budget_usd
        ));
    }
    text.push_str("| order | role | state | attempts | cost | time | files |\n|---|---|---|---|---|---|---|\n");
    for (order, report) in orders.iter().zip(reports) {
        let files = report
            .as_ref()
            .and_then(|r| r.attempts.last())
            .map_or(0, |a| a.changed_files.len());
        let state = if report.as_ref().is_some_and(|r| r.nothing_to_merge) {
            format!("{} (nothing to merge)", order.state)
        } else {
            order.state.to_string()
        };
        text.push_str(&format!(
            "| `{}` {} | {} | {} | {} | {} | {} | {} |\n",
            order.id(),
            order.spec.title.replace('|', "\\|"),
            order.spec.role,
            state,
            order.attempts,
            report
                .as_ref()
                .and_then(OrderReport::cost_usd)
                .map_or_else(|| "-".to_owned(), |c| format!("${c:.2}")),
            report
                .as_ref()
                .filter(|r| !r.attempts.is_empty())
                .map_or_else(|| "-".to_owned(), |r| format!("{:.0}s", r.crew_secs())),
            files
        ));
    }
    for (order, report) in orders.iter().zip(reports) {
        let Some(report) = report else { continue };
        let Some(last) = report.attempts.last() else {
            continue;
        };
        let failed: Vec<&GateResult> = last.gates.iter().filter(|g| !g.passed).collect();
        if order.state == OrderState::Merged || failed.is_empty() && report.blocks.is_empty() {
            continue;
        }
        text.push_str(&format!("\n## `{}`: {}\n\n", order.id(), last.result));
        for gate in failed {
            let tail: Vec<&str> = gate.output.lines().rev().take(10).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            text.push_str(&format!(
                "- gate `{}` failed:\n\n```\n{}\n```\n",
                gate.name,
                tail.join("\n")
            ));
        }
    }
    let waiting: Vec<&Order> = orders
        .iter()
        .filter(|o| o.state == OrderState::Waiting)
        .collect();
    if !waiting.is_empty() {
        text.push_str("\n## Waiting\n\n");
        for order in waiting {
            match &order.wait {
                Some(wait) => text.push_str(&format!(
                    "- `{}`: until {} ({}); resumed in its session then\n",
                    order.id(),
                    wait.until.strftime("%Y-%m-%d %H:%M:%S UTC"),
                    wait.reason
                )),
                None => text.push_str(&format!("- `{}`\n", order.id())),
            }
        }
    }
    let retried: Vec<(&Order, &OrderReport)> = orders
        .iter()
        .zip(reports)
        .filter_map(|(o, r)| r.as_ref().map(|r| (o, r)))
        .filter(|(_, r)| r.attempts.len() > 1)
        .collect();
    if !retried.is_empty() {
        text.push_str("\n## Retries\n\n");
        for (order, report) in retried {
            let results: Vec<String> = report
                .attempts
                .iter()
                .map(|a| format!("{}: {}", a.number, a.result))
                .collect();
            text.push_str(&format!("- `{}`: {}\n", order.id(), results.join("; ")));
        }
    }
    let overrides: Vec<(&Order, &HookOverride)> = orders
        .iter()
        .zip(reports)
        .filter_map(|(o, r)| r.as_ref().map(|r| (o, r)))
        .flat_map(|(o, r)| r.overrides.iter().map(move |v| (o, v)))
        .collect();
    if !overrides.is_empty() {
        text.push_str("\n## Suppressed findings\n\n");
        for (order, entry) in overrides {
            let f = &entry.finding;
            text.push_str(&format!(
                "- `{}`: {}:{} {} ({}), by {}\n",
                order.id(),
                f.path,
                f.line,
                f.rule_id,
                f.redacted,
                entry.by,
            ));
        }
    }
    text.push_str("\n---\nMade by maestro crews; every change was gated (scope, secret scan, acceptance checks) before merging.\n");
    text
}

/// Adds an attempt's cost and crew time to its order's totals.
pub(super) fn account(order: &mut Order, attempt: &AttemptReport) {
    if let Some(cost) = attempt.cost_usd {
        order.cost_usd = Some(order.cost_usd.unwrap_or(0.0) + cost);
    }
    order.duration_secs = Some(order.duration_secs.unwrap_or(0.0) + attempt.crew_secs);
}
