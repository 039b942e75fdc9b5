use axum::extract::Path;
use axum::http::StatusCode;

pub async fn download(Path(name): Path<String>) -> Result<Vec<u8>, StatusCode> {
    let path = format!("/srv/app/uploads/{}", name);
    tokio::fs::read(&path).await.map_err(|_| StatusCode::NOT_FOUND)
}
