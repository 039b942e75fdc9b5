package com.example.tools;

import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;

public class LockedAccounts {
    public static void main(String[] args) throws Exception {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, System.getenv("LDAP_URL"));
        InitialDirContext ctx = new InitialDirContext(env);
        String filter = "(&(sAMAccountName=" + args[0] + ")(lockoutTime>=1))";
        NamingEnumeration<SearchResult> res = ctx.search("dc=corp,dc=local", filter, new SearchControls());
        System.out.println(args[0] + " locked: " + res.hasMore());
    }
}
