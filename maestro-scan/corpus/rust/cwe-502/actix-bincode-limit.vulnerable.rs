use actix_web::{post, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
struct Telemetry {
    device: String,
    samples: Vec<f32>,
}

#[post("/telemetry")]
async fn ingest(body: web::Bytes) -> HttpResponse {
    match bincode::deserialize::<Telemetry>(&body) {
        Ok(t) => HttpResponse::Accepted().body(format!("{}: {}", t.device, t.samples.len())),
        Err(_) => HttpResponse::BadRequest().finish(),
    }
}
