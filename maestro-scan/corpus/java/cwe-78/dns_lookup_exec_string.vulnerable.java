package com.example.dns;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class LookupServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String domain = req.getParameter("domain");
        Process proc = Runtime.getRuntime().exec("nslookup " + domain);
        resp.setContentType("text/plain");
        proc.getInputStream().transferTo(resp.getOutputStream());
    }
}
