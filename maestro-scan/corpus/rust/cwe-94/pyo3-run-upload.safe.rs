use actix_multipart::form::{tempfile::TempFile, MultipartForm};
use actix_web::{post, HttpResponse};
use pyo3::prelude::*;

#[derive(MultipartForm)]
struct PluginUpload {
    script: TempFile,
}

#[post("/plugins/test")]
async fn run_plugin(MultipartForm(form): MultipartForm<PluginUpload>) -> HttpResponse {
    let code = std::fs::read_to_string(form.script.file.path()).unwrap_or_default();
    let result = Python::with_gil(|py| {
        let ast = py.import("ast")?;
        ast.call_method1("parse", (code.as_str(),)).map(|_| ())
    });
    match result {
        Ok(()) => HttpResponse::Ok().body("plugin parses"),
        Err(e) => HttpResponse::BadRequest().body(e.to_string()),
    }
}
