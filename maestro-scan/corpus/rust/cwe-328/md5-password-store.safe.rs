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
    let digest = bcrypt::hash(&f.password, bcrypt::DEFAULT_COST).expect("bcrypt");
    let res = sqlx::query("INSERT INTO users (email, password_hash) VALUES ($1, $2)")
        .bind(&f.email)
        .bind(&digest)
        .execute(&pool)
        .await;
    if res.is_ok() { StatusCode::CREATED } else { StatusCode::CONFLICT }
}
