package com.example.admin;

import java.io.IOException;
import java.util.Set;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

public class SwitchRoleServlet extends HttpServlet {
    private static final Set<String> ROLES = Set.of("viewer", "editor");

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String role = req.getParameter("role");
        HttpSession session = req.getSession();
        session.setAttribute("role", role);
        resp.sendRedirect("/dashboard");
    }
}
