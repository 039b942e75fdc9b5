package com.example.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

public class PasswordHasher {
    public record Hashed(byte[] salt, byte[] hash) {}

    public Hashed hash(String password) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(salt);
        byte[] hash = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
        return new Hashed(salt, hash);
    }
}
