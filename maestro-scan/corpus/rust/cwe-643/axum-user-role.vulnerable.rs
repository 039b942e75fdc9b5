use axum::extract::Query;
use serde::Deserialize;
use sxd_document::parser;
use sxd_xpath::evaluate_xpath;

#[derive(Deserialize)]
pub struct Who {
    name: String,
}

pub async fn role(Query(q): Query<Who>) -> String {
    let xml = std::fs::read_to_string("/etc/app/users.xml").unwrap_or_default();
    let package = parser::parse(&xml).expect("users.xml is valid");
    let document = package.as_document();
    let expr = format!("string(//user[name='{}']/role)", q.name);
    evaluate_xpath(&document, &expr).map(|v| v.string()).unwrap_or_default()
}
