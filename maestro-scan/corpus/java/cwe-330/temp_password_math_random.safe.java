package com.example.admin;

import java.security.SecureRandom;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class TempPasswordController {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    @PostMapping("/admin/users/{id}/temp-password")
    public String reset(@PathVariable long id) {
        SecureRandom rng = new SecureRandom();
        StringBuilder pw = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            pw.append(ALPHABET.charAt(rng.nextInt(ALPHABET.length())));
        }
        return pw.toString();
    }
}
