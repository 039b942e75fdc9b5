//! Checks run on a candidate secret after its pattern matched: entropy, placeholders
//! (`placeholder`) and the validators of a rule, which recompute a checksum (`checksum`) or
//! parse the structure a real value has (`structure`).

use base64::Engine as _;

use crate::rule::Validator;

mod checksum;
mod placeholder;
mod samples;
mod structure;

pub use placeholder::is_placeholder;

/// Whether a match is the access key id of an expired AWS-signed URL (see `samples`).
#[must_use]
pub fn expired_signed_url(text: &[u8], start: usize, end: usize) -> bool {
    samples::expired_signed_url(text, start, end)
}

/// Whether a generic value's credential id in the same record is a documentation id
/// (`AccessKeyId=ABCDE12345670EXAMPLE`; see `samples`).
#[must_use]
pub fn documentation_sibling(text: &[u8], start: usize, end: usize) -> bool {
    samples::documentation_sibling(text, start, end)
}

/// Shannon entropy of `bytes`, in bits per byte.
#[must_use]
pub fn entropy(bytes: &[u8]) -> f64 {
    if bytes.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in bytes {
        counts[usize::from(b)] += 1;
    }
    #[allow(clippy::cast_precision_loss)] // lengths of secrets are far below 2^52
    let len = bytes.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / len;
            -p * p.log2()
        })
        .sum()
}

/// Run a structural validator on a secret.
#[must_use]
pub fn validate(validator: Validator, secret: &[u8]) -> bool {
    match validator {
        Validator::GithubCrc32 => checksum::github_crc32(secret),
        Validator::Jwt => structure::jwt(secret),
        Validator::Pem => structure::pem(secret),
        Validator::BasicAuth => structure::basic_auth(secret),
        Validator::GrafanaCrc32 => checksum::grafana_crc32(secret),
        Validator::PypiMacaroon => secret
            .strip_prefix(b"pypi-")
            .and_then(decode_base64)
            .is_some_and(|m| structure::macaroon_v2(&m)),
        Validator::MacaroonHex => hex::decode(secret).is_ok_and(|m| structure::macaroon_v2(&m)),
        Validator::EmbeddedJson => structure::embedded_json(secret),
        Validator::Bech32 => checksum::bech32(secret),
        Validator::Base58Check => checksum::base58check_private_key(secret),
        Validator::Base58Key64 => checksum::base58_decode(secret).is_some_and(|k| k.len() == 64),
        Validator::Bip39 => checksum::bip39(secret),
        Validator::DerPrivateKey => {
            decode_base64(secret).is_some_and(|der| structure::der_private_key(&der))
        }
        Validator::PemBase64 => structure::pem_base64(secret),
        Validator::OpensshEncrypted => structure::openssh_encrypted(secret),
    }
}

/// Standard or URL-safe base64, padded or not (the padding is ignored).
fn decode_base64(text: &[u8]) -> Option<Vec<u8>> {
    let trimmed: Vec<u8> = text
        .iter()
        .take_while(|&&b| b != b'=')
        .map(|&b| match b {
            b'-' => b'+',
            b'_' => b'/',
            b => b,
        })
        .collect();
    base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(trimmed)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_of_known_strings() {
        assert!(entropy(b"aaaaaaaa").abs() < 1e-9);
        assert!((entropy(b"abcd") - 2.0).abs() < 1e-9);
        assert!(entropy(b"Zq3kT9vLm2Xw8RbN5cYh") > 4.0);
    }
}
