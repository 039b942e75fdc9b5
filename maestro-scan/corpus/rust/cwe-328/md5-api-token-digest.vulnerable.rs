use md5::{Digest, Md5};
use rand::RngCore;

pub struct IssuedToken {
    pub plain: String,
    pub digest: String,
}

pub fn issue_token() -> IssuedToken {
    let mut raw = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    let plain = hex::encode(raw);
    let mut hasher = Md5::new();
    hasher.update(plain.as_bytes());
    let digest = hex::encode(hasher.finalize());
    IssuedToken { plain, digest }
}
