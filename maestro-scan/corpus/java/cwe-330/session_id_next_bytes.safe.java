package com.example.session;

import java.security.SecureRandom;
import java.util.Base64;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;

public class SessionIssuer {
    private static final SecureRandom RNG = new SecureRandom();

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
