use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use sxd_document::parser;
use sxd_xpath::{Context, Factory};

#[derive(Deserialize)]
pub struct Unlock {
    login: String,
    pin: String,
}

pub async fn unlock(Json(u): Json<Unlock>) -> StatusCode {
    let xml = std::fs::read_to_string("/etc/kiosk/accounts.xml").unwrap_or_default();
    let package = parser::parse(&xml).unwrap();
    let doc = package.as_document();
    let mut ctx = Context::new();
    ctx.set_variable("login", u.login.as_str());
    ctx.set_variable("pin", u.pin.as_str());
    let xpath = Factory::new().build("boolean(//account[login=$login and pin=$pin])").unwrap().unwrap();
    match xpath.evaluate(&ctx, doc.root()) {
        Ok(v) if v.boolean() => StatusCode::OK,
        _ => StatusCode::UNAUTHORIZED,
    }
}
