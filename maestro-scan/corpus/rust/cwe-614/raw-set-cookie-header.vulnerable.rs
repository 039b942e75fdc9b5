use axum::http::{header, HeaderMap, StatusCode};

pub async fn api_login() -> (StatusCode, HeaderMap) {
    let token = crate::tokens::issue();
    let mut headers = HeaderMap::new();
    let value = format!("api_token={}; Path=/; Max-Age=3600", token);
    headers.insert(header::SET_COOKIE, value.parse().unwrap());
    (StatusCode::NO_CONTENT, headers)
}
