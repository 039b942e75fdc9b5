package com.example.recovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

public class ResetTokenHasher {
    private static final String DIGEST_ALGORITHM = "SHA-256";

    public String digestForStorage(String resetToken) throws Exception {
        MessageDigest md = MessageDigest.getInstance(DIGEST_ALGORITHM);
        return Base64.getEncoder().encodeToString(md.digest(resetToken.getBytes(StandardCharsets.UTF_8)));
    }
}
