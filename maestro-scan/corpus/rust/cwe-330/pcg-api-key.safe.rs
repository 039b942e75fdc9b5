use rand::rngs::OsRng;
use rand::RngCore;

pub struct ApiKey {
    pub id: u64,
    pub secret: String,
}

pub fn issue_api_key(owner_id: u64) -> ApiKey {
    let mut secret = [0u8; 32];
    OsRng.fill_bytes(&mut secret);
    ApiKey { id: owner_id, secret: hex::encode(secret) }
}
