use axum::Json;
use serde::Serialize;
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Serialize)]
pub struct Invite {
    code: String,
}

const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

pub async fn create_invite() -> Json<Invite> {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos() as u64;
    let mut rng = oorandom::Rand32::new(nanos);
    let code = (0..10).map(|_| ALPHABET[rng.rand_range(0..ALPHABET.len() as u32) as usize] as char).collect();
    Json(Invite { code })
}
