use axum::extract::Query;
use axum::response::Html;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Greet {
    name: String,
}

pub async fn greet(Query(q): Query<Greet>) -> Html<String> {
    Html(format!("<h1>Hello, {}!</h1>", q.name))
}
