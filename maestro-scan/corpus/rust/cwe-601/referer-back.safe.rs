use axum::http::{header, HeaderMap};
use axum::response::Redirect;

pub async fn add_to_cart(headers: HeaderMap) -> Redirect {
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("/");
    let path = url::Url::parse(back)
        .map(|u| u.path().to_string())
        .ok()
        .filter(|p| !p.starts_with("//"))
        .unwrap_or_else(|| "/".into());
    Redirect::to(&path)
}
