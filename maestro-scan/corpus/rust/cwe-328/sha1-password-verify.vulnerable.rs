use sha1::{Digest, Sha1};

pub struct StoredUser {
    pub salt: String,
    pub password_hash: String,
}

pub fn verify_password(user: &StoredUser, candidate: &str) -> bool {
    let mut hasher = Sha1::new();
    hasher.update(user.salt.as_bytes());
    hasher.update(candidate.as_bytes());
    hex::encode(hasher.finalize()) == user.password_hash
}
