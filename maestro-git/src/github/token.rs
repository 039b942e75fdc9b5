//! [`Token`]: the GitHub token, kept out of every message and `Debug` output.

use std::fmt;

/// A GitHub token. It is sent only in the `Authorization` header and never shown: its
/// [`Debug`] output is `Token(<redacted>)` and it has no [`Display`](fmt::Display).
#[derive(Clone)]
pub struct Token(String);

impl Token {
    /// Wraps a secret token.
    #[must_use]
    pub fn new(secret: impl Into<String>) -> Token {
        Token(secret.into())
    }

    /// Reads the token from the environment variable `variable` (usually
    /// `GITHUB_TOKEN`).
    pub fn from_env(variable: &str) -> Result<Token, TokenError> {
        match std::env::var(variable) {
            Ok(value) if !value.trim().is_empty() => Ok(Token(value.trim().to_owned())),
            _ => Err(TokenError {
                variable: variable.to_owned(),
            }),
        }
    }

    pub(super) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// The environment variable meant to hold the token is unset, empty or not UTF-8.
#[derive(Debug, thiserror::Error)]
#[error("the GitHub token variable {variable} is not set (or empty)")]
pub struct TokenError {
    /// The variable's name.
    pub variable: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_is_redacted() {
        let token = Token::new("ghp_secret123");
        assert_eq!(format!("{token:?}"), "Token(<redacted>)");
        let error = Token::from_env("MAESTRO_GIT_TEST_SURELY_UNSET_VARIABLE").expect_err("unset");
        assert!(
            error
                .to_string()
                .contains("MAESTRO_GIT_TEST_SURELY_UNSET_VARIABLE")
        );
    }
}
