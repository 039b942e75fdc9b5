//! A crew's tool call as Claude Code describes it to a hook, parsed into what it would do.
//!
//! Every tool is understood, not only the ones maestro knows: a tool it does not know (an MCP
//! server's `mcp__fs__write_file`, a tool of a future Claude Code) has every string of its input
//! scanned and every path-like input checked, so a new way to write is never a way around the
//! hook. Where a known tool's input has an unexpected shape (a number or a list where text is
//! expected), the text is taken from what is there rather than let through unseen.

use std::io::Read;
use std::path::PathBuf;

use serde_json::Value;

/// Larger hook input is refused (and the call blocked) rather than read.
pub const MAX_INPUT: u64 = 64 * 1024 * 1024;

/// The hook input cannot be used; hooks fail closed on it (the call is blocked).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InputError(String);

/// One replacement of an `Edit` or `MultiEdit` call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    /// The text replaced (`old_string`).
    pub old: String,
    /// The text put in its place (`new_string`).
    pub new: String,
    /// Every occurrence, not only the first (`replace_all`).
    pub all: bool,
}

/// What a tool call would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToolAction {
    /// `Write`: `content` becomes the whole file at `path`.
    Write {
        /// The path as the tool was given it (absolute or relative to the session's `cwd`).
        path: String,
        /// The new content.
        content: String,
    },
    /// `Edit` and `MultiEdit`: replacements applied in order to the file at `path`.
    Edit {
        /// The path as given.
        path: String,
        /// The replacements.
        edits: Vec<Replacement>,
    },
    /// `NotebookEdit`: a cell of the notebook at `path` gets `source`.
    Notebook {
        /// The path as given.
        path: String,
        /// The cell's new source (a list of lines is joined, as Jupyter does).
        source: String,
    },
    /// `Bash`: a command line.
    Command(String),
    /// A tool that only reads (`Read`, `Glob`, `Grep`, `LS`, `NotebookRead`): the paths it reads
    /// and its other strings.
    Read {
        /// Paths (and directory prefixes of patterns) it reads.
        paths: Vec<String>,
        /// Every other string of its input.
        texts: Vec<String>,
    },
    /// Any other tool: every path-like input (it may write there) and every string of its
    /// input.
    Other {
        /// Path-like inputs, by key name (`path`, `file_path`, `destination`, `…_dir`, …) or
        /// `file://` value.
        paths: Vec<String>,
        /// Every string of its input, and each list of strings joined.
        texts: Vec<String>,
    },
}

/// A tool call a hook is asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolCall {
    /// The tool's name, e.g. `Write`.
    pub tool: String,
    /// What it would do.
    pub action: ToolAction,
    /// The session's working directory, when the input names it.
    pub cwd: Option<PathBuf>,
}

impl ToolCall {
    /// The path a call writes a whole file or a part of one at (`Write`, `Edit`, `MultiEdit`,
    /// `NotebookEdit`).
    #[must_use]
    pub fn written_path(&self) -> Option<&str> {
        match &self.action {
            ToolAction::Write { path, .. }
            | ToolAction::Edit { path, .. }
            | ToolAction::Notebook { path, .. } => Some(path),
            _ => None,
        }
    }
}

/// Reads a hook's JSON input from `reader`, refusing more than [`MAX_INPUT`] bytes.
pub fn read_input(reader: impl Read) -> Result<Value, InputError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError(format!("cannot read the hook input: {e}")))?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(InputError(format!(
            "hook input larger than {MAX_INPUT} bytes"
        )));
    }
    serde_json::from_slice(&bytes)
        .map_err(|e| InputError(format!("the hook input is not valid JSON: {e}")))
}

/// A required string field.
fn field<'a>(value: &'a Value, key: &str) -> Result<&'a str, InputError> {
    value.get(key).and_then(Value::as_str).ok_or_else(|| {
        InputError(format!(
            "malformed hook input: `{key}` is missing or not a string"
        ))
    })
}

/// The text of a field that should hold text: a string as is, a list of strings joined (as a
/// notebook's source lines), a number or boolean as written; anything else (an object, a list
/// of non-strings, null) is refused, since maestro cannot tell what would be written.
fn text(value: &Value, key: &str) -> Result<String, InputError> {
    match value.get(key) {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => {
            Ok(items.iter().filter_map(Value::as_str).collect())
        }
        Some(v @ (Value::Number(_) | Value::Bool(_))) => Ok(v.to_string()),
        Some(other) => Err(InputError(format!(
            "malformed hook input: `{key}` is {}, not text",
            kind(other)
        ))),
        None => Err(InputError(format!(
            "malformed hook input: `{key}` is missing"
        ))),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn replacement(value: &Value) -> Result<Replacement, InputError> {
    Ok(Replacement {
        old: text(value, "old_string").or_else(|e| {
            // A missing `old_string` is how some callers create a file; treat it as empty.
            if value.get("old_string").is_none() {
                Ok(String::new())
            } else {
                Err(e)
            }
        })?,
        new: text(value, "new_string")?,
        all: match value.get("replace_all") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                return Err(InputError(format!(
                    "malformed hook input: `replace_all` is {}, not a boolean",
                    kind(other)
                )));
            }
        },
    })
}

/// Tools that only read files.
const READ_TOOLS: [&str; 5] = ["Read", "Glob", "Grep", "LS", "NotebookRead"];

/// Whether an input key names a path a tool may read or write.
fn path_like(key: &str) -> bool {
    const NAMES: [&str; 22] = [
        "path",
        "paths",
        "file",
        "files",
        "filepath",
        "filename",
        "dir",
        "directory",
        "cwd",
        "destination",
        "dest",
        "target",
        "source",
        "src",
        "output",
        "root",
        "location",
        "to",
        "from",
        "uri",
        "folder",
        "workdir",
    ];
    let lower = key.to_ascii_lowercase();
    let bare = lower.replace(['_', '-'], "");
    NAMES.contains(&bare.as_str())
        || ["path", "file", "dir", "directory", "folder", "filename"]
            .iter()
            .any(|suffix| bare.ends_with(suffix))
}

/// Collects every string of `value` into `texts` (a list of strings also joined, so a
/// secret split over list items is seen whole), and path-like strings into `paths`.
fn collect_strings(
    value: &Value,
    key: Option<&str>,
    paths: &mut Vec<String>,
    texts: &mut Vec<String>,
) {
    match value {
        Value::String(s) => {
            if key.is_some_and(path_like) || s.starts_with("file://") {
                paths.push(s.strip_prefix("file://").unwrap_or(s).to_owned());
            }
            texts.push(s.clone());
        }
        Value::Number(n) => texts.push(n.to_string()),
        Value::Array(items) => {
            for item in items {
                collect_strings(item, key, paths, texts);
            }
            if items.len() > 1 && items.iter().all(Value::is_string) {
                texts.push(items.iter().filter_map(Value::as_str).collect());
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                collect_strings(v, Some(k), paths, texts);
            }
        }
        Value::Bool(_) | Value::Null => {}
    }
}

/// The directory part of a glob pattern before its first wildcard (`src/**/*.rs` → `src`).
fn glob_prefix(pattern: &str) -> Option<String> {
    let end = pattern.find(['*', '?', '[', '{']).unwrap_or(pattern.len());
    let literal = &pattern[..end];
    let dir = match literal.rfind('/') {
        Some(0) => "/",
        Some(i) => &literal[..i],
        None => return None,
    };
    Some(dir.to_owned())
}

/// The tool call in a hook's input.
pub fn parse(input: &Value) -> Result<ToolCall, InputError> {
    let tool = field(input, "tool_name")?.to_owned();
    let args = input
        .get("tool_input")
        .filter(|v| v.is_object())
        .ok_or_else(|| InputError("malformed hook input: `tool_input` is missing".to_owned()))?;
    let action = match tool.as_str() {
        "Write" => ToolAction::Write {
            path: field(args, "file_path")?.to_owned(),
            content: text(args, "content")?,
        },
        "Edit" => ToolAction::Edit {
            path: field(args, "file_path")?.to_owned(),
            edits: vec![replacement(args)?],
        },
        "MultiEdit" => {
            let edits = args
                .get("edits")
                .and_then(Value::as_array)
                .ok_or_else(|| InputError("malformed hook input: `edits` is missing".to_owned()))?;
            ToolAction::Edit {
                path: field(args, "file_path")?.to_owned(),
                edits: edits.iter().map(replacement).collect::<Result<_, _>>()?,
            }
        }
        "NotebookEdit" => ToolAction::Notebook {
            path: field(args, "notebook_path")?.to_owned(),
            source: match args.get("new_source") {
                // Deleting a cell writes nothing new.
                None | Some(Value::Null) => String::new(),
                Some(_) => text(args, "new_source")?,
            },
        },
        "Bash" => ToolAction::Command(field(args, "command")?.to_owned()),
        name if READ_TOOLS.contains(&name) => {
            let mut paths = Vec::new();
            let mut texts = Vec::new();
            collect_strings(args, None, &mut paths, &mut texts);
            if let Some(prefix) = args
                .get("pattern")
                .and_then(Value::as_str)
                .filter(|_| name == "Glob")
                .and_then(glob_prefix)
            {
                paths.push(prefix);
            }
            // Without a path these tools read the session's directory.
            paths.retain(|p| !p.is_empty());
            ToolAction::Read { paths, texts }
        }
        _ => {
            let mut paths = Vec::new();
            let mut texts = Vec::new();
            collect_strings(args, None, &mut paths, &mut texts);
            ToolAction::Other { paths, texts }
        }
    };
    let cwd = input.get("cwd").and_then(Value::as_str).map(PathBuf::from);
    Ok(ToolCall { tool, action, cwd })
}

#[cfg(test)]
mod tests;
