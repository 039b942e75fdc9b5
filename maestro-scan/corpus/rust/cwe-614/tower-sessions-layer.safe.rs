use axum::routing::get;
use axum::Router;
use tower_sessions::{MemoryStore, SessionManagerLayer};

pub fn app() -> Router {
    let store = MemoryStore::default();
    let sessions = SessionManagerLayer::new(store)
        .with_name("app_session")
        .with_secure(true)
        .with_http_only(true);
    Router::new().route("/", get(|| async { "ok" })).layer(sessions)
}
