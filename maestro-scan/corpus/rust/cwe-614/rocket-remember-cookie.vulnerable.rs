#[macro_use]
extern crate rocket;

use rocket::http::{Cookie, CookieJar};
use rocket::response::Redirect;

#[post("/remember")]
fn remember(cookies: &CookieJar<'_>) -> Redirect {
    let token = crate::auth::remember_token();
    let cookie = Cookie::build(("remember", token)).path("/").http_only(false);
    cookies.add(cookie);
    Redirect::to(uri!("/"))
}
