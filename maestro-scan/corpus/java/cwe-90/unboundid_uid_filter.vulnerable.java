package com.example.sso;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;
import javax.servlet.http.HttpServletRequest;

public class AccountResolver {
    private final LDAPConnection conn;

    public AccountResolver(LDAPConnection conn) {
        this.conn = conn;
    }

    public String resolveDn(HttpServletRequest request) throws LDAPException {
        String uid = request.getHeader("X-Remote-User");
        SearchResult res = conn.search("dc=example,dc=com", SearchScope.SUB, "(uid=" + uid + ")", "dn");
        return res.getEntryCount() == 1 ? res.getSearchEntries().get(0).getDN() : null;
    }
}
