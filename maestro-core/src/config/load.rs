//! Reading `workspace.json`: JSON, the schema, then the checks serde cannot make.

use std::path::{Path, PathBuf};

use super::workspace::WorkspaceConfig;

/// A `workspace.json` that cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid JSON or does not match the schema.
    #[error("{}: {location}{message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// `at <json path> (line L, column C): `, or empty.
        location: String,
        /// What is wrong.
        message: String,
    },
}

impl WorkspaceConfig {
    /// Reads and validates `path`.
    pub fn load(path: &Path) -> Result<WorkspaceConfig, ConfigError> {
        let bytes = std::fs::read(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(&bytes, path)
    }

    /// Parses and validates the bytes of a `workspace.json`; `path` is used in errors only.
    pub fn parse(bytes: &[u8], path: &Path) -> Result<WorkspaceConfig, ConfigError> {
        if let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes)
            && let Some((json_path, found)) = misplaced_array(&value)
        {
            return Err(ConfigError::Invalid {
                path: path.to_owned(),
                location: if json_path.is_empty() {
                    String::new()
                } else {
                    format!("at `{json_path}`: ")
                },
                message: format!("expected an object, found {found}"),
            });
        }
        let config: WorkspaceConfig =
            crate::json::from_slice(bytes).map_err(|e| ConfigError::Invalid {
                path: path.to_owned(),
                location: e.location(),
                message: e.message,
            })?;
        config
            .validate()
            .map_err(|(json_path, message)| ConfigError::Invalid {
                path: path.to_owned(),
                location: format!("at `{json_path}`: "),
                message,
            })?;
        Ok(config)
    }

    /// The configuration as written to disk: pretty JSON with a final newline.
    #[must_use]
    pub fn to_pretty_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a config always serialises");
        text.push('\n');
        text
    }
}

/// serde accepts a JSON array for a struct (fields by position), which would let `[]` pass as a
/// section full of defaults. Returns the first place where an object is required but something
/// else is found, with a description of what was found.
fn misplaced_array(value: &serde_json::Value) -> Option<(String, &'static str)> {
    use serde_json::Value;
    fn kind(value: &Value) -> Option<&'static str> {
        match value {
            Value::Object(_) => None,
            Value::Array(_) => Some("an array"),
            Value::String(_) => Some("a string"),
            Value::Number(_) => Some("a number"),
            Value::Bool(_) => Some("a boolean"),
            Value::Null => Some("null"),
        }
    }
    const SECTIONS: [&str; 10] = [
        "dataResidency",
        "anthropic",
        "github",
        "licence",
        "crews",
        "agent",
        "roles",
        "scan",
        "mcp",
        "worktrees",
    ];
    if let Some(found) = kind(value) {
        return Some((String::new(), found));
    }
    for section in SECTIONS {
        if let Some(found) = value.get(section).and_then(kind) {
            return Some((section.to_owned(), found));
        }
    }
    if let Some(found) = value.get("audit").and_then(kind) {
        return Some(("audit".to_owned(), found));
    }
    let maps = [
        ("roles", value.get("roles")),
        ("mcp.servers", value.pointer("/mcp/servers")),
    ];
    for (prefix, map) in maps {
        if let Some(found) = map.and_then(kind) {
            return Some((prefix.to_owned(), found));
        }
        for (key, entry) in map.and_then(Value::as_object).into_iter().flatten() {
            if let Some(found) = kind(entry) {
                return Some((format!("{prefix}.{key}"), found));
            }
        }
    }
    None
}
