use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use std::fmt::Write;

#[derive(Deserialize)]
struct Profile {
    website: String,
    nickname: String,
}

#[post("/profile/preview")]
async fn preview(form: web::Form<Profile>) -> HttpResponse {
    let mut out = String::new();
    write!(
        out,
        "<a href=\"{}\">{}</a>",
        html_escape::encode_double_quoted_attribute(&form.website),
        html_escape::encode_text(&form.nickname)
    )
    .unwrap();
    HttpResponse::Ok().content_type("text/html").body(out)
}
