//! Orders files (`maestro voyage import`): TOML or JSON, validated with positions in errors.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::dag::{Dag, DagError};
use crate::order::{OrderSpec, OrdersFile, validate_spec};

/// The syntax of an orders file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TOML, with `[[orders]]` tables.
    Toml,
    /// JSON, `{"orders": [...]}`.
    Json,
}

impl Format {
    /// `.toml` and `.json` by extension; otherwise JSON if the text starts with `{`.
    #[must_use]
    pub fn detect(path: &Path, text: &str) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("toml") => Format::Toml,
            Some(ext) if ext.eq_ignore_ascii_case("json") => Format::Json,
            _ if text.trim_start().starts_with('{') => Format::Json,
            _ => Format::Toml,
        }
    }
}

/// An orders file that cannot be used, with the position of the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {}{message}", file.display(), location.as_ref().map(|l| format!("{l}: ")).unwrap_or_default())]
pub struct OrdersFileError {
    /// The file.
    pub file: PathBuf,
    /// `line L, column C` (TOML) or `` at `orders[i].field` `` (JSON), when known.
    pub location: Option<String>,
    /// What is wrong.
    pub message: String,
}

/// The part of an order a problem is in, for locating it in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The order as a whole.
    Order,
    /// Its `id`.
    Id,
    /// Its `title`.
    Title,
    /// Its `scope`.
    Scope,
    /// Its `agent.command`.
    AgentCommand,
    /// The n-th entry of its `depends_on`.
    DependsOn(usize),
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Order => Ok(()),
            Field::Id => f.write_str(".id"),
            Field::Title => f.write_str(".title"),
            Field::Scope => f.write_str(".scope"),
            Field::AgentCommand => f.write_str(".agent.command"),
            Field::DependsOn(n) => write!(f, ".depends_on[{n}]"),
        }
    }
}

/// The orders of a file, able to say where each one's fields are.
#[derive(Debug, Clone)]
pub struct ParsedOrders {
    /// The file.
    pub file: PathBuf,
    /// The orders, in file order.
    pub specs: Vec<OrderSpec>,
    spans: Option<(String, Vec<OrderSpans>)>,
}

/// Byte ranges of the fields of one TOML order.
#[derive(Debug, Clone, Default, Deserialize)]
struct OrderSpans {
    id: Option<Spanned<toml::Value>>,
    title: Option<Spanned<toml::Value>>,
    scope: Option<Spanned<toml::Value>>,
    agent: Option<Spanned<toml::Value>>,
    depends_on: Option<Vec<Spanned<toml::Value>>>,
}

#[derive(Debug, Deserialize)]
struct FileSpans {
    orders: Vec<Spanned<OrderSpans>>,
}

impl ParsedOrders {
    /// Reads and parses `path`, then checks each order and that ids are unique in the file.
    /// Dependencies may name orders already in the voyage, so the graph is checked when the
    /// orders are added ([`crate::Store::add_orders`]) or with [`ParsedOrders::graph`].
    pub fn load(path: &Path) -> Result<ParsedOrders, OrdersFileError> {
        let text = std::fs::read_to_string(path).map_err(|e| OrdersFileError {
            file: path.to_owned(),
            location: None,
            message: format!("cannot read: {e}"),
        })?;
        Self::parse(&text, path)
    }

    /// Parses `text` (from `path`, used for the format and in errors) and checks it.
    pub fn parse(text: &str, path: &Path) -> Result<ParsedOrders, OrdersFileError> {
        let error = |location: Option<String>, message: String| OrdersFileError {
            file: path.to_owned(),
            location,
            message,
        };
        let parsed = match Format::detect(path, text) {
            Format::Json => {
                let file: OrdersFile = crate::json::from_slice(text.as_bytes()).map_err(|e| {
                    let location = e.location();
                    let location = location.strip_suffix(": ").unwrap_or(&location);
                    error(
                        (!location.is_empty()).then(|| location.to_owned()),
                        e.message,
                    )
                })?;
                ParsedOrders {
                    file: path.to_owned(),
                    specs: file.orders,
                    spans: None,
                }
            }
            Format::Toml => {
                let file: OrdersFile = toml::from_str(text).map_err(|e| {
                    let location = e.span().map(|span| line_column(text, span.start));
                    error(location, e.message().trim_end().to_owned())
                })?;
                let spans = toml::from_str::<FileSpans>(text)
                    .map(|f| f.orders.into_iter().map(Spanned::into_inner).collect())
                    .unwrap_or_default();
                ParsedOrders {
                    file: path.to_owned(),
                    specs: file.orders,
                    spans: Some((text.to_owned(), spans)),
                }
            }
        };
        if parsed.specs.is_empty() {
            return Err(error(None, "the file holds no orders".to_owned()));
        }
        for (index, spec) in parsed.specs.iter().enumerate() {
            if let Err(e) = validate_spec(spec) {
                let field = match e.field {
                    "title" => Field::Title,
                    "scope" => Field::Scope,
                    "agent.command" => Field::AgentCommand,
                    _ => Field::Order,
                };
                return Err(parsed.error_at(index, field, e.to_string()));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (index, spec) in parsed.specs.iter().enumerate() {
            if !seen.insert(&spec.id) {
                return Err(parsed.dag_error(&DagError::DuplicateId {
                    id: spec.id.clone(),
                    index,
                }));
            }
        }
        Ok(parsed)
    }

    /// The dependency graph of these orders on their own (every dependency in the file).
    pub fn graph(&self) -> Result<Dag, OrdersFileError> {
        Dag::new(&self.specs).map_err(|e| self.dag_error(&e))
    }

    /// An error about `field` of order `index`, located in the file.
    #[must_use]
    pub fn error_at(&self, index: usize, field: Field, message: String) -> OrdersFileError {
        OrdersFileError {
            file: self.file.clone(),
            location: Some(self.locate(index, field)),
            message,
        }
    }

    /// A dependency-graph error over these orders (indices refer to [`ParsedOrders::specs`]),
    /// located in the file.
    #[must_use]
    pub fn dag_error(&self, error: &DagError) -> OrdersFileError {
        let place = match error {
            DagError::DuplicateId { index, .. } => Some((*index, Field::Id)),
            DagError::UnknownDependency {
                index, position, ..
            } => Some((*index, Field::DependsOn(*position))),
            DagError::Cycle(cycle) => cycle
                .0
                .first()
                .and_then(|id| self.specs.iter().position(|s| &s.id == id))
                .map(|i| (i, Field::Id)),
        };
        OrdersFileError {
            file: self.file.clone(),
            location: place.map(|(i, f)| self.locate(i, f)),
            message: error.to_string(),
        }
    }

    fn locate(&self, index: usize, field: Field) -> String {
        let json_path = format!("at `orders[{index}]{field}`");
        let Some((text, spans)) = &self.spans else {
            return json_path;
        };
        let Some(order) = spans.get(index) else {
            return json_path;
        };
        let span = match field {
            Field::Id | Field::Order => order.id.as_ref().map(Spanned::span),
            Field::Title => order.title.as_ref().map(Spanned::span),
            Field::Scope => order.scope.as_ref().map(Spanned::span),
            Field::AgentCommand => order.agent.as_ref().map(Spanned::span),
            Field::DependsOn(n) => order
                .depends_on
                .as_ref()
                .and_then(|d| d.get(n))
                .map(Spanned::span),
        };
        span.map_or(json_path, |s| line_column(text, s.start))
    }
}

/// `line L, column C` (both 1-based, columns in characters) of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> String {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    format!("line {line}, column {column}")
}

#[cfg(test)]
mod tests;
