package com.example.legacy;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class LegacyAuthServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String token = (String) req.getAttribute("authToken");
        resp.addHeader("Set-Cookie", "auth=" + token + "; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax");
        resp.setStatus(204);
    }
}
