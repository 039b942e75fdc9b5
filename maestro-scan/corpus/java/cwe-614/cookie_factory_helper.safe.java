package com.example.web;

import java.io.IOException;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class SsoCallbackServlet extends HttpServlet {
    private static Cookie authCookie(String name, String value) {
        Cookie c = new Cookie(name, value);
        c.setPath("/");
        c.setMaxAge(86400);
        c.setSecure(true);
        c.setHttpOnly(true);
        return c;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.addCookie(authCookie("sso_ticket", (String) req.getAttribute("ticket")));
        resp.sendRedirect("/");
    }
}
