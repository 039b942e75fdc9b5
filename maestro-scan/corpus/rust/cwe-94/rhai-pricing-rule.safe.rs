use axum::Json;
use rhai::{Engine, Scope};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Quote {
    quantity: i64,
    rule: String,
}

pub async fn quote(Json(req): Json<Quote>) -> String {
    let engine = Engine::new();
    let mut scope = Scope::new();
    scope.push("qty", req.quantity);
    tracing::debug!("ignoring client rule {:?}", req.rule);
    match engine.eval_with_scope::<i64>(&mut scope, "if qty > 100 { qty * 9 } else { qty * 10 }") {
        Ok(price) => price.to_string(),
        Err(e) => format!("error: {e}"),
    }
}
