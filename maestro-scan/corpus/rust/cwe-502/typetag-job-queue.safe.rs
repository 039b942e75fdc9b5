use axum::http::StatusCode;
use axum::Json;

#[derive(serde::Deserialize)]
#[serde(tag = "kind")]
pub enum Job {
    Thumbnail { image_id: u64 },
    Reindex { index: String },
}

impl Job {
    fn run(&self) -> String {
        match self {
            Job::Thumbnail { image_id } => format!("thumbnail {image_id}"),
            Job::Reindex { index } => format!("reindex {index}"),
        }
    }
}

pub async fn enqueue(body: String) -> Result<Json<String>, StatusCode> {
    let job: Job = serde_json::from_str(&body).map_err(|_| StatusCode::BAD_REQUEST)?;
    Ok(Json(job.run()))
}
