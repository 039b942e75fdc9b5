//! How an attempt ended.

use serde::{Deserialize, Serialize};

/// How an attempt ended. Stored and shown as one line (`passed`, `interrupted`,
/// `paused: <reason>`, `conflict in <paths>: …`, or the failure's first line), which reads back
/// into the same value, so reports written before this type existed still read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum AttemptResult {
    /// Not ended yet.
    #[default]
    Running,
    /// Its gates passed.
    Passed,
    /// Stopped (Ctrl-C, a killed dispatcher); the order goes on later.
    Interrupted,
    /// The executor lost the crew (its node failed, its job was cancelled): run again.
    Lost {
        /// What the executor said.
        reason: String,
    },
    /// The model's API refused it for now; resumed when the limit passes.
    Paused {
        /// What the API said.
        reason: String,
    },
    /// Its change conflicted with work merged meanwhile.
    Conflict {
        /// The conflicting paths.
        paths: Vec<String>,
        /// Whether the order was dispatched again on the new head (a first conflict), or failed.
        redispatched: bool,
    },
    /// The agent, the setup or a gate failed.
    Failed {
        /// The first line of why.
        reason: String,
    },
}

const REDISPATCHED: &str = ": re-dispatched on the new voyage head";
const CONFLICT_FAILED: &str = ": failed";

impl std::fmt::Display for AttemptResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AttemptResult::Running => Ok(()),
            AttemptResult::Passed => f.write_str("passed"),
            AttemptResult::Interrupted => f.write_str("interrupted"),
            AttemptResult::Paused { reason } => write!(f, "paused: {reason}"),
            AttemptResult::Lost { reason } => write!(f, "lost: {reason}"),
            AttemptResult::Conflict {
                paths,
                redispatched: true,
            } => write!(f, "conflict in {}{REDISPATCHED}", paths.join(", ")),
            AttemptResult::Conflict {
                paths,
                redispatched: false,
            } => write!(f, "conflict again in {}{CONFLICT_FAILED}", paths.join(", ")),
            AttemptResult::Failed { reason } => f.write_str(reason),
        }
    }
}

impl AttemptResult {
    /// The value whose line is `text`.
    #[must_use]
    pub fn parse(text: &str) -> AttemptResult {
        let paths = |list: &str| list.split(", ").map(str::to_owned).collect();
        if let Some(list) = text
            .strip_prefix("conflict in ")
            .and_then(|rest| rest.strip_suffix(REDISPATCHED))
        {
            return AttemptResult::Conflict {
                paths: paths(list),
                redispatched: true,
            };
        }
        if let Some(list) = text
            .strip_prefix("conflict again in ")
            .and_then(|rest| rest.strip_suffix(CONFLICT_FAILED))
        {
            return AttemptResult::Conflict {
                paths: paths(list),
                redispatched: false,
            };
        }
        match text {
            "" => AttemptResult::Running,
            "passed" => AttemptResult::Passed,
            "interrupted" => AttemptResult::Interrupted,
            _ => {
                if let Some(reason) = text.strip_prefix("paused: ") {
                    AttemptResult::Paused {
                        reason: reason.to_owned(),
                    }
                } else if let Some(reason) = text.strip_prefix("lost: ") {
                    AttemptResult::Lost {
                        reason: reason.to_owned(),
                    }
                } else {
                    AttemptResult::Failed {
                        reason: text.to_owned(),
                    }
                }
            }
        }
    }
}

impl Serialize for AttemptResult {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for AttemptResult {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(AttemptResult::parse(&String::deserialize(deserializer)?))
    }
}
