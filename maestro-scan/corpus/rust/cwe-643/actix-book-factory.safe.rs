use actix_web::{get, web, HttpResponse};
use sxd_document::parser;
use sxd_xpath::{Context, Factory};

#[get("/books/{isbn}")]
async fn book(isbn: web::Path<String>) -> HttpResponse {
    let xml = std::fs::read_to_string("catalog.xml").unwrap();
    let package = parser::parse(&xml).unwrap();
    let doc = package.as_document();
    let mut context = Context::new();
    let isbn = isbn.into_inner();
    context.set_variable("isbn", isbn.as_str());
    let xpath = Factory::new().build("string(//book[@isbn=$isbn]/title)").unwrap().unwrap();
    let title = xpath.evaluate(&context, doc.root()).unwrap().string();
    HttpResponse::Ok().body(title)
}
