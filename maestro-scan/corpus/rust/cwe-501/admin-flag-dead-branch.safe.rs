use actix_session::Session;
use actix_web::{post, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
struct Debug {
    as_admin: Option<bool>,
}

const ALLOW_DEBUG_ADMIN: bool = false;

#[post("/debug/session")]
async fn debug_session(session: Session, q: web::Query<Debug>) -> HttpResponse {
    session.insert("is_admin", false).unwrap();
    if ALLOW_DEBUG_ADMIN {
        session.insert("is_admin", q.as_admin.unwrap_or(false)).unwrap();
    }
    HttpResponse::Ok().finish()
}
