use axum::Json;
use boa_engine::{Context, Source};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Transform {
    value: String,
    script: String,
}

pub async fn transform(Json(t): Json<Transform>) -> String {
    let mut context = Context::default();
    let source = format!("const input = {:?}; {}", t.value, t.script);
    match context.eval(Source::from_bytes(source.as_bytes())) {
        Ok(v) => v.display().to_string(),
        Err(e) => e.to_string(),
    }
}
