package com.example.tokens;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.jdbc.core.JdbcTemplate;

public class ApiTokenStore {
    private final JdbcTemplate jdbc;

    public ApiTokenStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void store(long userId, String token) {
        jdbc.update("INSERT INTO api_tokens (user_id, digest) VALUES (?, ?)", userId, DigestUtils.sha256Hex(token));
    }

    public Long owner(String token) {
        return jdbc.queryForObject("SELECT user_id FROM api_tokens WHERE digest = ?", Long.class,
                DigestUtils.sha256Hex(token));
    }
}
