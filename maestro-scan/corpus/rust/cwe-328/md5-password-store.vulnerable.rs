use axum::extract::State;
use axum::http::StatusCode;
use axum::Form;
use serde::Deserialize;
use sqlx::PgPool;

#[derive(Deserialize)]
pub struct Signup {
    email: String,
    password: String,
}

pub async fn signup(State(pool): State<PgPool>, Form(f): Form<Signup>) -> StatusCode {
    let digest = format!("{:x}", md5::compute(f.password.as_bytes()));
    let res = sqlx::query("INSERT INTO users (email, password_hash) VALUES ($1, $2)")
        .bind(&f.email)
        .bind(&digest)
        .execute(&pool)
        .await;
    if res.is_ok() { StatusCode::CREATED } else { StatusCode::CONFLICT }
}
