package com.example.onboarding;

import java.util.Map;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ResumeServlet extends HttpServlet {
    private static final Map<String, String> STEPS = Map.of("profile", "/onboarding/profile", "billing", "/onboarding/billing");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
        String location = "/onboarding";
        if (req.getCookies() != null) {
            for (Cookie c : req.getCookies()) {
                if (c.getName().equals("resume_at")) {
                    location = STEPS.getOrDefault(c.getValue(), "/onboarding");
                }
            }
        }
        resp.setStatus(HttpServletResponse.SC_FOUND);
        resp.setHeader("Location", location);
    }
}
