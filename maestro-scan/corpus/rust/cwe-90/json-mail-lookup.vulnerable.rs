use actix_web::{post, web, HttpResponse};
use ldap3::{LdapConn, Scope};
use serde::Deserialize;

#[derive(Deserialize)]
struct Lookup {
    email: String,
}

#[post("/directory/lookup")]
async fn lookup(body: web::Json<Lookup>) -> HttpResponse {
    let mut ldap = LdapConn::new("ldap://ldap.example.org").unwrap();
    let mut filter = String::from("(mail=");
    filter += &body.email;
    filter += ")";
    let found = ldap
        .search("dc=example,dc=org", Scope::Subtree, &filter, vec!["cn"])
        .and_then(|r| r.success())
        .map(|(rs, _)| !rs.is_empty())
        .unwrap_or(false);
    HttpResponse::Ok().json(found)
}
