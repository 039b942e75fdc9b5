package com.example.remember;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;

public class RememberMeWriter {
    public void write(HttpServletResponse response, String token) {
        Cookie c = new Cookie("remember_me", token);
        c.setMaxAge(30 * 24 * 3600);
        c.setPath("/");
        c.setSecure(false);
        c.setHttpOnly(false);
        response.addCookie(c);
    }
}
