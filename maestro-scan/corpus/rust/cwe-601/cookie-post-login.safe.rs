use axum::response::Redirect;
use axum_extra::extract::cookie::{Cookie, CookieJar};

pub async fn complete_signin(jar: CookieJar) -> (CookieJar, Redirect) {
    let target = jar
        .get("post_login")
        .map(|c| c.value().to_owned())
        .filter(|t| t.starts_with('/') && !t.starts_with("//"))
        .unwrap_or_else(|| "/".into());
    let jar = jar.remove(Cookie::from("post_login"));
    (jar, Redirect::to(&target))
}
