use sha2::{Digest, Sha256};
use rand::RngCore;

pub struct IssuedToken {
    pub plain: String,
    pub digest: String,
}

pub fn issue_token() -> IssuedToken {
    let mut raw = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    let plain = hex::encode(raw);
    let mut hasher = Sha256::new();
    hasher.update(plain.as_bytes());
    let digest = hex::encode(hasher.finalize());
    IssuedToken { plain, digest }
}
