use ldap3::{LdapConn, Scope};
use std::env;

fn main() {
    let account = env::var("SERVICE_ACCOUNT").unwrap_or_else(|_| "backup".into());
    let mut ldap = LdapConn::new("ldap://dc01.corp.local").expect("connect");
    let filter = format!("(sAMAccountName={})", ldap3::ldap_escape(&account));
    let result = ldap
        .search("dc=corp,dc=local", Scope::Subtree, &filter, vec!["pwdLastSet"])
        .and_then(|r| r.success());
    match result {
        Ok((entries, _)) => println!("{} entries for {}", entries.len(), account),
        Err(e) => eprintln!("lookup failed: {e}"),
    }
}
