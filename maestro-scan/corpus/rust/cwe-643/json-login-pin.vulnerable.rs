use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use sxd_document::parser;
use sxd_xpath::evaluate_xpath;

#[derive(Deserialize)]
pub struct Unlock {
    login: String,
    pin: String,
}

pub async fn unlock(Json(u): Json<Unlock>) -> StatusCode {
    let xml = std::fs::read_to_string("/etc/kiosk/accounts.xml").unwrap_or_default();
    let package = parser::parse(&xml).unwrap();
    let doc = package.as_document();
    let expr = format!("boolean(//account[login='{}' and pin='{}'])", u.login, u.pin);
    match evaluate_xpath(&doc, &expr) {
        Ok(v) if v.boolean() => StatusCode::OK,
        _ => StatusCode::UNAUTHORIZED,
    }
}
