//! Signed envelopes: `<kind>.<base64url payload>.<base64url signature>`.
//!
//! The signature is Ed25519 over the ASCII bytes `<kind>.<base64url payload>`, so a signed
//! payload of one kind (a licence token) can never be presented as another (a server answer).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signature, Signer as _, VerifyingKey};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::key::{IssuerKey, TrustedKeys};

/// Why an envelope was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EnvelopeError {
    /// Not three dot-separated base64url parts with the expected kind.
    #[error("not a {kind} (expected `{kind}.<payload>.<signature>`)")]
    Malformed {
        /// The expected kind.
        kind: &'static str,
    },
    /// No trusted key verifies the signature.
    #[error("the {kind} signature is not from a trusted issuer (bad signature or unknown key)")]
    Untrusted {
        /// The kind.
        kind: &'static str,
    },
    /// The signed payload does not decode.
    #[error("the {kind} payload is invalid: {message}")]
    Payload {
        /// The kind.
        kind: &'static str,
        /// The decoding problem.
        message: String,
    },
}

/// Signs `payload` as an envelope of `kind`.
pub(crate) fn seal<T: Serialize>(kind: &str, payload: &T, key: &IssuerKey) -> String {
    let json = serde_json::to_vec(payload).expect("licence payloads always serialise");
    let signed = format!("{kind}.{}", URL_SAFE_NO_PAD.encode(json));
    let signature = key.signing_key().sign(signed.as_bytes());
    format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()))
}

/// Verifies an envelope of `kind` against `trusted` and decodes its payload. Returns the
/// payload and the key that signed it.
pub(crate) fn open<T: DeserializeOwned>(
    kind: &'static str,
    text: &str,
    trusted: &TrustedKeys,
) -> Result<(T, VerifyingKey), EnvelopeError> {
    let malformed = || EnvelopeError::Malformed { kind };
    let text = text.trim();
    let (signed, signature) = text.rsplit_once('.').ok_or_else(malformed)?;
    let (prefix, payload) = signed.split_once('.').ok_or_else(malformed)?;
    if prefix != kind {
        return Err(malformed());
    }
    let signature: [u8; 64] = URL_SAFE_NO_PAD
        .decode(signature)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(malformed)?;
    let signature = Signature::from_bytes(&signature);
    let payload = URL_SAFE_NO_PAD.decode(payload).map_err(|_| malformed())?;
    let key = trusted
        .iter()
        .find(|key| key.verify_strict(signed.as_bytes(), &signature).is_ok())
        .ok_or(EnvelopeError::Untrusted { kind })?;
    let value = serde_json::from_slice(&payload).map_err(|e| EnvelopeError::Payload {
        kind,
        message: e.to_string(),
    })?;
    Ok((value, *key))
}
