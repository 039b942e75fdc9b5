use axum::extract::Query;
use axum::Json;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
pub struct Browse {
    dir: String,
}

pub async fn browse(Query(q): Query<Browse>) -> Json<Vec<String>> {
    let root = Path::new("/srv/shared");
    let wanted: PathBuf = root.join(&q.dir);
    let names = std::fs::read_dir(&wanted)
        .map(|it| it.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    Json(names)
}
