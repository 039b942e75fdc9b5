use axum::extract::Query;
use axum::response::Redirect;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LoginDone {
    next: Option<String>,
}

pub async fn after_login(Query(q): Query<LoginDone>) -> Redirect {
    let target = q.next.unwrap_or_else(|| "/dashboard".to_string());
    Redirect::to(&target)
}
