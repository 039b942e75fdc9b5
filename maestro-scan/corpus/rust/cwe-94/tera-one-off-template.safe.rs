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
    ctx.insert("note", &p.template);
    Tera::one_off(include_str!("../templates/welcome.html"), &ctx, true).unwrap_or_else(|e| e.to_string())
}
