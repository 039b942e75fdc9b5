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
    match engine.eval_with_scope::<i64>(&mut scope, &req.rule) {
        Ok(price) => price.to_string(),
        Err(e) => format!("error: {e}"),
    }
}
