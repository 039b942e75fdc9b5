package com.example.checkout;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class CheckoutCompleteServlet extends HttpServlet {
    private static String nextUrl(HttpServletRequest req) {
        String next = req.getParameter("returnUrl");
        return next == null || next.isBlank() ? "/orders" : next;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.sendRedirect(nextUrl(req));
    }
}
