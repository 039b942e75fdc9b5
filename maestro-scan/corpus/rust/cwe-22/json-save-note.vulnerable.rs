use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
pub struct Note {
    filename: String,
    content: String,
}

pub async fn save_note(Json(note): Json<Note>) -> StatusCode {
    let target = Path::new("/srv/notes").join(&note.filename);
    match std::fs::write(&target, note.content.as_bytes()) {
        Ok(_) => StatusCode::CREATED,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}
