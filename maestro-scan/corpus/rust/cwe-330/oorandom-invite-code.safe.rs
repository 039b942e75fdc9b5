use axum::Json;
use serde::Serialize;
use rand::rngs::OsRng;
use rand::Rng;

#[derive(Serialize)]
pub struct Invite {
    code: String,
}

const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

pub async fn create_invite() -> Json<Invite> {
    let code = (0..10).map(|_| ALPHABET[OsRng.gen_range(0..ALPHABET.len())] as char).collect();
    Json(Invite { code })
}
