package com.example.users;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class RegistrationController {
    private final JdbcTemplate jdbc;

    public RegistrationController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @PostMapping("/register")
    public void register(@RequestParam String email, @RequestParam String password) throws Exception {
        String hash = new BCryptPasswordEncoder().encode(password);
        jdbc.update("INSERT INTO users (email, password_hash) VALUES (?, ?)", email, hash);
    }
}
