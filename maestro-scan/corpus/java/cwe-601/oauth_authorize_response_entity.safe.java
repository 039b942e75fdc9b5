package com.example.oauth;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AuthorizeController {
    public record AuthorizeRequest(String clientId, String redirectUri) {}

    private static final Map<String, String> REGISTERED = Map.of("mobile", "https://app.example.com/cb");

    @PostMapping("/oauth/authorize")
    public ResponseEntity<Void> authorize(@RequestBody AuthorizeRequest req) {
        if (!req.redirectUri().equals(REGISTERED.get(req.clientId()))) {
            return ResponseEntity.badRequest().build();
        }
        String code = "a1b2c3";
        URI target = URI.create(req.redirectUri() + "?code=" + code);
        return ResponseEntity.status(HttpStatus.FOUND).location(target).build();
    }
}
