use axum::extract::State;
use axum::http::StatusCode;
use axum_extra::extract::CookieJar;
use rusqlite::Connection;
use std::sync::{Arc, Mutex};

pub async fn clear_cart(State(db): State<Arc<Mutex<Connection>>>, jar: CookieJar) -> StatusCode {
    let Some(cart) = jar.get("cart_id") else {
        return StatusCode::NO_CONTENT;
    };
    let Ok(cart_id) = cart.value().parse::<i64>() else {
        return StatusCode::BAD_REQUEST;
    };
    let conn = db.lock().unwrap();
    let sql = format!("DELETE FROM cart_items WHERE cart_id = {}", cart_id);
    match conn.execute(&sql, []) {
        Ok(_) => StatusCode::NO_CONTENT,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}
