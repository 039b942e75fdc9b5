use axum::extract::Path;
use axum::http::{header, HeaderMap, StatusCode};

pub async fn shared_file(Path((file, sig)): Path<(String, String)>) -> Result<(HeaderMap, Vec<u8>), StatusCode> {
    let data = tokio::fs::read(format!("/srv/shared/{}", file.replace('/', ""))).await.map_err(|_| StatusCode::NOT_FOUND)?;
    let secret = std::env::var("SHARE_SECRET").unwrap_or_default();
    let mut mac = <hmac::Hmac<sha2::Sha256> as hmac::Mac>::new_from_slice(secret.as_bytes()).unwrap();
    hmac::Mac::update(&mut mac, file.as_bytes());
    let expected = hex::encode(hmac::Mac::finalize(mac).into_bytes());
    if expected != sig {
        return Err(StatusCode::FORBIDDEN);
    }
    let mut headers = HeaderMap::new();
    let etag = format!("\"{:x}\"", md5::compute(&data));
    headers.insert(header::ETAG, etag.parse().unwrap());
    Ok((headers, data))
}
