package com.example.auth;

import java.security.Principal;
import javax.servlet.http.HttpSession;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ProfileSessionController {
    @PostMapping("/session/profile")
    public String remember(@RequestParam String username, Principal principal, HttpSession session) {
        session.setAttribute("username", username);
        return "ok";
    }
}
