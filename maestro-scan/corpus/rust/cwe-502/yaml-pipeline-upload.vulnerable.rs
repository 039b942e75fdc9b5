use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Step {
    name: String,
    run: String,
}

#[derive(Deserialize)]
pub struct Pipeline {
    steps: Vec<Step>,
}

pub async fn validate_pipeline(body: String) -> Result<Json<Vec<String>>, StatusCode> {
    let pipeline: Pipeline = serde_yaml::from_str(&body).map_err(|_| StatusCode::UNPROCESSABLE_ENTITY)?;
    Ok(Json(pipeline.steps.into_iter().map(|s| format!("{}: {}", s.name, s.run)).collect()))
}
