//! JSON decoding that reports where in the document a problem is.

use serde::de::DeserializeOwned;

/// A JSON document that does not decode, with the JSON path and position of the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonError {
    /// Dotted path such as `orders[2].role`; empty at the root.
    pub path: String,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub column: usize,
    /// What is wrong, without position.
    pub message: String,
}

impl JsonError {
    /// `at <path> (line L, column C): ` with the parts that are known.
    pub fn location(&self) -> String {
        let mut out = String::new();
        if !self.path.is_empty() {
            out.push_str(&format!("at `{}` ", self.path));
        }
        if self.line > 0 {
            out.push_str(&format!("(line {}, column {}) ", self.line, self.column));
        }
        if !out.is_empty() {
            out.pop();
            out.push_str(": ");
        }
        out
    }
}

/// Decodes `bytes` as JSON into `T`.
pub(crate) fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, JsonError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        // serde_path_to_error writes `?` for a map key it cannot show (a key that failed to
        // decode); the message names that key, so the path stops at its map.
        let path = err.path().to_string();
        let path = path.strip_suffix(".?").unwrap_or(&path);
        let inner = err.into_inner();
        JsonError {
            path: if path == "." || path == "?" {
                String::new()
            } else {
                path.to_owned()
            },
            line: inner.line(),
            column: inner.column(),
            message: strip_position(&inner.to_string()),
        }
    })?;
    de.end().map_err(|inner| JsonError {
        path: String::new(),
        line: inner.line(),
        column: inner.column(),
        message: strip_position(&inner.to_string()),
    })?;
    Ok(value)
}

/// `serde_json` appends ` at line L column C`; we report the position separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// Implements `Deserialize` for a fieldless enum with `ALL` and `as_str`, so that a value of the
/// wrong type reads "invalid type: integer `7`, expected a string" and an unknown name lists the
/// known ones (serde's derive says only "expected value" for a number).
macro_rules! deserialize_by_name {
    ($type:ty) => {
        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                const NAMES: &[&str] = &{
                    let mut names = [""; <$type>::ALL.len()];
                    let mut i = 0;
                    while i < names.len() {
                        names[i] = <$type>::ALL[i].as_str();
                        i += 1;
                    }
                    names
                };
                let name =
                    <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                <$type>::ALL
                    .into_iter()
                    .find(|v| v.as_str() == name)
                    .ok_or_else(|| serde::de::Error::unknown_variant(&name, NAMES))
            }
        }
    };
}
pub(crate) use deserialize_by_name;
