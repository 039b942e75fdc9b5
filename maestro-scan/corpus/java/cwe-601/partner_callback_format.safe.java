package com.example.partners;

import java.io.IOException;
import java.net.URI;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class PartnerHandoffServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String callback = req.getParameter("callback");
        String token = (String) req.getSession().getAttribute("handoffToken");
        URI uri = URI.create(callback);
        if (!"https".equals(uri.getScheme()) || !"partner.example.com".equals(uri.getHost())) {
            resp.sendError(400, "unknown partner callback");
            return;
        }
        resp.sendRedirect(String.format("%s?token=%s", callback, token));
    }
}
