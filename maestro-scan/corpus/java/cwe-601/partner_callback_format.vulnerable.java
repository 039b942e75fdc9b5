package com.example.partners;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class PartnerHandoffServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String callback = req.getParameter("callback");
        String token = (String) req.getSession().getAttribute("handoffToken");
        resp.sendRedirect(String.format("%s?token=%s", callback, token));
    }
}
