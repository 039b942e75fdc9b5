use axum::http::StatusCode;
use axum::Form;
use ldap3::{LdapConnAsync, Scope, SearchEntry};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Login {
    username: String,
    password: String,
}

pub async fn login(Form(form): Form<Login>) -> StatusCode {
    let Ok((conn, mut ldap)) = LdapConnAsync::new("ldaps://ldap.example.com").await else {
        return StatusCode::SERVICE_UNAVAILABLE;
    };
    ldap3::drive!(conn);
    let filter = format!("(&(objectClass=person)(uid={}))", form.username);
    let Ok(result) = ldap.search("ou=people,dc=example,dc=com", Scope::Subtree, &filter, vec!["dn"]).await else {
        return StatusCode::INTERNAL_SERVER_ERROR;
    };
    let Ok((entries, _)) = result.success() else { return StatusCode::UNAUTHORIZED };
    let Some(entry) = entries.into_iter().next() else { return StatusCode::UNAUTHORIZED };
    let dn = SearchEntry::construct(entry).dn;
    match ldap.simple_bind(&dn, &form.password).await.and_then(|r| r.success()) {
        Ok(_) => StatusCode::OK,
        Err(_) => StatusCode::UNAUTHORIZED,
    }
}
