use axum::extract::Query;
use axum::response::Redirect;
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct Onboarding {
    role: String,
}

pub async fn finish_onboarding(session: Session, Query(q): Query<Onboarding>) -> Redirect {
    session.insert("role", &q.role).await.expect("session store");
    Redirect::to("/dashboard")
}
