use axum::http::{HeaderMap, StatusCode};
use tower_sessions::Session;

const TENANTS: [&str; 3] = ["acme", "globex", "initech"];

pub async fn select_tenant(session: Session, headers: HeaderMap) -> StatusCode {
    let tenant = headers.get("x-tenant").and_then(|v| v.to_str().ok()).unwrap_or("");
    session.insert("tenant", tenant).await.unwrap();
    StatusCode::NO_CONTENT
}
