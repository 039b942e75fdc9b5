package com.example.tokens;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;

public class RefreshCookieWriter {
    public void write(HttpServletResponse response, String refreshToken) {
        Cookie refresh = new Cookie("refresh_token", refreshToken);
        refresh.setPath("/auth/refresh");
        refresh.setHttpOnly(true);
        refresh.setSecure(true);
        response.addCookie(refresh);
    }
}
