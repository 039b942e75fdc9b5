package com.example.session;

import java.util.Base64;
import java.util.Random;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;

public class SessionIssuer {
    private static final Random RNG = new Random();

    public static String newSessionId() {
        byte[] bytes = new byte[32];
        RNG.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static void issue(HttpServletResponse resp) {
        Cookie c = new Cookie("SID", newSessionId());
        c.setSecure(true);
        c.setHttpOnly(true);
        resp.addCookie(c);
    }
}
