use ldap3::{LdapConn, Scope, SearchEntry};
use std::env;

fn main() -> ldap3::result::Result<()> {
    let group = env::args().nth(1).expect("usage: members GROUP");
    let mut ldap = LdapConn::new("ldap://ldap.corp.local")?;
    ldap.simple_bind(&env::var("LDAP_BIND_DN").unwrap(), &env::var("LDAP_BIND_PW").unwrap())?;
    let filter = "(&(objectClass=groupOfNames)(cn=".to_owned() + &ldap3::ldap_escape(&group) + "))";
    let (entries, _) = ldap.search("ou=groups,dc=corp,dc=local", Scope::Subtree, &filter, vec!["member"])?.success()?;
    for e in entries {
        for m in SearchEntry::construct(e).attrs.get("member").cloned().unwrap_or_default() {
            println!("{m}");
        }
    }
    Ok(())
}
