use axum::response::Redirect;
use axum_extra::extract::cookie::{Cookie, CookieJar};

pub async fn login_complete(jar: CookieJar) -> (CookieJar, Redirect) {
    let token = crate::auth::issue_session_token();
    let cookie = Cookie::build(("session", token)).path("/").secure(true).http_only(true).build();
    let jar = jar.add(cookie);
    (jar, Redirect::to("/dashboard"))
}
