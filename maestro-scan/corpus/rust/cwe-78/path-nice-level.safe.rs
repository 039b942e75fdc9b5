use actix_web::{post, web, HttpResponse};
use std::process::Command;

#[post("/jobs/{name}/priority/{level}")]
async fn reprioritise(path: web::Path<(String, String)>) -> HttpResponse {
    let (name, level) = path.into_inner();
    let Ok(level) = level.parse::<i8>() else {
        return HttpResponse::BadRequest().finish();
    };
    let pid: u32 = std::fs::read_to_string(format!("/run/jobs/{}.pid", name.replace('/', "")))
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    let status = Command::new("/bin/sh")
        .args(["-c", &format!("renice -n {} -p {}", level, pid)])
        .status();
    HttpResponse::Ok().body(format!("{:?}", status.map(|s| s.success())))
}
