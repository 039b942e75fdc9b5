//! Validated names: order ids and voyage names.
//!
//! Both become parts of file names and git branch names, so they are restricted to lowercase ASCII
//! letters, digits and `-`, start with a letter or digit, and are at most [`MAX_NAME_LEN`] long.

use std::borrow::Borrow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

/// The longest order id or voyage name accepted.
pub const MAX_NAME_LEN: usize = 64;

/// Why a string is not a valid name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NameError {
    /// The string is empty.
    #[error("{kind} must not be empty")]
    Empty {
        /// What was being named ("order id" or "voyage name").
        kind: &'static str,
    },
    /// The string is longer than [`MAX_NAME_LEN`].
    #[error("{kind} `{value}` is longer than {MAX_NAME_LEN} characters")]
    TooLong {
        /// What was being named.
        kind: &'static str,
        /// The rejected value.
        value: String,
    },
    /// The string has a character outside `[a-z0-9-]` or starts with `-`.
    #[error("{kind} `{value}` must match [a-z0-9][a-z0-9-]* (lowercase letters, digits and '-')")]
    Pattern {
        /// What was being named.
        kind: &'static str,
        /// The rejected value.
        value: String,
    },
}

fn validate(kind: &'static str, value: &str) -> Result<(), NameError> {
    let bytes = value.as_bytes();
    let Some(first) = bytes.first() else {
        return Err(NameError::Empty { kind });
    };
    if value.len() > MAX_NAME_LEN {
        return Err(NameError::TooLong {
            kind,
            value: value.to_owned(),
        });
    }
    let allowed = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    if !allowed(first) || !bytes.iter().all(|b| allowed(b) || *b == b'-') {
        return Err(NameError::Pattern {
            kind,
            value: value.to_owned(),
        });
    }
    Ok(())
}

macro_rules! name_type {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Validates `value` and wraps it.
            pub fn new(value: impl Into<String>) -> Result<Self, NameError> {
                let value = value.into();
                validate($kind, &value)?;
                Ok(Self(value))
            }

            /// The name as a string slice.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = NameError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl FromStr for $name {
            type Err = NameError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::new(s)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "type": "string",
                    "description": concat!("The ", $kind, ": lowercase letters, digits and '-'."),
                    "pattern": "^[a-z0-9][a-z0-9-]*$",
                    "minLength": 1,
                    "maxLength": MAX_NAME_LEN,
                })
            }
        }
    };
}

name_type!(
    /// The id of an order, unique within its voyage.
    OrderId,
    "order id"
);

name_type!(
    /// The name of a voyage; its branch is `maestro/<name>`.
    VoyageName,
    "voyage name"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_refuses() {
        for ok in ["a", "health", "v1", "0-x", "a-b-c"] {
            assert!(OrderId::new(ok).is_ok(), "{ok}");
        }
        let cases = [
            ("", "order id must not be empty"),
            (
                "-a",
                "order id `-a` must match [a-z0-9][a-z0-9-]* (lowercase letters, digits and '-')",
            ),
            (
                "A",
                "order id `A` must match [a-z0-9][a-z0-9-]* (lowercase letters, digits and '-')",
            ),
            (
                "a/b",
                "order id `a/b` must match [a-z0-9][a-z0-9-]* (lowercase letters, digits and '-')",
            ),
            (
                "a.b",
                "order id `a.b` must match [a-z0-9][a-z0-9-]* (lowercase letters, digits and '-')",
            ),
        ];
        for (input, message) in cases {
            assert_eq!(OrderId::new(input).expect_err(input).to_string(), message);
        }
        let long = "a".repeat(MAX_NAME_LEN + 1);
        assert!(matches!(
            VoyageName::new(long),
            Err(NameError::TooLong { .. })
        ));
        assert!(VoyageName::new("a".repeat(MAX_NAME_LEN)).is_ok());
    }

    #[test]
    fn deserialising_validates() {
        let err = serde_json::from_str::<OrderId>("\"Bad\"").expect_err("refused");
        assert!(
            err.to_string().contains("order id `Bad` must match"),
            "{err}"
        );
    }
}
