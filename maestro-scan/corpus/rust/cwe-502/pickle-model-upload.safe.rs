use actix_multipart::form::{tempfile::TempFile, MultipartForm};
use actix_web::{post, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
struct Weights {
    name: String,
    values: Vec<f64>,
}

#[derive(MultipartForm)]
struct Upload {
    model: TempFile,
}

#[post("/models")]
async fn upload(MultipartForm(form): MultipartForm<Upload>) -> HttpResponse {
    let data = std::fs::read(form.model.file.path()).unwrap_or_default();
    match serde_json::from_slice::<Weights>(&data) {
        Ok(w) => HttpResponse::Created().body(format!("{}: {} weights", w.name, w.values.len())),
        Err(_) => HttpResponse::BadRequest().finish(),
    }
}
