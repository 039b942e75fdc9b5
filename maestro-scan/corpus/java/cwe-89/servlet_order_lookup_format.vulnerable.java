package com.example.orders;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class OrderStatusServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String orderId = req.getParameter("orderId");
        String sql = String.format("SELECT status FROM orders WHERE id = %s", orderId);
        try (Connection conn = DriverManager.getConnection(System.getenv("JDBC_URL"));
             ResultSet rs = conn.createStatement().executeQuery(sql)) {
            resp.getWriter().println(rs.next() ? rs.getString(1) : "unknown");
        } catch (SQLException e) {
            resp.sendError(500, "lookup failed");
        }
    }
}
