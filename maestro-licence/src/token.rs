//! Licence tokens: what an issuer grants, signed.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::envelope::{EnvelopeError, open};
use crate::key::TrustedKeys;
use crate::tier::Tier;

/// The envelope kind of licence tokens.
pub const TOKEN_KIND: &str = "mso-licence-v1";

/// What a licence token grants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claims {
    /// The licence's id, unique per issuer.
    pub id: String,
    /// Who holds the licence.
    pub licensee: String,
    /// The tier it grants.
    pub tier: Tier,
    /// When it was issued; counts as its first validation.
    pub issued: Timestamp,
    /// When it stops being valid.
    pub expires: Timestamp,
    /// Where it is validated; `None` makes an offline token that never causes a network call.
    pub endpoint: Option<String>,
}

/// A licence token whose signature checked out against a trusted key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// What it grants.
    pub claims: Claims,
    /// The token text.
    pub text: String,
    pub(crate) issuer: ed25519_dalek::VerifyingKey,
}

/// A token that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// Malformed, badly signed or with an invalid payload.
    #[error("invalid licence token")]
    Envelope(#[from] EnvelopeError),
    /// The claims contradict themselves.
    #[error("invalid licence token: {0}")]
    Claims(String),
}

impl Token {
    /// Checks `text`'s signature against `trusted` and decodes its claims.
    pub fn verify(text: &str, trusted: &TrustedKeys) -> Result<Token, TokenError> {
        let (claims, issuer): (Claims, _) = open(TOKEN_KIND, text, trusted)?;
        if claims.expires <= claims.issued {
            return Err(TokenError::Claims(format!(
                "it expires ({}) before it is issued ({})",
                claims.expires, claims.issued
            )));
        }
        if claims.tier == Tier::Community {
            return Err(TokenError::Claims(
                "the community tier needs no token".to_owned(),
            ));
        }
        Ok(Token {
            claims,
            text: text.trim().to_owned(),
            issuer,
        })
    }
}

/// A new random licence id: `lic-` and 16 hex digits.
pub fn new_licence_id() -> Result<String, crate::KeyError> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|_| crate::KeyError::Random)?;
    Ok(format!("lic-{:016x}", u64::from_be_bytes(bytes)))
}
