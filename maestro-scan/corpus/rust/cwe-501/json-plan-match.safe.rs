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
    let (plan, price) = match c.plan.as_str() {
        "pro" => ("pro", 2900u32),
        _ => ("basic", 900u32),
    };
    session.insert("plan", plan).await.unwrap();
    session.insert("price_cents", price).await.unwrap();
    StatusCode::NO_CONTENT
}
