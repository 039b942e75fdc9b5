package com.example.sync;

import java.io.IOException;
import java.io.ObjectInputStream;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class SyncServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(req.getInputStream())) {
            Object batch = in.readObject();
            resp.getWriter().println("received " + batch.getClass().getSimpleName());
        } catch (ClassNotFoundException e) {
            resp.sendError(400, "unknown payload");
        }
    }
}
