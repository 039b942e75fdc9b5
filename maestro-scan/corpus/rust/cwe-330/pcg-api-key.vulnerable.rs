use rand::{RngCore, SeedableRng};
use rand_pcg::Pcg64;

pub struct ApiKey {
    pub id: u64,
    pub secret: String,
}

pub fn issue_api_key(owner_id: u64) -> ApiKey {
    let mut rng = Pcg64::seed_from_u64(owner_id);
    let mut secret = [0u8; 32];
    rng.fill_bytes(&mut secret);
    ApiKey { id: owner_id, secret: hex::encode(secret) }
}
