use actix_web::{get, web, HttpResponse};
use ldap3::{LdapConn, Scope, SearchEntry};
use serde::Deserialize;

#[derive(Deserialize)]
struct Term {
    q: String,
}

#[get("/people/suggest")]
async fn suggest(term: web::Query<Term>) -> HttpResponse {
    let mut ldap = LdapConn::new("ldap://directory.internal").unwrap();
    let filter = format!("(|(cn=*{0}*)(mail=*{0}*))", term.q);
    let (rs, _) = ldap
        .search("ou=people,dc=internal", Scope::Subtree, &filter, vec!["cn"])
        .and_then(|r| r.success())
        .unwrap_or_default();
    let names: Vec<String> = rs.into_iter().map(|e| SearchEntry::construct(e).dn).collect();
    HttpResponse::Ok().json(names)
}
