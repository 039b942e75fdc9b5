use argon2::password_hash::{PasswordHash, PasswordVerifier};
use argon2::Argon2;

pub struct StoredUser {
    pub salt: String,
    pub password_hash: String,
}

pub fn verify_password(user: &StoredUser, candidate: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(&user.password_hash) else {
        return false;
    };
    Argon2::default().verify_password(candidate.as_bytes(), &parsed).is_ok()
}
