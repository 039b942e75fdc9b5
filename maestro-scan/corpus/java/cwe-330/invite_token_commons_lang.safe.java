package com.example.invites;

import java.security.SecureRandom;
import org.apache.commons.lang3.RandomStringUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class InviteController {
    @PostMapping("/teams/{team}/invites")
    public String create(@PathVariable String team) {
        String token = RandomStringUtils.random(32, 0, 0, true, true, null, new SecureRandom());
        return "https://app.example.com/join/" + team + "?token=" + token;
    }
}
