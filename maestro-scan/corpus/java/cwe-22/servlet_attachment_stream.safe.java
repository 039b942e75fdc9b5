package com.example.attachments;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class AttachmentServlet extends HttpServlet {
    private static final String UPLOAD_DIR = "/var/lib/app/uploads/";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = new File(req.getParameter("name")).getName();
        try (InputStream in = new FileInputStream(UPLOAD_DIR + name)) {
            resp.setContentType("application/octet-stream");
            in.transferTo(resp.getOutputStream());
        }
    }
}
