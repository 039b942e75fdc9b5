package com.example.guestbook;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class GuestbookServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String author = req.getParameter("author");
        String comment = req.getParameter("comment");
        resp.setContentType("text/html");
        resp.getWriter().printf("<div class=\"entry\"><b>%s</b><p>%s</p></div>", author, comment);
    }
}
