package com.example.auth;

import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.util.Base64;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;

public class RememberMeService {
    public record Principal(String user, long issuedAt) implements java.io.Serializable {}

    public Principal fromRequest(HttpServletRequest request) throws Exception {
        for (Cookie c : request.getCookies()) {
            if ("remember".equals(c.getName())) {
                byte[] raw = Base64.getUrlDecoder().decode(c.getValue());
                try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(raw))) {
                    return (Principal) in.readObject();
                }
            }
        }
        return null;
    }
}
