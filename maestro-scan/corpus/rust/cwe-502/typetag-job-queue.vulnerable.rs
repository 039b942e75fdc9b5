use axum::http::StatusCode;
use axum::Json;

#[typetag::serde(tag = "kind")]
pub trait Job: Send {
    fn run(&self) -> String;
}

pub async fn enqueue(body: String) -> Result<Json<String>, StatusCode> {
    let job: Box<dyn Job> = serde_json::from_str(&body).map_err(|_| StatusCode::BAD_REQUEST)?;
    Ok(Json(job.run()))
}
