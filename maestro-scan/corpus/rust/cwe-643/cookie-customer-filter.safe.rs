use axum_extra::extract::CookieJar;
use sxd_document::parser;
use sxd_xpath::evaluate_xpath;

pub async fn order_count(jar: CookieJar) -> String {
    let customer = jar.get("customer").map(|c| c.value().to_owned()).unwrap_or_default();
    let xml = std::fs::read_to_string("/srv/data/orders.xml").unwrap_or_default();
    let package = parser::parse(&xml).unwrap();
    let doc = package.as_document();
    let n = match evaluate_xpath(&doc, "//order") {
        Ok(sxd_xpath::Value::Nodeset(nodes)) => nodes
            .iter()
            .filter(|n| n.element().and_then(|e| e.attribute_value("customer")) == Some(customer.as_str()))
            .count() as f64,
        _ => 0.0,
    };
    format!("{n} orders")
}
