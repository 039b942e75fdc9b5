package com.example.portal;

import java.io.IOException;
import java.util.Set;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ContinueServlet extends HttpServlet {
    private static final Set<String> PAGES = Set.of("/inbox", "/reports", "/settings");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String target = req.getParameter("continue");
        if (target == null || !PAGES.contains(target)) {
            target = "/inbox";
        }
        resp.sendRedirect(target);
    }
}
