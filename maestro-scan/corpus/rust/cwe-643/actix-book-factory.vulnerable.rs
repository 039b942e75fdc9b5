use actix_web::{get, web, HttpResponse};
use sxd_document::parser;
use sxd_xpath::{Context, Factory};

#[get("/books/{isbn}")]
async fn book(isbn: web::Path<String>) -> HttpResponse {
    let xml = std::fs::read_to_string("catalog.xml").unwrap();
    let package = parser::parse(&xml).unwrap();
    let doc = package.as_document();
    let context = Context::new();
    let source = format!("string(//book[@isbn='{}']/title)", isbn.into_inner());
    let xpath = Factory::new().build(&source).unwrap().unwrap();
    let title = xpath.evaluate(&context, doc.root()).unwrap().string();
    HttpResponse::Ok().body(title)
}
