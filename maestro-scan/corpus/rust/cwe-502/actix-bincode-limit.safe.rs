use actix_web::{post, web, HttpResponse};
use bincode::Options;
use serde::Deserialize;

#[derive(Deserialize)]
struct Telemetry {
    device: String,
    samples: Vec<f32>,
}

#[post("/telemetry")]
async fn ingest(body: web::Bytes) -> HttpResponse {
    let decoder = bincode::DefaultOptions::new().with_limit(64 * 1024);
    match decoder.deserialize::<Telemetry>(&body) {
        Ok(t) => HttpResponse::Accepted().body(format!("{}: {}", t.device, t.samples.len())),
        Err(_) => HttpResponse::BadRequest().finish(),
    }
}
