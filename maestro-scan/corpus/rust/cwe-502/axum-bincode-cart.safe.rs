use axum::body::Bytes;
use axum::http::StatusCode;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Cart {
    items: Vec<(u64, u32)>,
    coupon: Option<String>,
}

pub async fn restore_cart(body: Bytes) -> Result<String, StatusCode> {
    let cart: Cart = serde_json::from_slice(&body).map_err(|_| StatusCode::BAD_REQUEST)?;
    Ok(format!("{} items, coupon {:?}", cart.items.len(), cart.coupon))
}
