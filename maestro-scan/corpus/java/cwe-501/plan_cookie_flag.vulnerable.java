package com.example.billing;

import javax.servlet.http.HttpSession;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PlanSyncController {
    private static final boolean TRUST_PLAN_COOKIE = true;

    @PostMapping("/billing/sync")
    public String sync(@CookieValue(value = "plan", defaultValue = "free") String plan, HttpSession session) {
        if (TRUST_PLAN_COOKIE) {
            session.setAttribute("plan", plan);
        } else {
            session.setAttribute("plan", "free");
        }
        return "synced";
    }
}
