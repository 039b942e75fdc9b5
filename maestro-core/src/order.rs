//! Orders: what a crew is asked to do, and how its result is accepted.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::name::OrderId;
use crate::role::Role;

/// The specification of one order, as written in an orders file or by `maestro order add`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderSpec {
    /// Unique within the voyage; becomes part of the crew's branch and worktree names.
    pub id: OrderId,
    /// A one-line summary.
    pub title: String,
    /// The crew's role.
    pub role: Role,
    /// What the crew is asked to do.
    #[serde(default)]
    pub prompt: String,
    /// Orders whose work must be merged before this one starts.
    #[serde(default)]
    pub depends_on: Vec<OrderId>,
    /// Glob patterns of the paths the crew may change; absent means anywhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Vec<String>>,
    /// Run this program instead of the workspace's default agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<AgentOverride>,
    /// Acceptance criteria, all of which must pass before the work is merged.
    #[serde(default)]
    pub accept: Vec<AcceptanceCheck>,
}

/// A per-order replacement of the default agent by a program (the `command` agent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgentOverride {
    /// Program and arguments, run in the crew's worktree with the prompt on stdin.
    #[schemars(length(min = 1))]
    pub command: Vec<String>,
}

/// One acceptance criterion of an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawCheck", into = "RawCheck")]
pub enum AcceptanceCheck {
    /// A shell command run in the worktree; exit code 0 passes.
    Run {
        /// The command line, run by `sh -c`.
        command: String,
        /// Seconds before the command is stopped and the check fails; `None` means
        /// [`AcceptanceCheck::DEFAULT_TIMEOUT_SECS`].
        timeout_secs: Option<u64>,
    },
    /// A path, relative to the worktree root, that must exist after the crew's work.
    PathExists(String),
    /// The change holds no secret and no code finding at or above `scan.blockSeverity`.
    ScanClean,
}

impl AcceptanceCheck {
    /// The timeout of a `run` check that names none.
    pub const DEFAULT_TIMEOUT_SECS: u64 = 600;

    /// A short human description, e.g. `run: cargo test`.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            AcceptanceCheck::Run { command, .. } => format!("run: {command}"),
            AcceptanceCheck::PathExists(path) => format!("path exists: {path}"),
            AcceptanceCheck::ScanClean => "scan clean".to_owned(),
        }
    }
}

/// The file form of an [`AcceptanceCheck`]: a table with exactly one of its keys.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    run: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    timeout_secs: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    path_exists: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scan_clean: Option<bool>,
}

impl TryFrom<RawCheck> for AcceptanceCheck {
    type Error = String;

    fn try_from(raw: RawCheck) -> Result<Self, Self::Error> {
        let given = [
            raw.run.is_some(),
            raw.path_exists.is_some(),
            raw.scan_clean.is_some(),
        ];
        if given.iter().filter(|g| **g).count() != 1 {
            return Err(
                "an acceptance check needs exactly one of `run`, `path_exists` or `scan_clean`"
                    .to_owned(),
            );
        }
        if raw.timeout_secs.is_some() && raw.run.is_none() {
            return Err("`timeout_secs` only applies to a `run` check".to_owned());
        }
        if let Some(command) = raw.run {
            if command.trim().is_empty() {
                return Err("`run` must not be empty".to_owned());
            }
            if raw.timeout_secs == Some(0) {
                return Err("`timeout_secs` must be at least 1".to_owned());
            }
            return Ok(AcceptanceCheck::Run {
                command,
                timeout_secs: raw.timeout_secs,
            });
        }
        if let Some(path) = raw.path_exists {
            return validate_relative_path(&path).map(|()| AcceptanceCheck::PathExists(path));
        }
        match raw.scan_clean {
            Some(true) => Ok(AcceptanceCheck::ScanClean),
            _ => Err("`scan_clean` must be true (remove the check to disable it)".to_owned()),
        }
    }
}

fn validate_relative_path(path: &str) -> Result<(), String> {
    let p = std::path::Path::new(path);
    if path.is_empty() {
        return Err("`path_exists` must not be empty".to_owned());
    }
    if !crate::stays_inside(p) {
        return Err(format!(
            "`path_exists` must be a path inside the worktree, not `{path}`"
        ));
    }
    Ok(())
}

impl From<AcceptanceCheck> for RawCheck {
    fn from(check: AcceptanceCheck) -> Self {
        match check {
            AcceptanceCheck::Run {
                command,
                timeout_secs,
            } => RawCheck {
                run: Some(command),
                timeout_secs,
                ..RawCheck::default()
            },
            AcceptanceCheck::PathExists(path) => RawCheck {
                path_exists: Some(path),
                ..RawCheck::default()
            },
            AcceptanceCheck::ScanClean => RawCheck {
                scan_clean: Some(true),
                ..RawCheck::default()
            },
        }
    }
}

impl JsonSchema for AcceptanceCheck {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "AcceptanceCheck".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "One acceptance criterion: a command that must exit 0, a path that must exist, or a clean scan of the change.",
            "oneOf": [
                {
                    "type": "object",
                    "properties": {
                        "run": { "type": "string", "minLength": 1, "description": "Shell command run in the worktree; exit code 0 passes." },
                        "timeout_secs": { "type": "integer", "minimum": 1, "description": "Seconds before the command is stopped (default 600)." }
                    },
                    "required": ["run"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": {
                        "path_exists": { "type": "string", "minLength": 1, "description": "Path relative to the worktree root that must exist." }
                    },
                    "required": ["path_exists"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": {
                        "scan_clean": { "const": true, "description": "No secret and no finding at or above scan.blockSeverity in the change." }
                    },
                    "required": ["scan_clean"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// The root of an orders file (`maestro voyage import`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "maestro orders file")]
pub struct OrdersFile {
    /// The orders to add to the voyage.
    pub orders: Vec<OrderSpec>,
}

/// Checks the parts of an order that serde cannot: a non-empty title, valid scope globs and a
/// non-empty agent command. The message names the field at fault.
pub fn validate_spec(spec: &OrderSpec) -> Result<(), SpecError> {
    if spec.title.trim().is_empty() {
        return Err(SpecError {
            field: "title",
            message: "must not be empty".to_owned(),
        });
    }
    if let Some(scope) = &spec.scope {
        for pattern in scope {
            if let Err(err) = globset::Glob::new(pattern) {
                return Err(SpecError {
                    field: "scope",
                    message: format!("`{pattern}` is not a valid glob: {}", err.kind()),
                });
            }
        }
    }
    if let Some(agent) = &spec.agent
        && agent.command.first().is_none_or(String::is_empty)
    {
        return Err(SpecError {
            field: "agent.command",
            message: "must name a program".to_owned(),
        });
    }
    Ok(())
}

/// A field of an [`OrderSpec`] with an invalid value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{field}` {message}")]
pub struct SpecError {
    /// The field at fault, e.g. `scope`.
    pub field: &'static str,
    /// What is wrong with it.
    pub message: String,
}

#[cfg(test)]
mod tests;
