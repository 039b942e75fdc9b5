use axum::http::{HeaderMap, StatusCode};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Snapshot {
    user: String,
    scopes: Vec<String>,
}

pub async fn resume(headers: HeaderMap) -> Result<String, StatusCode> {
    let blob = headers.get("x-resume-token").and_then(|v| v.to_str().ok()).ok_or(StatusCode::BAD_REQUEST)?;
    let raw = STANDARD.decode(blob).map_err(|_| StatusCode::BAD_REQUEST)?;
    let snap: Snapshot = rmp_serde::from_slice(&raw).map_err(|_| StatusCode::BAD_REQUEST)?;
    Ok(format!("{} ({})", snap.user, snap.scopes.join(",")))
}
