use axum::extract::Path;
use ldap3::{LdapConnAsync, Scope, SearchEntry};

fn employee_filter(number: &str) -> String {
    format!("(&(objectClass=person)(employeeNumber={}))", number)
}

pub async fn employee(Path(number): Path<String>) -> String {
    let (conn, mut ldap) = LdapConnAsync::new("ldap://hr-directory").await.unwrap();
    ldap3::drive!(conn);
    let (rs, _) = ldap
        .search("ou=hr,dc=corp", Scope::Subtree, &employee_filter(&number), vec!["cn", "title"])
        .await
        .unwrap()
        .success()
        .unwrap_or_default();
    rs.into_iter().map(|e| SearchEntry::construct(e).dn).collect::<Vec<_>>().join("\n")
}
