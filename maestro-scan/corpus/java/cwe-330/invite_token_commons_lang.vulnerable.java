package com.example.invites;

import org.apache.commons.lang3.RandomStringUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class InviteController {
    @PostMapping("/teams/{team}/invites")
    public String create(@PathVariable String team) {
        String token = RandomStringUtils.randomAlphanumeric(32);
        return "https://app.example.com/join/" + team + "?token=" + token;
    }
}
