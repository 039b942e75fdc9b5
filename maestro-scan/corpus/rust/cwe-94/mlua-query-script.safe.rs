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
    let Ok(amount) = q.expr.trim().parse::<f64>() else {
        return HttpResponse::BadRequest().finish();
    };
    lua.globals().set("amount", amount).unwrap();
    match lua.load("return amount * 1.2").eval::<f64>() {
        Ok(v) => HttpResponse::Ok().body(v.to_string()),
        Err(_) => HttpResponse::BadRequest().finish(),
    }
}
