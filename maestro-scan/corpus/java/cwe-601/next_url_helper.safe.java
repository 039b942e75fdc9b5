package com.example.checkout;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class CheckoutCompleteServlet extends HttpServlet {
    private static String nextUrl(HttpServletRequest req) {
        String next = req.getParameter("returnUrl");
        if (next == null || !next.matches("/[A-Za-z0-9/_-]*")) {
            return "/orders";
        }
        return next;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.sendRedirect(nextUrl(req));
    }
}
