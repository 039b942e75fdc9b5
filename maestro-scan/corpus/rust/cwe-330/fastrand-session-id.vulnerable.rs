use actix_web::{post, web, HttpResponse};
use std::collections::HashMap;
use std::sync::Mutex;

pub struct Sessions(pub Mutex<HashMap<String, u64>>);

fn new_session_id() -> String {
    (0..4).map(|_| format!("{:016x}", fastrand::u64(..))).collect()
}

#[post("/sessions/{user_id}")]
async fn create(store: web::Data<Sessions>, user_id: web::Path<u64>) -> HttpResponse {
    let sid = new_session_id();
    store.0.lock().unwrap().insert(sid.clone(), user_id.into_inner());
    HttpResponse::Created().body(sid)
}
