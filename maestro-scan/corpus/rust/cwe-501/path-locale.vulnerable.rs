use actix_session::Session;
use actix_web::{get, web, HttpResponse};

#[get("/locale/{lang}")]
async fn set_locale(session: Session, lang: web::Path<String>) -> HttpResponse {
    let lang = lang.into_inner();
    session.insert("locale", &lang).unwrap();
    HttpResponse::Found().append_header(("Location", "/")).finish()
}
