package com.example.ops;

import java.io.IOException;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class MaintenanceServlet extends HttpServlet {
    private static final Map<String, String> BANNERS = Map.of(
            "deploy", "A new release is being deployed",
            "database", "Database maintenance tonight from 22:00 UTC");

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String message = req.getParameter("message");
        getServletContext().setAttribute("maintenanceBanner", message);
        resp.getWriter().println("banner updated");
    }
}
