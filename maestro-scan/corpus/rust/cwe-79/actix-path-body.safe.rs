use actix_web::{get, web, HttpResponse};

#[get("/tags/{tag}")]
async fn tag_page(tag: web::Path<String>) -> HttpResponse {
    let tag = html_escape::encode_safe(&tag.into_inner()).into_owned();
    let body = format!("<html><body><h2>Posts tagged {}</h2></body></html>", tag);
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(body)
}
