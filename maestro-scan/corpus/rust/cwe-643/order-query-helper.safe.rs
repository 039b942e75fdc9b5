use axum::extract::Path;
use sxd_document::parser;
use sxd_xpath::evaluate_xpath;

fn status_query(order_id: &str) -> String {
    format!("string(//order[@id='{}']/status)", order_id)
}

pub async fn order_status(Path(order_id): Path<u64>) -> String {
    let order_id = order_id.to_string();
    let feed = std::fs::read_to_string("/srv/feed/orders.xml").unwrap_or_default();
    let package = parser::parse(&feed).unwrap();
    let doc = package.as_document();
    evaluate_xpath(&doc, &status_query(&order_id)).map(|v| v.string()).unwrap_or_default()
}
