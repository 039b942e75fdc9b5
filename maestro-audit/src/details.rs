//! The `details` object of an event: a closed value type with no floating-point numbers.

use std::collections::BTreeMap;

use crate::canonical::{self, MAX_DEPTH};

/// One value inside [`Details`]. There is deliberately no floating-point variant: the canonical
/// form has integers only, so two implementations can never disagree on a number's text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A signed integer.
    Int(i64),
    /// An unsigned integer (for values above `i64::MAX`).
    UInt(u64),
    /// A string.
    String(String),
    /// An array.
    List(Vec<Value>),
    /// A nested object.
    Object(Details),
}

/// The `details` of an event: a JSON object built with [`Details::with`] / [`Details::insert`],
/// converted from a `serde_json::Map` (floats refused), or from a
/// [`FindingRef`](crate::FindingRef).
///
/// Keys are kept sorted, as the canonical form requires; inserting a key twice keeps the last
/// value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Details(BTreeMap<String, Value>);

impl Details {
    /// An empty object.
    #[must_use]
    pub fn new() -> Details {
        Details::default()
    }

    /// Adds `key` (builder style).
    #[must_use]
    pub fn with(mut self, key: impl Into<String>, value: impl Into<Value>) -> Details {
        self.insert(key, value);
        self
    }

    /// Adds `key`, replacing any previous value.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Value>) {
        self.0.insert(key.into(), value.into());
    }

    /// The value of `key`.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key)
    }

    /// The number of keys.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no keys.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Appends the canonical form at nesting `depth` (the entry object is depth 1).
    pub(crate) fn write(&self, out: &mut Vec<u8>, depth: usize) -> Result<(), TooDeep> {
        if depth > MAX_DEPTH {
            return Err(TooDeep);
        }
        out.push(b'{');
        for (i, (key, value)) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            canonical::write_str(out, key);
            out.push(b':');
            value.write(out, depth)?;
        }
        out.push(b'}');
        Ok(())
    }
}

/// Details nested deeper than the canonical form allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooDeep;

impl Value {
    fn write(&self, out: &mut Vec<u8>, depth: usize) -> Result<(), TooDeep> {
        match self {
            Value::Null => out.extend_from_slice(b"null"),
            Value::Bool(true) => out.extend_from_slice(b"true"),
            Value::Bool(false) => out.extend_from_slice(b"false"),
            Value::Int(n) => canonical::write_i64(out, *n),
            Value::UInt(n) => canonical::write_u64(out, *n),
            Value::String(s) => canonical::write_str(out, s),
            Value::List(items) => {
                if depth + 1 > MAX_DEPTH {
                    return Err(TooDeep);
                }
                out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    item.write(out, depth + 1)?;
                }
                out.push(b']');
            }
            Value::Object(details) => details.write(out, depth + 1)?,
        }
        Ok(())
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_owned())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}
impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n)
    }
}
impl From<i32> for Value {
    fn from(n: i32) -> Value {
        Value::Int(n.into())
    }
}
impl From<u32> for Value {
    fn from(n: u32) -> Value {
        Value::Int(n.into())
    }
}
impl From<u64> for Value {
    fn from(n: u64) -> Value {
        i64::try_from(n).map_or(Value::UInt(n), Value::Int)
    }
}
impl From<usize> for Value {
    fn from(n: usize) -> Value {
        Value::from(u64::try_from(n).expect("usize fits in u64 on supported targets"))
    }
}
impl From<Details> for Value {
    fn from(d: Details) -> Value {
        Value::Object(d)
    }
}
impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Value {
        Value::List(items.into_iter().map(Into::into).collect())
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

/// A `serde_json` value that cannot be put in [`Details`]: a number with a fraction or exponent
/// (the canonical form has integers only). The message names the JSON path of the value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "build audit details: {path} is the non-integer number {number}; details hold integers only"
)]
pub struct FloatInDetails {
    /// Where the number is, e.g. `details.timing[2]`.
    pub path: String,
    /// The refused number as `serde_json` printed it.
    pub number: String,
}

fn from_json(value: serde_json::Value, path: &mut String) -> Result<Value, FloatInDetails> {
    Ok(match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::Int(i)
            } else if let Some(u) = n.as_u64() {
                Value::UInt(u)
            } else {
                return Err(FloatInDetails {
                    path: path.clone(),
                    number: n.to_string(),
                });
            }
        }
        serde_json::Value::String(s) => Value::String(s),
        serde_json::Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                out.push(from_json(item, path)?);
                path.truncate(len);
            }
            Value::List(out)
        }
        serde_json::Value::Object(map) => Value::Object(details_from_map(map, path)?),
    })
}

fn details_from_map(
    map: serde_json::Map<String, serde_json::Value>,
    path: &mut String,
) -> Result<Details, FloatInDetails> {
    let mut details = Details::new();
    for (key, value) in map {
        let len = path.len();
        path.push('.');
        path.push_str(&key);
        let value = from_json(value, path)?;
        path.truncate(len);
        details.0.insert(key, value);
    }
    Ok(details)
}

impl TryFrom<serde_json::Map<String, serde_json::Value>> for Details {
    type Error = FloatInDetails;

    fn try_from(
        map: serde_json::Map<String, serde_json::Value>,
    ) -> Result<Details, FloatInDetails> {
        details_from_map(map, &mut String::from("details"))
    }
}

impl TryFrom<serde_json::Value> for Value {
    type Error = FloatInDetails;

    fn try_from(value: serde_json::Value) -> Result<Value, FloatInDetails> {
        from_json(value, &mut String::from("value"))
    }
}

impl From<&Value> for serde_json::Value {
    fn from(value: &Value) -> serde_json::Value {
        match value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Int(n) => (*n).into(),
            Value::UInt(n) => (*n).into(),
            Value::String(s) => s.clone().into(),
            Value::List(items) => items.iter().map(serde_json::Value::from).collect(),
            Value::Object(d) => {
                serde_json::Value::Object(d.0.iter().map(|(k, v)| (k.clone(), v.into())).collect())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(d: &Details) -> String {
        let mut out = Vec::new();
        d.write(&mut out, 2).expect("shallow");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn keys_sorted_and_values_canonical() {
        let d = Details::new()
            .with("z", 1)
            .with("a", vec!["x", "y"])
            .with("m", Details::new().with("big", u64::MAX).with("neg", -3))
            .with("n", Option::<bool>::None);
        let text = canonical(&d);
        assert_eq!(
            text,
            r#"{"a":["x","y"],"m":{"big":18446744073709551615,"neg":-3},"n":null,"z":1}"#
        );
        assert_eq!(
            canonical::check_object(text.as_bytes(), 0, 2),
            Ok(text.len())
        );
    }

    #[test]
    fn floats_are_refused_with_their_path() {
        let json = serde_json::json!({"ok": 1, "timing": [1, 2.5]});
        let serde_json::Value::Object(map) = json else {
            unreachable!()
        };
        let err = Details::try_from(map).expect_err("float");
        assert_eq!(err.path, "details.timing[1]");
        let json = serde_json::json!({"n": -4, "s": "x"});
        let serde_json::Value::Object(map) = json else {
            unreachable!()
        };
        let d = Details::try_from(map).expect("no float");
        assert_eq!(d.get("n"), Some(&Value::Int(-4)));
    }

    #[test]
    fn too_deep_is_refused() {
        let mut v = Value::Null;
        for _ in 0..MAX_DEPTH {
            v = Value::List(vec![v]);
        }
        let d = Details::new().with("deep", v);
        assert_eq!(d.write(&mut Vec::new(), 2), Err(TooDeep));
    }
}
