package com.example.forms;

import java.io.IOException;
import java.util.Random;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class CsrfTokenServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Random rnd = new Random(System.currentTimeMillis());
        String token = Long.toString(rnd.nextLong() & Long.MAX_VALUE, 36);
        req.getSession().setAttribute("csrf", token);
        resp.getWriter().print(token);
    }
}
