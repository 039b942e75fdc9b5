use axum::response::Redirect;
use axum_extra::extract::cookie::{Cookie, CookieJar};

pub async fn login_complete(jar: CookieJar) -> (CookieJar, Redirect) {
    let token = crate::auth::issue_session_token();
    let jar = jar.add(Cookie::new("session", token));
    (jar, Redirect::to("/dashboard"))
}
