use actix_session::storage::CookieSessionStore;
use actix_session::SessionMiddleware;
use actix_web::cookie::Key;
use actix_web::{App, HttpServer};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let key = Key::generate();
    HttpServer::new(move || {
        App::new().wrap(
            SessionMiddleware::builder(CookieSessionStore::default(), key.clone())
                .cookie_name("shop".into())
                .cookie_secure(true)
                .cookie_http_only(true)
                .build(),
        )
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
