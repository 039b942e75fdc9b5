use axum::http::{header, HeaderMap};
use axum::response::Redirect;

pub async fn add_to_cart(headers: HeaderMap) -> Redirect {
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("/");
    Redirect::to(back)
}
