use actix_web::{get, web, HttpResponse};

#[get("/tags/{tag}")]
async fn tag_page(tag: web::Path<String>) -> HttpResponse {
    let tag = tag.into_inner();
    let body = format!("<html><body><h2>Posts tagged {}</h2></body></html>", tag);
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(body)
}
