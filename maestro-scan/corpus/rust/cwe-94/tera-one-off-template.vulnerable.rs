use axum::Json;
use serde::Deserialize;
use tera::{Context, Tera};

#[derive(Deserialize)]
pub struct Preview {
    customer: String,
    template: String,
}

pub async fn preview_email(Json(p): Json<Preview>) -> String {
    let mut ctx = Context::new();
    ctx.insert("customer", &p.customer);
    Tera::one_off(&p.template, &ctx, true).unwrap_or_else(|e| e.to_string())
}
