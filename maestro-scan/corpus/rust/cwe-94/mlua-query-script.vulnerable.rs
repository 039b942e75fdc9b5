use actix_web::{get, web, HttpResponse};
use mlua::Lua;
use serde::Deserialize;

#[derive(Deserialize)]
struct Calc {
    expr: String,
}

#[get("/calc")]
async fn calc(q: web::Query<Calc>) -> HttpResponse {
    let lua = Lua::new();
    let chunk = format!("return {}", q.expr);
    match lua.load(&chunk).eval::<f64>() {
        Ok(v) => HttpResponse::Ok().body(v.to_string()),
        Err(_) => HttpResponse::BadRequest().finish(),
    }
}
