package com.example.auth;

import java.util.Base64;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;

public class RememberMeService {
    public record Principal(String user, long issuedAt) implements java.io.Serializable {}

    public Principal fromRequest(HttpServletRequest request) throws Exception {
        for (Cookie c : request.getCookies()) {
            if ("remember".equals(c.getName())) {
                byte[] raw = Base64.getUrlDecoder().decode(c.getValue());
                String[] parts = new String(raw, java.nio.charset.StandardCharsets.UTF_8).split(":", 2);
                return new Principal(parts[0], Long.parseLong(parts[1]));
            }
        }
        return null;
    }
}
