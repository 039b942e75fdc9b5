use actix_session::Session;
use actix_web::{post, web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
struct Switch {
    user_id: u64,
}

#[post("/switch-user")]
async fn switch_user(session: Session, form: web::Form<Switch>) -> HttpResponse {
    let linked: Vec<u64> = session.get("linked_accounts").unwrap_or(None).unwrap_or_default();
    if !linked.contains(&form.user_id) {
        return HttpResponse::Forbidden().finish();
    }
    session.insert("user_id", form.user_id).unwrap();
    HttpResponse::SeeOther().append_header(("Location", "/")).finish()
}
