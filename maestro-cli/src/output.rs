//! Printing: data on stdout (text or JSON), messages on stderr, and plain text tables.

use std::io::{self, Write};

use serde::Serialize;

/// Where a command's output goes and in what form.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    /// Print JSON instead of text for data.
    pub json: bool,
    /// Suppress informational messages.
    pub quiet: bool,
}

impl Output {
    /// Prints an informational line on stdout unless quiet or in JSON mode.
    pub fn info(self, line: &str) -> io::Result<()> {
        if self.quiet || self.json {
            return Ok(());
        }
        writeln!(io::stdout().lock(), "{}", redacted(line))
    }
}

/// Prints `value` as pretty JSON on stdout, every string in it redacted.
pub fn json<T: Serialize>(value: &T) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    let text = if redacted(&text) == text {
        // Nothing to hide: printed as serialised, keys in the order of the type's fields.
        text
    } else {
        let mut value: serde_json::Value = serde_json::from_str(&text).map_err(io::Error::other)?;
        redact_strings(&mut value);
        serde_json::to_string_pretty(&value).map_err(io::Error::other)?
    };
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    writeln!(out)
}

/// Redacts every string (and key) of a JSON value.
pub fn redact_strings(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::String(s) => {
            let clean = redacted(s);
            if clean != *s {
                *s = clean;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_strings),
        Value::Object(map) => {
            let entries = std::mem::take(map);
            for (key, mut item) in entries {
                redact_strings(&mut item);
                map.insert(redacted(&key), item);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// Prints data text on stdout (always, also when quiet), ending it with a newline; secrets in
/// it are redacted.
pub fn data(text: &str) -> io::Result<()> {
    let text = redacted(text);
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        writeln!(out)?;
    }
    Ok(())
}

/// A text table with left-aligned columns separated by two spaces; the last column is not
/// padded.
#[derive(Debug, Default)]
pub struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these headers.
    pub fn new(headers: &[&str]) -> Table {
        Table {
            rows: vec![headers.iter().map(|h| (*h).to_owned()).collect()],
        }
    }

    /// Adds a row.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Renders the table, one line per row, each ending in a newline.
    pub fn render(&self) -> String {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..columns)
            .map(|c| {
                self.rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|cell| cell.chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        for row in &self.rows {
            let mut line = String::new();
            for (c, cell) in row.iter().enumerate() {
                if c + 1 == row.len() {
                    line.push_str(cell);
                } else {
                    line.push_str(&format!("{cell:<width$}  ", width = widths[c]));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

/// `text` with every secret the built-in rules recognise replaced by `[REDACTED:<rule>]`:
/// whatever maestro prints may quote a path, a title or a tool's input.
pub fn redacted(text: &str) -> String {
    redact(text).unwrap_or_else(|| text.to_owned())
}

/// `text` with its secrets redacted, or `None` when it holds none.
pub fn redact(text: &str) -> Option<String> {
    static SCANNER: std::sync::OnceLock<maestro_scan::Scanner> = std::sync::OnceLock::new();
    SCANNER
        .get_or_init(|| {
            maestro_scan::Scanner::new(
                maestro_scan::RuleSet::builtin().clone(),
                maestro_scan::ScanOptions {
                    kinds: maestro_scan::Kinds::Secrets,
                    ..maestro_scan::ScanOptions::default()
                },
            )
        })
        .redact_secrets(text)
}

/// The redactor of everything the command line stores (reports) or prints.
pub fn redactor() -> maestro_core::process::Redactor {
    maestro_core::process::Redactor::new(redact)
}

/// An error and its causes on one line, joined by `: `.
pub fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    one_line(&anyhow::anyhow!("{}", chain_text(error)))
}

fn chain_text(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(current) = cause {
        let next = current.to_string();
        if !text.ends_with(&next) {
            text.push_str(": ");
            text.push_str(&next);
        }
        cause = current.source();
    }
    text
}

/// An error as one line: the chain of causes joined by `: `, with any line breaks inside a
/// message folded into spaces, and secrets redacted.
pub fn one_line(error: &anyhow::Error) -> String {
    redacted(&plain_line(error))
}

fn plain_line(error: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in error.chain() {
        let text = cause
            .to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        // Some libraries repeat their source's message in their own; do not print it twice.
        if parts.last().is_some_and(|prev| prev.ends_with(&text)) || text.is_empty() {
            continue;
        }
        parts.push(text);
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_columns() {
        let mut table = Table::new(&["ID", "STATE", "TITLE"]);
        table.row(vec![
            "health".into(),
            "pending".into(),
            "Add /health".into(),
        ]);
        table.row(vec!["a".into(), "merged".into(), String::new()]);
        assert_eq!(
            table.render(),
            "ID      STATE    TITLE\nhealth  pending  Add /health\na       merged\n"
        );
    }

    #[test]
    fn errors_fold_into_one_line() {
        let inner = io::Error::other("disk\nfull");
        let err = anyhow::Error::new(inner).context("cannot write x.json");
        assert_eq!(one_line(&err), "cannot write x.json: disk full");
    }
}
