package com.example.auth;

import java.io.IOException;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class LoginServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String sessionId = (String) req.getAttribute("issuedSession");
        Cookie cookie = new Cookie("SESSION", sessionId);
        cookie.setPath("/");
        cookie.setMaxAge(12 * 3600);
        resp.addCookie(cookie);
        resp.sendRedirect("/home");
    }
}
