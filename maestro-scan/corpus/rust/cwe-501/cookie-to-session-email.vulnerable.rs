use axum::response::Redirect;
use axum_extra::extract::CookieJar;
use tower_sessions::Session;

pub async fn resume(session: Session, jar: CookieJar) -> Redirect {
    if let Some(c) = jar.get("last_email") {
        session.insert("verified_email", c.value()).await.unwrap();
    }
    Redirect::to("/")
}
