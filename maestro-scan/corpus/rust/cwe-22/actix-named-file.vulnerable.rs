use actix_files::NamedFile;
use actix_web::{get, web, Result};
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Deserialize)]
struct Asset {
    file: String,
}

#[get("/assets")]
async fn asset(q: web::Query<Asset>) -> Result<NamedFile> {
    let base = PathBuf::from("/srv/static");
    let path = base.join(&q.file);
    Ok(NamedFile::open(path)?)
}
