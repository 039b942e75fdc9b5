use axum::extract::State;
use axum::Json;
use rand::distributions::Alphanumeric;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use serde::Deserialize;
use sqlx::PgPool;

#[derive(Deserialize)]
pub struct ResetRequest {
    email: String,
}

pub async fn request_reset(State(pool): State<PgPool>, Json(req): Json<ResetRequest>) -> &'static str {
    let mut rng = SmallRng::from_entropy();
    let token: String = (&mut rng).sample_iter(&Alphanumeric).take(40).map(char::from).collect();
    let _ = sqlx::query("UPDATE users SET reset_token = $1 WHERE email = $2")
        .bind(&token)
        .bind(&req.email)
        .execute(&pool)
        .await;
    "if the address exists, a reset link was sent"
}
