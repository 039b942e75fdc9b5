package com.example.cart;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

public class AddItemServlet extends HttpServlet {
    @Override
    @SuppressWarnings("unchecked")
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HttpSession session = req.getSession();
        Map<String, Object> cart = (Map<String, Object>) session.getAttribute("cart");
        if (cart == null) {
            cart = new HashMap<>();
        }
        String quantity = req.getParameter("quantity");
        cart.put("sku-" + Long.parseLong(req.getParameter("sku")), quantity);
        session.setAttribute("cart", cart);
        resp.setStatus(201);
    }
}
