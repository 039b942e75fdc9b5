//! The licence endpoint's signed answers, and the local cache of the latest one.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::envelope::{EnvelopeError, open};
use crate::key::TrustedKeys;
use crate::token::Token;

/// The envelope kind of validation answers.
pub const ANSWER_KIND: &str = "mso-validation-v1";

/// What the licence endpoint says about a licence, at a time it signs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The licence asked about.
    pub licence_id: String,
    /// Its standing.
    pub status: Standing,
    /// The server's time of the check: the start of the grace period.
    pub checked_at: Timestamp,
}

/// A licence's standing according to its issuer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Standing {
    /// In force.
    Valid,
    /// Withdrawn by the issuer; takes effect at once.
    Revoked,
    /// Past its end; takes effect at once.
    Expired,
}

/// An answer that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AnswerError {
    /// Malformed or badly signed.
    #[error("invalid validation answer")]
    Envelope(#[from] EnvelopeError),
    /// Signed by another issuer than the token's.
    #[error("the validation answer is not signed by the licence's issuer")]
    WrongIssuer,
    /// About another licence.
    #[error("the validation answer is for licence `{got}`, not `{expected}`")]
    WrongLicence {
        /// The token's licence id.
        expected: String,
        /// The answer's licence id.
        got: String,
    },
}

impl Answer {
    /// Verifies a signed answer for `token`: signed by the token's issuer, about its licence.
    pub fn verify(text: &str, token: &Token, trusted: &TrustedKeys) -> Result<Answer, AnswerError> {
        let (answer, key): (Answer, _) = open(ANSWER_KIND, text, trusted)?;
        if key != token.issuer {
            return Err(AnswerError::WrongIssuer);
        }
        if answer.licence_id != token.claims.id {
            return Err(AnswerError::WrongLicence {
                expected: token.claims.id.clone(),
                got: answer.licence_id,
            });
        }
        Ok(answer)
    }
}

/// `.mso/licence.json`: the latest signed answer and the latest time this workspace has seen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cache {
    /// The latest signed validation answer, as received.
    pub answer: Option<String>,
    /// The latest clock reading seen (local or server); a clock earlier than this has been set
    /// back, which voids the grace period.
    pub latest_seen: Option<Timestamp>,
}
