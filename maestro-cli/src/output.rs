//! Printing: data on stdout (text or JSON), messages on stderr, and plain text tables.

use std::io::{self, Write};

use serde::Serialize;

pub use maestro_cli::redaction::{one_line, redact_strings, redacted, redactor};

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
}
