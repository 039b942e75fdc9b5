//! Order reports: `.mso/voyages/<voyage>/reports/<order>.json`.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::gate::GateResult;
use crate::ports::ChangedFile;
use crate::role::Role;
use crate::state::OrderState;

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
    /// Writes the pre-tool hook blocked (secrets, paths outside the worktree).
    #[serde(default)]
    pub blocks: Vec<serde_json::Value>,
    /// Code findings the post-tool hook fed back to the crew.
    #[serde(default)]
    pub findings: Vec<serde_json::Value>,
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
    /// How it ended: `passed`, `agent failed`, `timed out`, `setup failed`, `gates failed`,
    /// `interrupted`, `error`.
    pub result: String,
    /// The agent's exit code.
    pub exit_code: Option<i32>,
    /// Money spent, when the agent reported it.
    pub cost_usd: Option<f64>,
    /// Turns taken, when the agent reported it.
    pub turns: Option<u32>,
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
    /// Total money spent over all attempts, if any attempt reported a cost.
    #[must_use]
    pub fn cost_usd(&self) -> Option<f64> {
        let costs: Vec<f64> = self.attempts.iter().filter_map(|a| a.cost_usd).collect();
        (!costs.is_empty()).then(|| costs.iter().sum())
    }

    /// Total seconds its crews ran.
    #[must_use]
    pub fn crew_secs(&self) -> f64 {
        self.attempts.iter().map(|a| a.crew_secs).sum()
    }

    /// Total turns over all attempts, if any attempt reported them.
    #[must_use]
    pub fn turns(&self) -> Option<u32> {
        let turns: Vec<u32> = self.attempts.iter().filter_map(|a| a.turns).collect();
        (!turns.is_empty()).then(|| turns.iter().sum())
    }
}
