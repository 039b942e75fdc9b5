package com.example.contacts;

import java.io.IOException;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.ldap.support.LdapEncoder;

public class ContactLookupServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String mail = req.getParameter("mail");
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, "ldap://ldap.internal:389");
        try {
            InitialDirContext ctx = new InitialDirContext(env);
            String filter = String.format("(&(objectClass=person)(mail=%s))", LdapEncoder.filterEncode(mail));
            boolean found = ctx.search("dc=internal", filter, new SearchControls()).hasMore();
            resp.getWriter().println(found ? "known contact" : "unknown");
        } catch (NamingException e) {
            resp.sendError(502);
        }
    }
}
