package com.example.media;

import java.io.IOException;
import java.util.Set;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ConvertServlet extends HttpServlet {
    private static final Set<String> FORMATS = Set.of("png", "jpg", "webp");

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String format = req.getParameter("format");
        if (!FORMATS.contains(format)) {
            resp.sendError(400, "unsupported format");
            return;
        }
        ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                "convert /srv/media/upload.tmp /srv/media/out." + format);
        try {
            int code = pb.start().waitFor();
            resp.getWriter().println(code == 0 ? "converted" : "failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resp.sendError(500);
        }
    }
}
