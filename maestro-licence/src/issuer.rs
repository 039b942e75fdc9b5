//! The issuer's side: signing licence tokens and validation answers.

use crate::answer::{ANSWER_KIND, Answer};
use crate::envelope::seal;
use crate::key::IssuerKey;
use crate::token::{Claims, TOKEN_KIND};

/// Signs licence tokens and validation answers: the licence server's side, for self-hosted
/// issuers and for tests.
#[derive(Debug)]
pub struct Issuer {
    key: IssuerKey,
}

impl Issuer {
    /// An issuer signing with `key`.
    #[must_use]
    pub fn new(key: IssuerKey) -> Issuer {
        Issuer { key }
    }

    /// The issuer's key pair.
    #[must_use]
    pub fn key(&self) -> &IssuerKey {
        &self.key
    }

    /// A signed token granting `claims`.
    #[must_use]
    pub fn issue(&self, claims: &Claims) -> String {
        seal(TOKEN_KIND, claims, &self.key)
    }

    /// A signed validation answer (what a licence endpoint returns).
    #[must_use]
    pub fn answer(&self, answer: &Answer) -> String {
        seal(ANSWER_KIND, answer, &self.key)
    }
}
