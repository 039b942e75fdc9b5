use actix_web::{get, web, HttpResponse};
use libxml::parser::Parser;
use libxml::xpath::Context;
use serde::Deserialize;

#[derive(Deserialize)]
struct Menu {
    category: String,
}

#[get("/menu")]
async fn dishes(q: web::Query<Menu>) -> HttpResponse {
    let doc = Parser::default().parse_file("config/menu.xml").unwrap();
    let ctx = Context::new(&doc).unwrap();
    let expr = format!("//dish[category=\"{}\"]/name", q.category);
    let names: Vec<String> = ctx
        .evaluate(&expr)
        .map(|o| o.get_nodes_as_vec().iter().map(|n| n.get_content()).collect())
        .unwrap_or_default();
    HttpResponse::Ok().json(names)
}
