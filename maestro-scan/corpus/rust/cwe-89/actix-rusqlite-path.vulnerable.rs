use actix_web::{get, web, HttpResponse, Responder};
use rusqlite::Connection;
use std::sync::Mutex;

pub struct AppState {
    pub db: Mutex<Connection>,
}

#[get("/notes/{slug}")]
async fn show_note(state: web::Data<AppState>, slug: web::Path<String>) -> impl Responder {
    let conn = state.db.lock().unwrap();
    let query = format!("SELECT body FROM notes WHERE slug = '{}'", slug.into_inner());
    match conn.query_row(&query, [], |row| row.get::<_, String>(0)) {
        Ok(body) => HttpResponse::Ok().body(body),
        Err(_) => HttpResponse::NotFound().finish(),
    }
}
