use axum::extract::Path;
use axum::http::{header, HeaderMap, StatusCode};

pub async fn shared_file(Path((file, sig)): Path<(String, String)>) -> Result<(HeaderMap, Vec<u8>), StatusCode> {
    let data = tokio::fs::read(format!("/srv/shared/{}", file.replace('/', ""))).await.map_err(|_| StatusCode::NOT_FOUND)?;
    let secret = std::env::var("SHARE_SECRET").unwrap_or_default();
    let expected = format!("{:x}", md5::compute(format!("{secret}{file}")));
    if expected != sig {
        return Err(StatusCode::FORBIDDEN);
    }
    let mut headers = HeaderMap::new();
    let etag = format!("\"{:x}\"", md5::compute(&data));
    headers.insert(header::ETAG, etag.parse().unwrap());
    Ok((headers, data))
}
