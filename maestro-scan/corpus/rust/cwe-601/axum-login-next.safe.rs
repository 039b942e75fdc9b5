use axum::extract::Query;
use axum::response::Redirect;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LoginDone {
    next: Option<String>,
}

pub async fn after_login(Query(q): Query<LoginDone>) -> Redirect {
    let target = q.next.unwrap_or_else(|| "/dashboard".to_string());
    if target.starts_with('/') && !target.starts_with("//") && !target.starts_with("/\\") {
        Redirect::to(&target)
    } else {
        Redirect::to("/dashboard")
    }
}
