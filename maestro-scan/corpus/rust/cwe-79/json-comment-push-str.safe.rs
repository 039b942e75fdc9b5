use axum::response::Html;
use axum::Json;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Comment {
    author: String,
    body: String,
}

pub async fn preview(Json(c): Json<Comment>) -> Html<String> {
    let mut page = String::from("<article>");
    page.push_str(&format!("<h4>{}</h4>", html_escape::encode_text(&c.author)));
    page.push_str(&ammonia::clean(&c.body));
    page.push_str("</article>");
    Html(page)
}
