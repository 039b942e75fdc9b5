package com.example.flash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;

public class DashboardServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String flash = "";
        if (req.getCookies() != null) {
            for (Cookie c : req.getCookies()) {
                if ("flash".equals(c.getName())) {
                    flash = Encode.forHtmlContent(c.getValue());
                }
            }
        }
        resp.setContentType("text/html");
        String page = "<body><p class=\"flash\">" + flash + "</p><main>Dashboard</main></body>";
        resp.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
    }
}
