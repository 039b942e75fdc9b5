package com.example.tenancy;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

public class TenantSelectServlet extends HttpServlet {
    private static void rememberTenant(HttpSession session, String tenant) {
        session.setAttribute("tenantId", tenant);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        rememberTenant(req.getSession(), req.getParameter("tenant"));
        resp.sendRedirect("/app");
    }
}
