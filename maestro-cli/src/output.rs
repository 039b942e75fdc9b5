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
        writeln!(io::stdout().lock(), "{line}")
    }
}

/// Prints `value` as pretty JSON on stdout.
pub fn json<T: Serialize>(value: &T) -> io::Result<()> {
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)
}

/// Prints data text on stdout (always, also when quiet), ending it with a newline.
pub fn data(text: &str) -> io::Result<()> {
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

/// An error as one line: the chain of causes joined by `: `, with any line breaks inside a
/// message folded into spaces.
pub fn one_line(error: &anyhow::Error) -> String {
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
