#[macro_use]
extern crate rocket;

use rocket::http::CookieJar;
use rocket::response::Redirect;

#[get("/logout?<then>")]
fn logout(cookies: &CookieJar<'_>, then: Option<String>) -> Redirect {
    cookies.remove_private("session");
    match then {
        Some(_) => Redirect::to(uri!("/")),
        None => Redirect::to(uri!("/")),
    }
}
