use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct PlanChoice {
    plan: String,
    price_cents: u32,
}

pub async fn choose_plan(session: Session, Json(c): Json<PlanChoice>) -> StatusCode {
    session.insert("plan", &c.plan).await.unwrap();
    session.insert("price_cents", c.price_cents).await.unwrap();
    StatusCode::NO_CONTENT
}
