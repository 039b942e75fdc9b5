use axum::extract::Query;
use axum::response::Html;
use std::collections::HashMap;

pub async fn results(Query(params): Query<HashMap<String, String>>) -> Html<String> {
    let page = params.get("page").cloned().unwrap_or_else(|| "1".into());
    Html(format!("<p>Showing page {} of results</p>", page))
}
