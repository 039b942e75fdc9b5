use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Handoff {
    service: String,
    ticket: String,
}

fn service_url(h: &Handoff) -> String {
    let base = match h.service.as_str() {
        "wiki" => "https://wiki.example.com/sso",
        _ => "https://portal.example.com/sso",
    };
    format!("{}?ticket={}", base, urlencoding::encode(&h.ticket))
}

pub async fn handoff(Json(h): Json<Handoff>) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, service_url(&h))]).into_response()
}
