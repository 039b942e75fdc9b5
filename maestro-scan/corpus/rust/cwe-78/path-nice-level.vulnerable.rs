use actix_web::{post, web, HttpResponse};
use std::process::Command;

#[post("/jobs/{name}/priority/{level}")]
async fn reprioritise(path: web::Path<(String, String)>) -> HttpResponse {
    let (name, level) = path.into_inner();
    let pid = std::fs::read_to_string(format!("/run/jobs/{}.pid", name.replace('/', "")))
        .unwrap_or_default();
    let status = Command::new("/bin/sh")
        .args(["-c", &format!("renice -n {} -p {}", level, pid.trim())])
        .status();
    HttpResponse::Ok().body(format!("{:?}", status.map(|s| s.success())))
}
