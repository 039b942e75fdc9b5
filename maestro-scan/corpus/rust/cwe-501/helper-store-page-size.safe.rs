use axum::extract::Query;
use std::collections::HashMap;
use tower_sessions::Session;

async fn remember(session: &Session, key: &str, value: &str) {
    session.insert(key, value).await.unwrap();
}

pub async fn list(session: Session, Query(params): Query<HashMap<String, String>>) -> &'static str {
    if let Some(size) = params.get("page_size").and_then(|s| s.parse::<u8>().ok()) {
        remember(&session, "page_size", &size.to_string()).await;
    }
    "ok"
}
