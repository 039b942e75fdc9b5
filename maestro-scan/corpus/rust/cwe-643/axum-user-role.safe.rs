use axum::extract::Query;
use serde::Deserialize;
use sxd_document::parser;
use sxd_xpath::{Context, Factory};

#[derive(Deserialize)]
pub struct Who {
    name: String,
}

pub async fn role(Query(q): Query<Who>) -> String {
    let xml = std::fs::read_to_string("/etc/app/users.xml").unwrap_or_default();
    let package = parser::parse(&xml).expect("users.xml is valid");
    let document = package.as_document();
    let mut context = Context::new();
    context.set_variable("name", q.name.as_str());
    let xpath = Factory::new().build("string(//user[name=$name]/role)").unwrap().unwrap();
    xpath.evaluate(&context, document.root()).map(|v| v.string()).unwrap_or_default()
}
