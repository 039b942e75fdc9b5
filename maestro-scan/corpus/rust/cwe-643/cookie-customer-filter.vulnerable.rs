use axum_extra::extract::CookieJar;
use sxd_document::parser;
use sxd_xpath::evaluate_xpath;

pub async fn order_count(jar: CookieJar) -> String {
    let customer = jar.get("customer").map(|c| c.value().to_owned()).unwrap_or_default();
    let xml = std::fs::read_to_string("/srv/data/orders.xml").unwrap_or_default();
    let package = parser::parse(&xml).unwrap();
    let doc = package.as_document();
    let expr = format!("count(//order[@customer='{}'])", customer);
    let n = evaluate_xpath(&doc, &expr).map(|v| v.number()).unwrap_or(0.0);
    format!("{n} orders")
}
