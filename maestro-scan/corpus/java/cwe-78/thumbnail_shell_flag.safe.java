package com.example.thumbs;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ThumbnailServlet extends HttpServlet {
    private static final boolean USE_SHELL = false;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String size = req.getParameter("size");
        Process p;
        if (USE_SHELL) {
            p = Runtime.getRuntime().exec(new String[] {"sh", "-c", "vipsthumbnail in.jpg -s " + size});
        } else {
            p = new ProcessBuilder("vipsthumbnail", "in.jpg", "-s", size).start();
        }
        resp.getWriter().println("started " + p.pid());
    }
}
