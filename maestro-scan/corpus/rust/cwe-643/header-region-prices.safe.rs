use axum::http::HeaderMap;
use axum::Json;
use sxd_document::parser;
use sxd_xpath::{evaluate_xpath, Value};

pub async fn prices(headers: HeaderMap) -> Json<Vec<f64>> {
    let region = match headers.get("x-region").and_then(|v| v.to_str().ok()) {
        Some("us") => "us",
        Some("apac") => "apac",
        _ => "eu",
    };
    let xml = std::fs::read_to_string("data/prices.xml").unwrap_or_default();
    let package = parser::parse(&xml).unwrap();
    let doc = package.as_document();
    let expr = format!("//price[@region='{}']", region);
    let values = match evaluate_xpath(&doc, &expr) {
        Ok(Value::Nodeset(nodes)) => nodes.iter().filter_map(|n| n.string_value().parse().ok()).collect(),
        _ => Vec::new(),
    };
    Json(values)
}
