use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use std::process::Command;

#[derive(Deserialize)]
struct ResizeRequest {
    file: String,
    width: u32,
}

#[post("/images/resize")]
async fn resize(req: web::Json<ResizeRequest>) -> HttpResponse {
    let source = format!("/srv/images/{}", req.file);
    let quoted = shlex::try_quote(&source).unwrap_or_default();
    let cmd = format!("convert {} -resize {}x {}.small.png", quoted, req.width, quoted);
    let status = Command::new("bash").args(["-c", &cmd]).status();
    match status {
        Ok(s) if s.success() => HttpResponse::Ok().finish(),
        _ => HttpResponse::InternalServerError().finish(),
    }
}
