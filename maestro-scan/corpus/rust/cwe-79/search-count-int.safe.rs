use axum::extract::Query;
use axum::response::Html;
use std::collections::HashMap;

pub async fn results(Query(params): Query<HashMap<String, String>>) -> Html<String> {
    let page: u32 = params.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    Html(format!("<p>Showing page {} of results</p>", page))
}
