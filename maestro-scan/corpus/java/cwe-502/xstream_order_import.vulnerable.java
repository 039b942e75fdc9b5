package com.example.orders;

import com.thoughtworks.xstream.XStream;
import com.thoughtworks.xstream.security.AnyTypePermission;
import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class OrderImportServlet extends HttpServlet {
    public static class Order {
        String id;
        double total;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        XStream xstream = new XStream();
        xstream.addPermission(AnyTypePermission.ANY);
        xstream.alias("order", Order.class);
        Order order = (Order) xstream.fromXML(req.getInputStream());
        resp.getWriter().println("imported " + order.id);
    }
}
