use axum::extract::Path;
use axum::http::StatusCode;

pub async fn download(Path(name): Path<String>) -> Result<Vec<u8>, StatusCode> {
    let file_name = std::path::Path::new(&name)
        .file_name()
        .ok_or(StatusCode::BAD_REQUEST)?
        .to_owned();
    let path = std::path::Path::new("/srv/app/uploads").join(file_name);
    tokio::fs::read(&path).await.map_err(|_| StatusCode::NOT_FOUND)
}
